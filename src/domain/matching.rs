//! Ranking mentors for an intake. The system proposes and explains; the
//! coordinator decides. So every score comes with its reasons, and the order
//! is fully deterministic (the same data always gives the same list).
//!
//! Reasons come from two places:
//!
//! - each of the mentee's `mentor_preferences` (importance `must` or `nice`),
//!   judged by [`mentor_meets`];
//! - a `hint` for each of her `concerns` that has a related mentor experience
//!   ([`concern_hint`]), so a mentee who wrote no preferences still gets a
//!   meaningful order.
//!
//! Score = round(100 × matched weight / total weight) with must = 3,
//! nice = 2, hint = 1; 50 when there are no reasons at all (nothing to tell
//! the mentors apart, so neither good nor bad).

use std::cmp::Ordering;

use serde::Serialize;

use super::codes::{CompanySize, Concern, Experience, Importance, Industry, JobFunction, Position};
use super::intake::IntakeFields;

/// What matching needs to know about one mentor (her profile and current load).
#[derive(Debug, Clone)]
pub struct MentorCandidate {
    pub mentor_id: i64,
    pub industry: Option<Industry>,
    pub company_size: Option<CompanySize>,
    pub job_function: Option<JobFunction>,
    pub position: Option<Position>,
    pub experiences: Vec<Experience>,
    /// Most mentees she takes at once (0–10).
    pub capacity: u8,
    /// Whether she takes new mentees at all right now.
    pub accepting: bool,
    /// Active + pending mentees.
    pub load: u32,
}

/// How much a reason counts in the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonImportance {
    /// A `must` preference: weight 3; one unmet must ranks the mentor below
    /// every mentor meeting all musts.
    Must,
    /// A `nice` preference: weight 2.
    Nice,
    /// Derived from a concern, not asked for explicitly: weight 1.
    Hint,
}

impl ReasonImportance {
    /// Weight in the score.
    pub fn weight(self) -> u32 {
        match self {
            Self::Must => 3,
            Self::Nice => 2,
            Self::Hint => 1,
        }
    }

    /// The wire code: `must`, `nice` or `hint`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Must => "must",
            Self::Nice => "nice",
            Self::Hint => "hint",
        }
    }
}

impl From<Importance> for ReasonImportance {
    fn from(i: Importance) -> Self {
        match i {
            Importance::Must => Self::Must,
            Importance::Nice => Self::Nice,
        }
    }
}

/// One line of a score's explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// An experience code (e.g. `sme`), or the position code `specialist` for
    /// the hint of `step_up_without_management`.
    pub code: String,
    pub importance: ReasonImportance,
    /// Whether this mentor satisfies it.
    pub matched: bool,
}

impl Reason {
    /// The prefix of the reason label's Fluent key, `{prefix}-{code}`:
    /// `experience`, or `position` for a position code.
    pub fn fluent_prefix(&self) -> &'static str {
        if Experience::parse(&self.code).is_none() && Position::parse(&self.code).is_some() {
            Position::FLUENT_PREFIX
        } else {
            Experience::FLUENT_PREFIX
        }
    }
}

/// Why a mentor cannot take a mentee now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Ineligible {
    #[error("mentor_not_accepting")]
    NotAccepting,
    #[error("mentor_at_capacity")]
    AtCapacity,
}

impl Ineligible {
    /// The API's 409 error code for an assignment attempt.
    pub fn error_code(self) -> &'static str {
        match self {
            Self::NotAccepting => "mentor_not_accepting",
            Self::AtCapacity => "mentor_at_capacity",
        }
    }

    /// The Fluent key of its explanation on the pages.
    pub fn fluent_key(self) -> &'static str {
        match self {
            Self::NotAccepting => "ineligible-not_accepting",
            Self::AtCapacity => "ineligible-at_capacity",
        }
    }
}

/// One mentor's evaluation for one intake.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub mentor_id: i64,
    /// 0..=100.
    pub score: u8,
    /// Preferences first (in the mentee's order), then concern hints.
    pub reasons: Vec<Reason>,
    pub eligible: bool,
    pub ineligible_because: Option<Ineligible>,
    /// True when every `must` reason is matched (also when there is none).
    pub musts_met: bool,
    pub load: u32,
    pub capacity: u8,
}

