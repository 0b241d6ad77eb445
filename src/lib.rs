//! Kakehashi (架け橋): an external-mentor programme for working women in Japan.
//! `build` assembles the Rocket: state, routes, catchers and fairings.
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod floor;
pub mod i18n;
pub mod mail;
pub mod routes;
pub mod views;

use auth::throttle::Throttle;
use clock::SharedClock;
use config::AppConfig;
use db::Db;
use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::http::Header;
use rocket::{Build, Rocket};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;
use views::Views;

/// Everything a request needs, shared (cheap to clone).
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub cfg: Arc<AppConfig>,
    pub views: Arc<Views>,
    pub clock: SharedClock,
    pub throttle: Arc<Throttle>,
    /// Digest of the one-time set-up link, while no coordinator exists.
    pub setup_token: Arc<Mutex<Option<String>>>,
    /// Wakes the mail worker when something was enqueued.
    pub mail_wake: Arc<Notify>,
}

impl App {
    pub fn wake_mailer(&self) {
        self.mail_wake.notify_one();
    }

    /// An absolute link for emails and calendars: `public_url` + `path`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.cfg.public_url.trim_end_matches('/'), path)
    }
}

/// Rocket's own settings with this application's defaults beneath them.
pub fn figment() -> Figment {
    use rocket::data::{Limits, ToByteUnit};
    Figment::from(rocket::Config::figment())
        .join((
            "limits",
            Limits::default()
                .limit("form", 256.kibibytes())
                .limit("json", 256.kibibytes())
                .limit("string", 256.kibibytes())
                .limit("calendar", 2.mebibytes())
                .limit("data-form", 3.mebibytes())
                .limit("file", 2.mebibytes()),
        ))
        // Never trust a client-supplied X-Real-IP; see `client_ip_header`.
        .merge(("ip_header", false))
}

/// Build the application: connect, migrate, prepare state, mount everything.
pub async fn build(figment: Figment, clock: SharedClock) -> Result<Rocket<Build>, String> {
    let cfg: AppConfig = figment
        .extract()
        .map_err(|e| format!("configuration: {e}"))?;
    let db = Db::connect(&cfg.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", cfg.database_url))?;
    db.migrate().await.map_err(|e| format!("migrations: {e}"))?;
    db::plans::seed_template(&db, clock.now())
        .await
        .map_err(|e| format!("seed: {e:?}"))?;
    let views = Views::new().map_err(|e| format!("templates: {e:?}"))?;
    let app = App {
        db,
        cfg: Arc::new(cfg),
        views: Arc::new(views),
        clock,
        throttle: Arc::new(Throttle::default()),
        setup_token: Arc::new(Mutex::new(None)),
        mail_wake: Arc::new(Notify::new()),
    };
    routes::setup::offer_setup_link(&app)
        .await
        .map_err(|e| format!("set-up link: {e:?}"))?;
    let worker_app = app.clone();
    Ok(rocket::custom(figment)
        .manage(app)
        .mount("/", routes::pages())
        .mount("/api/v1", routes::api())
        .register("/", routes::errors::html_catchers())
        .register("/api", routes::errors::api_catchers())
        .attach(AdHoc::on_response("security headers", |_, res| {
            Box::pin(async move {
                res.set_header(Header::new(
                    "Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                     frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
                ));
                res.set_header(Header::new("X-Content-Type-Options", "nosniff"));
                res.set_header(Header::new("X-Frame-Options", "DENY"));
                res.set_header(Header::new("Referrer-Policy", "no-referrer"));
                if res.headers().get_one("Cache-Control").is_none() {
                    res.set_header(Header::new("Cache-Control", "no-store"));
                }
            })
        }))
        .attach(AdHoc::on_liftoff("background work", move |_| {
            Box::pin(async move {
                tokio::spawn(db::checkpoints(worker_app.db.clone()));
                if worker_app.cfg.mail_worker {
                    tokio::spawn(mail::worker::run(worker_app));
                }
            })
        })))
}
