//! Trust and privacy: idle session timeouts (`web_sessions.last_seen_at`),
//! erased accounts (`users.deleted_at`) and the audit log (`audit_events`):
//! security events (failed logins, denials, CSRF failures, rate limits) with
//! time, user and address, and the events a mentee sees about her own data
//! (consents, sharing changes, password and email changes, exports).
//! SQLite adds one column per `ALTER TABLE`.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

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
        m.alter_table(
            Table::alter()
                .table("web_sessions")
                .add_column(timestamp_with_time_zone_null("last_seen_at"))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared("UPDATE web_sessions SET last_seen_at = created_at")
            .await?;
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(timestamp_with_time_zone_null("deleted_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("audit_events")
                .col(pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(string("kind"))
                .col(integer_null("actor_id"))
                .col(integer_null("subject_id"))
                .col(string_null("ip"))
                .col(string_null("path"))
                .col(text_null("detail"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_audit_events_subject",
            "audit_events",
            &["subject_id", "at"],
        ))
        .await?;
        m.create_index(index("idx_audit_events_at", "audit_events", &["at"]))
            .await?;
        m.create_index(index("idx_outbox_sent", "outbox", &["status", "sent_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_outbox_sent")
                .table("outbox")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("audit_events").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("users")
                .drop_column("deleted_at")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("web_sessions")
                .drop_column("last_seen_at")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
