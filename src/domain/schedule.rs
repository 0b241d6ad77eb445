//! Scheduling a session directly between the pair: one side proposes 1–5
//! slots, the other picks one; proposing again on a scheduled session moves
//! it; either side can cancel (back to unscheduled) or mark it held. A
//! scheduled session whose end has passed counts as held.
//!
//! Times are entered in the user's zone and stored in UTC. Every change that
//! reaches the calendars raises the session's SEQUENCE (the first invitation
//! is sequence 0), so calendars update one entry instead of adding another.
pub use super::codes::NextStep;
use super::codes::{SessionStatus, SheetStatus, Side};
use super::{push_error, FieldErrors};
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub const MAX_SLOTS: usize = 5;
pub const MIN_MINUTES: i64 = 15;
pub const MAX_MINUTES: i64 = 180;
/// How far ahead a slot may be proposed.
pub const MAX_DAYS_AHEAD: i64 = 366;
pub const MAX_URL: usize = 500;
pub const MAX_MESSAGE: usize = 2000;
pub const MAX_REASON: usize = 1000;

/// One proposed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
}

impl Slot {
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + Duration::minutes(self.duration_minutes)
    }
}

/// A slot as it arrives from a form or the API.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSlot {
    pub starts_at: String,
    pub duration_minutes: i64,
}

/// A parsed proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub slots: Vec<Slot>,
    pub meeting_url: Option<String>,
    pub message: String,
}

/// A time as typed or sent: RFC 3339 with an offset, or a local
/// `YYYY-MM-DDTHH:MM[:SS]` (what `<input type="datetime-local">` sends) read
/// in the user's zone. A local time that does not exist (a DST gap) is refused;
/// an ambiguous one (a DST overlap) is the earlier instant.
pub fn parse_time(raw: &str, tz: Tz) -> Result<DateTime<Utc>, &'static str> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("required");
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .map_err(|_| "invalid_time")?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Ok(a.min(b).with_timezone(&Utc)),
        LocalResult::None => Err("nonexistent_time"),
    }
}

/// A meeting link: `https://` (or `http://`) with a host, no spaces.
pub fn parse_meeting_url(raw: &str) -> Result<Option<String>, &'static str> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > MAX_URL {
        return Err("too_long");
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or("invalid_url")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Err("invalid_url");
    }
    Ok(Some(s.to_string()))
}

/// Parse a proposal: 1–5 distinct slots, each in the future (and within a
/// year), 15–180 minutes; an optional meeting link and message. Problems are
/// reported per slot as `slots.<index>.starts_at` / `.duration_minutes`.
pub fn parse_proposal(
    raw: &[RawSlot],
    meeting_url: &str,
    message: &str,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Proposal, FieldErrors> {
    let mut errors = FieldErrors::new();
    if raw.is_empty() {
        push_error(&mut errors, "slots", "required");
    } else if raw.len() > MAX_SLOTS {
        push_error(&mut errors, "slots", "too_many");
    }
    let mut slots: Vec<Slot> = Vec::new();
    for (i, r) in raw.iter().enumerate().take(MAX_SLOTS) {
        let field = |f: &str| format!("slots.{i}.{f}");
        let mut ok = true;
        if r.duration_minutes < MIN_MINUTES {
            push_error(&mut errors, &field("duration_minutes"), "too_short");
            ok = false;
        } else if r.duration_minutes > MAX_MINUTES {
            push_error(&mut errors, &field("duration_minutes"), "too_long");
            ok = false;
        }
        match parse_time(&r.starts_at, tz) {
            Err(p) => push_error(&mut errors, &field("starts_at"), p),
            Ok(t) if t <= now => push_error(&mut errors, &field("starts_at"), "in_past"),
            Ok(t) if t > now + Duration::days(MAX_DAYS_AHEAD) => {
                push_error(&mut errors, &field("starts_at"), "too_far")
            }
            Ok(t) if slots.iter().any(|s| s.starts_at == t) => {
                push_error(&mut errors, &field("starts_at"), "duplicate")
            }
            Ok(t) if ok => slots.push(Slot {
                starts_at: t,
                duration_minutes: r.duration_minutes,
            }),
            Ok(_) => {}
        }
    }
    let meeting_url = parse_meeting_url(meeting_url)
        .map_err(|p| push_error(&mut errors, "meeting_url", p))
        .ok()
        .flatten();
    let message = super::account::parse_text(message, MAX_MESSAGE, false)
        .map_err(|p| push_error(&mut errors, "message", p))
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors);
    }
    slots.sort_by_key(|s| s.starts_at);
    Ok(Proposal {
        slots,
        meeting_url,
        message,
    })
}

