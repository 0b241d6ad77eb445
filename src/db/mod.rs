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
    DbErr, ExecResult, QueryResult, Statement, TransactionOptions, TransactionTrait,
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Rows buffered between a SQLite connection's thread and the request.
const ROW_CHANNEL: usize = 1024;

/// The writer's threshold (pages of write-ahead log) at which its commit
/// copies the log into the database file, with two `fsync`s, before it
/// returns: only a backstop. The server copies the log in the background
/// ([`checkpoints`]); when the writer did it at SQLite's default of 1,000
/// pages, every hundred or so submissions one of them, and everyone queued
/// behind it, waited for the copy and its `fsync`s.
const WRITER_CHECKPOINT_PAGES: &str = "20000";

/// A pooled connection idle this long is pinged before it is handed out.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

/// How often the background checkpoint runs.
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// Run forever: a passive checkpoint every [`CHECKPOINT_EVERY`] (see
/// [`Db::checkpoint`]). Returns at once on PostgreSQL. A failure is logged and
/// the next round tries again; the writer's own threshold is the backstop.
pub async fn checkpoints(db: Db) {
    if !db.has_log {
        return;
    }
    let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = db.checkpoint().await {
            tracing::warn!(error = %e, "background checkpoint failed");
        }
    }
}

/// The application's handle on the database.
#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    /// SQLite has one writer at a time: write transactions queue here, in
    /// order, instead of spinning on the busy timeout (a lock storm under
    /// many connections), and run on a connection of their own, so a write
    /// whose turn has come never waits behind readers for one of the pool's.
    /// `None` on PostgreSQL.
    writer: Option<(Arc<Mutex<()>>, DatabaseConnection)>,
    /// A SQLite file: it has a write-ahead log to copy into it (see
    /// [`Db::checkpoint`]). Not PostgreSQL, nor an in-memory SQLite database.
    has_log: bool,
    /// Bumped after every committed write transaction of this process; the
    /// caches built from the database (the mentor roster) compare it.
    generation: Arc<AtomicU64>,
    /// The mentor roster as ranking needs it (see `matching::roster`).
    pub roster: Arc<matching::RosterCache>,
    /// Counts of whole lists (see [`Db::count`]).
    counts: Arc<CountCache>,
    /// The coordinator's stalled list (see `sheets::stalled_cached`).
    pub stalled: Arc<sheets::StalledCache>,
    /// Who is signed in with a cookie or token (see `auth::resolve`).
    pub signed_in: Arc<SignedInCache>,
}

/// A write transaction: the queue's place on SQLite is held until it ends,
/// and its commit bumps the database's generation.
pub struct WriteTx {
    tx: DatabaseTransaction,
    generation: Arc<AtomicU64>,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), DbErr> {
        let done = self.tx.commit().await;
        // Even when the commit reports an error: it may have happened.
        self.generation.fetch_add(1, Ordering::Release);
        done
    }

    /// Undo everything (dropping the transaction does the same).
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.tx.rollback().await
    }

    /// Run writes in order and answer how many rows they changed in all; a
    /// caller that finds fewer than it expects rolls the transaction back.
    /// On SQLite they reach the writer's thread as one text of several
    /// statements, which sqlx runs there in one go: each statement sent on
    /// its own is a hop to that thread and back, two context switches that
    /// cost more than the statement (README, Performance). On PostgreSQL
    /// they are sent one by one (as one statement of `WITH` parts they were
    /// no faster: README, "Tried and not kept").
    pub async fn execute_all(&self, writes: Vec<Write>) -> Result<u64, DbErr> {
        let backend = self.tx.get_database_backend();
        let built = writes.into_iter().map(|write| match write {
            Write::Update(u) => backend.build(&u),
            Write::Insert(w) => backend.build(&w),
        });
        if backend != DbBackend::Sqlite {
            let mut changed = 0;
            for statement in built {
                changed += self.tx.execute_raw(statement).await?.rows_affected();
            }
            return Ok(changed);
        }
        // SQLite's anonymous `?` parameters are numbered on across the
        // statements of one text, so their values simply follow each other.
        let mut sql = String::new();
        let mut values = Vec::new();
        for statement in built {
            sql.push_str(&statement.sql);
            sql.push_str(";\n");
            values.extend(statement.values.map(|v| v.0).unwrap_or_default());
        }
        let batch = Statement::from_sql_and_values(backend, sql, values);
        Ok(self.tx.execute_raw(batch).await?.rows_affected())
    }
}

