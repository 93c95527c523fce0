//! What happens on a panic. The no-panic rules (clippy `-D`, no `unwrap`
//! in library code) mean it should never happen; if it does, the wasm
//! module traps and is unusable for the page, so it is reported once,
//! clearly, instead of as a bare `RuntimeError: unreachable`.
//!
//! Only the npm build has it: it links no `std` (src/lib.rs), so the panic
//! handler is this one. A Rust app links `std` and keeps its own panic
//! handler and hook.

use crate::prelude::*;
use core::panic::Location;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::encoding::decimal;

/// Reports the internal error once, with where it happened but not the
/// message: formatting that would link `core::fmt` into the wasm for a
/// path that never runs.
fn report(location: Option<&Location<'_>>) {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    if REPORTED.swap(true, Ordering::Relaxed) {
        return;
    }
    let place = location.map_or(String::new(), |l| {
        [" at ", l.file(), ":", &decimal(l.line().into())].concat()
    });
    web_sys::console::error_1(
        &[
            "@ave-id/embed (ave-embed-wasm): internal error",
            &place,
            ". The SDK cannot be used on this page any more; reload the page, and please report this bug.",
        ]
        .concat()
        .into(),
    );
}

/// The npm build's panic handler: report, then trap.
#[panic_handler]
fn on_panic(info: &core::panic::PanicInfo<'_>) -> ! {
    report(info.location());
    core::arch::wasm32::unreachable()
}
