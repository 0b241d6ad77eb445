//! The mentor roster: invitations, profiles and load.
use super::entities::{assignments, mentor_invitations, mentor_profiles, plans, users};
use crate::auth::{password, tokens};
use crate::domain::account::{DisplayName, Email};
use crate::domain::codes::Role;
use crate::domain::mentor::Profile;
use crate::domain::{push_error, FieldErrors};
use crate::error::{AppError, AppResult};
use crate::mail::{self, Email as Mail};
use crate::App;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub const INVITATION_DAYS: i64 = 7;

/// A mentor as the pages and the API show her.
#[derive(Debug, Clone)]
pub struct MentorView {
    pub row: mentor_profiles::Model,
    pub user: users::Model,
    pub profile: Profile,
    pub active: u32,
    pub pending: u32,
    pub invitation_pending: bool,
}

impl MentorView {
    pub fn load(&self) -> u32 {
        self.active + self.pending
    }
}

pub fn parse_profile(row: &mentor_profiles::Model) -> Profile {
    serde_json::from_str(&row.profile).unwrap_or_default()
}

/// Active (plan in progress) and pending (assignment awaiting her answer) counts per mentor.
pub async fn loads<C: ConnectionTrait>(
    conn: &C,
    mentor_ids: Option<&[i32]>,
) -> AppResult<HashMap<i32, (u32, u32)>> {
    #[derive(FromQueryResult)]
    struct Count {
        mentor_id: i32,
        n: i64,
    }
    let mut active_q = plans::Entity::find()
        .select_only()
        .column(plans::Column::MentorId)
        .column_as(plans::Column::Id.count(), "n")
        .filter(plans::Column::Status.eq("active"))
        .group_by(plans::Column::MentorId);
    let mut pending_q = assignments::Entity::find()
        .select_only()
        .column(assignments::Column::MentorId)
        .column_as(assignments::Column::Id.count(), "n")
        .filter(assignments::Column::Status.eq("pending"))
        .group_by(assignments::Column::MentorId);
    if let Some(ids) = mentor_ids {
        active_q = active_q.filter(plans::Column::MentorId.is_in(ids.to_vec()));
        pending_q = pending_q.filter(assignments::Column::MentorId.is_in(ids.to_vec()));
    }
    let mut out: HashMap<i32, (u32, u32)> = HashMap::new();
    for c in active_q.into_model::<Count>().all(conn).await? {
        out.entry(c.mentor_id).or_default().0 = c.n as u32;
    }
    for c in pending_q.into_model::<Count>().all(conn).await? {
        out.entry(c.mentor_id).or_default().1 = c.n as u32;
    }
    Ok(out)
}

/// From a mentor's profile to her account.
pub fn to_account() -> sea_orm::RelationDef {
    mentor_profiles::Entity::belongs_to(users::Entity)
        .from(mentor_profiles::Column::UserId)
        .to(users::Column::Id)
        .into()
}

/// The mentors `select` finds, each with her account (joined, one query),
/// her load and whether her invitation is still open. `whole` says the
/// select is the whole roster, so the loads are read without an id list.
async fn views<C: ConnectionTrait>(
    conn: &C,
    select: sea_orm::Select<mentor_profiles::Entity>,
    whole: bool,
) -> AppResult<Vec<MentorView>> {
    use sea_orm::JoinType;
    let rows: Vec<(mentor_profiles::Model, users::Model)> = select
        .select_also(users::Entity)
        .join(JoinType::InnerJoin, to_account())
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|(row, user)| Some((row, user?)))
        .collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = rows.iter().map(|(r, _)| r.id).collect();
    let loads = loads(conn, (!whole).then_some(ids.as_slice())).await?;
    // Only an account without a password can have an open invitation.
    let uninvited: Vec<i32> = rows
        .iter()
        .filter(|(_, u)| u.password_hash.is_none())
        .map(|(_, u)| u.id)
        .collect();
    let invited: Vec<i32> = if uninvited.is_empty() {
        Vec::new()
    } else {
        mentor_invitations::Entity::find()
            .select_only()
            .column(mentor_invitations::Column::UserId)
            .filter(mentor_invitations::Column::UserId.is_in(uninvited))
            .filter(mentor_invitations::Column::UsedAt.is_null())
            .into_tuple()
            .all(conn)
            .await?
    };
    Ok(rows
        .into_iter()
        .map(|(row, user)| {
            let (active, pending) = loads.get(&row.id).copied().unwrap_or_default();
            let invitation_pending = user.password_hash.is_none() && invited.contains(&user.id);
            MentorView {
                profile: parse_profile(&row),
                row,
                user,
                active,
                pending,
                invitation_pending,
            }
        })
        .collect())
}

/// One page of the roster, oldest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    accepting: Option<bool>,
    paging: super::Paging,
) -> AppResult<(Vec<MentorView>, u64)> {
    let mut q = mentor_profiles::Entity::find();
    if let Some(a) = accepting {
        q = q.filter(mentor_profiles::Column::Accepting.eq(a));
    }
    let total = q.clone().count(conn).await?;
    let page = q
        .order_by_asc(mentor_profiles::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit);
    Ok((views(conn, page, false).await?, total))
}

/// Every mentor (for ranking).
pub async fn all<C: ConnectionTrait>(conn: &C) -> AppResult<Vec<MentorView>> {
    let every = mentor_profiles::Entity::find().order_by_asc(mentor_profiles::Column::Id);
    views(conn, every, true).await
}

