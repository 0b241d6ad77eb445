//! `call_notes` table (sea-orm entity in the generated style; behaviour lives in `crate::db`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "call_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub intake_id: i32,
    pub author_id: i32,
    pub note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
