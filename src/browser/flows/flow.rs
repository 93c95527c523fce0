//! The one flow engine behind every sign-in, connector and signing flow:
//! surfaces and lifecycle. It shows the flow's [`Place`] (sheet, popup,
//! hidden frame or inline frame), listens through the trusted channel,
//! opens the `ave:auth_required` popup with its "Continue" fallback, and
//! settles exactly once (docs/security.md#settle-once). What each message
//! or frame landing means is [`decide`]'s, in the pure core; this module
//! carries the decision out.
//!
//! The flow's state lives in `Rc<RefCell<Flow>>`. While the flow is open its
//! listeners hold that `Rc` (the flow keeps itself alive even when the app
//! drops the handle, as 0.6.0 callers do); settling moves the [`Parts`] out
//! and drops them, which removes every node, listener, timer and closure and
//! so breaks that cycle. No borrow is held while a user callback runs,
//! because callbacks re-enter (`onSuccess` may call `close()`).

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlIFrameElement, Window};

use crate::browser::channel::{Channel, Source, Sources, TrustedMessage};
use crate::browser::dom::{error_object, Listener, Timer};
use crate::browser::events::{Callbacks, ErrorEvent, Outcome, SuccessEvent};
use crate::browser::flows::exchange::{Grant, TokenExchange};
use crate::browser::globals::{close_open_sheet, register_open_sheet};
use crate::browser::ui::frame::MountedFrame;
use crate::browser::ui::inline::InlineEmbed;
use crate::browser::ui::popup::{open_centered, Popup};
use crate::browser::ui::sheet::{Sheet, SheetContent};
use crate::decide::{decide, Chooser, Decision, Input, Purpose, Verdict};
use crate::platform::{fedcm_sign_in, Page};
use crate::protocol::{MessageKind, SuccessPayload};
use crate::urls::WebUrl;

/// A popup's `window.open` name and size.
pub struct PopupSpec {
    /// `ave_auth`, `ave_connector`, `ave_signing`.
    pub name: &'static str,
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
}

/// Everything a flow needs to know before it opens.
pub struct FlowSpec {
    /// The issuer page.
    pub url: WebUrl,
    /// Messages are read only from this origin.
    pub issuer_origin: String,
    /// What the messages mean.
    pub purpose: Purpose,
    /// The code exchange of a sign-in with `onTokens` (`Purpose::SignIn { exchange: true }`).
    pub exchange: Option<Rc<TokenExchange>>,
    /// The popup (flow popup, or the `ave:auth_required` popup).
    pub popup: PopupSpec,
    /// The sheet's accessible name.
    pub label: &'static str,
    /// The iframe's title.
    pub frame_title: &'static str,
    /// The issuer's FedCM config (`{apiBase}/api/oauth/fedcm/config`),
    /// where the browser's account chooser is asked first ([`Place::Chooser`]).
    pub fedcm: Option<WebUrl>,
}

/// A flow shared by its handle and its listeners.
#[derive(Clone)]
pub struct FlowRef(Rc<RefCell<Flow>>);

pub struct Flow {
    spec: FlowSpec,
    callbacks: Option<Callbacks>,
    parts: Option<Parts>,
    /// Kept after settling so `handle.iframe` stays readable.
    iframe: Option<HtmlIFrameElement>,
    popup_window: Option<Window>,
    /// The page: its window opens the `ave:auth_required` popup; a FedCM
    /// sign-in falls back to a sheet in its document.
    page: Page,
    /// Shown in the app's `container`.
    inline: bool,
}

/// Everything that exists only while the flow is open; dropping it is the cleanup.
struct Parts {
    _channel: Channel,
    /// The frame's `load` listener that notices it landing on `redirectUri`.
    _landing: Option<Listener>,
    sources: Sources,
    surface: Surface,
    /// The popup opened after `ave:auth_required` (sheet and inline surfaces).
    auth_popup: Option<Popup>,
    _timeout: Option<Timer>,
}

/// What the user sees; each variant is held for its `Drop` (the cleanup).
#[allow(dead_code)]
enum Surface {
    Sheet(Sheet),
    Popup(Popup),
    Hidden(MountedFrame),
    Inline(InlineEmbed),
    Chooser(ChooserRequest),
}

