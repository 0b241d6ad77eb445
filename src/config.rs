//! Typed settings read from Rocket's figment (Rocket.toml + `ROCKET_*` env).
//! Every key is documented in Rocket.toml and the README.
use serde::Deserialize;

/// Where outgoing mail goes.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "transport", rename_all = "lowercase")]
pub enum MailConfig {
    /// Each message written as an `.eml` file into `dir` (the default).
    File {
        #[serde(default = "default_mail_dir")]
        dir: String,
        #[serde(default = "default_from")]
        from: String,
    },
    /// Delivered to an SMTP server.
    Smtp {
        host: String,
        #[serde(default = "default_smtp_port")]
        port: u16,
        #[serde(default)]
        tls: SmtpTls,
        #[serde(default = "default_from")]
        from: String,
        #[serde(default)]
        username: Option<String>,
        #[serde(default)]
        password: Option<String>,
        /// Seconds one delivery attempt may take before it is abandoned and retried.
        #[serde(default = "default_smtp_timeout")]
        timeout_seconds: u64,
    },
}

impl MailConfig {
    pub fn from_address(&self) -> &str {
        match self {
            MailConfig::File { from, .. } | MailConfig::Smtp { from, .. } => from,
        }
    }

    /// Seconds one delivery attempt may take (0 for the file transport).
    pub fn send_timeout_seconds(&self) -> u64 {
        match self {
            MailConfig::File { .. } => 0,
            MailConfig::Smtp {
                timeout_seconds, ..
            } => *timeout_seconds,
        }
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig::File {
            dir: default_mail_dir(),
            from: default_from(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    None,
    #[default]
    Starttls,
    Tls,
}

fn default_mail_dir() -> String {
    "mail".into()
}
fn default_from() -> String {
    "Kakehashi <no-reply@kakehashi.localhost>".into()
}
fn default_smtp_port() -> u16 {
    587
}
fn default_smtp_timeout() -> u64 {
    30
}

/// The application's own settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct AppConfig {
    /// sea-orm URL: `sqlite://kakehashi.db?mode=rwc` or `postgres://…`.
    pub database_url: String,
    pub mail: MailConfig,
    /// Absolute base of links written into emails.
    pub public_url: String,
    /// Header holding the real client address, set only when a trusted proxy
    /// sits in front (e.g. "X-Forwarded-For"); otherwise the socket address is used.
    pub client_ip_header: Option<String>,
    /// How often the outbox worker looks for due mail, in seconds.
    pub outbox_poll_seconds: u64,
    /// Absolute lifetime of a browser session, in hours (ASVS: 12).
    pub session_hours: i64,
    /// A browser session unused for this many minutes ends (the idle timeout).
    pub session_idle_minutes: i64,
    /// Lifetime of an API token, in days.
    pub api_token_days: i64,
    /// Login failures per client address within 15 minutes before it is throttled.
    pub login_failures_per_ip: usize,
    /// Start the background mail worker (tests turn it off and drive it by hand).
    pub mail_worker: bool,
    /// Mark cookies Secure and name the session cookie `__Host-…`. Unset, it
    /// follows `public_url`: on for `https://` (also behind a TLS-terminating
    /// proxy, whose public address is the one configured), off for plain
    /// `http://` development.
    pub secure_cookies: Option<bool>,
    /// Sent emails are purged from the outbox after this many days.
    pub outbox_retention_days: i64,
    /// Security lines of the audit log are purged after this many days (a
    /// mentee's own record is kept as long as her account).
    pub audit_retention_days: i64,
    /// A worker claims due messages for this many seconds; a message whose
    /// worker died mid-send is tried again after the claim runs out.
    pub outbox_claim_seconds: i64,
    /// The ORGANIZER of calendar invitations (the programme's address);
    /// unset, the address of `mail.from`.
    pub calendar_organizer: Option<String>,
    /// The organizer's display name in calendars.
    pub calendar_organizer_name: String,
    /// Hours before a session that its reminder email is sent.
    pub reminder_hours_before: i64,
    /// Days after a held session with no submitted sheet that the mentee is
    /// nudged (once).
    pub sheet_nudge_days: i64,
    /// Days after a submitted sheet with no reply that the mentor is nudged
    /// (once).
    pub reply_nudge_days: i64,
    /// Seconds allowed to fetch a user's busy-times calendar URL.
    pub busy_fetch_timeout_seconds: u64,
    /// Allow busy-times URLs that point at loopback or private addresses
    /// (tests only; off, such URLs are refused so the server cannot be used
    /// to reach internal services).
    pub busy_fetch_allow_private: bool,
}

impl AppConfig {
    /// Whether cookies are marked Secure (see `secure_cookies`).
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
            .unwrap_or_else(|| self.public_url.starts_with("https://"))
    }

    /// The session cookie's name: `__Host-` prefixed whenever it is Secure,
    /// so that a browser keeps it bound to this host, path `/`, HTTPS only.
    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies() {
            "__Host-kk_session"
        } else {
            "kk_session"
        }
    }

