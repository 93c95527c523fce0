//! Popup windows: opened centred over the page, watched until closed.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use web_sys::Window;

use crate::browser::dom::Timer;

/// How often a popup is checked for having been closed by the user (docs/security.md#popups: ~1 s).
const CLOSED_POLL_MS: u32 = 400;

#[wasm_bindgen(module = "/src/browser/dom.js")]
extern "C" {
    /// Opens `url` in a popup named `name`, `width` × `height`, centred
    /// over `win`, in one crossing (four `window` reads, the numbers
    /// formatted, the open). Must run inside the user's click: no `await`
    /// before it. `Ok(None)` means the browser blocked it.
    #[wasm_bindgen(catch, js_name = openCentered)]
    pub fn open_centered(
        win: &Window,
        url: &str,
        name: &str,
        width: u32,
        height: u32,
    ) -> Result<Option<Window>, JsValue>;
}

/// An open popup, polled until the user closes it. Dropping it stops the
/// polling and closes the window if it is still open.
pub struct Popup {
    window: Window,
    _poll: Timer,
}

impl Popup {
    /// Watches `window`; `on_closed` runs once the user has closed it.
    pub fn watch(window: Window, on_closed: impl Fn() + 'static) -> Self {
        let polled = window.clone();
        let reported = core::cell::Cell::new(false);
        let poll = Timer::every(CLOSED_POLL_MS, move || {
            if !reported.get() && polled.closed().unwrap_or(true) {
                reported.set(true);
                on_closed();
            }
        });
        Self {
            window,
            _poll: poll,
        }
    }

    /// Brings the popup to the front.
    pub fn focus(&self) {
        let _ = self.window.focus();
    }

    /// Whether the user already closed it.
    pub fn is_closed(&self) -> bool {
        self.window.closed().unwrap_or(true)
    }
}

impl Drop for Popup {
    fn drop(&mut self) {
        if !self.is_closed() {
            let _ = self.window.close();
        }
    }
}
