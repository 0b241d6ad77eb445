//! The mentee's intake form (申込み): the fields, how a partial update from a
//! client is validated, what is still required before submission, and how
//! complete the picture is for the coordinator who has to match it.
//!
//! Pure: no storage, no HTTP. The web layer keeps `id`, `status`,
//! `submitted_at`, `consent_version` … beside these fields and adds
//! [`IntakeFields::completeness`], [`IntakeFields::missing_required`] and
//! [`IntakeFields::needs_call`] to every answer.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::codes::{
    AgeBand, Availability, Code, CompanySize, Concern, Employment, Experience, Importance,
    Industry, JobFunction, LeaveStatus, PlanKind, Position, SelfCheck,
};
use super::{push_error, FieldErrors};

/// Version of the consent text the mentee agrees to; stored with the intake
/// when she submits so a later change of wording can be traced.
pub const CONSENT_VERSION: &str = "2026-11-01";
/// Longest free text, in characters (`chars().count()`: a Japanese character
/// counts 1), after trimming.
pub const MAX_TEXT: usize = 4000;
/// `concern_detail` shorter than this (characters) counts as missing.
pub const MIN_CONCERN_DETAIL: usize = 20;
/// `concern_detail` earns full completeness credit from this length on.
pub const FULL_CONCERN_DETAIL: usize = 200;
/// Below this many characters of `concern_detail` the coordinator phones first.
pub const CALL_CONCERN_DETAIL: usize = 80;
/// Below this completeness the coordinator phones first.
pub const CALL_COMPLETENESS: u8 = 60;
/// At most this many mentor preferences: more would make every match fail.
pub const MAX_PREFERENCES: usize = 8;
/// Largest accepted `children`.
pub const MAX_CHILDREN: u8 = 10;
/// Largest accepted `youngest_child_age` (years).
pub const MAX_CHILD_AGE: u8 = 30;
/// Digits a phone number must have (Japanese numbers have 10 or 11, with
/// country code up to 15, E.164's limit).
pub const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 10..=15;

/// Problem codes used in [`FieldErrors`] (the `fields` of a 422 answer).
pub mod problem {
    /// The key is not an intake field.
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    /// The key is a field the server sets (`id`, `status`, …).
    pub const READ_ONLY: &str = "read_only";
    /// Wrong JSON type or shape.
    pub const INVALID: &str = "invalid";
    /// A string that is not in the field's code list.
    pub const UNKNOWN_CODE: &str = "unknown_code";
    /// The same code twice in a list.
    pub const DUPLICATE: &str = "duplicate";
    /// An integer outside the field's range.
    pub const OUT_OF_RANGE: &str = "out_of_range";
    /// Text over [`super::MAX_TEXT`] characters, or a list over its limit.
    pub const TOO_LONG: &str = "too_long";
    /// A control character other than newline and tab.
    pub const INVALID_CHARACTERS: &str = "invalid_characters";
    /// Not a phone number.
    pub const INVALID_PHONE: &str = "invalid_phone";
    /// Required to submit but missing (see [`super::IntakeFields::missing_errors`]).
    pub const REQUIRED: &str = "required";
}

/// One wish about the mentor, e.g. "works at an SME" as a must.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preference {
    pub code: Experience,
    pub importance: Importance,
}

/// Everything the mentee fills in. Every field is optional while drafting;
/// [`IntakeFields::missing_required`] says what submission still needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IntakeFields {
    pub age_band: Option<AgeBand>,
    pub industry: Option<Industry>,
    pub company_size: Option<CompanySize>,
    pub job_function: Option<JobFunction>,
    pub position: Option<Position>,
    pub employment: Option<Employment>,
    /// Number of children, 0–10.
    pub children: Option<u8>,
    /// Age of the youngest child in years, 0–30.
    pub youngest_child_age: Option<u8>,
    pub leave_status: Option<LeaveStatus>,
    pub concerns: Vec<Concern>,
    /// Free text: what she wants to talk about, in her words.
    pub concern_detail: Option<String>,
    pub self_check: Vec<SelfCheck>,
    /// Free text: what she hopes to reach.
    pub goals: Option<String>,
    pub mentor_preferences: Vec<Preference>,
    pub plan: Option<PlanKind>,
    pub availability: Vec<Availability>,
    /// For the coordinator's call; ASCII digits, `+`, `-` and spaces.
    pub phone: Option<String>,
    /// Whether the coordinator may phone her.
    pub call_ok: Option<bool>,
    /// Agreement to the programme's terms ([`CONSENT_VERSION`]).
    pub consent: bool,
    /// Whether the programme office (coordinator) may read her submitted
    /// mentoring sheets; optional, and she may change it at any time.
    #[serde(default)]
    pub share_sheets: bool,
}

/// Names of all editable fields, in form order.
pub const FIELDS: &[&str] = &[
    "age_band",
    "industry",
    "company_size",
    "job_function",
    "position",
    "employment",
    "children",
    "youngest_child_age",
    "leave_status",
    "concerns",
    "concern_detail",
    "self_check",
    "goals",
    "mentor_preferences",
    "plan",
    "availability",
    "phone",
    "call_ok",
    "consent",
    "share_sheets",
];

/// Fields only the mentee herself may set: her agreements. A coordinator
/// editing on her behalf gets `read_only` for them.
pub const MENTEE_ONLY: &[&str] = &["consent", "share_sheets"];

