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
    if plans.is_empty() {
        return Ok(Vec::new());
    }
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
    let total = db.count(scoped(viewer)).await?;
    Ok((page(&db.conn, viewer, paging).await?, total))
}

/// One page of the plans the viewer may see, newest first, without the count.
pub async fn page<C: ConnectionTrait>(
    conn: &C,
    viewer: Viewer,
    paging: Paging,
) -> AppResult<Vec<PlanView>> {
    let rows = scoped(viewer)
        .order_by_desc(plans::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .all(conn)
        .await?;
    views(conn, rows).await
}

/// Join a plan's people to a query that has the plan (its `mentee_id` and
/// `mentor_id`) under the alias `plan`: her account as `mentee`, her
/// mentor's profile as `profile` and the mentor's account as `mentor`, each
/// by its key. Answers the aliases of the two accounts.
pub(super) fn join_people(
    query: &mut sea_orm::sea_query::SelectStatement,
    plan: &sea_orm::sea_query::Alias,
) -> (sea_orm::sea_query::Alias, sea_orm::sea_query::Alias) {
    use super::entities::mentor_profiles;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait};
    use sea_orm::JoinType;
    let (mentee, profile, mentor) = (
        Alias::new("mentee"),
        Alias::new("profile"),
        Alias::new("mentor"),
    );
    query
        .join_as(
            JoinType::InnerJoin,
            users::Entity,
            mentee.clone(),
            Expr::col((mentee.clone(), users::Column::Id))
                .equals((plan.clone(), plans::Column::MenteeId)),
        )
        .join_as(
            JoinType::InnerJoin,
            mentor_profiles::Entity,
            profile.clone(),
            Expr::col((profile.clone(), mentor_profiles::Column::Id))
                .equals((plan.clone(), plans::Column::MentorId)),
        )
        .join_as(
            JoinType::InnerJoin,
            users::Entity,
            mentor.clone(),
            Expr::col((mentor.clone(), users::Column::Id))
                .equals((profile, mentor_profiles::Column::UserId)),
        );
    (mentee, mentor)
}

/// One line of the coordinator's plan dashboard: the plan, both names and
/// each session's status as it stands (a scheduled session whose end has
/// passed shows as held).
#[derive(Debug, Clone)]
pub struct DashboardRow {
    pub id: i32,
    pub kind: String,
    pub status: String,
    pub mentee_name: String,
    pub mentor_name: String,
    pub sessions: Vec<SessionStatus>,
}

/// The coordinator's plan dashboard, newest first: the page's plans with both
/// names in one query and only the sessions' status columns in another (the
/// full rows, with their prompts and proposals, are what made the page slow).
///
/// The page of plans is taken first, in a subquery, and the names joined to
/// its rows only. Joined to the whole table, PostgreSQL planned the name
/// lookups for all 64,000 plans before the `LIMIT`, and sized the hash
/// tables of its `Memoize` nodes for them: clearing that memory at every
/// execution was a fifth of the server's time on this page (README,
/// Performance).
pub async fn dashboard(
    db: &Db,
    paging: Paging,
    now: DateTime<Utc>,
) -> AppResult<(Vec<DashboardRow>, u64)> {
    use crate::domain::schedule::effective_status;
    use sea_orm::sea_query::{Alias, Expr, Order, Query};
    use sea_orm::{FromQueryResult, QueryTrait};
    #[derive(FromQueryResult)]
    struct Line {
        id: i32,
        kind: String,
        status: String,
        mentee_name: String,
        mentor_name: String,
    }
    let total = db.count(plans::Entity::find()).await?;
    let page = plans::Entity::find()
        .select_only()
        .columns([
            plans::Column::Id,
            plans::Column::Kind,
            plans::Column::Status,
            plans::Column::MenteeId,
            plans::Column::MentorId,
        ])
        .order_by_desc(plans::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .into_query();
    let p = Alias::new("p");
    let mut query = Query::select();
    query
        .columns(
            [
                plans::Column::Id,
                plans::Column::Kind,
                plans::Column::Status,
            ]
            .map(|c| (p.clone(), c)),
        )
        .from_subquery(page, p.clone());
    let (mentee, mentor) = join_people(&mut query, &p);
    query
        .expr_as(
            Expr::col((mentee, users::Column::DisplayName)),
            Alias::new("mentee_name"),
        )
        .expr_as(
            Expr::col((mentor, users::Column::DisplayName)),
            Alias::new("mentor_name"),
        )
        .order_by((p, plans::Column::Id), Order::Desc);
    let lines = Line::find_by_statement(super::page_in_text(db.backend().build(&query)))
        .all(&db.conn)
        .await?;
    let ids: Vec<i32> = lines.iter().map(|l| l.id).collect();
    let mut sessions: HashMap<i32, Vec<SessionStatus>> = HashMap::new();
    if !ids.is_empty() {
        let rows: Vec<(i32, String, Option<DateTime<Utc>>)> = plan_sessions::Entity::find()
            .select_only()
            .columns([
                plan_sessions::Column::PlanId,
                plan_sessions::Column::Status,
                plan_sessions::Column::EndsAt,
            ])
            .filter(plan_sessions::Column::PlanId.is_in(ids))
            .order_by_asc(plan_sessions::Column::PlanId)
            .order_by_asc(plan_sessions::Column::Number)
            .into_tuple()
            .all(&db.conn)
            .await?;
        for (plan_id, status, ends_at) in rows {
            let status = SessionStatus::parse(&status).unwrap_or(SessionStatus::Unscheduled);
            sessions
                .entry(plan_id)
                .or_default()
                .push(effective_status(status, ends_at, now));
        }
    }
    let rows = lines
        .into_iter()
        .map(|l| DashboardRow {
            sessions: sessions.remove(&l.id).unwrap_or_default(),
            id: l.id,
            kind: l.kind,
            status: l.status,
            mentee_name: l.mentee_name,
            mentor_name: l.mentor_name,
        })
        .collect();
    Ok((rows, total))
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
