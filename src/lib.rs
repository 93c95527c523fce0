//! # ave-embed-wasm
//!
//! A Rust → WebAssembly drop-in replacement for the npm package
//! `@ave-id/embed` 0.6.0: Ave sign-in and connector flows in a bottom sheet,
//! a popup, an inline frame or a silent hidden frame, with stricter security
//! (origin *and* source-window checks, redirect and `state` validation, no
//! `"*"` targets), accessibility and leak-free cleanup.
//!
//! ## The Rust API
//!
//! Everything public is re-exported here, at the crate root, and exists
//! only for `wasm32` (it drives the browser): the `open_*` functions (one
//! per JavaScript function of 0.6.0, plus [`mount_sign_in`] and
//! [`start_auth`]), their typed requests ([`ConnectorRequest`],
//! [`SignInRequest`], [`SigningRequest`], [`RuntimeRequest`],
//! [`ConnectorMode`]), their callbacks ([`Callbacks`] /
//! [`ConnectorCallbacks`], [`RuntimeCallbacks`], with [`SuccessEvent`] and
//! [`ErrorEvent`]), the handles they return ([`SheetHandle`],
//! [`PopupHandle`], [`EmbedHandle`], [`AuthHandle`], [`ConnectorRuntime`])
//! and why an open failed ([`OpenError`], [`OptionError`], [`Problem`]).
//! The modules below are private: a change inside them is not a change of
//! this API.
//!
//! ## Module map
//!
//! Pure core (no browser APIs; `cargo test` on the host):
//! - `entries` — the ten functions, one row each (product, surface,
//!   sync or async); the npm entry and its types are tested against it
//! - `options` — typed, validated options (one place for every option rule)
//! - `decide` — what each issuer message, frame landing, blocked popup or
//!   timeout means for a flow (and each message for a runtime)
//! - `protocol` — issuer message types, the redirect and `state` check,
//!   the checked redirect, app keys
//! - `urls` — URL rules (https / loopback http) and issuer page URLs
//! - `pkce` — PKCE verifier / S256 challenge, nonce, `id_token` payload
//! - `error` — error codes and option errors
//! - `encoding`, `sha256` — base64url, decimals, UTF-8; SHA-256
//!
//! `platform` is the one seam below everything: the page's window and
//! document, UTF-8 decoding, randomness, the one `fetch`, the call into the
//! app's code. It imports nothing of the crate.
//!
//! Browser shell (`wasm32` only, `src/browser/`): `exports` (what
//! JavaScript calls; only with the feature `npm-build`) and `api` (the
//! Rust API, with `requests`) both open
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
// No public type may appear in the API without being nameable from it
// (a type of a private module in a public signature).
#![deny(unnameable_types)]
// On the host the crate has no API (the Rust API is the browser's, wasm32
// only): its private core is built there for its tests (`cargo test`), and
// whatever only the browser shell uses is unused. The wasm32 builds keep
// the dead-code lint.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
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

mod decide;
mod encoding;
mod entries;
mod error;
mod options;
mod pkce;
mod platform;
mod protocol;
mod sha256;
mod urls;

#[cfg(target_arch = "wasm32")]
mod browser;

// Sound only with one thread (see its docs): not built with `atomics`.
#[cfg(all(
    target_arch = "wasm32",
    feature = "small-allocator",
    not(target_feature = "atomics")
))]
mod allocator;

// Tests of the private core beyond each module's own: the host's property
// tests, and the URL cases that the host (`url` crate) and the browser
// (`URL`, the `browser_tests` of `urls`) must both answer alike. The
// `browser_tests` modules (`urls`, `encoding`) run in the browser layers;
// `tests/browser.rs` tests the public API only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
#[cfg(test)]
mod url_cases;
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// The Rust API: what a Rust app names, and nothing else.
#[cfg(target_arch = "wasm32")]
pub use browser::api::{
    mount_sign_in, open_connector_popup, open_connector_runtime, open_connector_sheet,
    open_iris_delegated_runtime, open_sign_in_popup, open_sign_in_sheet, open_signing_popup,
    open_signing_sheet, start_auth, AuthHandle, Callbacks, ConnectorCallbacks, ConnectorMode,
    ConnectorRequest, ConnectorRuntime, EmbedHandle, ErrorEvent, OpenError, PopupHandle,
    RuntimeCallbacks, RuntimeRequest, SheetHandle, SignInRequest, SigningRequest, SuccessEvent,
};
#[cfg(target_arch = "wasm32")]
pub use error::{OptionError, Problem};
