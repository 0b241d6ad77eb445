//! The outbox worker: delivers due messages, retrying transient failures with
//! exponential backoff and giving up (status `failed`) on permanent ones.
//!
//! A pass first *claims* its batch in one statement: the rows are selected
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL (SQLite has one writer at a time)
//! and their `next_attempt_at` is pushed `outbox_claim_seconds` ahead, so
//! another process's worker neither waits for them nor sends them.
//! A row is marked sent only after the server accepted it; a worker killed
//! in between leaves the claim to run out, and the message is sent again
//! once, with the same Message-ID.
use super::transport::{SendError, Transport};
use crate::db::entities::outbox;
use crate::error::AppResult;
use crate::App;
use chrono::Duration;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

/// After this many attempts a message is marked failed.
pub const MAX_ATTEMPTS: i32 = 10;

fn backoff(attempts: i32) -> Duration {
    let secs = 30i64.saturating_mul(1i64 << attempts.clamp(0, 10));
    Duration::seconds(secs.min(3600))
}

/// Claim up to 50 due messages for this worker (see the module's notes), in
/// one statement: `UPDATE … WHERE id IN (SELECT … LIMIT 50) RETURNING`.
pub async fn claim(app: &App) -> AppResult<Vec<outbox::Model>> {
    let now = app.clock.now();
    let mut due = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(outbox::Column::Status.eq("pending"))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::Id)
        .limit(50);
    if app.db.backend() == DbBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let write = app.db.write_quietly().await;
    let mut claimed = outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(claim_until(app)))
        .filter(outbox::Column::Id.in_subquery(due.into_query()))
        .exec_with_returning(write.conn())
        .await?;
    claimed.sort_by_key(|r| r.id);
    Ok(claimed)
}

/// The end of a claim made now, in whole seconds (so that comparing it with
/// the stored value is exact on every database).
fn claim_until(app: &App) -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    (app.clock.now() + Duration::seconds(app.cfg.outbox_claim_seconds.max(1))).trunc_subsecs(0)
}

/// Deliver every message due now; answers how many were sent.
///
/// Every write here is one statement in the database's writer queue (on SQLite an
/// autocommit write from outside it would spin on the busy timeout while a
/// request holds the write lock) that bumps no generation: the outbox feeds no cache.
pub async fn deliver_due(app: &App, transport: &Transport) -> AppResult<usize> {
    let due = claim(app).await?;
    let mut sent = 0;
    for mut row in due {
        // Still ours and still to send? A message erased (her deletion),
        // sent or taken over since the claim is skipped. A slow batch must
        // not let its tail be claimed by another worker: a message whose
        // claim may not outlast its sending is claimed again first (a fast
        // batch, the usual case, only reads here).
        if needs_renewal(app, &row) {
            let until = claim_until(app);
            let write = app.db.write_quietly().await;
            let renewed = outbox::Entity::update_many()
                .col_expr(outbox::Column::NextAttemptAt, Expr::value(until))
                .filter(outbox::Column::Id.eq(row.id))
                .filter(outbox::Column::Status.eq("pending"))
                .filter(outbox::Column::NextAttemptAt.eq(row.next_attempt_at))
                .exec(write.conn())
                .await?;
            drop(write);
            if renewed.rows_affected != 1 {
                continue;
            }
            row.next_attempt_at = until;
        } else if !still_ours(app, &row).await? {
            continue;
        }
        let result = transport.send(app.cfg.mail.from_address(), &row).await;
        let attempts = row.attempts + 1;
        // What became of it, by its id alone: a message sent is marked sent
        // even if its claim ran out meanwhile (so it is not sent again); one
        // erased while it was being sent (her deletion) stays erased.
        let mark = outbox::Entity::update_many()
            .col_expr(outbox::Column::Attempts, Expr::value(attempts))
            .filter(outbox::Column::Id.eq(row.id));
        let mark = match result {
            Ok(()) => {
                sent += 1;
                mark.col_expr(outbox::Column::Status, Expr::value("sent"))
                    .col_expr(outbox::Column::SentAt, Expr::value(app.clock.now()))
                    .col_expr(outbox::Column::LastError, Expr::value(None::<String>))
            }
            Err(SendError::Permanent(e)) => {
                tracing::error!(error = %e, "email refused permanently");
                mark.col_expr(outbox::Column::Status, Expr::value("failed"))
                    .col_expr(outbox::Column::LastError, Expr::value(e))
            }
            Err(SendError::Transient(e)) => {
                tracing::warn!(error = %e, attempts, "email delivery failed; will retry");
                // The status is written only to give up: one sent meanwhile
                // by another worker whose claim followed ours stays sent.
                let mark = mark
                    .col_expr(
                        outbox::Column::NextAttemptAt,
                        Expr::value(app.clock.now() + backoff(attempts)),
                    )
                    .col_expr(outbox::Column::LastError, Expr::value(e));
                if attempts >= MAX_ATTEMPTS {
                    mark.col_expr(outbox::Column::Status, Expr::value("failed"))
                } else {
                    mark
                }
            }
        };
        mark.exec(app.db.write_quietly().await.conn()).await?;
    }
    Ok(sent)
}