/// Whether a mentor can take one more mentee. Checked here for ranking and
/// again, under a lock or transaction, by whoever creates the assignment.
pub fn can_take(capacity: u8, load: u32, accepting: bool) -> Result<(), Ineligible> {
    if !accepting {
        Err(Ineligible::NotAccepting)
    } else if load >= u32::from(capacity) {
        Err(Ineligible::AtCapacity)
    } else {
        Ok(())
    }
}

/// Whether `mentor` satisfies the preference `code` of `intake`.
///
/// Profile facts count as experience: a mentor working at an SME meets `sme`
/// even if she did not tick it. `same_industry` and `same_company_size`
/// compare with the intake and fail when either side is unknown.
///
/// | code | met when |
/// |---|---|
/// | same_industry | mentor's industry = intake's industry (both set) |
/// | same_company_size | mentor's company_size = intake's (both set) |
/// | sme | company_size `sme`, or experience `sme` |
/// | large_company | company_size `large`, or experience `large_company` |
/// | executive | position `executive`, or experience `executive` |
/// | manager | position `manager`, `senior_manager` or `executive`, or experience `manager` |
/// | sales | job_function `sales`, or experience `sales` |
/// | hr | job_function `hr`, or experience `hr` |
/// | stem | job_function `engineering`, `research` or `it`, or experience `stem` |
/// | any other | experiences contain it |
pub fn mentor_meets(intake: &IntakeFields, mentor: &MentorCandidate, code: Experience) -> bool {
    let has = |e: Experience| mentor.experiences.contains(&e);
    match code {
        Experience::SameIndustry => intake.industry.is_some() && mentor.industry == intake.industry,
        Experience::SameCompanySize => {
            intake.company_size.is_some() && mentor.company_size == intake.company_size
        }
        Experience::Sme => mentor.company_size == Some(CompanySize::Sme) || has(code),
        Experience::LargeCompany => mentor.company_size == Some(CompanySize::Large) || has(code),
        Experience::Executive => mentor.position == Some(Position::Executive) || has(code),
        Experience::Manager => {
            matches!(
                mentor.position,
                Some(Position::Manager | Position::SeniorManager | Position::Executive)
            ) || has(code)
        }
        Experience::Sales => mentor.job_function == Some(JobFunction::Sales) || has(code),
        Experience::Hr => mentor.job_function == Some(JobFunction::Hr) || has(code),
        Experience::Stem => {
            matches!(
                mentor.job_function,
                Some(JobFunction::Engineering | JobFunction::Research | JobFunction::It)
            ) || has(code)
        }
        other => has(other),
    }
}

/// Something a concern suggests the mentor should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintTarget {
    /// Met as a preference of that code would be ([`mentor_meets`]).
    Experience(Experience),
    /// Met when the mentor holds that position.
    Position(Position),
}

impl HintTarget {
    /// The reason code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Experience(e) => e.as_str(),
            Self::Position(p) => p.as_str(),
        }
    }

    fn met_by(self, intake: &IntakeFields, mentor: &MentorCandidate) -> bool {
        match self {
            Self::Experience(e) => mentor_meets(intake, mentor, e),
            Self::Position(p) => mentor.position == Some(p),
        }
    }
}

/// Related mentor experiences of a concern, best first; empty when none.
///
/// | concern | hint (first one the mentor meets; else the first) |
/// |---|---|
/// | return_from_leave | parenting |
/// | management_offer | first_woman_manager, manager |
/// | promotion_exam | manager |
/// | no_role_model | first_woman_manager |
/// | work_life_balance | parenting |
/// | step_up_without_management | specialist (the mentor's position) |
/// | job_change | career_change |
/// | leadership | manager |
/// | skills, relationships_at_work, other | — |
pub fn concern_hint(concern: Concern) -> &'static [HintTarget] {
    use HintTarget::{Experience as E, Position as P};
    match concern {
        Concern::ReturnFromLeave | Concern::WorkLifeBalance => &[E(Experience::Parenting)],
        Concern::ManagementOffer => &[E(Experience::FirstWomanManager), E(Experience::Manager)],
        Concern::PromotionExam | Concern::Leadership => &[E(Experience::Manager)],
        Concern::NoRoleModel => &[E(Experience::FirstWomanManager)],
        Concern::StepUpWithoutManagement => &[P(Position::Specialist)],
        Concern::JobChange => &[E(Experience::CareerChange)],
        Concern::Skills | Concern::RelationshipsAtWork | Concern::Other => &[],
    }
}

