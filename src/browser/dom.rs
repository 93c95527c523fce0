//! Small DOM helpers shared by the UI pieces: element creation, CSSOM
//! styling (never a `style` attribute or `<style>` element, so a strict
//! `style-src 'self'` CSP is respected), animations, and the RAII
//! listener, timer and after-paint callback.

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, EventTarget, HtmlElement};

use crate::platform::page_window;

/// A callback right after the next frame is painted, cancelled if dropped
/// first (`dom.js` `afterPaint`).
#[must_use = "the callback is cancelled when this is dropped"]
pub struct AfterPaint {
    cancel: js_sys::Function,
    _callback: Closure<dyn FnMut()>,
}

impl AfterPaint {
    /// Schedules `f`.
    pub fn new(f: impl FnOnce() + 'static) -> Self {
        let callback = Closure::<dyn FnMut()>::once(f);
        Self {
            cancel: after_paint(callback.as_ref().unchecked_ref()),
            _callback: callback,
        }
    }
}

impl Drop for AfterPaint {
    fn drop(&mut self) {
        let _ = self.cancel.call0(&JsValue::UNDEFINED);
    }
}

/// An event listener on `target`, removed when this is dropped (RAII: a
/// flow's or sheet's listeners end with it).
#[must_use = "the listener is removed when this is dropped"]
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(&Event)>,
}

impl Listener {
    /// Listens for `kind` events in the bubbling phase.
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(&Event) + 'static) -> Self {
        Self::with_capture(target, kind, false, f)
    }

    /// Listens for `kind` events, in the capture phase when `capture`.
    pub fn with_capture(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        f: impl FnMut(&Event) + 'static,
    ) -> Self {
        let callback = Closure::<dyn FnMut(&Event)>::new(f);
        let _ = target.add_event_listener_with_callback_and_bool(
            kind,
            callback.as_ref().unchecked_ref(),
            capture,
        );
        Self {
            target: target.clone(),
            kind,
            capture,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// A `setTimeout` or `setInterval` timer, cleared when this is dropped.
#[must_use = "the timer is cleared when this is dropped"]
pub struct Timer {
    id: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    /// Runs `f` once after `ms` milliseconds.
    pub fn once(ms: u32, f: impl FnOnce() + 'static) -> Self {
        Self::start(Closure::once(f), ms, false)
    }

    /// Runs `f` every `ms` milliseconds.
    pub fn every(ms: u32, f: impl FnMut() + 'static) -> Self {
        Self::start(Closure::new(f), ms, true)
    }

    /// Schedules `callback` with `setInterval` when `repeat`, else `setTimeout`.
    fn start(callback: Closure<dyn FnMut()>, ms: u32, repeat: bool) -> Self {
        let f = callback.as_ref().unchecked_ref();
        let id = page_window().and_then(|w| {
            if repeat {
                w.set_interval_with_callback_and_timeout_and_arguments_0(f, ms as i32)
            } else {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(f, ms as i32)
            }
            .ok()
        });
        Self {
            id,
            _callback: callback,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // `clearTimeout` clears intervals too: both share one list of
        // timers (HTML, "timer initialisation steps").
        if let (Some(w), Some(id)) = (page_window(), self.id) {
            w.clear_timeout_with_handle(id);
        }
    }
}

/// Creates `<tag>` styled by `css` (declarations, `"position:fixed;inset:0"`)
/// through the CSSOM: one `style.cssText` write for the new element, in
/// one crossing (dom.js `styled`). `tag` is one of the SDK's constants.
pub fn element(doc: &Document, tag: &str, css: &str) -> HtmlElement {
    styled(doc, tag, css)
}

/// Sets CSS properties through `element.style.setProperty` (CSP-safe).
pub fn style(el: &HtmlElement, css: &[(&str, &str)]) {
    let s = el.style();
    for (k, v) in css {
        let _ = s.set_property(k, v);
    }
}

/// Sets attributes, ignoring the (impossible for these names) failures.
pub fn attrs(el: &Element, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        let _ = el.set_attribute(k, v);
    }
}

#[wasm_bindgen(module = "/src/browser/dom.js")]
extern "C" {
    /// Fades `overlay` in and slides `dialog` up (Web Animations API:
    /// CSP-safe, unlike injected `@keyframes`), unless the user prefers
    /// reduced motion.
    #[wasm_bindgen(js_name = slideIn)]
    pub fn slide_in(overlay: &Element, dialog: &Element);

    /// Hides the page's overflow (`<body>`, `<html>`) while a sheet is
    /// open; returns the function that puts the page's own values back.
    #[wasm_bindgen(js_name = lockScroll)]
    pub fn lock_scroll(doc: &Document) -> js_sys::Function;

    /// Runs `run` right after the next frame is painted; returns the
    /// function that cancels it.
    #[wasm_bindgen(js_name = afterPaint)]
    fn after_paint(run: &js_sys::Function) -> js_sys::Function;

    /// See [`element`]: never throws for the SDK's constant tags (no `catch`).
    fn styled(doc: &Document, tag: &str, css: &str) -> HtmlElement;

    /// A deep copy of `template` and every element in it, the copy's root
    /// first, in document order (one crossing; cannot throw).
    #[wasm_bindgen(js_name = cloneParts)]
    pub fn clone_parts(template: &Element) -> js_sys::Array;

    /// The close button's icon, an SVG × (one crossing; cannot throw).
    #[wasm_bindgen(js_name = closeIcon)]
    pub fn close_icon(doc: &Document) -> Element;
}

/// The element that has focus now, to give focus back on close.
pub fn focused_element(doc: &Document) -> Option<HtmlElement> {
    doc.active_element().and_then(|e| e.dyn_into().ok())
}

/// A plain object `{ error, message }` for `onError`.
pub fn error_object(error: &str, message: &str) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"error".into(), &error.into());
    let _ = Reflect::set(&o, &"message".into(), &message.into());
    o.into()
}
