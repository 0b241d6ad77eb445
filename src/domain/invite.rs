//! iCalendar (RFC 5545 / RFC 5546) invitations and subscription feeds.
//!
//! Written by hand: every line ends with CRLF, content lines are folded at
//! 75 octets without splitting a UTF-8 character, TEXT values are escaped
//! and parameter values are quoted.
//!
//! Text normalisation (documented contract, checked by the tests):
//! - TEXT values: `\` `;` `,` are backslash-escaped; CRLF, CR and LF become
//!   `\n`; every other control character except TAB is dropped.
//! - Parameter values (`CN`): always double-quoted; `"` and all control
//!   characters (TAB included) are dropped.
//! - URIs (`URL`, `mailto:`): written as given, minus control characters.

use chrono::{DateTime, Utc};
use chrono_tz::Asia::Tokyo;

/// Longest physical line, in octets, excluding the CRLF.
const MAX_LINE_OCTETS: usize = 75;

const PRODID: &str = "-//Kakehashi//Mentoring//JA";
const TZID: &str = "Asia/Tokyo";

/// The iTIP method of an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A new or updated invitation.
    Request,
    /// A cancellation.
    Cancel,
}

impl Method {
    /// The `METHOD` value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// A named calendar user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Display name (written as `CN`).
    pub name: String,
    /// Email address (written as `mailto:`).
    pub email: String,
}

/// One meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable unique id; the same for every update of the meeting.
    pub uid: String,
    /// Bumped on every significant change (time moved, cancelled).
    pub sequence: i32,
    /// When this version of the event was written.
    pub dtstamp: DateTime<Utc>,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Title.
    pub summary: String,
    /// Free text.
    pub description: String,
    /// Video call link, already validated by the caller.
    pub meeting_url: Option<String>,
    /// Who sends the invitation.
    pub organizer: Person,
    /// Who is invited.
    pub attendees: Vec<Person>,
    /// Written as `STATUS:CANCELLED` instead of `STATUS:CONFIRMED`.
    pub cancelled: bool,
}

/// A whole VCALENDAR with METHOD (an invitation email / invite.ics): one event.
pub fn invitation(method: Method, event: &Event) -> String {
    let mut out = String::new();
    calendar_head(&mut out);
    push(&mut out, &format!("METHOD:{}", method.as_str()));
    vtimezone(&mut out);
    vevent(&mut out, event);
    push(&mut out, "END:VCALENDAR");
    out
}

