//! The journeys in a real browser: Debian's Chromium driven through
//! chromedriver (WebDriver, with `thirtyfour`) against the real server on
//! loopback. Each person does her whole journey by clicking and typing: the
//! mentee on a phone-sized window, the coordinator on a laptop, the mentor on
//! either. On every main page: axe-core finds no serious or critical
//! violation, a phone-width page never scrolls sideways, and screenshots at
//! both widths are written to `docs/screenshots/` (shown in the README).
//!
//! A missing browser fails loudly: the test installs Debian's `chromium` and
//! `chromium-driver` when it can (as root), and axe-core from npm into
//! `target/npm`, so `cargo test` needs no other set-up step.
use crate::helpers::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use thirtyfour::prelude::*;

/// The same application served for real on a free loopback port (for the
/// browser tests), sharing this one's database and clock; answers its
/// base URL once it answers `/healthz`.
async fn serve(app: &TestApp) -> String {
    // Port 0: the system picks a free port, which liftoff reports (no
    // race with another test taking it meanwhile). The server leaves the
    // test process's signals alone.
    let figment = app
        .figment
        .clone()
        .merge(("address", "127.0.0.1"))
        .merge(("port", 0))
        .merge(("shutdown", json!({"ctrlc": false, "signals": []})));
    let (tx, rx) = tokio::sync::oneshot::channel::<u16>();
    let tx = std::sync::Mutex::new(Some(tx));
    let rocket = kakehashi::build(figment, Arc::new(app.clock.clone()))
        .await
        .expect("build")
        .attach(rocket::fairing::AdHoc::on_liftoff("port", move |r| {
            let port = r.config().port;
            Box::pin(async move {
                if let Some(tx) = tx.lock().ok().and_then(|mut t| t.take()) {
                    let _ = tx.send(port);
                }
            })
        }));
    let server = tokio::spawn(rocket.launch());
    let port = match tokio::time::timeout(std::time::Duration::from_secs(30), rx).await {
        Ok(Ok(port)) => port,
        _ => panic!("the live server did not start: {:?}", server.await),
    };
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(2))
        .build()
        .expect("http client");
    for _ in 0..100 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                return base;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the live server on {base} does not answer /healthz");
}

