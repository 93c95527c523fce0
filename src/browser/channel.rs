//! The one place that decides whether a `message` event is trusted: this
//! module and the listener it installs, `channel.js`, which runs the checks
//! in JavaScript because they run on every message.
//!
//! docs/security.md#origin-and-source: a message is read only when `event.origin` is exactly the
//! issuer's origin **and** `event.source` is one of the flow's own windows:
//! its iframe's window, a popup the SDK opened for it, or a popup that the
//! flow's iframe opened itself (the live issuer's storage-access popup,
//! whose `opener` is the iframe's window). Everything else — other origins,
//! other frames on the issuer's origin and the popups they open, issuer
//! windows the page opened, the page itself — is dropped before any field
//! of the message is looked at.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlIFrameElement, Window};

use crate::protocol::MessageKind;

#[wasm_bindgen(module = "/src/browser/channel.js")]
extern "C" {
    /// The listener itself (channel.js): the checks run in JavaScript,
    /// once per message, without crossing into wasm.
    fn listen(
        target: &Window,
        origin: &str,
        frames: &Array,
        popups: &Array,
        on_message: &Function,
        on_event: Option<&Function>,
    ) -> Function;
}

/// A window the flow expects messages from.
#[derive(Clone)]
pub enum Source {
    /// The window inside this iframe (looked up at check time, so reloads are fine).
    Frame(HtmlIFrameElement),
    /// A popup window the flow opened.
    Popup(Window),
}

/// The windows a flow currently accepts messages from, shared with the
/// listener (as JS arrays it reads per message) and with the flow, so that
/// a popup opened later can be added.
#[derive(Clone)]
pub struct Sources {
    frames: Array,
    popups: Array,
}

impl Default for Sources {
    fn default() -> Self {
        Self {
            frames: Array::new(),
            popups: Array::new(),
        }
    }
}

impl Sources {
    /// Accept messages from `source` too.
    pub fn add(&self, source: Source) {
        match source {
            Source::Frame(frame) => self.frames.push(&frame),
            Source::Popup(popup) => self.popups.push(&popup),
        };
    }

    /// Stop accepting messages from popups (the popup was closed).
    pub fn remove_popups(&self) {
        self.popups.set_length(0);
    }
}

impl crate::protocol::SuccessPayload {
    /// Reads `{redirectUrl: string}` from a message payload (any other shape → `None`).
    /// Read field by field rather than through serde-wasm-bindgen: the same
    /// result, without serde's error-formatting code in the wasm (docs/size.md).
    pub fn from_js(payload: &JsValue) -> Option<Self> {
        if !payload.is_object() {
            return None;
        }
        let redirect_url = Reflect::get(payload, &"redirectUrl".into())
            .ok()?
            .as_string()?;
        Some(Self { redirect_url })
    }
}

/// A message that passed the origin and source checks.
pub struct TrustedMessage {
    /// Its `type`.
    pub kind: MessageKind,
    /// Its `payload` (`undefined` when absent).
    pub payload: JsValue,
    /// Sent by a popup (the SDK's, or one the flow's frame opened), not by
    /// the flow's frame itself: a top-level window already.
    pub from_popup: bool,
}

/// The `message` listener of a flow on `window`, which passes only trusted
/// messages on. Dropping it removes the listener.
#[must_use = "the listener is removed when this is dropped"]
pub struct Channel {
    remove: Function,
    _on_message: Closure<dyn FnMut(JsValue, JsValue, bool)>,
}

impl Channel {
    /// Listens for messages from `origin` sent by one of `sources`. Runtime
    /// events (`ave:connector:event`) with a plain-object payload go
    /// straight to `on_event` (docs/security.md#plain-object-events) and are dropped when it is
    /// `None`; every other trusted message with a known `type` goes to
    /// `on_message`.
    pub fn listen(
        window: &Window,
        origin: &str,
        sources: &Sources,
        mut on_message: impl FnMut(TrustedMessage) + 'static,
        on_event: Option<&Function>,
    ) -> Self {
        let on_message = Closure::<dyn FnMut(JsValue, JsValue, bool)>::new(
            move |kind: JsValue, payload: JsValue, from_popup: bool| {
                if let Some(kind) = kind.as_string().as_deref().and_then(MessageKind::from_type) {
                    on_message(TrustedMessage {
                        kind,
                        payload,
                        from_popup,
                    });
                }
            },
        );
        let remove = listen(
            window,
            origin,
            &sources.frames,
            &sources.popups,
            on_message.as_ref().unchecked_ref(),
            on_event,
        );
        Self {
            remove,
            _on_message: on_message,
        }
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        let _ = self.remove.call0(&JsValue::UNDEFINED);
    }
}
