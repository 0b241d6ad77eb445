//! The database: connection set-up, migrations, write transactions, and the
//! hand-written queries per aggregate (one module each).
pub mod account;
pub mod assignments;
pub mod audit;
pub mod calendars;
pub mod entities;
pub mod extensions;
pub mod intakes;
pub mod matching;
pub mod mentors;
pub mod outbox;
pub mod plans;
pub mod sessions;
pub mod sheets;
pub mod users;

use crate::error::AppError;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    TransactionOptions, TransactionTrait,
};
use std::time::Duration;

/// The application's handle on the database.
#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
}

impl Db {
    /// Connect. SQLite runs in WAL mode with a busy timeout, so readers never
    /// block the writer and a waiting writer waits instead of failing.
    pub async fn connect(url: &str) -> Result<Db, sea_orm::DbErr> {
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10));
        if url.starts_with("sqlite:") {
            opts.max_connections(8)
                .min_connections(1)
                .map_sqlx_sqlite_opts(|o| {
                    o.journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(10))
                        .foreign_keys(true)
                });
        } else {
            opts.max_connections(16).min_connections(1);
        }
        let conn = Database::connect(opts).await?;
        Ok(Db { conn })
    }

    pub async fn migrate(&self) -> Result<(), sea_orm::DbErr> {
        Migrator::up(&self.conn, None).await
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Begin a transaction that will write after reading. On SQLite it takes
    /// the write lock up front (`BEGIN IMMEDIATE`), so two such transactions
    /// queue behind the busy timeout instead of one failing with "database is
    /// locked" when it upgrades; on PostgreSQL rows are locked explicitly
    /// (`SELECT … FOR UPDATE`) where a decision depends on them.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, AppError> {
        let opts = TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.conn.begin_with_options(opts).await?)
    }

    /// Does the database answer?
    pub async fn ping(&self) -> bool {
        self.conn.execute_unprepared("SELECT 1").await.is_ok()
    }
}

/// Lock a row for the rest of the transaction on PostgreSQL (SQLite's
/// `BEGIN IMMEDIATE` already serialises writers).
pub fn lock_for_update<S>(backend: DbBackend, select: S) -> S
where
    S: sea_orm::QuerySelect,
{
    if backend == DbBackend::Postgres {
        select.lock_exclusive()
    } else {
        select
    }
}

/// Page through a list: `?limit=` (default 50, at most 200) and `?page=` (from 1).
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub limit: u64,
    pub page: u64,
}

impl Paging {
    pub fn new(limit: Option<u64>, page: Option<u64>) -> Result<Paging, AppError> {
        let limit = limit.unwrap_or(50);
        let page = page.unwrap_or(1);
        if !(1..=200).contains(&limit) {
            return Err(AppError::field("limit", "out_of_range"));
        }
        if page == 0 || page > 1_000_000 {
            return Err(AppError::field("page", "out_of_range"));
        }
        Ok(Paging { limit, page })
    }
    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.limit
    }
}
