//! The programme's rules: no HTTP and no SQL here. Input is parsed once into
//! types that cannot hold bad values; problems are reported per field as
//! codes (`FieldErrors`) that the web layer turns into words.
pub mod account;
pub mod busy;
pub mod codes;
pub mod intake;
pub mod invite;
pub mod matching;
pub mod mentor;
pub mod outcomes;
pub mod schedule;
pub mod sheet;

/// Field name → problem codes (e.g. `"required"`, `"unknown_code"`).
pub type FieldErrors = std::collections::BTreeMap<String, Vec<String>>;

/// Add one problem for one field.
pub fn push_error(errors: &mut FieldErrors, field: &str, problem: &str) {
    errors
        .entry(field.to_string())
        .or_default()
        .push(problem.to_string());
}
