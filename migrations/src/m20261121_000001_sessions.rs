//! Scheduling between the pair: proposals and history on each session, the
//! calendar attachment of an email, personal calendar feeds, busy times from
//! a user's own calendar, and plan extensions.
//!
//! SQLite adds one column per `ALTER TABLE`, so each column is its own statement.
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

fn add(table: &'static str, col: ColumnDef) -> TableAlterStatement {
    Table::alter().table(table).add_column(col).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            text("proposals").default("[]").to_owned(),
            string_null("proposed_by"),
            text_null("proposal_message"),
            text_null("proposal_meeting_url"),
            timestamp_with_time_zone_null("proposed_at"),
            timestamp_with_time_zone_null("confirmed_at"),
            timestamp_with_time_zone_null("held_at"),
            text_null("cancel_reason"),
            timestamp_with_time_zone_null("cancelled_at"),
            timestamp_with_time_zone_null("reminded_at"),
        ] {
            m.alter_table(add("plan_sessions", col)).await?;
        }
        m.create_index(
            Index::create()
                .name("idx_plan_sessions_status_start")
                .table("plan_sessions")
                .col("status")
                .col("starts_at")
                .to_owned(),
        )
        .await?;

        for col in [text_null("ics"), string_null("ics_method")] {
            m.alter_table(add("outbox", col)).await?;
        }

        m.create_table(
            Table::create()
                .table("calendar_feeds")
                .col(pk_auto("id"))
                .col(integer_uniq("user_id"))
                .col(string_uniq("token_digest"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(("calendar_feeds", "user_id"), "users"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("busy_calendars")
                .col(pk_auto("id"))
                .col(integer_uniq("user_id"))
                .col(text_null("url"))
                .col(text("intervals"))
                .col(integer("events"))
                .col(timestamp_with_time_zone("fetched_at"))
                .foreign_key(&mut fk(("busy_calendars", "user_id"), "users"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("plan_extensions")
                .col(pk_auto("id"))
                .col(integer("plan_id"))
                .col(text("message"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(integer_null("decided_by"))
                .col(text_null("decline_reason"))
                .foreign_key(&mut fk(("plan_extensions", "plan_id"), "plans"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_extensions_plan")
                .table("plan_extensions")
                .col("plan_id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_extensions_status")
                .table("plan_extensions")
                .col("status")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["plan_extensions", "busy_calendars", "calendar_feeds"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_plan_sessions_status_start")
                .table("plan_sessions")
                .to_owned(),
        )
        .await?;
        for col in ["ics", "ics_method"] {
            m.alter_table(Table::alter().table("outbox").drop_column(col).to_owned())
                .await?;
        }
        for col in [
            "proposals",
            "proposed_by",
            "proposal_message",
            "proposal_meeting_url",
            "proposed_at",
            "confirmed_at",
            "held_at",
            "cancel_reason",
            "cancelled_at",
            "reminded_at",
        ] {
            m.alter_table(
                Table::alter()
                    .table("plan_sessions")
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