impl Surface {
    fn show_continue(&self, shown: bool) -> bool {
        match self {
            Self::Sheet(sheet) => sheet.show_continue(shown),
            Self::Inline(inline) => inline.show_continue(shown),
            Self::Popup(_) | Self::Hidden(_) | Self::Chooser(_) => return false,
        }
        true
    }
}

/// The browser's account chooser while it is up: dropping it (the flow
/// settled: `close()`, or an answer came) aborts the request, which then
/// answers nothing more.
struct ChooserRequest(Function);

impl Drop for ChooserRequest {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::UNDEFINED);
    }
}

impl FlowRef {
    fn new(spec: FlowSpec, callbacks: Callbacks, page: &Page) -> Self {
        Self(Rc::new(RefCell::new(Flow {
            spec,
            callbacks: Some(callbacks),
            parts: None,
            iframe: None,
            popup_window: None,
            page: page.clone(),
            inline: false,
        })))
    }

    /// The flow's iframe (sheet, silent or inline flows).
    pub fn iframe(&self) -> Option<HtmlIFrameElement> {
        self.0.borrow().iframe.clone()
    }

    /// The popup window of a popup flow.
    pub fn popup(&self) -> Option<Window> {
        self.0.borrow().popup_window.clone()
    }

    /// Whether the flow is shown in the app's `container`.
    pub fn is_inline(&self) -> bool {
        self.0.borrow().inline
    }

    /// Ends the flow without a result (`onClose`), unless it already ended.
    pub fn close(&self) {
        self.settle(Outcome::Closed);
    }

    /// Posts `message` to the flow's iframe, to the issuer origin only.
    /// Does nothing once the flow has ended.
    pub fn post_to_frame(&self, message: &JsValue) -> Result<(), JsValue> {
        // No borrow held while posting: cloning `message` runs the app's
        // getters, which may call `destroy()`.
        let (window, origin) = {
            let flow = self.0.borrow();
            let (Some(_), Some(frame)) = (&flow.parts, &flow.iframe) else {
                return Ok(());
            };
            (frame.content_window(), flow.spec.issuer_origin.clone())
        };
        match window {
            Some(w) => w.post_message(message, &origin),
            None => Ok(()),
        }
    }

    /// Reports `outcome` once: later calls do nothing (docs/security.md#settle-once).
    fn settle(&self, outcome: Outcome) {
        let (callbacks, parts) = {
            let mut flow = self.0.borrow_mut();
            (flow.callbacks.take(), flow.parts.take())
        };
        drop(parts);
        if let Some(callbacks) = callbacks {
            callbacks.report(outcome);
        }
    }

    /// Installs the surface and starts listening to it.
    fn start(
        &self,
        window: &Window,
        surface: Surface,
        extra_source: Option<Source>,
        timeout: Option<Timer>,
    ) {
        let sources = Sources::default();
        let iframe = match &surface {
            Surface::Sheet(s) => Some(s.iframe().clone()),
            Surface::Hidden(f) => Some(f.iframe().clone()),
            Surface::Inline(i) => Some(i.iframe().clone()),
            Surface::Popup(_) | Surface::Chooser(_) => None,
        };
        if let Some(frame) = &iframe {
            sources.add(Source::Frame(frame.clone()));
        }
        if let Some(source) = extra_source {
            sources.add(source);
        }
        let origin = self.0.borrow().spec.issuer_origin.clone();
        let flow = self.clone();
        let channel = Channel::listen(window, &origin, &sources, move |m| flow.on_message(m), None);
        let has_redirect = self.0.borrow().spec.purpose.redirect().is_some();
        let landing = iframe.as_ref().filter(|_| has_redirect).map(|frame| {
            let (flow, watched) = (self.clone(), frame.clone());
            Listener::new(frame, "load", move |_| flow.frame_loaded(&watched))
        });
        let mut f = self.0.borrow_mut();
        f.iframe = iframe;
        f.parts = Some(Parts {
            _channel: channel,
            _landing: landing,
            sources,
            surface,
            auth_popup: None,
            _timeout: timeout,
        });
    }

