//! Turns the Elasticsearch API specification into a typed Rust client:
//! `parse` (the `.ts` files -> [`model::Model`]) then `emit` (model -> Rust files).

pub mod conformance;
pub mod diagnostics;
pub mod emit;
pub mod example_check;
pub mod generate;
pub mod model;
pub mod parse;
pub mod policy;
pub mod spec_version;