/// One write of a batch ([`WriteTx::execute_all`]), built by sea-query so
/// that its placeholders are anonymous (a numbered `?N` or `$N` would be read
/// as a place in the whole batch's values on SQLite). Each should change at
/// most one row, so that the batch's total says which of them held.
pub enum Write {
    Update(sea_orm::sea_query::UpdateStatement),
    Insert(sea_orm::sea_query::InsertStatement),
}

/// One write statement on its own, with no transaction around it (a single
/// statement is atomic): in the writer's queue on SQLite, on the pool on
/// PostgreSQL, where it is one round trip instead of a transaction's three.
/// It bumps no generation: for the mail worker's outbox bookkeeping, which
/// feeds no cache.
pub struct QuietWrite<'a> {
    conn: &'a DatabaseConnection,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl QuietWrite<'_> {
    /// Where to run the statement, while the queue's place is held.
    pub fn conn(&self) -> &DatabaseConnection {
        self.conn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTx {
    fn get_database_backend(&self) -> DbBackend {
        self.tx.get_database_backend()
    }
    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.tx.execute_raw(stmt).await
    }
    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.tx.execute_unprepared(sql).await
    }
    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.tx.query_one_raw(stmt).await
    }
    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.tx.query_all_raw(stmt).await
    }
    fn support_returning(&self) -> bool {
        self.tx.support_returning()
    }
}

impl Db {
    /// Connect. SQLite runs in WAL mode with a busy timeout, so readers never
    /// block the writer and a waiting writer waits instead of failing.
    pub async fn connect(url: &str) -> Result<Db, sea_orm::DbErr> {
        let sqlite = url.starts_with("sqlite:");
        let options = |connections: u32, checkpoint_pages: Option<&'static str>| {
            let mut opts = ConnectOptions::new(url.to_owned());
            opts.sqlx_logging(false)
                .connect_timeout(Duration::from_secs(10))
                .max_connections(connections)
                .min_connections(1)
                // A connection is tested when it goes back to the pool; one
                // handed out again at once is not pinged a second time (a
                // round trip to PostgreSQL per query), only one left idle.
                .test_before_acquire_if_idle_for(IDLE_BEFORE_PING);
            if sqlite {
                opts.map_sqlx_sqlite_opts(move |o| {
                    let o = o
                        .journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(10))
                        .foreign_keys(true)
                        // A page's rows come from the connection's thread
                        // through this channel; sqlx's 50 makes a 300-row
                        // read stop and wake the reader six times.
                        .row_buffer_size(ROW_CHANNEL)
                        // 512 KiB of page cache per connection instead of
                        // SQLite's 2 MB: the operating system caches the
                        // file once for all nine connections, which each
                        // kept their own copy (README, Performance: peak RSS
                        // 142 → 121 MB, no route slower).
                        .pragma("cache_size", "-512");
                    match checkpoint_pages {
                        Some(pages) => o.pragma("wal_autocheckpoint", pages),
                        None => o,
                    }
                });
            }
            opts
        };
        let conn = Database::connect(options(if sqlite { 8 } else { 16 }, None)).await?;
        let in_memory = sqlite && (url.contains(":memory:") || url.contains("mode=memory"));
        let writer = if sqlite {
            // An in-memory database exists once per connection pool: its
            // writes share the readers' pool.
            let own = if in_memory {
                conn.clone()
            } else {
                Database::connect(options(1, Some(WRITER_CHECKPOINT_PAGES))).await?
            };
            Some((Arc::new(Mutex::new(())), own))
        } else {
            None
        };
        Ok(Db {
            conn,
            writer,
            has_log: sqlite && !in_memory,
            generation: Arc::new(AtomicU64::new(0)),
            roster: Arc::new(matching::RosterCache::default()),
            counts: Arc::new(CountCache::new(COUNT_ENTRIES)),
            stalled: Arc::new(sheets::StalledCache::default()),
            signed_in: Arc::new(SignedInCache::new(SIGNED_IN_ENTRIES)),
        })
    }

    /// How many write transactions this process has committed.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Say that a write made outside a [`WriteTx`] (one statement on
    /// `conn`) has finished, so every cache built before it is dropped, as a
    /// committed transaction does. Called after the write, never before: a
    /// reader takes the generation before reading, so a row it read before
    /// the write is kept under a number that is already stale.
    pub fn wrote(&self) {
        self.generation.fetch_add(1, Ordering::Release);
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
    ///
    /// On SQLite write transactions also queue in this process first (one
    /// writer at a time, first come first served), so the busy timeout is
    /// only met by another process.
    pub async fn begin_write(&self) -> Result<WriteTx, AppError> {
        let (writer, conn) = match &self.writer {
            Some((queue, conn)) => (Some(queue.clone().lock_owned().await), conn),
            None => (None, &self.conn),
        };
        let opts = TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(WriteTx {
            tx: conn.begin_with_options(opts).await?,
            generation: self.generation.clone(),
            _writer: writer,
        })
    }

    /// A place for one write statement outside a transaction (see [`QuietWrite`]).
    pub async fn write_quietly(&self) -> QuietWrite<'_> {
        match &self.writer {
            Some((queue, conn)) => QuietWrite {
                conn,
                _writer: Some(queue.clone().lock_owned().await),
            },
            None => QuietWrite {
                conn: &self.conn,
                _writer: None,
            },
        }
    }

    /// Copy what SQLite's write-ahead log holds into the database file, without
    /// waiting for or blocking anyone (`PRAGMA wal_checkpoint(PASSIVE)`), on
    /// a reader's connection. The server does this in the background
    /// ([`checkpoints`]), so the writer's commits do not stop for it. Answers
    /// the log's frames and how many of them are now in the file; `None` on
    /// PostgreSQL or an in-memory database, which have no log.
    pub async fn checkpoint(&self) -> Result<Option<(i64, i64)>, DbErr> {
        if !self.has_log {
            return Ok(None);
        }
        let row = self
            .conn
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA wal_checkpoint(PASSIVE)",
            ))
            .await?;
        let Some(row) = row else { return Ok(None) };
        let log: i64 = row.try_get_by_index(1)?;
        let copied: i64 = row.try_get_by_index(2)?;
        Ok(Some((log, copied)))
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

