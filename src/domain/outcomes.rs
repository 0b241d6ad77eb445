//! The programme's outcome figures for the coordinator over a chosen period,
//! the geometry of the two charts drawn from them, and the CSV export.
//!
//! Figures (see [`Figures`]):
//! - Feedback: how many mentees sent feedback, how many gave each rating
//!   1–5, how many were satisfied (4 or 5) and how many took a positive
//!   action, with the shares of those among the feedback.
//! - Matches: how many plans were matched.
//! - Waiting times, each summarised as a [`Spread`] (count, median and 90th
//!   percentile in hours): intake → match, match → first held session,
//!   session held → sheet submitted, sheet submitted → reply.
//!
//! Inclusion rules:
//! - A period is half-open, `[from, to)`: an event exactly at `from` is in
//!   it, one exactly at `to` is not.
//! - Every measure is counted in the period in which its *ending* event
//!   falls: feedback by its `submitted_at`; intake → match by `matched_at`
//!   (only when the intake time is known); match → first session by
//!   `first_session_at`; sheet turnaround by the sheet's `submitted_at`;
//!   reply turnaround by `replied_at`. `matches` counts plans whose
//!   `matched_at` is in the period.
//! - A waiting time whose start is missing or later than its end (bad data)
//!   is skipped; a zero wait counts.
//! - A rating outside 1–5 is ignored by the rating figures (counts,
//!   satisfied, satisfaction share, whose denominator is the number of valid
//!   ratings), but the feedback still counts in `feedback_count` and in the
//!   positive-action figures.
//!
//! Statistics: durations are whole seconds / 3600 as `f64` hours. The median
//! of an even count is the mean of the two middle values; the 90th
//! percentile uses the nearest-rank method (rank = ⌈0.9·n⌉, 1-based). With no
//! values both are `None`, as are shares with no feedback.
//!
//! Charts are geometry only (a template draws the SVG); coordinates are
//! rounded to 0.1. The CSV export writes one row per plan matched or given
//! feedback in the period, starts with a UTF-8 BOM (so Excel reads Japanese
//! correctly), follows RFC 4180 with CRLF line ends, and neutralises cells
//! that a spreadsheet would read as a formula by prefixing a `'`.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

/// A half-open period, `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Period {
    /// Start (inclusive).
    pub from: DateTime<Utc>,
    /// End (exclusive).
    pub to: DateTime<Utc>,
}

impl Period {
    /// Whether `t` is in `[from, to)`.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.from <= t && t < self.to
    }
}

/// A mentee's end-of-plan feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct FeedbackFacts {
    /// Rating 1..=5; other values are ignored by the rating figures.
    pub satisfaction: u8,
    /// Whether the mentee took a positive action after the sessions.
    pub positive_action: bool,
    /// What that action was (free text).
    pub positive_action_detail: String,
    /// Free comment.
    pub comment: String,
    /// When the feedback was sent.
    pub submitted_at: DateTime<Utc>,
}

/// One plan (= one match).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct PlanFacts {
    /// The plan's id.
    pub plan_id: i32,
    /// `"single"` or `"three"`.
    pub kind: String,
    /// `"active"` or `"completed"`.
    pub status: String,
    /// When the mentee's intake was submitted, if known.
    pub intake_submitted_at: Option<DateTime<Utc>>,
    /// When the pair was matched.
    pub matched_at: DateTime<Utc>,
    /// Start of the first held session.
    pub first_session_at: Option<DateTime<Utc>>,
    /// The end-of-plan feedback, once sent.
    pub feedback: Option<FeedbackFacts>,
}

/// One session's sheet timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct SheetFacts {
    /// When the session was held.
    pub held_at: DateTime<Utc>,
    /// When the sheet was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When the sheet was replied to.
    pub replied_at: Option<DateTime<Utc>>,
}

/// Summary of waiting times, in hours.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Spread {
    /// How many waits were measured.
    pub count: usize,
    /// Median; `None` when `count` is 0.
    pub median_hours: Option<f64>,
    /// 90th percentile (nearest rank); `None` when `count` is 0.
    pub p90_hours: Option<f64>,
}

/// The outcome figures for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The period the figures are for.
    pub period: Period,
    /// Feedback sent in the period.
    pub feedback_count: usize,
    /// How many gave each rating; index 0 is rating 1.
    pub satisfaction_counts: [usize; 5],
    /// Ratings of 4 or 5.
    pub satisfied_count: usize,
    /// `satisfied_count` / valid ratings, 0.0..=1.0; `None` without ratings.
    pub satisfaction_share: Option<f64>,
    /// Feedback reporting a positive action.
    pub positive_action_count: usize,
    /// `positive_action_count` / `feedback_count`; `None` without feedback.
    pub positive_action_share: Option<f64>,
    /// Plans matched in the period.
    pub matches: usize,
    /// Intake submitted → matched.
    pub intake_to_match: Spread,
    /// Matched → first held session.
    pub match_to_first_session: Spread,
    /// Session held → sheet submitted.
    pub sheet_turnaround: Spread,
    /// Sheet submitted → replied.
    pub reply_turnaround: Spread,
}

