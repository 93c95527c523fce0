//! The browser shell: everything that touches `web-sys`.

pub mod api;
mod channel;
pub(crate) mod dom;
mod entry;
mod events;
mod exports;
mod flows;
mod globals;
mod js_options;
mod panic;
mod requests;
mod ui;
