//! Rendering: one Tera instance over the templates and emails compiled into
//! the binary (so the release binary needs no files beside it), with the
//! Fluent `t()` function, and the per-page context every template receives.
use crate::auth::csrf::CsrfToken;
use crate::auth::MaybeUser;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::i18n::{self, Lang};
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use include_dir::{include_dir, Dir};
use rocket::request::{FlashMessage, FromRequest, Outcome, Request};
use rocket::response::content::RawHtml;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::RwLock;
use tera::{Context, Tera};

pub mod json;

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static EMAILS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/emails");
pub static STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

pub struct Views {
    pub tera: Tera,
    /// The layout's fixed texts per language and role (see [`Views::chrome`]).
    chrome: RwLock<HashMap<(Lang, &'static str), Value>>,
}

fn collect(dir: &'static Dir<'static>, prefix: &str, out: &mut Vec<(String, &'static str)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let (Some(name), Some(body)) = (path.strip_suffix(".tera"), file.contents_utf8()) {
            out.push((format!("{prefix}{name}"), body));
        }
    }
    for sub in dir.dirs() {
        collect(sub, prefix, out);
    }
}

impl Views {
    /// Build from the embedded files. `x.html.tera` is registered as `x.html`
    /// (autoescaped); `x.txt.tera` as `x.txt` (not escaped: plain text).
    pub fn new() -> Result<Views, tera::Error> {
        let mut files = Vec::new();
        collect(&TEMPLATES, "", &mut files);
        collect(&EMAILS, "emails/", &mut files);
        let mut tera = Tera::default();
        tera.add_raw_templates(files)?;
        tera.register_function("t", t_function);
        tera.register_filter("label", label_filter);
        Ok(Views {
            tera,
            chrome: RwLock::default(),
        })
    }

    /// What `base.html` shows the same on every page for a language and a
    /// role: the menu (`chrome/menu.html`) and the texts around it. Made once
    /// for each, since the messages are compiled in, so a page does not look
    /// up twenty of them again.
    pub fn chrome(&self, lang: Lang, role: Option<&str>) -> AppResult<Value> {
        let role = match role {
            None => "",
            Some("mentee") => "mentee",
            Some("mentor") => "mentor",
            Some("coordinator") => "coordinator",
            Some(_) => "other",
        };
        let key = (lang, role);
        if let Some(kept) = self.chrome.read().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(kept);
        }
        let mut ctx = Context::new();
        ctx.insert("lang", lang.as_str());
        ctx.insert("role", role);
        let menu = self.tera.render("chrome/menu.html", &ctx)?;
        let t = |key| i18n::t(lang, key);
        let made = json!({
            "menu": menu,
            "site_name": t("site-name"),
            "tagline": t("site-tagline"),
            "skip": t("nav-skip"),
            "nav_label": t("nav-label"),
            "logout": t("nav-logout"),
            "privacy": t("footer-privacy"),
        });
        if let Ok(mut c) = self.chrome.write() {
            c.insert(key, made.clone());
        }
        Ok(made)
    }

    pub fn render(&self, name: &str, ctx: &Value) -> AppResult<String> {
        self.render_owned(name, ctx.clone())
    }

    /// Like `render`, taking the context (a page's rows are not copied).
    pub fn render_owned(&self, name: &str, ctx: Value) -> AppResult<String> {
        let ctx = Context::from_value(ctx)?;
        Ok(self.tera.render(name, &ctx)?)
    }
}

/// `{{ t(key="…", lang=lang, name=value, …) }}`: a Fluent message; every
/// other argument is passed to it. (fluent-templates' own Tera helper targets Tera 2.)
fn t_function(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let key = args
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg("t() needs key"))?;
    let lang = args
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or_default();
    let mut fluent_args: Vec<(
        String,
        fluent_templates::fluent_bundle::FluentValue<'static>,
    )> = Vec::new();
    for (k, v) in args {
        if k == "key" || k == "lang" {
            continue;
        }
        let value = match v {
            Value::Number(n) => n
                .as_f64()
                .map(fluent_templates::fluent_bundle::FluentValue::from),
            Value::String(s) => Some(fluent_templates::fluent_bundle::FluentValue::from(
                s.clone(),
            )),
            Value::Bool(b) => Some(fluent_templates::fluent_bundle::FluentValue::from(
                b.to_string(),
            )),
            Value::Null => Some(fluent_templates::fluent_bundle::FluentValue::from(
                String::new(),
            )),
            _ => None,
        };
        if let Some(value) = value {
            fluent_args.push((k.clone(), value));
        }
    }
    if fluent_args.is_empty() {
        return Ok(Value::String(i18n::t(lang, key)));
    }
    Ok(Value::String(i18n::t_values(lang, key, fluent_args)))
}

