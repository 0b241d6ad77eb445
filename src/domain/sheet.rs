//! The mentoring sheet: what the mentee writes after a held session and her
//! mentor's reply, with the rules of its life cycle
//! (none → draft → submitted → replied) and of the feedback that closes a plan.
//!
//! Text is kept exactly as written (only line ends are unified to `\n`), so a
//! draft saved while she types comes back unchanged; limits count characters,
//! so 4,000 Japanese characters fit however many bytes they take.
use super::codes::{SessionStatus, SheetStatus, Side};
use super::{push_error, FieldErrors};
use serde::Serialize;

/// Most characters in one field of a sheet, a reply or a feedback comment.
pub const MAX_CHARS: usize = 4000;
/// Most characters in "which positive action".
pub const MAX_ACTION_CHARS: usize = 500;

/// Refusal codes (409) of the sheet's life cycle.
pub mod refusal {
    /// The sheet is written after the session was held.
    pub const SESSION_NOT_HELD: &str = "session_not_held";
    /// A submitted sheet is no longer a draft.
    pub const SHEET_SUBMITTED: &str = "sheet_submitted";
    /// The draft was saved elsewhere (another tab) since this one was loaded.
    pub const STALE_DRAFT: &str = "stale_draft";
    /// Only a submitted sheet is replied to.
    pub const SHEET_NOT_SUBMITTED: &str = "sheet_not_submitted";
    /// A sheet is replied to once.
    pub const SHEET_REPLIED: &str = "sheet_replied";
    /// Feedback follows a completed plan.
    pub const PLAN_NOT_COMPLETED: &str = "plan_not_completed";
    /// Feedback is given once per plan.
    pub const FEEDBACK_GIVEN: &str = "feedback_given";
}

/// Problem codes of the fields.
pub mod problem {
    pub const REQUIRED: &str = "required";
    pub const TOO_LONG: &str = "too_long";
    pub const INVALID_CHARACTERS: &str = "invalid_characters";
    pub const OUT_OF_RANGE: &str = "out_of_range";
}

/// Free text as written: line ends unified, no control characters but
/// newlines and tabs, at most `max` characters.
pub fn text(raw: &str, max: usize) -> Result<String, &'static str> {
    let s = raw.replace("\r\n", "\n").replace('\r', "\n");
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(problem::INVALID_CHARACTERS);
    }
    if s.chars().nth(max).is_some() {
        return Err(problem::TOO_LONG);
    }
    Ok(s)
}

fn field(errors: &mut FieldErrors, name: &str, raw: &str, max: usize) -> String {
    text(raw, max).unwrap_or_else(|p| {
        push_error(errors, name, p);
        String::new()
    })
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The three parts of a sheet, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub realizations: String,
    pub next_actions: String,
    pub questions: String,
}

impl Draft {
    /// Parse a draft; every field may be empty while drafting.
    pub fn parse(
        realizations: &str,
        next_actions: &str,
        questions: &str,
    ) -> Result<Draft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let d = Draft {
            realizations: field(&mut errors, "realizations", realizations, MAX_CHARS),
            next_actions: field(&mut errors, "next_actions", next_actions, MAX_CHARS),
            questions: field(&mut errors, "questions", questions, MAX_CHARS),
        };
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    /// What submission still needs: what she realised (気づき).
    pub fn submit_errors(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if blank(&self.realizations) {
            push_error(&mut errors, "realizations", problem::REQUIRED);
        }
        errors
    }
}

/// A draft save that names only some parts (an API client may send one
/// field); parts it leaves out keep their saved text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftPatch {
    pub realizations: Option<String>,
    pub next_actions: Option<String>,
    pub questions: Option<String>,
}

impl DraftPatch {
    /// Check the parts given (each at most [`MAX_CHARS`] characters).
    pub fn parse(
        realizations: Option<&str>,
        next_actions: Option<&str>,
        questions: Option<&str>,
    ) -> Result<DraftPatch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut part =
            |name: &str, raw: Option<&str>| raw.map(|r| field(&mut errors, name, r, MAX_CHARS));
        let p = DraftPatch {
            realizations: part("realizations", realizations),
            next_actions: part("next_actions", next_actions),
            questions: part("questions", questions),
        };
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }

    /// The draft after this save.
    pub fn apply(&self, base: Draft) -> Draft {
        Draft {
            realizations: self.realizations.clone().unwrap_or(base.realizations),
            next_actions: self.next_actions.clone().unwrap_or(base.next_actions),
            questions: self.questions.clone().unwrap_or(base.questions),
        }
    }
}

/// The mentor's reply: a message and, required, the strengths she sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub message: String,
    pub strengths: String,
}

