//! `sheets` table (sea-orm entity in the generated style; behaviour lives in `crate::db`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sheets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub plan_id: i32,
    pub mentee_id: i32,
    pub realizations: String,
    pub next_actions: String,
    pub questions: String,
    /// Bumped on every save; a save that names an older version is stale.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub reply_message: Option<String>,
    pub reply_strengths: Option<String>,
    pub replied_at: Option<DateTimeUtc>,
    pub reply_nudged_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