/// `{{ code | label(prefix="industry", lang=lang) }}` → the code's label in that language.
fn label_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let prefix = args.get("prefix").and_then(Value::as_str).unwrap_or("");
    let lang = args
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or_default();
    match value {
        Value::String(code) if !code.is_empty() => {
            Ok(Value::String(i18n::t(lang, &format!("{prefix}-{code}"))))
        }
        Value::Array(items) => Ok(Value::Array(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(|c| Value::String(i18n::t(lang, &format!("{prefix}-{c}"))))
                .collect(),
        )),
        _ => Ok(Value::String(String::new())),
    }
}

/// A JSON object of values already built, moved in. `json!` serializes each
/// value it is given, so a page's rows handed to it are copied whole and the
/// originals dropped: a tenth of a list page's time (README, Performance).
pub fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The time zone a user reads times in (Asia/Tokyo unless she chose another).
pub fn user_tz(user: Option<&users::Model>) -> Tz {
    user.and_then(|u| u.time_zone.parse().ok())
        .unwrap_or(chrono_tz::Asia::Tokyo)
}

/// The language a user reads emails and calendars in (Japanese unless she chose English).
pub fn user_lang(user: &users::Model) -> Lang {
    Lang::parse(&user.locale).unwrap_or_default()
}

/// Dates as people write them: `2026年12月3日(木) 20:00` / `Thu 3 Dec 2026 20:00`.
/// Written by hand rather than through chrono's `format`, which parses its
/// pattern at every call: a list page writes a hundred of these.
pub fn fmt_datetime(t: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    use chrono::Timelike;
    use std::fmt::Write;
    let local = t.with_timezone(&tz);
    let mut out = fmt_date(local.date_naive(), lang);
    let _ = write!(out, " {:02}:{:02}", local.hour(), local.minute());
    out
}

/// A calendar day: `2026年12月3日(木)` / `Thu 3 Dec 2026`.
pub fn fmt_date(d: chrono::NaiveDate, lang: Lang) -> String {
    let weekday = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Ja => {
            const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
            format!(
                "{}年{}月{}日({})",
                d.year(),
                d.month(),
                d.day(),
                DAYS[weekday]
            )
        }
        // chrono's `%Y` pads to four digits and signs years past 9999.
        Lang::En if (0..=9999).contains(&d.year()) => {
            const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!(
                "{} {} {} {:04}",
                DAYS[weekday],
                d.day(),
                MONTHS[d.month0() as usize],
                d.year()
            )
        }
        Lang::En => d.format("%a %-d %b %Y").to_string(),
    }
}

/// A time range: `2026年12月3日(木) 20:00〜21:00` (the end's date is written
/// only when it falls on another day).
pub fn fmt_range(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let end_text = if s.date_naive() == e.date_naive() {
        e.format("%H:%M").to_string()
    } else {
        fmt_datetime(end, tz, lang)
    };
    let sep = match lang {
        Lang::Ja => "〜",
        Lang::En => "–",
    };
    format!("{}{sep}{end_text}", fmt_datetime(start, tz, lang))
}

/// What every page knows: the language, the signed-in user, the CSRF token, a flash message.
pub struct Page {
    pub user: Option<users::Model>,
    pub lang: Lang,
    pub tz: Tz,
    pub csrf: String,
    pub flash: Option<(String, String)>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Page {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Outcome::Success(MaybeUser(user)) = req.guard::<MaybeUser>().await else {
            return Outcome::Success(Page::anonymous(req));
        };
        let Outcome::Success(CsrfToken(csrf)) = req.guard::<CsrfToken>().await else {
            return Outcome::Success(Page::anonymous(req));
        };
        let flash = match req.guard::<Option<FlashMessage<'_>>>().await {
            Outcome::Success(Some(f)) => Some((f.kind().to_string(), f.message().to_string())),
            _ => None,
        };
        let lang = i18n::negotiate(
            user.as_ref().map(|u| u.locale.as_str()),
            req.headers().get_one("Accept-Language"),
        );
        let tz = user_tz(user.as_ref());
        Outcome::Success(Page {
            user,
            lang,
            tz,
            csrf,
            flash,
        })
    }
}

impl Page {
    fn anonymous(req: &Request<'_>) -> Page {
        Page {
            user: None,
            lang: crate::error::request_lang(req),
            tz: chrono_tz::Asia::Tokyo,
            csrf: String::new(),
            flash: None,
        }
    }