/// Score and explain one mentor for one intake.
///
/// Reasons: one per mentor preference, in the mentee's order; then one
/// `hint` per concern with a related experience ([`concern_hint`]), skipped
/// when its code is already among the reasons (so a wish is never counted
/// twice).
pub fn evaluate(intake: &IntakeFields, mentor: &MentorCandidate) -> Ranked {
    let mut specs = Vec::new();
    let mut ranked = evaluate_into(intake, mentor, &mut specs);
    ranked.reasons = specs
        .into_iter()
        .map(|(code, importance, matched)| Reason {
            code: code.to_owned(),
            importance,
            matched,
        })
        .collect();
    ranked
}

/// One reason before it is written out: code, importance, matched.
type Spec = (&'static str, ReasonImportance, bool);

/// [`evaluate`] without the reasons' text: the reasons go into `specs` (a
/// buffer the caller reuses) and the answer's `reasons` is empty. Ranking
/// uses it to order a whole roster without allocating per mentor.
fn evaluate_into(intake: &IntakeFields, mentor: &MentorCandidate, specs: &mut Vec<Spec>) -> Ranked {
    specs.clear();
    specs.extend(intake.mentor_preferences.iter().map(|p| {
        (
            p.code.as_str(),
            ReasonImportance::from(p.importance),
            mentor_meets(intake, mentor, p.code),
        )
    }));
    for concern in &intake.concerns {
        let targets = concern_hint(*concern);
        let chosen = targets
            .iter()
            .find(|t| t.met_by(intake, mentor))
            .map(|t| (*t, true))
            .or_else(|| targets.first().map(|t| (*t, false)));
        if let Some((target, matched)) = chosen {
            let code = target.code();
            if !specs.iter().any(|(c, _, _)| *c == code) {
                specs.push((code, ReasonImportance::Hint, matched));
            }
        }
    }

    let total: u32 = specs.iter().map(|(_, i, _)| i.weight()).sum();
    let matched: u32 = specs
        .iter()
        .filter(|(_, _, m)| *m)
        .map(|(_, i, _)| i.weight())
        .sum();
    let score = if total == 0 {
        50
    } else {
        // round half up, in integers
        u8::try_from((200 * matched + total) / (2 * total)).unwrap_or(100)
    };
    let musts_met = specs
        .iter()
        .all(|(_, i, m)| *m || *i != ReasonImportance::Must);
    let verdict = can_take(mentor.capacity, mentor.load, mentor.accepting);

    Ranked {
        mentor_id: mentor.mentor_id,
        score,
        reasons: Vec::new(),
        eligible: verdict.is_ok(),
        ineligible_because: verdict.err(),
        musts_met,
        load: mentor.load,
        capacity: mentor.capacity,
    }
}

/// Compares `load/capacity` without floats; capacity 0 counts as full beyond
/// any ratio.
fn load_ratio(a: &Ranked, b: &Ranked) -> Ordering {
    match (a.capacity, b.capacity) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Greater,
        (_, 0) => Ordering::Less,
        (ca, cb) => (u64::from(a.load) * u64::from(cb)).cmp(&(u64::from(b.load) * u64::from(ca))),
    }
}

/// The ranking order, best first: eligible before ineligible; then all musts
/// met before not; then higher score; then lower load/capacity (spreads
/// mentees over mentors); then lower mentor_id (deterministic).
pub fn rank_order(a: &Ranked, b: &Ranked) -> Ordering {
    b.eligible
        .cmp(&a.eligible)
        .then(b.musts_met.cmp(&a.musts_met))
        .then(b.score.cmp(&a.score))
        .then_with(|| load_ratio(a, b))
        .then(a.mentor_id.cmp(&b.mentor_id))
}