/// Is the message still pending under this claim? Read by its id alone, so
/// the plan is the primary key's whatever the outbox holds (filtered by
/// status too, PostgreSQL's generic plan walked every pending row).
async fn still_ours(app: &App, row: &outbox::Model) -> AppResult<bool> {
    let now: Option<(String, chrono::DateTime<chrono::Utc>)> = outbox::Entity::find_by_id(row.id)
        .select_only()
        .columns([outbox::Column::Status, outbox::Column::NextAttemptAt])
        .into_tuple()
        .one(&app.db.conn)
        .await?;
    Ok(now.is_some_and(|(status, until)| status == "pending" && until == row.next_attempt_at))
}

/// Could this message's claim run out while it is being sent? Renewed when
/// less than half the claim is left, or less than twice the SMTP timeout and
/// a minute.
fn needs_renewal(app: &App, row: &outbox::Model) -> bool {
    let claim = Duration::seconds(app.cfg.outbox_claim_seconds.max(1));
    // (A timeout beyond a day is taken as a day: the claim is renewed anyway.)
    let timeout = app.cfg.mail.send_timeout_seconds().min(86_400) as i64;
    let sending = Duration::seconds(timeout * 2 + 60);
    row.next_attempt_at - app.clock.now() < std::cmp::max(claim / 2, sending)
}

/// Run forever: a pass every `outbox_poll_seconds`, or at once when woken.
pub async fn run(app: App) {
    let transport = match Transport::from_config(&app.cfg.mail) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "mail transport could not start; mail stays in the outbox");
            return;
        }
    };
    let every = std::time::Duration::from_secs(app.cfg.outbox_poll_seconds.max(1));
    let mut last_passes: Option<std::time::Instant> = None;
    loop {
        // The scans over the whole programme run once per poll interval, not
        // on every wake-up: a burst of submissions wakes the worker for each
        // message, and those scans would compete with the requests.
        if last_passes.is_none_or(|t| t.elapsed() >= every) {
            last_passes = Some(std::time::Instant::now());
            periodic_passes(&app).await;
        }
        if let Err(e) = deliver_due(&app, &transport).await {
            tracing::error!(error = ?e.detail, "outbox pass failed");
        }
        let _ = tokio::time::timeout(every, app.mail_wake.notified()).await;
    }
}

/// What runs once per poll interval beside delivery.
async fn periodic_passes(app: &App) {
    // Sessions past their end become held; reminders fall due.
    if let Err(e) = crate::db::sessions::tick(app).await {
        tracing::error!(error = ?e.detail, "session pass failed");
    }
    // Sheets and replies overdue: one nudge each.
    if let Err(e) = crate::db::sheets::tick(app).await {
        tracing::error!(error = ?e.detail, "sheet nudge pass failed");
    }
    // Retention: sent mail older than `outbox_retention_days` is purged.
    if let Err(e) = crate::db::account::purge_sent_mail(app).await {
        tracing::error!(error = ?e.detail, "outbox purge failed");
    }
    if let Err(e) = crate::db::account::purge_security_lines(app).await {
        tracing::error!(error = ?e.detail, "audit purge failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped_at_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(2), Duration::seconds(120));
        assert_eq!(backoff(9), Duration::seconds(3600));
        assert_eq!(backoff(40), Duration::seconds(3600));
    }
}
