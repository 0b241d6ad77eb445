//! Performance (issue 7): the coordinator's queue is read in the order of an
//! index — submitted intakes needing a call first, then oldest submission —
//! so a page of 100 rows is read without sorting every submitted intake; the
//! index also holds the mentee and completeness, so the rows themselves (with
//! the form's fields) are not read at all.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_intakes_queue")
                .table("intakes")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_intakes_queue_order")
                .table("intakes")
                .col("status")
                .col(("needs_call", IndexOrder::Desc))
                .col("submitted_at")
                .col("id")
                .col("mentee_id")
                .col("completeness")
                .to_owned(),
        )
        .await?;
        // Active plans by mentor: the mentors' loads, and every "only active
        // plans" condition (nudges, stalled pairs), without reading all plans.
        m.create_index(
            Index::create()
                .name("idx_plans_status_mentor")
                .table("plans")
                .col("status")
                .col("mentor_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_plans_status_mentor")
                .table("plans")
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("idx_intakes_queue_order")
                .table("intakes")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_intakes_queue")
                .table("intakes")
                .col("status")
                .col("needs_call")
                .col("submitted_at")
                .to_owned(),
        )
        .await
    }
}
