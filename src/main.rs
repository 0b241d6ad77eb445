//! The `kakehashi` binary: no argument serves; `migrate`; `create-coordinator`;
//! `demo` fills the database with a realistic programme.
use clap::{Parser, Subcommand};
use kakehashi::clock::{SharedClock, SystemClock};
use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

/// mimalloc rather than glibc's malloc: pages allocate per row and per
/// value, from many threads (README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kakehashi",
    about = "Kakehashi (架け橋) mentoring programme server"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create a coordinator account; the password is read from standard input.
    CreateCoordinator {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Fill the configured database with a realistic demo programme: mentors,
    /// intakes in every status, plans, sessions, sheets, sent mail. Every
    /// account's password is printed at the end.
    Demo {
        /// How many mentees.
        #[arg(long, default_value_t = 200)]
        mentees: usize,
        /// How many mentors.
        #[arg(long, default_value_t = 30)]
        mentors: usize,
        /// The random seed (the same seed gives the same programme).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// For the load scenario, on a database holding the demo: API tokens for
    /// the coordinator and for `count` mentees with a draft intake ready to
    /// submit and `count` with a draft sheet ready to submit, written as files
    /// into `out`.
    LoadKit {
        #[arg(long, default_value_t = 20000)]
        count: usize,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Serve the load scenario's floor routes (bare Rocket, one row, 100 rows,
    /// one write) on the configured database; see README, Performance.
    Floor,
}

/// Connect to the configured database and bring its schema up to date.
async fn database(figment: &rocket::figment::Figment) -> Result<kakehashi::db::Db, String> {
    let cfg: kakehashi::config::AppConfig = figment.extract().map_err(|e| e.to_string())?;
    let db = kakehashi::db::Db::connect(&cfg.database_url)
        .await
        .map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    Ok(db)
}

/// Release builds need a `secret_key` for private cookies; when none is
/// configured one is generated once and kept in `kakehashi-secret.key`.
fn figment_with_secret() -> Result<rocket::figment::Figment, String> {
    let figment = kakehashi::figment();
    // Rocket's defaults always hold a (zero) key; only a real one counts.
    let configured = rocket::Config::try_from(&figment)
        .map(|c| !c.secret_key.is_zero())
        .unwrap_or(false);
    if configured {
        return Ok(figment);
    }
    let path = std::path::Path::new("kakehashi-secret.key");
    let key = match std::fs::read_to_string(path) {
        Ok(k) if !k.trim().is_empty() => k.trim().to_string(),
        _ => {
            let bytes: [u8; 64] = std::array::from_fn(|_| rand::random::<u8>());
            let k = {
                use base64::Engine;
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
            };
            std::fs::write(path, &k).map_err(|e| format!("writing {}: {e}", path.display()))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
            k
        }
    };
    let bytes = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&key)
            .map_err(|e| format!("secret key: {e}"))?
    };
    Ok(figment.merge(("secret_key", bytes)))
}

#[rocket::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn")
            }),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kakehashi: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let figment = figment_with_secret()?;
    let clock: SharedClock = Arc::new(SystemClock);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let rocket = kakehashi::build(figment, clock).await?;
            rocket.launch().await.map_err(|e| e.to_string())?;
            Ok(())
        }
        Command::Migrate => {
            database(&figment).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo {
            mentees,
            mentors,
            seed,
        } => {
            let db = database(&figment).await?;
            let started = std::time::Instant::now();
            let s = kakehashi::demo::generate(&db, clock.now(), mentees, mentors, seed)
                .await
                .map_err(|e| e.message)?;
            println!(
                "demo programme written in {:.1} s: {} mentors, {} mentees, {} plans, {} sessions, {} sheets, {} emails",
                started.elapsed().as_secs_f64(),
                s.mentors, s.mentees, s.plans, s.sessions, s.sheets, s.emails
            );
            println!(
                "sign in as {} (coordinator), mentor0@demo.kakehashi.jp or mentee0@demo.kakehashi.jp; password: {}",
                kakehashi::demo::COORDINATOR,
                kakehashi::demo::PASSWORD
            );
            Ok(())
        }
        Command::LoadKit { count, out } => {
            // The folder first: tokens written to the database but lost on
            // the way to a file would block every rerun.
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            std::fs::write(out.join("coordinator.token"), "")
                .map_err(|e| format!("{}: {e}", out.display()))?;
            let db = database(&figment).await?;
            let kit = kakehashi::demo::load_kit(&db, clock.now(), count)
                .await
                .map_err(|e| e.message)?;
            let write = |name: &str, body: String| {
                std::fs::write(out.join(name), body).map_err(|e| format!("{name}: {e}"))
            };
            write("coordinator.token", kit.coordinator_token)?;
            write("queued-intake", kit.queued_intake.to_string())?;
            write("intakes.txt", kit.intakes.join("\n") + "\n")?;
            let sheets: Vec<String> = kit.sheets.iter().map(|(t, s)| format!("{t} {s}")).collect();
            write("sheets.txt", sheets.join("\n") + "\n")?;
            println!("load kit written to {}", out.display());
            Ok(())
        }
        Command::Floor => {
            let rocket = kakehashi::floor::build(figment).await?;
            rocket.launch().await.map_err(|e| e.to_string())?;
            Ok(())
        }
        Command::CreateCoordinator {
            email,
            name,
            password_stdin,
        } => {
            if !password_stdin {
                return Err(
                    "pass --password-stdin and write the password on standard input".into(),
                );
            }
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .map_err(|e| e.to_string())?;
            let password = password.strip_suffix('\n').unwrap_or(&password);
            let password = password.strip_suffix('\r').unwrap_or(password);
            let db = database(&figment).await?;
            let user =
                kakehashi::db::users::create_coordinator(&db, &clock, &email, &name, password)
                    .await
                    .map_err(|e| match e.fields {
                        Some(f) => format!(
                            "invalid input: {}",
                            serde_json::to_string(&f).unwrap_or_default()
                        ),
                        None => e.message,
                    })?;
            println!("coordinator {} created (id {})", user.email, user.id);
            Ok(())
        }
    }
}
