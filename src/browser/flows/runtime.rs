//! The connector runtime (`openAveConnectorRuntime`, `openIrisDelegatedRuntime`):
//! an issuer frame that receives the delegated token and streams events.
//!
//! Protocol (docs/protocol.md#runtime-channel, docs/security.md#runtime-ready): on every `load` of the frame the host posts
//! `ave:connector:init {delegatedToken, targetOrigin}` to the issuer origin
//! (never `"*"`), and posts it again with backoff until `ave:connector:ready`
//! comes: the real runtime page adds its listener only after hydration, up
//! to half a second after `load`, and an init posted before that is lost.
//! Requests sent before `ready` are queued and flushed in order. Only the
//! frame's own window on the issuer origin is heard (the channel), and
//! events reach `onEvent` only as plain objects (docs/security.md#plain-object-events).
//!
//! Like the connector flows, the runtime keeps itself alive through its
//! listeners until `destroy()`, which drops [`Parts`] and with them the
//! frame, the listeners, the timer and every closure.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlIFrameElement};

use crate::browser::channel::{Channel, Source, Sources, TrustedMessage};
use crate::browser::dom::{Listener, Timer};
use crate::browser::events::{ErrorEvent, RuntimeCallbacks};
use crate::browser::ui::frame::MountedFrame;
use crate::decide::{decide_runtime, RuntimeDecision};
use crate::encoding::base64url;
use crate::error::{ErrorCode, UNREADABLE};
use crate::options::{RuntimeOptions, Secret};
use crate::platform::{random_bytes, Page};

#[wasm_bindgen(module = "/src/browser/values.js")]
extern "C" {
    /// A plain-data copy of `send()`'s message, or (a string) why it is
    /// refused; `Err` when the app's getter or Proxy trap threw.
    #[wasm_bindgen(catch, js_name = requestCopy)]
    fn request_copy(message: &JsValue) -> Result<JsValue, JsValue>;
}

/// A runtime shared by its handle and its listeners.
#[derive(Clone)]
pub struct RuntimeRef(Rc<RefCell<Runtime>>);

pub struct Runtime {
    function: &'static str,
    issuer_origin: String,
    token: Secret,
    target_origin: String,
    timeout_ms: u32,
    callbacks: RuntimeCallbacks,
    iframe: HtmlIFrameElement,
    /// `ready` came for the frame's current load.
    ready: bool,
    /// The wait before the next repeat of the init (doubles up to [`INIT_REPEAT_MAX_MS`]).
    init_repeat_ms: u32,
    /// Requests sent before `ready`, in order.
    queue: Vec<JsValue>,
    /// `None` once destroyed.
    parts: Option<Parts>,
}

/// Everything that exists only until `destroy()`; dropping it is the cleanup.
struct Parts {
    _frame: MountedFrame,
    _channel: Channel,
    _load: Option<Listener>,
    ready_timeout: Option<Timer>,
    /// The next repeat of the init, until `ready` or the ready timeout.
    init_repeat: Option<Timer>,
}

/// The first repeat of the init comes this long after `load`…
const INIT_REPEAT_FIRST_MS: u32 = 50;
/// …and the wait doubles up to this (50, 100, 200, 400, 800, 1000, 1000 … ms).
const INIT_REPEAT_MAX_MS: u32 = 1000;

/// Opens the runtime frame (hidden, or visible in `container`).
pub fn open(
    page: &Page,
    options: RuntimeOptions,
    container: Option<Element>,
    callbacks: RuntimeCallbacks,
    function: &'static str,
) -> Result<RuntimeRef, JsValue> {
    let target_origin = match options.target_origin.clone() {
        Some(origin) => origin,
        // No targetOrigin: the host page is the target application.
        None => page.window.location().origin()?,
    };
    let url = options.runtime_url();
    let title = "Ave connector runtime";
    let frame = match &container {
        Some(el) => MountedFrame::inside(
            &page.document,
            el,
            url.as_str(),
            title,
            &[
                ("width", &options.width),
                ("height", &options.height),
                ("border-radius", "18px"),
            ],
        )?,
        None => MountedFrame::hidden(&page.document, url.as_str(), title)?,
    };
    let iframe = frame.iframe().clone();
    let runtime = RuntimeRef(Rc::new(RefCell::new(Runtime {
        function,
        issuer_origin: options.issuer.origin().to_owned(),
        token: options.delegated_token,
        target_origin,
        timeout_ms: options.timeout_ms,
        callbacks,
        iframe: iframe.clone(),
        ready: false,
        init_repeat_ms: INIT_REPEAT_FIRST_MS,
        queue: Vec::new(),
        parts: None,
    })));
    let sources = Sources::default();
    sources.add(Source::Frame(iframe.clone()));
    let on_message = runtime.clone();
    let on_event = runtime.0.borrow().callbacks.on_event.clone();
    let channel = Channel::listen(
        &page.window,
        options.issuer.origin(),
        &sources,
        move |m| on_message.on_message(m),
        on_event.as_ref().map(|e| &e.function),
    );
    let on_load = runtime.clone();
    let load = Listener::new(&iframe, "load", move |_| on_load.on_load());
    runtime.0.borrow_mut().parts = Some(Parts {
        _frame: frame,
        _channel: channel,
        _load: Some(load),
        ready_timeout: None,
        init_repeat: None,
    });
    runtime.arm_ready_timeout();
    Ok(runtime)
}

