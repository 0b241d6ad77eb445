//! Email: every message is rendered from `emails/<kind>/` and written to the
//! `outbox` table in the same transaction as the change that causes it, so a
//! rolled-back change sends nothing and a committed one is never lost. The
//! worker (`worker.rs`) delivers due messages with retries and backoff.
pub mod transport;
pub mod worker;

use crate::db::entities::outbox;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::App;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde_json::Value;

/// One message to enqueue.
pub struct Email<'a> {
    /// The folder under `emails/` (e.g. `mentor_invitation`).
    pub kind: &'static str,
    pub to_address: &'a str,
    pub to_name: &'a str,
    pub lang: Lang,
    /// The template's own variables; `lang`, `to_name` and `public_url` are added.
    pub ctx: Value,
}

/// The three parts of a rendered message.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Render an email (used by `enqueue` and by the snapshot tests).
pub fn render(app: &App, email: &Email<'_>) -> AppResult<Rendered> {
    let mut ctx = email.ctx.clone();
    if let Value::Object(map) = &mut ctx {
        map.insert("lang".into(), Value::String(email.lang.as_str().into()));
        map.insert("to_name".into(), Value::String(email.to_name.into()));
        map.insert(
            "public_url".into(),
            Value::String(app.cfg.public_url.trim_end_matches('/').into()),
        );
    }
    let dir = format!("emails/{}", email.kind);
    let subject = app.views.render(&format!("{dir}/subject.txt"), &ctx)?;
    // A subject is one line: no header injection through a display name.
    let subject = subject
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Rendered {
        subject,
        text: app.views.render(&format!("{dir}/body.txt"), &ctx)?,
        html: app.views.render(&format!("{dir}/body.html"), &ctx)?,
    })
}

/// A calendar invitation to send with a message (`invite.ics`).
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// `REQUEST` or `CANCEL`.
    pub method: &'static str,
    pub ics: String,
}

/// Render and store a message in the outbox, inside the caller's transaction.
pub async fn enqueue<C: ConnectionTrait>(conn: &C, app: &App, email: Email<'_>) -> AppResult<()> {
    enqueue_with_calendar(conn, app, email, None).await
}

/// Like `enqueue`, with a calendar invitation as a `text/calendar` part and
/// an `invite.ics` attachment.
pub async fn enqueue_with_calendar<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    email: Email<'_>,
    calendar: Option<Calendar>,
) -> AppResult<()> {
    prepare(app, email, calendar)?.store(conn).await
}

/// A message rendered and ready for the outbox. Rendering before the write
/// transaction begins keeps the template work out of SQLite's single writer
/// turn; nothing is stored until [`Prepared::store`] runs inside it.
#[must_use = "a prepared message is sent only once it is stored"]
pub struct Prepared(outbox::ActiveModel);

/// Render a message for the outbox (its times are the clock's now).
pub fn prepare(app: &App, email: Email<'_>, calendar: Option<Calendar>) -> AppResult<Prepared> {
    let rendered = render(app, &email)?;
    let now = app.clock.now();
    let domain = app
        .cfg
        .mail
        .from_address()
        .rsplit('@')
        .next()
        .unwrap_or("kakehashi.localhost");
    let domain = domain.trim_end_matches('>').trim();
    Ok(Prepared(outbox::ActiveModel {
        kind: Set(email.kind.to_string()),
        message_id: Set(format!("<{}@{}>", uuid::Uuid::new_v4(), domain)),
        to_address: Set(email.to_address.to_string()),
        to_name: Set(email.to_name.to_string()),
        subject: Set(rendered.subject),
        text_body: Set(rendered.text),
        html_body: Set(rendered.html),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ics_method: Set(calendar.as_ref().map(|c| c.method.to_string())),
        ics: Set(calendar.map(|c| c.ics)),
        ..Default::default()
    }))
}

impl Prepared {
    /// Write it to the outbox, inside the caller's transaction (the bodies
    /// are not read back).
    pub async fn store<C: ConnectionTrait>(self, conn: &C) -> AppResult<()> {
        outbox::Entity::insert(self.0)
            .exec_without_returning(conn)
            .await?;
        Ok(())
    }

    /// The same write as a statement, to run in a batch
    /// ([`crate::db::WriteTx::execute_all`]); it changes one row.
    pub fn write(&self) -> crate::db::Write {
        use sea_orm::QueryTrait;
        crate::db::Write::Insert(outbox::Entity::insert(self.0.clone()).into_query())
    }
}
