//! `spawn_app()` gives every test its own fresh database (an SQLite file in a
//! temporary folder, or a new PostgreSQL database when
//! KAKEHASHI_TEST_POSTGRES_URL is set), a manual clock, and the outbox to read.
use chrono::TimeZone;
use kakehashi::clock::ManualClock;
use kakehashi::db::entities::outbox;
use kakehashi::App;
use rocket::figment::Figment;
use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::{Client, LocalResponse};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub client: Client,
    pub app: App,
    pub clock: ManualClock,
    pub _dir: tempfile::TempDir,
    pub figment: Figment,
}

/// The PostgreSQL server to test against, if configured.
pub fn postgres_url() -> Option<String> {
    std::env::var("KAKEHASHI_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

pub async fn fresh_postgres(base: &str) -> String {
    let name = format!("kk_test_{}", uuid::Uuid::new_v4().simple());
    let admin = sea_orm::Database::connect(base).await.unwrap_or_else(|e| {
        panic!("KAKEHASHI_TEST_POSTGRES_URL={base} is set but PostgreSQL does not answer: {e}")
    });
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let (prefix, _) = base.rsplit_once('/').expect("a database URL with a path");
    format!("{prefix}/{name}")
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, &[]).await
}

/// Like `spawn_app`, with extra configuration.
pub async fn spawn_app_with(backend: Backend, extra: &[(&str, Value)]) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = match backend {
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
        Backend::Postgres => fresh_postgres(&postgres_url().expect("postgres url")).await,
    };
    let mail_dir = dir.path().join("mail");
    let secret: Vec<u8> = (0..64).map(|_| rand::random::<u8>()).collect();
    let figment = Figment::from(kakehashi::figment())
        .merge(("database_url", database_url))
        .merge((
            "mail",
            json!({"transport": "file", "dir": mail_dir.display().to_string()}),
        ))
        .merge(("mail_worker", false))
        .merge(("secret_key", secret))
        .merge(("log_level", "off"))
        .merge(("public_url", "http://kakehashi.test"));
    let figment = extra
        .iter()
        .fold(figment, |f, (k, v)| f.merge((*k, v.clone())));
    let clock = ManualClock::new(chrono::Utc.with_ymd_and_hms(2026, 11, 20, 3, 0, 0).unwrap());
    let rocket = kakehashi::build(figment.clone(), Arc::new(clock.clone()))
        .await
        .expect("build");
    let client = Client::untracked(rocket).await.expect("client");
    let app = client.rocket().state::<App>().expect("state").clone();
    TestApp {
        client,
        app,
        clock,
        _dir: dir,
        figment,
    }
}

impl TestApp {
    /// A new process on the same database, mail folder and clock (a restart).
    pub async fn restart(self) -> TestApp {
        let TestApp {
            client,
            clock,
            _dir,
            figment,
            ..
        } = self;
        drop(client);
        let rocket = kakehashi::build(figment.clone(), Arc::new(clock.clone()))
            .await
            .expect("rebuild");
        let client = Client::untracked(rocket).await.expect("client");
        let app = client.rocket().state::<App>().expect("state").clone();
        TestApp {
            client,
            app,
            clock,
            _dir,
            figment,
        }
    }
}

/// Run a test body on SQLite, and on PostgreSQL when configured (saying
/// loudly when it is not).
#[macro_export]
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::helpers::postgres_url().is_none() {
                    eprintln!("SKIPPED ON POSTGRESQL: KAKEHASHI_TEST_POSTGRES_URL is not set");
                    return;
                }
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await;
                ($body)(app).await;
            }
        }
    };
}

pub struct ApiAnswer {
    pub status: Status,
    pub body: Value,
    pub headers: Vec<(String, String)>,
}

impl ApiAnswer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

async fn answer(res: LocalResponse<'_>) -> ApiAnswer {
    let status = res.status();
    let headers = res
        .headers()
        .iter()
        .map(|h| (h.name().to_string(), h.value().to_string()))
        .collect();
    let text = res.into_string().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    ApiAnswer {
        status,
        body,
        headers,
    }
}

