//! Busy times from a user's own calendar file (an `.ics` export).
//!
//! The text is read with the `ical` crate's parser; only times are used,
//! never titles or attendees.
//!
//! Rules:
//! - VEVENTs count unless `STATUS:CANCELLED`, `TRANSP:TRANSPARENT` or
//!   `X-MICROSOFT-CDO-BUSYSTATUS:FREE`. VFREEBUSY `FREEBUSY` periods count
//!   unless `FBTYPE=FREE`.
//! - Times: UTC (`…Z`); `TZID=` an IANA name, a common Windows name, or a
//!   VTIMEZONE without daylight saving (mapped to its fixed offset); an
//!   unknown TZID or a floating time uses `default_tz`. `VALUE=DATE` means
//!   whole days in `default_tz`. A local time in a DST gap is read with the
//!   offset before the gap (RFC 5545 §3.3.5); an ambiguous one as the earlier.
//! - End: `DTEND`, else `DURATION` (negative ones ignored), else one day for
//!   all-day events; timed events without either are skipped (zero length).
//! - `RRULE` (daily to yearly) is expanded with the `rrule` crate, honouring
//!   `EXDATE` and `RDATE`. An instance overridden by another VEVENT with the
//!   same UID and `RECURRENCE-ID` is replaced by that VEVENT;
//!   `RANGE=THISANDFUTURE` is not supported (only the one instance moves).
//!   HOURLY and finer rules, and rules `rrule` rejects, count as one instance.
//! - Intervals overlapping `[from, until)` are returned sorted, with
//!   overlapping or touching ones merged.

use std::collections::HashMap;
use std::io::BufReader;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZone};
use ical::property::Property;

/// Most busy intervals returned by [`parse`].
pub const MAX_BUSY: usize = 2000;
/// Most raw (unmerged) intervals inside the window.
const MAX_OCCURRENCES: usize = 20_000;
/// Most recurrence instances looked at in one file (bounds the work).
const MAX_EXPANSION_STEPS: usize = 200_000;
/// Most recurring events expanded in one file (bounds the work: a rule that
/// never matches costs `rrule` up to 100 000 internal steps, ~15 ms).
const MAX_RECURRING: usize = 500;
/// Longest event or DURATION honoured, in days.
const MAX_LENGTH_DAYS: i64 = 3_660;

/// A busy interval, `[starts_at, ends_at)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    /// Start (inclusive).
    pub starts_at: DateTime<Utc>,
    /// End (exclusive).
    pub ends_at: DateTime<Utc>,
}

/// Why a calendar file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusyError {
    /// No VCALENDAR, or the parser rejected the text.
    NotACalendar,
    /// More than [`MAX_BUSY`] intervals, or too much recurrence to expand.
    TooManyEvents,
}

impl BusyError {
    /// Stable code for the web layer.
    pub fn code(&self) -> &'static str {
        match self {
            BusyError::NotACalendar => "not_a_calendar",
            BusyError::TooManyEvents => "too_many_events",
        }
    }
}

impl std::fmt::Display for BusyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for BusyError {}

