//! A mentor's profile and the rule for parsing it from a JSON object.
use super::codes::{CompanySize, Experience, Industry, JobFunction, Position};
use super::{push_error, FieldErrors};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const MAX_CAPACITY: u8 = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub headline: String,
    pub bio: String,
    pub industry: Option<Industry>,
    pub company_size: Option<CompanySize>,
    pub job_function: Option<JobFunction>,
    pub position: Option<Position>,
    pub experiences: Vec<Experience>,
    pub capacity: u8,
    pub accepting: bool,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            headline: String::new(),
            bio: String::new(),
            industry: None,
            company_size: None,
            job_function: None,
            position: None,
            experiences: Vec::new(),
            capacity: 2,
            accepting: true,
        }
    }
}

const KEYS: &[&str] = &[
    "headline",
    "bio",
    "industry",
    "company_size",
    "job_function",
    "position",
    "experiences",
    "capacity",
    "accepting",
];

fn code<T>(v: &Value, parse: fn(&str) -> Option<T>) -> Result<Option<T>, &'static str> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => parse(s).map(Some).ok_or("unknown_code"),
        _ => Err("invalid"),
    }
}

fn text(v: &Value, max: usize) -> Result<String, &'static str> {
    match v {
        Value::Null => Ok(String::new()),
        Value::String(s) => super::account::parse_text(s, max, false),
        _ => Err("invalid"),
    }
}

impl Profile {
    /// Apply the keys present in `patch` over `self`; all-or-nothing.
    pub fn apply(&self, patch: &Map<String, Value>) -> Result<Profile, FieldErrors> {
        let mut p = self.clone();
        let mut errors = FieldErrors::new();
        for (key, v) in patch {
            let r: Result<(), &'static str> = match key.as_str() {
                "headline" => text(v, 100).and_then(|s| {
                    if s.contains('\n') {
                        Err("invalid_characters")
                    } else {
                        p.headline = s;
                        Ok(())
                    }
                }),
                "bio" => text(v, 4000).map(|s| p.bio = s),
                "industry" => code(v, Industry::parse).map(|c| p.industry = c),
                "company_size" => code(v, CompanySize::parse).map(|c| p.company_size = c),
                "job_function" => code(v, JobFunction::parse).map(|c| p.job_function = c),
                "position" => code(v, Position::parse).map(|c| p.position = c),
                "experiences" => match v {
                    Value::Array(items) => {
                        let mut out = Vec::new();
                        let mut r = Ok(());
                        for item in items {
                            match item.as_str().map(Experience::parse) {
                                Some(Some(c)) if c.is_preference_only() => r = Err("unknown_code"),
                                Some(Some(c)) if out.contains(&c) => r = Err("duplicate"),
                                Some(Some(c)) => out.push(c),
                                Some(None) => r = Err("unknown_code"),
                                None => r = Err("invalid"),
                            }
                        }
                        r.map(|_| p.experiences = out)
                    }
                    Value::Null => {
                        p.experiences.clear();
                        Ok(())
                    }
                    _ => Err("invalid"),
                },
                "capacity" => match v.as_u64() {
                    Some(n) if n <= MAX_CAPACITY as u64 => {
                        p.capacity = n as u8;
                        Ok(())
                    }
                    Some(_) => Err("out_of_range"),
                    None if v.as_i64().is_some() => Err("out_of_range"),
                    None => Err("invalid"),
                },
                "accepting" => v.as_bool().map(|b| p.accepting = b).ok_or("invalid"),
                _ => Err("unknown_field"),
            };
            if let Err(problem) = r {
                push_error(&mut errors, key, problem);
            }
        }
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }

    pub fn keys() -> &'static [&'static str] {
        KEYS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patch(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn a_full_profile_applies() {
        let p = Profile::default()
            .apply(&patch(json!({"headline": "製造業の部長", "industry": "manufacturing", "experiences": ["parenting", "first_woman_manager"], "capacity": 3, "accepting": false})))
            .unwrap();
        assert_eq!(p.industry, Some(Industry::Manufacturing));
        assert_eq!(
            p.experiences,
            vec![Experience::Parenting, Experience::FirstWomanManager]
        );
        assert_eq!((p.capacity, p.accepting), (3, false));
    }

    #[test]
    fn bad_values_are_reported_per_field_and_nothing_changes() {
        let e = Profile::default()
            .apply(&patch(json!({"industry": "space", "capacity": 11, "experiences": ["same_industry"], "role": "coordinator"})))
            .unwrap_err();
        assert_eq!(e["industry"], ["unknown_code"]);
        assert_eq!(e["capacity"], ["out_of_range"]);
        assert_eq!(e["experiences"], ["unknown_code"]);
        assert_eq!(e["role"], ["unknown_field"]);
    }
}
