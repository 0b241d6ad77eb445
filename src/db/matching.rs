//! Candidates for an intake: the roster with its loads, ranked by the domain's
//! scoring function.
use super::entities::intakes;
use super::mentors::{self, MentorView};
use super::Db;
use crate::domain::matching::{rank, MentorCandidate, Ranked};
use crate::error::AppResult;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn candidate(m: &MentorView) -> MentorCandidate {
    MentorCandidate {
        mentor_id: m.row.id as i64,
        industry: m.profile.industry,
        company_size: m.profile.company_size,
        job_function: m.profile.job_function,
        position: m.profile.position,
        experiences: m.profile.experiences.clone(),
        capacity: m.profile.capacity,
        accepting: m.profile.accepting,
        load: m.load(),
    }
}

/// The roster as ranking needs it, built once and shared until the database
/// changes: every committed write transaction of this process bumps
/// [`Db::generation`](super::Db::generation), and a roster older than
/// [`ROSTER_MAX_AGE`] is rebuilt anyway (a second process writing to the same
/// database is seen within that time).
/// A built roster: the generation it was read at, when, and the candidates.
type Built = (u64, Instant, Arc<Vec<MentorCandidate>>);

#[derive(Default)]
pub struct RosterCache {
    current: std::sync::Mutex<Option<Built>>,
    /// One rebuild at a time; the others wait for its result.
    building: tokio::sync::Mutex<()>,
}

/// The longest a cached roster is used without being rebuilt.
pub const ROSTER_MAX_AGE: Duration = Duration::from_secs(30);

impl RosterCache {
    fn fresh(&self, generation: u64) -> Option<Arc<Vec<MentorCandidate>>> {
        let current = self.current.lock().ok()?;
        match current.as_ref() {
            Some((g, at, pool)) if *g == generation && at.elapsed() < ROSTER_MAX_AGE => {
                Some(pool.clone())
            }
            _ => None,
        }
    }
}

/// Every mentor as a ranking candidate (profile and load), from the cache
/// when nothing was written since it was built.
pub async fn roster(db: &Db) -> AppResult<Arc<Vec<MentorCandidate>>> {
    let cache = &db.roster;
    if let Some(pool) = cache.fresh(db.generation()) {
        return Ok(pool);
    }
    let _building = cache.building.lock().await;
    // Read the generation before the rows: a write committed meanwhile makes
    // this roster stale at once rather than hiding behind a newer number.
    let generation = db.generation();
    if let Some(pool) = cache.fresh(generation) {
        return Ok(pool);
    }
    let pool: Arc<Vec<MentorCandidate>> = Arc::new(
        mentors::all(&db.conn)
            .await?
            .iter()
            .map(candidate)
            .collect(),
    );
    if let Ok(mut current) = cache.current.lock() {
        *current = Some((generation, Instant::now(), pool.clone()));
    }
    Ok(pool)
}

/// The best `limit` mentors of the whole roster for this intake, each with
/// its explanation; only those `limit` mentors are read in full.
pub async fn candidates(
    db: &Db,
    intake: &intakes::Model,
    limit: usize,
) -> AppResult<Vec<(Ranked, MentorView)>> {
    let pool = roster(db).await?;
    let ranked = rank(&super::intakes::fields(intake), &pool, limit);
    let ids: Vec<i32> = ranked.iter().map(|r| r.mentor_id as i32).collect();
    let views = mentors::by_ids(&db.conn, &ids).await?;
    Ok(ranked
        .into_iter()
        .filter_map(|r| {
            views
                .iter()
                .find(|m| m.row.id as i64 == r.mentor_id)
                .cloned()
                .map(|m| (r, m))
        })
        .collect())
}
