//! `plan_sessions` table (sea-orm entity in the generated style; behaviour lives in `crate::db`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub number: i32,
    pub theme: String,
    pub prompts: String,
    pub status: String,
    pub starts_at: Option<DateTimeUtc>,
    pub ends_at: Option<DateTimeUtc>,
    pub meeting_url: Option<String>,
    pub uid: String,
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// JSON: `[{"starts_at": RFC 3339 UTC, "duration_minutes": n}]`.
    pub proposals: String,
    pub proposed_by: Option<String>,
    pub proposal_message: Option<String>,
    pub proposal_meeting_url: Option<String>,
    pub proposed_at: Option<DateTimeUtc>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub held_at: Option<DateTimeUtc>,
    pub cancel_reason: Option<String>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    /// Mirrors the sheet's life cycle (`SheetStatus`): none, draft, submitted, replied.
    pub sheet_status: String,
    /// When the mentee was nudged to write her sheet (once).
    pub sheet_nudged_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
