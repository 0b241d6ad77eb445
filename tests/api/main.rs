//! One integration binary: a module per journey, each test on a fresh database.
mod helpers;

mod access;
mod auth;
mod bad_input;
mod capacity;
mod emails;
mod journey;
mod openapi;
mod pages;