impl Reply {
    pub fn parse(message: &str, strengths: &str) -> Result<Reply, FieldErrors> {
        let mut errors = FieldErrors::new();
        let r = Reply {
            message: field(&mut errors, "message", message, MAX_CHARS),
            strengths: field(&mut errors, "strengths", strengths, MAX_CHARS),
        };
        for (name, value) in [("message", &r.message), ("strengths", &r.strengths)] {
            if blank(value) && !errors.contains_key(name) {
                push_error(&mut errors, name, problem::REQUIRED);
            }
        }
        if errors.is_empty() {
            Ok(r)
        } else {
            Err(errors)
        }
    }
}

/// The mentee's feedback when a plan completes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feedback {
    /// Satisfaction with the match, 1–5.
    pub satisfaction: u8,
    /// Whether she took a positive action since (and which).
    pub positive_action: bool,
    pub positive_action_detail: String,
    pub comment: String,
}

impl Feedback {
    pub fn parse(
        satisfaction: Option<i64>,
        positive_action: Option<bool>,
        detail: &str,
        comment: &str,
    ) -> Result<Feedback, FieldErrors> {
        let mut errors = FieldErrors::new();
        let satisfaction = match satisfaction {
            None => {
                push_error(&mut errors, "satisfaction", problem::REQUIRED);
                0
            }
            Some(n @ 1..=5) => n as u8,
            Some(_) => {
                push_error(&mut errors, "satisfaction", problem::OUT_OF_RANGE);
                0
            }
        };
        let positive_action = positive_action.unwrap_or(false);
        let mut detail = field(
            &mut errors,
            "positive_action_detail",
            detail,
            MAX_ACTION_CHARS,
        );
        if !positive_action {
            detail.clear();
        } else if blank(&detail) && !errors.contains_key("positive_action_detail") {
            push_error(&mut errors, "positive_action_detail", problem::REQUIRED);
        }
        let comment = field(&mut errors, "comment", comment, MAX_CHARS);
        if errors.is_empty() {
            Ok(Feedback {
                satisfaction,
                positive_action,
                positive_action_detail: detail.trim().to_string(),
                comment: comment.trim().to_string(),
            })
        } else {
            Err(errors)
        }
    }
}

/// May the mentee save a draft now? `session` is the session's effective status.
pub fn check_save(session: SessionStatus, sheet: SheetStatus) -> Result<(), &'static str> {
    if session != SessionStatus::Held {
        return Err(refusal::SESSION_NOT_HELD);
    }
    match sheet {
        SheetStatus::NotStarted | SheetStatus::Draft => Ok(()),
        SheetStatus::Submitted | SheetStatus::Replied => Err(refusal::SHEET_SUBMITTED),
    }
}

/// Is a save that was based on `based_on` stale? A save that names no
/// version (an API client that does not track it) is never stale.
pub fn check_version(current: i32, based_on: Option<i32>) -> Result<(), &'static str> {
    match based_on {
        Some(v) if v != current => Err(refusal::STALE_DRAFT),
        _ => Ok(()),
    }
}

/// May the sheet be submitted? Answers whether this changes anything:
/// submitting an already submitted sheet again (a double click) is accepted
/// and changes nothing.
pub fn check_submit(session: SessionStatus, sheet: SheetStatus) -> Result<bool, &'static str> {
    if session != SessionStatus::Held {
        return Err(refusal::SESSION_NOT_HELD);
    }
    Ok(matches!(
        sheet,
        SheetStatus::NotStarted | SheetStatus::Draft
    ))
}

/// May the mentor reply?
pub fn check_reply(sheet: SheetStatus) -> Result<(), &'static str> {
    match sheet {
        SheetStatus::Submitted => Ok(()),
        SheetStatus::Replied => Err(refusal::SHEET_REPLIED),
        SheetStatus::NotStarted | SheetStatus::Draft => Err(refusal::SHEET_NOT_SUBMITTED),
    }
}

/// Does the mentor see the sheet? Only once it was submitted.
pub fn visible_to_mentor(sheet: SheetStatus) -> bool {
    matches!(sheet, SheetStatus::Submitted | SheetStatus::Replied)
}

/// May this reader read the sheet? Its mentee always; her mentor once it was
/// submitted; a coordinator (`reader` None) only a submitted sheet, and only
/// when the mentee agreed to share her sheets with the programme office.
pub fn may_read(reader: Option<Side>, sheet: SheetStatus, shared: bool) -> bool {
    match reader {
        Some(Side::Mentee) => true,
        Some(Side::Mentor) => visible_to_mentor(sheet),
        None => shared && visible_to_mentor(sheet),
    }
}

