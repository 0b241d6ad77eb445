//! The JSON shapes of the API contract, built from rows. Times are RFC 3339
//! in the caller's time zone (Asia/Tokyo by default).
use crate::db::entities::{
    assignments, call_notes, intake_edits, intakes, plan_extensions, plan_sessions, users,
};
use crate::db::mentors::MentorView;
use crate::db::plans::PlanView;
use crate::domain::busy::Busy;
use crate::domain::codes::{SessionStatus, Side};
use crate::domain::matching::Ranked;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

pub fn time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).to_rfc3339()
}

pub fn opt_time(t: Option<DateTime<Utc>>, tz: Tz) -> Value {
    t.map(|t| Value::String(time(t, tz))).unwrap_or(Value::Null)
}

pub fn user(u: &users::Model) -> Value {
    json!({"id": u.id, "email": u.email, "display_name": u.display_name, "role": u.role, "locale": u.locale, "time_zone": u.time_zone})
}

pub fn person(u: &users::Model) -> Value {
    json!({"id": u.id, "display_name": u.display_name})
}

pub fn mentor(m: &MentorView) -> Value {
    json!({
        "id": m.row.id,
        "user_id": m.user.id,
        "email": m.user.email,
        "display_name": m.user.display_name,
        "profile": m.profile,
        "active_mentees": m.active,
        "pending_mentees": m.pending,
        "capacity": m.profile.capacity,
        "invitation_pending": m.invitation_pending,
    })
}

pub fn intake(row: &intakes::Model, tz: Tz) -> Value {
    let f = crate::db::intakes::fields(row);
    let mut v = serde_json::to_value(&f).unwrap_or_else(|_| json!({}));
    if let Value::Object(map) = &mut v {
        map.insert("id".into(), json!(row.id));
        map.insert("status".into(), json!(row.status));
        map.insert("completeness".into(), json!(row.completeness));
        map.insert("missing".into(), json!(f.missing_required()));
        map.insert("needs_call".into(), json!(row.needs_call));
        map.insert("submitted_at".into(), opt_time(row.submitted_at, tz));
        map.insert("consent_version".into(), json!(row.consent_version));
        map.insert("updated_at".into(), json!(time(row.updated_at, tz)));
    }
    v
}

pub fn assignment(a: &assignments::Model, tz: Tz) -> Value {
    json!({
        "id": a.id,
        "intake_id": a.intake_id,
        "mentor_id": a.mentor_id,
        "status": a.status,
        "message": a.message,
        "decline_reason": a.decline_reason,
        "created_at": time(a.created_at, tz),
        "decided_at": opt_time(a.decided_at, tz),
    })
}

pub fn call_note(n: &call_notes::Model, author: &users::Model, tz: Tz) -> Value {
    json!({"id": n.id, "author": person(author), "note": n.note, "created_at": time(n.created_at, tz)})
}

pub fn edit(e: &intake_edits::Model, editor: &users::Model, tz: Tz) -> Value {
    let fields: Vec<String> = serde_json::from_str(&e.fields).unwrap_or_default();
    json!({"id": e.id, "editor": person(editor), "fields": fields, "created_at": time(e.created_at, tz)})
}

pub fn candidate(r: &Ranked, m: &MentorView) -> Value {
    json!({
        "mentor": {"id": m.row.id, "display_name": m.user.display_name, "headline": m.profile.headline},
        "score": r.score,
        "reasons": r.reasons,
        "active_mentees": m.active,
        "pending_mentees": m.pending,
        "capacity": r.capacity,
        "eligible": r.eligible,
        "ineligible_because": r.ineligible_because,
        "musts_met": r.musts_met,
    })
}

/// Who reads a session or plan: its mentee, its mentor, or (None) a coordinator.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub side: Option<Side>,
    pub tz: Tz,
    pub now: DateTime<Utc>,
    /// The reader's own busy times, to flag proposed slots that clash.
    pub busy: &'a [Busy],
}

pub fn session(s: &plan_sessions::Model, r: Reader<'_>) -> Value {
    let st = crate::db::sessions::state(s);
    let status = st.effective_status(r.now);
    let has_time = matches!(status, SessionStatus::Scheduled | SessionStatus::Held);
    let prompts: Vec<String> = serde_json::from_str(&s.prompts).unwrap_or_default();
    let proposals: Vec<Value> = st
        .open_proposals(r.now)
        .into_iter()
        .map(|p| {
            json!({
                "starts_at": time(p.starts_at, r.tz),
                "ends_at": time(p.ends_at(), r.tz),
                "duration_minutes": p.duration_minutes,
                "clashes_with_your_calendar": crate::domain::busy::clashes(p.starts_at, p.ends_at(), r.busy),
            })
        })
        .collect();
    let open = !proposals.is_empty();
    json!({
        "id": s.id,
        "plan_id": s.plan_id,
        "number": s.number,
        "theme": s.theme,
        "prompts": prompts,
        "status": status.as_str(),
        "proposals": proposals,
        "proposed_by": if open { json!(s.proposed_by) } else { Value::Null },
        "proposal_message": if open { json!(s.proposal_message) } else { Value::Null },
        "proposal_meeting_url": if open { json!(s.proposal_meeting_url) } else { Value::Null },
        "starts_at": if has_time { opt_time(s.starts_at, r.tz) } else { Value::Null },
        "ends_at": if has_time { opt_time(s.ends_at, r.tz) } else { Value::Null },
        "meeting_url": if has_time { json!(s.meeting_url) } else { Value::Null },
        "sequence": s.sequence,
        "cancel_reason": if status == SessionStatus::Unscheduled { json!(s.cancel_reason) } else { Value::Null },
        "next_step": crate::db::sessions::next_step(s, r.side, r.now).as_str(),
        "sheet_status": "none",
    })
}

pub fn plan(p: &PlanView, r: Reader<'_>) -> Value {
    json!({
        "id": p.plan.id,
        "kind": p.plan.kind,
        "status": p.plan.status,
        "mentee": person(&p.mentee),
        "mentor": {"id": p.plan.mentor_id, "display_name": p.mentor.display_name},
        "sessions": p.sessions.iter().map(|s| session(s, r)).collect::<Vec<_>>(),
        "created_at": time(p.plan.created_at, r.tz),
        "completed_at": opt_time(p.plan.completed_at, r.tz),
    })
}

pub fn extension(e: &plan_extensions::Model, tz: Tz) -> Value {
    json!({
        "id": e.id,
        "plan_id": e.plan_id,
        "status": e.status,
        "message": e.message,
        "decline_reason": e.decline_reason,
        "created_at": time(e.created_at, tz),
        "decided_at": opt_time(e.decided_at, tz),
    })
}
