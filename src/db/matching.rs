//! Candidates for an intake: the roster with its loads, ranked by the domain's
//! scoring function.
use super::entities::intakes;
use super::mentors::{self, MentorView};
use super::Db;
use crate::domain::matching::{rank, MentorCandidate, Ranked};
use crate::error::AppResult;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// Rankings made with the current roster, per intake (see `candidates`).
    ranked: std::sync::Mutex<Rankings>,
}

/// Rankings made with one roster: a ranking is a pure function of the
/// roster and the intake's fields, so it holds while both are unchanged.
#[derive(Default)]
struct Rankings {
    roster: Option<std::sync::Weak<Vec<MentorCandidate>>>,
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
    let pool = Arc::new(read_roster(&db.conn).await?);
    if let Ok(mut current) = cache.current.lock() {
        *current = Some((generation, Instant::now(), pool.clone()));
    }
    Ok(pool)
}

/// Every mentor as a candidate, reading only what ranking needs: her
/// profile's text and her load (not her account, nor the views the pages show).
async fn read_roster<C: sea_orm::ConnectionTrait>(conn: &C) -> AppResult<Vec<MentorCandidate>> {
    use super::entities::mentor_profiles;
    use crate::domain::mentor::Profile;
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    let loads = mentors::loads(conn, None).await?;
    let rows: Vec<(i32, String)> = mentor_profiles::Entity::find()
        .select_only()
        .columns([
            mentor_profiles::Column::Id,
            mentor_profiles::Column::Profile,
        ])
        .order_by_asc(mentor_profiles::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, text)| {
            let profile: Profile = serde_json::from_str(&text).unwrap_or_default();
            let (active, pending) = loads.get(&id).copied().unwrap_or_default();
            MentorCandidate {
                mentor_id: id as i64,
                industry: profile.industry,
                company_size: profile.company_size,
                job_function: profile.job_function,
                position: profile.position,
                experiences: profile.experiences,
                capacity: profile.capacity,
                accepting: profile.accepting,
                load: active + pending,
            }
        })
        .collect())
}

/// The best `limit` mentors of the whole roster for this intake, each with
/// its explanation; only those `limit` mentors are read in full.
pub async fn candidates(
    db: &Db,
    intake: &intakes::Model,
    limit: usize,
) -> AppResult<Vec<(Ranked, MentorView)>> {
    let pool = roster(db).await?;
    let ranked = ranking(&db.roster, &pool, intake, limit);
    let ids: Vec<i32> = ranked.iter().map(|r| r.mentor_id as i32).collect();
    let views = mentors::by_ids(&db.conn, &ids).await?;
    Ok(ranked
        .iter()
        .cloned()
        .filter_map(|r| {
            views
                .iter()
                .find(|m| m.row.id as i64 == r.mentor_id)
                .cloned()
                .map(|m| (r, m))
        })
        .collect())
}

/// The ranking of this intake against `pool`, made once per roster and
/// version of her fields.
fn ranking(
    cache: &RosterCache,
    pool: &Arc<Vec<MentorCandidate>>,
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
    let ranked = Arc::new(rank(&super::intakes::fields(intake), pool, limit));
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
