//! What flows report to the app: typed for Rust callers, with the exact
//! JavaScript object (`payload`) that 0.6.0 hands to its callbacks.

use crate::prelude::*;
use alloc::rc::Rc;
use core::fmt;

use js_sys::{Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::dom::error_object;
use crate::error::ErrorCode;
#[cfg(feature = "npm-build")]
use crate::platform::call_user;

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
    pub(crate) fn from_code(code: ErrorCode) -> Self {
        Self {
            error: code.as_str().to_owned(),
            message: Some(code.message().to_owned()),
            payload: error_object(code.as_str(), code.message()),
        }
    }

    /// A queued runtime request could not be posted (e.g. not cloneable).
    pub(crate) fn send_failed(cause: &JsValue) -> Self {
        // `Reflect.get`, a `catch` import: `cause` could be anything thrown.
        let message = Reflect::get(cause, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
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
    pub(crate) fn from_issuer(payload: JsValue) -> Self {
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

/// How a flow ended: exactly one of these is reported, once (docs/security.md#settle-once).
pub enum Outcome {
    /// `onSuccess`.
    Success(SuccessEvent),
    /// `onTokens` (sign-in with the SDK's PKCE): the token response object.
    Tokens(JsValue),
    /// `onError`.
    Error(ErrorEvent),
    /// `onSigned` (signing flows): the issuer's payload.
    Signed(JsValue),
    /// `onDenied` (signing flows): the issuer's payload, or `{error: "popup_blocked"}`.
    Denied(JsValue),
    /// `onClose`: ended without a result.
    Closed,
}

/// One callback: the app's JavaScript function, called with 0.6.0's
/// argument (see [`JsArgument`]), or a Rust closure (`R`). A JavaScript
/// function is kept as it is, not wrapped in a Rust closure: every closure
/// type is its own code and vtable in the wasm (docs/size.md).
#[derive(Clone)]
pub(crate) enum Callback<R> {
    /// The app's JavaScript function (the npm build's entry).
    #[cfg(feature = "npm-build")]
    Js(Function),
    Rust(R),
}

/// What a JavaScript callback is called with for each kind of event.
// Its method is the JavaScript callbacks' (the npm build's); the bound
// stays on every callback so that both builds type-check the same events.
#[cfg_attr(not(feature = "npm-build"), allow(dead_code))]
pub(crate) trait JsArgument {
    /// The argument, or `None` for a call without one (`onClose`, `onReady`).
    fn js_argument(&self) -> Option<&JsValue>;
}

impl JsArgument for SuccessEvent {
    fn js_argument(&self) -> Option<&JsValue> {
        Some(&self.payload)
    }
}

impl JsArgument for ErrorEvent {
    fn js_argument(&self) -> Option<&JsValue> {
        Some(&self.payload)
    }
}

impl JsArgument for JsValue {
    fn js_argument(&self) -> Option<&JsValue> {
        Some(self)
    }
}

impl JsArgument for () {
    fn js_argument(&self) -> Option<&JsValue> {
        None
    }
}

impl<T: JsArgument> Callback<Box<dyn FnMut(T)>> {
    fn call(&mut self, value: T) {
        match self {
            #[cfg(feature = "npm-build")]
            Self::Js(f) => call_user(f, value.js_argument()),
            Self::Rust(f) => f(value),
        }
    }
}

impl<T: JsArgument> Callback<Rc<dyn Fn(T)>> {
    /// Calls the callback (the caller has cloned it out of the runtime's
    /// state, so that no borrow is held while app code runs).
    pub(crate) fn call(&self, value: T) {
        match self {
            #[cfg(feature = "npm-build")]
            Self::Js(f) => call_user(f, value.js_argument()),
            Self::Rust(f) => f(value),
        }
    }
}

/// A flow's callback: called at most once.
type FlowCallback<T> = Option<Callback<Box<dyn FnMut(T)>>>;

/// The callbacks of a flow, from Rust. Each flow uses the ones that apply
/// to it (connector: success / error / close; sign-in: also tokens;
/// signing: signed / denied / close); each fires at most once per flow.
#[derive(Default)]
pub struct Callbacks {
    on_success: FlowCallback<SuccessEvent>,
    on_tokens: FlowCallback<JsValue>,
    on_error: FlowCallback<ErrorEvent>,
    on_signed: FlowCallback<JsValue>,
    on_denied: FlowCallback<JsValue>,
    on_close: FlowCallback<()>,
}

/// Callbacks of `open_connector_sheet` / `open_connector_popup`.
pub type ConnectorCallbacks = Callbacks;

impl Callbacks {
    /// The app's JavaScript callbacks: `function(name)` is the function
    /// option `name`, when given.
    #[cfg(feature = "npm-build")]
    pub(crate) fn from_js(function: impl Fn(&'static str) -> Option<Function>) -> Self {
        Self {
            on_success: function("onSuccess").map(Callback::Js),
            on_tokens: function("onTokens").map(Callback::Js),
            on_error: function("onError").map(Callback::Js),
            on_signed: function("onSigned").map(Callback::Js),
            on_denied: function("onDenied").map(Callback::Js),
            on_close: function("onClose").map(Callback::Js),
        }
    }

    /// Called once with the checked redirect URL.
    pub fn on_success(mut self, f: impl FnMut(SuccessEvent) + 'static) -> Self {
        self.on_success = Some(Callback::Rust(Box::new(f)));
        self
    }

    /// Sign-in: called once with the tokens after the SDK's PKCE code
    /// exchange; when set, `on_success` is never called.
    pub fn on_tokens(mut self, f: impl FnMut(JsValue) + 'static) -> Self {
        self.on_tokens = Some(Callback::Rust(Box::new(f)));
        self
    }

    /// Called once when the flow fails.
    pub fn on_error(mut self, f: impl FnMut(ErrorEvent) + 'static) -> Self {
        self.on_error = Some(Callback::Rust(Box::new(f)));
        self
    }

    /// Signing: called once when the request was signed.
    pub fn on_signed(mut self, f: impl FnMut(JsValue) + 'static) -> Self {
        self.on_signed = Some(Callback::Rust(Box::new(f)));
        self
    }

    /// Signing: called once when the request was denied (or the popup blocked).
    pub fn on_denied(mut self, f: impl FnMut(JsValue) + 'static) -> Self {
        self.on_denied = Some(Callback::Rust(Box::new(f)));
        self
    }

    /// Called once when the flow ends without a result (dismissed or `close()`).
    pub fn on_close(mut self, mut f: impl FnMut() + 'static) -> Self {
        self.on_close = Some(Callback::Rust(Box::new(move |()| f())));
        self
    }

    /// Whether `on_tokens` is set (the SDK then runs PKCE itself).
    pub(crate) fn has_tokens(&self) -> bool {
        self.on_tokens.is_some()
    }

    /// Reports `outcome` to the matching callback.
    pub(crate) fn report(mut self, outcome: Outcome) {
        fn call<T: JsArgument>(f: &mut FlowCallback<T>, value: T) {
            if let Some(f) = f.as_mut() {
                f.call(value);
            }
        }
        match outcome {
            Outcome::Success(e) => call(&mut self.on_success, e),
            Outcome::Tokens(t) => call(&mut self.on_tokens, t),
            Outcome::Error(e) => call(&mut self.on_error, e),
            Outcome::Signed(p) => call(&mut self.on_signed, p),
            Outcome::Denied(p) => call(&mut self.on_denied, p),
            Outcome::Closed => call(&mut self.on_close, ()),
        }
    }
}

/// A runtime's callback: called any number of times.
pub(crate) type RuntimeCallback<T> = Option<Callback<Rc<dyn Fn(T)>>>;

/// The callbacks of a connector runtime, from Rust. Unlike a flow's
/// callbacks they run many times (every event), so they are shared `Rc`s
/// that are cloned out before being called (no borrow held during a call).
#[derive(Clone, Default)]
pub struct RuntimeCallbacks {
    pub(crate) on_ready: RuntimeCallback<()>,
    pub(crate) on_event: Option<EventCallback>,
    pub(crate) on_error: RuntimeCallback<ErrorEvent>,
}

/// `onEvent` as a JavaScript function: the channel calls it from
/// JavaScript for every event, without entering wasm (channel.js). A Rust
/// closure is wrapped once and kept alive here.
#[derive(Clone)]
pub(crate) struct EventCallback {
    pub(crate) function: Function,
    _closure: Option<Rc<EventClosure>>,
}

type EventClosure = Closure<dyn Fn(JsValue)>;

impl RuntimeCallbacks {
    /// The app's JavaScript `onReady`, `onEvent` and `onError`:
    /// `function(name)` is the function option `name`, when given.
    #[cfg(feature = "npm-build")]
    pub(crate) fn from_js(function: impl Fn(&'static str) -> Option<Function>) -> Self {
        Self {
            on_ready: function("onReady").map(Callback::Js),
            on_event: function("onEvent").map(|function| EventCallback {
                function,
                _closure: None,
            }),
            on_error: function("onError").map(Callback::Js),
        }
    }

    /// The runtime frame answered the init message (after every load).
    pub fn on_ready(mut self, f: impl Fn() + 'static) -> Self {
        self.on_ready = Some(Callback::Rust(Rc::new(move |()| f())));
        self
    }

    /// A runtime event; always a plain object (docs/security.md#plain-object-events).
    pub fn on_event(mut self, f: impl Fn(JsValue) + 'static) -> Self {
        let closure = EventClosure::new(f);
        self.on_event = Some(EventCallback {
            function: closure.as_ref().unchecked_ref::<Function>().clone(),
            _closure: Some(Rc::new(closure)),
        });
        self
    }

    /// A runtime error, or `timeout` when `ready` did not come in time.
    pub fn on_error(mut self, f: impl Fn(ErrorEvent) + 'static) -> Self {
        self.on_error = Some(Callback::Rust(Rc::new(f)));
        self
    }
}
