//! The coordinator's view of mail that could not be delivered, and resending
//! it. A failed message keeps its Message-ID when sent again, so a mail
//! client that did receive it after all shows one message.
use super::entities::outbox;
use super::Paging;
use crate::error::{AppError, AppResult};
use crate::App;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

pub const FAILED: &str = "failed";

/// Failed messages, newest first.
pub async fn failed<C: ConnectionTrait>(
    conn: &C,
    paging: Paging,
) -> AppResult<(Vec<outbox::Model>, u64)> {
    let q = outbox::Entity::find().filter(outbox::Column::Status.eq(FAILED));
    let total = q.clone().count(conn).await?;
    let rows = q
        .order_by_desc(outbox::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .all(conn)
        .await?;
    Ok((rows, total))
}

/// Put a failed message back in the queue (due now, attempts from zero).
/// Unknown id: 404; a message that has not failed: 409 `email_not_failed`.
pub async fn resend(app: &App, id: i32) -> AppResult<outbox::Model> {
    let tx = app.db.begin_write().await?;
    let row = super::lock_for_update(tx.get_database_backend(), outbox::Entity::find_by_id(id))
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    if row.status != FAILED {
        return Err(AppError::conflict(
            "email_not_failed",
            "Only a message that failed can be sent again.",
        ));
    }
    let mut active = row.into_active_model();
    active.status = Set("pending".into());
    active.attempts = Set(0);
    active.next_attempt_at = Set(app.clock.now());
    let row = active.update(&tx).await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(row)
}