/// The problems of a coordinator's edit that touches [`MENTEE_ONLY`] fields.
pub fn on_behalf_errors(patch: &Map<String, Value>) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for name in MENTEE_ONLY {
        if patch.contains_key(*name) {
            push_error(&mut errors, name, problem::READ_ONLY);
        }
    }
    errors
}

/// Read-only fields a client may see but never set.
pub const READ_ONLY: &[&str] = &[
    "id",
    "status",
    "completeness",
    "missing",
    "needs_call",
    "submitted_at",
    "consent_version",
    "mentee",
];

/// Problems found in one field's value, each code once, first seen first.
type Problems = Vec<&'static str>;

fn add(problems: &mut Problems, code: &'static str) {
    if !problems.contains(&code) {
        problems.push(code);
    }
}

impl IntakeFields {
    /// Apply a partial update from a JSON object. All-or-nothing: on any error
    /// self is unchanged, and the error names every bad field (not only the
    /// first), so a form can show all problems at once.
    /// Returns the names of fields whose value actually changed (in FIELDS order),
    /// e.g. for the audit log or to skip a no-op write.
    ///
    /// `null` clears a field. Text is trimmed (an empty result clears it) and
    /// in `concern_detail`/`goals` a CRLF pair is stored as LF, because browsers
    /// send textarea line ends as CRLF. In `phone`, full-width digits, `＋`,
    /// full-width space and dash-like characters (`－ ‐ ‑ − ー ｰ`) are first
    /// folded to ASCII, because Japanese input methods produce them.
    pub fn apply_patch(
        &mut self,
        patch: &Map<String, Value>,
    ) -> Result<Vec<&'static str>, FieldErrors> {
        let mut next = self.clone();
        let mut errors = FieldErrors::new();
        for (key, value) in patch {
            if let Err(problems) = next.set_field(key, value) {
                errors.insert(
                    key.clone(),
                    problems.into_iter().map(str::to_owned).collect(),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let changed = FIELDS
            .iter()
            .copied()
            .filter(|name| !self.same_field(&next, name))
            .collect();
        *self = next;
        Ok(changed)
    }

    /// Validate one value and store it in `self`.
    fn set_field(&mut self, key: &str, value: &Value) -> Result<(), Problems> {
        match key {
            "age_band" => self.age_band = code(value)?,
            "industry" => self.industry = code(value)?,
            "company_size" => self.company_size = code(value)?,
            "job_function" => self.job_function = code(value)?,
            "position" => self.position = code(value)?,
            "employment" => self.employment = code(value)?,
            "children" => self.children = small_int(value, MAX_CHILDREN)?,
            "youngest_child_age" => self.youngest_child_age = small_int(value, MAX_CHILD_AGE)?,
            "leave_status" => self.leave_status = code(value)?,
            "concerns" => self.concerns = code_list(value)?,
            "concern_detail" => self.concern_detail = multiline_text(value)?,
            "self_check" => self.self_check = code_list(value)?,
            "goals" => self.goals = multiline_text(value)?,
            "mentor_preferences" => self.mentor_preferences = preferences(value)?,
            "plan" => self.plan = code(value)?,
            "availability" => self.availability = code_list(value)?,
            "phone" => self.phone = phone(value)?,
            "call_ok" => {
                self.call_ok = match value {
                    Value::Null => None,
                    Value::Bool(b) => Some(*b),
                    _ => return Err(vec![problem::INVALID]),
                }
            }
            "consent" => self.consent = flag(value)?,
            "share_sheets" => self.share_sheets = flag(value)?,
            k if READ_ONLY.contains(&k) => return Err(vec![problem::READ_ONLY]),
            _ => return Err(vec![problem::UNKNOWN_FIELD]),
        }
        Ok(())
    }

    /// Whether field `name` holds the same value in both.
    fn same_field(&self, other: &Self, name: &str) -> bool {
        match name {
            "age_band" => self.age_band == other.age_band,
            "industry" => self.industry == other.industry,
            "company_size" => self.company_size == other.company_size,
            "job_function" => self.job_function == other.job_function,
            "position" => self.position == other.position,
            "employment" => self.employment == other.employment,
            "children" => self.children == other.children,
            "youngest_child_age" => self.youngest_child_age == other.youngest_child_age,
            "leave_status" => self.leave_status == other.leave_status,
            "concerns" => self.concerns == other.concerns,
            "concern_detail" => self.concern_detail == other.concern_detail,
            "self_check" => self.self_check == other.self_check,
            "goals" => self.goals == other.goals,
            "mentor_preferences" => self.mentor_preferences == other.mentor_preferences,
            "plan" => self.plan == other.plan,
            "availability" => self.availability == other.availability,
            "phone" => self.phone == other.phone,
            "call_ok" => self.call_ok == other.call_ok,
            "consent" => self.consent == other.consent,
            "share_sheets" => self.share_sheets == other.share_sheets,
            _ => true,
        }
    }

    /// Fields still needed before the intake can be submitted, in this order:
    /// age_band, industry, company_size, employment, concerns (at least one),
    /// concern_detail (at least [`MIN_CONCERN_DETAIL`] characters), plan,
    /// consent (must be true).
    pub fn missing_required(&self) -> Vec<&'static str> {
        let checks = [
            ("age_band", self.age_band.is_some()),
            ("industry", self.industry.is_some()),
            ("company_size", self.company_size.is_some()),
            ("employment", self.employment.is_some()),
            ("concerns", !self.concerns.is_empty()),
            (
                "concern_detail",
                chars(&self.concern_detail) >= MIN_CONCERN_DETAIL,
            ),
            ("plan", self.plan.is_some()),
            ("consent", self.consent),
        ];
        checks
            .iter()
            .filter(|(_, ok)| !ok)
            .map(|(name, _)| *name)
            .collect()
    }

    /// [`missing_required`](Self::missing_required) as the `fields` of a 422
    /// answer to a submission: each missing field → `["required"]`.
    pub fn missing_errors(&self) -> FieldErrors {
        self.missing_required()
            .into_iter()
            .map(|name| (name.to_owned(), vec![problem::REQUIRED.to_owned()]))
            .collect()
    }

    /// How well the coordinator can match from this intake alone, 0–100: the
    /// sum of the points of the fields that are filled in. Fields required to
    /// submit weigh more; the free-text description weighs most because it is
    /// what the coordinator actually reads. A fully detailed intake scores
    /// exactly 100; an empty one 0. Filling in a field never lowers the score.
    ///
    /// | field | points | counts when |
    /// |---|---:|---|
    /// | age_band *(required)* | 6 | set |
    /// | industry *(required)* | 10 | set |
    /// | company_size *(required)* | 8 | set |
    /// | employment *(required)* | 6 | set |
    /// | concerns *(required)* | 10 | at least one |
    /// | concern_detail *(required)* | 0–20 | 1 point per full 10 characters; full 20 at ≥ 200 characters |
    /// | plan *(required)* | 6 | set |
    /// | consent *(required)* | 6 | true |
    /// | mentor_preferences | 5 | at least one |
    /// | goals | 5 | set |
    /// | job_function | 4 | set |
    /// | position | 4 | set |
    /// | leave_status | 2 | set |
    /// | children | 2 | set |
    /// | availability | 4 | at least one |
    /// | self_check | 2 | at least one |
    /// | **total** | **100** | |
    ///
    /// Characters are Unicode characters after trimming (a Japanese character
    /// counts 1). `youngest_child_age`, `phone` and `call_ok` do not count:
    /// they do not change whom she is matched with.
    pub fn completeness(&self) -> u8 {
        let detail = chars(&self.concern_detail).min(FULL_CONCERN_DETAIL) / 10;
        let detail = u8::try_from(detail).unwrap_or(20);
        let parts: [(bool, u8); 15] = [
            (self.age_band.is_some(), 6),
            (self.industry.is_some(), 10),
            (self.company_size.is_some(), 8),
            (self.employment.is_some(), 6),
            (!self.concerns.is_empty(), 10),
            (self.plan.is_some(), 6),
            (self.consent, 6),
            (!self.mentor_preferences.is_empty(), 5),
            (chars(&self.goals) > 0, 5),
            (self.job_function.is_some(), 4),
            (self.position.is_some(), 4),
            (self.leave_status.is_some(), 2),
            (self.children.is_some(), 2),
            (!self.availability.is_empty(), 4),
            (!self.self_check.is_empty(), 2),
        ];
        parts
            .iter()
            .filter(|(filled, _)| *filled)
            .fold(detail, |sum, (_, points)| sum.saturating_add(*points))
    }

    /// Whether the coordinator should phone the mentee before matching,
    /// because the intake is too thin to match well. True when any of:
    ///
    /// - [`completeness`](Self::completeness) is below 60;
    /// - `concern_detail` has fewer than 80 characters;
    /// - there are no `mentor_preferences` and no `goals`.
    pub fn needs_call(&self) -> bool {
        self.completeness() < CALL_COMPLETENESS
            || chars(&self.concern_detail) < CALL_CONCERN_DETAIL
            || (self.mentor_preferences.is_empty() && chars(&self.goals) == 0)
    }
}

/// Characters of an optional text after trimming; 0 when absent.
fn chars(text: &Option<String>) -> usize {
    text.as_deref().map_or(0, |s| s.trim().chars().count())
}

/// One code or null. An empty string also clears, as an HTML `<select>` with
/// its blank "please choose" option sends it (same rule as the mentor profile).
fn code<T: Code>(value: &Value) -> Result<Option<T>, Problems> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => T::from_code(s)
            .map(Some)
            .ok_or_else(|| vec![problem::UNKNOWN_CODE]),
        _ => Err(vec![problem::INVALID]),
    }
}