/// A statement with its `LIMIT` and `OFFSET` numbers written into the SQL
/// on PostgreSQL rather than bound (README, Performance). With them bound,
/// PostgreSQL's generic plan for a prepared statement has to guess how many
/// rows a page takes (a tenth of the table), costs far more than a plan for
/// 100 rows, and so is never chosen: every execution of a page's prepared
/// statement is planned again, a quarter of the server's time on the plans
/// dashboard. With the numbers in the text the plan is kept, one per page
/// size and page (sqlx keeps a connection's last 100 statements). Only an
/// unsigned number placed right after `LIMIT ` or `OFFSET ` is written in
/// (what sea-query's `.limit()` and `.offset()` bind); every other value
/// stays bound, renumbered. SQLite statements are returned unchanged: its
/// plans already ignore bound values (`SQLITE_ENABLE_QPSG`). For statements
/// sea-query built, where every value is bound and every `$` is a
/// placeholder; not for hand-written SQL with `$` in its text.
pub fn page_in_text(statement: Statement) -> Statement {
    use sea_orm::Value;
    let Some(values) = statement.values.as_ref().map(|v| &v.0) else {
        return statement;
    };
    if statement.db_backend != DbBackend::Postgres {
        return statement;
    }
    let sql = &statement.sql;
    let mut out = String::with_capacity(sql.len());
    let mut kept: Vec<Value> = Vec::with_capacity(values.len());
    let mut rest = sql.as_str();
    while let Some(at) = rest.find('$') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let digits = from[1..].bytes().take_while(u8::is_ascii_digit).count();
        let index = from[1..=digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1));
        let Some(value) = index.and_then(|i| values.get(i)) else {
            // Not a placeholder sea-query wrote: leave the statement alone.
            return statement;
        };
        match value {
            Value::BigUnsigned(Some(n))
                if out.ends_with(" LIMIT ") || out.ends_with(" OFFSET ") =>
            {
                out.push_str(&n.to_string());
            }
            _ => {
                kept.push(value.clone());
                out.push_str(&format!("${}", kept.len()));
            }
        }
        rest = &from[1 + digits..];
    }
    out.push_str(rest);
    Statement {
        sql: out,
        values: (!kept.is_empty()).then_some(sea_orm::Values(kept)),
        db_backend: statement.db_backend,
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

/// Values read from the database, kept while this process has committed no
/// write since (the [`Db::generation`] they were read at) and while their
/// stamp (when they were read, by whichever clock the caller keeps) is fresh.
/// A write clears them all; so does reaching `limit` entries.
pub struct Cached<K, S, V> {
    inner: std::sync::Mutex<Entries<K, S, V>>,
    limit: usize,
}

struct Entries<K, S, V> {
    generation: u64,
    map: std::collections::HashMap<K, (S, V)>,
}

impl<K: std::hash::Hash + Eq, S, V: Clone> Cached<K, S, V> {
    pub fn new(limit: usize) -> Self {
        Cached {
            inner: std::sync::Mutex::new(Entries {
                generation: 0,
                map: std::collections::HashMap::new(),
            }),
            limit,
        }
    }

    /// The value for `key` read at `generation`, if `fresh` accepts its stamp.
    pub fn get(&self, generation: u64, key: &K, fresh: impl FnOnce(&S) -> bool) -> Option<V> {
        let entries = self.inner.lock().ok()?;
        if entries.generation != generation {
            return None;
        }
        let (stamp, value) = entries.map.get(key)?;
        fresh(stamp).then(|| value.clone())
    }

    /// Keep `value`, read at `generation` (read before the rows, so that a
    /// write committed meanwhile makes it stale at once).
    pub fn put(&self, generation: u64, key: K, stamp: S, value: V) {
        if let Ok(mut entries) = self.inner.lock() {
            if generation < entries.generation {
                // Read before a write that the kept values already follow.
                return;
            }
            if entries.generation != generation || entries.map.len() >= self.limit {
                entries.map.clear();
                entries.generation = generation;
            }
            entries.map.insert(key, (stamp, value));
        }
    }

    /// Drop what is kept for `key` alone (its row was just written by the
    /// one who read it, and nothing else depends on it).
    pub fn forget(&self, key: &K) {
        if let Ok(mut entries) = self.inner.lock() {
            entries.map.remove(key);
        }
    }
}

/// The counts of whole lists (a page's "of N"), kept until this process
/// commits a write, or for [`COUNT_MAX_AGE`] (a second process's writes).
/// Counting a status of 100,000 intakes walks every index entry of it, which
/// would cost more than the page itself. Keyed by the count's SQL and values.
pub type CountCache = Cached<String, std::time::Instant, u64>;

/// The longest a cached count is shown without being counted again.
pub const COUNT_MAX_AGE: Duration = Duration::from_secs(30);

/// Who is signed in with a cookie or a bearer token: (is it a token, the
/// digest) → the session or token's times and the account, as read. Kept
/// until this process commits any write or makes any write of
/// [`Db::wrote`] (signing out, revoking a token, her settings), so a
/// sign-out, a password change, a disabled or erased
/// account take effect at the next request; and for at most
/// [`SIGNED_IN_MAX_AGE`], which bounds how late a second server process on
/// the same database sees them. Only what was found is kept: a wrong token
/// costs its query every time and takes no room.
pub type SignedInCache = Cached<(bool, String), std::time::Instant, SignedIn>;

/// What a cookie or token was found to be, with its account.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// A session's idle clock (`None` for a token).
    pub last_seen_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    pub user: entities::users::Model,
}

