//! What flows report to the app: typed for Rust callers, with the exact
//! JavaScript object (`payload`) that 0.6.0 hands to its callbacks.

use std::fmt;
use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::browser::dom::error_object;
use crate::error::ErrorCode;

/// `onSuccess`: the issuer approved; `redirect_url` was checked against
/// `redirectUri` and `state`.
pub struct SuccessEvent {
    /// `redirectUri` with `code` and `state` appended by the issuer.
    pub redirect_url: String,
    /// The issuer's payload object, given to JavaScript's `onSuccess`.
    pub payload: JsValue,
}

/// `onError`: an error code (the SDK's or the issuer's) and a message.
pub struct ErrorEvent {
    /// e.g. `popup_blocked`, `interaction_required`, `access_denied`.
    pub error: String,
    /// A human-readable explanation, when there is one.
    pub message: Option<String>,
    /// The object given to JavaScript's `onError`.
    pub payload: JsValue,
}

impl ErrorEvent {
    /// An error raised by the SDK itself.
    pub fn from_code(code: ErrorCode) -> Self {
        Self {
            error: code.as_str().to_owned(),
            message: Some(code.message().to_owned()),
            payload: error_object(code.as_str(), code.message()),
        }
    }

    /// A queued runtime request could not be posted (e.g. not cloneable).
    pub fn send_failed(cause: &JsValue) -> Self {
        let message = js_sys::Error::from(cause.clone())
            .message()
            .as_string()
            .unwrap_or_default();
        let message = if message.is_empty() {
            "The request could not be sent to the runtime.".to_owned()
        } else {
            message
        };
        Self {
            error: "send_failed".to_owned(),
            payload: error_object("send_failed", &message),
            message: Some(message),
        }
    }

    /// An `ave:error` payload from the issuer, passed through as it came
    /// when it is an object with a string `error`.
    pub fn from_issuer(payload: JsValue) -> Self {
        let field = |name: &str| {
            if payload.is_object() {
                Reflect::get(&payload, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
            } else {
                None
            }
        };
        match field("error") {
            Some(error) => Self {
                message: field("message"),
                error,
                payload,
            },
            None => {
                let message = "The issuer reported an error without a code.";
                Self {
                    error: "issuer_error".to_owned(),
                    message: Some(message.to_owned()),
                    payload: error_object("issuer_error", message),
                }
            }
        }
    }
}

impl fmt::Debug for SuccessEvent {
    // The redirect URL carries an authorization code: never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SuccessEvent { redirect_url: <redacted> }")
    }
}

impl fmt::Debug for ErrorEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorEvent")
            .field("error", &self.error)
            .field("message", &self.message)
            .finish()
    }
}

/// How a flow ended: exactly one of these is reported, once (SPEC §3.7).
pub enum Outcome {
    /// `onSuccess`.
    Success(SuccessEvent),
    /// `onError`.
    Error(ErrorEvent),
    /// `onClose`: ended without a result.
    Closed,
}

/// The callbacks of a connector flow, from Rust.
#[derive(Default)]
pub struct ConnectorCallbacks {
    on_success: Option<Box<dyn FnMut(SuccessEvent)>>,
    on_error: Option<Box<dyn FnMut(ErrorEvent)>>,
    on_close: Option<Box<dyn FnMut()>>,
}

impl ConnectorCallbacks {
    /// Called once with the checked redirect URL.
    pub fn on_success(mut self, f: impl FnMut(SuccessEvent) + 'static) -> Self {
        self.on_success = Some(Box::new(f));
        self
    }

    /// Called once when the flow fails.
    pub fn on_error(mut self, f: impl FnMut(ErrorEvent) + 'static) -> Self {
        self.on_error = Some(Box::new(f));
        self
    }

    /// Called once when the flow ends without a result (dismissed or `close()`).
    pub fn on_close(mut self, f: impl FnMut() + 'static) -> Self {
        self.on_close = Some(Box::new(f));
        self
    }

    /// Reports `outcome` to the matching callback.
    pub(crate) fn report(mut self, outcome: Outcome) {
        match outcome {
            Outcome::Success(e) => {
                if let Some(f) = self.on_success.as_mut() {
                    f(e);
                }
            }
            Outcome::Error(e) => {
                if let Some(f) = self.on_error.as_mut() {
                    f(e);
                }
            }
            Outcome::Closed => {
                if let Some(f) = self.on_close.as_mut() {
                    f();
                }
            }
        }
    }
}

/// The callbacks of a connector runtime, from Rust. Unlike a flow's
/// callbacks they run many times (every event), so they are shared `Rc`s
/// that are cloned out before being called (no borrow held during a call).
#[derive(Clone, Default)]
pub struct RuntimeCallbacks {
    pub(crate) on_ready: Option<Rc<dyn Fn()>>,
    pub(crate) on_event: Option<Rc<dyn Fn(JsValue)>>,
    pub(crate) on_error: Option<Rc<dyn Fn(ErrorEvent)>>,
}

impl RuntimeCallbacks {
    /// The runtime frame answered the init message (after every load).
    pub fn on_ready(mut self, f: impl Fn() + 'static) -> Self {
        self.on_ready = Some(Rc::new(f));
        self
    }

    /// A runtime event; always a plain object (SPEC §3.5).
    pub fn on_event(mut self, f: impl Fn(JsValue) + 'static) -> Self {
        self.on_event = Some(Rc::new(f));
        self
    }

    /// A runtime error, or `timeout` when `ready` did not come in time.
    pub fn on_error(mut self, f: impl Fn(ErrorEvent) + 'static) -> Self {
        self.on_error = Some(Rc::new(f));
        self
    }
}
