//! `audit_events` table (sea-orm entity in the generated style; behaviour lives in `crate::db::audit`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub kind: String,
    /// Who acted (none for an anonymous caller).
    pub actor_id: Option<i32>,
    /// Whose data the event is about, when it is a person's.
    pub subject_id: Option<i32>,
    pub ip: Option<String>,
    pub path: Option<String>,
    /// A short, secret-free detail (a consent version, a role, an email domain).
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
