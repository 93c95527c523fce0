//! The one flow engine behind every sign-in, connector and signing flow:
//! a surface (sheet, popup, hidden frame or inline frame), the trusted
//! channel, the `ave:auth_required` popup with its "Continue" fallback,
//! and settling exactly once (SPEC §3.7).
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

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlIFrameElement, Window};

use crate::browser::channel::{Channel, Source, Sources, TrustedMessage};
use crate::browser::dom::{document, error_object, window, Listener, Timer};
use crate::browser::events::{Callbacks, ErrorEvent, Outcome, SuccessEvent};
use crate::browser::flows::exchange::TokenExchange;
use crate::browser::ui::frame::MountedFrame;
use crate::browser::ui::inline::InlineEmbed;
use crate::browser::ui::popup::{open_centered, Popup};
use crate::browser::ui::sheet::{close_open_sheet, register_open_sheet, Sheet, SheetContent};
use crate::error::ErrorCode;
use crate::protocol::{redirect_error, MessageKind, RedirectCheck, SuccessPayload};
use crate::urls::WebUrl;

/// What a flow is for; decides what its messages mean.
pub enum Purpose {
    /// Connector authorization: `ave:success` must carry our `state`.
    Connector {
        /// `redirectUri`.
        redirect_uri: WebUrl,
        /// The `state` sent.
        state: String,
        /// Silent mode: `ave:close` / `ave:auth_required` → `interaction_required`.
        background: bool,
    },
    /// Sign-in: `ave:success` → `onSuccess`, or the code exchange → `onTokens`;
    /// like a connector's, its redirect must carry our `state`.
    SignIn {
        /// `redirectUri`.
        redirect_uri: WebUrl,
        /// The `state` sent.
        state: String,
        /// Set when `onTokens` was given.
        exchange: Option<Rc<TokenExchange>>,
    },
    /// Signing: `ave:signed` / `ave:denied`.
    Signing,
}

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
    /// The popup (flow popup, or the `ave:auth_required` popup).
    pub popup: PopupSpec,
    /// The sheet's accessible name.
    pub label: &'static str,
    /// The iframe's title.
    pub frame_title: &'static str,
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
}

impl Surface {
    fn show_continue(&self, shown: bool) -> bool {
        match self {
            Self::Sheet(sheet) => sheet.show_continue(shown),
            Self::Inline(inline) => inline.show_continue(shown),
            Self::Popup(_) | Self::Hidden(_) => return false,
        }
        true
    }
}

