//! Candidates for an intake: the roster with its loads, ranked by the domain's
//! scoring function.
use super::entities::intakes;
use super::mentors;
use super::Db;
use crate::domain::matching::{rank, MentorCandidate, Ranked};
use crate::error::AppResult;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A built roster: the generation it was read at, when, and the roster.
type Built = (u64, Instant, Arc<Roster>);

/// Every mentor, ordered by id: what ranking reads, and what a candidate list
/// shows of her, read together so a list needs no query of its own.
pub struct Roster {
    pub pool: Vec<MentorCandidate>,
    /// Parallel to `pool`.
    shown: Vec<Shown>,
}

/// What a candidate list shows of a mentor besides her ranking.
#[derive(Debug, Clone)]
pub struct Shown {
    pub mentor_id: i32,
    pub display_name: String,
    pub headline: String,
    pub active: u32,
    pub pending: u32,
}

impl Roster {
    fn shown(&self, mentor_id: i64) -> Option<&Shown> {
        let i = self
            .pool
            .binary_search_by_key(&mentor_id, |m| m.mentor_id)
            .ok()?;
        self.shown.get(i)
    }
}

/// The roster as ranking needs it, built once and shared until the database
/// changes: every committed write transaction of this process bumps
/// [`Db::generation`](super::Db::generation), and a roster older than
/// [`ROSTER_MAX_AGE`] is rebuilt anyway (a second process writing to the same
/// database is seen within that time).
#[derive(Default)]
pub struct RosterCache {
    current: std::sync::Mutex<Option<Built>>,
    /// One rebuild at a time; the others wait for its result.
    building: tokio::sync::Mutex<()>,
    /// Rankings made with the current roster, per intake (see `candidates`).
    ranked: std::sync::Mutex<Rankings>,
}

/// Rankings made with one roster: a ranking is a pure function of the
/// roster and the intake's fields, so it holds while both are unchanged.
#[derive(Default)]
struct Rankings {
    roster: Option<std::sync::Weak<Roster>>,
    /// (intake id, limit) → the ranking.
    entries: HashMap<(i32, usize), Ranking>,
}

/// One intake's ranking: her fields as they were ranked, and the result.
type Ranking = (String, Arc<Vec<Ranked>>);

/// At most this many intakes' rankings are kept.
const RANKINGS_KEPT: usize = 1000;

/// The longest a cached roster is used without being rebuilt.
pub const ROSTER_MAX_AGE: Duration = Duration::from_secs(30);

impl RosterCache {
    fn fresh(&self, generation: u64) -> Option<Arc<Roster>> {
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
pub async fn roster(db: &Db) -> AppResult<Arc<Roster>> {
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
    let pool = Arc::new(read_roster(&db.conn).await?);
    if let Ok(mut current) = cache.current.lock() {
        *current = Some((generation, Instant::now(), pool.clone()));
    }
    Ok(pool)
}

/// Every mentor as a candidate, reading only what ranking and a candidate
/// list need: her profile's text, her name and her load.
async fn read_roster<C: sea_orm::ConnectionTrait>(conn: &C) -> AppResult<Roster> {
    use super::entities::{mentor_profiles, users};
    use crate::domain::mentor::Profile;
    use sea_orm::{EntityTrait, JoinType, QueryOrder, QuerySelect};
    let loads = mentors::loads(conn, None).await?;
    let rows: Vec<(i32, String, String)> = mentor_profiles::Entity::find()
        .select_only()
        .columns([
            mentor_profiles::Column::Id,
            mentor_profiles::Column::Profile,
        ])
        .column(users::Column::DisplayName)
        .join(JoinType::InnerJoin, mentors::to_account())
        .order_by_asc(mentor_profiles::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    let mut roster = Roster {
        pool: Vec::with_capacity(rows.len()),
        shown: Vec::with_capacity(rows.len()),
    };
    for (id, text, display_name) in rows {
        let profile: Profile = serde_json::from_str(&text).unwrap_or_default();
        let (active, pending) = loads.get(&id).copied().unwrap_or_default();
        roster.shown.push(Shown {
            mentor_id: id,
            display_name,
            headline: profile.headline,
            active,
            pending,
        });
        roster.pool.push(MentorCandidate {
            mentor_id: id as i64,
            industry: profile.industry,
            company_size: profile.company_size,
            job_function: profile.job_function,
            position: profile.position,
            experiences: profile.experiences,
            capacity: profile.capacity,
            accepting: profile.accepting,
            load: active + pending,
        });
    }
    Ok(roster)
}

/// The best `limit` mentors of the whole roster for this intake, each with
/// its explanation and what the list shows of her, all from the cached
/// roster (no query when it is fresh).
pub async fn candidates(
    db: &Db,
    intake: &intakes::Model,
    limit: usize,
) -> AppResult<Vec<(Ranked, Shown)>> {
    let roster = roster(db).await?;
    let ranked = ranking(&db.roster, &roster, intake, limit);
    Ok(ranked
        .iter()
        .filter_map(|r| Some((r.clone(), roster.shown(r.mentor_id)?.clone())))
        .collect())
}

/// The ranking of this intake against `pool`, made once per roster and
/// version of her fields.
fn ranking(
    cache: &RosterCache,
    pool: &Arc<Roster>,
    intake: &intakes::Model,
    limit: usize,
) -> Arc<Vec<Ranked>> {
    let key = (intake.id, limit);
    let same_roster = |r: &Rankings| {
        r.roster
            .as_ref()
            .and_then(std::sync::Weak::upgrade)
            .is_some_and(|p| Arc::ptr_eq(&p, pool))
    };
    if let Ok(r) = cache.ranked.lock() {
        if same_roster(&r) {
            if let Some((fields, ranked)) = r.entries.get(&key) {
                if *fields == intake.fields {
                    return ranked.clone();
                }
            }
        }
    }
    let ranked = Arc::new(rank(&super::intakes::fields(intake), &pool.pool, limit));
    if let Ok(mut r) = cache.ranked.lock() {
        if !same_roster(&r) || r.entries.len() >= RANKINGS_KEPT {
            r.entries.clear();
            r.roster = Some(Arc::downgrade(pool));
        }
        r.entries
            .insert(key, (intake.fields.clone(), ranked.clone()));
    }
    ranked
}