impl TestApp {
    pub async fn api(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> ApiAnswer {
        let raw = body.map(|b| b.to_string());
        self.api_raw(method, path, token, raw.as_deref()).await
    }

    pub async fn api_raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> ApiAnswer {
        let mut req = match method {
            "GET" => self.client.get(path),
            "POST" => self.client.post(path),
            "PUT" => self.client.put(path),
            "PATCH" => self.client.patch(path),
            "DELETE" => self.client.delete(path),
            _ => panic!("method {method}"),
        };
        if let Some(t) = token {
            req = req.header(Header::new("Authorization", format!("Bearer {t}")));
        }
        if let Some(b) = body {
            req = req.header(ContentType::JSON).body(b);
        }
        answer(req.dispatch().await).await
    }

    pub async fn get(&self, path: &str, token: &str) -> ApiAnswer {
        self.api("GET", path, Some(token), None).await
    }
    pub async fn post(&self, path: &str, token: &str, body: Value) -> ApiAnswer {
        self.api("POST", path, Some(token), Some(body)).await
    }
    pub async fn put(&self, path: &str, token: &str, body: Value) -> ApiAnswer {
        self.api("PUT", path, Some(token), Some(body)).await
    }

    /// Register a mentee and answer her token.
    pub async fn mentee(&self, email: &str) -> String {
        let r = self
            .api("POST", "/api/v1/auth/register", None, Some(json!({"email": email, "password": "とても長い合言葉です123", "display_name": "山田 花子"})))
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        self.token(email, "とても長い合言葉です123").await
    }

    pub async fn token(&self, email: &str, password: &str) -> String {
        let r = self
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        r.body["token"].as_str().unwrap().to_string()
    }

    /// A coordinator, created as the CLI does; answers her token.
    pub async fn coordinator(&self, email: &str) -> String {
        kakehashi::db::users::create_coordinator(
            &self.app.db,
            &self.app.clock,
            email,
            "事務局 佐藤",
            "coordinator-password-1",
        )
        .await
        .unwrap();
        self.token(email, "coordinator-password-1").await
    }

    /// Invite a mentor, follow the emailed link, answer (mentor id, her token).
    pub async fn mentor(&self, coord: &str, email: &str, profile: Value) -> (i64, String) {
        let r = self
            .post(
                "/api/v1/mentors",
                coord,
                json!({"email": email, "display_name": "メンター 鈴木", "profile": profile}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        let id = r.body["mentor"]["id"].as_i64().unwrap();
        let token = self.invitation_token(email).await;
        let r = self
            .api(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(json!({"password": "mentor-password-1"})),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        (id, self.token(email, "mentor-password-1").await)
    }

    pub async fn invitation_token(&self, email: &str) -> String {
        let mail = self
            .emails_to(email)
            .await
            .into_iter()
            .find(|m| m.kind == "mentor_invitation")
            .expect("invitation email");
        let start = mail
            .text_body
            .find("/invitations/")
            .expect("link in the email")
            + "/invitations/".len();
        mail.text_body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    pub async fn emails_to(&self, address: &str) -> Vec<outbox::Model> {
        outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq(address))
            .order_by_asc(outbox::Column::Id)
            .all(&self.app.db.conn)
            .await
            .unwrap()
    }

    /// A mentee with a complete, submitted intake; answers (token, intake id).
    pub async fn submitted_mentee(&self, email: &str, extra: Value) -> (String, i64) {
        let token = self.mentee(email).await;
        let mut intake = full_intake();
        if let (Value::Object(base), Value::Object(extra)) = (&mut intake, extra) {
            base.extend(extra);
        }
        let r = self
            .api("PUT", "/api/v1/intake", Some(&token), Some(intake))
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let r = self.post("/api/v1/intake/submit", &token, json!({})).await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        (token, r.body["intake"]["id"].as_i64().unwrap())
    }
}

/// A complete intake as the API takes it.
pub fn full_intake() -> Value {
    json!({
        "age_band": "30s", "industry": "it_telecom", "company_size": "large", "job_function": "engineering",
        "position": "leader", "employment": "short_hours", "children": 2, "youngest_child_age": 3,
        "leave_status": "returned_within_1y", "concerns": ["return_from_leave", "management_offer"],
        "concern_detail": "育休から復帰して半年、時短勤務で責任のある仕事から外されたように感じています。管理職の打診もありましたが、子育てと両立できるか自信がありません。社内には相談できるロールモデルがいないため、社外の先輩の話を聞きたいです。",
        "self_check": ["flat_evaluation", "told_not_to_push"], "goals": "1年後に管理職として働くかどうか自分で決められるようになりたい",
        "mentor_preferences": [{"code": "parenting", "importance": "must"}, {"code": "same_industry", "importance": "nice"}],
        "plan": "three", "availability": ["weekday_evening", "weekend"], "phone": "090-1234-5678", "call_ok": true, "consent": true,
    })
}

/// A browser for the HTML pages: keeps its own cookies, reads the CSRF token
/// from each page, follows nothing by itself.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    cookies: std::collections::BTreeMap<String, String>,
    pub csrf: String,
}

pub struct PageAnswer {
    pub status: Status,
    pub location: Option<String>,
    pub body: String,
    /// The raw `Set-Cookie` headers of the answer.
    pub set_cookies: Vec<String>,
    pub content_type: Option<String>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Browser {
            app,
            cookies: Default::default(),
            csrf: String::new(),
        }
    }

    async fn finish(&mut self, res: LocalResponse<'_>) -> PageAnswer {
        for c in res.cookies().iter() {
            if c.value().is_empty() {
                self.cookies.remove(c.name());
            } else {
                self.cookies
                    .insert(c.name().to_string(), c.value().to_string());
            }
        }
        let status = res.status();
        let location = res.headers().get_one("Location").map(str::to_string);
        let set_cookies = res
            .headers()
            .get("Set-Cookie")
            .map(str::to_string)
            .collect();
        let content_type = res.headers().get_one("Content-Type").map(str::to_string);
        let body = res.into_string().await.unwrap_or_default();
        if let Some(i) = body.find("name=\"csrf_token\" value=\"") {
            let rest = &body[i + "name=\"csrf_token\" value=\"".len()..];
            self.csrf = rest.chars().take_while(|c| *c != '"').collect();
        }
        PageAnswer {
            status,
            location,
            body,
            set_cookies,
            content_type,
        }
    }

    /// The value this browser holds for a cookie (as the server sent it).
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.get(name).cloned()
    }

    /// Put a cookie value back (replaying an old one).
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_string(), value.to_string());
    }

    /// Post a form with the current CSRF token and extra request headers
    /// (`Origin`, `Sec-Fetch-Site`, …).
    pub async fn post_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> PageAnswer {
        let mut pairs: Vec<(String, String)> = vec![("csrf_token".into(), self.csrf.clone())];
        pairs.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        let mut req = self
            .with_cookies(self.app.client.post(path.to_string()))
            .header(ContentType::Form)
            .body(body);
        for (k, v) in headers {
            req = req.header(Header::new(k.to_string(), v.to_string()));
        }
        let res = req.dispatch().await;
        self.finish(res).await
    }

    /// Sign in through the login page.
    pub async fn login(&mut self, email: &str, password: &str) -> PageAnswer {
        self.get("/login").await;
        let r = self
            .post("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(r.status, Status::SeeOther, "login as {email}: {}", r.body);
        r
    }

    fn with_cookies<'c>(
        &self,
        mut req: rocket::local::asynchronous::LocalRequest<'c>,
    ) -> rocket::local::asynchronous::LocalRequest<'c> {
        for (k, v) in &self.cookies {
            req = req.cookie(rocket::http::Cookie::new(k.clone(), v.clone()));
        }
        req
    }

    pub async fn get(&mut self, path: &str) -> PageAnswer {
        let req = self.with_cookies(self.app.client.get(path.to_string()));
        let res = req.dispatch().await;
        self.finish(res).await
    }

    /// Post a form with the current CSRF token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> PageAnswer {
        let mut pairs: Vec<(String, String)> = vec![("csrf_token".into(), self.csrf.clone())];
        pairs.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self.post_raw(path, &pairs).await
    }

    pub async fn post_raw(&mut self, path: &str, pairs: &[(String, String)]) -> PageAnswer {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let req = self
            .with_cookies(self.app.client.post(path.to_string()))
            .header(ContentType::Form)
            .body(body);
        let res = req.dispatch().await;
        self.finish(res).await
    }

    /// Post a multipart form: text fields, then one file.
    pub async fn post_file(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &str),
    ) -> PageAnswer {
        let boundary = "kakehashi-test-boundary";
        let mut body = String::new();
        for (k, v) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
            ));
        }
        let (name, filename, content) = file;
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: text/calendar\r\n\r\n{content}\r\n--{boundary}--\r\n"
        ));
        let req = self
            .with_cookies(self.app.client.post(path.to_string()))
            .header(ContentType::new("multipart", "form-data").with_params(("boundary", boundary)))
            .body(body);
        let res = req.dispatch().await;
        self.finish(res).await
    }
}