/// axe-core, pinned: a new release must not change the verdict by itself.
const AXE_VERSION: &str = "4.14.1";
const PHONE: (u32, u32) = (375, 812);
const LAPTOP: (u32, u32) = (1280, 900);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Make sure Chromium and chromedriver are here, installing them with apt
/// when running as root; otherwise fail loudly.
fn ensure_browser() {
    let present = |p: &str| Path::new(p).exists();
    // Japanese needs a Japanese font, or the screenshots show empty boxes.
    let font = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf";
    if present("/usr/bin/chromium") && present("/usr/bin/chromedriver") && present(font) {
        return;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if root {
        eprintln!("installing Debian's chromium and chromium-driver for the browser tests");
        let status = Command::new("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
                "fonts-ipafont-gothic",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status();
        eprintln!("apt-get install: {status:?} (if it failed, try `apt-get update` first)");
    }
    assert!(
        present("/usr/bin/chromium") && present("/usr/bin/chromedriver") && present(font),
        "BROWSER TESTS NEED CHROMIUM: install Debian's `chromium`, `chromium-driver` and \
         `fonts-ipafont-gothic` (apt-get install …); .ci/run does this"
    );
}

/// axe-core's script, from npm (installed into target/npm once).
fn axe_script() -> String {
    let dir = repo().join("target").join("npm");
    let file = dir.join("node_modules/axe-core/axe.min.js");
    let installed = std::fs::read_to_string(dir.join("node_modules/axe-core/package.json"))
        .map(|p| p.contains(&format!("\"version\": \"{AXE_VERSION}\"")))
        .unwrap_or(false);
    if !installed {
        std::fs::create_dir_all(&dir).expect("target/npm");
        let ok = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("axe-core@{AXE_VERSION}"))
            .args(["--fetch-timeout=60000", "--fetch-retries=2"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(
            ok,
            "npm could not install axe-core (is npm installed and the registry reachable?): \
             the accessibility checks need it"
        );
    }
    std::fs::read_to_string(&file).expect("axe.min.js")
}

/// chromedriver on a free port, stopped with the test.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Ask chromedriver to close its browsers first, then stop it.
        use std::io::{Read, Write};
        let addr = self.url.trim_start_matches("http://").to_string();
        if let Ok(mut s) = std::net::TcpStream::connect(&addr) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = s.set_write_timeout(Some(Duration::from_secs(5)));
            let _ = write!(
                s,
                "GET /shutdown HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            );
            let _ = s.read(&mut [0u8; 256]);
        }
        for _ in 0..50 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_driver() -> Driver {
    ensure_browser();
    let port = free_port();
    let child = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        // Date and time inputs follow the system locale: Japanese, as her phone.
        .env("LANG", "ja_JP.UTF-8")
        .env("LANGUAGE", "ja")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    // Owned at once, so that it is stopped (and reaped) however this ends.
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..100 {
        if reqwest::get(format!("{}/status", driver.url)).await.is_ok() {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not answer on {}", driver.url);
}

/// One person's browser window.
struct Tab {
    driver: WebDriver,
    base: String,
    _profile: tempfile::TempDir,
    axe: String,
    size: (u32, u32),
}

impl Tab {
    async fn open(d: &Driver, base: &str, axe: &str, size: (u32, u32)) -> Tab {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary("/usr/bin/chromium").unwrap();
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--lang=ja-JP",
            "--hide-scrollbars",
        ] {
            caps.add_arg(arg).unwrap();
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.path().display()))
            .unwrap();
        caps.add_experimental_option("prefs", json!({"intl.accept_languages": "ja,en"}))
            .unwrap();
        let driver = WebDriver::builder(&d.url, caps)
            .request_timeout(Duration::from_secs(60))
            .await
            .expect("a browser session");
        driver
            .set_page_load_timeout(Duration::from_secs(30))
            .await
            .expect("page load timeout");
        driver
            .set_script_timeout(Duration::from_secs(30))
            .await
            .expect("script timeout");
        let tab = Tab {
            driver,
            base: base.to_string(),
            _profile: profile,
            axe: axe.to_string(),
            size,
        };
        tab.resize(size).await;
        tab
    }

    /// Resize the window and wait until the page has been laid out at the
    /// new width.
    async fn resize(&self, (w, h): (u32, u32)) {
        self.driver
            .set_window_rect(0, 0, w, h)
            .await
            .expect("window size");
        for _ in 0..50 {
            let now = self
                .driver
                .execute_async(
                    "const done = arguments[arguments.length - 1]; \
                     requestAnimationFrame(() => requestAnimationFrame(() => done(window.innerWidth)));",
                    Vec::<Value>::new(),
                )
                .await
                .expect("the width");
            if now.json() == &json!(w) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the window never became {w} px wide");
    }

    async fn go(&self, path: &str) {
        self.driver
            .goto(format!("{}{path}", self.base))
            .await
            .expect("navigate");
    }

    async fn path(&self) -> String {
        let url = self.driver.current_url().await.expect("url");
        url.path().to_string()
    }

    async fn body(&self) -> String {
        self.driver
            .find(By::Tag("body"))
            .await
            .expect("body")
            .text()
            .await
            .expect("text")
    }

    async fn el(&self, css: &str) -> WebElement {
        match self
            .driver
            .query(By::Css(css))
            .wait(Duration::from_secs(30), Duration::from_millis(100))
            .first()
            .await
        {
            Ok(e) => e,
            Err(e) => panic!("no element {css} on {}: {e}", self.path().await),
        }
    }

    /// Type into a field, as she would.
    async fn fill(&self, name: &str, value: &str) {
        let el = self.el(&format!("[name='{name}']")).await;
        el.clear().await.expect("clear");
        el.send_keys(value).await.expect("type");
    }

    /// Set a field the keyboard handles awkwardly (select, datetime-local).
    async fn set(&self, name: &str, value: &str) {
        let set = self
            .driver
            .execute(
                "const e = document.querySelector(`[name='${arguments[0]}']`); \
                 if (e.type === 'radio' || e.type === 'checkbox') { \
                   const c = document.querySelector(`[name='${arguments[0]}'][value='${arguments[1]}']`); \
                   if (!c.checked) (c.closest('label') || c).click(); return c.checked ? arguments[1] : null; } \
                 e.value = arguments[1]; \
                 e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); \
                 return e.value;",
                vec![json!(name), json!(value)],
            )
            .await
            .expect("set a field");
        assert_eq!(set.json(), &json!(value), "{name} did not take {value}");
    }

    /// Tick a checkbox or radio button by its label.
    async fn choose(&self, name: &str, value: &str) {
        let el = self
            .el(&format!("input[name='{name}'][value='{value}']"))
            .await;
        if !el.is_selected().await.unwrap_or(false) {
            self.driver
                .execute(
                    "(arguments[0].closest('label') || arguments[0]).click();",
                    vec![el.to_json().unwrap()],
                )
                .await
                .expect("click a choice");
        }
        assert!(
            el.is_selected().await.unwrap_or(false),
            "{name}={value} is not ticked"
        );
    }

    /// Click something that loads the next page, and wait until it has.
    async fn click(&self, css: &str) {
        self.driver
            .execute("window.__kakehashi_old_page = true;", Vec::<Value>::new())
            .await
            .expect("mark the page");
        self.tap(css).await;
        for _ in 0..300 {
            let done = self
                .driver
                .execute(
                    "return window.__kakehashi_old_page === undefined && document.readyState === 'complete';",
                    Vec::<Value>::new(),
                )
                .await
                .map(|r| r.json() == &json!(true))
                .unwrap_or(false);
            if done {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("clicking {css} on {} loaded no page", self.path().await);
    }

    /// Click something on this page (opening a section).
    async fn tap(&self, css: &str) {
        let el = self.el(css).await;
        el.scroll_into_view().await.ok();
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// The page says the last action succeeded (a success message).
    async fn saved(&self) {
        let found = self
            .driver
            .find_all(By::Css(".flash-success"))
            .await
            .expect("flash");
        assert!(
            !found.is_empty(),
            "no success message on {}: {}",
            self.path().await,
            self.body().await
        );
    }

    async fn sign_in(&self, email: &str, password: &str) {
        self.go("/login").await;
        self.fill("email", email).await;
        self.fill("password", password).await;
        self.click("form[action='/login'] button[type=submit]")
            .await;
    }

    async fn sign_out(&self) {
        self.click("form.logout-form button").await;
    }

    /// The checks every main page passes, and its screenshots.
    async fn check_page(&self, name: &str) {
        // axe-core: no serious or critical violation.
        self.driver
            .execute(&self.axe, Vec::<Value>::new())
            .await
            .expect("load axe");
        let found = self
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations \
                   .filter(v => v.impact === 'serious' || v.impact === 'critical') \
                   .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html).slice(0, 3)}))));",
                Vec::<Value>::new(),
            )
            .await
            .expect("axe runs");
        let violations = found.json().clone();
        assert_eq!(
            violations,
            json!([]),
            "axe on {name} ({}): {violations:#}",
            self.path().await
        );
        let dir = repo().join("docs").join("screenshots");
        std::fs::create_dir_all(&dir).expect("docs/screenshots");
        for (label, size) in [("phone", PHONE), ("laptop", LAPTOP)] {
            self.resize(size).await;
            // Phone first: nothing wider than the screen.
            if label == "phone" {
                let widths = self
                    .driver
                    .execute(
                        "return [document.documentElement.scrollWidth, window.innerWidth];",
                        Vec::<Value>::new(),
                    )
                    .await
                    .expect("widths");
                let w: Vec<i64> = widths.convert().expect("two numbers");
                assert!(
                    w[0] <= w[1],
                    "{name} scrolls sideways at 375 px: {} > {}",
                    w[0],
                    w[1]
                );
                // Large tap targets: every button and form control at least 44 px high.
                let small = self
                    .driver
                    .execute(
                        "return [...document.querySelectorAll('button, .button, input, select, textarea')] \
                           .filter(e => e.offsetParent !== null && !['checkbox', 'radio', 'hidden'].includes(e.type)) \
                           .filter(e => e.getBoundingClientRect().height < 44) \
                           .map(e => e.outerHTML.slice(0, 120));",
                        Vec::<Value>::new(),
                    )
                    .await
                    .expect("tap targets");
                assert_eq!(small.json(), &json!([]), "{name}: tap targets under 44 px");
            }
            self.driver
                .screenshot(&dir.join(format!("{name}-{label}.png")))
                .await
                .expect("screenshot");
        }
        self.resize(self.size).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_person_does_her_whole_journey_in_a_real_browser() {
    // Bounded: a hung browser fails the test instead of holding CI.
    tokio::time::timeout(Duration::from_secs(900), journey())
        .await
        .expect("the browser journey finishes within 15 minutes");
}

async fn journey() {
    let app = spawn_app(Backend::Sqlite).await;
    let base = serve(&app).await;
    let driver = start_driver().await;
    let axe = axe_script();
    kakehashi::db::users::create_coordinator(
        &app.app.db,
        &app.app.clock,
        "office@kakehashi.jp",
        "事務局 佐藤",
        "coordinator-password-1",
    )
    .await
    .unwrap();

    let coord = Tab::open(&driver, &base, &axe, LAPTOP).await;
    let mentee = Tab::open(&driver, &base, &axe, PHONE).await;
    let mentor = Tab::open(&driver, &base, &axe, PHONE).await;

    // The public pages.
    mentee.go("/").await;
    mentee.check_page("landing").await;
    mentee.go("/login").await;
    mentee.check_page("login").await;

    // The coordinator invites a mentor.
    coord
        .sign_in("office@kakehashi.jp", "coordinator-password-1")
        .await;
    assert_eq!(coord.path().await, "/coordinator/intakes");
    coord.check_page("coordinator-queue-empty").await;
    coord.go("/coordinator/mentors/new").await;
    coord.fill("email", "suzuki@example.jp").await;
    coord.fill("display_name", "鈴木 恵子").await;
    coord.fill("headline", "IT企業の部長").await;
    coord.fill("capacity", "2").await;
    coord
        .click("form[action='/coordinator/mentors/new'] button[type=submit]")
        .await;
    assert_eq!(coord.path().await, "/coordinator/mentors");

    // The mentor follows her link and sets her password and profile.
    let token = app.invitation_token("suzuki@example.jp").await;
    mentor.go(&format!("/invitations/{token}")).await;
    mentor.check_page("mentor-invitation").await;
    mentor.fill("password", "mentor-password-1").await;
    mentor.click("form button[type=submit]").await;
    assert_eq!(mentor.path().await, "/mentor/profile");
    mentor
        .fill("bio", "二人の子を育てながら管理職になりました。")
        .await;
    mentor.set("industry", "it_telecom").await;
    mentor.set("company_size", "large").await;
    mentor.set("job_function", "engineering").await;
    mentor.set("position", "manager").await;
    mentor.choose("experiences", "parenting").await;
    mentor.choose("accepting", "true").await;
    mentor.check_page("mentor-profile").await;
    mentor
        .click("form[action='/mentor/profile'] button[type=submit]")
        .await;
    mentor.saved().await;

    // The mentee registers on her phone and fills the intake, leaving half-way.
    mentee.go("/register").await;
    mentee.check_page("register").await;
    // A mistake is announced and named beside its field.
    mentee.fill("email", "office@kakehashi.jp").await;
    mentee.fill("display_name", "山田 花子").await;
    mentee.fill("password", "とても長い合言葉です123").await;
    mentee
        .click("form[action='/register'] button[type=submit]")
        .await;
    let summary = mentee
        .el(".error-summary[role=alert]")
        .await
        .text()
        .await
        .unwrap();
    assert!(summary.contains("メールアドレス"), "{summary}");
    let invalid = mentee
        .el("#f-email")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    mentee.check_page("register-errors").await;
    mentee.fill("email", "hanako@example.jp").await;
    mentee.fill("display_name", "山田 花子").await;
    mentee.fill("password", "とても長い合言葉です123").await;
    mentee
        .click("form[action='/register'] button[type=submit]")
        .await;
    assert_eq!(mentee.path().await, "/intake/step/1");
    mentee.check_page("intake-step-1").await;
    for (name, value) in [
        ("age_band", "30s"),
        ("industry", "it_telecom"),
        ("company_size", "large"),
        ("job_function", "engineering"),
        ("position", "leader"),
        ("employment", "full_time"),
    ] {
        mentee.set(name, value).await;
    }
    mentee.click("button[name=action][value=next]").await;
    assert_eq!(mentee.path().await, "/intake/step/2");
    mentee.fill("children", "1").await;
    mentee.fill("youngest_child_age", "2").await;
    mentee.set("leave_status", "returned_within_1y").await;
    mentee.choose("availability", "weekday_evening").await;
    mentee.fill("phone", "090-1234-5678").await;
    mentee.choose("call_ok", "true").await;
    mentee.click("button[name=action][value=save]").await;
    mentee.sign_out().await;
    // ... and comes back later: what she saved is there.
    mentee
        .sign_in("hanako@example.jp", "とても長い合言葉です123")
        .await;
    mentee.go("/intake/step/2").await;
    let phone = mentee.el("[name=phone]").await.value().await.unwrap();
    assert_eq!(phone.as_deref(), Some("090-1234-5678"));
    mentee.click("button[name=action][value=next]").await;
    assert_eq!(mentee.path().await, "/intake/step/3");
    mentee.choose("concerns", "return_from_leave").await;
    mentee.choose("concerns", "management_offer").await;
    mentee
        .fill(
            "concern_detail",
            "育休から復帰して半年、時短勤務で責任のある仕事から外されたように感じています。管理職の打診もありましたが両立できるか不安です。",
        )
        .await;
    mentee.fill("goals", "1年後の働き方を決めたい").await;
    mentee.check_page("intake-step-3").await;
    mentee.click("button[name=action][value=next]").await;
    assert_eq!(mentee.path().await, "/intake/step/4");
    mentee.choose("pref_parenting", "must").await;
    mentee.choose("plan", "single").await;
    mentee.click("button[name=action][value=next]").await;
    assert_eq!(mentee.path().await, "/intake/review");
    mentee.check_page("intake-review").await;
    mentee.choose("consent", "true").await;
    mentee.choose("share_sheets", "true").await;
    mentee
        .click("form[action='/intake/submit'] button[type=submit]")
        .await;
    assert_eq!(mentee.path().await, "/home", "{}", mentee.body().await);
    mentee.check_page("mentee-home").await;

    // The coordinator reviews, notes a call and assigns the mentor.
    coord.go("/coordinator/intakes").await;
    assert!(coord.body().await.contains("山田 花子"));
    coord.check_page("coordinator-queue").await;
    coord.click("a[href^='/coordinator/intakes/']").await;
    let intake_path = coord.path().await;
    coord.check_page("coordinator-intake").await;
    coord.fill("note", "平日夜が希望とのこと。").await;
    coord
        .click("form[action$='/call-notes'] button[type=submit]")
        .await;
    assert!(coord.body().await.contains("平日夜が希望とのこと。"));
    coord.click("a[href$='/candidates']").await;
    assert_eq!(coord.path().await, format!("{intake_path}/candidates"));
    coord.check_page("coordinator-candidates").await;
    coord
        .fill("message", "平日夜のご経験が合いそうです。ご検討ください。")
        .await;
    coord
        .click("form[action$='/assignments'] button[type=submit]")
        .await;
    assert_eq!(coord.path().await, intake_path);

    // The mentor accepts and proposes a time.
    mentor.go("/mentor").await;
    mentor.check_page("mentor-home").await;
    mentor.click("a[href^='/mentor/assignments/']").await;
    mentor.check_page("mentor-assignment").await;
    mentor
        .click("form[action$='/accept'] button[type=submit]")
        .await;
    assert!(mentor.path().await.starts_with("/plans/"));
    let plan_path = mentor.path().await;
    mentor.check_page("plan").await;
    mentor.click("a[href^='/sessions/']").await;
    let session_path = mentor.path().await;
    mentor.set("slot_1", "2026-12-03T20:00").await;
    mentor.set("duration", "60").await;
    mentor.fill("message", "平日の夜でいかがでしょうか。").await;
    mentor
        .click("form[action$='/propose'] button[type=submit]")
        .await;
    assert_eq!(mentor.path().await, session_path);

    // The mentee chooses it; the mentor marks it held after the session.
    mentee.go(&session_path).await;
    assert!(mentee.body().await.contains("2026年12月3日"));
    mentee.check_page("session-choose").await;
    mentee
        .click("form[action$='/confirm'] button[type=submit]")
        .await;
    mentee.saved().await;
    assert!(mentee.body().await.contains("日程確定"));
    assert!(mentee
        .driver
        .find_all(By::Css("form[action$='/confirm']"))
        .await
        .unwrap()
        .is_empty());
    mentor.go(&session_path).await;
    mentor
        .click("form[action$='/held'] button[type=submit]")
        .await;
    mentor.saved().await;
    assert!(mentor.body().await.contains("実施済み"));

    // The sheet: she types, the draft saves itself, and survives a reload.
    let sheet_path = format!("{session_path}/sheet");
    mentee.go(&sheet_path).await;
    mentee.check_page("sheet-write").await;
    let realization = "自分の経験が管理職に活かせると気づきました。";
    mentee.fill("realizations", realization).await;
    let status = mentee
        .driver
        .query(By::Css(".save-status"))
        .with_text(thirtyfour::stringmatch::StringMatch::new("自動保存しました").partial())
        .wait(Duration::from_secs(30), Duration::from_millis(200))
        .first()
        .await;
    assert!(
        status.is_ok(),
        "the draft autosaves: {}",
        mentee.body().await
    );
    // The server has it: nothing is left pending on the device, and the API
    // (not a copy in the browser) answers the text.
    let mut pending = true;
    for _ in 0..100 {
        let left = mentee
            .driver
            .execute(
                "return Object.keys(localStorage).filter(k => k.startsWith('kakehashi-sheet-')).length;",
                Vec::<Value>::new(),
            )
            .await
            .expect("storage");
        if left.json() == &json!(0) {
            pending = false;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!pending, "the autosave left text only on the device");
    let session_id = session_path.trim_start_matches("/sessions/");
    let token = app
        .token("hanako@example.jp", "とても長い合言葉です123")
        .await;
    let r = app
        .get(&format!("/api/v1/sessions/{session_id}/sheet"), &token)
        .await;
    assert_eq!(r.body["sheet"]["realizations"], realization);
    mentee.go(&sheet_path).await;
    let kept = mentee
        .el("[name=realizations]")
        .await
        .value()
        .await
        .unwrap();
    assert_eq!(
        kept.as_deref(),
        Some(realization),
        "the draft survived a reload"
    );
    mentee
        .fill("next_actions", "来週、上司との面談を申し込みます。")
        .await;
    mentee.click("button[name=action][value=submit]").await;
    assert_eq!(mentee.path().await, sheet_path);
    assert!(mentee.body().await.contains("提出しました"));

    // The mentor replies, naming her strengths.
    mentor.go(&sheet_path).await;
    mentor.check_page("sheet-reply").await;
    mentor.fill("message", "よく考えられていますね。").await;
    mentor
        .fill("strengths", "相手の話を最後まで聴ける傾聴力")
        .await;
    mentor
        .click("form[action$='/reply'] button[type=submit]")
        .await;
    assert!(mentor.body().await.contains("返信を送りました"));

    // She reads the exchange and gives her feedback.
    let plan_id = plan_path.trim_start_matches("/plans/");
    mentee.go(&format!("/plans/{plan_id}/exchange")).await;
    assert!(mentee.body().await.contains("傾聴力"));
    mentee.check_page("exchange").await;
    mentee.go(&plan_path).await;
    mentee
        .click(&format!("a[href='/plans/{plan_id}/feedback']"))
        .await;
    mentee.check_page("feedback").await;
    mentee.choose("satisfaction", "5").await;
    mentee.choose("positive_action", "yes").await;
    mentee
        .fill("positive_action_detail", "上司に面談を申し込んだ")
        .await;
    mentee
        .click("form[action$='/feedback'] button[type=submit]")
        .await;
    assert!(mentee.body().await.contains("ありがとうございました"));

    // Her data rights: the record shows the consent she gave, and the forms
    // to download, correct and delete are there.
    mentee.go("/settings").await;
    mentee.click("a[href='/settings/privacy']").await;
    let body = mentee.body().await;
    assert!(
        body.contains("に同意しました") && body.contains("ダウンロードする"),
        "{body}"
    );
    mentee.check_page("privacy").await;
    mentee.go("/settings/account").await;
    mentee.check_page("account").await;

    // The coordinator's figures and stalled pairs.
    coord.go("/coordinator/outcomes").await;
    let big = coord.el(".figure .big").await.text().await.unwrap();
    assert_eq!(big, "100%", "matching satisfaction");
    coord.check_page("coordinator-outcomes").await;
    coord.go("/coordinator/stalled").await;
    coord.check_page("coordinator-stalled").await;
    coord.go("/coordinator/emails").await;
    assert!(coord
        .body()
        .await
        .contains("届かなかったメールはありません"));
    coord.check_page("coordinator-emails").await;
    coord.go("/nowhere").await;
    coord.check_page("not-found").await;

    // Too many wrong passwords: told to wait, in the same design.
    coord.go("/coordinator/intakes").await;
    coord.sign_out().await;
    for _ in 0..6 {
        coord
            .sign_in("office@kakehashi.jp", "wrong-password-123")
            .await;
    }
    assert!(
        coord.body().await.contains("しばらく"),
        "{}",
        coord.body().await
    );
    coord.check_page("too-many-attempts").await;

    // A page she may not open, in the same design and her language.
    mentee.go("/coordinator/intakes").await;
    let body = mentee.body().await;
    assert!(
        body.contains("このページは表示できません") && body.contains("山田 花子さん"),
        "{body}"
    );
    mentee.check_page("forbidden").await;

    // The mentor prefers English: her setting wins over the browser's Japanese.
    mentor.go("/settings").await;
    mentor.check_page("settings").await;
    mentor.set("locale", "en").await;
    mentor
        .click("form[action='/settings'] button[type=submit]")
        .await;
    mentor.go(&plan_path).await;
    let body = mentor.body().await;
    assert!(
        body.contains("Settings") && body.contains("Session 1"),
        "{body}"
    );
    mentor.go("/coordinator/intakes").await;
    assert!(mentor.body().await.contains("You cannot view this page"));

    for t in [coord, mentee, mentor] {
        t.driver.quit().await.ok();
    }
}
