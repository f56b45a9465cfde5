//! Hand-written runtime shared by all generated endpoints and types.
//!
//! This module is copied verbatim into the generated crate. It provides:
//!
//! * [`client`]: the HTTP [`Client`], its [`ClientBuilder`], authentication ([`Auth`]) and the
//!   transport-level [`HttpRequest`] / [`HttpResponse`] types the generated endpoints use;
//! * [`error`]: the crate-wide [`Error`] type and the decoded Elasticsearch error body
//!   ([`ApiError`], [`ErrorCause`]);
//! * [`fidelity`]: [`catch_alls`](fidelity::catch_alls), which finds the values that decoded
//!   into a catch-all variant (`Other`, `Unknown`) rather than a typed one;
//! * [`params`]: encoding of path and query-string parameters ([`PathBuilder`], [`query_pairs`],
//!   [`stringify()`]);
//! * [`serde_helpers`]: wire shapes used by the generated types ([`Nullable`], [`SingleKey`],
//!   [`WireEnum`], [`ExternallyTagged`], [`TypedKeys`], [`ShortcutForm`]);
//! * [`unions`]: decoding of untagged unions and containers, [`OneOrMany`] and [`Redacted`].

pub mod client;
pub mod error;
pub mod fidelity;
pub mod params;
pub mod secrets;
pub mod serde_helpers;
pub mod unions;

pub use client::{Auth, Client, ClientBuilder, HttpRequest, HttpResponse, RequestBody};
pub use error::{ApiError, Error, ErrorCause};
pub use params::{PathBuilder, query_pairs, stringify};
pub use serde_helpers::{ExternallyTagged, Nullable, ShortcutForm, SingleKey, TypedKeys, WireEnum};
pub use unions::{OneOrMany, Redacted};
