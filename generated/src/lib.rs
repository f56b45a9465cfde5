//! Placeholder until the first `cargo xtask generate`.