/// A required reason (cancelling).
pub fn parse_reason(raw: &str) -> Result<String, FieldErrors> {
    super::account::parse_text(raw, MAX_REASON, true).map_err(|p| {
        let mut e = FieldErrors::new();
        push_error(&mut e, "reason", p);
        e
    })
}

/// What the rules need to know about a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub status: SessionStatus,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub proposals: Vec<Slot>,
    pub proposed_by: Option<Side>,
    /// Whether an invitation was ever sent (the first one is sequence 0).
    pub ever_confirmed: bool,
    pub sequence: i32,
    /// Where the session's mentoring sheet stands.
    pub sheet: SheetStatus,
}

/// A session's status as people see it: a scheduled session whose end has
/// passed is held, whether or not the background pass has recorded it yet.
pub fn effective_status(
    status: SessionStatus,
    ends_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> SessionStatus {
    match (status, ends_at) {
        (SessionStatus::Scheduled, Some(end)) if end <= now => SessionStatus::Held,
        (s, _) => s,
    }
}

impl State {
    /// The status as people see it: a scheduled session whose end has passed
    /// has been held.
    pub fn effective_status(&self, now: DateTime<Utc>) -> SessionStatus {
        effective_status(self.status, self.ends_at, now)
    }

    /// The proposals still open: not yet passed, on a session not yet held.
    pub fn open_proposals(&self, now: DateTime<Utc>) -> Vec<Slot> {
        match self.effective_status(now) {
            SessionStatus::Proposed | SessionStatus::Scheduled => self
                .proposals
                .iter()
                .filter(|s| s.starts_at > now)
                .copied()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The SEQUENCE of the next invitation or cancellation.
    pub fn next_sequence(&self) -> i32 {
        if self.ever_confirmed {
            self.sequence.saturating_add(1)
        } else {
            self.sequence
        }
    }
}

/// Refusals, as the API's 409 codes.
pub mod refusal {
    pub const PLAN_NOT_ACTIVE: &str = "plan_not_active";
    pub const SESSION_HELD: &str = "session_held";
    pub const SESSION_CANCELLED: &str = "session_cancelled";
    pub const NOTHING_PROPOSED: &str = "nothing_proposed";
    pub const OWN_PROPOSAL: &str = "own_proposal";
    pub const SLOT_NOT_PROPOSED: &str = "slot_not_proposed";
    pub const SLOT_IN_PAST: &str = "slot_in_past";
    pub const NOTHING_TO_CANCEL: &str = "nothing_to_cancel";
    pub const SESSION_NOT_SCHEDULED: &str = "session_not_scheduled";
}

/// May this session get a (new) proposal now?
pub fn check_propose(
    state: &State,
    plan_active: bool,
    now: DateTime<Utc>,
) -> Result<(), &'static str> {
    if !plan_active {
        return Err(refusal::PLAN_NOT_ACTIVE);
    }
    match state.effective_status(now) {
        SessionStatus::Held => Err(refusal::SESSION_HELD),
        SessionStatus::Cancelled => Err(refusal::SESSION_CANCELLED),
        _ => Ok(()),
    }
}

/// The slot the other side chooses: it must be one of the open proposals,
/// still in the future, and not her own proposal.
pub fn check_confirm(
    state: &State,
    side: Side,
    starts_at: DateTime<Utc>,
    plan_active: bool,
    now: DateTime<Utc>,
) -> Result<Slot, &'static str> {
    check_propose(state, plan_active, now)?;
    if state.open_proposals(now).is_empty() {
        // (Also when every proposed time has passed.)
        return Err(refusal::NOTHING_PROPOSED);
    }
    if state.proposed_by == Some(side) {
        return Err(refusal::OWN_PROPOSAL);
    }
    let slot = state
        .proposals
        .iter()
        .find(|s| s.starts_at == starts_at)
        .copied()
        .ok_or(refusal::SLOT_NOT_PROPOSED)?;
    if slot.starts_at <= now {
        return Err(refusal::SLOT_IN_PAST);
    }
    Ok(slot)
}

/// May it be cancelled? Answers whether a calendar entry exists (a scheduled
/// session, whose cancellation must reach the calendars).
pub fn check_cancel(state: &State, now: DateTime<Utc>) -> Result<bool, &'static str> {
    match state.effective_status(now) {
        SessionStatus::Scheduled => Ok(true),
        SessionStatus::Proposed => Ok(false),
        SessionStatus::Unscheduled => Err(refusal::NOTHING_TO_CANCEL),
        SessionStatus::Held => Err(refusal::SESSION_HELD),
        SessionStatus::Cancelled => Err(refusal::SESSION_CANCELLED),
    }
}