/// Parse an .ics text with the `ical` crate's parser, returning busy intervals that overlap [from, until), sorted, merged where they overlap, at most MAX_BUSY (= 2000) (more → TooManyEvents).
pub fn parse(
    ics: &str,
    default_tz: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Busy>, BusyError> {
    let calendars = read_calendars(ics)?;
    let mut acc = Collector {
        from,
        until,
        out: Vec::new(),
        steps: 0,
        recurring: 0,
    };
    for cal in &calendars {
        let zones = Zones {
            default: default_tz,
            defs: &cal.timezones,
        };
        let overrides = overrides(&cal.events, &zones);
        for event in &cal.events {
            acc.event(event, &zones, &overrides)?;
        }
        for fb in &cal.free_busys {
            for p in fb.properties.iter().filter(|p| is(p, "FREEBUSY")) {
                acc.free_busy(p, &zones)?;
            }
        }
    }
    let merged = merge(acc.out);
    if merged.len() > MAX_BUSY {
        return Err(BusyError::TooManyEvents);
    }
    Ok(merged)
}

/// Does [starts_at, ends_at) overlap any busy interval? (touching ends do not clash)
pub fn clashes(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, busy: &[Busy]) -> bool {
    starts_at < ends_at
        && busy
            .iter()
            .any(|b| b.starts_at < ends_at && starts_at < b.ends_at)
}

fn read_calendars(ics: &str) -> Result<Vec<IcalCalendar>, BusyError> {
    let text = ics.strip_prefix('\u{feff}').unwrap_or(ics);
    let mut calendars = Vec::new();
    for cal in ical::IcalParser::new(BufReader::new(text.as_bytes())) {
        calendars.push(cal.map_err(|_| BusyError::NotACalendar)?);
    }
    if calendars.is_empty() {
        return Err(BusyError::NotACalendar);
    }
    Ok(calendars)
}

/// Sort and merge overlapping or touching intervals.
fn merge(mut items: Vec<Busy>) -> Vec<Busy> {
    items.sort_by_key(|b| (b.starts_at, b.ends_at));
    let mut out: Vec<Busy> = Vec::with_capacity(items.len());
    for b in items {
        match out.last_mut() {
            Some(last) if b.starts_at <= last.ends_at => {
                if b.ends_at > last.ends_at {
                    last.ends_at = b.ends_at;
                }
            }
            _ => out.push(b),
        }
    }
    out
}

struct Collector {
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    out: Vec<Busy>,
    steps: usize,
    recurring: usize,
}

/// When an event (or one instance of it) starts.
#[derive(Clone, Copy)]
struct Start {
    at: DateTime<Utc>,
    /// Zone for nominal (wall-clock) arithmetic.
    tz: Tz,
    all_day: bool,
}

/// How long an event lasts.
#[derive(Clone, Copy)]
enum Length {
    /// An exact span of time.
    Exact(TimeDelta),
    /// Whole days on the wall clock, then exact seconds.
    Nominal { days: i64, secs: i64 },
}

impl Length {
    /// End of an instance starting at `at` (wall-clock days counted in `tz`).
    fn end(self, at: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        match self {
            Length::Exact(d) => at.checked_add_signed(d),
            Length::Nominal { days, secs } => {
                let local = at.with_timezone(&tz).naive_local();
                let local = local.checked_add_signed(TimeDelta::try_days(days)?)?;
                localize(tz, local)?.checked_add_signed(TimeDelta::try_seconds(secs)?)
            }
        }
    }

    /// An upper bound of the length.
    fn max(self) -> TimeDelta {
        match self {
            Length::Exact(d) => d,
            Length::Nominal { days, secs } => {
                TimeDelta::try_seconds((days + 1) * 86_400 + secs).unwrap_or(TimeDelta::MAX)
            }
        }
    }
}

impl Collector {
    fn push(&mut self, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Result<(), BusyError> {
        if ends_at > starts_at && starts_at < self.until && ends_at > self.from {
            self.out.push(Busy { starts_at, ends_at });
            if self.out.len() > MAX_OCCURRENCES {
                return Err(BusyError::TooManyEvents);
            }
        }
        Ok(())
    }

    fn event(
        &mut self,
        ev: &IcalEvent,
        zones: &Zones,
        overrides: &Overrides,
    ) -> Result<(), BusyError> {
        let props = &ev.properties;
        let value_is = |name: &str, want: &str| {
            get(props, name)
                .and_then(|p| p.value.as_deref())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(want))
        };
        if value_is("STATUS", "CANCELLED")
            || value_is("TRANSP", "TRANSPARENT")
            || value_is("X-MICROSOFT-CDO-BUSYSTATUS", "FREE")
        {
            return Ok(());
        }
        let Some(start) = get(props, "DTSTART").and_then(|p| start_of(p, zones)) else {
            return Ok(());
        };
        let Some(length) = length_of(props, start, zones) else {
            return Ok(());
        };
        let rrule = get(props, "RRULE").and_then(|p| p.value.as_deref());
        let is_override = get(props, "RECURRENCE-ID").is_some();
        match rrule {
            Some(rule) if !is_override => {
                let uid = get(props, "UID").and_then(|p| p.value.as_deref());
                let mut exdates: Vec<DateTime<Utc>> = uid
                    .and_then(|u| overrides.get(u))
                    .cloned()
                    .unwrap_or_default();
                exdates.extend(date_list(props, "EXDATE", zones));
                let rdates = date_list(props, "RDATE", zones);
                self.recurring(rule, start, length, &exdates, &rdates)
            }
            _ => self.single(start, length),
        }
    }

    fn single(&mut self, start: Start, length: Length) -> Result<(), BusyError> {
        match length.end(start.at, start.tz) {
            Some(end) => self.push(start.at, end),
            None => Ok(()),
        }
    }

    fn recurring(
        &mut self,
        rule: &str,
        start: Start,
        length: Length,
        exdates: &[DateTime<Utc>],
        rdates: &[DateTime<Utc>],
    ) -> Result<(), BusyError> {
        let Some((parts, rule_until)) = split_rule(rule, start) else {
            // Unusable rule: the event still happens once, at DTSTART.
            return self.single(start, length);
        };
        let ended = rule_until.is_some_and(|u| {
            self.from
                .checked_sub_signed(length.max())
                .is_some_and(|edge| u < edge)
        });
        if ended || start.at >= self.until {
            // No rule instance can reach the window: skip the expansion.
            for at in std::iter::once(start.at).chain(rdates.iter().copied()) {
                if !exdates.contains(&at) {
                    self.single(Start { at, ..start }, length)?;
                }
            }
            return Ok(());
        }
        self.recurring += 1;
        if self.recurring > MAX_RECURRING {
            return Err(BusyError::TooManyEvents);
        }
        let Some(set) = self.rule_set(&parts, rule_until, start, length, exdates, rdates) else {
            return self.single(start, length);
        };
        for occurrence in &set {
            self.steps += 1;
            if self.steps > MAX_EXPANSION_STEPS {
                return Err(BusyError::TooManyEvents);
            }
            let at = occurrence.with_timezone(&Utc);
            if at >= self.until {
                break;
            }
            if let Some(end) = length.end(at, start.tz) {
                self.push(at, end)?;
            }
        }
        Ok(())
    }

    /// Build the recurrence set, or `None` if `rrule` cannot use the rule.
    fn rule_set(
        &self,
        parts: &str,
        until: Option<DateTime<Utc>>,
        start: Start,
        length: Length,
        exdates: &[DateTime<Utc>],
        rdates: &[DateTime<Utc>],
    ) -> Option<rrule::RRuleSet> {
        let mut parsed: rrule::RRule<rrule::Unvalidated> = parts.parse().ok()?;
        if !matches!(
            parsed.get_freq(),
            rrule::Frequency::Yearly
                | rrule::Frequency::Monthly
                | rrule::Frequency::Weekly
                | rrule::Frequency::Daily
        ) {
            return None;
        }
        if let Some(u) = until {
            if u < start.at {
                return None;
            }
            parsed = parsed.until(rrule::Tz::UTC.from_utc_datetime(&u.naive_utc()));
        }
        let (first, skipped) = self.fast_forward(&parsed, start, length);
        let rtz = rrule::Tz::Tz(start.tz);
        let mut set = parsed
            .build(rtz.from_utc_datetime(&first.naive_utc()))
            .ok()?
            .limit();
        if !skipped {
            // DTSTART is always an instance (RFC 5545), even if the rule skips it.
            set = set.rdate(rtz.from_utc_datetime(&start.at.naive_utc()));
        }
        for d in rdates {
            set = set.rdate(rtz.from_utc_datetime(&d.naive_utc()));
        }
        for d in exdates {
            set = set.exdate(rtz.from_utc_datetime(&d.naive_utc()));
        }
        Some(set)
    }

    /// Move DTSTART of an open-ended DAILY/WEEKLY rule by whole periods to just
    /// before the window, so old series do not cost thousands of steps.
    /// Returns the start to use and whether it was moved.
    fn fast_forward(
        &self,
        rule: &rrule::RRule<rrule::Unvalidated>,
        start: Start,
        length: Length,
    ) -> (DateTime<Utc>, bool) {
        let unchanged = (start.at, false);
        let days = match rule.get_freq() {
            rrule::Frequency::Daily => 1,
            rrule::Frequency::Weekly => 7,
            _ => return unchanged,
        };
        if rule.get_count().is_some() {
            return unchanged;
        }
        let period = days * i64::from(rule.get_interval().max(1));
        let Some(target) = TimeDelta::try_days(2)
            .and_then(|d| length.max().checked_add(&d))
            .and_then(|d| self.from.checked_sub_signed(d))
        else {
            return unchanged;
        };
        let local = start.at.with_timezone(&start.tz).naive_local();
        let target_local = target.with_timezone(&start.tz).naive_local();
        let gap = (target_local.date() - local.date()).num_days();
        if gap <= period {
            return unchanged;
        }
        let mut k = gap / period;
        // Prefer a start that exists unambiguously on the wall clock.
        for _ in 0..4 {
            if k <= 0 {
                break;
            }
            let moved = TimeDelta::try_days(k * period)
                .and_then(|d| local.checked_add_signed(d))
                .and_then(|l| start.tz.from_local_datetime(&l).single());
            if let Some(m) = moved {
                return (m.with_timezone(&Utc), true);
            }
            k -= 1;
        }
        unchanged
    }

    fn free_busy(&mut self, p: &Property, zones: &Zones) -> Result<(), BusyError> {
        if param(p, "FBTYPE").is_some_and(|t| t.trim().eq_ignore_ascii_case("FREE")) {
            return Ok(());
        }
        let Some(value) = p.value.as_deref() else {
            return Ok(());
        };
        for period in value.split(',') {
            let Some((a, b)) = period.trim().split_once('/') else {
                continue;
            };
            let Some(When::Time(start)) = when(a, None, zones) else {
                continue;
            };
            let end = if b.starts_with(['P', 'p', '+']) {
                parse_duration(b).and_then(|(days, secs)| {
                    start.checked_add_signed(TimeDelta::try_seconds(days * 86_400 + secs)?)
                })
            } else {
                match when(b, None, zones) {
                    Some(When::Time(end)) => Some(end),
                    _ => None,
                }
            };
            if let Some(end) = end {
                self.push(start, end)?;
            }
        }
        Ok(())
    }
}

/// UID → RECURRENCE-IDs of the VEVENTs that override single instances.
type Overrides = HashMap<String, Vec<DateTime<Utc>>>;

fn overrides(events: &[IcalEvent], zones: &Zones) -> Overrides {
    let mut map = Overrides::new();
    for ev in events {
        let uid = get(&ev.properties, "UID").and_then(|p| p.value.as_deref());
        let id = get(&ev.properties, "RECURRENCE-ID").and_then(|p| start_of(p, zones));
        if let (Some(uid), Some(id)) = (uid, id) {
            map.entry(uid.to_string()).or_default().push(id.at);
        }
    }
    map
}

/// The start of an event from its DTSTART (or RECURRENCE-ID) property.
fn start_of(p: &Property, zones: &Zones) -> Option<Start> {
    match when(p.value.as_deref()?, Some(p), zones)? {
        When::Date(d) => Some(Start {
            at: localize(zones.default, d.and_time(NaiveTime::MIN))?,
            tz: zones.default,
            all_day: true,
        }),
        When::Zoned(at, tz) => Some(Start {
            at,
            tz,
            all_day: false,
        }),
        When::Time(at) => Some(Start {
            at,
            tz: chrono_tz::UTC,
            all_day: false,
        }),
    }
}

fn length_of(props: &[Property], start: Start, zones: &Zones) -> Option<Length> {
    if let Some(p) = get(props, "DTEND") {
        if let Some(end) = p.value.as_deref().and_then(|v| when(v, Some(p), zones)) {
            return match end {
                When::Date(d) if start.all_day => {
                    let first = start.at.with_timezone(&start.tz).date_naive();
                    let days = (d - first).num_days().clamp(1, MAX_LENGTH_DAYS);
                    Some(Length::Nominal { days, secs: 0 })
                }
                other => {
                    let end = match other {
                        When::Date(d) => localize(zones.default, d.and_time(NaiveTime::MIN))?,
                        When::Zoned(at, _) | When::Time(at) => at,
                    };
                    let span = end.signed_duration_since(start.at);
                    let max = TimeDelta::try_days(MAX_LENGTH_DAYS)?;
                    (span > TimeDelta::zero()).then_some(Length::Exact(span.min(max)))
                }
            };
        }
    }
    if let Some((days, secs)) = get(props, "DURATION")
        .and_then(|p| p.value.as_deref())
        .and_then(parse_duration)
    {
        return (days > 0 || secs > 0).then_some(Length::Nominal { days, secs });
    }
    start
        .all_day
        .then_some(Length::Nominal { days: 1, secs: 0 })
}

/// An RRULE without its UNTIL part, and that UNTIL as an instant. UNTIL is
/// read here, not by `rrule`, which would use the server's zone for floating
/// and DATE values.
fn split_rule(rule: &str, start: Start) -> Option<(String, Option<DateTime<Utc>>)> {
    if rule.contains(':') || !rule.is_ascii() {
        return None;
    }
    let mut until = None;
    let mut parts = Vec::new();
    for part in rule.trim().split(';').filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((k, v)) if k.eq_ignore_ascii_case("UNTIL") => {
                until = Some(until_of(v, start)?);
            }
            _ => parts.push(part),
        }
    }
    Some((parts.join(";"), until))
}

