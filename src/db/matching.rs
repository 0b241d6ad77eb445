//! Candidates for an intake: the roster with its loads, ranked by the domain's
//! scoring function.
use super::entities::intakes;
use super::mentors::{self, MentorView};
use crate::domain::matching::{rank, MentorCandidate, Ranked};
use crate::error::AppResult;
use sea_orm::ConnectionTrait;

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

/// The best `limit` mentors of the whole roster for this intake, each with its explanation.
pub async fn candidates<C: ConnectionTrait>(
    conn: &C,
    intake: &intakes::Model,
    limit: usize,
) -> AppResult<Vec<(Ranked, MentorView)>> {
    Ok(rank_roster(&mentors::all(conn).await?, intake, limit))
}

/// Rank an already-loaded roster (a page that also shows mentor names loads it once).
pub fn rank_roster(
    roster: &[MentorView],
    intake: &intakes::Model,
    limit: usize,
) -> Vec<(Ranked, MentorView)> {
    let pool: Vec<MentorCandidate> = roster.iter().map(candidate).collect();
    let ranked = rank(&super::intakes::fields(intake), &pool, limit);
    ranked
        .into_iter()
        .filter_map(|r| {
            roster
                .iter()
                .find(|m| m.row.id as i64 == r.mentor_id)
                .cloned()
                .map(|m| (r, m))
        })
        .collect()
}
