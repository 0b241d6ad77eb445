//! Schema migrations, one timestamped file per change, append-only: never edit
//! one that has landed; add a new one instead.
pub use sea_orm_migration::prelude::*;

mod m20261120_000001_initial;
mod m20261121_000001_sessions;
mod m20261122_000001_sheets;
mod m20261123_000001_trust;
mod m20261124_000001_performance;
mod m20261124_000002_stalled;

/// Every migration of the application, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261120_000001_initial::Migration),
            Box::new(m20261121_000001_sessions::Migration),
            Box::new(m20261122_000001_sheets::Migration),
            Box::new(m20261123_000001_trust::Migration),
            Box::new(m20261124_000001_performance::Migration),
            Box::new(m20261124_000002_stalled::Migration),
        ]
    }
}
