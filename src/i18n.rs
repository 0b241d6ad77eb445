//! Languages and message catalogues. Every user-facing word in pages and
//! emails comes from `locales/{ja,en}/*.ftl` through Fluent; Japanese is the
//! default and the fallback.
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::Loader;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{langid, LanguageIdentifier};

// The compiled-in catalogues.
fluent_templates::static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "ja",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::Ja => langid!("ja"),
            Lang::En => langid!("en"),
        }
    }
}

/// The user's own setting first, then the browser's `Accept-Language`
/// (in the order given, ignoring weights below the first match), then Japanese.
pub fn negotiate(setting: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = setting.and_then(Lang::parse) {
        return lang;
    }
    let Some(header) = accept_language else {
        return Lang::Ja;
    };
    let mut best: Option<(Lang, f32)> = None;
    for part in header.split(',') {
        let mut it = part.trim().split(';');
        let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = it
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|v| v.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary) {
            if best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
    }
    best.map(|(l, _)| l).unwrap_or(Lang::Ja)
}

/// Look a message up; a missing key shows the key itself (and a test makes
/// sure no key is missing in either language).
/// Messages without arguments are the same every time, so each is formatted
/// once per language and then served from memory (a page of 100 rows asks for
/// hundreds of them).
pub fn t(lang: Lang, key: &str) -> String {
    // One map per language, so a look-up borrows the key instead of copying it.
    static PLAIN: std::sync::OnceLock<[std::sync::RwLock<HashMap<String, String>>; 2]> =
        std::sync::OnceLock::new();
    let cache = &PLAIN.get_or_init(Default::default)[lang as usize];
    if let Some(text) = cache.read().ok().and_then(|c| c.get(key).cloned()) {
        return text;
    }
    // Only keys of the catalogue are kept, so the cache cannot grow past it.
    let Some(text) = LOCALES.try_lookup(&lang.langid(), key) else {
        return key.to_string();
    };
    if let Ok(mut c) = cache.write() {
        c.insert(key.to_string(), text.clone());
    }
    text
}

/// Look a message up with arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES
        .try_lookup_with_args(&lang.langid(), key, &map)
        .unwrap_or_else(|| key.to_string())
}