/// A list of distinct codes (client order kept), at most as long as the code
/// list; null → empty.
fn code_list<T: Code>(value: &Value) -> Result<Vec<T>, Problems> {
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        _ => return Err(vec![problem::INVALID]),
    };
    if items.len() > T::all().len() {
        return Err(vec![problem::TOO_LONG]);
    }
    let mut out = Vec::with_capacity(items.len());
    let mut problems = Problems::new();
    for item in items {
        match item.as_str().map(T::from_code) {
            None => add(&mut problems, problem::INVALID),
            Some(None) => add(&mut problems, problem::UNKNOWN_CODE),
            Some(Some(c)) if out.contains(&c) => add(&mut problems, problem::DUPLICATE),
            Some(Some(c)) => out.push(c),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// An integer in `0..=max` or null. Fractions and strings are `invalid`.
fn small_int(value: &Value, max: u8) -> Result<Option<u8>, Problems> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) if n.is_u64() || n.is_i64() => n
            .as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .filter(|n| *n <= max)
            .map(Some)
            .ok_or_else(|| vec![problem::OUT_OF_RANGE]),
        _ => Err(vec![problem::INVALID]),
    }
}

/// Free text that may span lines: trimmed, CRLF → LF, empty → None, at most
/// [`MAX_TEXT`] characters, no control characters but `\n` and `\t`.
/// A yes/no field; null is no.
fn flag(value: &Value) -> Result<bool, Problems> {
    match value {
        Value::Null => Ok(false),
        Value::Bool(b) => Ok(*b),
        _ => Err(vec![problem::INVALID]),
    }
}

