//! Plans and their sessions, and the programme template they copy.
use super::entities::{assignments, plan_sessions, plans, programme_sessions, users};
use super::{Db, Paging};
use crate::domain::codes::{PlanKind, PlanStatus, SessionStatus};
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The default themes and prompts (editable by the coordinator).
pub const DEFAULT_TEMPLATE: [(&str, &[&str]); 3] = [
    (
        "現状と悩みの整理",
        &[
            "いま一番気になっていることは何ですか",
            "今日の面談で気づいたことは何ですか",
        ],
    ),
    (
        "強み・価値観とキャリアの方向性",
        &[
            "大切にしたい価値観は何ですか",
            "メンターから見たあなたの強みをどう受け止めましたか",
        ],
    ),
    (
        "具体的な行動計画",
        &[
            "半年後・1年後・3年後の目標は何ですか",
            "上司に伝えたいことは何ですか",
        ],
    ),
];

/// Fill the template with the defaults if it is empty (first start).
pub async fn seed_template(db: &Db, now: DateTime<Utc>) -> AppResult<()> {
    if programme_sessions::Entity::find().count(&db.conn).await? > 0 {
        return Ok(());
    }
    let tx = db.begin_write().await?;
    if programme_sessions::Entity::find().count(&tx).await? == 0 {
        for (i, (theme, prompts)) in DEFAULT_TEMPLATE.iter().enumerate() {
            programme_sessions::ActiveModel {
                number: Set(i as i32 + 1),
                theme: Set(theme.to_string()),
                prompts: Set(serde_json::to_string(prompts)?),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

pub async fn template<C: ConnectionTrait>(conn: &C) -> AppResult<Vec<programme_sessions::Model>> {
    Ok(programme_sessions::Entity::find()
        .order_by_asc(programme_sessions::Column::Number)
        .all(conn)
        .await?)
}

/// Create a plan and its sessions (3 or 1), copying the template's themes
/// now so that later template edits do not rewrite this plan.
pub async fn create<C: ConnectionTrait>(
    conn: &C,
    a: &assignments::Model,
    mentee_id: i32,
    kind: PlanKind,
    now: DateTime<Utc>,
) -> AppResult<plans::Model> {
    let plan = plans::ActiveModel {
        assignment_id: Set(a.id),
        intake_id: Set(a.intake_id),
        mentee_id: Set(mentee_id),
        mentor_id: Set(a.mentor_id),
        kind: Set(kind.as_str().into()),
        status: Set(PlanStatus::Active.as_str().into()),
        created_at: Set(now),
        completed_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let count = if kind == PlanKind::Single { 1 } else { 3 };
    let template = template(conn).await?;
    for number in 1..=count {
        let t = template.iter().find(|t| t.number == number);
        add_session(
            conn,
            plan.id,
            number,
            t.map_or("", |t| t.theme.as_str()),
            t.map_or("[]", |t| t.prompts.as_str()),
            now,
        )
        .await?;
    }
    Ok(plan)
}

/// Add an unscheduled session, with its own calendar UID for life.
pub async fn add_session<C: ConnectionTrait>(
    conn: &C,
    plan_id: i32,
    number: i32,
    theme: &str,
    prompts: &str,
    now: DateTime<Utc>,
) -> AppResult<plan_sessions::Model> {
    Ok(plan_sessions::ActiveModel {
        plan_id: Set(plan_id),
        number: Set(number),
        theme: Set(theme.to_string()),
        prompts: Set(prompts.to_string()),
        status: Set(SessionStatus::Unscheduled.as_str().into()),
        starts_at: Set(None),
        ends_at: Set(None),
        meeting_url: Set(None),
        uid: Set(format!("{}@kakehashi", uuid::Uuid::new_v4())),
        sequence: Set(0),
        proposals: Set("[]".into()),
        sheet_status: Set(crate::domain::codes::SheetStatus::NotStarted
            .as_str()
            .into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// A plan with its sessions and both people.
pub struct PlanView {
    pub plan: plans::Model,
    pub sessions: Vec<plan_sessions::Model>,
    pub mentee: users::Model,
    pub mentor: users::Model,
}

/// Who is looking at plans.
#[derive(Debug, Clone, Copy)]
pub enum Viewer {
    Mentee(i32),
    /// A mentor, by her profile id.
    Mentor(i32),
    Coordinator,
}

impl Viewer {
    /// The viewer's side of a plan (a coordinator has none).
    pub fn side(self) -> Option<crate::domain::codes::Side> {
        match self {
            Viewer::Mentee(_) => Some(crate::domain::codes::Side::Mentee),
            Viewer::Mentor(_) => Some(crate::domain::codes::Side::Mentor),
            Viewer::Coordinator => None,
        }
    }
}

/// How `user` looks at plans (by role).
pub async fn viewer_of<C: ConnectionTrait>(conn: &C, user: &users::Model) -> AppResult<Viewer> {
    use crate::domain::codes::Role;
    Ok(match Role::parse(&user.role) {
        Some(Role::Coordinator) => Viewer::Coordinator,
        Some(Role::Mentor) => Viewer::Mentor(super::mentors::for_user(conn, user.id).await?.id),
        _ => Viewer::Mentee(user.id),
    })
}

fn scoped(viewer: Viewer) -> sea_orm::Select<plans::Entity> {
    match viewer {
        Viewer::Mentee(id) => plans::Entity::find().filter(plans::Column::MenteeId.eq(id)),
        Viewer::Mentor(id) => plans::Entity::find().filter(plans::Column::MentorId.eq(id)),
        Viewer::Coordinator => plans::Entity::find(),
    }
}

/// Plans with their sessions and people, in a fixed number of queries.
pub async fn views<C: ConnectionTrait>(
    conn: &C,
    plans: Vec<plans::Model>,
) -> AppResult<Vec<PlanView>> {
    let ids: Vec<i32> = plans.iter().map(|p| p.id).collect();
    let sessions = plan_sessions::Entity::find()
        .filter(plan_sessions::Column::PlanId.is_in(ids))
        .order_by_asc(plan_sessions::Column::Number)
        .all(conn)
        .await?;
    use super::entities::mentor_profiles;
    let mut mentor_ids: Vec<i32> = plans.iter().map(|p| p.mentor_id).collect();
    mentor_ids.sort_unstable();
    mentor_ids.dedup();
    // Only which user each mentor is, not her profile.
    let mentor_users: HashMap<i32, i32> = mentor_profiles::Entity::find()
        .select_only()
        .columns([mentor_profiles::Column::Id, mentor_profiles::Column::UserId])
        .filter(mentor_profiles::Column::Id.is_in(mentor_ids))
        .into_tuple::<(i32, i32)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let mut user_ids: Vec<i32> = plans.iter().map(|p| p.mentee_id).collect();
    user_ids.extend(mentor_users.values().copied());
    user_ids.sort_unstable();
    user_ids.dedup();
    let users = super::intakes::users_by_id(conn, user_ids).await?;
    let mut by_plan: HashMap<i32, Vec<plan_sessions::Model>> = HashMap::new();
    for s in sessions {
        by_plan.entry(s.plan_id).or_default().push(s);
    }
    Ok(plans
        .into_iter()
        .filter_map(|plan| {
            let mentee = users.get(&plan.mentee_id)?.clone();
            let mentor_user_id = *mentor_users.get(&plan.mentor_id)?;
            let mentor = users.get(&mentor_user_id)?.clone();
            let sessions = by_plan.remove(&plan.id).unwrap_or_default();
            Some(PlanView {
                plan,
                sessions,
                mentee,
                mentor,
            })
        })
        .collect())
}

pub async fn list(
    db: &super::Db,
    viewer: Viewer,
    paging: Paging,
) -> AppResult<(Vec<PlanView>, u64)> {
    let q = scoped(viewer);
    let total = db.count(q.clone()).await?;
    let rows = q
        .order_by_desc(plans::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .all(&db.conn)
        .await?;
    Ok((views(&db.conn, rows).await?, total))
}

/// Every plan the viewer may see (a person has a handful; not for the coordinator's lists).
pub async fn all_for<C: ConnectionTrait>(conn: &C, viewer: Viewer) -> AppResult<Vec<PlanView>> {
    let rows = scoped(viewer)
        .order_by_asc(plans::Column::Id)
        .all(conn)
        .await?;
    views(conn, rows).await
}

/// One plan, if the viewer may see it (else 404).
pub async fn get<C: ConnectionTrait>(conn: &C, viewer: Viewer, id: i32) -> AppResult<PlanView> {
    let row = scoped(viewer)
        .filter(plans::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    views(conn, vec![row])
        .await?
        .into_iter()
        .next()
        .ok_or_else(AppError::not_found)
}

/// Replace the template's themes and prompts (sessions 1–3). Plans already
/// created keep their own copies.
pub async fn update_template(app: &crate::App, input: &[(String, Vec<String>)]) -> AppResult<()> {
    use crate::domain::account::parse_text;
    let mut errors = crate::domain::FieldErrors::new();
    let mut clean = Vec::new();
    for (i, (theme, prompts)) in input.iter().enumerate() {
        let n = i + 1;
        let theme = match parse_text(theme, 100, true) {
            Ok(t) if !t.contains('\n') => t,
            Ok(_) => {
                crate::domain::push_error(&mut errors, &format!("theme_{n}"), "invalid_characters");
                continue;
            }
            Err(p) => {
                crate::domain::push_error(&mut errors, &format!("theme_{n}"), p);
                continue;
            }
        };
        if prompts.len() > 10
            || prompts
                .iter()
                .any(|p| p.chars().count() > 300 || p.chars().any(char::is_control))
        {
            crate::domain::push_error(&mut errors, &format!("prompts_{n}"), "too_long");
            continue;
        }
        clean.push((n as i32, theme, prompts.clone()));
    }
    if !errors.is_empty() || clean.len() != 3 {
        return Err(AppError::validation(errors));
    }
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    for (number, theme, prompts) in clean {
        programme_sessions::Entity::update_many()
            .col_expr(
                programme_sessions::Column::Theme,
                sea_orm::sea_query::Expr::value(theme),
            )
            .col_expr(
                programme_sessions::Column::Prompts,
                sea_orm::sea_query::Expr::value(serde_json::to_string(&prompts)?),
            )
            .col_expr(
                programme_sessions::Column::UpdatedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(programme_sessions::Column::Number.eq(number))
            .exec(&tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