impl RuntimeRef {
    /// The runtime frame.
    pub fn iframe(&self) -> HtmlIFrameElement {
        self.0.borrow().iframe.clone()
    }

    /// Sends a copy of `message` (queued until `ready`); returns its `id`,
    /// assigning a random one when the message has none. Fails after
    /// `destroy()`, and with a `TypeError` for a message `requestCopy`
    /// (values.js) refuses or could not read.
    pub fn send(&self, message: &JsValue) -> Result<String, JsValue> {
        let function = self.0.borrow().function;
        let refused = |why: &str| -> JsValue {
            js_sys::TypeError::new(&[function, ": send(message) ", why].concat()).into()
        };
        let destroyed = || -> Result<(), JsValue> {
            match self.0.borrow().parts {
                Some(_) => Ok(()),
                None => Err(js_sys::Error::new(
                    &[function, ": send() was called after destroy()"].concat(),
                )
                .into()),
            }
        };
        destroyed()?;
        // The copy runs the app's getters: no borrow is held (they may call
        // `send` or `destroy`), and `destroy` is checked again after it.
        let request = request_copy(message).map_err(|_| refused(UNREADABLE))?;
        if let Some(why) = request.as_string() {
            return Err(refused(&why));
        }
        destroyed()?;
        // The copy is plain data: reading and setting `id` runs no app code.
        let id = match Reflect::get(&request, &"id".into()).unwrap_or(JsValue::UNDEFINED) {
            v if v.as_string().is_some_and(|s| !s.is_empty()) => v.as_string().unwrap_or_default(),
            // A numeric id, as JavaScript writes it (`String(id)`).
            v if v.as_f64().is_some() => js_sys::Number::from(v)
                .to_string_with_radix(10)
                .map(String::from)
                .unwrap_or_default(),
            _ => {
                let id = base64url(&random_bytes::<12>()?);
                Reflect::set(&request, &"id".into(), &id.as_str().into())?;
                id
            }
        };
        let envelope = envelope("ave:connector:request", &request);
        let ready = self.0.borrow().ready;
        if ready {
            self.post(&envelope)?;
        } else {
            self.0.borrow_mut().queue.push(envelope);
        }
        Ok(id)
    }

    /// Removes the frame, the listeners, the timer, the queue and the app's
    /// callbacks; the token is wiped too. Idempotent.
    pub fn destroy(&self) {
        let (parts, callbacks) = {
            let mut rt = self.0.borrow_mut();
            rt.queue.clear();
            rt.ready = false;
            rt.token = Secret::wiped();
            (rt.parts.take(), core::mem::take(&mut rt.callbacks))
        };
        drop(parts);
        drop(callbacks);
    }

    fn post(&self, message: &JsValue) -> Result<(), JsValue> {
        let (iframe, origin) = {
            let rt = self.0.borrow();
            (rt.iframe.clone(), rt.issuer_origin.clone())
        };
        match iframe.content_window() {
            Some(w) => w.post_message(message, &origin),
            None => Ok(()),
        }
    }

    /// Every load (first load and reloads): init again, and repeat it until
    /// `ready`. The `ready` timer runs from open until the first `ready`, and
    /// again from each reload after a `ready` — a load while still waiting
    /// (e.g. an error page) does not start a second timer.
    fn on_load(&self) {
        let was_ready = {
            let mut rt = self.0.borrow_mut();
            rt.init_repeat_ms = INIT_REPEAT_FIRST_MS;
            core::mem::replace(&mut rt.ready, false)
        };
        if was_ready {
            self.arm_ready_timeout();
        }
        self.post_init();
    }

