//! The one place that decides whether a `message` event is trusted.
//!
//! SPEC §3.1: a message is read only when `event.origin` is exactly the
//! issuer's origin **and** `event.source` is one of the flow's own windows
//! (its iframe's window, or the popup it opened). Everything else — other
//! origins, other frames on the issuer's origin, the page itself — is
//! dropped before any field of the message is looked at.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlIFrameElement, MessageEvent, Window};

use crate::protocol::MessageKind;

/// A window the flow expects messages from.
#[derive(Clone)]
pub enum Source {
    /// The window inside this iframe (looked up at check time, so reloads are fine).
    Frame(HtmlIFrameElement),
    /// A popup window the flow opened.
    Popup(Window),
}

impl Source {
    fn is(&self, sender: &JsValue) -> bool {
        match self {
            Self::Frame(frame) => frame
                .content_window()
                .is_some_and(|w| Object::is(&w, sender)),
            Self::Popup(w) => Object::is(w, sender),
        }
    }
}

/// The windows a flow currently accepts messages from; shared with the flow
/// so that a popup opened later can be added.
#[derive(Clone, Default)]
pub struct Sources(Rc<RefCell<Vec<Source>>>);

impl Sources {
    /// Accept messages from `source` too.
    pub fn add(&self, source: Source) {
        self.0.borrow_mut().push(source);
    }

    /// Stop accepting messages from popups (the popup was closed).
    pub fn remove_popups(&self) {
        self.0
            .borrow_mut()
            .retain(|s| matches!(s, Source::Frame(_)));
    }

    fn contains(&self, sender: &JsValue) -> bool {
        self.0.borrow().iter().any(|s| s.is(sender))
    }
}

impl crate::protocol::SuccessPayload {
    /// Reads `{redirectUrl: string}` from a message payload (any other shape → `None`).
    /// Read field by field rather than through serde-wasm-bindgen: the same
    /// result, without serde's error-formatting code in the wasm (README, "Size").
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
}

thread_local! {
    /// Property names read on every message, and the runtime's (by far most
    /// frequent) event type, as JS strings made once: a `&str` would be
    /// decoded from UTF-8 again on each read, a `type` copied into wasm.
    static KEYS: [JsValue; 4] =
        ["origin", "type", "payload", "ave:connector:event"].map(JsValue::from_str);
}

/// Checks origin and source, then the envelope `{type, payload}`. The origin
/// stays a JS string, compared with `===` rather than copied into wasm.
fn trusted(event: &MessageEvent, origin: &JsValue, sources: &Sources) -> Option<TrustedMessage> {
    KEYS.with(|[origin_key, type_key, payload_key, runtime_event]| {
        if Reflect::get(event, origin_key).ok()? != *origin {
            return None;
        }
        let sender: JsValue = event.source()?.into();
        if !sources.contains(&sender) {
            return None;
        }
        let data = event.data();
        if !data.is_object() {
            return None;
        }
        let kind = Reflect::get(&data, type_key).ok()?;
        let kind = if kind == *runtime_event {
            MessageKind::RuntimeEvent
        } else {
            MessageKind::from_type(&kind.as_string()?)?
        };
        let payload = Reflect::get(&data, payload_key).unwrap_or(JsValue::UNDEFINED);
        Some(TrustedMessage { kind, payload })
    })
}

/// A `message` listener on `window` that passes only trusted messages on.
/// Dropping it removes the listener.
#[must_use = "the listener is removed when this is dropped"]
pub struct Channel {
    _listener: EventListener,
}

impl Channel {
    /// Listens for messages from `origin` sent by one of `sources`.
    pub fn listen(
        window: &Window,
        origin: String,
        sources: Sources,
        mut on_message: impl FnMut(TrustedMessage) + 'static,
    ) -> Self {
        let origin = JsValue::from_str(&origin);
        let listener = EventListener::new_with_options(
            window,
            "message",
            EventListenerOptions::run_in_capture_phase(),
            move |event| {
                let Some(event) = event.dyn_ref::<MessageEvent>() else {
                    return;
                };
                if let Some(message) = trusted(event, &origin, &sources) {
                    on_message(message);
                }
            },
        );
        Self {
            _listener: listener,
        }
    }
}
