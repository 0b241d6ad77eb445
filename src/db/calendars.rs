//! A user's calendars: her personal feed (a secret, revocable URL serving all
//! her sessions) and her busy times (from an `.ics` file she uploads or a URL
//! to one), used to flag proposed slots that clash.
use super::entities::{busy_calendars, calendar_feeds, users};
use crate::auth::tokens;
use crate::domain::busy::{self, Busy};
use crate::error::{AppError, AppResult};
use crate::App;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Largest calendar file accepted (upload or URL).
pub const MAX_ICS_BYTES: usize = 2 * 1024 * 1024;
/// Busy times are kept from a day ago to a year ahead.
const KEEP_BEHIND_DAYS: i64 = 1;
const KEEP_AHEAD_DAYS: i64 = 366;

/// The feed URL for a secret.
pub fn feed_url(app: &App, token: &str) -> String {
    app.link(&format!("/calendar/{token}.ics"))
}

/// When her feed was made, if she has one.
pub async fn feed<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> AppResult<Option<calendar_feeds::Model>> {
    Ok(calendar_feeds::Entity::find()
        .filter(calendar_feeds::Column::UserId.eq(user_id))
        .one(conn)
        .await?)
}

/// Make a new feed secret (the old URL stops working); answers the secret,
/// which is shown once and stored only as a digest.
pub async fn new_feed(app: &App, user_id: i32) -> AppResult<String> {
    let secret = tokens::new_secret();
    let tx = app.db.begin_write().await?;
    lock_user(&tx, user_id).await?;
    calendar_feeds::Entity::delete_many()
        .filter(calendar_feeds::Column::UserId.eq(user_id))
        .exec(&tx)
        .await?;
    calendar_feeds::ActiveModel {
        user_id: Set(user_id),
        token_digest: Set(tokens::digest(&secret)),
        created_at: Set(app.clock.now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    Ok(secret)
}

/// Replacing one of her rows is delete + insert under a unique user_id: lock
/// her user row first so that a double submit waits instead of colliding
/// (PostgreSQL; SQLite writes already run one at a time).
async fn lock_user<C: ConnectionTrait>(conn: &C, user_id: i32) -> AppResult<()> {
    super::lock_for_update(
        conn.get_database_backend(),
        users::Entity::find_by_id(user_id),
    )
    .one(conn)
    .await?
    .ok_or_else(AppError::not_found)?;
    Ok(())
}

/// Turn her feed off.
pub async fn revoke_feed(app: &App, user_id: i32) -> AppResult<()> {
    calendar_feeds::Entity::delete_many()
        .filter(calendar_feeds::Column::UserId.eq(user_id))
        .exec(&app.db.conn)
        .await?;
    Ok(())
}

/// The owner of a feed secret (disabled accounts have none).
pub async fn feed_owner<C: ConnectionTrait>(conn: &C, secret: &str) -> AppResult<users::Model> {
    let row = calendar_feeds::Entity::find()
        .filter(calendar_feeds::Column::TokenDigest.eq(tokens::digest(secret)))
        .one(conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    users::Entity::find_by_id(row.user_id)
        .one(conn)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(AppError::not_found)
}

/// Her stored busy times, if any.
pub async fn busy_row<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> AppResult<Option<busy_calendars::Model>> {
    Ok(busy_calendars::Entity::find()
        .filter(busy_calendars::Column::UserId.eq(user_id))
        .one(conn)
        .await?)
}

pub fn intervals(row: &busy_calendars::Model) -> Vec<Busy> {
    let pairs: Vec<(DateTime<Utc>, DateTime<Utc>)> =
        serde_json::from_str(&row.intervals).unwrap_or_default();
    pairs
        .into_iter()
        .map(|(starts_at, ends_at)| Busy { starts_at, ends_at })
        .collect()
}

/// Her busy intervals (empty when she gave none).
pub async fn busy_for<C: ConnectionTrait>(conn: &C, user_id: i32) -> AppResult<Vec<Busy>> {
    Ok(busy_row(conn, user_id)
        .await?
        .map(|r| intervals(&r))
        .unwrap_or_default())
}

/// Parse and keep a calendar's busy times (replacing any earlier ones).
pub async fn save_busy(
    app: &App,
    user: &users::Model,
    ics: &str,
    url: Option<String>,
) -> AppResult<usize> {
    let now = app.clock.now();
    let tz = crate::views::user_tz(Some(user));
    let field = if url.is_some() { "url" } else { "file" };
    let (from, until) = (
        now - Duration::days(KEEP_BEHIND_DAYS),
        now + Duration::days(KEEP_AHEAD_DAYS),
    );
    // Expanding recurrences is CPU work: keep it off the async workers.
    let text = ics.to_string();
    let found = tokio::task::spawn_blocking(move || busy::parse(&text, tz, from, until))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(|e| AppError::field(field, e.code()))?;
    let pairs: Vec<(DateTime<Utc>, DateTime<Utc>)> =
        found.iter().map(|b| (b.starts_at, b.ends_at)).collect();
    let tx = app.db.begin_write().await?;
    lock_user(&tx, user.id).await?;
    busy_calendars::Entity::delete_many()
        .filter(busy_calendars::Column::UserId.eq(user.id))
        .exec(&tx)
        .await?;
    busy_calendars::ActiveModel {
        user_id: Set(user.id),
        url: Set(url),
        intervals: Set(serde_json::to_string(&pairs)?),
        events: Set(i32::try_from(found.len()).unwrap_or(i32::MAX)),
        fetched_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    Ok(found.len())
}

/// Forget her busy times.
pub async fn clear_busy(app: &App, user_id: i32) -> AppResult<()> {
    busy_calendars::Entity::delete_many()
        .filter(busy_calendars::Column::UserId.eq(user_id))
        .exec(&app.db.conn)
        .await?;
    Ok(())
}

/// Fetch a calendar URL (`https://`, `http://` or `webcal://`), refusing
/// loopback and private addresses unless configured otherwise, with a time
/// limit, no redirects and a size cap.
pub async fn fetch(app: &App, raw: &str) -> AppResult<(String, String)> {
    let bad = |p: &str| AppError::field("url", p);
    let raw = raw.trim();
    let url = match raw.strip_prefix("webcal://") {
        Some(rest) => format!("https://{rest}"),
        None => raw.to_string(),
    };
    if url.chars().count() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("invalid_url"));
    }
    let parsed = reqwest::Url::parse(&url).map_err(|_| bad("invalid_url"))?;
    if !matches!(parsed.scheme(), "http" | "https") || !parsed.username().is_empty() {
        return Err(bad("invalid_url"));
    }
    let host = parsed
        .host_str()
        .ok_or_else(|| bad("invalid_url"))?
        .to_string();
    let port = parsed.port_or_known_default().unwrap_or(443);
    let lookup_host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let limit = std::time::Duration::from_secs(app.cfg.busy_fetch_timeout_seconds.max(1));
    let addrs: Vec<std::net::SocketAddr> =
        tokio::time::timeout(limit, tokio::net::lookup_host((lookup_host.as_str(), port)))
            .await
            .map_err(|_| bad("fetch_failed"))?
            .map_err(|_| bad("fetch_failed"))?
            .collect();
    let Some(addr) = addrs.first().copied() else {
        return Err(bad("fetch_failed"));
    };
    if !app.cfg.busy_fetch_allow_private && addrs.iter().any(|a| !is_public(a.ip())) {
        return Err(bad("private_address"));
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // A proxy would resolve the name itself, around the address check.
        .no_proxy()
        .timeout(std::time::Duration::from_secs(
            app.cfg.busy_fetch_timeout_seconds.max(1),
        ))
        .resolve(&lookup_host, addr)
        .build()
        .map_err(|e| AppError::internal(e.to_string()))?;
    let mut response = client
        .get(parsed)
        .send()
        .await
        .map_err(|_| bad("fetch_failed"))?;
    if !response.status().is_success() {
        return Err(bad("fetch_failed"));
    }
    let mut body: Vec<u8> = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|_| bad("fetch_failed"))? {
        if body.len() + chunk.len() > MAX_ICS_BYTES {
            return Err(bad("too_large"));
        }
        body.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(body).map_err(|_| bad("not_a_calendar"))?;
    Ok((url, text))
}

/// Addresses a user's URL may reach: public IPv4 (not loopback, private,
/// shared, link-local, benchmarking, reserved, multicast, documentation), and
/// global-unicast IPv6 (`2000::/3`) that does not embed an IPv4 address
/// (6to4, NAT64, mapped or compatible forms are judged by that address).
fn is_public(ip: std::net::IpAddr) -> bool {
    use std::net::{IpAddr, Ipv4Addr};
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            let seg = v6.segments();
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            // IPv4-compatible ::a.b.c.d and NAT64 64:ff9b::/96.
            if seg[..6] == [0; 6] || seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                let v4 = Ipv4Addr::new(
                    (seg[6] >> 8) as u8,
                    seg[6] as u8,
                    (seg[7] >> 8) as u8,
                    seg[7] as u8,
                );
                return !v6.is_unspecified() && !v6.is_loopback() && is_public(IpAddr::V4(v4));
            }
            // 6to4 2002:a.b.c.d::/48.
            if seg[0] == 0x2002 {
                let v4 = Ipv4Addr::new(
                    (seg[1] >> 8) as u8,
                    seg[1] as u8,
                    (seg[2] >> 8) as u8,
                    seg[2] as u8,
                );
                return is_public(IpAddr::V4(v4));
            }
            (seg[0] & 0xe000) == 0x2000
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_fetched() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.5.5",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "2002:c0a8:0101::1",
            "198.18.0.1",
            "240.0.0.1",
            "192.0.0.8",
            "ff02::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "133.242.0.1", "2001:4860:4860::8888"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
