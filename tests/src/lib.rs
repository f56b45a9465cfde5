//! Integration tests live in `tests/tests/`. This library only compiles the README's Rust
//! example as a doctest, so the example can't drift from the generated API.
#![doc = include_str!("../../README.md")]