/// UNTIL of an RRULE, as an instant (a DATE means the end of that day).
fn until_of(value: &str, start: Start) -> Option<DateTime<Utc>> {
    let v = value.trim();
    if let Some(d) = parse_date(v) {
        let last = NaiveTime::from_hms_opt(23, 59, 59)?;
        return localize(start.tz, d.and_time(last));
    }
    let (naive, utc) = parse_date_time(v)?;
    if utc {
        Some(naive.and_utc())
    } else {
        localize(start.tz, naive)
    }
}

/// All instants of a multi-valued date property (EXDATE, RDATE).
fn date_list(props: &[Property], name: &str, zones: &Zones) -> Vec<DateTime<Utc>> {
    props
        .iter()
        .filter(|p| is(p, name))
        .flat_map(|p| {
            p.value
                .as_deref()
                .unwrap_or("")
                .split(',')
                .filter_map(|v| match when(v, Some(p), zones)? {
                    When::Date(d) => localize(zones.default, d.and_time(NaiveTime::MIN)),
                    When::Zoned(at, _) | When::Time(at) => Some(at),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A parsed DATE or DATE-TIME value.
enum When {
    /// An all-day date.
    Date(NaiveDate),
    /// A local time resolved in a zone (TZID or floating).
    Zoned(DateTime<Utc>, Tz),
    /// A UTC time.
    Time(DateTime<Utc>),
}

fn when(value: &str, p: Option<&Property>, zones: &Zones) -> Option<When> {
    let v = value.trim();
    let is_date = p
        .and_then(|p| param(p, "VALUE"))
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("DATE"));
    if is_date || v.len() == 8 {
        return parse_date(v).map(When::Date);
    }
    let (naive, utc) = parse_date_time(v)?;
    if utc {
        return Some(When::Time(naive.and_utc()));
    }
    let tz = match p.and_then(|p| param(p, "TZID")) {
        Some(id) => zones.resolve(id),
        None => zones.default,
    };
    Some(When::Zoned(localize(tz, naive)?, tz))
}

/// `YYYYMMDD`.
fn parse_date(v: &str) -> Option<NaiveDate> {
    if v.len() != 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<u32>().ok());
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(4..6)?, n(6..8)?)
}

/// `YYYYMMDDTHHMMSS` with an optional `Z`; returns the time and whether it is UTC.
fn parse_date_time(v: &str) -> Option<(NaiveDateTime, bool)> {
    let (body, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(b) => (b, true),
        None => (v, false),
    };
    if body.len() != 15 || !body.is_ascii() {
        return None;
    }
    let (date, time) = body.split_at(8);
    let date = parse_date(date)?;
    let time = time.strip_prefix(['T', 't'])?;
    if !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| time.get(r).and_then(|s| s.parse::<u32>().ok());
    // A leap second (60) is read as 59.
    let time = NaiveTime::from_hms_opt(n(0..2)?, n(2..4)?, n(4..6)?.min(59))?;
    Some((date.and_time(time), utc))
}

/// An ISO 8601 / RFC 5545 duration as (whole days, seconds). Negative → `None`.
fn parse_duration(v: &str) -> Option<(i64, i64)> {
    let v = v.trim();
    let v = v.strip_prefix('+').unwrap_or(v);
    let rest = v.strip_prefix(['P', 'p'])?;
    let (mut days, mut secs) = (0i64, 0i64);
    let mut in_time = false;
    let mut digits = String::new();
    let mut any = false;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            if digits.len() >= 7 {
                return None;
            }
            digits.push(c);
            continue;
        }
        let c = c.to_ascii_uppercase();
        if c == 'T' && !in_time && digits.is_empty() {
            in_time = true;
            continue;
        }
        let n: i64 = digits.parse().ok()?;
        digits.clear();
        any = true;
        match (c, in_time) {
            ('W', false) => days += n * 7,
            ('D', false) => days += n,
            ('H', true) => secs += n * 3_600,
            ('M', true) => secs += n * 60,
            ('S', true) => secs += n,
            _ => return None,
        }
    }
    if !digits.is_empty() || !any || days + secs / 86_400 > MAX_LENGTH_DAYS {
        return None;
    }
    Some((days, secs))
}

