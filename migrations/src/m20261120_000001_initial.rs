//! The first schema: accounts, sessions and tokens, mentor roster, intakes with
//! their review trail, assignments, plans and sessions, and the email outbox.
//!
//! Structured answers that are read whole (the intake's fields, a mentor's
//! profile) are stored as JSON text beside the few columns that queries filter
//! and sort on, so that the schema stays portable between SQLite and PostgreSQL.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: (&'static str, &'static str), to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn index(
    table: &'static str,
    name: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in cols {
        stmt.col(*c);
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("users")
                .col(pk_auto("id"))
                .col(string_uniq("email"))
                .col(string_null("password_hash"))
                .col(string("display_name"))
                .col(string("role"))
                .col(string("locale"))
                .col(string("time_zone"))
                .col(boolean("disabled").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("users", "idx_users_role", &["role"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("web_sessions")
                .col(pk_auto("id"))
                .col(string_uniq("token_hash"))
                .col(integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk(("web_sessions", "user_id"), "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "web_sessions",
            "idx_web_sessions_user",
            &["user_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("api_tokens")
                .col(pk_auto("id"))
                .col(string_uniq("token_hash"))
                .col(integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk(("api_tokens", "user_id"), "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "api_tokens",
            "idx_api_tokens_user",
            &["user_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("mentor_profiles")
                .col(pk_auto("id"))
                .col(integer_uniq("user_id"))
                .col(text("profile"))
                .col(integer("capacity"))
                .col(boolean("accepting"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("mentor_profiles", "user_id"), "users"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("mentor_invitations")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string_uniq("token_hash"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(("mentor_invitations", "user_id"), "users"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("intakes")
                .col(pk_auto("id"))
                .col(integer_uniq("mentee_id"))
                .col(string("status"))
                .col(text("fields"))
                .col(integer("completeness"))
                .col(boolean("needs_call"))
                .col(string_null("consent_version"))
                .col(timestamp_with_time_zone_null("consented_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("intakes", "mentee_id"), "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "intakes",
            "idx_intakes_queue",
            &["status", "needs_call", "submitted_at"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("intake_edits")
                .col(pk_auto("id"))
                .col(integer("intake_id"))
                .col(integer("editor_id"))
                .col(text("fields"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(("intake_edits", "intake_id"), "intakes"))
                .foreign_key(&mut fk(("intake_edits", "editor_id"), "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "intake_edits",
            "idx_intake_edits_intake",
            &["intake_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("call_notes")
                .col(pk_auto("id"))
                .col(integer("intake_id"))
                .col(integer("author_id"))
                .col(text("note"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(("call_notes", "intake_id"), "intakes"))
                .foreign_key(&mut fk(("call_notes", "author_id"), "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "call_notes",
            "idx_call_notes_intake",
            &["intake_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("assignments")
                .col(pk_auto("id"))
                .col(integer("intake_id"))
                .col(integer("mentor_id"))
                .col(integer("coordinator_id"))
                .col(string("status"))
                .col(text("message"))
                .col(text_null("decline_reason"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .foreign_key(&mut fk(("assignments", "intake_id"), "intakes"))
                .foreign_key(&mut fk(("assignments", "mentor_id"), "mentor_profiles"))
                .foreign_key(&mut fk(("assignments", "coordinator_id"), "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "assignments",
            "idx_assignments_mentor",
            &["mentor_id", "status"],
            false,
        ))
        .await?;
        m.create_index(index(
            "assignments",
            "idx_assignments_intake",
            &["intake_id", "status"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("programme_sessions")
                .col(pk_auto("id"))
                .col(integer_uniq("number"))
                .col(string("theme"))
                .col(text("prompts"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("plans")
                .col(pk_auto("id"))
                .col(integer_uniq("assignment_id"))
                .col(integer("intake_id"))
                .col(integer("mentee_id"))
                .col(integer("mentor_id"))
                .col(string("kind"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("completed_at"))
                .foreign_key(&mut fk(("plans", "assignment_id"), "assignments"))
                .foreign_key(&mut fk(("plans", "intake_id"), "intakes"))
                .foreign_key(&mut fk(("plans", "mentee_id"), "users"))
                .foreign_key(&mut fk(("plans", "mentor_id"), "mentor_profiles"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("plans", "idx_plans_mentee", &["mentee_id"], false))
            .await?;
        m.create_index(index(
            "plans",
            "idx_plans_mentor",
            &["mentor_id", "status"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("plan_sessions")
                .col(pk_auto("id"))
                .col(integer("plan_id"))
                .col(integer("number"))
                .col(string("theme"))
                .col(text("prompts"))
                .col(string("status"))
                .col(timestamp_with_time_zone_null("starts_at"))
                .col(timestamp_with_time_zone_null("ends_at"))
                .col(text_null("meeting_url"))
                .col(string_uniq("uid"))
                .col(integer("sequence").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("plan_sessions", "plan_id"), "plans"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "plan_sessions",
            "idx_plan_sessions_plan",
            &["plan_id", "number"],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("outbox")
                .col(pk_auto("id"))
                .col(string("kind"))
                .col(string("message_id"))
                .col(string("to_address"))
                .col(string("to_name"))
                .col(text("subject"))
                .col(text("text_body"))
                .col(text("html_body"))
                .col(string("status"))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "outbox",
            "idx_outbox_due",
            &["status", "next_attempt_at"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "outbox",
            "plan_sessions",
            "plans",
            "programme_sessions",
            "assignments",
            "call_notes",
            "intake_edits",
            "intakes",
            "mentor_invitations",
            "mentor_profiles",
            "api_tokens",
            "web_sessions",
            "users",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