    fn on_message(&self, message: TrustedMessage) {
        // `payload.redirectUrl` only matters in `ave:success`.
        let redirect_url = (message.kind == MessageKind::Success)
            .then(|| SuccessPayload::from_js(&message.payload))
            .flatten()
            .map(|p| p.redirect_url);
        let decision = decide(
            &self.0.borrow().spec.purpose,
            Input::Message {
                kind: message.kind,
                from_popup: message.from_popup,
                redirect_url: redirect_url.as_deref(),
            },
        );
        self.carry_out(decision, || message.payload);
    }

    /// The frame loaded a new document. The issuer navigates it to
    /// `redirectUri?code&state` itself when it cannot post (its own popup
    /// blocked); that page is on our origin, so its document is readable
    /// (for any other origin `contentDocument` is null and the load is
    /// ignored: no exception is thrown and caught at each issuer load).
    /// What the landing means is [`decide`]'s; a success is reported with
    /// `{ redirectUrl }` as `ave:success` would be, and the frame goes with
    /// the flow, so the app's callback page never shows inside the sheet.
    fn frame_loaded(&self, frame: &HtmlIFrameElement) {
        let Some(href) = frame.content_document().and_then(|d| d.url().ok()) else {
            return;
        };
        let decision = decide(&self.0.borrow().spec.purpose, Input::Landed(&href));
        self.carry_out(decision, || {
            let payload = Object::new();
            let _ = Reflect::set(&payload, &"redirectUrl".into(), &href.as_str().into());
            payload.into()
        });
    }

    /// Does what [`decide`] said; `payload` is what the app's callback gets
    /// where the verdict reports the issuer's own object.
    fn carry_out(&self, decision: Decision, payload: impl FnOnce() -> JsValue) {
        let outcome = match decision {
            Decision::Ignore => return,
            Decision::OpenAuthPopup => return self.open_auth_popup(),
            Decision::Exchange(checked) => return self.start_exchange(Grant::Code(checked)),
            Decision::ExchangeAssertion(assertion) => {
                return self.start_exchange(Grant::Assertion(assertion))
            }
            Decision::OpenSheet => return self.fall_back_to_sheet(),
            Decision::Settle(verdict) => outcome(verdict, payload),
        };
        self.settle(outcome);
    }

    /// `onTokens`: the UI goes away now; the result is reported when the
    /// exchange of `grant` ends (`close()` in between wins: `onClose`, no
    /// tokens).
    fn start_exchange(&self, grant: Grant) {
        let (parts, exchange) = {
            let mut flow = self.0.borrow_mut();
            (flow.parts.take(), flow.spec.exchange.clone())
        };
        drop(parts);
        let flow = self.clone();
        match exchange {
            Some(exchange) => exchange.run(grant, move |outcome| flow.settle(outcome)),
            None => flow.settle(Outcome::Error(ErrorEvent::from_code(
                crate::error::ErrorCode::InvalidRedirect,
            ))),
        }
    }

    /// The account chooser answered (`platform.js` `fedcmSignIn`: `kind`
    /// 0 a token, 1 no answer, 2 the issuer's error and url, 3 aborted).
    /// Only while the chooser is up: a flow that settled or fell back to
    /// its sheet hears nothing more from it.
    fn chooser_answered(&self, kind: u32, a: String, b: String) {
        let up = matches!(
            self.0.borrow().parts,
            Some(Parts {
                surface: Surface::Chooser(_),
                ..
            })
        );
        if !up || kind == 3 {
            return;
        }
        let answer = match kind {
            0 => Chooser::Assertion(&a),
            2 => Chooser::IssuerError,
            _ => Chooser::Unavailable,
        };
        let decision = decide(&self.0.borrow().spec.purpose, Input::Chooser(answer));
        // The issuer's refusal as `onError` gets it: `{ error, url }`.
        self.carry_out(decision, || {
            let payload = Object::new();
            let _ = Reflect::set(&payload, &"error".into(), &a.as_str().into());
            let _ = Reflect::set(&payload, &"url".into(), &b.as_str().into());
            payload.into()
        });
    }

    /// FedCM gave no answer: the same sign-in in a sheet, as without it.
    fn fall_back_to_sheet(&self) {
        let chooser = self.0.borrow_mut().parts.take();
        drop(chooser);
        let page = self.0.borrow().page.clone();
        match self.show_sheet(&page.document) {
            Ok(sheet) => self.start(&page.window, sheet, None, None),
            // No sheet could be built (no `<body>`): the flow ends without a result.
            Err(_) => self.settle(Outcome::Closed),
        }
    }

