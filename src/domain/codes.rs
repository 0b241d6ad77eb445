//! The closed code lists of the API contract (`api-v1.md`, "Codes").
//!
//! Every list is an enum whose wire form is the contract's snake_case code, so
//! an unknown code can never get past deserialisation or [`parse`](AgeBand::parse).
//! Labels are not kept here: the web layer looks them up as the Fluent key
//! `"{FLUENT_PREFIX}-{code}"` (see [`Code::fluent_key`]), so translations live
//! with the other locale files.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Parsing a code string that is not in its list (for [`std::str::FromStr`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {list} code: {code:?}")]
pub struct UnknownCode {
    /// The list's Fluent prefix, e.g. `industry`.
    pub list: &'static str,
    /// The rejected input.
    pub code: String,
}

/// What every code enum offers, so validation and matching can be written once
/// for all lists. The enums also carry the same items as inherent `ALL`,
/// `as_str` and `parse`, which is what most callers want.
pub trait Code: Sized + Copy + Eq + Ord + fmt::Debug + 'static {
    /// Prefix of the Fluent label keys of this list.
    const FLUENT_PREFIX: &'static str;
    /// Every code in contract order.
    fn all() -> &'static [Self];
    /// The wire code.
    fn code(self) -> &'static str;
    /// The value for a wire code, `None` when it is not in the list.
    fn from_code(s: &str) -> Option<Self>;
    /// The Fluent key of this code's label, e.g. `industry-it_telecom`.
    fn fluent_key(self) -> String {
        format!("{}-{}", Self::FLUENT_PREFIX, self.code())
    }
}

/// Serde visitor shared by all code enums: accepts exactly the list's strings.
struct CodeVisitor<T>(PhantomData<T>, &'static [&'static str]);

impl<T: Code> Visitor<'_> for CodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} code", T::FLUENT_PREFIX)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_code(v).ok_or_else(|| E::unknown_variant(v, self.1))
    }
}

/// Declares code enums. Each entry is
/// `Name, "fluent_prefix" { Variant = "code", ... }`; the macro generates the
/// enum, `ALL`, `CODES`, `FLUENT_PREFIX`, `as_str`, `parse`, `Display`,
/// `FromStr`, serde as the code string and the [`Code`] trait.
macro_rules! codes {
    ($(
        $(#[$meta:meta])*
        $name:ident, $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $code, "`")] $variant, )+
        }

        impl $name {
            /// Every code in contract order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Every wire code in contract order (for error messages and docs).
            pub const CODES: &'static [&'static str] = &[$($code),+];
            /// Prefix of the Fluent label keys: `"{FLUENT_PREFIX}-{code}"`.
            pub const FLUENT_PREFIX: &'static str = $prefix;

            /// The snake_case code of the contract.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The value for a code; `None` for anything not in the list
            /// (exact match: no trimming, no case folding).
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The Fluent key of this code's label, e.g. `industry-it_telecom`.
            pub fn fluent_key(self) -> String {
                format!("{}-{}", $prefix, self.as_str())
            }
        }

        impl Code for $name {
            const FLUENT_PREFIX: &'static str = $prefix;
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn code(self) -> &'static str {
                self.as_str()
            }
            fn from_code(s: &str) -> Option<Self> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, UnknownCode> {
                Self::parse(s).ok_or_else(|| UnknownCode { list: $prefix, code: s.to_owned() })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(CodeVisitor::<Self>(PhantomData, Self::CODES))
            }
        }
    )+};
}

