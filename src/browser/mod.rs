//! The browser shell: everything that touches `web-sys`.

pub mod api;
mod channel;
pub(crate) mod dom;
mod entry;
mod events;
// The JavaScript entry: only the npm build exports it (a Rust app's wasm
// exports what the app exports, nothing of the SDK's).
#[cfg(feature = "npm-build")]
mod exports;
mod flows;
mod globals;
#[cfg(feature = "npm-build")]
mod js_options;
#[cfg(feature = "npm-build")]
mod panic;
mod requests;
mod ui;
