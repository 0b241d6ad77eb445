//! HTTP: HTML pages (`pages/`) and the JSON API (`api/`), both thin over the
//! same `db` operations and `domain` rules.
pub mod api;
pub mod errors;
pub mod pages;
pub mod setup;

use rocket::Route;

pub fn pages() -> Vec<Route> {
    let mut r = pages::routes();
    r.extend(setup::routes());
    r
}

pub fn api() -> Vec<Route> {
    api::routes()
}
