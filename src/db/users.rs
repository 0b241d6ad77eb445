//! Accounts.
use super::entities::users;
use super::Db;
use crate::auth::password;
use crate::clock::SharedClock;
use crate::domain::account::{DisplayName, Email, Registration};
use crate::domain::codes::Role;
use crate::domain::{push_error, FieldErrors};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};

pub async fn find_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &str,
) -> AppResult<Option<users::Model>> {
    Ok(users::Entity::find()
        .filter(users::Column::Email.eq(email))
        .one(conn)
        .await?)
}

pub async fn coordinator_exists<C: ConnectionTrait>(conn: &C) -> AppResult<bool> {
    Ok(users::Entity::find()
        .filter(users::Column::Role.eq(Role::Coordinator.as_str()))
        .count(conn)
        .await?
        > 0)
}

pub fn email_taken() -> AppError {
    AppError::conflict("email_taken", "An account with this email already exists.")
}

/// Insert a user; a duplicate email answers 409 `email_taken`.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    email: &Email,
    name: &DisplayName,
    role: Role,
    password_hash: Option<String>,
    lang: Lang,
    now: DateTime<Utc>,
) -> AppResult<users::Model> {
    if find_by_email(conn, email.as_str()).await?.is_some() {
        return Err(email_taken());
    }
    let user = users::ActiveModel {
        email: Set(email.as_str().to_string()),
        password_hash: Set(password_hash),
        display_name: Set(name.as_str().to_string()),
        role: Set(role.as_str().to_string()),
        locale: Set(lang.as_str().to_string()),
        time_zone: Set("Asia/Tokyo".into()),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            email_taken()
        } else {
            e.into()
        }
    })?;
    Ok(user)
}

/// Did the database refuse a duplicate?
pub fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// A mentee registers herself.
pub async fn register_mentee(
    db: &Db,
    now: DateTime<Utc>,
    reg: &Registration,
    lang: Lang,
) -> AppResult<users::Model> {
    let hash = password::hash(&reg.password).await?;
    let tx = db.begin_write().await?;
    let user = insert(
        &tx,
        &reg.email,
        &reg.display_name,
        Role::Mentee,
        Some(hash),
        lang,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Create a coordinator (the CLI and the first-run set-up page).
pub async fn create_coordinator(
    db: &Db,
    clock: &SharedClock,
    email: &str,
    name: &str,
    password_raw: &str,
) -> AppResult<users::Model> {
    let reg = Registration::parse(email, name, password_raw).map_err(AppError::validation)?;
    let hash = password::hash(&reg.password).await?;
    let tx = db.begin_write().await?;
    let user = insert(
        &tx,
        &reg.email,
        &reg.display_name,
        Role::Coordinator,
        Some(hash),
        Lang::Ja,
        clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Parse a locale field ("ja" | "en"), reporting a problem under `locale`.
pub fn parse_locale(raw: Option<&str>, errors: &mut FieldErrors) -> Lang {
    match raw {
        None | Some("") => Lang::Ja,
        Some(s) => Lang::parse(s).unwrap_or_else(|| {
            push_error(errors, "locale", "unknown_code");
            Lang::Ja
        }),
    }
}

/// Change her language and/or time zone (an IANA name such as `Asia/Tokyo`).
pub async fn update_settings(
    app: &crate::App,
    user: &users::Model,
    locale: Option<&str>,
    time_zone: Option<&str>,
) -> AppResult<users::Model> {
    let mut errors = FieldErrors::new();
    let lang = locale.map(|l| {
        Lang::parse(l).unwrap_or_else(|| {
            push_error(&mut errors, "locale", "unknown_code");
            Lang::Ja
        })
    });
    let tz = time_zone.map(|z| {
        z.parse::<chrono_tz::Tz>()
            .map(|t| t.name().to_string())
            .unwrap_or_else(|_| {
                push_error(&mut errors, "time_zone", "unknown_code");
                String::new()
            })
    });
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let mut active = user.clone().into_active_model();
    if let Some(l) = lang {
        active.locale = Set(l.as_str().into());
    }
    if let Some(z) = tz {
        active.time_zone = Set(z);
    }
    active.updated_at = Set(app.clock.now());
    let user = active.update(&app.db.conn).await;
    // Her language and time zone are read with her sign-in: read them anew.
    app.db.wrote();
    Ok(user?)
}