/// A port nothing listens on right now (for a server a test starts itself).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Python that can import `module`: as installed, or from `target/py` where
/// `pip install --target` puts `spec` on first use. Answers the interpreter
/// and the PYTHONPATH to give it (None when none is needed). Fails loudly
/// when Python or the package cannot be had.
pub fn python_with(module: &str, spec: &str) -> (String, Option<std::path::PathBuf>) {
    use std::process::Command;
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = |path: Option<&std::path::Path>| {
        let mut c = Command::new(&python);
        c.args(["-c", &format!("import {module}")]);
        if let Some(p) = path {
            c.env("PYTHONPATH", p);
        }
        c.output().map(|o| o.status.success())
    };
    match probe(None) {
        Ok(true) => return (python, None),
        Ok(false) => {}
        Err(e) => panic!("{python} is needed for this test (Python's {module}): {e}"),
    }
    let target = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/py");
    if !matches!(probe(Some(&target)), Ok(true)) {
        let out = Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--target"])
            .arg(&target)
            .arg(spec)
            .output()
            .expect("run pip");
        assert!(
            out.status.success(),
            "could not install Python's {module} (pip install {spec}): {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        matches!(probe(Some(&target)), Ok(true)),
        "{module} still not importable"
    );
    (python, Some(target))
}
