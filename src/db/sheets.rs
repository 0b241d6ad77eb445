//! The mentoring-sheet exchange: drafts (with a version so that a stale tab
//! cannot overwrite newer text), submission, the mentor's reply, who may read
//! (and the record of every coordinator read), the nudges, plan completion
//! and feedback, the coordinator's stalled pairs and the facts behind the
//! outcome figures.
use super::entities::{intakes, plan_feedback, plan_sessions, plans, sheet_reads, sheets, users};
use super::sessions::{self, Loaded};
use super::{lock_for_update, Paging, Write};
use crate::domain::codes::{PlanStatus, Role, SessionStatus, SheetStatus, Side, Waiting};
use crate::domain::outcomes::{FeedbackFacts, Period, PlanFacts, SheetFacts};
use crate::domain::sheet::{self, Draft, DraftPatch, Feedback, Reply};
use crate::error::{AppError, AppResult};
use crate::mail::{self, Email};
use crate::views::user_lang;
use crate::App;
use chrono::{DateTime, Duration, SubsecRound, TimeZone, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, Statement,
    TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

/// A session's sheet as one reader may see it.
#[derive(Debug, Clone)]
pub struct SheetView {
    pub loaded: Loaded,
    /// None until the mentee first saves.
    pub sheet: Option<sheets::Model>,
    /// The reader's side; None for a coordinator.
    pub side: Option<Side>,
}

impl SheetView {
    pub fn status(&self) -> SheetStatus {
        status_of(&self.loaded.session)
    }
    pub fn draft(&self) -> Draft {
        self.sheet.as_ref().map(draft_of).unwrap_or_default()
    }
    pub fn version(&self) -> i32 {
        self.sheet.as_ref().map_or(0, |s| s.version)
    }
}

pub fn draft_of(s: &sheets::Model) -> Draft {
    Draft {
        realizations: s.realizations.clone(),
        next_actions: s.next_actions.clone(),
        questions: s.questions.clone(),
    }
}

pub fn status_of(s: &plan_sessions::Model) -> SheetStatus {
    SheetStatus::parse(&s.sheet_status).unwrap_or(SheetStatus::NotStarted)
}

fn refused(code: &'static str) -> AppError {
    let message = match code {
        sheet::refusal::SESSION_NOT_HELD => "The sheet is written once the session has been held.",
        sheet::refusal::SHEET_SUBMITTED => "The sheet has been submitted and can no longer change.",
        sheet::refusal::STALE_DRAFT => {
            "The draft was saved elsewhere (another tab or device) since you opened it."
        }
        sheet::refusal::SHEET_NOT_SUBMITTED => "The sheet has not been submitted yet.",
        sheet::refusal::SHEET_REPLIED => "The sheet has already been replied to.",
        sheet::refusal::PLAN_NOT_COMPLETED => "Feedback is given once the plan is complete.",
        sheet::refusal::FEEDBACK_GIVEN => "Feedback for this plan was already given.",
        _ => "Not possible now.",
    };
    AppError::conflict(code, message)
}

fn is_coordinator(user: &users::Model) -> bool {
    user.role == Role::Coordinator.as_str()
}

/// Whether the mentee of a plan agreed that coordinators read her sheets.
pub async fn shared<C: ConnectionTrait>(conn: &C, plan: &plans::Model) -> AppResult<bool> {
    Ok(intakes::Entity::find_by_id(plan.intake_id)
        .one(conn)
        .await?
        .map(|row| super::intakes::fields(&row).share_sheets)
        .unwrap_or(false))
}

async fn find_sheet<C: ConnectionTrait>(
    conn: &C,
    session_id: i32,
) -> AppResult<Option<sheets::Model>> {
    Ok(sheets::Entity::find()
        .filter(sheets::Column::SessionId.eq(session_id))
        .one(conn)
        .await?)
}

/// Record one coordinator read of one sheet.
async fn log_read<C: ConnectionTrait>(
    conn: &C,
    reader: &users::Model,
    s: &plan_sessions::Model,
    mentee_id: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    sheet_reads::ActiveModel {
        session_id: Set(s.id),
        plan_id: Set(s.plan_id),
        mentee_id: Set(mentee_id),
        reader_id: Set(reader.id),
        read_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Read a session's sheet: its mentee always; its mentor once submitted; a
/// coordinator once submitted and only if the mentee agreed, and each such
/// read is recorded. Anyone else, or too early, gets 404.
pub async fn read(app: &App, user: &users::Model, session_id: i32) -> AppResult<SheetView> {
    if !is_coordinator(user) {
        return read_in(&app.db.conn, app, user, session_id).await;
    }
    // A coordinator's read is recorded in the same transaction that shows it.
    let tx = app.db.begin_write().await?;
    let v = read_in(&tx, app, user, session_id).await?;
    tx.commit().await?;
    Ok(v)
}

async fn read_in<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    user: &users::Model,
    session_id: i32,
) -> AppResult<SheetView> {
    let now = app.clock.now();
    let (loaded, side) = sessions::load(conn, user, session_id, false).await?;
    let status = status_of(&loaded.session);
    // Only a coordinator's reading needs the mentee's consent looked up.
    let shared = side.is_none() && is_coordinator(user) && shared(conn, &loaded.plan).await?;
    if !sheet::may_read(side, status, shared) {
        return Err(AppError::not_found());
    }
    if side.is_none() {
        log_read(conn, user, &loaded.session, loaded.mentee.id, now).await?;
    }
    let sheet = find_sheet(conn, session_id).await?;
    Ok(SheetView {
        loaded,
        sheet,
        side,
    })
}

/// Load a session for the mentee's own action: anyone else who may see the
/// session (her mentor, a coordinator) is refused with 403.
async fn load_mentee<C: ConnectionTrait>(
    conn: &C,
    user: &users::Model,
    id: i32,
    lock: bool,
) -> AppResult<Loaded> {
    if user.role != Role::Mentee.as_str() {
        return Err(AppError::forbidden());
    }
    match sessions::load(conn, user, id, lock).await? {
        (l, Some(Side::Mentee)) => Ok(l),
        _ => Err(AppError::not_found()),
    }
}

/// The session's status as people see it; a session whose time has passed is
/// marked held now (so its sheet has a held time to count from).
async fn held_now<C: ConnectionTrait>(
    conn: &C,
    l: Loaded,
    now: DateTime<Utc>,
) -> AppResult<(Loaded, SessionStatus)> {
    let st = sessions::state(&l.session);
    let effective = st.effective_status(now);
    if effective == SessionStatus::Held && st.status != SessionStatus::Held {
        let session = sessions::mark_held(conn, &l.session, now).await?;
        return Ok((Loaded { session, ..l }, effective));
    }
    Ok((l, effective))
}

async fn set_status<C: ConnectionTrait>(
    conn: &C,
    s: &plan_sessions::Model,
    status: SheetStatus,
) -> AppResult<plan_sessions::Model> {
    let mut active = s.clone().into_active_model();
    active.sheet_status = Set(status.as_str().into());
    Ok(active.update(conn).await?)
}

/// Save the mentee's draft. `based_on` is the version her page loaded; if the
/// draft was saved since (another tab), nothing changes and the answer is 409
/// `stale_draft`. Saving the same text again changes nothing.
pub async fn save(
    app: &App,
    user: &users::Model,
    session_id: i32,
    patch: &DraftPatch,
    based_on: Option<i32>,
) -> AppResult<SheetView> {
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let l = load_mentee(&tx, user, session_id, true).await?;
    let (l, effective) = held_now(&tx, l, now).await?;
    sheet::check_save(effective, status_of(&l.session)).map_err(refused)?;
    let existing = find_sheet(&tx, session_id).await?;
    let draft = &patch.apply(existing.as_ref().map(draft_of).unwrap_or_default());
    // Saving exactly the saved text loses nothing, whatever version the tab
    // had (e.g. the form posted while its own autosave was landing).
    if existing.as_ref().map(draft_of).as_ref() != Some(draft) {
        sheet::check_version(existing.as_ref().map_or(0, |s| s.version), based_on)
            .map_err(refused)?;
    }
    let sheet = match existing {
        Some(row)
            if row.realizations == draft.realizations
                && row.next_actions == draft.next_actions
                && row.questions == draft.questions =>
        {
            row
        }
        Some(row) => {
            let version = row.version + 1;
            let mut active = row.into_active_model();
            active.realizations = Set(draft.realizations.clone());
            active.next_actions = Set(draft.next_actions.clone());
            active.questions = Set(draft.questions.clone());
            active.version = Set(version);
            active.updated_at = Set(now);
            active.update(&tx).await?
        }
        None => {
            sheets::ActiveModel {
                session_id: Set(session_id),
                plan_id: Set(l.plan.id),
                mentee_id: Set(l.mentee.id),
                realizations: Set(draft.realizations.clone()),
                next_actions: Set(draft.next_actions.clone()),
                questions: Set(draft.questions.clone()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?
        }
    };
    let session = if status_of(&l.session) == SheetStatus::NotStarted {
        set_status(&tx, &l.session, SheetStatus::Draft).await?
    } else {
        l.session.clone()
    };
    tx.commit().await?;
    Ok(SheetView {
        loaded: Loaded { session, ..l },
        sheet: Some(sheet),
        side: Some(Side::Mentee),
    })
}

/// Submit the sheet to her mentor (who is emailed a link, never the text).
/// Submitting again changes nothing.
///
/// As with the intake: the usual case is read, checked and its email
/// rendered before the write turn, and inside it two updates hold only while
/// the session and the sheet are still as read. Anything else (a session
/// still to be marked held, a sheet submitted already, a refusal, a change
/// meanwhile) is read again and decided inside the turn.
pub async fn submit(app: &App, user: &users::Model, session_id: i32) -> AppResult<SheetView> {
    // As PostgreSQL keeps it (microseconds), so the answer shows what a read shows.
    let now = app.clock.now().trunc_subsecs(6);
    if let Some(view) = submit_as_read(app, user, session_id, now).await? {
        return Ok(view);
    }
    submit_in_turn(app, user, session_id, now).await
}

/// The submission decided on a read outside the write turn; `None` when the
/// turn has to read again and decide.
async fn submit_as_read(
    app: &App,
    user: &users::Model,
    session_id: i32,
    now: DateTime<Utc>,
) -> AppResult<Option<SheetView>> {
    let l = load_mentee(&app.db.conn, user, session_id, false).await?;
    if sessions::state(&l.session).status != SessionStatus::Held {
        return Ok(None);
    }
    let Some(read) = find_sheet(&app.db.conn, session_id).await? else {
        return Ok(None);
    };
    // Only a draft ready to submit; anything else (submitted already, a
    // refusal) is answered from inside the turn.
    let ready = sheet::check_submit(SessionStatus::Held, status_of(&l.session)) == Ok(true)
        && read.submitted_at.is_none()
        && draft_of(&read).submit_errors().is_empty();
    if !ready {
        return Ok(None);
    }
    let email = prepare_sheet_email(app, &l, Side::Mentor, "sheet_submitted")?;
    let submitted = SheetStatus::Submitted.as_str();
    let tx = app.db.begin_write().await?;
    // The session's mirror of the sheet, the sheet and the email in one
    // batch; each update holds only while its row is as read. The session
    // comes first, as everywhere a sheet is written (its row is the lock).
    let batch = vec![
        Write::Update(
            plan_sessions::Entity::update_many()
                .set(plan_sessions::ActiveModel {
                    sheet_status: Set(submitted.into()),
                    ..Default::default()
                })
                .filter(plan_sessions::Column::Id.eq(l.session.id))
                .filter(plan_sessions::Column::Status.eq(l.session.status.as_str()))
                .filter(plan_sessions::Column::SheetStatus.eq(l.session.sheet_status.as_str()))
                .filter(plan_sessions::Column::Sequence.eq(l.session.sequence))
                .into_query(),
        ),
        Write::Update(
            sheets::Entity::update_many()
                .set(sheets::ActiveModel {
                    submitted_at: Set(Some(now)),
                    updated_at: Set(now),
                    ..Default::default()
                })
                .filter(sheets::Column::Id.eq(read.id))
                .filter(sheets::Column::Version.eq(read.version))
                .filter(sheets::Column::SubmittedAt.is_null())
                // The text checked above (an erasure blanks it in place).
                .filter(sheets::Column::Realizations.eq(read.realizations.as_str()))
                .filter(sheets::Column::NextActions.eq(read.next_actions.as_str()))
                .filter(sheets::Column::Questions.eq(read.questions.as_str()))
                .into_query(),
        ),
        email.write(),
    ];
    if tx.execute_all(batch).await? != 3 {
        tx.rollback().await?;
        return Ok(None);
    }
    tx.commit().await?;
    app.wake_mailer();
    let sheet = sheets::Model {
        submitted_at: Some(now),
        updated_at: now,
        ..read
    };
    let session = plan_sessions::Model {
        sheet_status: submitted.into(),
        ..l.session.clone()
    };
    Ok(Some(SheetView {
        loaded: Loaded { session, ..l },
        sheet: Some(sheet),
        side: Some(Side::Mentee),
    }))
}

/// The submission read and decided inside the write turn.
async fn submit_in_turn(
    app: &App,
    user: &users::Model,
    session_id: i32,
    now: DateTime<Utc>,
) -> AppResult<SheetView> {
    let tx = app.db.begin_write().await?;
    let l = load_mentee(&tx, user, session_id, true).await?;
    let (l, effective) = held_now(&tx, l, now).await?;
    let existing = find_sheet(&tx, session_id).await?;
    if !sheet::check_submit(effective, status_of(&l.session)).map_err(refused)? {
        tx.commit().await?;
        return Ok(SheetView {
            loaded: l,
            sheet: existing,
            side: Some(Side::Mentee),
        });
    }
    let row = match existing {
        Some(row) => row,
        None => return Err(AppError::field("realizations", sheet::problem::REQUIRED)),
    };
    let errors = draft_of(&row).submit_errors();
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let mut active = row.into_active_model();
    active.submitted_at = Set(Some(now));
    active.updated_at = Set(now);
    let row = active.update(&tx).await?;
    let session = set_status(&tx, &l.session, SheetStatus::Submitted).await?;
    let l = Loaded { session, ..l };
    sheet_email(&tx, app, &l, Side::Mentor, "sheet_submitted").await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(SheetView {
        loaded: l,
        sheet: Some(row),
        side: Some(Side::Mentee),
    })
}

/// The mentor replies with a message and the strengths she sees; the mentee
/// is emailed a link. The last reply of a plan completes it.
pub async fn reply(
    app: &App,
    user: &users::Model,
    session_id: i32,
    message: &str,
    strengths: &str,
) -> AppResult<SheetView> {
    if user.role != Role::Mentor.as_str() {
        return Err(AppError::forbidden());
    }
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let (l, side) = sessions::load(&tx, user, session_id, true).await?;
    if side != Some(Side::Mentor) {
        return Err(AppError::not_found());
    }
    // Her own mentee's session: she knows it exists, so "not yet" is a 409.
    sheet::check_reply(status_of(&l.session)).map_err(refused)?;
    if l.plan.status != PlanStatus::Active.as_str() {
        return Err(AppError::conflict(
            "plan_not_active",
            "This plan has ended; there is nothing more to reply to.",
        ));
    }
    let reply = Reply::parse(message, strengths).map_err(AppError::validation)?;
    let row = find_sheet(&tx, session_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut active = row.into_active_model();
    active.reply_message = Set(Some(reply.message));
    active.reply_strengths = Set(Some(reply.strengths));
    active.replied_at = Set(Some(now));
    let row = active.update(&tx).await?;
    let session = set_status(&tx, &l.session, SheetStatus::Replied).await?;
    let l = Loaded { session, ..l };
    sheet_email(&tx, app, &l, Side::Mentee, "sheet_replied").await?;
    let plan = settle(&tx, app, l.plan.id, now).await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(SheetView {
        loaded: Loaded { plan, ..l },
        sheet: Some(row),
        side: Some(Side::Mentor),
    })
}

/// A sheet email to one of the pair: who, which session, and a link to the
/// sheet; never its text.
async fn sheet_email<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    l: &Loaded,
    to: Side,
    kind: &'static str,
) -> AppResult<()> {
    prepare_sheet_email(app, l, to, kind)?.store(conn).await
}

/// The same, rendered for the outbox before a write turn.
fn prepare_sheet_email(
    app: &App,
    l: &Loaded,
    to: Side,
    kind: &'static str,
) -> AppResult<mail::Prepared> {
    let ctx = json!({
        "mentee_name": l.mentee.display_name,
        "mentor_name": l.mentor.display_name,
        "number": l.session.number,
        "theme": l.session.theme,
        "link": app.link(&format!("/sessions/{}/sheet", l.session.id)),
    });
    mail::prepare(app, email_to(l.person(to), kind, ctx), None)
}

async fn email<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    to: &users::Model,
    kind: &'static str,
    ctx: serde_json::Value,
) -> AppResult<()> {
    mail::enqueue(conn, app, email_to(to, kind, ctx)).await
}

/// An email to one account, in her language.
fn email_to<'a>(to: &'a users::Model, kind: &'static str, ctx: serde_json::Value) -> Email<'a> {
    Email {
        kind,
        to_address: &to.email,
        to_name: &to.display_name,
        lang: user_lang(to),
        ctx,
    }
}

/// Complete the plan when its last session is held and its last sheet
/// replied; the mentee is then asked for feedback (unless she gave it
/// before, e.g. ahead of an extension).
pub async fn settle<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    plan_id: i32,
    now: DateTime<Utc>,
) -> AppResult<plans::Model> {
    let (plan, completed_now) = sessions::settle_plan(conn, plan_id, now).await?;
    if completed_now && feedback_of(conn, plan.id).await?.is_none() {
        if let Some(mentee) = users::Entity::find_by_id(plan.mentee_id).one(conn).await? {
            email(
                conn,
                app,
                &mentee,
                "feedback_request",
                json!({"link": app.link(&format!("/plans/{}/feedback", plan.id))}),
            )
            .await?;
        }
    }
    Ok(plan)
}

/// A plan's sessions and every sheet the reader may see, in order: the
/// exchange diary. A coordinator sees it only if the mentee agreed, and
/// every submitted sheet shown to her is a recorded read.
pub struct Exchange {
    pub view: super::plans::PlanView,
    pub side: Option<Side>,
    /// Sheets the reader may read, by session id.
    pub sheets: HashMap<i32, sheets::Model>,
}

pub async fn exchange(app: &App, user: &users::Model, plan_id: i32) -> AppResult<Exchange> {
    let viewer = super::plans::viewer_of(&app.db.conn, user).await?;
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let view = super::plans::get(&tx, viewer, plan_id).await?;
    let side = viewer.side();
    if side.is_none() && !shared(&tx, &view.plan).await? {
        return Err(AppError::not_found());
    }
    let rows = sheets::Entity::find()
        .filter(sheets::Column::PlanId.eq(plan_id))
        .all(&tx)
        .await?;
    let mut out = HashMap::new();
    for row in rows {
        let Some(session) = view.sessions.iter().find(|s| s.id == row.session_id) else {
            continue;
        };
        // (A coordinator got this far only with the mentee's consent.)
        if sheet::may_read(side, status_of(session), true) {
            if side.is_none() {
                log_read(&tx, user, session, view.mentee.id, now).await?;
            }
            out.insert(row.session_id, row);
        }
    }
    tx.commit().await?;
    Ok(Exchange {
        view,
        side,
        sheets: out,
    })
}

/// One recorded coordinator read, for the mentee.
pub struct ReadEntry {
    pub read: sheet_reads::Model,
    pub reader: String,
    pub number: i32,
}

/// The reads of a mentee's sheets, newest first (optionally one plan's).
pub async fn reads<C: ConnectionTrait>(
    conn: &C,
    mentee_id: i32,
    plan_id: Option<i32>,
    paging: Paging,
) -> AppResult<(Vec<ReadEntry>, u64)> {
    let mut q = sheet_reads::Entity::find().filter(sheet_reads::Column::MenteeId.eq(mentee_id));
    if let Some(p) = plan_id {
        q = q.filter(sheet_reads::Column::PlanId.eq(p));
    }
    let total = q.clone().count(conn).await?;
    let rows = q
        .order_by_desc(sheet_reads::Column::ReadAt)
        .order_by_desc(sheet_reads::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .all(conn)
        .await?;
    let readers =
        super::intakes::users_by_id(conn, rows.iter().map(|r| r.reader_id).collect()).await?;
    let numbers: HashMap<i32, i32> = plan_sessions::Entity::find()
        .filter(
            plan_sessions::Column::Id.is_in(rows.iter().map(|r| r.session_id).collect::<Vec<_>>()),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.number))
        .collect();
    Ok((
        rows.into_iter()
            .map(|read| ReadEntry {
                reader: readers
                    .get(&read.reader_id)
                    .map(|u| u.display_name.clone())
                    .unwrap_or_default(),
                number: numbers.get(&read.session_id).copied().unwrap_or(0),
                read,
            })
            .collect(),
        total,
    ))
}

/// Change whether coordinators may read her sheets (from now on).
pub async fn set_sharing(app: &App, mentee: &users::Model, share: bool) -> AppResult<bool> {
    let row = super::intakes::ensure(app, mentee.id).await?;
    let tx = app.db.begin_write().await?;
    let row = lock_for_update(
        tx.get_database_backend(),
        intakes::Entity::find_by_id(row.id),
    )
    .one(&tx)
    .await?
    .ok_or_else(AppError::not_found)?;
    let mut fields = super::intakes::fields(&row);
    let before = fields.share_sheets;
    fields.share_sheets = share;
    let mut active = row.into_active_model();
    active.fields = Set(serde_json::to_string(&fields)?);
    active.updated_at = Set(app.clock.now());
    active.update(&tx).await?;
    if before != share {
        let detail = Some(if share { "on" } else { "off" }.into());
        let at = app.clock.now();
        super::audit::own_in(
            &tx,
            at,
            super::audit::kind::SHEET_SHARING,
            mentee.id,
            None,
            detail,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(share)
}

/// Feedback is asked for once the plan has completed; an extension approved
/// before she answered does not take the question back.
pub async fn feedback_open<C: ConnectionTrait>(conn: &C, plan: &plans::Model) -> AppResult<bool> {
    use super::entities::plan_extensions;
    if plan.status == PlanStatus::Completed.as_str() {
        return Ok(true);
    }
    Ok(plan_extensions::Entity::find()
        .filter(plan_extensions::Column::PlanId.eq(plan.id))
        .filter(
            plan_extensions::Column::Status
                .eq(crate::domain::codes::ExtensionStatus::Approved.as_str()),
        )
        .count(conn)
        .await?
        > 0)
}

pub async fn feedback_of<C: ConnectionTrait>(
    conn: &C,
    plan_id: i32,
) -> AppResult<Option<plan_feedback::Model>> {
    Ok(plan_feedback::Entity::find()
        .filter(plan_feedback::Column::PlanId.eq(plan_id))
        .one(conn)
        .await?)
}

/// The mentee's feedback on her completed plan, once.
pub async fn give_feedback(
    app: &App,
    user: &users::Model,
    plan_id: i32,
    satisfaction: Option<i64>,
    positive_action: Option<bool>,
    detail: &str,
    comment: &str,
) -> AppResult<plan_feedback::Model> {
    if user.role != Role::Mentee.as_str() {
        return Err(AppError::forbidden());
    }
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let plan = lock_for_update(
        tx.get_database_backend(),
        plans::Entity::find_by_id(plan_id).filter(plans::Column::MenteeId.eq(user.id)),
    )
    .one(&tx)
    .await?
    .ok_or_else(AppError::not_found)?;
    if feedback_of(&tx, plan.id).await?.is_some() {
        return Err(refused(sheet::refusal::FEEDBACK_GIVEN));
    }
    if !feedback_open(&tx, &plan).await? {
        return Err(refused(sheet::refusal::PLAN_NOT_COMPLETED));
    }
    let f = Feedback::parse(satisfaction, positive_action, detail, comment)
        .map_err(AppError::validation)?;
    let row = plan_feedback::ActiveModel {
        plan_id: Set(plan.id),
        mentee_id: Set(user.id),
        satisfaction: Set(i32::from(f.satisfaction)),
        positive_action: Set(f.positive_action),
        positive_action_detail: Set(f.positive_action_detail),
        comment: Set(f.comment),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// The mentee's own feedback on a plan (404 if none, or not hers).
pub async fn my_feedback(
    app: &App,
    user: &users::Model,
    plan_id: i32,
) -> AppResult<(plans::Model, Option<plan_feedback::Model>, bool)> {
    let plan = plans::Entity::find_by_id(plan_id)
        .filter(plans::Column::MenteeId.eq(user.id))
        .one(&app.db.conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    let fb = feedback_of(&app.db.conn, plan.id).await?;
    let open = feedback_open(&app.db.conn, &plan).await?;
    Ok((plan, fb, open))
}

/// The nudges: the mentee when a held session has no submitted sheet after
/// `sheet_nudge_days`, the mentor when a sheet has no reply after
/// `reply_nudge_days`. Each is claimed by a conditional update inside the
/// transaction that enqueues it, so it is sent once even across restarts.
/// Answers how many were enqueued.
pub async fn tick(app: &App) -> AppResult<usize> {
    let now = app.clock.now();
    let sheet_cutoff = now - Duration::days(app.cfg.sheet_nudge_days);
    let unwritten = [
        SheetStatus::NotStarted.as_str(),
        SheetStatus::Draft.as_str(),
    ];
    let due = plan_sessions::Entity::find()
        .filter(plan_sessions::Column::Status.eq(SessionStatus::Held.as_str()))
        .filter(plan_sessions::Column::SheetStatus.is_in(unwritten))
        .filter(plan_sessions::Column::SheetNudgedAt.is_null())
        .filter(plan_sessions::Column::HeldAt.lte(sheet_cutoff))
        .filter(plan_sessions::Column::PlanId.in_subquery(active_plan_ids()))
        .order_by_asc(plan_sessions::Column::Id)
        .limit(200)
        .all(&app.db.conn)
        .await?;
    let mut sent = 0;
    for s in due {
        match nudge_sheet(app, s.id, now, sheet_cutoff).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(e) => tracing::error!(session = s.id, error = ?e.detail, "sheet nudge failed"),
        }
    }
    let reply_cutoff = now - Duration::days(app.cfg.reply_nudge_days);
    let due = sheets::Entity::find()
        .filter(sheets::Column::SubmittedAt.lte(reply_cutoff))
        .filter(sheets::Column::RepliedAt.is_null())
        .filter(sheets::Column::ReplyNudgedAt.is_null())
        .filter(sheets::Column::PlanId.in_subquery(active_plan_ids()))
        .order_by_asc(sheets::Column::Id)
        .limit(200)
        .all(&app.db.conn)
        .await?;
    for s in due {
        match nudge_reply(app, s.id, now, reply_cutoff).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(e) => tracing::error!(sheet = s.id, error = ?e.detail, "reply nudge failed"),
        }
    }
    if sent > 0 {
        app.wake_mailer();
    }
    Ok(sent)
}

async fn nudge_sheet(
    app: &App,
    id: i32,
    now: DateTime<Utc>,
    cutoff: DateTime<Utc>,
) -> AppResult<bool> {
    let tx = app.db.begin_write().await?;
    let claimed = plan_sessions::Entity::update_many()
        .col_expr(plan_sessions::Column::SheetNudgedAt, Expr::value(Some(now)))
        .filter(plan_sessions::Column::Id.eq(id))
        .filter(plan_sessions::Column::SheetNudgedAt.is_null())
        .filter(plan_sessions::Column::Status.eq(SessionStatus::Held.as_str()))
        .filter(plan_sessions::Column::SheetStatus.is_in([
            SheetStatus::NotStarted.as_str(),
            SheetStatus::Draft.as_str(),
        ]))
        .filter(plan_sessions::Column::HeldAt.lte(cutoff))
        .filter(plan_sessions::Column::PlanId.in_subquery(active_plan_ids()))
        .exec(&tx)
        .await?;
    if claimed.rows_affected != 1 {
        tx.commit().await?;
        return Ok(false);
    }
    let l = sessions::by_id(&tx, id).await?;
    sheet_email(&tx, app, &l, Side::Mentee, "sheet_nudge").await?;
    tx.commit().await?;
    Ok(true)
}

async fn nudge_reply(
    app: &App,
    id: i32,
    now: DateTime<Utc>,
    cutoff: DateTime<Utc>,
) -> AppResult<bool> {
    let tx = app.db.begin_write().await?;
    let claimed = sheets::Entity::update_many()
        .col_expr(sheets::Column::ReplyNudgedAt, Expr::value(Some(now)))
        .filter(sheets::Column::Id.eq(id))
        .filter(sheets::Column::ReplyNudgedAt.is_null())
        .filter(sheets::Column::RepliedAt.is_null())
        .filter(sheets::Column::SubmittedAt.lte(cutoff))
        .filter(sheets::Column::PlanId.in_subquery(active_plan_ids()))
        .exec(&tx)
        .await?;
    if claimed.rows_affected != 1 {
        tx.commit().await?;
        return Ok(false);
    }
    let row = sheets::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let l = sessions::by_id(&tx, row.session_id).await?;
    sheet_email(&tx, app, &l, Side::Mentor, "reply_nudge").await?;
    tx.commit().await?;
    Ok(true)
}

/// One pair waiting on something, for the coordinator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stalled {
    pub plan_id: i32,
    pub session_id: i32,
    pub number: i32,
    pub waiting: Waiting,
    pub since: DateTime<Utc>,
}

fn active_plan_ids() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(plans::Column::Id)
        .from(plans::Entity)
        .and_where(plans::Column::Status.eq(PlanStatus::Active.as_str()))
        .to_owned()
}

/// The waiting items of every active plan as SQL: a `WITH items AS …` of
/// one row per item (`plan_id, session_id, number, waiting, since`), `$1`
/// being now. Each session is at most one item, so one pass over the active
/// plans' sessions (in the order of `idx_plan_sessions_stalled`, which holds
/// every column the pass reads) classifies them all:
/// - `sheet`: a held session whose sheet is not submitted (nor replied),
///   since it was held (its end if no time was marked; NULL if neither);
/// - `reply`: a held session with a submitted sheet not yet replied to,
///   since the sheet was submitted;
/// - `scheduling`: the plan's first session that is unscheduled or proposed
///   (no earlier session is unscheduled, proposed or still scheduled — a
///   later session waits for a scheduled one, not for scheduling), since the
///   latest earlier held session was held (or the match).
///
/// "Held" is the effective status: held, or scheduled and ended (`ends_at <=
/// now`); a status the code does not know counts as unscheduled and a sheet
/// status it does not know as not started, as `sessions::state` reads them.
/// The few look-ups (earlier sessions, the sheet) run only for the sessions
/// that need them. MATERIALIZED keeps `since` (with its look-ups) from being
/// computed again for the filter and the order.
///
/// Codes come from the enums and are `[a-z_]` only, so they are written in as
/// literals.
fn stalled_items_sql() -> String {
    let scheduled = SessionStatus::Scheduled.as_str();
    let held = SessionStatus::Held.as_str();
    let cancelled = SessionStatus::Cancelled.as_str();
    let submitted = SheetStatus::Submitted.as_str();
    let replied = SheetStatus::Replied.as_str();
    let active = PlanStatus::Active.as_str();
    let (sheet, reply, scheduling) = (
        Waiting::Sheet.as_str(),
        Waiting::Reply.as_str(),
        Waiting::Scheduling.as_str(),
    );
    // Effectively held (NULL, i.e. not, when a scheduled session has no end).
    let is_held = |t: &str| {
        format!("({t}.status = '{held}' OR ({t}.status = '{scheduled}' AND {t}.ends_at <= $1))")
    };
    // Effectively unscheduled, proposed or scheduled (never NULL).
    let is_open = |t: &str| {
        format!(
            "({t}.status NOT IN ('{held}', '{cancelled}') AND NOT ({t}.status = '{scheduled}' \
             AND {t}.ends_at IS NOT NULL AND {t}.ends_at <= $1))"
        )
    };
    let (ps_held, h_held, e_open) = (is_held("ps"), is_held("h"), is_open("e"));
    format!(
        "WITH items AS MATERIALIZED (
    SELECT ps.plan_id, ps.id AS session_id, ps.number,
           CASE
               WHEN ps.status NOT IN ('{held}', '{scheduled}') THEN '{scheduling}'
               WHEN ps.sheet_status = '{submitted}' THEN '{reply}'
               ELSE '{sheet}'
           END AS waiting,
           CASE
               WHEN ps.status NOT IN ('{held}', '{scheduled}') THEN COALESCE(
                   (SELECT COALESCE(h.held_at, h.ends_at) FROM plan_sessions h
                    WHERE h.plan_id = ps.plan_id AND h.number < ps.number AND {h_held}
                    ORDER BY h.number DESC LIMIT 1),
                   p.created_at)
               WHEN ps.sheet_status = '{submitted}' THEN
                   (SELECT sh.submitted_at FROM sheets sh WHERE sh.session_id = ps.id)
               ELSE COALESCE(ps.held_at, ps.ends_at)
           END AS since
    FROM plans p
    JOIN plan_sessions ps ON ps.plan_id = p.id
    WHERE p.status = '{active}'
      AND CASE
          WHEN {ps_held} THEN
              CASE
                  WHEN ps.sheet_status = '{submitted}' THEN EXISTS (
                      SELECT 1 FROM sheets sh
                      WHERE sh.session_id = ps.id
                        AND sh.submitted_at IS NOT NULL AND sh.replied_at IS NULL
                        AND sh.plan_id IN (SELECT id FROM plans WHERE status = '{active}'))
                  ELSE ps.sheet_status <> '{replied}'
              END
          WHEN ps.status IN ('{scheduled}', '{cancelled}') THEN FALSE
          ELSE NOT EXISTS (
              SELECT 1 FROM plan_sessions e
              WHERE e.plan_id = ps.plan_id AND e.number < ps.number AND {e_open})
      END
)"
    )
}

/// A statement with `$n` placeholders, as `?n` on SQLite.
fn numbered(backend: DbBackend, sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    let sql = match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => sql.replace('$', "?"),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// The statements of `stalled`: the page of items, each row with the total,
/// and the total alone (for a page past the end, which has no rows to carry
/// it). None when no item can be kept (a minimum wait beyond the calendar).
/// Public only for the tests, which look at their query plans.
#[doc(hidden)]
pub fn stalled_statements(
    backend: DbBackend,
    now: DateTime<Utc>,
    min_wait: Duration,
    paging: Paging,
) -> Option<(Statement, Statement)> {
    // An item is kept when now - since >= min_wait, i.e. since <= cutoff.
    let cutoff = match now.checked_sub_signed(min_wait) {
        Some(t) => t,
        None if min_wait > Duration::zero() => return None,
        None => Utc
            .with_ymd_and_hms(9999, 12, 31, 23, 59, 59)
            .single()
            .unwrap_or(now),
    };
    // PostgreSQL keeps microseconds: for a stored time t, t <= x exactly when
    // t <= x cut to the microsecond (which is also what the driver sends).
    // An item with no time at all waits since `now` itself; when `now` has a
    // fraction finer than that, such an item sorts after the stored times
    // equal to the cut `now`, as it does in Rust. (SQLite stores the text of
    // the full time, and compares it exactly.)
    let (now_sql, cutoff_sql, null_last) = if backend == DbBackend::Postgres {
        let cut = now.trunc_subsecs(6);
        (cut, cutoff.trunc_subsecs(6), cut != now)
    } else {
        (now, cutoff, false)
    };
    let items = stalled_items_sql();
    // An item with no time waits since now: kept when min_wait is not positive.
    let keep = if min_wait <= Duration::zero() {
        "WHERE since IS NULL OR since <= $2"
    } else {
        "WHERE since <= $2"
    };
    let tie = if null_last {
        ", CASE WHEN since IS NULL THEN 1 ELSE 0 END"
    } else {
        ""
    };
    let limit = i64::try_from(paging.limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(paging.offset()).unwrap_or(i64::MAX);
    let page = numbered(
        backend,
        &format!(
            "{items}
SELECT plan_id, session_id, number, waiting, since, COUNT(*) OVER () AS total
FROM items {keep}
ORDER BY COALESCE(since, $1){tie}, session_id
LIMIT $3 OFFSET $4"
        ),
        vec![
            now_sql.into(),
            cutoff_sql.into(),
            limit.into(),
            offset.into(),
        ],
    );
    let count = numbered(
        backend,
        &format!("{items}\nSELECT COUNT(*) AS total FROM items {keep}"),
        vec![now_sql.into(), cutoff_sql.into()],
    );
    Some((page, count))
}

/// A page of the stalled list with the list's total.
pub type StalledPage = std::sync::Arc<(Vec<(Stalled, super::plans::PlanView)>, u64)>;

/// The stalled list as last computed, per minimum wait and page. An entry is
/// used until this process commits a write (the database's generation
/// moves) or [`STALLED_MAX_AGE_SECONDS`] pass on the application's clock (a
/// session's end passing, another process's writes): a list of pairs waiting
/// for days does not need to be exact to the second, and computing it walks
/// every active plan.
pub struct StalledCache {
    /// (minimum wait in ms, limit, page) → the page, stamped with the
    /// application's time it was computed at.
    pages: super::Cached<(i64, u64, u64), DateTime<Utc>, StalledPage>,
    /// One computation at a time; the others wait for its result.
    building: tokio::sync::Mutex<()>,
}

impl Default for StalledCache {
    fn default() -> Self {
        StalledCache {
            pages: super::Cached::new(STALLED_PAGES_KEPT),
            building: tokio::sync::Mutex::new(()),
        }
    }
}

/// How long, on the application's clock, a computed stalled page is shown.
pub const STALLED_MAX_AGE_SECONDS: i64 = 30;
/// At most this many pages are kept.
const STALLED_PAGES_KEPT: usize = 100;

/// `stalled`, through the database's [`StalledCache`] (what the coordinator's
/// page and the API show).
pub async fn stalled_cached(
    db: &super::Db,
    now: DateTime<Utc>,
    min_wait: Duration,
    paging: Paging,
) -> AppResult<StalledPage> {
    let key = (min_wait.num_milliseconds(), paging.limit, paging.page);
    let cache = &db.stalled;
    let fresh = |at: &DateTime<Utc>| {
        let age = now - *at;
        age >= Duration::zero() && age < Duration::seconds(STALLED_MAX_AGE_SECONDS)
    };
    if let Some(page) = cache.pages.get(db.generation(), &key, fresh) {
        return Ok(page);
    }
    let _building = cache.building.lock().await;
    // Read the generation before the rows: a write committed meanwhile makes
    // this page stale at once rather than hiding behind a newer number.
    let generation = db.generation();
    if let Some(page) = cache.pages.get(generation, &key, fresh) {
        return Ok(page);
    }
    let page = std::sync::Arc::new(stalled(&db.conn, now, min_wait, paging).await?);
    cache.pages.put(generation, key, now, page.clone());
    Ok(page)
}

/// Every active plan's waiting step, longest wait first: a session nobody
/// has scheduled (the plan's first session not yet held; waiting since the
/// match or the previous session), a held session without a submitted sheet
/// (since it was held), a submitted sheet without a reply (since it was
/// submitted).
///
/// The database finds, filters, counts, orders and pages the items in one
/// statement (`stalled_statements`; a second one counts only when a page past
/// the end comes back empty); only the page is read, then its plans' people.
/// The answer is the same as `stalled_reference`'s, which the tests hold it to.
pub async fn stalled<C: ConnectionTrait + TransactionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    min_wait: Duration,
    paging: Paging,
) -> AppResult<(Vec<(Stalled, super::plans::PlanView)>, u64)> {
    let backend = conn.get_database_backend();
    let Some((page, count)) = stalled_statements(backend, now, min_wait, paging) else {
        return Ok((Vec::new(), 0));
    };
    let (rows, total) = if backend == DbBackend::Postgres {
        // The planner prices the statement's many small look-ups high enough
        // to compile it with JIT, which takes longer (about half a second)
        // than running it; so not for this statement.
        let tx = conn
            .begin_with_config(None, Some(sea_orm::AccessMode::ReadOnly))
            .await?;
        tx.execute_unprepared("SET LOCAL jit = off").await?;
        let found = stalled_rows(&tx, page, count, paging).await?;
        tx.commit().await?;
        found
    } else {
        stalled_rows(conn, page, count, paging).await?
    };
    let page = rows
        .iter()
        .map(|r| {
            let waiting: String = r.try_get("", "waiting")?;
            Ok(Stalled {
                plan_id: r.try_get("", "plan_id")?,
                session_id: r.try_get("", "session_id")?,
                number: r.try_get("", "number")?,
                waiting: Waiting::parse(&waiting)
                    .ok_or_else(|| AppError::internal(format!("stalled: waiting {waiting}")))?,
                since: r
                    .try_get::<Option<DateTime<Utc>>>("", "since")?
                    .unwrap_or(now),
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok((
        with_views(conn, page).await?,
        u64::try_from(total).unwrap_or(0),
    ))
}

/// The rows of the page and the total (from the rows, or else counted).
async fn stalled_rows<C: ConnectionTrait>(
    conn: &C,
    page: Statement,
    count: Statement,
    paging: Paging,
) -> AppResult<(Vec<sea_orm::QueryResult>, i64)> {
    let rows = conn.query_all_raw(page).await?;
    let total = match rows.first() {
        Some(r) => r.try_get::<i64>("", "total")?,
        None if paging.offset() == 0 => 0,
        None => conn
            .query_one_raw(count)
            .await?
            .map(|r| r.try_get::<i64>("", "total"))
            .transpose()?
            .unwrap_or(0),
    };
    Ok((rows, total))
}

/// The stalled list as it was first written: every session of every active
/// plan read into memory and walked in Rust. Slow on a large programme (it
/// reads every row); kept only as the oracle that `stalled` is tested
/// against — same arguments, same answer.
#[doc(hidden)]
pub async fn stalled_reference<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    min_wait: Duration,
    paging: Paging,
) -> AppResult<(Vec<(Stalled, super::plans::PlanView)>, u64)> {
    let rows = plan_sessions::Entity::find()
        .filter(plan_sessions::Column::PlanId.in_subquery(active_plan_ids()))
        .order_by_asc(plan_sessions::Column::PlanId)
        .order_by_asc(plan_sessions::Column::Number)
        .all(conn)
        .await?;
    let submitted_at: HashMap<i32, DateTime<Utc>> = sheets::Entity::find()
        .filter(sheets::Column::PlanId.in_subquery(active_plan_ids()))
        .filter(sheets::Column::SubmittedAt.is_not_null())
        .filter(sheets::Column::RepliedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|s| Some((s.session_id, s.submitted_at?)))
        .collect();
    let created: HashMap<i32, DateTime<Utc>> = plans::Entity::find()
        .filter(plans::Column::Status.eq(PlanStatus::Active.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.created_at))
        .collect();
    let mut items = Vec::new();
    let mut previous_held: Option<(i32, Option<DateTime<Utc>>)> = None;
    let mut scheduling_seen: Option<i32> = None;
    for s in &rows {
        let st = sessions::state(s);
        let effective = st.effective_status(now);
        let item = |waiting, since| Stalled {
            plan_id: s.plan_id,
            session_id: s.id,
            number: s.number,
            waiting,
            since,
        };
        match (effective, st.sheet) {
            (SessionStatus::Held, SheetStatus::NotStarted | SheetStatus::Draft) => {
                items.push(item(Waiting::Sheet, s.held_at.or(s.ends_at).unwrap_or(now)));
            }
            (SessionStatus::Held, SheetStatus::Submitted) => {
                if let Some(t) = submitted_at.get(&s.id) {
                    items.push(item(Waiting::Reply, *t));
                }
            }
            (SessionStatus::Unscheduled | SessionStatus::Proposed, _)
                if scheduling_seen != Some(s.plan_id) =>
            {
                scheduling_seen = Some(s.plan_id);
                let since = match previous_held {
                    Some((plan, Some(t))) if plan == s.plan_id => Some(t),
                    _ => created.get(&s.plan_id).copied(),
                };
                items.push(item(Waiting::Scheduling, since.unwrap_or(now)));
            }
            _ => {}
        }
        if effective == SessionStatus::Held {
            previous_held = Some((s.plan_id, s.held_at.or(s.ends_at)));
        } else if effective == SessionStatus::Scheduled {
            // A later session waits for this one, not for scheduling.
            scheduling_seen = Some(s.plan_id);
        }
    }
    items.retain(|i| now - i.since >= min_wait);
    items.sort_by_key(|i| (i.since, i.session_id));
    let total = items.len() as u64;
    let page: Vec<Stalled> = items
        .into_iter()
        .skip(paging.offset() as usize)
        .take(paging.limit as usize)
        .collect();
    Ok((with_views(conn, page).await?, total))
}

/// Each item of a page with its plan's people (no sessions); an item whose
/// plan or people cannot be found is left out.
async fn with_views<C: ConnectionTrait>(
    conn: &C,
    page: Vec<Stalled>,
) -> AppResult<Vec<(Stalled, super::plans::PlanView)>> {
    let mut ids: Vec<i32> = page.iter().map(|i| i.plan_id).collect();
    ids.dedup();
    let plan_rows = plans::Entity::find()
        .filter(plans::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    let views = super::plans::views(conn, plan_rows).await?;
    Ok(page
        .into_iter()
        .filter_map(|i| {
            let v = views.iter().find(|v| v.plan.id == i.plan_id)?;
            Some((
                i,
                super::plans::PlanView {
                    plan: v.plan.clone(),
                    sessions: Vec::new(),
                    mentee: v.mentee.clone(),
                    mentor: v.mentor.clone(),
                },
            ))
        })
        .collect())
}

/// Rows per `IN (…)` list.
const CHUNK: usize = 1000;

/// `col` within the half-open period.
fn within<C: ColumnTrait>(col: C, p: &Period) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(col.gte(p.from))
        .add(col.lt(p.to))
}

/// The facts behind the outcome figures of a period: every plan matched
/// before its end (with intake, first session and feedback), and every
/// sheet submitted or replied within it.
pub async fn outcome_facts<C: ConnectionTrait>(
    conn: &C,
    period: &Period,
) -> AppResult<(Vec<PlanFacts>, Vec<SheetFacts>)> {
    // Only plans with an event in the period: matched, rated, or a session held.
    let rated = Query::select()
        .column(plan_feedback::Column::PlanId)
        .from(plan_feedback::Entity)
        .cond_where(within(plan_feedback::Column::CreatedAt, period))
        .to_owned();
    let met = Query::select()
        .column(plan_sessions::Column::PlanId)
        .from(plan_sessions::Entity)
        .and_where(plan_sessions::Column::Status.eq(SessionStatus::Held.as_str()))
        .cond_where(within(plan_sessions::Column::StartsAt, period))
        .to_owned();
    let plan_rows = plans::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(within(plans::Column::CreatedAt, period))
                .add(plans::Column::Id.in_subquery(rated))
                .add(plans::Column::Id.in_subquery(met)),
        )
        .order_by_asc(plans::Column::Id)
        .all(conn)
        .await?;
    let plan_ids: Vec<i32> = plan_rows.iter().map(|p| p.id).collect();
    let mut intake_submitted: HashMap<i32, Option<DateTime<Utc>>> = HashMap::new();
    let mut first_session: HashMap<i32, DateTime<Utc>> = HashMap::new();
    let mut feedback: HashMap<i32, plan_feedback::Model> = HashMap::new();
    // In chunks, so that a long period never exceeds a database's limit on
    // query parameters.
    for (ids, intake_ids) in plan_ids.chunks(CHUNK).zip(
        plan_rows
            .chunks(CHUNK)
            .map(|c| c.iter().map(|p| p.intake_id).collect::<Vec<_>>()),
    ) {
        for i in intakes::Entity::find()
            .filter(intakes::Column::Id.is_in(intake_ids))
            .all(conn)
            .await?
        {
            intake_submitted.insert(i.id, i.submitted_at);
        }
        for s in plan_sessions::Entity::find()
            .filter(plan_sessions::Column::Status.eq(SessionStatus::Held.as_str()))
            .filter(plan_sessions::Column::PlanId.is_in(ids.to_vec()))
            .all(conn)
            .await?
        {
            if let Some(t) = s.starts_at.or(s.held_at) {
                let e = first_session.entry(s.plan_id).or_insert(t);
                if t < *e {
                    *e = t;
                }
            }
        }
        for f in plan_feedback::Entity::find()
            .filter(plan_feedback::Column::PlanId.is_in(ids.to_vec()))
            .all(conn)
            .await?
        {
            feedback.insert(f.plan_id, f);
        }
    }
    let plans_out = plan_rows
        .into_iter()
        .map(|p| PlanFacts {
            plan_id: p.id,
            kind: p.kind.clone(),
            status: p.status.clone(),
            intake_submitted_at: intake_submitted.get(&p.intake_id).copied().flatten(),
            matched_at: p.created_at,
            first_session_at: first_session.get(&p.id).copied(),
            feedback: feedback.get(&p.id).map(|f| FeedbackFacts {
                satisfaction: u8::try_from(f.satisfaction).unwrap_or(0),
                positive_action: f.positive_action,
                positive_action_detail: f.positive_action_detail.clone(),
                comment: f.comment.clone(),
                submitted_at: f.created_at,
            }),
        })
        .collect();
    let in_period = || {
        sea_orm::Condition::any()
            .add(within(sheets::Column::SubmittedAt, period))
            .add(within(sheets::Column::RepliedAt, period))
    };
    let sheet_rows = sheets::Entity::find().filter(in_period()).all(conn).await?;
    let held: HashMap<i32, Option<DateTime<Utc>>> = plan_sessions::Entity::find()
        .filter(
            plan_sessions::Column::Id.in_subquery(
                Query::select()
                    .column(sheets::Column::SessionId)
                    .from(sheets::Entity)
                    .cond_where(in_period())
                    .to_owned(),
            ),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.held_at.or(s.ends_at)))
        .collect();
    let sheets_out = sheet_rows
        .into_iter()
        .filter_map(|s| {
            Some(SheetFacts {
                held_at: held.get(&s.session_id).copied().flatten()?,
                submitted_at: s.submitted_at,
                replied_at: s.replied_at,
            })
        })
        .collect();
    Ok((plans_out, sheets_out))
}

/// The outcome figures of a period, with the plans behind them (for export).
pub async fn outcomes<C: ConnectionTrait>(
    conn: &C,
    period: &Period,
) -> AppResult<(crate::domain::outcomes::Figures, Vec<PlanFacts>)> {
    let (plans, sheets) = outcome_facts(conn, period).await?;
    Ok((
        crate::domain::outcomes::figures(period, &plans, &sheets),
        plans,
    ))
}