    /// The base context merged with the page's own.
    pub fn context(&self, views: &Views, page: Value) -> AppResult<Value> {
        let role = self.user.as_ref().map(|u| u.role.as_str());
        let mut ctx = json!({
            "chrome": views.chrome(self.lang, role)?,
            "lang": self.lang.as_str(),
            "csrf_token": self.csrf,
            "user": self.user.as_ref().map(|u| json!({"id": u.id, "display_name": u.display_name, "role": u.role})),
            "flash": self.flash.as_ref().map(|(kind, key)| json!({"kind": kind, "key": key})),
        });
        if let (Some(base), Value::Object(extra)) = (ctx.as_object_mut(), page) {
            base.extend(extra);
        }
        Ok(ctx)
    }

    pub fn render(
        &self,
        app: &crate::App,
        template: &str,
        page: Value,
    ) -> AppResult<RawHtml<String>> {
        Ok(RawHtml(
            app.views
                .render_owned(template, self.context(&app.views, page)?)?,
        ))
    }

    pub fn dt(&self, t: DateTime<Utc>) -> String {
        fmt_datetime(t, self.tz, self.lang)
    }

    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        i18n::t_args(self.lang, key, args)
    }

    /// A message with one number, formatted as the template's `t()` does.
    pub fn t_number(&self, key: &str, name: &str, n: i64) -> String {
        let value = fluent_templates::fluent_bundle::FluentValue::from(n as f64);
        i18n::t_values(self.lang, key, vec![(name.to_owned(), value)])
    }

    /// Codes' labels for a list, each looked up once (see [`Labels`]).
    pub fn labels(&self) -> Labels<'_> {
        Labels {
            page: self,
            codes: Vec::new(),
            numbers: Vec::new(),
            with_args: Vec::new(),
        }
    }
}