fn multiline_text(value: &Value) -> Result<Option<String>, Problems> {
    let raw = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s,
        _ => return Err(vec![problem::INVALID]),
    };
    let normalized = raw.replace("\r\n", "\n");
    let text = normalized.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut problems = Problems::new();
    if text.chars().nth(MAX_TEXT).is_some() {
        add(&mut problems, problem::TOO_LONG);
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        add(&mut problems, problem::INVALID_CHARACTERS);
    }
    if problems.is_empty() {
        Ok(Some(text.to_owned()))
    } else {
        Err(problems)
    }
}

/// Folds the full-width and dash-like characters Japanese input methods
/// produce in phone numbers to ASCII.
fn fold_phone_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_digit(u32::from(c) - u32::from('０'), 10).unwrap_or(c),
        '＋' => '+',
        '\u{3000}' => ' ',
        '－' | '‐' | '‑' | '−' | 'ー' | 'ｰ' => '-',
        _ => c,
    }
}

/// A phone number or null: optional leading `+`, then digits separated by
/// single `-` or spaces, 10–15 digits in all. Any control character (CR/LF
/// included, even at the ends) is rejected before trimming, so a number can
/// never smuggle a header or line break into a mail or a call list.
fn phone(value: &Value) -> Result<Option<String>, Problems> {
    let raw = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s,
        _ => return Err(vec![problem::INVALID]),
    };
    if raw.chars().any(char::is_control) {
        return Err(vec![problem::INVALID_PHONE]);
    }
    let folded: String = raw.chars().map(fold_phone_char).collect();
    let number = folded.trim();
    if number.is_empty() {
        return Ok(None);
    }
    if is_phone(number) {
        Ok(Some(number.to_owned()))
    } else {
        Err(vec![problem::INVALID_PHONE])
    }
}

fn is_phone(number: &str) -> bool {
    let body = number.strip_prefix('+').unwrap_or(number);
    let mut digits = 0usize;
    // Starts "after a separator" so a leading separator is rejected.
    let mut after_separator = true;
    for c in body.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            after_separator = false;
        } else if (c == '-' || c == ' ') && !after_separator {
            after_separator = true;
        } else {
            return false;
        }
    }
    !after_separator && PHONE_DIGITS.contains(&digits)
}

