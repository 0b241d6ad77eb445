//! The audit log (`audit_events`). Two kinds of line share it:
//! - security events (failed and successful logins, denials, CSRF failures,
//!   rate limits, session ends) with time, user and client address, for the
//!   people who run the service; and
//! - events about a mentee's own data (consents with their version, sharing
//!   changes, password and email changes, exports), which she sees in her
//!   privacy page together with every coordinator read of her sheets.
//!
//! A detail is short and never holds a password, a cookie, a token or
//! anything she wrote. Writing the log never fails the request: a database
//! error is reported to the operator's log and the request goes on.
use super::entities::{audit_events, sheet_reads, users};
use super::Paging;
use crate::error::AppResult;
use crate::App;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set,
};
use std::net::IpAddr;

/// The kinds of line, as stored.
pub mod kind {
    pub const LOGIN: &str = "login";
    pub const LOGIN_FAILED: &str = "login_failed";
    pub const LOGOUT: &str = "logout";
    pub const RATE_LIMITED: &str = "rate_limited";
    pub const DENIED: &str = "denied";
    pub const CSRF_FAILED: &str = "csrf_failed";
    pub const SESSION_EXPIRED: &str = "session_expired";
    pub const PASSWORD_CHANGED: &str = "password_changed";
    pub const EMAIL_CHANGED: &str = "email_changed";
    pub const ACCOUNT_DISABLED: &str = "account_disabled";
    pub const ACCOUNT_ENABLED: &str = "account_enabled";
    pub const CONSENT_GIVEN: &str = "consent_given";
    pub const SHEET_SHARING: &str = "sheet_sharing";
    pub const DATA_EXPORTED: &str = "data_exported";
    pub const INTAKE_CORRECTED: &str = "intake_corrected";
    pub const INTAKE_EDITED: &str = "intake_edited";
    pub const ACCOUNT_DELETED: &str = "account_deleted";
    /// Not stored here: the rows of `sheet_reads`, merged into her view.
    pub const SHEET_READ: &str = "sheet_read";

    /// What a mentee sees about herself.
    pub const HERS: [&str; 9] = [
        CONSENT_GIVEN,
        SHEET_SHARING,
        PASSWORD_CHANGED,
        EMAIL_CHANGED,
        DATA_EXPORTED,
        INTAKE_CORRECTED,
        INTAKE_EDITED,
        ACCOUNT_DISABLED,
        ACCOUNT_ENABLED,
    ];
}

/// One line to write.
#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    pub kind: &'a str,
    pub actor: Option<i32>,
    pub subject: Option<i32>,
    pub ip: Option<IpAddr>,
    pub path: Option<&'a str>,
    pub detail: Option<String>,
}

/// Write a line inside the caller's transaction (an event that belongs to a
/// change is kept exactly when the change is).
pub async fn record_in<C: ConnectionTrait>(
    conn: &C,
    at: DateTime<Utc>,
    e: Event<'_>,
) -> AppResult<()> {
    audit_events::Entity::insert(row(at, e))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

fn row(at: DateTime<Utc>, e: Event<'_>) -> audit_events::ActiveModel {
    audit_events::ActiveModel {
        at: Set(at),
        kind: Set(e.kind.to_string()),
        actor_id: Set(e.actor),
        subject_id: Set(e.subject),
        ip: Set(e.ip.map(|i| i.to_string())),
        path: Set(e.path.map(|p| p.chars().take(200).collect())),
        detail: Set(e.detail.map(|d| d.chars().take(200).collect())),
        ..Default::default()
    }
}

/// A line about her own data that she caused herself (a consent, a change of
/// password, an export…), inside the caller's transaction.
pub async fn own_in<C: ConnectionTrait>(
    conn: &C,
    at: DateTime<Utc>,
    kind: &str,
    user_id: i32,
    ip: Option<IpAddr>,
    detail: Option<String>,
) -> AppResult<()> {
    record_in(
        conn,
        at,
        Event {
            kind,
            actor: Some(user_id),
            subject: Some(user_id),
            ip,
            detail,
            ..Default::default()
        },
    )
    .await
}

/// `own_in` as a write, to run in a batch
/// ([`super::WriteTx::execute_all`]); it changes one row.
pub fn own_write(
    at: DateTime<Utc>,
    kind: &str,
    user_id: i32,
    detail: Option<String>,
) -> super::Write {
    let e = Event {
        kind,
        actor: Some(user_id),
        subject: Some(user_id),
        detail,
        ..Default::default()
    };
    super::Write::Insert(audit_events::Entity::insert(row(at, e)).into_query())
}

/// Write a security line on its own, also to the operator's log. Never fails.
pub async fn security(app: &App, e: Event<'_>) {
    tracing::warn!(
        event = e.kind,
        user = ?e.actor,
        ip = ?e.ip,
        path = e.path.unwrap_or(""),
        detail = e.detail.as_deref().unwrap_or(""),
        "security event"
    );
    if let Err(err) = record_in(&app.db.conn, app.clock.now(), e).await {
        tracing::error!(error = ?err.detail, "audit line could not be written");
    }
}

/// One line of a mentee's own audit view.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub detail: Option<String>,
    /// Who acted, by display name, when it was not herself.
    pub by: Option<String>,
}

/// Her audit view, newest first: the events about her data and every
/// coordinator read of her sheets.
pub async fn hers<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    paging: Paging,
) -> AppResult<(Vec<Line>, u64)> {
    let events = audit_events::Entity::find()
        .filter(audit_events::Column::SubjectId.eq(user_id))
        .filter(audit_events::Column::Kind.is_in(kind::HERS));
    let reads = sheet_reads::Entity::find().filter(sheet_reads::Column::MenteeId.eq(user_id));
    let total = events.clone().count(conn).await? + reads.clone().count(conn).await?;
    // Merge the two newest-first lists up to the end of the wanted page.
    let want = paging.offset() + paging.limit;
    let events = events
        .order_by_desc(audit_events::Column::At)
        .order_by_desc(audit_events::Column::Id)
        .limit(want)
        .all(conn)
        .await?;
    let reads = reads
        .order_by_desc(sheet_reads::Column::ReadAt)
        .order_by_desc(sheet_reads::Column::Id)
        .limit(want)
        .all(conn)
        .await?;
    let mut actors: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
    actors.extend(reads.iter().map(|r| r.reader_id));
    let names = super::intakes::users_by_id(conn, actors).await?;
    let name = |id: Option<i32>| -> Option<String> {
        id.filter(|i| *i != user_id).map(|i| {
            names
                .get(&i)
                .map(|u: &users::Model| u.display_name.clone())
                .unwrap_or_default()
        })
    };
    let mut lines: Vec<Line> = events
        .into_iter()
        .map(|e| Line {
            at: e.at,
            kind: e.kind,
            detail: e.detail,
            by: name(e.actor_id),
        })
        .chain(reads.into_iter().map(|r| Line {
            at: r.read_at,
            kind: kind::SHEET_READ.into(),
            detail: Some(format!("{}", r.plan_id)),
            by: name(Some(r.reader_id)),
        }))
        .collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l.at));
    let lines = lines
        .into_iter()
        .skip(paging.offset() as usize)
        .take(paging.limit as usize)
        .collect();
    Ok((lines, total))
}