/// The labels of the codes on one page: a list of 100 rows repeats a
/// handful of codes, so each is looked up once, here rather than per row in
/// the template.
pub struct Labels<'p> {
    page: &'p Page,
    codes: Vec<(&'static str, String, Value)>,
    numbers: Vec<(&'static str, i64, Value)>,
    with_args: Vec<(&'static str, Args, Value)>,
}

type Args = Vec<(&'static str, String)>;

/// The text kept for (`key`, a code `is` matches), else `make`'s, kept.
fn remember<C>(
    seen: &mut Vec<(&'static str, C, Value)>,
    key: &'static str,
    is: impl Fn(&C) -> bool,
    code: impl FnOnce() -> C,
    make: impl FnOnce() -> String,
) -> Value {
    if let Some((_, _, text)) = seen.iter().find(|(k, c, _)| *k == key && is(c)) {
        return text.clone();
    }
    let text = Value::String(make());
    seen.push((key, code(), text.clone()));
    text
}

impl Labels<'_> {
    /// The label of `{prefix}-{code}`.
    pub fn get(&mut self, prefix: &'static str, code: &str) -> Value {
        let page = self.page;
        remember(
            &mut self.codes,
            prefix,
            |c| c == code,
            || code.to_owned(),
            || page.t(&format!("{prefix}-{code}")),
        )
    }

    /// A message with one number (`stalled-days`, `days`, 3 → 「3日」),
    /// formatted once per page for each number.
    pub fn number(&mut self, key: &'static str, name: &str, n: i64) -> Value {
        let page = self.page;
        remember(
            &mut self.numbers,
            key,
            |c| *c == n,
            || n,
            || page.t_number(key, name, n),
        )
    }

    /// A message with arguments (`candidate-load`), formatted once per page
    /// for each set of them.
    pub fn args(&mut self, key: &'static str, args: &[(&'static str, String)]) -> Value {
        let page = self.page;
        remember(
            &mut self.with_args,
            key,
            |c| c.as_slice() == args,
            || args.to_vec(),
            || page.t_args(key, args),
        )
    }
}

/// The error page, in the visitor's language and the site's design.
pub fn error_page(req: &Request<'_>, err: &AppError) -> String {
    // The signed-in user, when a guard already looked her up for this request
    // (e.g. a 403 from a role guard): her language and her menu.
    let user = req.local_cache(|| None::<users::Model>).clone();
    let lang = match &user {
        Some(u) => i18n::negotiate(Some(&u.locale), req.headers().get_one("Accept-Language")),
        None => crate::error::request_lang(req),
    };
    let csrf = crate::auth::csrf::current(req).unwrap_or_default();
    let rendered = req.rocket().state::<crate::App>().map(|app| {
        let role = user.as_ref().map(|u| u.role.as_str());
        let ctx = json!({
            "chrome": app.views.chrome(lang, role)?,
            "lang": lang.as_str(),
            "csrf_token": if user.is_some() { csrf } else { String::new() },
            "user": user.as_ref().map(|u| json!({"id": u.id, "display_name": u.display_name, "role": u.role})),
            "flash": null,
            "status": err.status.code,
            "code": err.code,
        });
        app.views.render_owned("errors/error.html", ctx)
    });
    match rendered {
        Some(Ok(html)) => html,
        _ => {
            tracing::error!("the error page itself failed to render");
            i18n::t(lang, "error-internal")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_menu_is_made_once_for_each_language_and_role() {
        let views = Views::new().unwrap();
        let text = |v: &Value, k: &str| v[k].as_str().unwrap().to_owned();
        let coordinator = views.chrome(Lang::Ja, Some("coordinator")).unwrap();
        let menu = text(&coordinator, "menu");
        assert!(menu.contains(r#"<a href="/coordinator/intakes">申込み一覧</a>"#));
        assert!(menu.contains(r#"href="/settings""#) && !menu.contains(r#"href="/login""#));
        assert!(!menu.contains(r#"href="/intake""#));
        assert_eq!(
            text(&coordinator, "site_name"),
            i18n::t(Lang::Ja, "site-name")
        );
        let mentee = text(&views.chrome(Lang::En, Some("mentee")).unwrap(), "menu");
        assert!(mentee.contains(r#"<a href="/home">My page</a>"#));
        assert!(!mentee.contains("/coordinator/"));
        let visitor = text(&views.chrome(Lang::Ja, None).unwrap(), "menu");
        assert!(visitor.contains(r#"href="/login""#) && visitor.contains(r#"href="/register""#));
        assert!(!visitor.contains(r#"href="/settings""#));
        let other = text(&views.chrome(Lang::Ja, Some("auditor")).unwrap(), "menu");
        assert!(other.contains(r#"href="/settings""#) && !other.contains("/coordinator/"));
        // Every text is a message of the catalogue (a missing key comes back
        // as the key itself).
        for lang in [Lang::Ja, Lang::En] {
            let chrome = views.chrome(lang, None).unwrap();
            for (field, key) in [
                ("site_name", "site-name"),
                ("tagline", "site-tagline"),
                ("skip", "nav-skip"),
                ("nav_label", "nav-label"),
                ("logout", "nav-logout"),
                ("privacy", "footer-privacy"),
            ] {
                assert!(
                    !text(&chrome, field).is_empty() && text(&chrome, field) != key,
                    "{key}"
                );
            }
        }
        // Kept: the second look-up answers the same.
        assert_eq!(
            views.chrome(Lang::Ja, Some("coordinator")).unwrap(),
            coordinator
        );
        assert_eq!(views.chrome.read().unwrap().len(), 5);
    }

    #[test]
    fn times_are_written_in_japanese_style_in_tokyo() {
        let t = Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap();
        assert_eq!(
            fmt_datetime(t, chrono_tz::Asia::Tokyo, Lang::Ja),
            "2026年12月3日(木) 20:00"
        );
        assert_eq!(
            fmt_datetime(t, chrono_tz::Asia::Tokyo, Lang::En),
            "Thu 3 Dec 2026 20:00"
        );
        let end = t + chrono::Duration::minutes(60);
        assert_eq!(
            fmt_range(t, end, chrono_tz::Asia::Tokyo, Lang::Ja),
            "2026年12月3日(木) 20:00〜21:00"
        );
        let late = t + chrono::Duration::hours(5);
        assert_eq!(
            fmt_range(t, late, chrono_tz::Asia::Tokyo, Lang::En),
            "Thu 3 Dec 2026 20:00–Fri 4 Dec 2026 01:00"
        );
    }

    #[test]
    fn dates_written_by_hand_match_chronos_patterns() {
        let mut d = chrono::NaiveDate::from_ymd_opt(1998, 1, 1).unwrap();
        while d.year() < 2032 {
            assert_eq!(fmt_date(d, Lang::En), d.format("%a %-d %b %Y").to_string());
            d = d.succ_opt().unwrap();
        }
        // Hours and minutes below ten keep their zero.
        let t = Utc.with_ymd_and_hms(2027, 1, 4, 23, 5, 0).unwrap();
        assert_eq!(
            fmt_datetime(t, chrono_tz::Asia::Tokyo, Lang::Ja),
            "2027年1月5日(火) 08:05"
        );
        assert_eq!(
            fmt_datetime(t, chrono_tz::Europe::London, Lang::En),
            "Mon 4 Jan 2027 23:05"
        );
    }

    #[test]
    fn every_embedded_template_parses() {
        Views::new().unwrap();
    }
}