/// A subscription feed (no METHOD; X-WR-CALNAME = name, X-WR-TIMEZONE:Asia/Tokyo, REFRESH-INTERVAL;VALUE=DURATION:PT1H, X-PUBLISHED-TTL:PT1H), many events.
pub fn feed(name: &str, events: &[Event]) -> String {
    let mut out = String::new();
    calendar_head(&mut out);
    push(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    push(&mut out, &format!("X-WR-TIMEZONE:{TZID}"));
    push(&mut out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    push(&mut out, "X-PUBLISHED-TTL:PT1H");
    vtimezone(&mut out);
    for event in events {
        vevent(&mut out, event);
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// Escape a TEXT value (RFC 5545 §3.3.11); see the module docs for control characters.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One logical line -> folded, each physical line ending with CRLF.
///
/// Physical lines are at most 75 octets (a continuation's leading space
/// included) and never split a UTF-8 character. Where possible a line is not
/// broken right after whitespace, because some lenient parsers trim line ends.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut rest = line;
    let mut first = true;
    loop {
        let budget = if first {
            MAX_LINE_OCTETS
        } else {
            MAX_LINE_OCTETS - 1
        };
        if !first {
            out.push(' ');
        }
        if rest.len() <= budget {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let cut = cut_point(rest, budget);
        let (piece, tail) = rest.split_at(cut);
        out.push_str(piece);
        out.push_str("\r\n");
        rest = tail;
        first = false;
    }
}

/// Where to break `s` so the first part has at most `budget` octets (`s.len() > budget`).
fn cut_point(s: &str, budget: usize) -> usize {
    let mut hard = 0;
    let mut soft = 0;
    let mut prev_is_space = false;
    for (i, c) in s.char_indices() {
        if i > budget {
            break;
        }
        if i > 0 {
            hard = i;
            if !prev_is_space {
                soft = i;
            }
        }
        prev_is_space = c.is_whitespace();
    }
    // `hard` is 0 only if the first character alone exceeds the budget,
    // which cannot happen (a char is at most 4 octets); keep progress anyway.
    match (soft, hard) {
        (0, 0) => s.chars().next().map_or(s.len(), char::len_utf8),
        (0, h) => h,
        (s, _) => s,
    }
}

fn push(out: &mut String, line: &str) {
    out.push_str(&fold(line));
}

fn calendar_head(out: &mut String) {
    push(out, "BEGIN:VCALENDAR");
    push(out, &format!("PRODID:{PRODID}"));
    push(out, "VERSION:2.0");
    push(out, "CALSCALE:GREGORIAN");
}

fn vtimezone(out: &mut String) {
    push(out, "BEGIN:VTIMEZONE");
    push(out, &format!("TZID:{TZID}"));
    push(out, "BEGIN:STANDARD");
    push(out, "DTSTART:19700101T000000");
    push(out, "TZOFFSETFROM:+0900");
    push(out, "TZOFFSETTO:+0900");
    push(out, "TZNAME:JST");
    push(out, "END:STANDARD");
    push(out, "END:VTIMEZONE");
}

fn vevent(out: &mut String, e: &Event) {
    push(out, "BEGIN:VEVENT");
    push(out, &format!("UID:{}", escape_text(&e.uid)));
    push(out, &format!("SEQUENCE:{}", e.sequence));
    push(
        out,
        &format!("DTSTAMP:{}", e.dtstamp.format("%Y%m%dT%H%M%SZ")),
    );
    push(out, &format!("DTSTART;TZID={TZID}:{}", tokyo(e.starts_at)));
    push(out, &format!("DTEND;TZID={TZID}:{}", tokyo(e.ends_at)));
    push(out, &format!("SUMMARY:{}", escape_text(&e.summary)));
    push(out, &format!("DESCRIPTION:{}", escape_text(&e.description)));
    if let Some(url) = &e.meeting_url {
        push(out, &format!("LOCATION:{}", escape_text(url)));
        push(out, &format!("URL:{}", uri(url)));
    }
    push(
        out,
        &format!(
            "ORGANIZER;CN={}:mailto:{}",
            param(&e.organizer.name),
            uri(&e.organizer.email)
        ),
    );
    for a in &e.attendees {
        push(
            out,
            &format!(
                "ATTENDEE;CN={};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
                param(&a.name),
                uri(&a.email)
            ),
        );
    }
    let status = if e.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    push(out, &format!("STATUS:{status}"));
    push(out, "TRANSP:OPAQUE");
    push(out, "END:VEVENT");
}

/// Local Tokyo time as `YYYYMMDDTHHMMSS`.
fn tokyo(t: DateTime<Utc>) -> String {
    t.with_timezone(&Tokyo).format("%Y%m%dT%H%M%S").to_string()
}

/// A quoted parameter value without `"` or control characters.
fn param(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    out.extend(s.chars().filter(|c| *c != '"' && !c.is_control()));
    out.push('"');
    out
}

/// A URI value without control characters.
fn uri(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use std::io::BufReader;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn person(name: &str, email: &str) -> Person {
        Person {
            name: name.to_string(),
            email: email.to_string(),
        }
    }

    /// 2026-12-03 20:00–21:00 Asia/Tokyo.
    fn sample() -> Event {
        Event {
            uid: "session-42@kakehashi.example".to_string(),
            sequence: 0,
            dtstamp: utc(2026, 11, 20, 1, 2),
            starts_at: utc(2026, 12, 3, 11, 0),
            ends_at: utc(2026, 12, 3, 12, 0),
            summary: "Mentoring session: Sato Hanako × Tanaka Yui".to_string(),
            description: "First session.\nAgenda: goals, career plan, next steps.".to_string(),
            meeting_url: Some("https://meet.example.com/abc-defg-hij".to_string()),
            organizer: person("Kakehashi", "noreply@kakehashi.example"),
            attendees: vec![
                person("Sato Hanako", "hanako@example.com"),
                person("Tanaka Yui", "yui@example.jp"),
            ],
            cancelled: false,
        }
    }

    /// CRLF only, lines ≤ 75 octets; returns the text with LF line ends for snapshots.
    fn checked(text: &str) -> String {
        assert_crlf_and_width(text);
        text.replace("\r\n", "\n")
    }

    fn assert_crlf_and_width(text: &str) {
        assert!(text.ends_with("\r\n"), "must end with CRLF");
        let body = &text[..text.len() - 2];
        for line in body.split("\r\n") {
            assert!(!line.contains('\r') && !line.contains('\n'), "bare CR/LF");
            assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
        }
    }

    /// RFC 5545 unfolding: drop every CRLF followed by one space or tab.
    fn unfold(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .replace("\r\n\t", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Test-only TEXT unescape.
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    }

    /// RFC 5545 TEXT: no bare `;` or `,`, only known escapes, no controls but TAB.
    fn is_valid_text(s: &str) -> bool {
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                ';' | ',' => return false,
                '\\' if !matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')) => {
                    return false;
                }
                '\t' => {}
                c if c.is_control() => return false,
                _ => {}
            }
        }
        true
    }

    /// What the writer promises a TEXT value reads back as.
    fn normalise_text(s: &str) -> String {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        s.chars()
            .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
            .collect()
    }

    fn normalise_param(s: &str) -> String {
        s.chars().filter(|c| *c != '"' && !c.is_control()).collect()
    }

    fn parse_one(text: &str) -> ical::parser::ical::component::IcalCalendar {
        let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
        let cal = parser.next().expect("one calendar").expect("parses");
        assert!(parser.next().is_none(), "exactly one calendar");
        cal
    }

    fn prop<'a>(
        props: &'a [ical::property::Property],
        name: &str,
    ) -> Option<&'a ical::property::Property> {
        props.iter().find(|p| p.name == name)
    }

    #[test]
    fn method_names() {
        assert_eq!(Method::Request.as_str(), "REQUEST");
        assert_eq!(Method::Cancel.as_str(), "CANCEL");
    }

    #[test]
    fn new_invitation() {
        let text = invitation(Method::Request, &sample());
        assert!(text.contains("\r\nDTSTART;TZID=Asia/Tokyo:20261203T200000\r\n"));
        assert!(text.contains("\r\nDTEND;TZID=Asia/Tokyo:20261203T210000\r\n"));
        assert!(text.contains("\r\nMETHOD:REQUEST\r\n"));
        assert!(text.contains("\r\nSTATUS:CONFIRMED\r\n"));
        insta::assert_snapshot!(checked(&text));
    }

    #[test]
    fn moved_invitation() {
        let mut e = sample();
        e.sequence = 2;
        e.dtstamp = utc(2026, 11, 28, 9, 30);
        e.starts_at = utc(2026, 12, 4, 10, 30);
        e.ends_at = utc(2026, 12, 4, 11, 30);
        let text = invitation(Method::Request, &e);
        assert!(text.contains("\r\nSEQUENCE:2\r\n"));
        assert!(text.contains("\r\nDTSTART;TZID=Asia/Tokyo:20261204T193000\r\n"));
        insta::assert_snapshot!(checked(&text));
    }

    #[test]
    fn cancellation() {
        let mut e = sample();
        e.sequence = 3;
        e.cancelled = true;
        e.dtstamp = utc(2026, 12, 1, 0, 0);
        let text = invitation(Method::Cancel, &e);
        assert!(text.contains("\r\nMETHOD:CANCEL\r\n"));
        assert!(text.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(text.contains("\r\nSEQUENCE:3\r\n"));
        insta::assert_snapshot!(checked(&text));
    }

    #[test]
    fn feed_with_two_events() {
        let first = sample();
        let mut second = sample();
        second.uid = "session-43@kakehashi.example".to_string();
        second.sequence = 1;
        second.starts_at = utc(2026, 12, 17, 11, 0);
        second.ends_at = utc(2026, 12, 17, 12, 30);
        second.meeting_url = None;
        second.summary = "2回目のセッション".to_string();
        let text = feed("Kakehashi – 佐藤 花子", &[first, second]);
        assert!(!text.contains("METHOD:"));
        assert!(text.contains("\r\nX-WR-TIMEZONE:Asia/Tokyo\r\n"));
        assert!(text.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));
        assert!(text.contains("\r\nX-PUBLISHED-TTL:PT1H\r\n"));
        let cal = parse_one(&text);
        assert_eq!(cal.events.len(), 2);
        assert_eq!(cal.timezones.len(), 1);
        insta::assert_snapshot!(checked(&text));
    }

    #[test]
    fn nasty_text() {
        let mut e = sample();
        e.summary = "面談 👩‍💼; a,b \\ \"quoted\"\r\nline2\rline3\nline4\u{7}".to_string();
        e.description = "説明：キャリア相談\r\n\r\n- 目標; 計画, 次のステップ \\ \"引用\"\n👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼👩‍💼\tend".to_string();
        e.organizer = person(
            "架け橋 \"Kakehashi\"; 事務局, Tokyo",
            "noreply@kakehashi.example",
        );
        e.attendees = vec![
            person("佐藤\r\n花子 👩‍💼", "hanako@example.com"),
            person("O'Brien, \"Yui\"; \\ 田中", "yui@example.jp"),
        ];
        let text = invitation(Method::Request, &e);
        let lines = unfold(&text);
        let summary = lines.iter().find(|l| l.starts_with("SUMMARY:")).unwrap();
        assert_eq!(
            summary,
            "SUMMARY:面談 👩‍💼\\; a\\,b \\\\ \"quoted\"\\nline2\\nline3\\nline4"
        );
        assert!(lines.contains(&"ATTENDEE;CN=\"佐藤花子 👩‍💼\";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:hanako@example.com".to_string()));
        let cal = parse_one(&text);
        let ev = &cal.events[0];
        let desc = prop(&ev.properties, "DESCRIPTION").unwrap();
        assert_eq!(
            unescape(desc.value.as_deref().unwrap()),
            normalise_text(&e.description)
        );
        insta::assert_snapshot!(checked(&text));
    }

    #[test]
    fn explicit_tokyo_conversion() {
        // Entered as 2026-12-03 20:00 Asia/Tokyo.
        let start = Tokyo
            .with_ymd_and_hms(2026, 12, 3, 20, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(start, utc(2026, 12, 3, 11, 0));
        let mut e = sample();
        e.starts_at = start;
        let text = invitation(Method::Request, &e);
        let cal = parse_one(&text);
        let dtstart = prop(&cal.events[0].properties, "DTSTART").unwrap();
        assert_eq!(dtstart.value.as_deref(), Some("20261203T200000"));
        assert_eq!(
            dtstart.params,
            Some(vec![("TZID".to_string(), vec!["Asia/Tokyo".to_string()])])
        );
        let dtstamp = prop(&cal.events[0].properties, "DTSTAMP").unwrap();
        assert_eq!(dtstamp.value.as_deref(), Some("20261120T010200Z"));
    }

    #[test]
    fn no_meeting_url_means_no_location() {
        let mut e = sample();
        e.meeting_url = None;
        let text = invitation(Method::Request, &e);
        assert!(!text.contains("LOCATION"));
        assert!(!text.contains("\r\nURL"));
    }

    #[test]
    fn escape_text_rules() {
        assert_eq!(escape_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
        assert_eq!(escape_text("1\r\n2\r3\n4"), "1\\n2\\n3\\n4");
        assert_eq!(escape_text("\r\n\r\n"), "\\n\\n");
        assert_eq!(escape_text("\n\r"), "\\n\\n");
        assert_eq!(escape_text("a\tb\u{0}c\u{1b}d\u{7f}e\u{85}f"), "a\tbcdef");
        assert_eq!(escape_text("\"quote\": 日本語 👩‍💼"), "\"quote\": 日本語 👩‍💼");
        assert_eq!(escape_text(""), "");
    }

    #[test]
    fn param_and_uri_sanitising() {
        assert_eq!(param("a \"b\"\r\n\tc"), "\"a bc\"");
        assert_eq!(uri("mailto:a@b.c\r\n"), "mailto:a@b.c");
    }

    #[test]
    fn fold_short_line_untouched() {
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
        assert_eq!(fold(&"X".repeat(76)), format!("{exact}\r\n X\r\n"));
    }

    #[test]
    fn fold_japanese_300_bytes() {
        let line = format!("SUMMARY:{}", "日本語のテキスト".repeat(12)); // 8 + 288 octets
        assert!(line.len() >= 296);
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let pieces: Vec<&str> = folded[..folded.len() - 2].split("\r\n").collect();
        assert!(pieces.len() >= 5);
        for (i, p) in pieces.iter().enumerate() {
            assert!(p.len() <= 75, "piece {i} has {} octets", p.len());
            if i > 0 {
                assert!(p.starts_with(' '));
                assert!(!p[1..].starts_with(' '));
            }
        }
        // Every piece is valid UTF-8 on its own: no character was split.
        for p in folded.as_bytes().split(|b| *b == b'\n') {
            assert!(std::str::from_utf8(p).is_ok());
        }
        let joined: String = pieces
            .iter()
            .enumerate()
            .map(|(i, p)| if i == 0 { *p } else { &p[1..] })
            .collect();
        assert_eq!(joined, line);
    }

    #[test]
    fn fold_never_splits_emoji() {
        let line = format!("DESCRIPTION:{}", "👩‍💼".repeat(40));
        let folded = fold(&line);
        for p in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(p.len() <= 75);
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn fold_avoids_breaking_after_spaces() {
        let line = format!("SUMMARY:{} {}", "a".repeat(66), "b".repeat(20));
        let folded = fold(&line);
        for p in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(!p.ends_with(' '), "{p:?}");
            assert!(p.len() <= 75);
        }
        // ical's reader trims line ends; the space must survive it.
        let text = format!("BEGIN:VCALENDAR\r\n{folded}END:VCALENDAR\r\n");
        let cal = parse_one(&text);
        assert_eq!(
            cal.properties[0].value.as_deref(),
            Some(&line["SUMMARY:".len()..])
        );
        // All-whitespace runs longer than a line are still folded within the limit.
        let spaces = format!("SUMMARY:{}", " ".repeat(200));
        for p in fold(&spaces).split("\r\n") {
            assert!(p.len() <= 75);
        }
    }

    /// Characters that stress the writer.
    fn nasty_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => any::<char>(),
            3 => prop::sample::select(vec![
                'あ', '日', '本', '語', '　', '👩', '\u{200d}', '💼', '😀', ';', ',', '\\', '"', ':',
                '\r', '\n', '\t', ' ', '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{2028}', 'a', 'Z',
            ]),
        ]
    }

    fn nasty_string(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(nasty_char(), 0..max).prop_map(|v| v.into_iter().collect())
    }

    fn email() -> impl Strategy<Value = String> {
        "[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,20}\\.[a-z]{2,6}"
    }

    /// True if the string has a whitespace run too long to avoid folding inside it.
    fn long_space_run(s: &str) -> bool {
        let mut run = 0;
        for c in s.chars() {
            if c.is_whitespace() {
                run += c.len_utf8();
                if run >= 60 {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        false
    }

    /// Compare a value read by `ical` with what was written. That reader keeps
    /// values raw (no unescaping) and trims the end of every line and leading
    /// `:` of the value, so those two quirks are allowed for here.
    fn assert_ical_value(read: Option<&str>, expected: &str) {
        let got = unescape(read.unwrap_or(""));
        if long_space_run(expected) {
            return;
        }
        let want = expected.trim_start_matches(':').trim_end();
        assert_eq!(got.trim_end(), want);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn writer_round_trips(
            summary in nasty_string(120),
            description in nasty_string(400),
            org_name in nasty_string(60),
            attendees in prop::collection::vec((nasty_string(60), email()), 0..4),
            org_email in email(),
            uid in "[A-Za-z0-9@._;,\\\\-]{1,80}",
            sequence in 0i32..10_000,
            start_secs in 946_684_800i64..4_102_444_800,
            minutes in 15i64..600,
            cancelled in any::<bool>(),
            with_url in any::<bool>(),
        ) {
            let starts_at = DateTime::from_timestamp(start_secs, 0).unwrap();
            let event = Event {
                uid: uid.clone(),
                sequence,
                dtstamp: utc(2026, 1, 1, 0, 0),
                starts_at,
                ends_at: starts_at + chrono::Duration::minutes(minutes),
                summary: summary.clone(),
                description: description.clone(),
                meeting_url: with_url.then(|| "https://meet.example.com/x?a=1&b=2".to_string()),
                organizer: Person { name: org_name.clone(), email: org_email.clone() },
                attendees: attendees
                    .iter()
                    .map(|(n, e)| Person { name: n.clone(), email: e.clone() })
                    .collect(),
                cancelled,
            };
            let method = if cancelled { Method::Cancel } else { Method::Request };
            let text = invitation(method, &event);

            // Line ends and widths.
            prop_assert!(text.ends_with("\r\n"));
            for (i, b) in text.bytes().enumerate() {
                if b == b'\n' {
                    prop_assert!(i > 0 && text.as_bytes()[i - 1] == b'\r', "bare LF");
                }
                if b == b'\r' {
                    prop_assert!(text.as_bytes().get(i + 1) == Some(&b'\n'), "bare CR");
                }
            }
            for line in text[..text.len() - 2].split("\r\n") {
                prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            }

            // Strict RFC unfolding + unescaping gives back exactly the normalised input.
            let lines = unfold(&text);
            let value_of = |name: &str| -> Vec<String> {
                lines
                    .iter()
                    .filter_map(|l| l.strip_prefix(name).map(str::to_string))
                    .collect()
            };
            for name in ["SUMMARY:", "DESCRIPTION:", "UID:"] {
                let v = value_of(name);
                prop_assert_eq!(v.len(), 1);
                prop_assert!(is_valid_text(&v[0]), "{} {:?}", name, v[0]);
            }
            prop_assert_eq!(unescape(&value_of("SUMMARY:")[0]), normalise_text(&summary));
            prop_assert_eq!(
                unescape(&value_of("DESCRIPTION:")[0]),
                normalise_text(&description)
            );
            prop_assert_eq!(unescape(&value_of("UID:")[0]), uid.clone());
            let expected_attendees: Vec<String> = attendees
                .iter()
                .map(|(n, e)| format!(
                    "CN=\"{}\";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
                    normalise_param(n), e
                ))
                .collect();
            prop_assert_eq!(value_of("ATTENDEE;"), expected_attendees);

            // The `ical` crate parses it, and agrees.
            let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
            let cal = parser.next().unwrap();
            prop_assert!(cal.is_ok(), "ical rejected: {:?}", cal.err());
            let cal = cal.unwrap();
            prop_assert!(parser.next().is_none());
            prop_assert_eq!(cal.events.len(), 1);
            prop_assert_eq!(cal.timezones.len(), 1);
            let props = &cal.events[0].properties;

            assert_ical_value(
                prop(props, "SUMMARY").and_then(|p| p.value.as_deref()),
                &normalise_text(&summary),
            );
            assert_ical_value(
                prop(props, "DESCRIPTION").and_then(|p| p.value.as_deref()),
                &normalise_text(&description),
            );
            prop_assert_eq!(
                prop(props, "UID").and_then(|p| p.value.as_deref()).map(unescape),
                Some(uid.clone())
            );
            prop_assert_eq!(
                prop(props, "SEQUENCE").and_then(|p| p.value.clone()),
                Some(sequence.to_string())
            );
            let dtstart = prop(props, "DTSTART").unwrap();
            prop_assert_eq!(
                dtstart.value.clone(),
                Some(starts_at.with_timezone(&Tokyo).format("%Y%m%dT%H%M%S").to_string())
            );
            prop_assert_eq!(
                dtstart.params.clone(),
                Some(vec![("TZID".to_string(), vec!["Asia/Tokyo".to_string()])])
            );

            let read_attendees: Vec<&ical::property::Property> =
                props.iter().filter(|p| p.name == "ATTENDEE").collect();
            let mailtos: Vec<String> = read_attendees
                .iter()
                .map(|p| p.value.clone().unwrap_or_default())
                .collect();
            let want: Vec<String> =
                attendees.iter().map(|(_, e)| format!("mailto:{e}")).collect();
            prop_assert_eq!(mailtos, want);
            for (p, (name, _)) in read_attendees.iter().zip(&attendees) {
                let params = p.params.clone().unwrap_or_default();
                prop_assert_eq!(params.len(), 5);
                prop_assert_eq!(&params[0].0, "CN");
                if !long_space_run(name) {
                    prop_assert_eq!(&params[0].1, &vec![normalise_param(name)]);
                }
            }
            let organizer = prop(props, "ORGANIZER").unwrap();
            prop_assert_eq!(organizer.value.clone(), Some(format!("mailto:{org_email}")));
            let status = if cancelled { "CANCELLED" } else { "CONFIRMED" };
            prop_assert_eq!(
                prop(props, "STATUS").and_then(|p| p.value.clone()),
                Some(status.to_string())
            );
        }

        #[test]
        fn fold_is_reversible(s in nasty_string(300)) {
            let line: String = format!("X-TEST:{}", escape_text(&s));
            let folded = fold(&line);
            for p in folded[..folded.len() - 2].split("\r\n") {
                prop_assert!(p.len() <= 75);
            }
            let unfolded = folded.replace("\r\n ", "");
            prop_assert_eq!(unfolded.strip_suffix("\r\n"), Some(line.as_str()));
        }
    }
}
