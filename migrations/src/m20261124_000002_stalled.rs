//! The coordinator's stalled list in SQL (`db::sheets::stalled`): one pass
//! over the sessions of the active plans, which are found by their status,
//! and each plan's sessions read in order from an index that holds every
//! column the pass needs (status, end, held time, sheet status, and the id,
//! which PostgreSQL does not keep in an index by itself), so neither the pass
//! nor its look-ups of earlier sessions visit the wide session rows.
use sea_orm_migration::prelude::*;

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
        m.create_index(index(
            "idx_plans_status",
            "plans",
            &["status", "id", "created_at"],
        ))
        .await?;
        m.create_index(index(
            "idx_plan_sessions_stalled",
            "plan_sessions",
            &[
                "plan_id",
                "number",
                "status",
                "ends_at",
                "held_at",
                "sheet_status",
                "id",
            ],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("idx_plan_sessions_stalled", "plan_sessions"),
            ("idx_plans_status", "plans"),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
