//! One integration binary: a module per journey, each test on a fresh database.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly, on purpose"
)]
mod helpers;

mod access;
mod auth;
mod bad_input;
mod capacity;
mod crash;
mod demo;
mod emails;
mod independent_parser;
mod journey;
mod load;
mod mail_faults;
mod matrix;
mod openapi;
mod pages;
mod performance;
mod privacy;
mod security_csrf;
mod security_log;
mod security_mass_assignment;
mod security_passwords;
mod security_sessions;
mod security_xss;
mod session_pages;
mod sessions;
mod sheets;
mod smtp;
mod stalled;
