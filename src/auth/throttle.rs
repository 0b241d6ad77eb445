//! Login throttling: per account (5 failures in 15 minutes → 429 with
//! Retry-After) and, more loosely, per client address, so that one office
//! behind a NAT is not locked out by a colleague's typos.
use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

pub const WINDOW_MINUTES: i64 = 15;
pub const ACCOUNT_LIMIT: usize = 5;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl Throttle {
    fn window() -> Duration {
        Duration::minutes(WINDOW_MINUTES)
    }

    /// Seconds to wait if `key` has reached `limit` failures in the window.
    pub fn retry_after(&self, key: &str, limit: usize, now: DateTime<Utc>) -> Option<u64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let list = map.get_mut(key)?;
        while list.front().is_some_and(|t| *t + Self::window() <= now) {
            list.pop_front();
        }
        if list.len() < limit {
            return None;
        }
        let oldest = *list.front()?;
        Some(((oldest + Self::window()) - now).num_seconds().max(1) as u64)
    }

    pub fn record_failure(&self, key: &str, now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let list = map.entry(key.to_string()).or_default();
        list.push_back(now);
        while list.len() > 1000 {
            list.pop_front();
        }
    }

    pub fn clear(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_failure_locks_until_the_first_leaves_the_window() {
        let t = Throttle::default();
        let start = Utc::now();
        for i in 0..5 {
            assert_eq!(t.retry_after("a", 5, start), None);
            t.record_failure("a", start + Duration::minutes(i));
        }
        let wait = t.retry_after("a", 5, start + Duration::minutes(5)).unwrap();
        assert_eq!(wait, 600);
        assert_eq!(t.retry_after("a", 5, start + Duration::minutes(15)), None);
        assert_eq!(t.retry_after("b", 5, start), None);
    }
}