impl FlowRef {
    fn new(spec: FlowSpec, callbacks: Callbacks) -> Self {
        Self(Rc::new(RefCell::new(Flow {
            spec,
            callbacks: Some(callbacks),
            parts: None,
            iframe: None,
            popup_window: None,
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

    /// Reports `outcome` once: later calls do nothing (SPEC §3.7).
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
        surface: Surface,
        extra_source: Option<Source>,
        timeout: Option<Timer>,
    ) -> Result<(), JsValue> {
        let win = window()?;
        let sources = Sources::default();
        let iframe = match &surface {
            Surface::Sheet(s) => Some(s.iframe().clone()),
            Surface::Hidden(f) => Some(f.iframe().clone()),
            Surface::Inline(i) => Some(i.iframe().clone()),
            Surface::Popup(_) => None,
        };
        if let Some(frame) = &iframe {
            sources.add(Source::Frame(frame.clone()));
        }
        if let Some(source) = extra_source {
            sources.add(source);
        }
        let origin = self.0.borrow().spec.issuer_origin.clone();
        let flow = self.clone();
        let channel = Channel::listen(&win, &origin, &sources, move |m| flow.on_message(m), None);
        let landing = iframe
            .as_ref()
            .filter(|_| self.redirect_uri().is_some())
            .map(|frame| {
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
        Ok(())
    }

    fn on_message(&self, message: TrustedMessage) {
        let (signing, background) = match &self.0.borrow().spec.purpose {
            Purpose::Signing => (true, false),
            Purpose::Connector { background, .. } => (false, *background),
            Purpose::SignIn { .. } => (false, false),
        };
        let outcome = match message.kind {
            MessageKind::Success if !signing => {
                return self.accept_redirect(message.payload, false)
            }
            MessageKind::Error if signing => {
                Outcome::Denied(ErrorEvent::from_issuer(message.payload).payload)
            }
            MessageKind::Error => Outcome::Error(ErrorEvent::from_issuer(message.payload)),
            MessageKind::Close | MessageKind::AuthRequired if background => {
                Outcome::Error(ErrorEvent::from_code(ErrorCode::InteractionRequired))
            }
            MessageKind::Close => Outcome::Closed,
            // From a popup, the issuer is signing the user in inside that
            // top-level window already: opening "ave_auth" again would
            // re-navigate it mid-login (SPEC §3.9).
            MessageKind::AuthRequired if message.from_popup => return,
            MessageKind::AuthRequired => return self.open_auth_popup(),
            MessageKind::Signed if signing => Outcome::Signed(message.payload),
            MessageKind::Denied if signing => Outcome::Denied(message.payload),
            _ => return,
        };
        self.settle(outcome);
    }

    /// A redirect URL from `ave:success`, or from the frame landing on
    /// `redirectUri` (`landed`, where an OAuth `error` in it is a failure):
    /// checked (SPEC §3.2), then reported, or exchanged for tokens. The
    /// check comes first: a code that fails it never reaches the token endpoint.
    fn accept_redirect(&self, payload: JsValue, landed: bool) {
        let outcome = match self.check_success(payload) {
            Ok(success) => match redirect_error(&success.redirect_url).filter(|_| landed) {
                Some((error, message)) => Outcome::Error(ErrorEvent {
                    payload: error_object(&error, message.as_deref().unwrap_or_default()),
                    error,
                    message,
                }),
                None => match self.exchange() {
                    Some(exchange) => return self.start_exchange(exchange, success),
                    None => Outcome::Success(success),
                },
            },
            Err(error) => Outcome::Error(error),
        };
        self.settle(outcome);
    }

    /// SPEC §3.7: when the issuer cannot post (its own popup blocked), it
    /// navigates the flow's frame to `redirectUri?code&state` itself. That
    /// page is on our origin, so its document is readable (for any other
    /// origin `contentDocument` is null, and the load is ignored: no
    /// exception is thrown and caught at each of the issuer's loads): the
    /// flow settles with it as with `ave:success`, and removes the frame,
    /// so the app's callback page never shows inside the sheet. A page
    /// that frames the app can navigate this frame there too, with a code
    /// of its own: only our `state` tells the issuer's landing apart.
    /// Without it the flow ends with `state_mismatch` (its issuer page is
    /// gone, so it could not go on) and no code is exchanged.
    fn frame_loaded(&self, frame: &HtmlIFrameElement) {
        let Some(href) = frame.content_document().and_then(|d| d.url().ok()) else {
            return;
        };
        let lands = self.redirect_uri().is_some_and(|uri| {
            WebUrl::parse(&href)
                .is_ok_and(|got| got.origin() == uri.origin() && got.path() == uri.path())
        });
        if lands {
            let payload = Object::new();
            let _ = Reflect::set(&payload, &"redirectUrl".into(), &href.into());
            self.accept_redirect(payload.into(), true);
        }
    }

    /// `redirectUri` of sign-in and connector flows.
    fn redirect_uri(&self) -> Option<WebUrl> {
        match &self.0.borrow().spec.purpose {
            Purpose::Connector { redirect_uri, .. } | Purpose::SignIn { redirect_uri, .. } => {
                Some(redirect_uri.clone())
            }
            Purpose::Signing => None,
        }
    }

    /// SPEC §3.2: the redirect URL must match `redirectUri` and carry our `state`.
    fn check_success(&self, payload: JsValue) -> Result<SuccessEvent, ErrorEvent> {
        let Some(SuccessPayload { redirect_url }) = SuccessPayload::from_js(&payload) else {
            return Err(ErrorEvent::from_code(ErrorCode::InvalidRedirect));
        };
        let verdict = {
            let flow = self.0.borrow();
            let check = match &flow.spec.purpose {
                Purpose::Connector {
                    redirect_uri,
                    state,
                    ..
                }
                | Purpose::SignIn {
                    redirect_uri,
                    state,
                    ..
                } => RedirectCheck {
                    redirect_uri,
                    state,
                },
                Purpose::Signing => return Err(ErrorEvent::from_code(ErrorCode::InvalidRedirect)),
            };
            check.verify(&redirect_url)
        };
        verdict
            .map(|()| SuccessEvent {
                redirect_url,
                payload,
            })
            .map_err(ErrorEvent::from_code)
    }

    fn exchange(&self) -> Option<Rc<TokenExchange>> {
        match &self.0.borrow().spec.purpose {
            Purpose::SignIn { exchange, .. } => exchange.clone(),
            _ => None,
        }
    }

    /// `onTokens`: the UI goes away now; the result is reported when the
    /// code exchange ends (`close()` in between wins: `onClose`, no tokens).
    fn start_exchange(&self, exchange: Rc<TokenExchange>, success: SuccessEvent) {
        let parts = self.0.borrow_mut().parts.take();
        drop(parts);
        let flow = self.clone();
        exchange.run(&success.redirect_url, move |outcome| flow.settle(outcome));
    }

    /// `ave:auth_required` from a sheet's or inline frame: the issuer needs
    /// a top-level window. Try a popup now; if the browser blocks it, show
    /// "Continue" so that the user's click opens it (SPEC §3.9).
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
        let opened = open_centered(url.as_str(), name, width, height)
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

    /// What `onError` / `onDenied` gets when the browser blocked the popup.
    fn blocked(purpose: &Purpose) -> Outcome {
        match purpose {
            Purpose::Signing => Outcome::Denied(error_object(
                ErrorCode::PopupBlocked.as_str(),
                ErrorCode::PopupBlocked.message(),
            )),
            _ => Outcome::Error(ErrorEvent::from_code(ErrorCode::PopupBlocked)),
        }
    }
}

/// Opens a bottom sheet (closing any other sheet first, SPEC §3.12).
pub fn open_sheet(spec: FlowSpec, callbacks: Callbacks) -> Result<FlowRef, JsValue> {
    close_open_sheet();
    let url = spec.url.clone();
    let (label, frame_title) = (spec.label, spec.frame_title);
    let flow = FlowRef::new(spec, callbacks);
    let (dismiss, resume) = (flow.clone(), flow.clone());
    let sheet = Sheet::open(
        &SheetContent {
            url: url.as_str(),
            label,
            frame_title,
        },
        move || dismiss.close(),
        move || resume.open_auth_popup(),
    )?;
    flow.start(Surface::Sheet(sheet), None, None)?;
    let weak = Rc::downgrade(&flow.0);
    register_open_sheet(Box::new(move || {
        if let Some(f) = weak.upgrade() {
            FlowRef(f).close();
        }
    }));
    Ok(flow)
}

/// Opens a popup; must run inside the user's click. `Ok(None)` when the
/// browser blocked it, after reporting `popup_blocked`.
pub fn open_popup(spec: FlowSpec, callbacks: Callbacks) -> Result<Option<FlowRef>, JsValue> {
    let PopupSpec {
        name,
        width,
        height,
    } = spec.popup;
    let Some(popup_window) = open_centered(spec.url.as_str(), name, width, height)? else {
        callbacks.report(FlowRef::blocked(&spec.purpose));
        return Ok(None);
    };
    let flow = FlowRef::new(spec, callbacks);
    let weak = Rc::downgrade(&flow.0);
    let popup = Popup::watch(popup_window.clone(), move || {
        if let Some(f) = weak.upgrade() {
            FlowRef(f).close();
        }
    });
    flow.0.borrow_mut().popup_window = Some(popup_window.clone());
    flow.start(
        Surface::Popup(popup),
        Some(Source::Popup(popup_window)),
        None,
    )?;
    Ok(Some(flow))
}

/// Opens a hidden frame that must answer within `timeout_ms` (SPEC §3.10).
pub fn open_hidden(
    spec: FlowSpec,
    callbacks: Callbacks,
    timeout_ms: u32,
) -> Result<FlowRef, JsValue> {
    let frame = MountedFrame::hidden(&document()?, spec.url.as_str(), spec.frame_title)?;
    let flow = FlowRef::new(spec, callbacks);
    let on_timeout = flow.clone();
    let timeout = Timer::once(timeout_ms, move || {
        on_timeout.settle(Outcome::Error(ErrorEvent::from_code(ErrorCode::Timeout)));
    });
    flow.start(Surface::Hidden(frame), None, Some(timeout))?;
    Ok(flow)
}

/// Mounts the issuer page inline in `container` (`mountAveEmbed`).
pub fn open_inline(
    spec: FlowSpec,
    callbacks: Callbacks,
    container: &Element,
    width: &str,
    height: &str,
) -> Result<FlowRef, JsValue> {
    let url = spec.url.clone();
    let frame_title = spec.frame_title;
    let flow = FlowRef::new(spec, callbacks);
    let resume = flow.clone();
    let inline = InlineEmbed::mount(
        container,
        url.as_str(),
        frame_title,
        width,
        height,
        move || resume.open_auth_popup(),
    )?;
    flow.start(Surface::Inline(inline), None, None)?;
    Ok(flow)
}