/// A plan is complete when every session has been held and every sheet
/// replied.
pub fn plan_complete(sessions: &[(SessionStatus, SheetStatus)]) -> bool {
    !sessions.is_empty()
        && sessions
            .iter()
            .all(|(s, sh)| *s == SessionStatus::Held && *sh == SheetStatus::Replied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SessionStatus as S;
    use SheetStatus as Sh;

    #[test]
    fn four_thousand_japanese_characters_fit_and_one_more_does_not() {
        let full = "気".repeat(MAX_CHARS);
        assert_eq!(text(&full, MAX_CHARS), Ok(full.clone()));
        assert_eq!(
            text(&format!("{full}づ"), MAX_CHARS),
            Err(problem::TOO_LONG)
        );
        // Bytes do not count: 4,000 characters are 12,000 bytes here.
        assert_eq!(full.len(), 12_000);
    }

    #[test]
    fn text_keeps_what_she_wrote_but_unifies_line_ends() {
        assert_eq!(
            text("  上司に\r\n相談する\r ", 100),
            Ok("  上司に\n相談する\n ".into())
        );
        assert_eq!(text("tab\there", 100), Ok("tab\there".into()));
        assert_eq!(text("nul\0", 100), Err(problem::INVALID_CHARACTERS));
    }

    #[test]
    fn a_draft_may_be_empty_but_submission_needs_realizations() {
        let d = Draft::parse("", "", "").unwrap();
        assert_eq!(d, Draft::default());
        assert_eq!(
            d.submit_errors().get("realizations"),
            Some(&vec!["required".to_string()])
        );
        let d = Draft::parse("気づき", "", "").unwrap();
        assert!(d.submit_errors().is_empty());
        let d = Draft::parse(" \n ", "", "").unwrap();
        assert!(!d.submit_errors().is_empty());
    }

    #[test]
    fn each_too_long_field_is_named() {
        let long = "あ".repeat(MAX_CHARS + 1);
        let e = Draft::parse(&long, "ok", &long).unwrap_err();
        assert_eq!(
            e.keys().collect::<Vec<_>>(),
            vec!["questions", "realizations"]
        );
    }

    #[test]
    fn a_partial_save_keeps_the_parts_it_leaves_out() {
        let base = Draft::parse("気づき", "次の一歩", "質問").unwrap();
        let p = DraftPatch::parse(None, Some("上司と話す"), None).unwrap();
        assert_eq!(
            p.apply(base),
            Draft::parse("気づき", "上司と話す", "質問").unwrap()
        );
        let e = DraftPatch::parse(Some(&"あ".repeat(MAX_CHARS + 1)), None, None).unwrap_err();
        assert!(e.contains_key("realizations"));
    }

    #[test]
    fn a_reply_needs_both_a_message_and_strengths() {
        let e = Reply::parse("", " ").unwrap_err();
        assert_eq!(e.len(), 2);
        let e = Reply::parse("ありがとう", "").unwrap_err();
        assert_eq!(e.get("strengths"), Some(&vec!["required".to_string()]));
        assert!(Reply::parse("ありがとう", "周りを巻き込む力").is_ok());
    }

    #[test]
    fn feedback_rates_one_to_five_and_names_the_action_taken() {
        let f =
            Feedback::parse(Some(5), Some(true), "上司に面談を申し込んだ", " 良かった ").unwrap();
        assert_eq!(f.satisfaction, 5);
        assert_eq!(f.comment, "良かった");
        for bad in [Some(0), Some(6), Some(-1)] {
            let e = Feedback::parse(bad, None, "", "").unwrap_err();
            assert_eq!(
                e.get("satisfaction"),
                Some(&vec!["out_of_range".to_string()])
            );
        }
        let e = Feedback::parse(None, None, "", "").unwrap_err();
        assert_eq!(e.get("satisfaction"), Some(&vec!["required".to_string()]));
        let e = Feedback::parse(Some(4), Some(true), " ", "").unwrap_err();
        assert!(e.contains_key("positive_action_detail"));
        // No action: the detail is dropped.
        let f = Feedback::parse(Some(3), Some(false), "何か", "").unwrap();
        assert_eq!(f.positive_action_detail, "");
    }

    #[test]
    fn a_sheet_is_written_after_the_session_and_frozen_once_submitted() {
        assert_eq!(
            check_save(S::Scheduled, Sh::NotStarted),
            Err(refusal::SESSION_NOT_HELD)
        );
        assert_eq!(check_save(S::Held, Sh::Draft), Ok(()));
        assert_eq!(
            check_save(S::Held, Sh::Submitted),
            Err(refusal::SHEET_SUBMITTED)
        );
        assert_eq!(
            check_submit(S::Proposed, Sh::Draft),
            Err(refusal::SESSION_NOT_HELD)
        );
        assert_eq!(check_submit(S::Held, Sh::Draft), Ok(true));
        assert_eq!(check_submit(S::Held, Sh::Submitted), Ok(false));
        assert_eq!(check_submit(S::Held, Sh::Replied), Ok(false));
    }

    #[test]
    fn a_save_based_on_an_old_version_is_stale() {
        assert_eq!(check_version(3, Some(3)), Ok(()));
        assert_eq!(check_version(3, Some(2)), Err(refusal::STALE_DRAFT));
        assert_eq!(check_version(3, None), Ok(()));
    }

    #[test]
    fn a_reply_follows_submission_once() {
        assert_eq!(check_reply(Sh::Draft), Err(refusal::SHEET_NOT_SUBMITTED));
        assert_eq!(check_reply(Sh::Submitted), Ok(()));
        assert_eq!(check_reply(Sh::Replied), Err(refusal::SHEET_REPLIED));
    }

    #[test]
    fn the_mentor_sees_submitted_sheets_and_the_coordinator_only_with_consent() {
        let (mentee, mentor) = (Some(Side::Mentee), Some(Side::Mentor));
        assert!(may_read(mentee, Sh::Draft, false));
        assert!(!may_read(mentor, Sh::Draft, true));
        assert!(may_read(mentor, Sh::Submitted, false));
        assert!(!may_read(None, Sh::Replied, false));
        assert!(may_read(None, Sh::Replied, true));
        assert!(!may_read(None, Sh::Draft, true));
    }

    #[test]
    fn a_plan_completes_when_every_session_is_held_and_every_sheet_replied() {
        assert!(plan_complete(&[
            (S::Held, Sh::Replied),
            (S::Held, Sh::Replied)
        ]));
        assert!(!plan_complete(&[
            (S::Held, Sh::Replied),
            (S::Held, Sh::Submitted)
        ]));
        assert!(!plan_complete(&[
            (S::Held, Sh::Replied),
            (S::Scheduled, Sh::NotStarted)
        ]));
        assert!(!plan_complete(&[]));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Any text, weighted towards what breaks parsers: Japanese, line
        /// ends, controls, astral characters and markup.
        fn nasty(max: usize) -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop_oneof![
                    4 => any::<char>(),
                    2 => prop::sample::select(vec!['気', 'づ', '\r', '\n', '\t', '\0', '\u{1b}', '😀', '<', '"', '&', '\u{202e}']),
                ],
                0..max,
            )
            .prop_map(|v| v.into_iter().collect())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            /// The sheet parser never panics; what it accepts is within the
            /// limit, has unified line ends and no control characters but
            /// newline and tab; what it refuses is named by field.
            #[test]
            fn draft_parse_is_total_and_keeps_its_promises(
                a in nasty(60), b in nasty(60), c in nasty(60)
            ) {
                match Draft::parse(&a, &b, &c) {
                    Ok(d) => for t in [&d.realizations, &d.next_actions, &d.questions] {
                        prop_assert!(t.chars().count() <= MAX_CHARS);
                        prop_assert!(!t.contains('\r'));
                        prop_assert!(t.chars().all(|ch| !ch.is_control() || ch == '\n' || ch == '\t'));
                    },
                    Err(e) => {
                        prop_assert!(!e.is_empty());
                        for k in e.keys() {
                            prop_assert!(["realizations", "next_actions", "questions"].contains(&k.as_str()));
                        }
                    }
                }
            }

            /// A patch applied to a draft changes exactly the parts it names.
            #[test]
            fn a_patch_changes_only_what_it_names(
                base in (nasty(20), nasty(20), nasty(20)),
                given in (any::<bool>(), any::<bool>(), any::<bool>()),
                text_ in "[a-z気づ\n]{0,30}",
            ) {
                let base = Draft { realizations: base.0, next_actions: base.1, questions: base.2 };
                let pick = |on: bool| on.then_some(text_.as_str());
                let patch = DraftPatch::parse(pick(given.0), pick(given.1), pick(given.2)).unwrap();
                let out = patch.apply(base.clone());
                prop_assert_eq!(&out.realizations, if given.0 { &text_ } else { &base.realizations });
                prop_assert_eq!(&out.next_actions, if given.1 { &text_ } else { &base.next_actions });
                prop_assert_eq!(&out.questions, if given.2 { &text_ } else { &base.questions });
            }

            /// Replies and feedback: total, and never accept a blank required part
            /// or a rating outside 1–5.
            #[test]
            fn reply_and_feedback_parse_are_total(
                m in nasty(40), st in nasty(40), n in any::<Option<i64>>(), act in any::<Option<bool>>()
            ) {
                if let Ok(r) = Reply::parse(&m, &st) {
                    prop_assert!(!r.message.trim().is_empty() && !r.strengths.trim().is_empty());
                }
                if let Ok(f) = Feedback::parse(n, act, &m, &st) {
                    prop_assert!((1..=5).contains(&f.satisfaction));
                }
            }
        }
    }
}