/// Mentor preferences: a list of `{code, importance}` objects (no other keys),
/// at most [`MAX_PREFERENCES`], codes distinct; null → empty.
fn preferences(value: &Value) -> Result<Vec<Preference>, Problems> {
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        _ => return Err(vec![problem::INVALID]),
    };
    if items.len() > MAX_PREFERENCES {
        return Err(vec![problem::TOO_LONG]);
    }
    let mut out: Vec<Preference> = Vec::with_capacity(items.len());
    let mut problems = Problems::new();
    for item in items {
        let Some(object) = item.as_object() else {
            add(&mut problems, problem::INVALID);
            continue;
        };
        let code = object.get("code").and_then(Value::as_str);
        let importance = object.get("importance").and_then(Value::as_str);
        let (Some(code), Some(importance), 2) = (code, importance, object.len()) else {
            add(&mut problems, problem::INVALID);
            continue;
        };
        match (Experience::parse(code), Importance::parse(importance)) {
            (Some(code), Some(importance)) => {
                if out.iter().any(|p| p.code == code) {
                    add(&mut problems, problem::DUPLICATE);
                } else {
                    out.push(Preference { code, importance });
                }
            }
            _ => add(&mut problems, problem::UNKNOWN_CODE),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::{select, subsequence};
    use serde_json::json;

    fn patch(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            other => panic!("not an object: {other}"),
        }
    }

    fn errors(intake: &mut IntakeFields, v: Value) -> FieldErrors {
        intake.apply_patch(&patch(v)).unwrap_err()
    }

    fn problems_of(v: Value) -> FieldErrors {
        errors(&mut IntakeFields::default(), v)
    }

    fn fe(pairs: &[(&str, &[&str])]) -> FieldErrors {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn full() -> IntakeFields {
        IntakeFields {
            age_band: Some(AgeBand::Thirties),
            industry: Some(Industry::Manufacturing),
            company_size: Some(CompanySize::Large),
            job_function: Some(JobFunction::Engineering),
            position: Some(Position::Leader),
            employment: Some(Employment::ShortHours),
            children: Some(2),
            youngest_child_age: Some(3),
            leave_status: Some(LeaveStatus::ReturnedWithin1y),
            concerns: vec![Concern::ReturnFromLeave, Concern::ManagementOffer],
            concern_detail: Some("復".repeat(FULL_CONCERN_DETAIL)),
            self_check: vec![SelfCheck::NotInvitedToMeetings],
            goals: Some("三年後に課長になりたい".to_owned()),
            mentor_preferences: vec![Preference {
                code: Experience::Parenting,
                importance: Importance::Must,
            }],
            plan: Some(PlanKind::Three),
            availability: vec![Availability::WeekdayEvening, Availability::Weekend],
            phone: Some("090-1234-5678".to_owned()),
            call_ok: Some(true),
            consent: true,
            share_sheets: true,
        }
    }

    #[test]
    fn empty_intake_scores_zero_and_misses_everything_required() {
        let e = IntakeFields::default();
        assert_eq!(e.completeness(), 0);
        assert!(e.needs_call());
        assert_eq!(
            e.missing_required(),
            vec![
                "age_band",
                "industry",
                "company_size",
                "employment",
                "concerns",
                "concern_detail",
                "plan",
                "consent"
            ]
        );
        assert_eq!(e.missing_errors().len(), 8);
        assert_eq!(e.missing_errors()["plan"], vec!["required"]);
    }

    #[test]
    fn full_intake_scores_100_and_misses_nothing() {
        let f = full();
        assert_eq!(f.completeness(), 100);
        assert!(f.missing_required().is_empty());
        assert!(f.missing_errors().is_empty());
        assert!(!f.needs_call());
    }

    #[test]
    fn concern_detail_scores_by_length_and_is_required_from_20_chars() {
        let mut f = full();
        f.concern_detail = Some("あ".repeat(19));
        assert_eq!(f.missing_required(), vec!["concern_detail"]);
        assert_eq!(f.completeness(), 100 - 20 + 1);
        f.concern_detail = Some("あ".repeat(20));
        assert!(f.missing_required().is_empty());
        assert_eq!(f.completeness(), 82);
        f.concern_detail = Some("あ".repeat(199));
        assert_eq!(f.completeness(), 99);
        f.concern_detail = Some("あ".repeat(1000));
        assert_eq!(f.completeness(), 100);
    }

    #[test]
    fn needs_call_rule() {
        let mut f = full();
        assert!(!f.needs_call());
        // Thin description.
        f.concern_detail = Some("あ".repeat(CALL_CONCERN_DETAIL - 1));
        assert!(f.needs_call());
        f.concern_detail = Some("あ".repeat(CALL_CONCERN_DETAIL));
        assert!(!f.needs_call());
        // No idea whom she wants or where she heads.
        let mut g = full();
        g.mentor_preferences.clear();
        g.goals = None;
        assert!(g.needs_call());
        g.goals = Some("目標".to_owned());
        assert!(!g.needs_call());
        // Low completeness with a long description.
        let mut h = IntakeFields {
            concern_detail: Some("あ".repeat(300)),
            goals: Some("目標".to_owned()),
            ..Default::default()
        };
        assert_eq!(h.completeness(), 25);
        assert!(h.needs_call());
        h.age_band = Some(AgeBand::Forties);
        h.industry = Some(Industry::Education);
        h.company_size = Some(CompanySize::Public);
        h.employment = Some(Employment::FullTime);
        h.concerns = vec![Concern::Skills];
        assert_eq!(h.completeness(), 65);
        assert!(!h.needs_call());
    }

    #[test]
    fn fields_and_read_only_are_disjoint_and_every_field_is_patchable() {
        for name in FIELDS {
            assert!(!READ_ONLY.contains(name));
        }
        // Setting every field of an empty intake reports all of them, in order.
        let mut e = IntakeFields::default();
        let value = serde_json::to_value(full()).unwrap();
        let changed = e.apply_patch(&patch(value.clone())).unwrap();
        assert_eq!(changed, FIELDS.to_vec());
        assert_eq!(e, full());
        // Serialised keys are exactly FIELDS.
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut fields = FIELDS.to_vec();
        fields.sort_unstable();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort_unstable();
        assert_eq!(keys_sorted, fields);
        // Applying the same values again changes nothing.
        assert!(e.apply_patch(&patch(value)).unwrap().is_empty());
    }

    #[test]
    fn a_coordinator_may_not_agree_on_her_behalf() {
        let e = on_behalf_errors(&patch(
            json!({"share_sheets": true, "consent": true, "goals": "x"}),
        ));
        assert_eq!(
            e.keys().collect::<Vec<_>>(),
            vec!["consent", "share_sheets"]
        );
        assert!(on_behalf_errors(&patch(json!({"goals": "x"}))).is_empty());
    }

    #[test]
    fn null_clears_every_field() {
        let mut f = full();
        let nulls: Map<String, Value> = FIELDS
            .iter()
            .map(|k| (k.to_string(), Value::Null))
            .collect();
        let changed = f.apply_patch(&nulls).unwrap();
        assert_eq!(changed, FIELDS.to_vec());
        assert_eq!(f, IntakeFields::default());
    }

    #[test]
    fn empty_string_clears_a_code_field() {
        let mut f = full();
        let changed = f
            .apply_patch(&patch(json!({"industry": "", "plan": ""})))
            .unwrap();
        assert_eq!(changed, vec!["industry", "plan"]);
        assert_eq!((f.industry, f.plan), (None, None));
        assert_eq!(
            problems_of(json!({"concerns": [""]})),
            fe(&[("concerns", &["unknown_code"])])
        );
    }

    #[test]
    fn changed_lists_only_real_changes() {
        let mut f = full();
        let changed = f
            .apply_patch(&patch(json!({
                "age_band": "30s",
                "industry": "finance_insurance",
                "goals": "  三年後に課長になりたい \n",
                "consent": false,
            })))
            .unwrap();
        assert_eq!(changed, vec!["industry", "consent"]);
    }

    #[test]
    fn each_error_code_is_produced() {
        assert_eq!(
            problems_of(json!({"nickname": "x"})),
            fe(&[("nickname", &["unknown_field"])])
        );
        for key in READ_ONLY {
            assert_eq!(
                problems_of(json!({ *key: 1 })),
                fe(&[(key, &["read_only"])])
            );
        }
        assert_eq!(
            problems_of(json!({"industry": 3})),
            fe(&[("industry", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"concerns": "skills"})),
            fe(&[("concerns", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"consent": "yes"})),
            fe(&[("consent", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"call_ok": 1})),
            fe(&[("call_ok", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"children": "2"})),
            fe(&[("children", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"children": 1.5})),
            fe(&[("children", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"goals": ["a"]})),
            fe(&[("goals", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"phone": 9012345678u64})),
            fe(&[("phone", &["invalid"])])
        );
        assert_eq!(
            problems_of(json!({"industry": "banking"})),
            fe(&[("industry", &["unknown_code"])])
        );
        assert_eq!(
            problems_of(json!({"plan": "five"})),
            fe(&[("plan", &["unknown_code"])])
        );
        assert_eq!(
            problems_of(json!({"concerns": ["skills", "skills"]})),
            fe(&[("concerns", &["duplicate"])])
        );
        assert_eq!(
            problems_of(json!({"availability": ["weekend", 1, "night", "weekend"]})),
            fe(&[("availability", &["invalid", "unknown_code", "duplicate"])])
        );
        assert_eq!(
            problems_of(json!({"children": 11})),
            fe(&[("children", &["out_of_range"])])
        );
        assert_eq!(
            problems_of(json!({"children": -1})),
            fe(&[("children", &["out_of_range"])])
        );
        assert_eq!(
            problems_of(json!({"youngest_child_age": 31})),
            fe(&[("youngest_child_age", &["out_of_range"])])
        );
        assert_eq!(
            problems_of(json!({"youngest_child_age": 1u64 << 40})),
            fe(&[("youngest_child_age", &["out_of_range"])])
        );
        assert_eq!(
            problems_of(json!({"goals": "x".repeat(MAX_TEXT + 1)})),
            fe(&[("goals", &["too_long"])])
        );
        assert_eq!(
            problems_of(json!({"concern_detail": "a\u{0}b"})),
            fe(&[("concern_detail", &["invalid_characters"])])
        );
        assert_eq!(
            problems_of(json!({"goals": "a\u{1b}[31mb"})),
            fe(&[("goals", &["invalid_characters"])])
        );
        assert_eq!(
            problems_of(json!({"goals": "a\rb"})),
            fe(&[("goals", &["invalid_characters"])])
        );
        assert_eq!(
            problems_of(json!({"phone": "call me"})),
            fe(&[("phone", &["invalid_phone"])])
        );
        // Several bad fields are all reported.
        assert_eq!(
            problems_of(json!({"industry": "banking", "children": 99, "x": 1})),
            fe(&[
                ("children", &["out_of_range"]),
                ("industry", &["unknown_code"]),
                ("x", &["unknown_field"])
            ])
        );
    }

    #[test]
    fn list_limits() {
        let all: Vec<&str> = Concern::CODES.to_vec();
        let mut e = IntakeFields::default();
        e.apply_patch(&patch(json!({ "concerns": all }))).unwrap();
        assert_eq!(e.concerns, Concern::ALL.to_vec());
        let mut too_many = all.clone();
        too_many.push("skills");
        assert_eq!(
            problems_of(json!({ "concerns": too_many })),
            fe(&[("concerns", &["too_long"])])
        );
        // Client order is kept.
        e.apply_patch(&patch(
            json!({"self_check": ["lost_confidence", "more_chores"]}),
        ))
        .unwrap();
        assert_eq!(
            e.self_check,
            vec![SelfCheck::LostConfidence, SelfCheck::MoreChores]
        );
    }

    #[test]
    fn mentor_preferences_validation() {
        let ok = json!({"mentor_preferences": [
            {"code": "sme", "importance": "must"},
            {"code": "same_industry", "importance": "nice"},
        ]});
        let mut e = IntakeFields::default();
        assert_eq!(
            e.apply_patch(&patch(ok)).unwrap(),
            vec!["mentor_preferences"]
        );
        assert_eq!(
            e.mentor_preferences,
            vec![
                Preference {
                    code: Experience::Sme,
                    importance: Importance::Must
                },
                Preference {
                    code: Experience::SameIndustry,
                    importance: Importance::Nice
                },
            ]
        );
        let bad = |v: Value| problems_of(json!({ "mentor_preferences": v }));
        let only = |codes: &[&str]| fe(&[("mentor_preferences", codes)]);
        assert_eq!(bad(json!(["sme"])), only(&["invalid"]));
        assert_eq!(bad(json!([{"code": "sme"}])), only(&["invalid"]));
        assert_eq!(
            bad(json!([{"code": "sme", "importance": 3}])),
            only(&["invalid"])
        );
        assert_eq!(
            bad(json!([{"code": "sme", "importance": "must", "extra": 1}])),
            only(&["invalid"])
        );
        assert_eq!(
            bad(json!({"code": "sme", "importance": "must"})),
            only(&["invalid"])
        );
        assert_eq!(
            bad(json!([{"code": "rich", "importance": "must"}])),
            only(&["unknown_code"])
        );
        assert_eq!(
            bad(json!([{"code": "sme", "importance": "maybe"}])),
            only(&["unknown_code"])
        );
        assert_eq!(
            bad(json!([
                {"code": "sme", "importance": "must"},
                {"code": "sme", "importance": "nice"}
            ])),
            only(&["duplicate"])
        );
        let nine: Vec<Value> = Experience::CODES[..9]
            .iter()
            .map(|c| json!({"code": c, "importance": "nice"}))
            .collect();
        assert_eq!(bad(Value::Array(nine.clone())), only(&["too_long"]));
        let eight = Value::Array(nine[..8].to_vec());
        assert!(IntakeFields::default()
            .apply_patch(&patch(json!({ "mentor_preferences": eight })))
            .is_ok());
    }

    #[test]
    fn japanese_text_of_exactly_max_chars_is_accepted() {
        let mut e = IntakeFields::default();
        let text = "働".repeat(MAX_TEXT);
        assert_eq!(text.len(), MAX_TEXT * 3);
        e.apply_patch(&patch(
            json!({ "concern_detail": text.clone(), "goals": text.clone() }),
        ))
        .unwrap();
        assert_eq!(e.concern_detail.as_deref(), Some(text.as_str()));
        // Surrounding whitespace (including the ideographic space) does not count.
        e.apply_patch(&patch(json!({ "goals": format!("\u{3000} {text}\n") })))
            .unwrap();
        assert_eq!(e.goals.as_deref(), Some(text.as_str()));
        let longer = "働".repeat(MAX_TEXT + 1);
        assert_eq!(
            errors(&mut e, json!({ "concern_detail": longer })),
            fe(&[("concern_detail", &["too_long"])])
        );
    }

    #[test]
    fn text_is_trimmed_and_blank_clears() {
        let mut f = full();
        f.apply_patch(&patch(json!({"goals": " \n\t "}))).unwrap();
        assert_eq!(f.goals, None);
        f.apply_patch(&patch(json!({"goals": "\r\n一行目\r\n\t二行目\r\n"})))
            .unwrap();
        assert_eq!(f.goals.as_deref(), Some("一行目\n\t二行目"));
        f.apply_patch(&patch(json!({"phone": "   "}))).unwrap();
        assert_eq!(f.phone, None);
    }

    #[test]
    fn phone_numbers() {
        let accepted = [
            ("0312345678", "0312345678"),
            ("090-1234-5678", "090-1234-5678"),
            ("+81 90 1234 5678", "+81 90 1234 5678"),
            ("+81-90-1234-5678", "+81-90-1234-5678"),
            (" 03-1234-5678 ", "03-1234-5678"),
            ("０９０－１２３４－５６７８", "090-1234-5678"),
            ("＋８１\u{3000}９０ー１２３４ー５６７８", "+81 90-1234-5678"),
            ("123456789012345", "123456789012345"),
        ];
        for (input, stored) in accepted {
            let mut e = IntakeFields::default();
            e.apply_patch(&patch(json!({ "phone": input })))
                .unwrap_or_else(|err| panic!("{input:?}: {err:?}"));
            assert_eq!(e.phone.as_deref(), Some(stored), "{input:?}");
        }
        let rejected = [
            "090123456",         // 9 digits
            "1234567890123456",  // 16 digits
            "090--1234-5678",    // double separator
            "090 -1234-5678",    // mixed double separator
            "-090-1234-5678",    // leading separator
            "090-1234-5678-",    // trailing separator
            "+-81-90-1234-5678", // separator right after +
            "++81901234567",
            "81+901234567",
            "090.1234.5678",
            "(03) 1234-5678",
            "090-1234-5678 ext 2",
            "٠٩٠١٢٣٤٥٦٧٨", // non-ASCII digits other than full-width
            "090-1234-5678\r\nBcc: x@example.com",
            "090-1234-5678\n",
            "\r090-1234-5678",
            "090\t1234\t5678",
        ];
        for input in rejected {
            assert_eq!(
                problems_of(json!({ "phone": input })),
                fe(&[("phone", &["invalid_phone"])]),
                "{input:?}"
            );
        }
    }

    #[test]
    fn atomic_on_error() {
        let mut f = full();
        let before = f.clone();
        let err = errors(
            &mut f,
            json!({"age_band": "50s", "goals": "新しい目標", "consent": false, "plan": "five"}),
        );
        assert_eq!(err, fe(&[("plan", &["unknown_code"])]));
        assert_eq!(f, before);
    }

    fn arb_text() -> impl Strategy<Value = String> {
        "[a-zあ-ん漢字][a-z あ-ん\n\t。、]{0,60}[a-zあ-ん]"
    }

    fn arb_intake() -> impl Strategy<Value = IntakeFields> {
        let a = (
            proptest::option::of(select(AgeBand::ALL)),
            proptest::option::of(select(Industry::ALL)),
            proptest::option::of(select(CompanySize::ALL)),
            proptest::option::of(select(JobFunction::ALL)),
            proptest::option::of(select(Position::ALL)),
            proptest::option::of(select(Employment::ALL)),
            proptest::option::of(0..=MAX_CHILDREN),
            proptest::option::of(0..=MAX_CHILD_AGE),
            proptest::option::of(select(LeaveStatus::ALL)),
            subsequence(Concern::ALL, 0..=Concern::ALL.len()),
        );
        let b = (
            proptest::option::of(prop_oneof![arb_text(), "[あ-ん]{150,260}"]),
            subsequence(SelfCheck::ALL, 0..=SelfCheck::ALL.len()),
            proptest::option::of(arb_text()),
            subsequence(Experience::ALL, 0..=MAX_PREFERENCES),
            proptest::collection::vec(select(Importance::ALL), MAX_PREFERENCES),
            proptest::option::of(select(PlanKind::ALL)),
            subsequence(Availability::ALL, 0..=Availability::ALL.len()),
            proptest::option::of("\\+?[1-9][0-9]{2}(-[0-9]{4}){2}"),
            proptest::option::of(any::<bool>()),
            any::<bool>(),
        );
        (a, b).prop_map(
            |(
                (
                    age_band,
                    industry,
                    company_size,
                    job_function,
                    position,
                    employment,
                    children,
                    youngest_child_age,
                    leave_status,
                    concerns,
                ),
                (
                    concern_detail,
                    self_check,
                    goals,
                    prefs,
                    importances,
                    plan,
                    availability,
                    phone,
                    call_ok,
                    consent,
                ),
            )| IntakeFields {
                age_band,
                industry,
                company_size,
                job_function,
                position,
                employment,
                children,
                youngest_child_age,
                leave_status,
                concerns,
                concern_detail,
                self_check,
                goals,
                mentor_preferences: prefs
                    .into_iter()
                    .zip(importances)
                    .map(|(code, importance)| Preference { code, importance })
                    .collect(),
                plan,
                availability,
                phone,
                call_ok,
                consent,
                share_sheets: consent,
            },
        )
    }

    /// Fills in the fields selected by `mask` that `a` lacks, from `b`;
    /// a selected `concern_detail` grows by `b`'s text.
    fn add_fields(a: &IntakeFields, b: &IntakeFields, mask: u32) -> IntakeFields {
        let on = |i: u32| mask & (1 << i) != 0;
        let mut c = a.clone();
        macro_rules! fill {
            ($i:expr, $f:ident) => {
                if on($i) && c.$f.is_none() {
                    c.$f = b.$f.clone();
                }
            };
            ($i:expr, $f:ident, list) => {
                if on($i) && c.$f.is_empty() {
                    c.$f = b.$f.clone();
                }
            };
        }
        fill!(0, age_band);
        fill!(1, industry);
        fill!(2, company_size);
        fill!(3, job_function);
        fill!(4, position);
        fill!(5, employment);
        fill!(6, children);
        fill!(7, youngest_child_age);
        fill!(8, leave_status);
        fill!(9, concerns, list);
        fill!(10, self_check, list);
        fill!(11, goals);
        fill!(12, mentor_preferences, list);
        fill!(13, plan);
        fill!(14, availability, list);
        fill!(15, phone);
        fill!(16, call_ok);
        if on(17) {
            c.consent = true;
        }
        if on(18) {
            let extra = b.concern_detail.clone().unwrap_or_default();
            c.concern_detail = Some(format!(
                "{}{}",
                a.concern_detail.clone().unwrap_or_default(),
                extra
            ));
        }
        c
    }

    proptest! {
        #[test]
        fn completeness_is_bounded_and_monotone(a in arb_intake(), mask in any::<u32>()) {
            let b = full();
            let c = add_fields(&a, &b, mask);
            prop_assert!(a.completeness() <= 100);
            prop_assert!(c.completeness() >= a.completeness(), "{} < {}", c.completeness(), a.completeness());
            // Filling everything in reaches 100.
            prop_assert_eq!(add_fields(&a, &b, u32::MAX).completeness(), 100);
            // Missing fields only shrink too.
            prop_assert!(c.missing_required().len() <= a.missing_required().len());
        }

        #[test]
        fn needs_call_follows_its_rule(a in arb_intake()) {
            let expected = a.completeness() < 60
                || a.concern_detail.as_deref().map_or(0, |s| s.chars().count()) < 80
                || (a.mentor_preferences.is_empty() && a.goals.is_none());
            prop_assert_eq!(a.needs_call(), expected);
        }

        #[test]
        fn serialised_intake_patches_back_to_itself(a in arb_intake()) {
            let value = serde_json::to_value(&a).unwrap();
            let mut e = IntakeFields::default();
            e.apply_patch(&patch(value)).unwrap();
            prop_assert_eq!(e, a);
        }

        #[test]
        fn apply_patch_is_atomic_on_error(
            a in arb_intake(),
            b in arb_intake(),
            bad in prop_oneof![
                Just(("industry", json!("banking"))),
                Just(("children", json!(11))),
                Just(("status", json!("matched"))),
                Just(("nope", json!(true))),
                Just(("phone", json!("0312345678\n"))),
                Just(("concerns", json!(["skills", "skills"]))),
            ],
        ) {
            let mut p = patch(serde_json::to_value(&b).unwrap());
            p.insert(bad.0.to_owned(), bad.1);
            let mut x = a.clone();
            let err = x.apply_patch(&p).unwrap_err();
            prop_assert_eq!(err.len(), 1);
            prop_assert!(err.contains_key(bad.0));
            prop_assert_eq!(x, a);
        }

        #[test]
        fn apply_patch_never_panics(
            key in prop_oneof![select(FIELDS), select(READ_ONLY), Just("zzz")],
            value in prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(|n| json!(n)),
                any::<f64>().prop_map(|n| json!(n)),
                ".{0,20}".prop_map(Value::String),
                proptest::collection::vec(".{0,20}".prop_map(Value::String), 0..20).prop_map(Value::Array),
            ],
        ) {
            let mut x = IntakeFields::default();
            let _ = x.apply_patch(&patch(json!({ key: value })));
            prop_assert!(x.completeness() <= 100);
        }
    }
}
