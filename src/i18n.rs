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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
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
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(&lang.langid(), key)
        .unwrap_or_else(|| key.to_string())
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
}