    /// Posts the init to the issuer origin (a frame that is on another
    /// origin now never receives it: the browser drops it), and, while the
    /// `ready` timer runs, schedules its repeat.
    fn post_init(&self) {
        let (init, repeat_ms) = {
            let mut rt = self.0.borrow_mut();
            let Some(parts) = rt.parts.as_ref() else {
                return;
            };
            let waiting = !rt.ready && parts.ready_timeout.is_some();
            let payload = Object::new();
            let _ = Reflect::set(
                &payload,
                &"delegatedToken".into(),
                &rt.token.expose().into(),
            );
            let _ = Reflect::set(
                &payload,
                &"targetOrigin".into(),
                &rt.target_origin.as_str().into(),
            );
            let repeat_ms = waiting.then_some(rt.init_repeat_ms);
            rt.init_repeat_ms = (rt.init_repeat_ms * 2).min(INIT_REPEAT_MAX_MS);
            (envelope("ave:connector:init", &payload), repeat_ms)
        };
        let _ = self.post(&init);
        let Some(ms) = repeat_ms else {
            return;
        };
        let weak = Rc::downgrade(&self.0);
        let repeat = Timer::once(ms, move || {
            if let Some(rt) = weak.upgrade() {
                RuntimeRef(rt).post_init();
            }
        });
        let old = match self.0.borrow_mut().parts.as_mut() {
            Some(parts) => parts.init_repeat.replace(repeat),
            None => return,
        };
        drop(old);
    }

    fn arm_ready_timeout(&self) {
        let ms = self.0.borrow().timeout_ms;
        let weak = Rc::downgrade(&self.0);
        let timeout = Timer::once(ms, move || {
            if let Some(rt) = weak.upgrade() {
                RuntimeRef(rt).ready_timed_out();
            }
        });
        let old = {
            let mut rt = self.0.borrow_mut();
            match rt.parts.as_mut() {
                Some(parts) => parts.ready_timeout.replace(timeout),
                None => return,
            }
        };
        drop(old);
    }

    fn ready_timed_out(&self) {
        let (fired, repeat) = {
            let mut rt = self.0.borrow_mut();
            match rt.parts.as_mut() {
                Some(p) => (p.ready_timeout.take(), p.init_repeat.take()),
                None => (None, None),
            }
        };
        drop((fired, repeat));
        self.report_error(ErrorEvent::from_code(ErrorCode::Timeout));
    }

    /// `onError`, called with no borrow of the runtime held.
    fn report_error(&self, error: ErrorEvent) {
        let on_error = self.0.borrow().callbacks.on_error.clone();
        if let Some(f) = on_error {
            f.call(error);
        }
    }

    /// Ready and errors; events go from the channel straight to `onEvent`.
    fn on_message(&self, message: TrustedMessage) {
        let ready = self.0.borrow().ready;
        match decide_runtime(message.kind, ready) {
            RuntimeDecision::Ready => self.on_ready(),
            RuntimeDecision::IssuerError => {
                self.report_error(ErrorEvent::from_issuer(message.payload))
            }
            RuntimeDecision::Ignore => {}
        }
    }

    /// The first `ready` of a load: flush the queue, stop the repeats and
    /// the timer, `onReady` once. (A second `ready` of the same load, the
    /// page answering a repeat that was already on its way, is ignored by
    /// [`decide_runtime`].)
    fn on_ready(&self) {
        let (queued, timers, on_ready) = {
            let mut rt = self.0.borrow_mut();
            rt.ready = true;
            let timers = rt
                .parts
                .as_mut()
                .map(|p| (p.ready_timeout.take(), p.init_repeat.take()));
            (
                core::mem::take(&mut rt.queue),
                timers,
                rt.callbacks.on_ready.clone(),
            )
        };
        drop(timers);
        for envelope in &queued {
            if let Err(e) = self.post(envelope) {
                self.report_error(ErrorEvent::send_failed(&e));
            }
        }
        if let Some(f) = on_ready {
            f.call(());
        }
    }
}

/// `{ type, payload }`.
fn envelope(kind: &str, payload: &JsValue) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"type".into(), &kind.into());
    let _ = Reflect::set(&o, &"payload".into(), payload);
    o.into()
}