/// Hours from `start` to `end` (whole seconds); `None` if `end` is earlier.
fn hours_between(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<f64> {
    let seconds = end.signed_duration_since(start).num_seconds();
    (seconds >= 0).then(|| seconds as f64 / 3600.0)
}

/// The wait from `start` to `end`, counted when `end` is in the period.
fn wait_ending_in(
    period: &Period,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
) -> Option<f64> {
    let end = end.filter(|e| period.contains(*e))?;
    hours_between(start?, end)
}

/// Count, median and nearest-rank 90th percentile of `hours`.
fn spread(mut hours: Vec<f64>) -> Spread {
    hours.sort_by(f64::total_cmp);
    let n = hours.len();
    let median_hours = if n == 0 {
        None
    } else if n % 2 == 1 {
        hours.get(n / 2).copied()
    } else {
        match (hours.get(n / 2 - 1), hours.get(n / 2)) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            _ => None,
        }
    };
    // ⌈0.9·n⌉ in integers, so no float rounding can move the rank.
    let rank = (9 * n).div_ceil(10);
    let p90_hours = rank.checked_sub(1).and_then(|i| hours.get(i)).copied();
    Spread {
        count: n,
        median_hours,
        p90_hours,
    }
}

/// `part / whole`, or `None` when `whole` is 0.
fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Most days one period may span.
pub const MAX_PERIOD_DAYS: i64 = 3660;
/// Days in the default period (ending today).
pub const DEFAULT_PERIOD_DAYS: i64 = 90;

/// The period a coordinator asked for: `from` and `to` are calendar days
/// (`YYYY-MM-DD`, both included) in her time zone; without them, the last
/// [`DEFAULT_PERIOD_DAYS`] days up to `today`. Answers the period and the two
/// days as given.
pub fn parse_period(
    from: Option<&str>,
    to: Option<&str>,
    tz: chrono_tz::Tz,
    today: chrono::NaiveDate,
) -> Result<(Period, chrono::NaiveDate, chrono::NaiveDate), super::FieldErrors> {
    use chrono::{Duration, NaiveDate, TimeZone};
    let mut errors = super::FieldErrors::new();
    let mut day = |name: &str, raw: Option<&str>| match raw.map(str::trim).filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|d| s.len() == 10 && (2000..=2100).contains(&chrono::Datelike::year(d)))
            .or_else(|| {
                super::push_error(&mut errors, name, "invalid_date");
                None
            }),
    };
    let (f, t) = (day("from", from), day("to", to));
    if !errors.is_empty() {
        return Err(errors);
    }
    let to_day = t.unwrap_or(today);
    let Some(from_day) =
        f.or_else(|| to_day.checked_sub_signed(Duration::days(DEFAULT_PERIOD_DAYS - 1)))
    else {
        super::push_error(&mut errors, "from", "out_of_range");
        return Err(errors);
    };
    if from_day > to_day || (to_day - from_day).num_days() >= MAX_PERIOD_DAYS {
        super::push_error(&mut errors, "from", "out_of_range");
        return Err(errors);
    }
    let start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|n| tz.from_local_datetime(&n).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    match (start(from_day), to_day.succ_opt().and_then(start)) {
        (Some(from), Some(to)) => Ok((Period { from, to }, from_day, to_day)),
        _ => {
            super::push_error(&mut errors, "from", "out_of_range");
            Err(errors)
        }
    }
}

/// The outcome figures for `period` (see the module docs for the rules).
pub fn figures(period: &Period, plans: &[PlanFacts], sheets: &[SheetFacts]) -> Figures {
    let mut feedback_count = 0;
    let mut satisfaction_counts = [0usize; 5];
    let mut positive_action_count = 0;
    let mut matches = 0;
    let mut intake_to_match = Vec::new();
    let mut match_to_first_session = Vec::new();

    for plan in plans {
        if let Some(fb) = plan
            .feedback
            .as_ref()
            .filter(|fb| period.contains(fb.submitted_at))
        {
            feedback_count += 1;
            if fb.positive_action {
                positive_action_count += 1;
            }
            if let Some(count) = usize::from(fb.satisfaction)
                .checked_sub(1)
                .and_then(|i| satisfaction_counts.get_mut(i))
            {
                *count += 1;
            }
        }
        if period.contains(plan.matched_at) {
            matches += 1;
        }
        intake_to_match.extend(wait_ending_in(
            period,
            plan.intake_submitted_at,
            Some(plan.matched_at),
        ));
        match_to_first_session.extend(wait_ending_in(
            period,
            Some(plan.matched_at),
            plan.first_session_at,
        ));
    }

    let sheet_turnaround = sheets
        .iter()
        .filter_map(|s| wait_ending_in(period, Some(s.held_at), s.submitted_at))
        .collect();
    let reply_turnaround = sheets
        .iter()
        .filter_map(|s| wait_ending_in(period, s.submitted_at, s.replied_at))
        .collect();

    let rated: usize = satisfaction_counts.iter().sum();
    let satisfied_count = satisfaction_counts.iter().skip(3).sum();
    Figures {
        period: *period,
        feedback_count,
        satisfaction_counts,
        satisfied_count,
        satisfaction_share: share(satisfied_count, rated),
        positive_action_count,
        positive_action_share: share(positive_action_count, feedback_count),
        matches,
        intake_to_match: spread(intake_to_match),
        match_to_first_session: spread(match_to_first_session),
        sheet_turnaround: spread(sheet_turnaround),
        reply_turnaround: spread(reply_turnaround),
    }
}

/// A share as a whole percent (rounded to nearest, clamped to 0..=100).
pub fn percent(share: Option<f64>) -> Option<u32> {
    let share = share.filter(|s| s.is_finite())?;
    Some((share * 100.0).round().clamp(0.0, 100.0) as u32)
}