    /// The flow's sheet in `document` (closing any other sheet first: one
    /// at a time).
    fn show_sheet(&self, document: &Document) -> Result<Surface, JsValue> {
        close_open_sheet();
        let (url, label, frame_title) = {
            let flow = self.0.borrow();
            (
                flow.spec.url.clone(),
                flow.spec.label,
                flow.spec.frame_title,
            )
        };
        let content = SheetContent {
            url: url.as_str(),
            label,
            frame_title,
        };
        let (dismiss, resume) = (self.clone(), self.clone());
        let sheet = Sheet::open(
            document,
            &content,
            move || dismiss.close(),
            move || resume.open_auth_popup(),
        )?;
        let weak = Rc::downgrade(&self.0);
        register_open_sheet(Box::new(move || {
            if let Some(f) = weak.upgrade() {
                FlowRef(f).close();
            }
        }));
        Ok(Surface::Sheet(sheet))
    }

    /// Asks the browser's account chooser (with the sign-in's own
    /// parameters, read from its URL); without FedCM here, the sheet.
    fn ask_chooser(&self, document: &Document) -> Result<Surface, JsValue> {
        let (config, url) = {
            let flow = self.0.borrow();
            let Some(config) = flow.spec.fedcm.clone() else {
                return self.show_sheet(document);
            };
            (config, flow.spec.url.clone())
        };
        let flow = self.clone();
        let done = Closure::once_into_js(move |kind: u32, a: String, b: String| {
            flow.chooser_answered(kind, a, b);
        });
        match fedcm_sign_in(config.as_str(), url.as_str(), done) {
            Some(abort) => Ok(Surface::Chooser(ChooserRequest(abort))),
            None => self.show_sheet(document),
        }
    }

    /// `ave:auth_required` from a sheet's or inline frame: the issuer needs
    /// a top-level window. Try a popup now; if the browser blocks it, show
    /// "Continue" so that the user's click opens it (docs/security.md#auth-required).
    fn open_auth_popup(&self) {
        let (url, name, width, height) = {
            let flow = self.0.borrow();
            match flow.parts.as_ref() {
                Some(Parts {
                    auth_popup: Some(p),
                    ..
                }) if !p.is_closed() => return p.focus(),
                Some(Parts {
                    surface: Surface::Sheet(_) | Surface::Inline(_),
                    ..
                }) => {
                    let p = &flow.spec.popup;
                    (flow.spec.url.clone(), p.name, p.width, p.height)
                }
                _ => return,
            }
        };
        let window = self.0.borrow().page.window.clone();
        let opened = open_centered(&window, url.as_str(), name, width, height)
            .ok()
            .flatten();
        let weak = Rc::downgrade(&self.0);
        let mut flow = self.0.borrow_mut();
        let Some(parts) = flow.parts.as_mut() else {
            return;
        };
        parts.surface.show_continue(opened.is_none());
        if let Some(win) = opened {
            parts.sources.add(Source::Popup(win.clone()));
            parts.auth_popup = Some(Popup::watch(win, move || {
                if let Some(flow) = weak.upgrade() {
                    FlowRef(flow).auth_popup_closed();
                }
            }));
        }
    }

    /// The user closed the auth popup without finishing: offer "Continue" again.
    fn auth_popup_closed(&self) {
        let popup = {
            let mut flow = self.0.borrow_mut();
            let Some(parts) = flow.parts.as_mut() else {
                return;
            };
            parts.sources.remove_popups();
            parts.surface.show_continue(true);
            parts.auth_popup.take()
        };
        drop(popup);
    }
}