/// A local wall-clock time in `tz` as an instant: a time in a DST gap uses
/// the offset before the gap; an ambiguous time is the earlier instant.
fn localize(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
        chrono::LocalResult::None => {
            let probe = naive.checked_sub_signed(TimeDelta::try_days(1)?)?;
            let offset = tz.offset_from_utc_datetime(&probe).fix().local_minus_utc();
            let utc = naive.checked_sub_signed(TimeDelta::try_seconds(i64::from(offset))?)?;
            Some(utc.and_utc())
        }
    }
}

/// Time zone lookup for TZID parameters.
struct Zones<'a> {
    default: Tz,
    defs: &'a [IcalTimeZone],
}

/// Windows zone names (as Outlook writes them) → IANA names.
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("UTC", "UTC"),
    ("Coordinated Universal Time", "UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("FLE Standard Time", "Europe/Kyiv"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
];

impl Zones<'_> {
    fn resolve(&self, tzid: &str) -> Tz {
        let id = tzid.trim().trim_matches('"');
        iana(id)
            .or_else(|| windows(id))
            .or_else(|| self.by_definition(id))
            .unwrap_or(self.default)
    }

    /// Use the file's VTIMEZONE: its X-LIC-LOCATION, or a fixed whole-hour
    /// offset if it has no daylight saving.
    fn by_definition(&self, id: &str) -> Option<Tz> {
        let def = self.defs.iter().find(|z| {
            get(&z.properties, "TZID")
                .and_then(|p| p.value.as_deref())
                .is_some_and(|v| v.trim().replace('\\', "") == id.replace('\\', ""))
        })?;
        if let Some(tz) = get(&def.properties, "X-LIC-LOCATION")
            .and_then(|p| p.value.as_deref())
            .and_then(|v| iana(v.trim()))
        {
            return Some(tz);
        }
        let [only] = def.transitions.as_slice() else {
            return None;
        };
        if matches!(
            only.transition,
            ical::parser::ical::component::IcalTimeZoneTransitionType::DAYLIGHT
        ) {
            return None;
        }
        let offset = get(&only.properties, "TZOFFSETTO")?
            .value
            .as_deref()?
            .trim();
        let (sign, hhmm) = match offset.split_at_checked(1)? {
            ("+", rest) => (1, rest),
            ("-", rest) => (-1, rest),
            _ => return None,
        };
        if hhmm.len() != 4 || !hhmm.bytes().all(|b| b.is_ascii_digit()) || !hhmm.ends_with("00") {
            return None;
        }
        let hours: i32 = hhmm.get(0..2)?.parse().ok()?;
        let hours = sign * hours;
        // Etc/GMT signs are inverted: UTC+9 is Etc/GMT-9.
        let name = match hours {
            0 => "Etc/GMT".to_string(),
            h if h > 0 => format!("Etc/GMT-{h}"),
            h => format!("Etc/GMT+{}", -h),
        };
        name.parse().ok()
    }
}

/// An IANA name, also after a path prefix such as `/mozilla.org/…/Europe/Berlin`.
fn iana(id: &str) -> Option<Tz> {
    if let Ok(tz) = id.parse::<Tz>() {
        return Some(tz);
    }
    id.match_indices('/')
        .find_map(|(i, _)| id.get(i + 1..).and_then(|s| s.parse::<Tz>().ok()))
}

fn windows(id: &str) -> Option<Tz> {
    WINDOWS_ZONES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(id))
        .and_then(|(_, iana)| iana.parse().ok())
}

fn is(p: &Property, name: &str) -> bool {
    p.name.eq_ignore_ascii_case(name)
}

