//! `plans` table (sea-orm entity in the generated style; behaviour lives in `crate::db`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub assignment_id: i32,
    pub intake_id: i32,
    pub mentee_id: i32,
    pub mentor_id: i32,
    pub kind: String,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