/// Best first ([`rank_order`]); at most `limit` results. The whole roster is
/// ordered on scores alone (no reason text is written, one buffer reused);
/// the top `limit` are selected in linear time, sorted, and only they get
/// their reasons written out — so a 10,000-mentor roster is neither fully
/// sorted nor fully explained to show 10.
pub fn rank(intake: &IntakeFields, mentors: &[MentorCandidate], limit: usize) -> Vec<Ranked> {
    if limit == 0 {
        return Vec::new();
    }
    let mut specs = Vec::with_capacity(16);
    let mut all: Vec<(Ranked, usize)> = mentors
        .iter()
        .enumerate()
        .map(|(i, m)| (evaluate_into(intake, m, &mut specs), i))
        .collect();
    let order = |a: &(Ranked, usize), b: &(Ranked, usize)| rank_order(&a.0, &b.0);
    if all.len() > limit {
        all.select_nth_unstable_by(limit - 1, order);
        all.truncate(limit);
    }
    all.sort_by(order);
    all.into_iter()
        .map(|(_, i)| evaluate(intake, &mentors[i]))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::domain::intake::Preference;
    use proptest::prelude::*;
    use proptest::sample::{select, subsequence};
    use serde_json::json;

    fn mentor(id: i64) -> MentorCandidate {
        MentorCandidate {
            mentor_id: id,
            industry: None,
            company_size: None,
            job_function: None,
            position: None,
            experiences: Vec::new(),
            capacity: 3,
            accepting: true,
            load: 0,
        }
    }

    fn wants(code: Experience, importance: Importance) -> IntakeFields {
        IntakeFields {
            mentor_preferences: vec![Preference { code, importance }],
            ..Default::default()
        }
    }

    fn meets(intake: &IntakeFields, m: &MentorCandidate, code: Experience) -> bool {
        mentor_meets(intake, m, code)
    }

    #[test]
    fn same_industry_and_company_size_compare_with_the_intake() {
        let intake = IntakeFields {
            industry: Some(Industry::Manufacturing),
            company_size: Some(CompanySize::Sme),
            ..Default::default()
        };
        let mut m = mentor(1);
        assert!(!meets(&intake, &m, Experience::SameIndustry));
        assert!(!meets(&intake, &m, Experience::SameCompanySize));
        m.industry = Some(Industry::Manufacturing);
        m.company_size = Some(CompanySize::Sme);
        assert!(meets(&intake, &m, Experience::SameIndustry));
        assert!(meets(&intake, &m, Experience::SameCompanySize));
        m.industry = Some(Industry::FinanceInsurance);
        m.company_size = Some(CompanySize::Large);
        assert!(!meets(&intake, &m, Experience::SameIndustry));
        assert!(!meets(&intake, &m, Experience::SameCompanySize));
        // Unknown on the intake side never matches, even against unknown.
        let blank = IntakeFields::default();
        let m = mentor(2);
        assert!(!meets(&blank, &m, Experience::SameIndustry));
        assert!(!meets(&blank, &m, Experience::SameCompanySize));
        // A ticked "experience" of a preference-only code does not count.
        let mut m = mentor(3);
        m.experiences = vec![Experience::SameIndustry, Experience::SameCompanySize];
        assert!(!meets(&intake, &m, Experience::SameIndustry));
        assert!(!meets(&intake, &m, Experience::SameCompanySize));
    }

    /// For each profile-backed rule: the profile value, the experience, and
    /// an unrelated profile all behave as documented.
    #[test]
    fn profile_backed_rules() {
        let i = IntakeFields::default();
        let with = |f: &dyn Fn(&mut MentorCandidate)| {
            let mut m = mentor(1);
            f(&mut m);
            m
        };
        let cases: Vec<(Experience, Vec<MentorCandidate>, Vec<MentorCandidate>)> = vec![
            (
                Experience::Sme,
                vec![with(&|m| m.company_size = Some(CompanySize::Sme))],
                vec![with(&|m| m.company_size = Some(CompanySize::Startup))],
            ),
            (
                Experience::LargeCompany,
                vec![with(&|m| m.company_size = Some(CompanySize::Large))],
                vec![with(&|m| m.company_size = Some(CompanySize::Sme))],
            ),
            (
                Experience::Executive,
                vec![with(&|m| m.position = Some(Position::Executive))],
                vec![
                    with(&|m| m.position = Some(Position::SeniorManager)),
                    with(&|m| m.experiences = vec![Experience::Manager]),
                ],
            ),
            (
                Experience::Manager,
                vec![
                    with(&|m| m.position = Some(Position::Manager)),
                    with(&|m| m.position = Some(Position::SeniorManager)),
                    with(&|m| m.position = Some(Position::Executive)),
                ],
                vec![
                    with(&|m| m.position = Some(Position::Leader)),
                    with(&|m| m.position = Some(Position::Specialist)),
                    with(&|m| m.experiences = vec![Experience::FirstWomanManager]),
                ],
            ),
            (
                Experience::Sales,
                vec![with(&|m| m.job_function = Some(JobFunction::Sales))],
                vec![with(&|m| m.job_function = Some(JobFunction::Marketing))],
            ),
            (
                Experience::Hr,
                vec![with(&|m| m.job_function = Some(JobFunction::Hr))],
                vec![with(&|m| {
                    m.job_function = Some(JobFunction::GeneralAffairs)
                })],
            ),
            (
                Experience::Stem,
                vec![
                    with(&|m| m.job_function = Some(JobFunction::Engineering)),
                    with(&|m| m.job_function = Some(JobFunction::Research)),
                    with(&|m| m.job_function = Some(JobFunction::It)),
                ],
                vec![with(&|m| m.job_function = Some(JobFunction::Production))],
            ),
        ];
        for (code, yes, no) in cases {
            let by_experience = with(&|m| m.experiences = vec![code]);
            assert!(meets(&i, &by_experience, code), "{code} by experience");
            for m in yes {
                assert!(meets(&i, &m, code), "{code}: {m:?}");
            }
            for m in no {
                assert!(!meets(&i, &m, code), "{code}: {m:?}");
            }
            assert!(!meets(&i, &mentor(9), code), "{code} on a blank profile");
        }
    }

    #[test]
    fn other_codes_need_the_experience() {
        let i = IntakeFields::default();
        let plain = [
            Experience::Parenting,
            Experience::SingleParent,
            Experience::Single,
            Experience::ReturnedAfterHomemaking,
            Experience::Overseas,
            Experience::FirstWomanManager,
            Experience::MaleDominatedWorkplace,
            Experience::CareerChange,
        ];
        for code in plain {
            let mut m = mentor(1);
            m.position = Some(Position::Executive);
            m.company_size = Some(CompanySize::Large);
            m.job_function = Some(JobFunction::Engineering);
            m.experiences = Experience::ALL
                .iter()
                .copied()
                .filter(|e| *e != code)
                .collect();
            assert!(!meets(&i, &m, code), "{code}");
            m.experiences = vec![code];
            assert!(meets(&i, &m, code), "{code}");
        }
    }

    #[test]
    fn each_preference_gives_one_reason_and_scores_by_weight() {
        let intake = IntakeFields {
            mentor_preferences: vec![
                Preference {
                    code: Experience::Sme,
                    importance: Importance::Must,
                },
                Preference {
                    code: Experience::Parenting,
                    importance: Importance::Nice,
                },
            ],
            ..Default::default()
        };
        let mut m = mentor(7);
        m.company_size = Some(CompanySize::Sme);
        let r = evaluate(&intake, &m);
        assert_eq!(
            r.reasons,
            vec![
                Reason {
                    code: "sme".into(),
                    importance: ReasonImportance::Must,
                    matched: true
                },
                Reason {
                    code: "parenting".into(),
                    importance: ReasonImportance::Nice,
                    matched: false
                },
            ]
        );
        assert_eq!(r.score, 60); // 3 of 5
        assert!(r.musts_met);
        m.company_size = None;
        m.experiences = vec![Experience::Parenting];
        let r = evaluate(&intake, &m);
        assert_eq!(r.score, 40);
        assert!(!r.musts_met);
    }

    #[test]
    fn score_rounds_half_up_and_is_50_without_reasons() {
        let r = evaluate(&IntakeFields::default(), &mentor(1));
        assert!(r.reasons.is_empty());
        assert_eq!(r.score, 50);
        assert!(r.musts_met);
        // nice (2) + hint (1): 1 of 3 = 33.3 → 33; 2 of 3 = 66.7 → 67.
        let mut intake = wants(Experience::Overseas, Importance::Nice);
        intake.concerns = vec![Concern::JobChange];
        let mut m = mentor(1);
        m.experiences = vec![Experience::CareerChange];
        assert_eq!(evaluate(&intake, &m).score, 33);
        m.experiences = vec![Experience::Overseas];
        assert_eq!(evaluate(&intake, &m).score, 67);
        // must + must + hint + hint = 8: 1 of 8 = 12.5 → 13 (half up).
        let mut intake = wants(Experience::Overseas, Importance::Must);
        intake.mentor_preferences.push(Preference {
            code: Experience::Single,
            importance: Importance::Must,
        });
        intake.concerns = vec![Concern::JobChange, Concern::NoRoleModel];
        m.experiences = vec![Experience::CareerChange];
        let r = evaluate(&intake, &m);
        let total: u32 = r.reasons.iter().map(|x| x.importance.weight()).sum();
        assert_eq!(total, 8);
        assert_eq!(r.score, 13);
        assert!(!r.musts_met);
    }

    #[test]
    fn concern_hints() {
        let with_concerns = |c: &[Concern]| IntakeFields {
            concerns: c.to_vec(),
            ..Default::default()
        };
        let codes = |r: &Ranked| {
            r.reasons
                .iter()
                .map(|x| (x.code.clone(), x.importance, x.matched))
                .collect::<Vec<_>>()
        };
        use ReasonImportance::Hint;
        let s = |x: &str| x.to_owned();

        // No related experience → no reason.
        let r = evaluate(
            &with_concerns(&[
                Concern::Skills,
                Concern::RelationshipsAtWork,
                Concern::Other,
            ]),
            &mentor(1),
        );
        assert!(r.reasons.is_empty());
        assert_eq!(r.score, 50);

        let mut m = mentor(1);
        m.experiences = vec![Experience::Parenting];
        let r = evaluate(
            &with_concerns(&[Concern::ReturnFromLeave, Concern::WorkLifeBalance]),
            &m,
        );
        // Both point to parenting: listed once.
        assert_eq!(codes(&r), vec![(s("parenting"), Hint, true)]);
        assert_eq!(r.score, 100);

        // management_offer: first_woman_manager preferred, manager accepted.
        let i = with_concerns(&[Concern::ManagementOffer]);
        assert_eq!(
            codes(&evaluate(&i, &mentor(1))),
            vec![(s("first_woman_manager"), Hint, false)]
        );
        let mut m = mentor(1);
        m.position = Some(Position::SeniorManager);
        assert_eq!(codes(&evaluate(&i, &m)), vec![(s("manager"), Hint, true)]);
        m.experiences = vec![Experience::FirstWomanManager];
        assert_eq!(
            codes(&evaluate(&i, &m)),
            vec![(s("first_woman_manager"), Hint, true)]
        );

        let cases = [
            (Concern::PromotionExam, "manager"),
            (Concern::Leadership, "manager"),
            (Concern::NoRoleModel, "first_woman_manager"),
            (Concern::JobChange, "career_change"),
            (Concern::StepUpWithoutManagement, "specialist"),
        ];
        for (concern, code) in cases {
            let r = evaluate(&with_concerns(&[concern]), &mentor(1));
            assert_eq!(codes(&r), vec![(s(code), Hint, false)], "{concern}");
        }
        let mut m = mentor(1);
        m.position = Some(Position::Specialist);
        let r = evaluate(&with_concerns(&[Concern::StepUpWithoutManagement]), &m);
        assert_eq!(codes(&r), vec![(s("specialist"), Hint, true)]);
        assert_eq!(r.reasons[0].fluent_prefix(), "position");
        let r = evaluate(&with_concerns(&[Concern::JobChange]), &m);
        assert_eq!(r.reasons[0].fluent_prefix(), "experience");
    }

    #[test]
    fn a_hint_never_repeats_a_preference() {
        let mut i = wants(Experience::Manager, Importance::Must);
        i.concerns = vec![Concern::PromotionExam];
        let r = evaluate(&i, &mentor(1));
        assert_eq!(r.reasons.len(), 1);
        assert_eq!(r.reasons[0].importance, ReasonImportance::Must);
    }

    #[test]
    fn eligibility() {
        assert_eq!(can_take(2, 1, true), Ok(()));
        assert_eq!(can_take(2, 2, true), Err(Ineligible::AtCapacity));
        assert_eq!(can_take(2, 5, true), Err(Ineligible::AtCapacity));
        assert_eq!(can_take(0, 0, true), Err(Ineligible::AtCapacity));
        assert_eq!(can_take(2, 0, false), Err(Ineligible::NotAccepting));
        assert_eq!(can_take(2, 2, false), Err(Ineligible::NotAccepting));
        assert_eq!(Ineligible::AtCapacity.error_code(), "mentor_at_capacity");
        assert_eq!(Ineligible::NotAccepting.to_string(), "mentor_not_accepting");

        let mut m = mentor(1);
        m.load = 3;
        let r = evaluate(&IntakeFields::default(), &m);
        assert!(!r.eligible);
        assert_eq!(r.ineligible_because, Some(Ineligible::AtCapacity));
        m.load = 2;
        let r = evaluate(&IntakeFields::default(), &m);
        assert!(r.eligible);
        assert_eq!(r.ineligible_because, None);
    }

    #[test]
    fn serialisation() {
        let mut i = wants(Experience::Sme, Importance::Nice);
        i.concerns = vec![Concern::JobChange];
        let mut m = mentor(5);
        m.accepting = false;
        let v = serde_json::to_value(evaluate(&i, &m)).unwrap();
        assert_eq!(
            v,
            json!({
                "mentor_id": 5,
                "score": 0,
                "reasons": [
                    {"code": "sme", "importance": "nice", "matched": false},
                    {"code": "career_change", "importance": "hint", "matched": false},
                ],
                "eligible": false,
                "ineligible_because": "not_accepting",
                "musts_met": true,
                "load": 0,
                "capacity": 3,
            })
        );
        assert_eq!(
            serde_json::to_value(Ineligible::AtCapacity).unwrap(),
            json!("at_capacity")
        );
        assert_eq!(
            serde_json::to_value(ReasonImportance::Must).unwrap(),
            json!("must")
        );
    }

    #[test]
    fn order_of_the_contract() {
        let i = wants(Experience::Overseas, Importance::Must);
        let mut ms = Vec::new();
        // 1: eligible, misses the must.
        ms.push(mentor(1));
        // 2: meets the must but is full.
        let mut m = mentor(2);
        m.experiences = vec![Experience::Overseas];
        m.load = 3;
        ms.push(m);
        // 3: meets the must, half loaded.
        let mut m = mentor(3);
        m.experiences = vec![Experience::Overseas];
        m.capacity = 2;
        m.load = 1;
        ms.push(m);
        // 4: meets the must, a third loaded.
        let mut m = mentor(4);
        m.experiences = vec![Experience::Overseas];
        m.load = 1;
        ms.push(m);
        // 5: same as 4, higher id.
        let mut m = mentor(5);
        m.experiences = vec![Experience::Overseas];
        m.load = 1;
        ms.push(m);
        // 0: not accepting, meets everything.
        let mut m = mentor(0);
        m.experiences = vec![Experience::Overseas];
        m.accepting = false;
        ms.push(m);
        let ids: Vec<i64> = rank(&i, &ms, 10).iter().map(|r| r.mentor_id).collect();
        assert_eq!(ids, vec![4, 5, 3, 1, 0, 2]);
        let ids: Vec<i64> = rank(&i, &ms, 2).iter().map(|r| r.mentor_id).collect();
        assert_eq!(ids, vec![4, 5]);
        assert!(rank(&i, &ms, 0).is_empty());
        assert!(rank(&i, &[], 5).is_empty());
    }

    #[test]
    fn large_roster_top_10() {
        let i = IntakeFields {
            mentor_preferences: vec![
                Preference {
                    code: Experience::Parenting,
                    importance: Importance::Must,
                },
                Preference {
                    code: Experience::Manager,
                    importance: Importance::Nice,
                },
            ],
            concerns: vec![Concern::JobChange],
            ..Default::default()
        };
        let roster: Vec<MentorCandidate> = (0..10_000)
            .map(|n| {
                let mut m = mentor(n);
                if n % 3 == 0 {
                    m.experiences.push(Experience::Parenting);
                }
                if n % 7 == 0 {
                    m.position = Some(Position::Manager);
                }
                m.load = u32::try_from(n % 5).unwrap();
                m.capacity = u8::try_from(n % 4 + 1).unwrap();
                m
            })
            .collect();
        let top = rank(&i, &roster, 10);
        let mut full: Vec<Ranked> = roster.iter().map(|m| evaluate(&i, m)).collect();
        full.sort_by(rank_order);
        full.truncate(10);
        assert_eq!(top, full);
    }

    fn arb_intake() -> impl Strategy<Value = IntakeFields> {
        (
            proptest::option::of(select(Industry::ALL)),
            proptest::option::of(select(CompanySize::ALL)),
            subsequence(Concern::ALL, 0..=4),
            subsequence(Experience::ALL, 0..=8),
            proptest::collection::vec(select(Importance::ALL), 8),
        )
            .prop_map(
                |(industry, company_size, concerns, codes, imps)| IntakeFields {
                    industry,
                    company_size,
                    concerns,
                    mentor_preferences: codes
                        .into_iter()
                        .zip(imps)
                        .map(|(code, importance)| Preference { code, importance })
                        .collect(),
                    ..Default::default()
                },
            )
    }

    fn arb_mentor() -> impl Strategy<Value = MentorCandidate> {
        (
            proptest::option::of(select(Industry::ALL)),
            proptest::option::of(select(CompanySize::ALL)),
            proptest::option::of(select(JobFunction::ALL)),
            proptest::option::of(select(Position::ALL)),
            subsequence(Experience::ALL, 0..=6),
            0u8..=4,
            any::<bool>(),
            0u32..=5,
        )
            .prop_map(
                |(
                    industry,
                    company_size,
                    job_function,
                    position,
                    experiences,
                    capacity,
                    accepting,
                    load,
                )| {
                    MentorCandidate {
                        mentor_id: 0,
                        industry,
                        company_size,
                        job_function,
                        position,
                        experiences,
                        capacity,
                        accepting,
                        load,
                    }
                },
            )
    }

    /// Mentors with distinct ids (in shuffled order).
    fn arb_roster() -> impl Strategy<Value = Vec<MentorCandidate>> {
        proptest::collection::vec(arb_mentor(), 0..40)
            .prop_flat_map(|ms| {
                let n = ms.len();
                (
                    Just(ms),
                    Just((0..n as i64).collect::<Vec<_>>()).prop_shuffle(),
                )
            })
            .prop_map(|(mut ms, ids)| {
                for (m, id) in ms.iter_mut().zip(ids) {
                    m.mentor_id = id * 7 - 50;
                }
                ms
            })
    }

    /// The documented order as a plain tuple (smaller is better).
    fn reference_key(r: &Ranked) -> (bool, bool, u8, f64, i64) {
        let ratio = if r.capacity == 0 {
            f64::INFINITY
        } else {
            f64::from(r.load) / f64::from(r.capacity)
        };
        (!r.eligible, !r.musts_met, 100 - r.score, ratio, r.mentor_id)
    }

    proptest! {
        #[test]
        fn rank_output_respects_the_order(intake in arb_intake(), roster in arb_roster(), limit in 0usize..50) {
            let out = rank(&intake, &roster, limit);
            prop_assert_eq!(out.len(), limit.min(roster.len()));
            for r in &out {
                prop_assert!(r.score <= 100);
                prop_assert_eq!(r.eligible, r.ineligible_because.is_none());
            }
            for w in out.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                prop_assert_eq!(rank_order(a, b), Ordering::Less);
                // The same order, computed independently with float ratios.
                prop_assert!(reference_key(a) < reference_key(b));
                // No ineligible before an eligible.
                prop_assert!(a.eligible || !b.eligible);
                // Within the same eligibility, no missing must before all musts met.
                if a.eligible == b.eligible {
                    prop_assert!(a.musts_met || !b.musts_met);
                    if a.musts_met == b.musts_met {
                        prop_assert!(a.score >= b.score);
                    }
                }
            }
        }

        #[test]
        fn rank_limit_is_a_prefix_of_the_full_sort(intake in arb_intake(), roster in arb_roster(), limit in 0usize..50) {
            let mut full: Vec<Ranked> = roster.iter().map(|m| evaluate(&intake, m)).collect();
            full.sort_by(rank_order);
            let all = rank(&intake, &roster, usize::MAX);
            prop_assert_eq!(&all, &full);
            full.truncate(limit);
            prop_assert_eq!(rank(&intake, &roster, limit), full);
        }

        #[test]
        fn evaluate_is_consistent(intake in arb_intake(), m in arb_mentor()) {
            let r = evaluate(&intake, &m);
            prop_assert!(r.score <= 100);
            prop_assert_eq!(r.eligible, can_take(m.capacity, m.load, m.accepting).is_ok());
            prop_assert_eq!(r.ineligible_because, can_take(m.capacity, m.load, m.accepting).err());
            let prefs = intake.mentor_preferences.len();
            prop_assert!(r.reasons.len() >= prefs);
            prop_assert!(r.reasons.len() <= prefs + intake.concerns.len());
            for (reason, p) in r.reasons.iter().zip(&intake.mentor_preferences) {
                prop_assert_eq!(&reason.code, p.code.as_str());
                prop_assert_eq!(reason.matched, mentor_meets(&intake, &m, p.code));
            }
            for reason in &r.reasons[prefs..] {
                prop_assert_eq!(reason.importance, ReasonImportance::Hint);
            }
            let codes: std::collections::BTreeSet<&str> = r.reasons.iter().map(|x| x.code.as_str()).collect();
            prop_assert_eq!(codes.len(), r.reasons.len());
            let all_matched = r.reasons.iter().all(|x| x.matched);
            if r.reasons.is_empty() {
                prop_assert_eq!(r.score, 50);
            } else if all_matched {
                prop_assert_eq!(r.score, 100);
            } else if r.reasons.iter().all(|x| !x.matched) {
                prop_assert_eq!(r.score, 0);
            }
            let musts = r.reasons.iter().filter(|x| x.importance == ReasonImportance::Must);
            prop_assert_eq!(r.musts_met, musts.clone().all(|x| x.matched));
        }
    }
}
