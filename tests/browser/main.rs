//! The browser journeys, in their own test binary: cargo runs test binaries
//! one after another, so Chromium never competes for the CPU with the rest of
//! the suite.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly, on purpose"
)]
#[expect(dead_code, reason = "the shared helpers serve the API tests too")]
#[path = "../api/helpers.rs"]
mod helpers;

mod journey;
