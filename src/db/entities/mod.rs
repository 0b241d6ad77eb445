//! Database entities, one module per table.
pub mod api_tokens;
pub mod assignments;
pub mod busy_calendars;
pub mod calendar_feeds;
pub mod call_notes;
pub mod intake_edits;
pub mod intakes;
pub mod mentor_invitations;
pub mod mentor_profiles;
pub mod outbox;
pub mod plan_extensions;
pub mod plan_sessions;
pub mod plans;
pub mod programme_sessions;
pub mod users;
pub mod web_sessions;