/// Look a message up with already-typed Fluent values (numbers keep plural rules).
pub fn t_values(lang: Lang, key: &str, args: Vec<(String, FluentValue<'static>)>) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'static>> =
        args.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect();
    if map.is_empty() {
        return t(lang, key);
    }
    LOCALES
        .try_lookup_with_args(&lang.langid(), key, &map)
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_setting_wins_over_the_browser() {
        assert_eq!(negotiate(Some("en"), Some("ja")), Lang::En);
    }

    #[test]
    fn the_browser_is_asked_when_there_is_no_setting() {
        assert_eq!(negotiate(None, Some("en-US,en;q=0.9,ja;q=0.8")), Lang::En);
        assert_eq!(negotiate(None, Some("fr-FR, ja;q=0.5, en;q=0.3")), Lang::Ja);
    }

    #[test]
    fn japanese_is_the_default() {
        assert_eq!(negotiate(None, None), Lang::Ja);
        assert_eq!(negotiate(None, Some("de")), Lang::Ja);
    }

    fn keys(lang: &str) -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut out = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((key, _)) = line.split_once('=') {
                    let key = key.trim();
                    if !line.starts_with([' ', '#', '\t'])
                        && !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        out.insert(key.to_string());
                    }
                }
            }
        }
        out
    }

    /// Every file under these folders, with its text.
    fn files(roots: &[std::path::PathBuf]) -> Vec<(std::path::PathBuf, String)> {
        let mut out = Vec::new();
        let mut stack = roots.to_vec();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    out.push((path, text));
                }
            }
        }
        out
    }

    #[test]
    fn japanese_and_english_have_the_same_keys() {
        let (ja, en) = (keys("ja"), keys("en"));
        assert!(ja.len() > 100);
        let only_ja: Vec<_> = ja.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&ja).collect();
        assert!(
            only_ja.is_empty() && only_en.is_empty(),
            "only ja: {only_ja:?}; only en: {only_en:?}"
        );
    }

    #[test]
    fn every_key_a_template_names_exists() {
        let ja = keys("ja");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        for (path, text) in files(&[root.join("templates"), root.join("emails")]) {
            for part in text.split("t(key=\"").skip(1) {
                let key: String = part.chars().take_while(|c| *c != '"').collect();
                // `key="field-" ~ name` builds a key at run time: the prefix is not one.
                let built = part[key.len()..]
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with('~');
                if !built && !ja.contains(&key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }

    /// Keys the code names at run time: every flash message, and an `error-…`
    /// page text for every refusal code the rules can answer.
    #[test]
    fn every_key_the_code_names_exists() {
        let ja = keys("ja");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        // (This file names the patterns, not keys.)
        for (path, text) in files(&[root])
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("i18n.rs"))
        {
            for part in text.split("\"flash-").skip(1) {
                let rest: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if part[rest.len()..].starts_with('"') && !ja.contains(&format!("flash-{rest}")) {
                    missing.push(format!("{}: flash-{rest}", path.display()));
                }
            }
            // `pub mod refusal { pub const X: &str = "code"; … }`
            if let Some(block) = text.split("pub mod refusal {").nth(1) {
                let block = block.split("\n}").next().unwrap_or("");
                for line in block.lines().filter(|l| l.contains("&str = \"")) {
                    let code = line.split('"').nth(1).unwrap_or("");
                    if !ja.contains(&format!("error-{code}")) {
                        missing.push(format!("{}: error-{code}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn every_code_has_a_label_in_both_languages() {
        use crate::domain::codes::*;
        fn each<T: Copy>(all: &[T], prefix: &str, s: fn(T) -> &'static str) -> Vec<String> {
            all.iter().map(|c| format!("{prefix}-{}", s(*c))).collect()
        }
        let mut wanted = Vec::new();
        wanted.extend(each(AgeBand::ALL, AgeBand::FLUENT_PREFIX, AgeBand::as_str));
        wanted.extend(each(
            Industry::ALL,
            Industry::FLUENT_PREFIX,
            Industry::as_str,
        ));
        wanted.extend(each(
            CompanySize::ALL,
            CompanySize::FLUENT_PREFIX,
            CompanySize::as_str,
        ));
        wanted.extend(each(
            JobFunction::ALL,
            JobFunction::FLUENT_PREFIX,
            JobFunction::as_str,
        ));
        wanted.extend(each(
            Position::ALL,
            Position::FLUENT_PREFIX,
            Position::as_str,
        ));
        wanted.extend(each(
            Employment::ALL,
            Employment::FLUENT_PREFIX,
            Employment::as_str,
        ));
        wanted.extend(each(
            LeaveStatus::ALL,
            LeaveStatus::FLUENT_PREFIX,
            LeaveStatus::as_str,
        ));
        wanted.extend(each(Concern::ALL, Concern::FLUENT_PREFIX, Concern::as_str));
        wanted.extend(each(
            SelfCheck::ALL,
            SelfCheck::FLUENT_PREFIX,
            SelfCheck::as_str,
        ));
        wanted.extend(each(
            Experience::ALL,
            Experience::FLUENT_PREFIX,
            Experience::as_str,
        ));
        wanted.extend(each(
            Availability::ALL,
            Availability::FLUENT_PREFIX,
            Availability::as_str,
        ));
        wanted.extend(each(
            PlanKind::ALL,
            PlanKind::FLUENT_PREFIX,
            PlanKind::as_str,
        ));
        wanted.extend(each(
            IntakeStatus::ALL,
            IntakeStatus::FLUENT_PREFIX,
            IntakeStatus::as_str,
        ));
        wanted.extend(each(
            AssignmentStatus::ALL,
            AssignmentStatus::FLUENT_PREFIX,
            AssignmentStatus::as_str,
        ));
        for lang in ["ja", "en"] {
            let have = keys(lang);
            let missing: Vec<_> = wanted.iter().filter(|k| !have.contains(*k)).collect();
            assert!(missing.is_empty(), "{lang}: {missing:?}");
        }
    }

    #[test]
    fn a_label_reads_in_japanese() {
        assert_eq!(t(Lang::Ja, "intake_status-submitted"), "提出済み");
        assert_eq!(t(Lang::En, "plan_kind-three"), "Three-session plan");
    }
}
