//! Popup windows: opened centred over the page, watched until closed.

use wasm_bindgen::JsValue;
use web_sys::Window;

use crate::browser::dom::{window, Timer};
use crate::encoding::{decimal, round};

/// How often a popup is checked for having been closed by the user (SPEC §3.8: ~1 s).
const CLOSED_POLL_MS: u32 = 400;

/// Opens `url` in a popup named `name`, `width` × `height`, centred over the
/// current window. Must run inside the user's click: no `await` before it.
/// `Ok(None)` means the browser blocked it.
pub fn open_centered(
    url: &str,
    name: &str,
    width: u32,
    height: u32,
) -> Result<Option<Window>, JsValue> {
    let win = window()?;
    let num = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let (x, y) = (num(win.screen_x()), num(win.screen_y()));
    let (ow, oh) = (num(win.outer_width()), num(win.outer_height()));
    // Whole pixels, formatted as integers (no float formatting code in the wasm).
    let left = whole_px(x + (ow - f64::from(width)) / 2.0);
    let top = whole_px(y + (oh - f64::from(height)) / 2.0);
    let features = [
        "popup=yes,width=",
        &decimal(width.into()),
        ",height=",
        &decimal(height.into()),
        ",left=",
        &decimal(left),
        ",top=",
        &decimal(top),
    ]
    .concat();
    win.open_with_url_and_target_and_features(url, name, &features)
}

/// A screen coordinate in whole pixels, off-screen values at 0.
fn whole_px(n: f64) -> u64 {
    round(n.max(0.0))
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
