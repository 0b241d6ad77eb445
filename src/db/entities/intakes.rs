//! `intakes` table (sea-orm entity in the generated style; behaviour lives in `crate::db`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "intakes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub mentee_id: i32,
    pub status: String,
    pub fields: String,
    pub completeness: i32,
    pub needs_call: bool,
    pub consent_version: Option<String>,
    pub consented_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