/// May it be marked held? Answers whether this changes anything (marking a
/// held session again is accepted and changes nothing).
pub fn check_held(state: &State, now: DateTime<Utc>) -> Result<bool, &'static str> {
    match (state.status, state.effective_status(now)) {
        (SessionStatus::Held, _) => Ok(false),
        (_, SessionStatus::Scheduled | SessionStatus::Held) => Ok(true),
        (_, SessionStatus::Cancelled) => Err(refusal::SESSION_CANCELLED),
        _ => Err(refusal::SESSION_NOT_SCHEDULED),
    }
}

/// Is the day-before reminder due? From `window` before the start until the
/// start.
pub fn reminder_due(starts_at: DateTime<Utc>, now: DateTime<Utc>, window: Duration) -> bool {
    now < starts_at && starts_at - now <= window
}

/// The next step for `viewer` (a coordinator sees the pair's step as the
/// mentee's).
pub fn next_step(state: &State, viewer: Side, now: DateTime<Utc>) -> NextStep {
    match state.effective_status(now) {
        SessionStatus::Unscheduled => NextStep::ProposeTimes,
        SessionStatus::Proposed | SessionStatus::Scheduled
            if !state.open_proposals(now).is_empty() =>
        {
            if state.proposed_by == Some(viewer) {
                NextStep::AwaitChoice
            } else {
                NextStep::ChooseTime
            }
        }
        SessionStatus::Proposed => NextStep::ProposeTimes,
        SessionStatus::Scheduled => NextStep::Attend,
        SessionStatus::Held => match (viewer, state.sheet) {
            (Side::Mentee, SheetStatus::NotStarted | SheetStatus::Draft) => NextStep::WriteSheet,
            (Side::Mentor, SheetStatus::NotStarted | SheetStatus::Draft) => NextStep::AwaitSheet,
            (Side::Mentee, SheetStatus::Submitted) => NextStep::AwaitReply,
            (Side::Mentor, SheetStatus::Submitted) => NextStep::WriteReply,
            (_, SheetStatus::Replied) => NextStep::ReadExchange,
        },
        SessionStatus::Cancelled => NextStep::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Tokyo;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap()
    }

    fn raw(s: &str, d: i64) -> RawSlot {
        RawSlot {
            starts_at: s.into(),
            duration_minutes: d,
        }
    }

    #[test]
    fn twenty_hundred_in_tokyo_is_eleven_utc() {
        let t = parse_time("2026-12-03T20:00", Tokyo).unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap());
        assert_eq!(parse_time("2026-12-03T20:00:00+09:00", Tokyo).unwrap(), t);
        assert_eq!(parse_time("2026-12-03T11:00:00Z", Tokyo).unwrap(), t);
        // The same wall time elsewhere is another instant.
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            parse_time("2026-12-03T20:00", ny).unwrap(),
            Utc.with_ymd_and_hms(2026, 12, 4, 1, 0, 0).unwrap()
        );
    }

    #[test]
    fn a_time_in_a_dst_gap_is_refused_and_an_overlap_takes_the_earlier() {
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(parse_time("2027-03-14T02:30", ny), Err("nonexistent_time"));
        assert_eq!(
            parse_time("2026-11-01T01:30", ny).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap()
        );
        assert_eq!(parse_time("tomorrow", Tokyo), Err("invalid_time"));
        assert_eq!(parse_time(" ", Tokyo), Err("required"));
    }

    #[test]
    fn proposals_are_checked_per_slot() {
        let p = parse_proposal(
            &[raw("2026-12-03T20:00", 60), raw("2026-12-01T19:00", 90)],
            " https://meet.example.com/abc ",
            "よろしくお願いします",
            Tokyo,
            now(),
        )
        .unwrap();
        assert_eq!(p.slots.len(), 2);
        assert!(p.slots[0].starts_at < p.slots[1].starts_at, "sorted");
        assert_eq!(
            p.meeting_url.as_deref(),
            Some("https://meet.example.com/abc")
        );

        let e = parse_proposal(
            &[
                raw("2026-11-20T20:00", 60),
                raw("2026-12-03T20:00", 10),
                raw("2026-12-03T21:00", 181),
                raw("2026-12-04T20:00", 60),
                raw("2026-12-04T20:00", 30),
            ],
            "javascript:alert(1)",
            "",
            Tokyo,
            now(),
        )
        .unwrap_err();
        assert_eq!(e["slots.0.starts_at"], vec!["in_past"]);
        assert_eq!(e["slots.1.duration_minutes"], vec!["too_short"]);
        assert_eq!(e["slots.2.duration_minutes"], vec!["too_long"]);
        assert_eq!(e["slots.4.starts_at"], vec!["duplicate"]);
        assert_eq!(e["meeting_url"], vec!["invalid_url"]);
        assert!(!e.contains_key("slots.3.starts_at"));

        let six: Vec<RawSlot> = (1..=6)
            .map(|d| raw(&format!("2026-12-0{d}T20:00"), 60))
            .collect();
        assert_eq!(
            parse_proposal(&six, "", "", Tokyo, now()).unwrap_err()["slots"],
            vec!["too_many"]
        );
        assert_eq!(
            parse_proposal(&[], "", "", Tokyo, now()).unwrap_err()["slots"],
            vec!["required"]
        );
        assert_eq!(
            parse_proposal(&[raw("2028-01-01T20:00", 60)], "", "", Tokyo, now()).unwrap_err()
                ["slots.0.starts_at"],
            vec!["too_far"]
        );
    }

    #[test]
    fn meeting_urls_are_web_links_only() {
        assert_eq!(parse_meeting_url(""), Ok(None));
        assert!(parse_meeting_url("http://zoom.us/j/1").is_ok());
        for bad in [
            "ftp://x",
            "https://",
            "https://a b",
            "javascript:alert(1)",
            "https://x/\"onmouseover",
        ] {
            assert_eq!(parse_meeting_url(bad), Err("invalid_url"), "{bad}");
        }
    }

    fn state(status: SessionStatus) -> State {
        State {
            status,
            starts_at: None,
            ends_at: None,
            proposals: vec![],
            proposed_by: None,
            ever_confirmed: false,
            sequence: 0,
            sheet: SheetStatus::NotStarted,
        }
    }

    fn slot(day: u32) -> Slot {
        Slot {
            starts_at: Utc.with_ymd_and_hms(2026, 12, day, 11, 0, 0).unwrap(),
            duration_minutes: 60,
        }
    }

    #[test]
    fn only_the_other_side_confirms_a_proposed_slot() {
        let mut s = state(SessionStatus::Proposed);
        s.proposals = vec![slot(3), slot(4)];
        s.proposed_by = Some(Side::Mentor);
        let t = slot(4).starts_at;
        assert_eq!(check_confirm(&s, Side::Mentee, t, true, now()), Ok(slot(4)));
        assert_eq!(
            check_confirm(&s, Side::Mentor, t, true, now()),
            Err(refusal::OWN_PROPOSAL)
        );
        assert_eq!(
            check_confirm(&s, Side::Mentee, slot(5).starts_at, true, now()),
            Err(refusal::SLOT_NOT_PROPOSED)
        );
        assert_eq!(
            check_confirm(&s, Side::Mentee, t, false, now()),
            Err(refusal::PLAN_NOT_ACTIVE)
        );
        let later = slot(3).starts_at + Duration::minutes(1);
        assert_eq!(
            check_confirm(&s, Side::Mentee, slot(3).starts_at, true, later),
            Err(refusal::SLOT_IN_PAST)
        );
        // Once every proposed time has passed there is nothing to choose, and
        // the next step is to propose again.
        let all_past = slot(4).starts_at + Duration::minutes(1);
        assert!(s.open_proposals(all_past).is_empty());
        assert_eq!(
            check_confirm(&s, Side::Mentee, slot(4).starts_at, true, all_past),
            Err(refusal::NOTHING_PROPOSED)
        );
        assert_eq!(
            next_step(&s, Side::Mentee, all_past),
            NextStep::ProposeTimes
        );
        let empty = state(SessionStatus::Unscheduled);
        assert_eq!(
            check_confirm(&empty, Side::Mentee, t, true, now()),
            Err(refusal::NOTHING_PROPOSED)
        );
    }

    #[test]
    fn a_scheduled_session_past_its_end_counts_as_held() {
        let mut s = state(SessionStatus::Scheduled);
        s.starts_at = Some(slot(3).starts_at);
        s.ends_at = Some(slot(3).ends_at());
        s.proposals = vec![slot(10)];
        s.proposed_by = Some(Side::Mentee);
        assert_eq!(s.effective_status(now()), SessionStatus::Scheduled);
        let after = slot(3).ends_at();
        assert_eq!(s.effective_status(after), SessionStatus::Held);
        assert!(s.open_proposals(after).is_empty());
        assert_eq!(check_held(&s, now()), Ok(true));
        assert_eq!(check_cancel(&s, now()), Ok(true));
        assert_eq!(check_cancel(&s, after), Err(refusal::SESSION_HELD));
        assert_eq!(check_propose(&s, true, after), Err(refusal::SESSION_HELD));
        assert_eq!(next_step(&s, Side::Mentee, after), NextStep::WriteSheet);
        assert_eq!(next_step(&s, Side::Mentor, after), NextStep::AwaitSheet);
        assert_eq!(next_step(&s, Side::Mentee, now()), NextStep::AwaitChoice);
        assert_eq!(next_step(&s, Side::Mentor, now()), NextStep::ChooseTime);
        s.sheet = SheetStatus::Submitted;
        assert_eq!(next_step(&s, Side::Mentee, after), NextStep::AwaitReply);
        assert_eq!(next_step(&s, Side::Mentor, after), NextStep::WriteReply);
        s.sheet = SheetStatus::Replied;
        assert_eq!(next_step(&s, Side::Mentee, after), NextStep::ReadExchange);
        assert_eq!(next_step(&s, Side::Mentor, after), NextStep::ReadExchange);
    }

    #[test]
    fn held_and_cancel_rules() {
        assert_eq!(
            check_held(&state(SessionStatus::Unscheduled), now()),
            Err(refusal::SESSION_NOT_SCHEDULED)
        );
        assert_eq!(
            check_held(&state(SessionStatus::Proposed), now()),
            Err(refusal::SESSION_NOT_SCHEDULED)
        );
        assert_eq!(check_held(&state(SessionStatus::Held), now()), Ok(false));
        assert_eq!(
            check_cancel(&state(SessionStatus::Unscheduled), now()),
            Err(refusal::NOTHING_TO_CANCEL)
        );
        assert_eq!(
            check_cancel(&state(SessionStatus::Proposed), now()),
            Ok(false)
        );
        assert_eq!(
            next_step(&state(SessionStatus::Unscheduled), Side::Mentor, now()),
            NextStep::ProposeTimes
        );
    }

    #[test]
    fn the_sequence_starts_at_zero_and_rises_with_every_change() {
        let mut s = state(SessionStatus::Proposed);
        assert_eq!(s.next_sequence(), 0);
        s.ever_confirmed = true;
        assert_eq!(s.next_sequence(), 1);
        s.sequence = 4;
        assert_eq!(s.next_sequence(), 5);
    }

    #[test]
    fn reminders_fall_due_the_day_before() {
        let start = slot(3).starts_at;
        let day = Duration::hours(24);
        assert!(!reminder_due(start, start - Duration::hours(25), day));
        assert!(reminder_due(start, start - Duration::hours(24), day));
        assert!(reminder_due(start, start - Duration::minutes(1), day));
        assert!(!reminder_due(start, start, day));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]
            /// A meeting link is either refused or an http(s) link with a
            /// host and nothing that could break out of an attribute.
            #[test]
            fn meeting_urls_are_http_links_or_refused(raw in prop_oneof![
                any::<String>(),
                "(https?|javascript|data|JaVaScRiPt|vbscript):[ -~]{0,40}",
                "https://[a-z.]{0,10}[\"<> \\\\]?[a-z/?#=]{0,10}",
            ]) {
                if let Ok(Some(u)) = parse_meeting_url(&raw) {
                    prop_assert!(u.starts_with("https://") || u.starts_with("http://"));
                    prop_assert!(!u.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\')));
                    let host = u.split("://").nth(1).unwrap().split(['/', '?', '#']).next().unwrap();
                    prop_assert!(!host.is_empty());
                }
            }

            /// Times in any shape: parsed or refused, never a panic; a parsed
            /// local time reads back as the same wall-clock time in Tokyo.
            #[test]
            fn times_parse_or_are_refused(raw in prop_oneof![
                any::<String>(),
                "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2}|Z)?",
            ]) {
                let tz: chrono_tz::Tz = chrono_tz::Asia::Tokyo;
                if let Ok(t) = parse_time(&raw, tz) {
                    let local = t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string();
                    if raw.len() == 16 {
                        prop_assert_eq!(local, raw);
                    }
                }
            }
        }
    }
}
