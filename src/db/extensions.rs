//! One more session after a plan completes: the mentee asks, a coordinator
//! approves (the plan gains a session and is active again) or declines.
use super::entities::{plan_extensions, plan_sessions, plans, users};
use super::{lock_for_update, Paging};
use crate::domain::account::parse_text;
use crate::domain::codes::{ExtensionStatus, PlanStatus, Role};
use crate::error::{AppError, AppResult};
use crate::mail::{self, Email};
use crate::App;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;

/// The theme and prompts of an extension session.
pub const EXTENSION_THEME: &str = "延長面談（フォローアップ）";
pub const EXTENSION_PROMPTS: [&str; 2] = [
    "前回の面談から、どんな行動や変化がありましたか",
    "今日の面談で気づいたことは何ですか",
];

/// Every extension request of a plan, newest first.
pub async fn for_plan<C: ConnectionTrait>(
    conn: &C,
    plan_id: i32,
) -> AppResult<Vec<plan_extensions::Model>> {
    Ok(plan_extensions::Entity::find()
        .filter(plan_extensions::Column::PlanId.eq(plan_id))
        .order_by_desc(plan_extensions::Column::Id)
        .all(conn)
        .await?)
}

/// The mentee asks for one more session on her completed plan.
pub async fn request(
    app: &App,
    mentee: &users::Model,
    plan_id: i32,
    message: &str,
) -> AppResult<plan_extensions::Model> {
    let message = parse_text(message, 2000, false).map_err(|p| AppError::field("message", p))?;
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let plan = lock_for_update(
        tx.get_database_backend(),
        plans::Entity::find_by_id(plan_id).filter(plans::Column::MenteeId.eq(mentee.id)),
    )
    .one(&tx)
    .await?
    .ok_or_else(AppError::not_found)?;
    let plan = super::sheets::settle(&tx, app, plan.id, now).await?;
    if plan.status != PlanStatus::Completed.as_str() {
        return Err(AppError::conflict(
            "plan_not_completed",
            "An extension can be asked for once the plan is complete.",
        ));
    }
    let pending = plan_extensions::Entity::find()
        .filter(plan_extensions::Column::PlanId.eq(plan.id))
        .filter(plan_extensions::Column::Status.eq(ExtensionStatus::Pending.as_str()))
        .count(&tx)
        .await?;
    if pending > 0 {
        return Err(AppError::conflict(
            "extension_pending",
            "An extension request is already waiting for the coordinator.",
        ));
    }
    let ext = plan_extensions::ActiveModel {
        plan_id: Set(plan.id),
        message: Set(message.clone()),
        status: Set(ExtensionStatus::Pending.as_str().into()),
        created_at: Set(now),
        decided_at: Set(None),
        decided_by: Set(None),
        decline_reason: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let (_, mentor) = super::sessions::people(&tx, &plan).await?;
    let coordinators = users::Entity::find()
        .filter(users::Column::Role.eq(Role::Coordinator.as_str()))
        .filter(users::Column::Disabled.eq(false))
        .all(&tx)
        .await?;
    for c in &coordinators {
        mail::enqueue(
            &tx,
            app,
            Email {
                kind: "extension_requested",
                to_address: &c.email,
                to_name: &c.display_name,
                lang: crate::views::user_lang(c),
                ctx: json!({
                    "mentee_name": mentee.display_name,
                    "mentor_name": mentor.display_name,
                    "message": message,
                    "link": app.link("/coordinator/extensions"),
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    app.wake_mailer();
    Ok(ext)
}

/// An extension with the names a coordinator needs.
pub struct ExtensionView {
    pub ext: plan_extensions::Model,
    pub plan: plans::Model,
    pub mentee: users::Model,
    pub mentor: users::Model,
}

/// Extension requests for the coordinator (optionally by status), oldest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    status: Option<ExtensionStatus>,
    paging: Paging,
) -> AppResult<(Vec<ExtensionView>, u64)> {
    let mut q = plan_extensions::Entity::find();
    if let Some(s) = status {
        q = q.filter(plan_extensions::Column::Status.eq(s.as_str()));
    }
    let total = q.clone().count(conn).await?;
    let rows = q
        .order_by_asc(plan_extensions::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .all(conn)
        .await?;
    let plan_rows = plans::Entity::find()
        .filter(plans::Column::Id.is_in(rows.iter().map(|e| e.plan_id).collect::<Vec<_>>()))
        .all(conn)
        .await?;
    let by_plan: std::collections::HashMap<i32, super::plans::PlanView> =
        super::plans::views(conn, plan_rows)
            .await?
            .into_iter()
            .map(|v| (v.plan.id, v))
            .collect();
    let out = rows
        .into_iter()
        .filter_map(|ext| {
            let v = by_plan.get(&ext.plan_id)?;
            Some(ExtensionView {
                ext,
                plan: v.plan.clone(),
                mentee: v.mentee.clone(),
                mentor: v.mentor.clone(),
            })
        })
        .collect();
    Ok((out, total))
}

/// A coordinator decides a pending request. Approving adds one session to
/// the plan and makes it active again; both people are emailed either way.
pub async fn decide(
    app: &App,
    coordinator: &users::Model,
    id: i32,
    approve: bool,
    reason: &str,
) -> AppResult<ExtensionView> {
    let reason = parse_text(reason, 1000, false).map_err(|p| AppError::field("reason", p))?;
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let ext = lock_for_update(
        tx.get_database_backend(),
        plan_extensions::Entity::find_by_id(id),
    )
    .one(&tx)
    .await?
    .ok_or_else(AppError::not_found)?;
    if ext.status != ExtensionStatus::Pending.as_str() {
        return Err(AppError::conflict(
            "extension_decided",
            "This request has already been decided.",
        ));
    }
    let mut plan = plans::Entity::find_by_id(ext.plan_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut active = ext.into_active_model();
    active.status = Set(if approve {
        ExtensionStatus::Approved
    } else {
        ExtensionStatus::Declined
    }
    .as_str()
    .into());
    active.decided_at = Set(Some(now));
    active.decided_by = Set(Some(coordinator.id));
    active.decline_reason = Set(Some(reason.clone()).filter(|r| !approve && !r.is_empty()));
    let ext = active.update(&tx).await?;
    if approve {
        // The plan becomes active again, so it counts against the mentor's
        // capacity: lock her row and count, as a new assignment does.
        let mentor = lock_for_update(
            tx.get_database_backend(),
            super::entities::mentor_profiles::Entity::find_by_id(plan.mentor_id),
        )
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
        let (active, pending) = super::mentors::loads(&tx, Some(&[mentor.id]))
            .await?
            .get(&mentor.id)
            .copied()
            .unwrap_or_default();
        if active + pending >= u32::try_from(mentor.capacity.max(0)).unwrap_or(0) {
            return Err(AppError::conflict(
                "mentor_at_capacity",
                "The mentor has no room for another active plan.",
            ));
        }
        let last = plan_sessions::Entity::find()
            .filter(plan_sessions::Column::PlanId.eq(plan.id))
            .order_by_desc(plan_sessions::Column::Number)
            .one(&tx)
            .await?
            .map_or(0, |s| s.number);
        super::plans::add_session(
            &tx,
            plan.id,
            last + 1,
            EXTENSION_THEME,
            &serde_json::to_string(&EXTENSION_PROMPTS)?,
            now,
        )
        .await?;
        let mut p = plan.into_active_model();
        p.status = Set(PlanStatus::Active.as_str().into());
        p.completed_at = Set(None);
        plan = p.update(&tx).await?;
    }
    let (mentee, mentor) = super::sessions::people(&tx, &plan).await?;
    for (to, role) in [(&mentee, "mentee"), (&mentor, "mentor")] {
        mail::enqueue(
            &tx,
            app,
            Email {
                kind: "extension_decided",
                to_address: &to.email,
                to_name: &to.display_name,
                lang: crate::views::user_lang(to),
                ctx: json!({
                    "approved": approve,
                    "role": role,
                    "mentee_name": mentee.display_name,
                    "mentor_name": mentor.display_name,
                    "reason": reason,
                    "link": app.link(&format!("/plans/{}", plan.id)),
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    app.wake_mailer();
    Ok(ExtensionView {
        ext,
        plan,
        mentee,
        mentor,
    })
}