/// Hours as days, rounded to one decimal place.
pub fn days(hours: Option<f64>) -> Option<f64> {
    hours.filter(|h| h.is_finite()).map(|h| round1(h / 24.0))
}

/// Round to one decimal place.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// One bar of a chart, in the chart's viewBox coordinates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// What the bar stands for (a rating or a measure's name).
    pub key: String,
    /// The value drawn.
    pub value: f64,
    /// The value as text for the label.
    pub label: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// A bar chart's geometry: the viewBox is `0 0 width height`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// viewBox width.
    pub width: f64,
    /// viewBox height.
    pub height: f64,
    /// The bars, in display order.
    pub bars: Vec<Bar>,
    /// The value a full-length bar stands for (at least 1).
    pub max: f64,
}

/// Satisfaction chart: viewBox width.
pub const SATISFACTION_WIDTH: f64 = 320.0;
/// Satisfaction chart: viewBox height.
pub const SATISFACTION_HEIGHT: f64 = 160.0;
/// Satisfaction chart: room above the bars for the value labels.
pub const SATISFACTION_TOP: f64 = 16.0;
/// Satisfaction chart: room below the bars for the rating labels.
pub const SATISFACTION_BOTTOM: f64 = 24.0;
/// Satisfaction chart: gap between neighbouring bars (half at each end).
pub const SATISFACTION_GAP: f64 = 16.0;

/// Vertical bars for ratings 1–5 (keys `"1"`..`"5"`), height proportional to
/// the count; the largest count fills the space between the margins.
pub fn satisfaction_chart(f: &Figures) -> Chart {
    let max = f
        .satisfaction_counts
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let plot_height = SATISFACTION_HEIGHT - SATISFACTION_TOP - SATISFACTION_BOTTOM;
    let slot = SATISFACTION_WIDTH / f.satisfaction_counts.len() as f64;
    let bars = f
        .satisfaction_counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let height = count as f64 / max * plot_height;
            Bar {
                key: (i + 1).to_string(),
                value: count as f64,
                label: count.to_string(),
                x: round1(i as f64 * slot + SATISFACTION_GAP / 2.0),
                y: round1(SATISFACTION_TOP + plot_height - height),
                width: round1(slot - SATISFACTION_GAP),
                height: round1(height),
            }
        })
        .collect();
    Chart {
        width: SATISFACTION_WIDTH,
        height: SATISFACTION_HEIGHT,
        bars,
        max,
    }
}

/// Waiting chart: viewBox width.
pub const WAITING_WIDTH: f64 = 320.0;
/// Waiting chart: height of one row (one measure).
pub const WAITING_ROW: f64 = 28.0;
/// Waiting chart: thickness of a bar within its row (centred).
pub const WAITING_BAR: f64 = 20.0;
/// Waiting chart: room right of the longest bar for the value label.
pub const WAITING_RIGHT: f64 = 48.0;

/// Horizontal bars, one per waiting time (keys `"intake_to_match"`,
/// `"match_to_first_session"`, `"sheet_turnaround"`, `"reply_turnaround"`),
/// value = median in days (0 when none), label the days with one decimal or
/// `"–"`. Bars start at x = 0; the longest ends `WAITING_RIGHT` short of the
/// right edge.
pub fn waiting_chart(f: &Figures) -> Chart {
    let measures = [
        ("intake_to_match", &f.intake_to_match),
        ("match_to_first_session", &f.match_to_first_session),
        ("sheet_turnaround", &f.sheet_turnaround),
        ("reply_turnaround", &f.reply_turnaround),
    ];
    let medians = measures.map(|(key, s)| (key, days(s.median_hours)));
    let max = medians
        .iter()
        .filter_map(|(_, d)| *d)
        .fold(1.0_f64, f64::max);
    let plot_width = WAITING_WIDTH - WAITING_RIGHT;
    let bars = medians
        .iter()
        .enumerate()
        .map(|(i, (key, d))| {
            let value = d.unwrap_or(0.0);
            Bar {
                key: (*key).to_string(),
                value,
                label: d.map_or_else(|| "–".to_string(), |d| format!("{d:.1}")),
                x: 0.0,
                y: round1(i as f64 * WAITING_ROW + (WAITING_ROW - WAITING_BAR) / 2.0),
                width: round1(value / max * plot_width),
                height: WAITING_BAR,
            }
        })
        .collect();
    Chart {
        width: WAITING_WIDTH,
        height: measures.len() as f64 * WAITING_ROW,
        bars,
        max,
    }
}

/// The CSV export's header row.
pub const PLAN_HEADER: [&str; 13] = [
    "plan_id",
    "kind",
    "status",
    "intake_submitted_at",
    "matched_at",
    "first_session_at",
    "intake_to_match_days",
    "match_to_first_session_days",
    "satisfaction",
    "positive_action",
    "positive_action_detail",
    "feedback_comment",
    "feedback_submitted_at",
];