    /// The CSRF cookie's name, prefixed like the session cookie.
    pub fn csrf_cookie(&self) -> &'static str {
        if self.secure_cookies() {
            "__Host-kk_csrf"
        } else {
            "kk_csrf"
        }
    }

    /// The organizer's bare email address.
    pub fn organizer_address(&self) -> String {
        let raw = self
            .calendar_organizer
            .as_deref()
            .unwrap_or(self.mail.from_address());
        match (raw.rfind('<'), raw.rfind('>')) {
            (Some(a), Some(b)) if a < b => raw[a + 1..b].trim().to_string(),
            _ => raw.trim().to_string(),
        }
    }
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            database_url: "sqlite://kakehashi.db?mode=rwc".into(),
            mail: MailConfig::default(),
            public_url: "http://127.0.0.1:8000".into(),
            client_ip_header: None,
            outbox_poll_seconds: 5,
            session_hours: 12,
            session_idle_minutes: 60,
            api_token_days: 30,
            login_failures_per_ip: 100,
            mail_worker: true,
            secure_cookies: None,
            outbox_retention_days: 90,
            audit_retention_days: 365,
            outbox_claim_seconds: 300,
            calendar_organizer: None,
            calendar_organizer_name: "架け橋 事務局".into(),
            reminder_hours_before: 24,
            sheet_nudge_days: 3,
            reply_nudge_days: 5,
            busy_fetch_timeout_seconds: 10,
            busy_fetch_allow_private: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contracts_smtp_example_parses() {
        let cfg: MailConfig = serde_json::from_str(
            r#"{"transport":"smtp","host":"mail.example.jp","port":2525,"tls":"none","from":"x <a@b.jp>"}"#,
        )
        .unwrap();
        assert!(matches!(
            cfg,
            MailConfig::Smtp {
                port: 2525,
                tls: SmtpTls::None,
                ..
            }
        ));
    }

    #[test]
    fn the_organizer_defaults_to_the_bare_from_address() {
        let mut cfg = AppConfig::default();
        assert_eq!(cfg.organizer_address(), "no-reply@kakehashi.localhost");
        cfg.calendar_organizer = Some("jimukyoku@example.jp".into());
        assert_eq!(cfg.organizer_address(), "jimukyoku@example.jp");
    }

    #[test]
    fn cookies_are_secure_and_host_bound_behind_https() {
        let mut cfg = AppConfig::default();
        assert!(!cfg.secure_cookies());
        assert_eq!(cfg.session_cookie(), "kk_session");
        cfg.public_url = "https://kakehashi.example.jp".into();
        assert!(cfg.secure_cookies());
        assert_eq!(cfg.session_cookie(), "__Host-kk_session");
        assert_eq!(cfg.csrf_cookie(), "__Host-kk_csrf");
        cfg.secure_cookies = Some(false);
        assert_eq!(cfg.session_cookie(), "kk_session");
    }

    #[test]
    fn file_transport_defaults_its_folder() {
        let cfg: MailConfig = serde_json::from_str(r#"{"transport":"file"}"#).unwrap();
        assert_eq!(cfg, MailConfig::default());
    }
}