codes! {
    /// Age band of a mentee.
    AgeBand, "age_band" {
        Twenties = "20s",
        Thirties = "30s",
        Forties = "40s",
        Fifties = "50s",
        SixtiesPlus = "60s_plus",
    }

    /// Industry of a mentee's or mentor's employer.
    Industry, "industry" {
        Manufacturing = "manufacturing",
        ItTelecom = "it_telecom",
        FinanceInsurance = "finance_insurance",
        RetailWholesale = "retail_wholesale",
        TransportLogistics = "transport_logistics",
        ConstructionRealEstate = "construction_real_estate",
        MedicalWelfare = "medical_welfare",
        Education = "education",
        PublicSector = "public_sector",
        ConsultingServices = "consulting_services",
        MediaAdvertising = "media_advertising",
        EnergyInfrastructure = "energy_infrastructure",
        FoodHospitality = "food_hospitality",
        Other = "other",
    }

    /// Size or kind of employer.
    CompanySize, "company_size" {
        Large = "large",
        Sme = "sme",
        Startup = "startup",
        Public = "public",
        Nonprofit = "nonprofit",
    }

    /// Job function.
    JobFunction, "job_function" {
        Sales = "sales",
        Marketing = "marketing",
        Engineering = "engineering",
        Research = "research",
        Production = "production",
        Hr = "hr",
        FinanceAccounting = "finance_accounting",
        Legal = "legal",
        GeneralAffairs = "general_affairs",
        It = "it",
        Planning = "planning",
        CustomerService = "customer_service",
        Other = "other",
    }

    /// Position, for mentors and mentees alike.
    Position, "position" {
        Staff = "staff",
        Leader = "leader",
        Manager = "manager",
        SeniorManager = "senior_manager",
        Executive = "executive",
        Specialist = "specialist",
    }

    /// Employment form of a mentee.
    Employment, "employment" {
        FullTime = "full_time",
        ShortHours = "short_hours",
        OnLeave = "on_leave",
        Other = "other",
    }

    /// Childcare-leave situation of a mentee.
    LeaveStatus, "leave_status" {
        /// No leave taken / not applicable.
        NoLeave = "none",
        OnLeave = "on_leave",
        ReturnedWithin1y = "returned_within_1y",
        ReturnedOver1y = "returned_over_1y",
    }

    /// What the mentee wants to talk about.
    Concern, "concern" {
        ReturnFromLeave = "return_from_leave",
        ManagementOffer = "management_offer",
        PromotionExam = "promotion_exam",
        NoRoleModel = "no_role_model",
        WorkLifeBalance = "work_life_balance",
        StepUpWithoutManagement = "step_up_without_management",
        JobChange = "job_change",
        Skills = "skills",
        Leadership = "leadership",
        RelationshipsAtWork = "relationships_at_work",
        Other = "other",
    }

    /// "Mommy track" warning signs the mentee recognises.
    SelfCheck, "self_check" {
        NotInvitedToMeetings = "not_invited_to_meetings",
        FlatEvaluation = "flat_evaluation",
        MoreChores = "more_chores",
        AssistantWorkOnly = "assistant_work_only",
        ToldNotToPush = "told_not_to_push",
        LostConfidence = "lost_confidence",
    }

    /// A mentor's experiences, and the codes of a mentee's mentor preferences.
    Experience, "experience" {
        /// Preference only: compares the mentor's industry with the intake's.
        SameIndustry = "same_industry",
        /// Preference only: compares the mentor's company size with the intake's.
        SameCompanySize = "same_company_size",
        Sme = "sme",
        LargeCompany = "large_company",
        Parenting = "parenting",
        SingleParent = "single_parent",
        Single = "single",
        ReturnedAfterHomemaking = "returned_after_homemaking",
        Overseas = "overseas",
        FirstWomanManager = "first_woman_manager",
        MaleDominatedWorkplace = "male_dominated_workplace",
        Executive = "executive",
        Manager = "manager",
        Sales = "sales",
        Hr = "hr",
        Stem = "stem",
        CareerChange = "career_change",
    }

    /// When the mentee can meet.
    Availability, "availability" {
        WeekdayMorning = "weekday_morning",
        WeekdayLunch = "weekday_lunch",
        WeekdayEvening = "weekday_evening",
        Weekend = "weekend",
    }

    /// Plan length: one session or the recommended three.
    PlanKind, "plan_kind" {
        Single = "single",
        Three = "three",
    }

    /// Weight of a mentor preference.
    Importance, "importance" {
        Must = "must",
        Nice = "nice",
    }

    /// Role of a user account.
    Role, "role" {
        Mentee = "mentee",
        Mentor = "mentor",
        Coordinator = "coordinator",
    }

    /// Life cycle of an intake.
    IntakeStatus, "intake_status" {
        Draft = "draft",
        Submitted = "submitted",
        Matching = "matching",
        Matched = "matched",
        Withdrawn = "withdrawn",
    }

    /// Life cycle of a mentor assignment.
    AssignmentStatus, "assignment_status" {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        Withdrawn = "withdrawn",
    }

    /// Life cycle of a plan.
    PlanStatus, "plan_status" {
        Active = "active",
        Completed = "completed",
        Cancelled = "cancelled",
    }

    /// Life cycle of a session.
    SessionStatus, "session_status" {
        Unscheduled = "unscheduled",
        Proposed = "proposed",
        Scheduled = "scheduled",
        Held = "held",
        Cancelled = "cancelled",
    }

    /// The two people of a plan (who proposed, who acts).
    Side, "side" {
        Mentee = "mentee",
        Mentor = "mentor",
    }

    /// The one next step for whoever looks at a session.
    NextStep, "next_step" {
        ProposeTimes = "propose_times",
        ChooseTime = "choose_time",
        AwaitChoice = "await_choice",
        Attend = "attend",
        WriteSheet = "write_sheet",
        AwaitSheet = "await_sheet",
        AwaitReply = "await_reply",
        WriteReply = "write_reply",
        ReadExchange = "read_exchange",
        Nothing = "nothing",
    }

    /// Life cycle of a request for one more session.
    ExtensionStatus, "extension_status" {
        Pending = "pending",
        Approved = "approved",
        Declined = "declined",
    }

    /// Life cycle of a mentoring sheet (the `sheet_status` of a session).
    SheetStatus, "sheet_status" {
        /// Nothing written yet.
        NotStarted = "none",
        Draft = "draft",
        Submitted = "submitted",
        Replied = "replied",
    }

    /// What a stalled pair is waiting for (the coordinator's list).
    Waiting, "waiting" {
        /// A session nobody has scheduled yet.
        Scheduling = "scheduling",
        /// A held session whose sheet is not submitted.
        Sheet = "sheet",
        /// A submitted sheet without a reply.
        Reply = "reply",
    }
}