/// RFC 3339 in UTC with `Z`, whole seconds.
fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The wait from `start` to `end` in days with one decimal, or empty.
fn days_cell(start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => days(hours_between(s, e))
            .map(|d| format!("{d:.1}"))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The export rows: [`PLAN_HEADER`], then one row per plan matched or given
/// feedback in the period, by `plan_id`. Empty cells for missing values (and
/// for negative waits).
pub fn plan_rows(period: &Period, plans: &[PlanFacts]) -> Vec<Vec<String>> {
    let mut chosen: Vec<&PlanFacts> = plans
        .iter()
        .filter(|p| {
            period.contains(p.matched_at)
                || p.feedback
                    .as_ref()
                    .is_some_and(|fb| period.contains(fb.submitted_at))
        })
        .collect();
    chosen.sort_by_key(|p| p.plan_id);

    let header = PLAN_HEADER.iter().map(|h| (*h).to_string()).collect();
    let rows = chosen.into_iter().map(|p| {
        let fb = p.feedback.as_ref();
        let opt_time = |t: Option<DateTime<Utc>>| t.map(timestamp).unwrap_or_default();
        vec![
            p.plan_id.to_string(),
            p.kind.clone(),
            p.status.clone(),
            opt_time(p.intake_submitted_at),
            timestamp(p.matched_at),
            opt_time(p.first_session_at),
            days_cell(p.intake_submitted_at, Some(p.matched_at)),
            days_cell(Some(p.matched_at), p.first_session_at),
            fb.map(|f| f.satisfaction.to_string()).unwrap_or_default(),
            fb.map(|f| if f.positive_action { "yes" } else { "no" })
                .unwrap_or_default()
                .to_string(),
            fb.map(|f| f.positive_action_detail.clone())
                .unwrap_or_default(),
            fb.map(|f| f.comment.clone()).unwrap_or_default(),
            opt_time(fb.map(|f| f.submitted_at)),
        ]
    });
    std::iter::once(header).chain(rows).collect()
}

/// Characters that make a spreadsheet read a cell as a formula when first.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// One cell: `'`-prefixed if it could start a formula, then quoted (with
/// `"` doubled) if it holds `,` `"` CR or LF.
fn csv_cell(cell: &str) -> String {
    let mut text = String::with_capacity(cell.len() + 1);
    if cell.starts_with(FORMULA_STARTS) {
        text.push('\'');
    }
    text.push_str(cell);
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Rows as CSV text: a UTF-8 BOM, then RFC 4180 records ending in CRLF, with
/// formula-like cells neutralised (see [`FORMULA_STARTS`]).
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    #[test]
    fn a_period_is_whole_days_in_tokyo_and_defaults_to_the_last_ninety() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let tz = chrono_tz::Asia::Tokyo;
        let (p, f, t) = parse_period(Some("2026-04-01"), Some("2026-04-30"), tz, today).unwrap();
        assert_eq!(p.from.to_rfc3339(), "2026-03-31T15:00:00+00:00");
        assert_eq!(p.to.to_rfc3339(), "2026-04-30T15:00:00+00:00");
        assert_eq!(
            (f.to_string(), t.to_string()),
            ("2026-04-01".into(), "2026-04-30".into())
        );
        let (p, f, _) = parse_period(None, None, tz, today).unwrap();
        assert_eq!(f.to_string(), "2026-08-24");
        assert_eq!((p.to - p.from).num_days(), 90);
        assert!(parse_period(Some("2026-13-01"), None, tz, today)
            .unwrap_err()
            .contains_key("from"));
        assert!(parse_period(Some("2026-05-01"), Some("2026-04-01"), tz, today).is_err());
        assert!(parse_period(Some("1990-01-01"), Some("2026-04-01"), tz, today).is_err());
        for bad in [
            "-262143-01-05",
            "+2026-01-01",
            "5000-01-01",
            "1999-12-31",
            "2026-1-01",
        ] {
            assert!(parse_period(None, Some(bad), tz, today).is_err(), "{bad}");
        }
    }

    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// April to June 2025.
    fn quarter() -> Period {
        Period {
            from: t("2025-04-01T00:00:00Z"),
            to: t("2025-07-01T00:00:00Z"),
        }
    }

    fn feedback(satisfaction: u8, positive: bool, at: &str) -> Option<FeedbackFacts> {
        Some(FeedbackFacts {
            satisfaction,
            positive_action: positive,
            positive_action_detail: if positive {
                "上司に相談した".into()
            } else {
                String::new()
            },
            comment: "ありがとうございました".into(),
            submitted_at: t(at),
        })
    }

    fn plan(
        id: i32,
        intake: Option<&str>,
        matched: &str,
        first: Option<&str>,
        fb: Option<FeedbackFacts>,
    ) -> PlanFacts {
        PlanFacts {
            plan_id: id,
            kind: if id % 2 == 0 { "three" } else { "single" }.into(),
            status: if fb.is_some() { "completed" } else { "active" }.into(),
            intake_submitted_at: intake.map(t),
            matched_at: t(matched),
            first_session_at: first.map(t),
            feedback: fb,
        }
    }

    /// Hand-computed expectations for `quarter()` are in the comments.
    fn plans() -> Vec<PlanFacts> {
        vec![
            // Matched exactly at `from` (in): intake→match 48 h, →first 48 h.
            plan(
                1,
                Some("2025-03-30T00:00:00Z"),
                "2025-04-01T00:00:00Z",
                Some("2025-04-03T00:00:00Z"),
                feedback(5, true, "2025-04-10T00:00:00Z"),
            ),
            // intake→match 24 h, →first 84 h.
            plan(
                2,
                Some("2025-04-01T00:00:00Z"),
                "2025-04-02T00:00:00Z",
                Some("2025-04-05T12:00:00Z"),
                feedback(4, true, "2025-05-01T00:00:00Z"),
            ),
            // intake→match 120 h, →first 24 h.
            plan(
                3,
                Some("2025-04-10T00:00:00Z"),
                "2025-04-15T00:00:00Z",
                Some("2025-04-16T00:00:00Z"),
                feedback(3, false, "2025-05-02T00:00:00Z"),
            ),
            // No intake time; →first 240 h; feedback one second before `to`.
            plan(
                4,
                None,
                "2025-05-01T00:00:00Z",
                Some("2025-05-11T00:00:00Z"),
                feedback(5, true, "2025-06-30T23:59:59Z"),
            ),
            // Matched before the period (neither a match nor intake→match
            // here), but the first session (→first 750 h) and feedback are in.
            plan(
                5,
                Some("2025-02-27T00:00:00Z"),
                "2025-03-01T00:00:00Z",
                Some("2025-04-01T06:00:00Z"),
                feedback(2, true, "2025-04-20T00:00:00Z"),
            ),
            // Matched exactly at `to` (out).
            plan(
                6,
                Some("2025-06-29T00:00:00Z"),
                "2025-07-01T00:00:00Z",
                None,
                None,
            ),
            // Bad data: intake after the match, first session before it (both
            // skipped); feedback exactly at `to` (out). The match counts.
            plan(
                7,
                Some("2025-05-10T00:00:00Z"),
                "2025-05-05T00:00:00Z",
                Some("2025-05-01T00:00:00Z"),
                feedback(1, true, "2025-07-01T00:00:00Z"),
            ),
            // Matched, nothing else yet.
            plan(8, None, "2025-06-15T00:00:00Z", None, None),
        ]
    }

    fn sheet(held: &str, submitted: Option<&str>, replied: Option<&str>) -> SheetFacts {
        SheetFacts {
            held_at: t(held),
            submitted_at: submitted.map(t),
            replied_at: replied.map(t),
        }
    }

    fn sheets() -> Vec<SheetFacts> {
        vec![
            // sheet 2 h, reply 24 h
            sheet(
                "2025-04-01T10:00:00Z",
                Some("2025-04-01T12:00:00Z"),
                Some("2025-04-02T12:00:00Z"),
            ),
            // sheet 24 h, reply 6 h
            sheet(
                "2025-04-05T10:00:00Z",
                Some("2025-04-06T10:00:00Z"),
                Some("2025-04-06T16:00:00Z"),
            ),
            // sheet 72 h, no reply yet
            sheet("2025-04-10T00:00:00Z", Some("2025-04-13T00:00:00Z"), None),
            // not submitted yet
            sheet("2025-05-01T00:00:00Z", None, None),
            // submitted exactly at `from` (in): sheet 24 h, reply 48 h
            sheet(
                "2025-03-31T00:00:00Z",
                Some("2025-04-01T00:00:00Z"),
                Some("2025-04-03T00:00:00Z"),
            ),
            // submitted exactly at `to` (out), replied after (out)
            sheet(
                "2025-06-30T00:00:00Z",
                Some("2025-07-01T00:00:00Z"),
                Some("2025-07-02T00:00:00Z"),
            ),
            // sheet 4 h; reply before submission (bad data, skipped)
            sheet(
                "2025-06-01T00:00:00Z",
                Some("2025-06-01T04:00:00Z"),
                Some("2025-05-31T00:00:00Z"),
            ),
            // submitted before the period, replied in it: reply 720 h
            sheet(
                "2025-03-01T00:00:00Z",
                Some("2025-03-02T00:00:00Z"),
                Some("2025-04-01T00:00:00Z"),
            ),
        ]
    }

    fn fixture_figures() -> Figures {
        figures(&quarter(), &plans(), &sheets())
    }

    #[test]
    fn a_period_includes_its_start_and_excludes_its_end() {
        let p = quarter();
        assert!(p.contains(t("2025-04-01T00:00:00Z")));
        assert!(p.contains(t("2025-06-30T23:59:59Z")));
        assert!(!p.contains(t("2025-07-01T00:00:00Z")));
        assert!(!p.contains(t("2025-03-31T23:59:59Z")));
    }

    #[test]
    fn feedback_is_counted_by_when_it_was_submitted() {
        let f = fixture_figures();
        // Ratings 5, 4, 3, 5, 2; plan 7's rating 1 at `to` is out.
        assert_eq!(f.feedback_count, 5);
        assert_eq!(f.satisfaction_counts, [0, 1, 1, 1, 2]);
        assert_eq!(f.satisfied_count, 3);
        assert_eq!(f.satisfaction_share, Some(0.6));
        assert_eq!(percent(f.satisfaction_share), Some(60));
        assert_eq!(f.positive_action_count, 4);
        assert_eq!(f.positive_action_share, Some(0.8));
        assert_eq!(percent(f.positive_action_share), Some(80));
    }

    #[test]
    fn matches_count_plans_matched_in_the_period() {
        // Plans 1 (at `from`), 2, 3, 4, 7, 8; not 5 (before) or 6 (at `to`).
        assert_eq!(fixture_figures().matches, 6);
    }

    #[test]
    fn intake_to_match_uses_plans_matched_in_the_period_with_a_known_intake() {
        // 48, 24, 120 → sorted 24, 48, 120; p90 rank ⌈2.7⌉ = 3.
        let s = fixture_figures().intake_to_match;
        assert_eq!(
            s,
            Spread {
                count: 3,
                median_hours: Some(48.0),
                p90_hours: Some(120.0),
            }
        );
    }

    #[test]
    fn match_to_first_session_is_counted_by_the_first_session() {
        // 48, 84, 24, 240, 750 (plan 5, matched before the period).
        let s = fixture_figures().match_to_first_session;
        assert_eq!(
            s,
            Spread {
                count: 5,
                median_hours: Some(84.0),
                p90_hours: Some(750.0),
            }
        );
    }

    #[test]
    fn sheet_turnaround_is_counted_by_submission() {
        // 2, 24, 72, 24, 4 → sorted 2, 4, 24, 24, 72.
        let s = fixture_figures().sheet_turnaround;
        assert_eq!(
            s,
            Spread {
                count: 5,
                median_hours: Some(24.0),
                p90_hours: Some(72.0),
            }
        );
    }

    #[test]
    fn reply_turnaround_is_counted_by_reply_and_an_even_count_takes_the_middle_mean() {
        // 24, 6, 48, 720 → sorted 6, 24, 48, 720; median (24+48)/2; p90 rank 4.
        let s = fixture_figures().reply_turnaround;
        assert_eq!(
            s,
            Spread {
                count: 4,
                median_hours: Some(36.0),
                p90_hours: Some(720.0),
            }
        );
    }

    #[test]
    fn an_empty_input_gives_zero_counts_and_no_shares_or_medians() {
        let f = figures(&quarter(), &[], &[]);
        assert_eq!(f.period, quarter());
        assert_eq!(f.feedback_count, 0);
        assert_eq!(f.satisfaction_counts, [0; 5]);
        assert_eq!(f.satisfied_count, 0);
        assert_eq!(f.satisfaction_share, None);
        assert_eq!(f.positive_action_count, 0);
        assert_eq!(f.positive_action_share, None);
        assert_eq!(f.matches, 0);
        for s in [
            &f.intake_to_match,
            &f.match_to_first_session,
            &f.sheet_turnaround,
            &f.reply_turnaround,
        ] {
            assert_eq!(*s, Spread::default());
        }
        assert_eq!(percent(f.satisfaction_share), None);
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["satisfaction_share"], serde_json::Value::Null);
        assert_eq!(
            json["intake_to_match"]["median_hours"],
            serde_json::Value::Null
        );
        assert_eq!(json["period"]["from"], "2025-04-01T00:00:00Z");
    }

    #[test]
    fn a_rating_outside_one_to_five_is_ignored_but_the_feedback_counts() {
        let plans = vec![
            plan(
                1,
                None,
                "2025-04-02T00:00:00Z",
                None,
                feedback(0, true, "2025-04-03T00:00:00Z"),
            ),
            plan(
                2,
                None,
                "2025-04-02T00:00:00Z",
                None,
                feedback(9, false, "2025-04-03T00:00:00Z"),
            ),
            plan(
                3,
                None,
                "2025-04-02T00:00:00Z",
                None,
                feedback(4, false, "2025-04-03T00:00:00Z"),
            ),
        ];
        let f = figures(&quarter(), &plans, &[]);
        assert_eq!(f.feedback_count, 3);
        assert_eq!(f.satisfaction_counts, [0, 0, 0, 1, 0]);
        assert_eq!(f.satisfaction_share, Some(1.0));
        assert_eq!(f.positive_action_count, 1);
        assert_eq!(percent(f.positive_action_share), Some(33));
        // Only invalid ratings: no share rather than a division by zero.
        let f = figures(&quarter(), &plans[..1], &[]);
        assert_eq!(f.satisfaction_share, None);
        assert_eq!(f.positive_action_share, Some(1.0));
    }

    #[test]
    fn a_zero_wait_counts_and_a_negative_one_is_skipped() {
        let sheets = [
            sheet("2025-04-02T00:00:00Z", Some("2025-04-02T00:00:00Z"), None),
            sheet("2025-04-03T00:00:00Z", Some("2025-04-02T00:00:00Z"), None),
        ];
        let f = figures(&quarter(), &[], &sheets);
        assert_eq!(f.sheet_turnaround.count, 1);
        assert_eq!(f.sheet_turnaround.median_hours, Some(0.0));
    }

    #[test]
    fn one_value_is_its_own_median_and_p90() {
        let s = spread(vec![7.5]);
        assert_eq!(
            (s.count, s.median_hours, s.p90_hours),
            (1, Some(7.5), Some(7.5))
        );
    }

    #[test]
    fn p90_takes_the_nearest_rank() {
        // n = 10 → rank 9; n = 11 → rank ⌈9.9⌉ = 10; n = 20 → rank 18.
        let ten: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        let s = spread(ten);
        assert_eq!((s.median_hours, s.p90_hours), (Some(5.5), Some(9.0)));
        let s = spread((1..=11).map(f64::from).collect());
        assert_eq!((s.median_hours, s.p90_hours), (Some(6.0), Some(10.0)));
        let s = spread((1..=20).map(f64::from).collect());
        assert_eq!(s.p90_hours, Some(18.0));
        let s = spread(vec![3.0, 1.0]);
        assert_eq!((s.median_hours, s.p90_hours), (Some(2.0), Some(3.0)));
    }

    #[test]
    fn durations_are_hours_from_seconds() {
        let a = t("2025-04-01T00:00:00Z");
        assert_eq!(hours_between(a, t("2025-04-01T01:30:00Z")), Some(1.5));
        assert_eq!(hours_between(a, t("2025-04-01T00:00:36Z")), Some(0.01));
        assert_eq!(hours_between(a, t("2025-03-31T23:59:59Z")), None);
    }

    #[test]
    fn percent_rounds_to_the_nearest_whole_percent() {
        assert_eq!(percent(Some(0.6)), Some(60));
        assert_eq!(percent(Some(2.0 / 3.0)), Some(67));
        assert_eq!(percent(Some(0.125)), Some(13));
        assert_eq!(percent(Some(0.004)), Some(0));
        assert_eq!(percent(Some(1.0)), Some(100));
        assert_eq!(percent(Some(f64::NAN)), None);
        assert_eq!(percent(None), None);
    }

    #[test]
    fn days_are_hours_over_twenty_four_with_one_decimal() {
        assert_eq!(days(Some(36.0)), Some(1.5));
        assert_eq!(days(Some(84.0)), Some(3.5));
        assert_eq!(days(Some(50.0)), Some(2.1));
        assert_eq!(days(Some(1.0)), Some(0.0));
        assert_eq!(days(None), None);
    }

    #[test]
    fn satisfaction_bars_are_proportional_and_the_largest_fills_the_height() {
        let c = satisfaction_chart(&fixture_figures());
        assert_eq!((c.width, c.height, c.max), (320.0, 160.0, 2.0));
        let keys: Vec<&str> = c.bars.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["1", "2", "3", "4", "5"]);
        let labels: Vec<&str> = c.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["0", "1", "1", "1", "2"]);
        let xs: Vec<f64> = c.bars.iter().map(|b| b.x).collect();
        assert_eq!(xs, [8.0, 72.0, 136.0, 200.0, 264.0]);
        let heights: Vec<f64> = c.bars.iter().map(|b| b.height).collect();
        assert_eq!(heights, [0.0, 60.0, 60.0, 60.0, 120.0]);
        for b in &c.bars {
            assert_eq!(b.width, 48.0);
            // Every bar stands on the same baseline, above the axis labels.
            assert_eq!(b.y + b.height, 136.0);
        }
        // The largest bar reaches the top margin.
        assert_eq!(c.bars[4].y, 16.0);
        assert_eq!(c.bars[4].value, 2.0);
    }

    #[test]
    fn satisfaction_bar_coordinates_are_rounded_to_a_tenth() {
        let mut f = figures(&quarter(), &[], &[]);
        f.satisfaction_counts = [1, 0, 0, 0, 7];
        let c = satisfaction_chart(&f);
        // 1/7 × 120 = 17.142…
        assert_eq!(c.bars[0].height, 17.1);
        assert_eq!(c.bars[0].y, 118.9);
        assert_eq!(c.bars[4].height, 120.0);
    }

    #[test]
    fn an_empty_satisfaction_chart_has_flat_bars_and_no_nan() {
        let c = satisfaction_chart(&figures(&quarter(), &[], &[]));
        assert_eq!(c.max, 1.0);
        for b in &c.bars {
            assert_eq!((b.height, b.y, b.value), (0.0, 136.0, 0.0));
            assert_eq!(b.label, "0");
            assert!([b.x, b.y, b.width, b.height].iter().all(|v| v.is_finite()));
        }
    }

    #[test]
    fn waiting_bars_are_median_days_and_the_longest_fills_the_width() {
        let c = waiting_chart(&fixture_figures());
        // Medians: 48 h, 84 h, 24 h, 36 h → 2.0, 3.5, 1.0, 1.5 days.
        assert_eq!((c.width, c.height, c.max), (320.0, 112.0, 3.5));
        let keys: Vec<&str> = c.bars.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "intake_to_match",
                "match_to_first_session",
                "sheet_turnaround",
                "reply_turnaround"
            ]
        );
        let values: Vec<f64> = c.bars.iter().map(|b| b.value).collect();
        assert_eq!(values, [2.0, 3.5, 1.0, 1.5]);
        let labels: Vec<&str> = c.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["2.0", "3.5", "1.0", "1.5"]);
        // 2/3.5 × 272 = 155.43…, 1/3.5 × 272 = 77.71…, 1.5/3.5 × 272 = 116.57…
        let widths: Vec<f64> = c.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, [155.4, 272.0, 77.7, 116.6]);
        let ys: Vec<f64> = c.bars.iter().map(|b| b.y).collect();
        assert_eq!(ys, [4.0, 32.0, 60.0, 88.0]);
        for b in &c.bars {
            assert_eq!((b.x, b.height), (0.0, 20.0));
            assert!(b.x + b.width <= c.width - WAITING_RIGHT);
        }
    }

    #[test]
    fn waits_under_a_day_are_drawn_against_one_day() {
        let mut f = figures(&quarter(), &[], &[]);
        f.sheet_turnaround = spread(vec![12.0]);
        let c = waiting_chart(&f);
        assert_eq!(c.max, 1.0);
        assert_eq!(c.bars[2].width, 136.0);
        assert_eq!(c.bars[2].label, "0.5");
    }

    #[test]
    fn an_empty_waiting_chart_has_zero_width_bars_and_dashes() {
        let c = waiting_chart(&figures(&quarter(), &[], &[]));
        assert_eq!(c.max, 1.0);
        assert_eq!(c.bars.len(), 4);
        for b in &c.bars {
            assert_eq!((b.value, b.width), (0.0, 0.0));
            assert_eq!(b.label, "–");
            assert!([b.x, b.y, b.width, b.height].iter().all(|v| v.is_finite()));
        }
    }

    #[test]
    fn plan_rows_hold_plans_matched_or_given_feedback_in_the_period_by_id() {
        let mut input = plans();
        input.reverse();
        let rows = plan_rows(&quarter(), &input);
        assert_eq!(rows[0], PLAN_HEADER.map(String::from));
        let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "7", "8"]);
        assert!(rows.iter().all(|r| r.len() == PLAN_HEADER.len()));
    }

    #[test]
    fn a_plan_row_formats_times_days_and_feedback() {
        let rows = plan_rows(&quarter(), &plans());
        assert_eq!(
            rows[2],
            [
                "2",
                "three",
                "completed",
                "2025-04-01T00:00:00Z",
                "2025-04-02T00:00:00Z",
                "2025-04-05T12:00:00Z",
                "1.0",
                "3.5",
                "4",
                "yes",
                "上司に相談した",
                "ありがとうございました",
                "2025-05-01T00:00:00Z",
            ]
        );
        // Plan 3: no positive action.
        assert_eq!(rows[3][9], "no");
        assert_eq!(rows[3][10], "");
    }

    #[test]
    fn missing_values_and_negative_waits_leave_cells_empty() {
        let rows = plan_rows(&quarter(), &plans());
        // Plan 7: intake after the match, first session before it.
        let seven = &rows[6];
        assert_eq!(seven[0], "7");
        assert_eq!((seven[6].as_str(), seven[7].as_str()), ("", ""));
        assert_eq!(seven[12], "2025-07-01T00:00:00Z");
        // Plan 8: no intake time, no session, no feedback.
        assert_eq!(
            rows[7],
            [
                "8",
                "three",
                "active",
                "",
                "2025-06-15T00:00:00Z",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        );
    }

    #[test]
    fn an_empty_export_is_only_the_header() {
        let rows = plan_rows(&quarter(), &[]);
        assert_eq!(rows.len(), 1);
        let csv = to_csv(&rows);
        assert!(csv.starts_with("\u{feff}plan_id,kind,status,"));
        assert!(csv.ends_with("feedback_submitted_at\r\n"));
    }

    fn one_cell(cell: &str) -> String {
        to_csv(&[vec![cell.to_string()]])
    }

    #[test]
    fn csv_starts_with_a_bom_and_ends_lines_with_crlf() {
        let rows = vec![
            vec!["a".to_string(), "b".to_string()],
            vec!["1".to_string(), String::new()],
        ];
        assert_eq!(to_csv(&rows), "\u{feff}a,b\r\n1,\r\n");
        assert_eq!(to_csv(&[]), "\u{feff}");
    }

    #[test]
    fn a_normal_cell_is_untouched() {
        assert_eq!(one_cell("plain text 42"), "\u{feff}plain text 42\r\n");
        assert_eq!(one_cell("3.5"), "\u{feff}3.5\r\n");
        assert_eq!(one_cell("a-b=c+d@e"), "\u{feff}a-b=c+d@e\r\n");
    }

    #[test]
    fn japanese_text_is_unchanged() {
        assert_eq!(one_cell("上司に相談した"), "\u{feff}上司に相談した\r\n");
    }

    #[test]
    fn quotes_commas_and_newlines_are_quoted_with_quotes_doubled() {
        assert_eq!(one_cell("a,b"), "\u{feff}\"a,b\"\r\n");
        assert_eq!(one_cell("say \"hi\""), "\u{feff}\"say \"\"hi\"\"\"\r\n");
        assert_eq!(one_cell("line1\nline2"), "\u{feff}\"line1\nline2\"\r\n");
        assert_eq!(one_cell("line1\r\nline2"), "\u{feff}\"line1\r\nline2\"\r\n");
    }

    #[test]
    fn formula_like_cells_get_a_leading_quote_before_csv_quoting() {
        assert_eq!(
            one_cell("=HYPERLINK(\"http://x.example\",\"click\")"),
            "\u{feff}\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"\r\n"
        );
        assert_eq!(one_cell("+1"), "\u{feff}'+1\r\n");
        assert_eq!(one_cell("-2"), "\u{feff}'-2\r\n");
        assert_eq!(one_cell("@SUM(A1:A2)"), "\u{feff}'@SUM(A1:A2)\r\n");
        assert_eq!(one_cell("\tcmd"), "\u{feff}'\tcmd\r\n");
        assert_eq!(one_cell("\rcmd"), "\u{feff}\"'\rcmd\"\r\n");
    }

    #[test]
    fn full_width_formula_characters_are_neutralised_too() {
        assert_eq!(one_cell("＝1+1"), "\u{feff}'＝1+1\r\n");
        assert_eq!(one_cell("＋1"), "\u{feff}'＋1\r\n");
        assert_eq!(one_cell("－2"), "\u{feff}'－2\r\n");
        assert_eq!(one_cell("＠SUM"), "\u{feff}'＠SUM\r\n");
    }

    #[test]
    fn exported_feedback_text_is_neutralised_in_the_csv() {
        let mut p = plan(
            1,
            None,
            "2025-04-02T00:00:00Z",
            None,
            feedback(5, true, "2025-04-03T00:00:00Z"),
        );
        if let Some(fb) = p.feedback.as_mut() {
            fb.comment = "=1+2, \"really\"".into();
        }
        let csv = to_csv(&plan_rows(&quarter(), &[p]));
        let line = csv.split("\r\n").nth(1).unwrap();
        assert!(line.ends_with(",上司に相談した,\"'=1+2, \"\"really\"\"\",2025-04-03T00:00:00Z"));
    }
}