/// The longest a sign-in is trusted from memory (see [`SignedInCache`]).
pub const SIGNED_IN_MAX_AGE: Duration = Duration::from_secs(5);
/// At most this many sign-ins are kept.
const SIGNED_IN_ENTRIES: usize = 1000;
/// At most this many different lists' counts are kept (each person's own
/// lists have their own).
const COUNT_ENTRIES: usize = 1000;

impl Db {
    /// How many rows `filtered` finds, from the cache when nothing was
    /// written since it was counted.
    pub async fn count<E>(&self, filtered: sea_orm::Select<E>) -> Result<u64, DbErr>
    where
        E: sea_orm::EntityTrait,
        E::Model: Sync,
    {
        use sea_orm::{PaginatorTrait, QueryTrait};
        let generation = self.generation();
        let built = filtered.build(self.backend());
        let key = format!("{}{:?}", built.sql, built.values);
        if let Some(n) = self
            .counts
            .get(generation, &key, |at| at.elapsed() < COUNT_MAX_AGE)
        {
            return Ok(n);
        }
        let n = filtered.count(&self.conn).await?;
        self.counts
            .put(generation, key, std::time::Instant::now(), n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::page_in_text;
    use crate::db::entities::plans;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    use sea_orm::{
        ColumnTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Value,
    };

    fn values(s: &sea_orm::Statement) -> Vec<Value> {
        s.values.as_ref().map(|v| v.0.clone()).unwrap_or_default()
    }

    #[test]
    fn a_pages_numbers_are_written_in_and_its_other_values_stay_bound() {
        let page = plans::Entity::find()
            .filter(plans::Column::Status.eq("active"))
            .limit(100)
            .offset(300)
            .into_query();
        let outer = Query::select()
            .expr(Expr::col((Alias::new("p"), plans::Column::Id)))
            .from_subquery(page, Alias::new("p"))
            .and_where(Expr::col((Alias::new("p"), plans::Column::MentorId)).eq(7))
            .to_owned();
        let built = DbBackend::Postgres.build(&outer);
        assert!(built.sql.contains("LIMIT $2 OFFSET $3"), "{}", built.sql);
        let written = page_in_text(built);
        assert!(
            written
                .sql
                .contains(r#""status" = $1 LIMIT 100 OFFSET 300) AS "p""#),
            "{}",
            written.sql
        );
        assert!(
            written.sql.ends_with(r#""mentor_id" = $2"#),
            "{}",
            written.sql
        );
        assert_eq!(
            values(&written),
            vec![Value::from("active"), Value::Int(Some(7))]
        );
    }

    #[test]
    fn a_statement_without_a_page_or_on_sqlite_is_unchanged() {
        let select = plans::Entity::find()
            .filter(plans::Column::Id.eq(5))
            .limit(20)
            .offset(0);
        let sqlite = select.build(DbBackend::Sqlite);
        assert_eq!(page_in_text(sqlite.clone()).sql, sqlite.sql);
        assert_eq!(values(&page_in_text(sqlite.clone())), values(&sqlite));
        let no_page = plans::Entity::find()
            .filter(plans::Column::Id.eq(5))
            .build(DbBackend::Postgres);
        assert_eq!(page_in_text(no_page.clone()).sql, no_page.sql);
        assert_eq!(values(&page_in_text(no_page.clone())), values(&no_page));
        let only_page = plans::Entity::find()
            .limit(20)
            .offset(40)
            .build(DbBackend::Postgres);
        let written = page_in_text(only_page);
        assert!(
            written.sql.ends_with(" LIMIT 20 OFFSET 40"),
            "{}",
            written.sql
        );
        assert!(written.values.is_none());
    }

    #[test]
    fn only_the_numbers_after_limit_and_offset_are_written_in() {
        // Ten values before the page: two-digit placeholders, and an
        // unsigned number that is not the page's stays bound.
        let mut select = plans::Entity::find();
        for id in 1..=9 {
            select = select.filter(plans::Column::Id.ne(id));
        }
        let built = select
            .filter(Expr::col(plans::Column::Id).ne(Value::BigUnsigned(Some(77))))
            .limit(5)
            .offset(10)
            .build(DbBackend::Postgres);
        assert!(built.sql.ends_with("LIMIT $11 OFFSET $12"), "{}", built.sql);
        let written = page_in_text(built);
        assert!(
            written.sql.contains(r#""id" <> $10 LIMIT 5 OFFSET 10"#),
            "{}",
            written.sql
        );
        let kept = values(&written);
        assert_eq!(kept.len(), 10);
        assert_eq!(kept[9], Value::BigUnsigned(Some(77)));
        // A `$` that is no placeholder of these values leaves it alone.
        let odd = sea_orm::Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT $3 LIMIT $1 OFFSET $2",
            [Value::BigUnsigned(Some(1)), Value::BigUnsigned(Some(2))],
        );
        assert_eq!(page_in_text(odd.clone()).sql, odd.sql);
    }
}