impl Experience {
    /// `same_industry` and `same_company_size` compare the mentor with the
    /// intake; they are valid mentee preferences but never a mentor experience.
    pub fn is_preference_only(self) -> bool {
        matches!(self, Self::SameIndustry | Self::SameCompanySize)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Runs the shared checks for each listed enum.
    macro_rules! check_all {
        ($($t:ty),+ $(,)?) => {$(
            check::<$t>(<$t>::ALL, <$t>::CODES, <$t>::FLUENT_PREFIX);
        )+};
    }

    fn check<T>(all: &'static [T], codes: &'static [&'static str], prefix: &str)
    where
        T: Code + fmt::Display + Serialize + for<'de> Deserialize<'de> + std::str::FromStr,
    {
        assert_eq!(all.len(), codes.len());
        assert_eq!(T::all(), all);
        assert_eq!(T::FLUENT_PREFIX, prefix);
        let unique: BTreeSet<&str> = codes.iter().copied().collect();
        assert_eq!(unique.len(), codes.len(), "{prefix}: duplicate codes");
        for (v, code) in all.iter().zip(codes) {
            assert_eq!(v.code(), *code);
            assert_eq!(T::from_code(code), Some(*v));
            assert_eq!(v.to_string(), *code);
            assert!(code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
            assert_eq!(v.fluent_key(), format!("{prefix}-{code}"));
            let json = serde_json::to_value(v).unwrap();
            assert_eq!(json, serde_json::Value::String((*code).to_owned()));
            let back: T = serde_json::from_value(json).unwrap();
            assert_eq!(back, *v);
            assert!(code.parse::<T>().is_ok());
            // Exact match only: no case folding, no trimming.
            assert_eq!(T::from_code(&code.to_uppercase()), None);
            assert_eq!(T::from_code(&format!(" {code}")), None);
        }
        for bad in ["", "unknown", "Other ", "OTHER", "null", "\u{0}"] {
            assert_eq!(T::from_code(bad), None, "{prefix}: accepted {bad:?}");
            assert!(bad.parse::<T>().is_err());
            assert!(serde_json::from_value::<T>(serde_json::json!(bad)).is_err());
        }
        assert!(serde_json::from_value::<T>(serde_json::json!(1)).is_err());
        assert!(serde_json::from_value::<T>(serde_json::json!(null)).is_err());
    }

    #[test]
    fn every_list_round_trips_and_rejects_unknown_codes() {
        check_all!(
            AgeBand,
            Industry,
            CompanySize,
            JobFunction,
            Position,
            Employment,
            LeaveStatus,
            Concern,
            SelfCheck,
            Experience,
            Availability,
            PlanKind,
            Importance,
            Role,
            IntakeStatus,
            AssignmentStatus,
            PlanStatus,
            SessionStatus,
            Side,
            NextStep,
            ExtensionStatus,
            SheetStatus,
            Waiting,
        );
    }

    #[test]
    fn contract_spellings() {
        assert_eq!(AgeBand::SixtiesPlus.as_str(), "60s_plus");
        assert_eq!(LeaveStatus::NoLeave.as_str(), "none");
        assert_eq!(Industry::ItTelecom.fluent_key(), "industry-it_telecom");
        assert_eq!(Industry::ALL.len(), 14);
        assert_eq!(JobFunction::ALL.len(), 13);
        assert_eq!(Concern::ALL.len(), 11);
        assert_eq!(Experience::ALL.len(), 17);
        assert_eq!(SessionStatus::ALL.len(), 5);
    }

    #[test]
    fn preference_only_experiences() {
        let only: Vec<Experience> = Experience::ALL
            .iter()
            .copied()
            .filter(|e| e.is_preference_only())
            .collect();
        assert_eq!(
            only,
            vec![Experience::SameIndustry, Experience::SameCompanySize]
        );
    }

    #[test]
    fn unknown_code_error_names_the_list() {
        let err = "nope".parse::<Industry>().unwrap_err();
        assert_eq!(err.to_string(), "unknown industry code: \"nope\"");
        let err = serde_json::from_str::<Industry>("\"nope\"").unwrap_err();
        assert!(err.to_string().contains("unknown variant"));
    }
}
