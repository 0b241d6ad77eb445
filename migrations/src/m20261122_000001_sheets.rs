//! The mentoring-sheet exchange: each held session's sheet and its reply,
//! the record of every coordinator read, nudges, and the mentee's feedback
//! when a plan completes.
//!
//! `plan_sessions.sheet_status` mirrors the sheet's life cycle so that lists,
//! completion and the stalled-pairs view need no join; the text lives in
//! `sheets`. SQLite adds one column per `ALTER TABLE`.
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

fn index(name: &'static str, table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            string("sheet_status").default("none").to_owned(),
            timestamp_with_time_zone_null("sheet_nudged_at"),
        ] {
            m.alter_table(
                Table::alter()
                    .table("plan_sessions")
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        // Sessions held before sheets existed are not nudged about them.
        m.get_connection()
            .execute_unprepared(
                "UPDATE plan_sessions SET sheet_nudged_at = held_at WHERE status = 'held'",
            )
            .await?;
        m.create_index(index(
            "idx_plan_sessions_sheet",
            "plan_sessions",
            &["sheet_status", "held_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("sheets")
                .col(pk_auto("id"))
                .col(integer_uniq("session_id"))
                .col(integer("plan_id"))
                .col(integer("mentee_id"))
                .col(text("realizations"))
                .col(text("next_actions"))
                .col(text("questions"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(text_null("reply_message"))
                .col(text_null("reply_strengths"))
                .col(timestamp_with_time_zone_null("replied_at"))
                .col(timestamp_with_time_zone_null("reply_nudged_at"))
                .foreign_key(&mut fk(("sheets", "session_id"), "plan_sessions"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_sheets_plan", "sheets", &["plan_id"]))
            .await?;
        m.create_index(index("idx_sheets_submitted", "sheets", &["submitted_at"]))
            .await?;
        m.create_index(index("idx_sheets_replied", "sheets", &["replied_at"]))
            .await?;

        m.create_table(
            Table::create()
                .table("sheet_reads")
                .col(pk_auto("id"))
                .col(integer("session_id"))
                .col(integer("plan_id"))
                .col(integer("mentee_id"))
                .col(integer("reader_id"))
                .col(timestamp_with_time_zone("read_at"))
                .foreign_key(&mut fk(("sheet_reads", "session_id"), "plan_sessions"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_sheet_reads_mentee",
            "sheet_reads",
            &["mentee_id", "read_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("plan_feedback")
                .col(pk_auto("id"))
                .col(integer_uniq("plan_id"))
                .col(integer("mentee_id"))
                .col(integer("satisfaction"))
                .col(boolean("positive_action"))
                .col(text("positive_action_detail"))
                .col(text("comment"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(("plan_feedback", "plan_id"), "plans"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_plan_feedback_created",
            "plan_feedback",
            &["created_at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["plan_feedback", "sheet_reads", "sheets"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_plan_sessions_sheet")
                .table("plan_sessions")
                .to_owned(),
        )
        .await?;
        for col in ["sheet_status", "sheet_nudged_at"] {
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