/// The result a verdict reports; `payload` is the issuer's message object.
fn outcome(verdict: Verdict, payload: impl FnOnce() -> JsValue) -> Outcome {
    match verdict {
        Verdict::Success(checked) => Outcome::Success(SuccessEvent {
            redirect_url: checked.as_str().to_owned(),
            payload: payload(),
        }),
        Verdict::Error(code) => Outcome::Error(ErrorEvent::from_code(code)),
        Verdict::IssuerError | Verdict::ChooserError => {
            Outcome::Error(ErrorEvent::from_issuer(payload()))
        }
        Verdict::RedirectError { error, message } => Outcome::Error(ErrorEvent {
            payload: error_object(&error, message.as_deref().unwrap_or_default()),
            error,
            message,
        }),
        Verdict::DeniedWith(code) => Outcome::Denied(error_object(code.as_str(), code.message())),
        Verdict::IssuerDenied => Outcome::Denied(ErrorEvent::from_issuer(payload()).payload),
        Verdict::Closed => Outcome::Closed,
        Verdict::Signed => Outcome::Signed(payload()),
        Verdict::Denied => Outcome::Denied(payload()),
    }
}

/// Where a flow is shown: an entry's surface, resolved with its options
/// (a connector's background mode, `startAveAuth`'s `container`).
pub enum Place {
    /// A bottom sheet (closing any other sheet first: one at a time).
    Sheet,
    /// A popup; must open inside the user's click.
    Popup,
    /// A hidden frame that must answer within `timeout_ms`.
    Hidden {
        /// Milliseconds.
        timeout_ms: u32,
    },
    /// The browser's account chooser (FedCM, [`FlowSpec::fedcm`]), with a
    /// sheet as its fallback: where the browser has no FedCM, or it gives
    /// no answer.
    Chooser,
    /// The issuer page in the app's `container`, `width` × `height` (CSS).
    Inline {
        /// The app's element.
        container: Element,
        /// CSS width.
        width: String,
        /// CSS height.
        height: String,
    },
}

/// Opens the flow `spec` at `place` in `page`. `Ok(None)` when the browser
/// blocked its popup, after reporting `popup_blocked` (the one case that
/// settles before anything is shown).
pub fn open(
    page: &Page,
    place: Place,
    spec: FlowSpec,
    callbacks: Callbacks,
) -> Result<Option<FlowRef>, JsValue> {
    let url = spec.url.clone();
    let frame_title = spec.frame_title;
    let popup_window = match place {
        Place::Popup => {
            let PopupSpec {
                name,
                width,
                height,
            } = spec.popup;
            match open_centered(&page.window, url.as_str(), name, width, height)? {
                Some(window) => Some(window),
                None => {
                    let blocked = decide(&spec.purpose, Input::PopupBlocked);
                    if let Decision::Settle(verdict) = blocked {
                        callbacks.report(outcome(verdict, || JsValue::UNDEFINED));
                    }
                    return Ok(None);
                }
            }
        }
        _ => None,
    };
    let flow = FlowRef::new(spec, callbacks, page);
    let weak = Rc::downgrade(&flow.0);
    let close_flow = move || {
        if let Some(f) = weak.upgrade() {
            FlowRef(f).close();
        }
    };
    let resume = flow.clone();
    let on_continue = move || resume.open_auth_popup();
    let (surface, extra_source, timeout) = match place {
        Place::Sheet => (flow.show_sheet(&page.document)?, None, None),
        Place::Chooser => (flow.ask_chooser(&page.document)?, None, None),
        Place::Popup => {
            let Some(window) = popup_window else {
                return Ok(None);
            };
            flow.0.borrow_mut().popup_window = Some(window.clone());
            let popup = Popup::watch(window.clone(), close_flow);
            (Surface::Popup(popup), Some(Source::Popup(window)), None)
        }
        Place::Hidden { timeout_ms } => {
            let frame = MountedFrame::hidden(&page.document, url.as_str(), frame_title)?;
            let on_timeout = flow.clone();
            let timeout = Timer::once(timeout_ms, move || {
                let decision = decide(&on_timeout.0.borrow().spec.purpose, Input::TimedOut);
                on_timeout.carry_out(decision, || JsValue::UNDEFINED);
            });
            (Surface::Hidden(frame), None, Some(timeout))
        }
        Place::Inline {
            container,
            width,
            height,
        } => {
            let inline = InlineEmbed::mount(
                &page.document,
                &container,
                url.as_str(),
                frame_title,
                &width,
                &height,
                on_continue,
            )?;
            flow.0.borrow_mut().inline = true;
            (Surface::Inline(inline), None, None)
        }
    };
    flow.start(&page.window, surface, extra_source, timeout);
    Ok(Some(flow))
}