/// These mentors (by profile id), in no particular order.
pub async fn by_ids<C: ConnectionTrait>(conn: &C, ids: &[i32]) -> AppResult<Vec<MentorView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let these =
        mentor_profiles::Entity::find().filter(mentor_profiles::Column::Id.is_in(ids.to_vec()));
    views(conn, these, false).await
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: i32) -> AppResult<MentorView> {
    views(conn, mentor_profiles::Entity::find_by_id(id), false)
        .await?
        .into_iter()
        .next()
        .ok_or_else(AppError::not_found)
}

/// The coordinator invites a mentor: account without a password, profile,
/// and a one-time link valid for 7 days, emailed. Answers the view and the link's secret.
pub async fn invite(app: &App, raw: &Map<String, Value>) -> AppResult<(MentorView, String)> {
    let mut errors = FieldErrors::new();
    let email = Email::parse(raw.get("email").and_then(Value::as_str).unwrap_or(""))
        .map_err(|p| push_error(&mut errors, "email", p))
        .ok();
    let name = DisplayName::parse(
        raw.get("display_name")
            .and_then(Value::as_str)
            .unwrap_or(""),
    )
    .map_err(|p| push_error(&mut errors, "display_name", p))
    .ok();
    let profile = match raw.get("profile") {
        None | Some(Value::Null) => Some(Profile::default()),
        Some(Value::Object(p)) => Profile::default()
            .apply(p)
            .map_err(|e| {
                for (k, v) in e {
                    for p in v {
                        push_error(&mut errors, &format!("profile.{k}"), &p);
                    }
                }
            })
            .ok(),
        Some(_) => {
            push_error(&mut errors, "profile", "invalid");
            None
        }
    };
    for key in raw.keys() {
        if !["email", "display_name", "profile", "locale"].contains(&key.as_str()) {
            push_error(&mut errors, key, "unknown_field");
        }
    }
    let lang = super::users::parse_locale(raw.get("locale").and_then(Value::as_str), &mut errors);
    let (Some(email), Some(name), Some(profile), true) = (email, name, profile, errors.is_empty())
    else {
        return Err(AppError::validation(errors));
    };
    let now = app.clock.now();
    let secret = tokens::new_secret();
    let tx = app.db.begin_write().await?;
    let user = super::users::insert(&tx, &email, &name, Role::Mentor, None, lang, now).await?;
    let row = mentor_profiles::ActiveModel {
        user_id: Set(user.id),
        profile: Set(serde_json::to_string(&profile)?),
        capacity: Set(profile.capacity as i32),
        accepting: Set(profile.accepting),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let expires_at = now + Duration::days(INVITATION_DAYS);
    mentor_invitations::ActiveModel {
        user_id: Set(user.id),
        token_hash: Set(tokens::digest(&secret)),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    mail::enqueue(
        &tx,
        app,
        Mail {
            kind: "mentor_invitation",
            to_address: &user.email,
            to_name: &user.display_name,
            lang,
            ctx: json!({
                "link": app.link(&format!("/invitations/{secret}")),
                "expires_at": crate::views::fmt_datetime(expires_at, chrono_tz::Asia::Tokyo, lang),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    app.wake_mailer();
    let view = MentorView {
        profile,
        row,
        user,
        active: 0,
        pending: 0,
        invitation_pending: true,
    };
    Ok((view, secret))
}

/// The invitation behind a link, if it is still usable.
pub async fn find_invitation(
    app: &App,
    secret: &str,
) -> AppResult<(mentor_invitations::Model, users::Model)> {
    let inv = mentor_invitations::Entity::find()
        .filter(mentor_invitations::Column::TokenHash.eq(tokens::digest(secret)))
        .one(&app.db.conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    if inv.used_at.is_some() || inv.expires_at <= app.clock.now() {
        return Err(AppError::not_found());
    }
    let user = users::Entity::find_by_id(inv.user_id)
        .one(&app.db.conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((inv, user))
}

/// The mentor sets her password through the link; the link then stops working.
pub async fn accept_invitation(
    app: &App,
    secret: &str,
    new_password: &str,
) -> AppResult<users::Model> {
    let (inv, _) = find_invitation(app, secret).await?;
    if let Err(p) = password::check(new_password) {
        return Err(AppError::field("password", p));
    }
    let hash = password::hash(new_password).await?;
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    // Single use even under a double submit: only the update that flips used_at wins.
    let flipped = mentor_invitations::Entity::update_many()
        .col_expr(mentor_invitations::Column::UsedAt, Expr::value(now))
        .filter(mentor_invitations::Column::Id.eq(inv.id))
        .filter(mentor_invitations::Column::UsedAt.is_null())
        .exec(&tx)
        .await?;
    if flipped.rows_affected != 1 {
        return Err(AppError::not_found());
    }
    let user = users::Entity::find_by_id(inv.user_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut active = user.into_active_model();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(now);
    let user = active.update(&tx).await?;
    tx.commit().await?;
    Ok(user)
}

/// Edit a profile (the mentor herself or a coordinator).
pub async fn update_profile(
    app: &App,
    id: i32,
    patch: &Map<String, Value>,
) -> AppResult<MentorView> {
    let tx = app.db.begin_write().await?;
    let row = mentor_profiles::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let profile = parse_profile(&row)
        .apply(patch)
        .map_err(AppError::validation)?;
    let mut active = row.into_active_model();
    active.profile = Set(serde_json::to_string(&profile)?);
    active.capacity = Set(profile.capacity as i32);
    active.accepting = Set(profile.accepting);
    active.updated_at = Set(app.clock.now());
    active.update(&tx).await?;
    tx.commit().await?;
    get(&app.db.conn, id).await
}

/// The profile row of a mentor user.
pub async fn for_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> AppResult<mentor_profiles::Model> {
    mentor_profiles::Entity::find()
        .filter(mentor_profiles::Column::UserId.eq(user_id))
        .one(conn)
        .await?
        .ok_or_else(AppError::forbidden)
}
