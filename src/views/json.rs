//! The JSON shapes of the API contract, built from rows. Times are RFC 3339
//! in the caller's time zone (Asia/Tokyo by default).
use crate::db::entities::{
    assignments, call_notes, intake_edits, intakes, plan_extensions, plan_feedback, plan_sessions,
    sheets, users,
};
use crate::db::mentors::MentorView;
use crate::db::plans::PlanView;
use crate::db::sheets::{ReadEntry, SheetView, Stalled};
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

/// One candidate as the API gives her: written straight to the body (a list
/// of 50 with their reasons is the largest answer the coordinator reads
/// often, so it is not built as a `Value` first).
#[derive(serde::Serialize)]
pub struct Candidate<'a> {
    mentor: CandidateMentor<'a>,
    score: u8,
    reasons: &'a [crate::domain::matching::Reason],
    active_mentees: u32,
    pending_mentees: u32,
    capacity: u8,
    eligible: bool,
    ineligible_because: Option<crate::domain::matching::Ineligible>,
    musts_met: bool,
}

#[derive(serde::Serialize)]
struct CandidateMentor<'a> {
    id: i32,
    display_name: &'a str,
    headline: &'a str,
}

pub fn candidate<'a>(r: &'a Ranked, m: &'a crate::db::matching::Shown) -> Candidate<'a> {
    Candidate {
        mentor: CandidateMentor {
            id: m.mentor_id,
            display_name: &m.display_name,
            headline: &m.headline,
        },
        score: r.score,
        reasons: &r.reasons,
        active_mentees: m.active,
        pending_mentees: m.pending,
        capacity: r.capacity,
        eligible: r.eligible,
        ineligible_because: r.ineligible_because,
        musts_met: r.musts_met,
    }
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
        "sheet_status": crate::db::sheets::status_of(s).as_str(),
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

/// A session's sheet (the contract's `sheet`), with the reply once there is one.
pub fn sheet(session: &plan_sessions::Model, row: Option<&sheets::Model>, tz: Tz) -> Value {
    let prompts: Vec<String> = serde_json::from_str(&session.prompts).unwrap_or_default();
    let text = |f: fn(&sheets::Model) -> &String| row.map(f).cloned().unwrap_or_default();
    let reply = match row {
        Some(r) => match (&r.reply_message, &r.reply_strengths, r.replied_at) {
            (Some(m), Some(st), Some(at)) => {
                json!({"message": m, "strengths": st, "replied_at": time(at, tz)})
            }
            _ => Value::Null,
        },
        None => Value::Null,
    };
    json!({
        "session_id": session.id,
        "plan_id": session.plan_id,
        "number": session.number,
        "theme": session.theme,
        "status": crate::db::sheets::status_of(session).as_str(),
        "prompts": prompts,
        "realizations": text(|r| &r.realizations),
        "next_actions": text(|r| &r.next_actions),
        "questions": text(|r| &r.questions),
        "version": row.map_or(0, |r| r.version),
        "saved_at": opt_time(row.map(|r| r.updated_at), tz),
        "submitted_at": opt_time(row.and_then(|r| r.submitted_at), tz),
        "reply": reply,
    })
}

pub fn sheet_view(v: &SheetView, tz: Tz) -> Value {
    let mut out = sheet(&v.loaded.session, v.sheet.as_ref(), tz);
    out["mentee"] = person(&v.loaded.mentee);
    out["mentor"] =
        json!({"id": v.loaded.plan.mentor_id, "display_name": v.loaded.mentor.display_name});
    out
}

pub fn feedback(f: &plan_feedback::Model, tz: Tz) -> Value {
    json!({
        "plan_id": f.plan_id,
        "satisfaction": f.satisfaction,
        "positive_action": f.positive_action,
        "positive_action_detail": f.positive_action_detail,
        "comment": f.comment,
        "created_at": time(f.created_at, tz),
    })
}

pub fn sheet_read(r: &ReadEntry, tz: Tz) -> Value {
    json!({
        "session_id": r.read.session_id,
        "plan_id": r.read.plan_id,
        "number": r.number,
        "reader": {"id": r.read.reader_id, "display_name": r.reader},
        "read_at": time(r.read.read_at, tz),
    })
}

pub fn stalled(st: &Stalled, p: &PlanView, now: DateTime<Utc>, tz: Tz) -> Value {
    json!({
        "plan_id": st.plan_id,
        "session_id": st.session_id,
        "number": st.number,
        "waiting_for": st.waiting.as_str(),
        "since": time(st.since, tz),
        "waited_hours": (now - st.since).num_hours().max(0),
        "mentee": person(&p.mentee),
        "mentor": {"id": p.plan.mentor_id, "display_name": p.mentor.display_name},
    })
}

/// The outcome figures of a period, with shares as whole percentages and
/// waiting times as days.
pub fn figures(
    f: &crate::domain::outcomes::Figures,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Value {
    use crate::domain::outcomes::{days, percent, Spread};
    let spread = |s: &Spread| {
        json!({
            "count": s.count,
            "median_days": days(s.median_hours),
            "p90_days": days(s.p90_hours),
            "median_hours": s.median_hours,
        })
    };
    json!({
        "period": {"from": from.to_string(), "to": to.to_string()},
        "feedback_count": f.feedback_count,
        "satisfaction_counts": f.satisfaction_counts,
        "satisfied_count": f.satisfied_count,
        "satisfaction_percent": percent(f.satisfaction_share),
        "positive_action_count": f.positive_action_count,
        "positive_action_percent": percent(f.positive_action_share),
        "matches": f.matches,
        "intake_to_match": spread(&f.intake_to_match),
        "match_to_first_session": spread(&f.match_to_first_session),
        "sheet_turnaround": spread(&f.sheet_turnaround),
        "reply_turnaround": spread(&f.reply_turnaround),
    })
}