fn get<'a>(props: &'a [Property], name: &str) -> Option<&'a Property> {
    props.iter().find(|p| is(p, name))
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))?
        .1
        .first()
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Tokyo;
    use proptest::prelude::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn tokyo(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Tokyo
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn busy(a: DateTime<Utc>, b: DateTime<Utc>) -> Busy {
        Busy {
            starts_at: a,
            ends_at: b,
        }
    }

    /// Wrap VEVENT lines (LF-separated here) in a calendar with CRLF ends.
    fn cal(body: &str) -> String {
        let text = format!(
            "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//EN\n{}\nEND:VCALENDAR\n",
            body.trim()
        );
        text.replace('\n', "\r\n")
    }

    fn december() -> (DateTime<Utc>, DateTime<Utc>) {
        (utc(2026, 12, 1, 0, 0), utc(2027, 1, 1, 0, 0))
    }

    fn parse_dec(ics: &str) -> Result<Vec<Busy>, BusyError> {
        let (from, until) = december();
        parse(ics, Tokyo, from, until)
    }

    const GOOGLE: &str = "BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
CALSCALE:GREGORIAN\r
METHOD:PUBLISH\r
X-WR-CALNAME:hanako@example.com\r
X-WR-TIMEZONE:Asia/Tokyo\r
BEGIN:VTIMEZONE\r
TZID:Asia/Tokyo\r
X-LIC-LOCATION:Asia/Tokyo\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0900\r
TZOFFSETTO:+0900\r
TZNAME:JST\r
DTSTART:19700101T000000\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
DTSTART;TZID=Asia/Tokyo:20261203T100000\r
DTEND;TZID=Asia/Tokyo:20261203T113000\r
DTSTAMP:20261120T000000Z\r
UID:abc123@google.com\r
CREATED:20261101T000000Z\r
DESCRIPTION:チーム定例\\, 議題は\\;別途\r
LAST-MODIFIED:20261101T000000Z\r
LOCATION:\r
SEQUENCE:0\r
STATUS:CONFIRMED\r
SUMMARY:定例会議\r
TRANSP:OPAQUE\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:This is an event reminder\r
TRIGGER:-P0DT0H10M0S\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20261204T010000Z\r
DTEND:20261204T020000Z\r
DTSTAMP:20261120T000000Z\r
UID:def456@google.com\r
SUMMARY:Call with London\r
STATUS:CONFIRMED\r
TRANSP:OPAQUE\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20261210\r
DTEND;VALUE=DATE:20261211\r
DTSTAMP:20261120T000000Z\r
UID:ghi789@google.com\r
SUMMARY:誕生日\r
TRANSP:TRANSPARENT\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Asia/Tokyo:20261205T090000\r
DTEND;TZID=Asia/Tokyo:20261205T100000\r
DTSTAMP:20261120T000000Z\r
UID:jkl@google.com\r
SUMMARY:Cancelled thing\r
STATUS:CANCELLED\r
END:VEVENT\r
END:VCALENDAR\r
";

    const OUTLOOK: &str = "BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
METHOD:PUBLISH\r
X-MS-OLK-FORCEINSPECTOROPEN:TRUE\r
BEGIN:VTIMEZONE\r
TZID:Tokyo Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T000000\r
TZOFFSETFROM:+0900\r
TZOFFSETTO:+0900\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VTIMEZONE\r
TZID:Pacific Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011104T020000\r
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r
TZOFFSETFROM:-0700\r
TZOFFSETTO:-0800\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010311T020000\r
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r
TZOFFSETFROM:-0800\r
TZOFFSETTO:-0700\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
CLASS:PUBLIC\r
CREATED:20261101T010203Z\r
DESCRIPTION:Quarterly review\\n\r
DTEND;TZID=\"Tokyo Standard Time\":20261207T150000\r
DTSTAMP:20261101T010203Z\r
DTSTART;TZID=\"Tokyo Standard Time\":20261207T140000\r
LAST-MODIFIED:20261101T010203Z\r
PRIORITY:5\r
SEQUENCE:0\r
SUMMARY;LANGUAGE=ja:四半期レビュー\r
TRANSP:OPAQUE\r
UID:040000008200E00074C5B7101A82E00800000000\r
X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r
X-MICROSOFT-CDO-IMPORTANCE:1\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Pacific Standard Time:20261207T090000\r
DTEND;TZID=Pacific Standard Time:20261207T100000\r
DTSTAMP:20261101T010203Z\r
SUMMARY:Sync with Seattle\r
UID:040000008200E00074C5B7101A82E00800000001\r
X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Tokyo Standard Time:20261208T120000\r
DTEND;TZID=Tokyo Standard Time:20261208T130000\r
DTSTAMP:20261101T010203Z\r
SUMMARY:Lunch (free)\r
UID:040000008200E00074C5B7101A82E00800000002\r
X-MICROSOFT-CDO-BUSYSTATUS:FREE\r
END:VEVENT\r
END:VCALENDAR\r
";

    #[test]
    fn google_export() {
        let got = parse_dec(GOOGLE).unwrap();
        assert_eq!(
            got,
            vec![
                busy(tokyo(2026, 12, 3, 10, 0), tokyo(2026, 12, 3, 11, 30)),
                busy(utc(2026, 12, 4, 1, 0), utc(2026, 12, 4, 2, 0)),
            ]
        );
    }

    #[test]
    fn outlook_export() {
        let got = parse_dec(OUTLOOK).unwrap();
        assert_eq!(
            got,
            vec![
                busy(tokyo(2026, 12, 7, 14, 0), tokyo(2026, 12, 7, 15, 0)),
                // 09:00 PST = 17:00 UTC = 02:00 JST next day.
                busy(utc(2026, 12, 7, 17, 0), utc(2026, 12, 7, 18, 0)),
            ]
        );
    }

    #[test]
    fn outlook_display_name_tzid_uses_fixed_offset_vtimezone() {
        let ics = cal("
BEGIN:VTIMEZONE
TZID:(UTC+09:00) Osaka\\, Sapporo\\, Tokyo
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0900
TZOFFSETTO:+0900
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:x
DTSTART;TZID=\"(UTC+09:00) Osaka, Sapporo, Tokyo\":20261207T140000
DTEND;TZID=\"(UTC+09:00) Osaka, Sapporo, Tokyo\":20261207T150000
END:VEVENT");
        // Not an IANA or Windows name: the VTIMEZONE (UTC+9, no DST) decides,
        // not the default zone (UTC here).
        let (from, until) = december();
        let got = parse(&ics, chrono_tz::UTC, from, until).unwrap();
        assert_eq!(
            got,
            vec![busy(tokyo(2026, 12, 7, 14, 0), tokyo(2026, 12, 7, 15, 0))]
        );
    }

    #[test]
    fn windows_table_names_are_valid() {
        for (win, iana) in WINDOWS_ZONES {
            assert!(iana.parse::<Tz>().is_ok(), "{win} → {iana}");
            assert!(windows(win).is_some());
        }
        let zones = Zones {
            default: Tokyo,
            defs: &[],
        };
        assert_eq!(zones.resolve("Tokyo Standard Time"), Tokyo);
        assert_eq!(
            zones.resolve("GMT Standard Time"),
            chrono_tz::Europe::London
        );
        assert_eq!(
            zones.resolve("Eastern Standard Time"),
            chrono_tz::America::New_York
        );
        assert_eq!(
            zones.resolve("/mozilla.org/20050126_1/Europe/Berlin"),
            chrono_tz::Europe::Berlin
        );
        assert_eq!(zones.resolve("Mars/Olympus_Mons"), Tokyo);
    }

    #[test]
    fn all_day_event_is_whole_local_days() {
        let ics = cal("
BEGIN:VEVENT
UID:a
DTSTART;VALUE=DATE:20261224
DTEND;VALUE=DATE:20261226
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART;VALUE=DATE:20261230
END:VEVENT");
        assert_eq!(
            parse_dec(&ics).unwrap(),
            vec![
                busy(tokyo(2026, 12, 24, 0, 0), tokyo(2026, 12, 26, 0, 0)),
                busy(tokyo(2026, 12, 30, 0, 0), tokyo(2026, 12, 31, 0, 0)),
            ]
        );
    }

    #[test]
    fn transparent_and_cancelled_are_skipped() {
        let ics = cal("
BEGIN:VEVENT
UID:a
DTSTART:20261203T010000Z
DTEND:20261203T020000Z
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART:20261203T030000Z
DTEND:20261203T040000Z
STATUS:cancelled
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTART:20261203T050000Z
DTEND:20261203T060000Z
STATUS:TENTATIVE
END:VEVENT");
        assert_eq!(
            parse_dec(&ics).unwrap(),
            vec![busy(utc(2026, 12, 3, 5, 0), utc(2026, 12, 3, 6, 0))]
        );
    }

    #[test]
    fn weekly_rrule_with_exdate_in_window() {
        // Mondays 19:00–20:00 Tokyo since 2020; 14 Dec excluded.
        let ics = cal("
BEGIN:VEVENT
UID:weekly@example.com
DTSTART;TZID=Asia/Tokyo:20200106T190000
DTEND;TZID=Asia/Tokyo:20200106T200000
RRULE:FREQ=WEEKLY;BYDAY=MO
EXDATE;TZID=Asia/Tokyo:20261214T190000
END:VEVENT");
        let got = parse_dec(&ics).unwrap();
        let mondays = [7, 21, 28];
        let want: Vec<Busy> = mondays
            .iter()
            .map(|d| busy(tokyo(2026, 12, *d, 19, 0), tokyo(2026, 12, *d, 20, 0)))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn rrule_count_until_and_interval() {
        let ics = cal("
BEGIN:VEVENT
UID:count
DTSTART:20261201T000000Z
DTEND:20261201T003000Z
RRULE:FREQ=DAILY;COUNT=3;INTERVAL=2
END:VEVENT
BEGIN:VEVENT
UID:until
DTSTART;TZID=America/New_York:20261220T090000
DURATION:PT30M
RRULE:FREQ=DAILY;UNTIL=20261221T235959Z
END:VEVENT
BEGIN:VEVENT
UID:monthly
DTSTART;VALUE=DATE:20261015
RRULE:FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20261215
END:VEVENT");
        assert_eq!(
            parse_dec(&ics).unwrap(),
            vec![
                busy(utc(2026, 12, 1, 0, 0), utc(2026, 12, 1, 0, 30)),
                busy(utc(2026, 12, 3, 0, 0), utc(2026, 12, 3, 0, 30)),
                busy(utc(2026, 12, 5, 0, 0), utc(2026, 12, 5, 0, 30)),
                busy(tokyo(2026, 12, 15, 0, 0), tokyo(2026, 12, 16, 0, 0)),
                busy(utc(2026, 12, 20, 14, 0), utc(2026, 12, 20, 14, 30)),
                busy(utc(2026, 12, 21, 14, 0), utc(2026, 12, 21, 14, 30)),
            ]
        );
    }

    #[test]
    fn recurrence_id_override_replaces_instance() {
        let ics = cal("
BEGIN:VEVENT
UID:series
DTSTART:20261201T010000Z
DTEND:20261201T020000Z
RRULE:FREQ=DAILY;COUNT=3
END:VEVENT
BEGIN:VEVENT
UID:series
RECURRENCE-ID:20261202T010000Z
DTSTART:20261202T050000Z
DTEND:20261202T060000Z
END:VEVENT
BEGIN:VEVENT
UID:series
RECURRENCE-ID:20261203T010000Z
DTSTART:20261203T010000Z
DTEND:20261203T020000Z
STATUS:CANCELLED
END:VEVENT");
        assert_eq!(
            parse_dec(&ics).unwrap(),
            vec![
                busy(utc(2026, 12, 1, 1, 0), utc(2026, 12, 1, 2, 0)),
                busy(utc(2026, 12, 2, 5, 0), utc(2026, 12, 2, 6, 0)),
            ]
        );
    }

    #[test]
    fn duration_and_floating_time() {
        let ics = cal("
BEGIN:VEVENT
UID:a
DTSTART:20261203T100000
DURATION:PT1H30M
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART;TZID=Asia/Tokyo:20261204T100000
DURATION:P1D
END:VEVENT
BEGIN:VEVENT
UID:neg
DTSTART:20261205T100000
DURATION:-PT1H
END:VEVENT
BEGIN:VEVENT
UID:none
DTSTART:20261206T100000
END:VEVENT");
        assert_eq!(
            parse_dec(&ics).unwrap(),
            vec![
                busy(tokyo(2026, 12, 3, 10, 0), tokyo(2026, 12, 3, 11, 30)),
                busy(tokyo(2026, 12, 4, 10, 0), tokyo(2026, 12, 5, 10, 0)),
            ]
        );
        // Floating time follows default_tz.
        let (from, until) = december();
        let got = parse(&ics, chrono_tz::Europe::London, from, until).unwrap();
        assert_eq!(
            got[0],
            busy(utc(2026, 12, 3, 10, 0), utc(2026, 12, 3, 11, 30))
        );
    }

    #[test]
    fn duration_parser() {
        assert_eq!(parse_duration("PT1H30M"), Some((0, 5_400)));
        assert_eq!(parse_duration("P1D"), Some((1, 0)));
        assert_eq!(parse_duration("P2W"), Some((14, 0)));
        assert_eq!(parse_duration("+P1DT2H3M4S"), Some((1, 7_384)));
        assert_eq!(parse_duration("-PT1H"), None);
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P1M"), None);
        assert_eq!(parse_duration("PT1H2"), None);
        assert_eq!(parse_duration("P99999999D"), None);
        assert_eq!(parse_duration("P１D"), None);
    }

    #[test]
    fn dst_gap_and_overlap() {
        let ny = chrono_tz::America::New_York;
        // 2026-03-08 02:30 does not exist in New York: read with EST (-5).
        let gap = NaiveDate::from_ymd_opt(2026, 3, 8)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(localize(ny, gap), Some(utc(2026, 3, 8, 7, 30)));
        // 2026-11-01 01:30 happens twice: the earlier (EDT, -4) wins.
        let twice = NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        assert_eq!(localize(ny, twice), Some(utc(2026, 11, 1, 5, 30)));
    }

    #[test]
    fn overlapping_events_merge_and_window_filters() {
        let ics = cal("
BEGIN:VEVENT
UID:a
DTSTART:20261203T010000Z
DTEND:20261203T030000Z
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART:20261203T020000Z
DTEND:20261203T040000Z
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTART:20261203T040000Z
DTEND:20261203T050000Z
END:VEVENT
BEGIN:VEVENT
UID:before
DTSTART:20261130T010000Z
DTEND:20261130T020000Z
END:VEVENT
BEGIN:VEVENT
UID:straddles
DTSTART:20261231T230000Z
DTEND:20270101T010000Z
END:VEVENT");
        assert_eq!(
            parse_dec(&ics).unwrap(),
            vec![
                busy(utc(2026, 12, 3, 1, 0), utc(2026, 12, 3, 5, 0)),
                busy(utc(2026, 12, 31, 23, 0), utc(2027, 1, 1, 1, 0)),
            ]
        );
    }

    #[test]
    fn free_busy_periods() {
        let ics = cal("
BEGIN:VFREEBUSY
UID:fb
DTSTART:20261201T000000Z
DTEND:20261231T000000Z
FREEBUSY:20261203T010000Z/20261203T020000Z,20261204T010000Z/PT30M
FREEBUSY;FBTYPE=FREE:20261205T010000Z/20261205T020000Z
FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261206T010000Z/PT1H
END:VFREEBUSY");
        assert_eq!(
            parse_dec(&ics).unwrap(),
            vec![
                busy(utc(2026, 12, 3, 1, 0), utc(2026, 12, 3, 2, 0)),
                busy(utc(2026, 12, 4, 1, 0), utc(2026, 12, 4, 1, 30)),
                busy(utc(2026, 12, 6, 1, 0), utc(2026, 12, 6, 2, 0)),
            ]
        );
    }

    #[test]
    fn garbage_is_not_a_calendar() {
        for text in [
            "",
            "hello",
            "BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
            "<html><body>not ics</body></html>",
            "\u{feff}",
        ] {
            assert_eq!(parse_dec(text), Err(BusyError::NotACalendar), "{text:?}");
        }
        assert_eq!(BusyError::NotACalendar.code(), "not_a_calendar");
        assert_eq!(BusyError::TooManyEvents.code(), "too_many_events");
        // An empty calendar (with a BOM) is fine.
        let empty = format!("\u{feff}{}", cal(""));
        assert_eq!(parse_dec(&empty), Ok(vec![]));
    }

    #[test]
    fn too_many_events() {
        let mut body = String::new();
        for i in 0..(MAX_BUSY + 1) {
            // Separate 10-minute slots in December, two minutes apart.
            let at = utc(2026, 12, 1, 0, 0) + TimeDelta::minutes(12 * i as i64);
            body.push_str(&format!(
                "BEGIN:VEVENT\nUID:{i}\nDTSTART:{}\nDURATION:PT10M\nEND:VEVENT\n",
                at.format("%Y%m%dT%H%M%SZ")
            ));
        }
        assert_eq!(parse_dec(&cal(&body)), Err(BusyError::TooManyEvents));
        // An endless rule that produces an instance every day stays cheap.
        let ics = cal("
BEGIN:VEVENT
UID:daily
DTSTART:19700101T000000Z
DURATION:PT1H
RRULE:FREQ=DAILY
END:VEVENT");
        assert_eq!(parse_dec(&ics).unwrap().len(), 31);
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let ics = cal("
BEGIN:VEVENT
UID:a
DTSTART:99991231T230000Z
DURATION:P3650D
RRULE:FREQ=DAILY
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART;TZID=America/New_York:00000101T000000
DTEND;TZID=Pacific/Kiritimati:99991231T235959
RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30
EXDATE:99991231T230000Z
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTART;VALUE=DATE:99991231
RRULE:FREQ=WEEKLY;UNTIL=00010101
END:VEVENT");
        for (from, until) in [
            (utc(9999, 12, 1, 0, 0), utc(9999, 12, 31, 23, 59)),
            (utc(0, 1, 1, 0, 0), utc(0, 2, 1, 0, 0)),
            (utc(2026, 12, 1, 0, 0), utc(2026, 12, 2, 0, 0)),
        ] {
            for tz in [
                Tokyo,
                chrono_tz::Pacific::Kiritimati,
                chrono_tz::Etc::GMTPlus12,
            ] {
                assert!(parse(&ics, tz, from, until).is_ok());
            }
        }
    }

    #[test]
    fn clashes_edges() {
        let b = [
            busy(utc(2026, 12, 3, 1, 0), utc(2026, 12, 3, 2, 0)),
            busy(utc(2026, 12, 3, 5, 0), utc(2026, 12, 3, 6, 0)),
        ];
        // Touching ends do not clash.
        assert!(!clashes(utc(2026, 12, 3, 0, 0), utc(2026, 12, 3, 1, 0), &b));
        assert!(!clashes(utc(2026, 12, 3, 2, 0), utc(2026, 12, 3, 5, 0), &b));
        assert!(!clashes(utc(2026, 12, 3, 6, 0), utc(2026, 12, 3, 7, 0), &b));
        // Overlaps of any size clash.
        assert!(clashes(utc(2026, 12, 3, 0, 0), utc(2026, 12, 3, 1, 1), &b));
        assert!(clashes(utc(2026, 12, 3, 1, 59), utc(2026, 12, 3, 3, 0), &b));
        assert!(clashes(
            utc(2026, 12, 3, 1, 10),
            utc(2026, 12, 3, 1, 20),
            &b
        ));
        assert!(clashes(utc(2026, 12, 3, 0, 0), utc(2026, 12, 3, 9, 0), &b));
        // Empty slot or empty list never clash.
        assert!(!clashes(
            utc(2026, 12, 3, 1, 30),
            utc(2026, 12, 3, 1, 30),
            &b
        ));
        assert!(!clashes(
            utc(2026, 12, 3, 1, 0),
            utc(2026, 12, 3, 2, 0),
            &[]
        ));
    }

    /// Apply edits: replace, insert, delete or duplicate characters, or
    /// replace the value of the line at a position (keeping the structure).
    fn mutate(base: &str, edits: &[(usize, u8, Vec<char>)]) -> String {
        let mut chars: Vec<char> = base.chars().collect();
        for (pos, kind, new) in edits {
            if chars.is_empty() {
                chars.extend(new);
                continue;
            }
            let i = pos % chars.len();
            match kind % 8 {
                0 => {
                    chars.splice(i..=i, new.iter().copied());
                }
                1 => {
                    chars.splice(i..i, new.iter().copied());
                }
                2 => {
                    chars.remove(i);
                }
                3 => {
                    let end = (i + 40).min(chars.len());
                    let copy: Vec<char> = chars[i..end].to_vec();
                    chars.splice(i..i, copy);
                }
                _ => {
                    let line_start = chars[..i]
                        .iter()
                        .rposition(|c| *c == '\n')
                        .map_or(0, |p| p + 1);
                    let line_end = chars[i..]
                        .iter()
                        .position(|c| *c == '\r' || *c == '\n')
                        .map_or(chars.len(), |p| i + p);
                    if let Some(colon) = chars[line_start..line_end].iter().position(|c| *c == ':')
                    {
                        let value: Vec<char> = new
                            .iter()
                            .copied()
                            .filter(|c| *c != '\r' && *c != '\n')
                            .collect();
                        chars.splice(line_start + colon + 1..line_end, value);
                    }
                }
            }
        }
        chars.into_iter().collect()
    }

    fn ics_char() -> impl Strategy<Value = char> {
        prop_oneof![
            2 => any::<char>(),
            3 => prop::sample::select(vec![
                '0', '1', '2', '9', 'T', 'Z', 'P', 'D', 'H', 'W', ':', ';', '=', ',', '/', '-',
                '+', '"', ' ', '\r', '\n', '\t', 'あ',
            ]),
        ]
    }

    /// Biweekly series in London with EXDATEs, an RDATE and a moved instance,
    /// a yearly all-day rule with BYSETPOS, and a VFREEBUSY.
    fn rich_sample() -> String {
        cal("
BEGIN:VEVENT
UID:series
DTSTART;TZID=Europe/London:20260301T013000
DTEND;TZID=Europe/London:20260301T023000
RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;UNTIL=20270101T000000Z
EXDATE;TZID=Europe/London:20261216T013000,20261220T013000
RDATE:20261224T000000Z
END:VEVENT
BEGIN:VEVENT
UID:series
RECURRENCE-ID;TZID=Europe/London:20261202T013000
DTSTART:20261204T100000Z
DURATION:PT2H
END:VEVENT
BEGIN:VEVENT
UID:y
DTSTART;VALUE=DATE:20201203
RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=3,-1;BYSETPOS=1
END:VEVENT
BEGIN:VFREEBUSY
FREEBUSY:20261203T010000Z/20261203T020000Z
END:VFREEBUSY")
    }

    fn all_samples() -> Vec<String> {
        vec![GOOGLE.to_string(), OUTLOOK.to_string(), rich_sample()]
    }

    #[test]
    fn rich_sample_in_december_and_july() {
        assert_eq!(
            parse_dec(&rich_sample()).unwrap(),
            vec![
                // Yearly all-day (Tokyo), with the FREEBUSY period inside it.
                busy(tokyo(2026, 12, 3, 0, 0), tokyo(2026, 12, 4, 0, 0)),
                // The 2 Dec instance, moved.
                busy(utc(2026, 12, 4, 10, 0), utc(2026, 12, 4, 12, 0)),
                busy(utc(2026, 12, 6, 1, 30), utc(2026, 12, 6, 2, 30)),
                // 16 and 20 Dec are excluded; the RDATE is added.
                busy(utc(2026, 12, 24, 0, 0), utc(2026, 12, 24, 1, 0)),
                busy(utc(2026, 12, 30, 1, 30), utc(2026, 12, 30, 2, 30)),
            ]
        );
        // In summer 01:30 London is 00:30 UTC.
        let july = parse(
            &rich_sample(),
            Tokyo,
            utc(2026, 7, 1, 0, 0),
            utc(2026, 8, 1, 0, 0),
        )
        .unwrap();
        let want: Vec<Busy> = [1, 5, 15, 19, 29]
            .iter()
            .map(|d| busy(utc(2026, 7, *d, 0, 30), utc(2026, 7, *d, 1, 30)))
            .collect();
        assert_eq!(july, want);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_arbitrary_text(s in prop::collection::vec(ics_char(), 0..400)) {
            let s: String = s.into_iter().collect();
            let (from, until) = december();
            let _ = parse(&s, Tokyo, from, until);
            let wrapped = cal(&s);
            let _ = parse(&wrapped, Tokyo, from, until);
        }

        #[test]
        fn never_panics_on_mutated_files(
            which in 0usize..3,
            edits in prop::collection::vec(
                (any::<usize>(), any::<u8>(), prop::collection::vec(ics_char(), 0..24)),
                1..6,
            ),
            from_secs in prop_oneof![
                3 => 1_750_000_000i64..1_800_000_000,
                1 => -2_000_000_000i64..4_000_000_000,
            ],
            span_days in 0i64..800,
        ) {
            let base = &all_samples()[which];
            let text = mutate(base, &edits);
            let from = DateTime::from_timestamp(from_secs, 0).unwrap();
            let until = from + TimeDelta::days(span_days);
            let result = parse(&text, Tokyo, from, until);
            if let Ok(list) = result {
                prop_assert!(list.len() <= MAX_BUSY);
                for w in list.windows(2) {
                    prop_assert!(w[0].ends_at < w[1].starts_at, "sorted and merged");
                }
                for b in &list {
                    prop_assert!(b.starts_at < b.ends_at);
                    prop_assert!(b.starts_at < until && b.ends_at > from);
                }
            }
        }

        #[test]
        fn fast_forward_matches_full_expansion(
            daily in any::<bool>(),
            interval in 1u32..4,
            days in prop::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 0..4),
            zone in prop::sample::select(vec!["Europe/London", "America/New_York", "Asia/Tokyo"]),
            start_day in 0i64..1_400,
            start_minute in 0i64..1_440,
            window_day in 0i64..365,
            window_days in 1i64..60,
        ) {
            let tz: Tz = zone.parse().unwrap();
            let local = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap().and_time(NaiveTime::MIN)
                + TimeDelta::days(start_day)
                + TimeDelta::minutes(start_minute);
            let freq = if daily { "DAILY" } else { "WEEKLY" };
            let by_day = if days.is_empty() { String::new() } else { format!(";BYDAY={}", days.join(",")) };
            let ics = cal(&format!(
                "BEGIN:VEVENT\nUID:r\nDTSTART;TZID={zone}:{}\nDURATION:PT50M\nRRULE:FREQ={freq};INTERVAL={interval}{by_day}\nEND:VEVENT",
                local.format("%Y%m%dT%H%M%S"),
            ));
            let from = utc(2026, 1, 1, 0, 0) + TimeDelta::days(window_day);
            let until = from + TimeDelta::days(window_days);
            let fast = parse(&ics, tz, from, until).unwrap();
            let early = localize(tz, local).unwrap() - TimeDelta::days(1);
            let full: Vec<Busy> = parse(&ics, tz, early, until)
                .unwrap()
                .into_iter()
                .filter(|b| b.starts_at < until && b.ends_at > from)
                .collect();
            prop_assert_eq!(fast, full);
        }

        #[test]
        fn rich_sample_parses_in_any_window(
            from_secs in 1_500_000_000i64..2_000_000_000,
            span_days in 0i64..400,
        ) {
            let from = DateTime::from_timestamp(from_secs, 0).unwrap();
            let until = from + TimeDelta::days(span_days);
            for text in all_samples() {
                prop_assert!(parse(&text, Tokyo, from, until).is_ok());
            }
        }
    }
}
