//! Intakes: the mentee's draft and submission, and the coordinator's review
//! trail (call notes, edits on her behalf).
use super::entities::{call_notes, intake_edits, intakes, users};
use super::Paging;
use crate::domain::account::parse_text;
use crate::domain::codes::IntakeStatus;
use crate::domain::intake::{IntakeFields, CONSENT_VERSION};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::mail::{self, Email};
use crate::App;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, TryIntoModel,
};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub fn fields(row: &intakes::Model) -> IntakeFields {
    serde_json::from_str(&row.fields).unwrap_or_default()
}

pub fn status(row: &intakes::Model) -> IntakeStatus {
    IntakeStatus::parse(&row.status).unwrap_or(IntakeStatus::Draft)
}

/// The mentee's intake, created as an empty draft on first use.
pub async fn ensure(app: &App, mentee_id: i32) -> AppResult<intakes::Model> {
    if let Some(row) = find_for_mentee(&app.db.conn, mentee_id).await? {
        return Ok(row);
    }
    let now = app.clock.now();
    let empty = IntakeFields::default();
    let tx = app.db.begin_write().await?;
    if let Some(row) = find_for_mentee(&tx, mentee_id).await? {
        return Ok(row);
    }
    let row = intakes::ActiveModel {
        mentee_id: Set(mentee_id),
        status: Set(IntakeStatus::Draft.as_str().into()),
        fields: Set(serde_json::to_string(&empty)?),
        completeness: Set(empty.completeness() as i32),
        needs_call: Set(empty.needs_call()),
        consent_version: Set(None),
        consented_at: Set(None),
        submitted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn find_for_mentee<C: ConnectionTrait>(
    conn: &C,
    mentee_id: i32,
) -> AppResult<Option<intakes::Model>> {
    Ok(intakes::Entity::find()
        .filter(intakes::Column::MenteeId.eq(mentee_id))
        .one(conn)
        .await?)
}

fn store(
    active: &mut intakes::ActiveModel,
    f: &IntakeFields,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    active.fields = Set(serde_json::to_string(f)?);
    active.completeness = Set(f.completeness() as i32);
    active.needs_call = Set(f.needs_call());
    active.updated_at = Set(now);
    Ok(())
}

/// The mentee saves part of her intake (a draft save). Editable while a
/// draft or submitted; once a match is under way it is locked (409).
pub async fn save(
    app: &App,
    mentee_id: i32,
    patch: &Map<String, Value>,
) -> AppResult<intakes::Model> {
    ensure(app, mentee_id).await?;
    let tx = app.db.begin_write().await?;
    let row = find_for_mentee(&tx, mentee_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !matches!(status(&row), IntakeStatus::Draft | IntakeStatus::Submitted) {
        return Err(AppError::conflict(
            "intake_locked",
            "The intake can no longer be changed: a match is under way.",
        ));
    }
    let mut f = fields(&row);
    let changed = f.apply_patch(patch).map_err(AppError::validation)?;
    let mut active = row.into_active_model();
    store(&mut active, &f, app.clock.now())?;
    let row = active.update(&tx).await?;
    if changed.contains(&"share_sheets") {
        let detail = Some(if f.share_sheets { "on" } else { "off" }.into());
        let at = app.clock.now();
        super::audit::own_in(
            &tx,
            at,
            super::audit::kind::SHEET_SHARING,
            mentee_id,
            None,
            detail,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(row)
}

/// Submit: every required field present and consent given, else 422 listing
/// each. Submitting again changes nothing (a double click sends one email).
///
/// Her intake is read, checked and her confirmation rendered before the
/// write turn; inside it the submission is one batch whose update holds only
/// while the intake is still the draft that was read (else it is read again
/// and decided in a turn of its own).
pub async fn submit(app: &App, mentee: &users::Model) -> AppResult<intakes::Model> {
    let read = ensure(app, mentee.id).await?;
    if !submittable(&read)? {
        return Ok(read);
    }
    let lang = Lang::parse(&mentee.locale).unwrap_or_default();
    let email = mail::prepare(
        app,
        Email {
            kind: "intake_submitted",
            to_address: &mentee.email,
            to_name: &mentee.display_name,
            lang,
            ctx: json!({ "link": app.link("/intake") }),
        },
        None,
    )?;
    // As PostgreSQL keeps it (microseconds), so the answer shows what a read shows.
    let now = chrono::SubsecRound::trunc_subsecs(app.clock.now(), 6);
    let f = fields(&read);
    let mut submitted = read.clone().into_active_model();
    mark_submitted(&mut submitted, &f, now);
    // What she is answered once the batch holds: her intake as read, marked.
    let answer = submitted.clone();
    let consent = Some(CONSENT_VERSION.to_string());
    let tx = app.db.begin_write().await?;
    // The submission, its consent line and its email in one batch; the
    // update holds only while the intake is still the draft that was read.
    let batch = vec![
        super::Write::Update(
            intakes::Entity::update_many()
                .set(submitted)
                .filter(intakes::Column::Id.eq(read.id))
                .filter(intakes::Column::Status.eq(IntakeStatus::Draft.as_str()))
                .filter(intakes::Column::Fields.eq(read.fields.clone()))
                .into_query(),
        ),
        super::audit::own_write(
            now,
            super::audit::kind::CONSENT_GIVEN,
            mentee.id,
            consent.clone(),
        ),
        email.write(),
    ];
    if tx.execute_all(batch).await? == 3 {
        tx.commit().await?;
        app.wake_mailer();
        return Ok(answer.try_into_model()?);
    }
    // Changed since it was read: none of the batch is kept, and the intake
    // is read again and decided in a turn of its own. Locked on PostgreSQL
    // (no queue serialises its writers): a submission committing meanwhile
    // is waited for and seen.
    tx.rollback().await?;
    let tx = app.db.begin_write().await?;
    let row = super::lock_for_update(
        tx.get_database_backend(),
        intakes::Entity::find().filter(intakes::Column::MenteeId.eq(mentee.id)),
    )
    .one(&tx)
    .await?
    .ok_or_else(AppError::not_found)?;
    if !submittable(&row)? {
        return Ok(row);
    }
    let f = fields(&row);
    let mut active = row.into_active_model();
    mark_submitted(&mut active, &f, now);
    let row = active.update(&tx).await?;
    super::audit::own_in(
        &tx,
        now,
        super::audit::kind::CONSENT_GIVEN,
        mentee.id,
        None,
        consent,
    )
    .await?;
    email.store(&tx).await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(row)
}

/// Whether this intake is a draft ready to submit: `false` when it was
/// submitted already (nothing to do), an error when it is locked or
/// incomplete.
fn submittable(row: &intakes::Model) -> AppResult<bool> {
    match status(row) {
        IntakeStatus::Draft => {}
        IntakeStatus::Submitted => return Ok(false),
        _ => {
            return Err(AppError::conflict(
                "intake_locked",
                "The intake has already been matched.",
            ))
        }
    }
    let missing = fields(row).missing_errors();
    if !missing.is_empty() {
        return Err(AppError::validation(missing));
    }
    Ok(true)
}

/// What submitting changes: status, consent and time, and the figures drawn
/// from her fields (her fields stay as saved).
fn mark_submitted(
    active: &mut intakes::ActiveModel,
    f: &IntakeFields,
    now: chrono::DateTime<chrono::Utc>,
) {
    active.completeness = Set(f.completeness() as i32);
    active.needs_call = Set(f.needs_call());
    active.status = Set(IntakeStatus::Submitted.as_str().into());
    active.consent_version = Set(Some(CONSENT_VERSION.into()));
    active.consented_at = Set(Some(now));
    active.submitted_at = Set(Some(now));
    active.updated_at = Set(now);
}

/// From an intake to her account.
fn to_mentee() -> sea_orm::RelationDef {
    intakes::Entity::belongs_to(users::Entity)
        .from(intakes::Column::MenteeId)
        .to(users::Column::Id)
        .into()
}

/// One line of the coordinator's queue: the intake's summary and her name,
/// without the form's fields.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct QueueRow {
    pub id: i32,
    pub mentee_id: i32,
    pub status: String,
    pub completeness: i32,
    pub needs_call: bool,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub mentee_name: String,
}

/// The coordinator's queue: needs-call first, then oldest submission first,
/// read in the order of `idx_intakes_queue_order` with her name joined; the
/// status's count is cached (see [`Db::count`](super::Db::count)).
pub async fn queue(
    db: &super::Db,
    status: IntakeStatus,
    paging: Paging,
) -> AppResult<(Vec<QueueRow>, u64)> {
    use sea_orm::{FromQueryResult, JoinType, QueryTrait};
    let q = intakes::Entity::find().filter(intakes::Column::Status.eq(status.as_str()));
    let total = db.count(q.clone()).await?;
    let rows = q
        .select_only()
        .columns([
            intakes::Column::Id,
            intakes::Column::MenteeId,
            intakes::Column::Status,
            intakes::Column::Completeness,
            intakes::Column::NeedsCall,
            intakes::Column::SubmittedAt,
        ])
        .column_as(users::Column::DisplayName, "mentee_name")
        .join(JoinType::InnerJoin, to_mentee())
        .order_by_desc(intakes::Column::NeedsCall)
        .order_by_asc(intakes::Column::SubmittedAt)
        .order_by_asc(intakes::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .build(db.backend());
    let rows = QueueRow::find_by_statement(super::page_in_text(rows))
        .all(&db.conn)
        .await?;
    Ok((rows, total))
}

pub async fn users_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<i32>,
) -> AppResult<HashMap<i32, users::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    id: i32,
) -> AppResult<(intakes::Model, users::Model)> {
    use sea_orm::JoinType;
    let (row, mentee) = intakes::Entity::find_by_id(id)
        .select_also(users::Entity)
        .join(JoinType::InnerJoin, to_mentee())
        .one(conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((row, mentee.ok_or_else(AppError::not_found)?))
}

/// An intake with only its mentee's name: what the candidates page shows of
/// her (the whole account is not read for one name).
#[derive(FromQueryResult)]
pub struct Named {
    #[sea_orm(nested)]
    pub intake: intakes::Model,
    pub mentee_name: String,
}

pub async fn get_named<C: ConnectionTrait>(conn: &C, id: i32) -> AppResult<Named> {
    use sea_orm::JoinType;
    intakes::Entity::find_by_id(id)
        .join(JoinType::InnerJoin, to_mentee())
        .column_as(users::Column::DisplayName, "mentee_name")
        .into_model::<Named>()
        .one(conn)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Call notes with their authors, oldest first.
pub async fn call_notes<C: ConnectionTrait>(
    conn: &C,
    intake_id: i32,
) -> AppResult<Vec<(call_notes::Model, users::Model)>> {
    let rows = call_notes::Entity::find()
        .filter(call_notes::Column::IntakeId.eq(intake_id))
        .order_by_asc(call_notes::Column::Id)
        .all(conn)
        .await?;
    let authors = users_by_id(conn, rows.iter().map(|r| r.author_id).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| authors.get(&r.author_id).cloned().map(|u| (r, u)))
        .collect())
}

pub async fn add_call_note(
    app: &App,
    author_id: i32,
    intake_id: i32,
    note: &str,
) -> AppResult<call_notes::Model> {
    let note = parse_text(note, 4000, true).map_err(|p| AppError::field("note", p))?;
    get(&app.db.conn, intake_id).await?;
    Ok(call_notes::ActiveModel {
        intake_id: Set(intake_id),
        author_id: Set(author_id),
        note: Set(note),
        created_at: Set(app.clock.now()),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await?)
}

/// The coordinator fills in fields after a phone call; each edit is recorded
/// with who, when and which fields changed.
pub async fn edit_on_behalf(
    app: &App,
    editor_id: i32,
    intake_id: i32,
    patch: &Map<String, Value>,
) -> AppResult<intakes::Model> {
    edit(app, editor_id, intake_id, patch, false).await
}

/// The mentee corrects her own intake once a match is under way or made
/// (before that, `save` is how she changes it). The correction is recorded in
/// the edit trail the coordinator reads and in her audit log.
pub async fn correct(
    app: &App,
    mentee: &users::Model,
    patch: &Map<String, Value>,
) -> AppResult<intakes::Model> {
    let row = ensure(app, mentee.id).await?;
    edit(app, mentee.id, row.id, patch, true).await
}

/// An edit recorded in the trail; `closed_ok` lets it reach a matched or
/// withdrawn intake (her correction).
async fn edit(
    app: &App,
    editor_id: i32,
    intake_id: i32,
    patch: &Map<String, Value>,
    closed_ok: bool,
) -> AppResult<intakes::Model> {
    let refused = crate::domain::intake::on_behalf_errors(patch);
    if !refused.is_empty() {
        return Err(AppError::validation(refused));
    }
    let tx = app.db.begin_write().await?;
    let row = intakes::Entity::find_by_id(intake_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !closed_ok
        && matches!(
            status(&row),
            IntakeStatus::Matched | IntakeStatus::Withdrawn
        )
    {
        return Err(AppError::conflict(
            "intake_locked",
            "This intake is closed.",
        ));
    }
    let mut f = fields(&row);
    let changed = f.apply_patch(patch).map_err(AppError::validation)?;
    if changed.is_empty() {
        return Ok(row);
    }
    let now = app.clock.now();
    let mentee_id = row.mentee_id;
    let mut active = row.into_active_model();
    store(&mut active, &f, now)?;
    let row = active.update(&tx).await?;
    intake_edits::ActiveModel {
        intake_id: Set(intake_id),
        editor_id: Set(editor_id),
        fields: Set(serde_json::to_string(&changed)?),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    {
        // Hers (a correction) or the coordinator's (after a call): either way
        // it shows in her record.
        super::audit::record_in(
            &tx,
            now,
            super::audit::Event {
                kind: if closed_ok {
                    super::audit::kind::INTAKE_CORRECTED
                } else {
                    super::audit::kind::INTAKE_EDITED
                },
                actor: Some(editor_id),
                subject: Some(mentee_id),
                detail: Some(changed.join(",")),
                ..Default::default()
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(row)
}

pub async fn edits<C: ConnectionTrait>(
    conn: &C,
    intake_id: i32,
) -> AppResult<Vec<(intake_edits::Model, users::Model)>> {
    let rows = intake_edits::Entity::find()
        .filter(intake_edits::Column::IntakeId.eq(intake_id))
        .order_by_asc(intake_edits::Column::Id)
        .all(conn)
        .await?;
    let editors = users_by_id(conn, rows.iter().map(|r| r.editor_id).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| editors.get(&r.editor_id).cloned().map(|u| (r, u)))
        .collect())
}
