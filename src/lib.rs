//! # ave-embed-wasm
//!
//! A Rust → WebAssembly drop-in replacement for the npm package
//! `@ave-id/embed` 0.6.0: Ave sign-in and connector flows in a bottom sheet,
//! a popup, an inline frame or a silent hidden frame, with stricter security
//! (origin *and* source-window checks, redirect and `state` validation, no
//! `"*"` targets), accessibility and leak-free cleanup.
//!
//! ## Module map
//!
//! Pure core (no browser APIs; `cargo test` on the host):
//! - [`entries`] — the ten functions, one row each (product, surface,
//!   sync or async); the npm entry and its types are tested against it
//! - [`options`] — typed, validated options (one place for every option rule)
//! - [`decide`] — what each issuer message, frame landing, blocked popup or
//!   timeout means for a flow (and each message for a runtime)
//! - [`protocol`] — issuer message types, the redirect and `state` check,
//!   the checked redirect, app keys
//! - [`urls`] — URL rules (https / loopback http) and issuer page URLs
//! - [`pkce`] — PKCE verifier / S256 challenge, nonce, `id_token` payload
//! - [`error`] — error codes and option errors
//! - [`encoding`], [`sha256`] — base64url, decimals, UTF-8; SHA-256
//!
//! `platform` is the one seam below everything: the page's window and
//! document, UTF-8 decoding, randomness, the one `fetch`, the call into the
//! app's code. It imports nothing of the crate.
//!
//! Browser shell (`wasm32` only, `src/browser/`): `exports` (what
//! JavaScript calls) and `api` (the Rust API, with `requests`) both open
//! through `entry`, which reads the options (`js_options` for a JavaScript
//! object) and hands a `FlowSpec` to `flows` (`flow`: surfaces and
//! lifecycle; `connector`, `signin`, `signing`: options → spec; `runtime`;
//! `exchange`); `channel` is the one trusted-message check, `ui` the sheet,
//! popups and frames, `dom` the DOM helpers and RAII listeners and timers,
//! `globals` the page-wide state, `events` the callbacks. docs/architecture.md
//! walks one call through them.
//!
//! ## Rust usage
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")]
//! # fn demo() -> Result<(), wasm_bindgen::JsValue> {
//! use ave_embed_wasm::{open_connector_sheet, ConnectorCallbacks, ConnectorRequest};
//!
//! let sheet = open_connector_sheet(
//!     ConnectorRequest::new("YOUR_CLIENT_ID", "https://yourapp.com/callback", "calendar:google")
//!         .scope("calendar.read calendar.write"),
//!     ConnectorCallbacks::default()
//!         .on_success(|ok| web_sys::console::log_1(&ok.redirect_url.as_str().into()))
//!         .on_error(|err| web_sys::console::warn_1(&err.error.as_str().into())),
//! )?;
//! // later: sheet.close();
//! # Ok(()) }
//! ```
//!
//! A connector runtime:
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")]
//! # fn demo(token: &str) -> Result<(), wasm_bindgen::JsValue> {
//! use ave_embed_wasm::{open_connector_runtime, RuntimeCallbacks, RuntimeRequest};
//!
//! let runtime = open_connector_runtime(
//!     RuntimeRequest::new(token).target("iris").target_origin("https://irischat.app"),
//!     RuntimeCallbacks::default().on_event(|event| web_sys::console::log_1(&event)),
//! )?;
//! let id = runtime.send(&js_sys::JSON::parse(r#"{"op":"infer","payload":{"prompt":"hi"}}"#)?)?;
//! # let _ = id;
//! # Ok(()) }
//! ```
// No `std`: the crate needs only `core` and `alloc`. For the npm build
// (feature `npm-build`) nothing links `std` at all, which leaves out its
// panic runtime and, with it, `core::fmt` (about 5 KB of wasm;
// docs/size.md); every other build links `std` for its dependents as usual.
#![no_std]
#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;
#[cfg(not(feature = "npm-build"))]
extern crate std;

/// What the `std` prelude would bring, from `alloc`: each module starts
/// with `use crate::prelude::*;`.
#[allow(unused_imports)] // a prelude: not every build uses each name
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};
}

pub mod decide;
pub mod encoding;
pub mod entries;
pub mod error;
pub mod options;
pub mod pkce;
mod platform;
pub mod protocol;
pub mod sha256;
pub mod urls;

#[cfg(target_arch = "wasm32")]
mod browser;

// Sound only with one thread (see its docs): not built with `atomics`.
#[cfg(all(
    target_arch = "wasm32",
    feature = "small-allocator",
    not(target_feature = "atomics")
))]
mod allocator;

#[cfg(target_arch = "wasm32")]
pub use browser::api::*;
