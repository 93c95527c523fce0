//! Connector authorization (`openAveConnectorSheet`, `openAveConnectorPopup`):
//! a sheet, a popup, or a silent hidden frame (`mode: "background"`).
//!
//! The flow's state lives in `Rc<RefCell<ConnectorFlow>>`. While the flow is
//! open, its listeners hold that `Rc` (the flow keeps itself alive even when
//! the app drops the handle, as 0.6.0 callers do); settling moves the
//! [`Parts`] out and drops them, which removes every node, listener, timer
//! and closure and so breaks that cycle. No borrow is held while a user
//! callback runs, because callbacks re-enter (`onSuccess` may call `close()`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;
use web_sys::{HtmlIFrameElement, Window};

use crate::browser::channel::{Channel, Source, Sources, TrustedMessage};
use crate::browser::dom::{document, window};
use crate::browser::events::{ConnectorCallbacks, ErrorEvent, Outcome, SuccessEvent};
use crate::browser::ui::frame::MountedFrame;
use crate::browser::ui::popup::{open_centered, Popup};
use crate::browser::ui::sheet::{close_open_sheet, register_open_sheet, Sheet, SheetContent};
use crate::error::ErrorCode;
use crate::options::{ConnectorOptions, Mode};
use crate::protocol::{MessageKind, RedirectCheck, SuccessPayload};

/// Popup size of 0.6.0's connector popup.
const POPUP_WIDTH: u32 = 460;
const POPUP_HEIGHT: u32 = 700;
/// `window.open` name of connector popups (0.6.0).
const POPUP_NAME: &str = "ave_connector";

/// A connector flow shared by its handle and its listeners.
#[derive(Clone)]
pub struct FlowRef(Rc<RefCell<ConnectorFlow>>);

pub struct ConnectorFlow {
    options: ConnectorOptions,
    callbacks: Option<ConnectorCallbacks>,
    parts: Option<Parts>,
    /// Kept after settling so `handle.iframe` stays readable.
    iframe: Option<HtmlIFrameElement>,
    popup_window: Option<Window>,
}

/// Everything that exists only while the flow is open; dropping it is the cleanup.
struct Parts {
    _channel: Channel,
    sources: Sources,
    surface: Surface,
    /// The popup a sheet opened after `ave:auth_required`.
    auth_popup: Option<Popup>,
    _timeout: Option<Timeout>,
}

/// What the user sees; each variant is held for its `Drop` (the cleanup).
enum Surface {
    Sheet(Sheet),
    #[allow(dead_code)]
    Popup(Popup),
    #[allow(dead_code)]
    Hidden(MountedFrame),
}

impl FlowRef {
    fn new(options: ConnectorOptions, callbacks: ConnectorCallbacks) -> Self {
        Self(Rc::new(RefCell::new(ConnectorFlow {
            options,
            callbacks: Some(callbacks),
            parts: None,
            iframe: None,
            popup_window: None,
        })))
    }

    /// The iframe of a sheet or silent flow.
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

    fn listen(&self, win: &Window, sources: &Sources) -> Channel {
        let origin = self.0.borrow().options.issuer.origin().to_owned();
        let flow = self.clone();
        Channel::listen(win, origin, sources.clone(), move |m| flow.on_message(m))
    }

    fn on_message(&self, message: TrustedMessage) {
        let background = self.0.borrow().options.mode == Mode::Background;
        let outcome = match message.kind {
            MessageKind::Success => self.check_success(message.payload),
            MessageKind::Error => Outcome::Error(ErrorEvent::from_issuer(message.payload)),
            MessageKind::Close | MessageKind::AuthRequired if background => {
                Outcome::Error(ErrorEvent::from_code(ErrorCode::InteractionRequired))
            }
            MessageKind::Close => Outcome::Closed,
            MessageKind::AuthRequired => return self.open_auth_popup(),
            _ => return,
        };
        self.settle(outcome);
    }

    /// SPEC §3.2: the redirect URL must match `redirectUri` and carry our `state`.
    fn check_success(&self, payload: JsValue) -> Outcome {
        let Ok(SuccessPayload { redirect_url }) = serde_wasm_bindgen::from_value(payload.clone())
        else {
            return Outcome::Error(ErrorEvent::from_code(ErrorCode::InvalidRedirect));
        };
        let verdict = {
            let flow = self.0.borrow();
            RedirectCheck {
                redirect_uri: &flow.options.redirect_uri,
                state: Some(&flow.options.state),
            }
            .verify(&redirect_url)
        };
        match verdict {
            Ok(()) => Outcome::Success(SuccessEvent {
                redirect_url,
                payload,
            }),
            Err(code) => Outcome::Error(ErrorEvent::from_code(code)),
        }
    }

    /// `ave:auth_required` in a sheet: the issuer needs a top-level window.
    /// Try a popup now; if the browser blocks it, show "Continue" so the
    /// user's click opens it (SPEC §3.9).
    fn open_auth_popup(&self) {
        let url = {
            let flow = self.0.borrow();
            match flow.parts.as_ref() {
                Some(Parts {
                    auth_popup: Some(p),
                    ..
                }) if !p.is_closed() => return p.focus(),
                Some(Parts {
                    surface: Surface::Sheet(_),
                    ..
                }) => flow.options.authorize_url(),
                _ => return,
            }
        };
        let opened = open_centered(url.as_str(), POPUP_NAME, POPUP_WIDTH, POPUP_HEIGHT)
            .ok()
            .flatten();
        let weak = Rc::downgrade(&self.0);
        let mut flow = self.0.borrow_mut();
        let Some(parts) = flow.parts.as_mut() else {
            return;
        };
        if let Surface::Sheet(sheet) = &parts.surface {
            sheet.show_continue(opened.is_none());
        }
        if let Some(win) = opened {
            parts.sources.add(Source::Popup(win.clone()));
            parts.auth_popup = Some(Popup::watch(win, move || {
                if let Some(flow) = weak.upgrade() {
                    FlowRef(flow).auth_popup_closed();
                }
            }));
        }
    }

    /// The user closed the sign-in popup without finishing: offer "Continue" again.
    fn auth_popup_closed(&self) {
        let popup = {
            let mut flow = self.0.borrow_mut();
            let Some(parts) = flow.parts.as_mut() else {
                return;
            };
            parts.sources.remove_popups();
            if let Surface::Sheet(sheet) = &parts.surface {
                sheet.show_continue(true);
            }
            parts.auth_popup.take()
        };
        drop(popup);
    }
}

/// Validated options → open sheet (or silent frame in background mode).
pub fn open_sheet(
    options: ConnectorOptions,
    callbacks: ConnectorCallbacks,
) -> Result<FlowRef, JsValue> {
    if options.mode == Mode::Background {
        return open_background(options, callbacks);
    }
    close_open_sheet();
    let win = window()?;
    let url = options.authorize_url();
    let flow = FlowRef::new(options, callbacks);
    let (dismiss, resume) = (flow.clone(), flow.clone());
    let sheet = Sheet::open(
        &SheetContent {
            url: url.as_str(),
            label: "Authorize access with Ave",
            frame_title: "Ave connector authorization",
        },
        move || dismiss.close(),
        move || resume.open_auth_popup(),
    )?;
    let sources = Sources::default();
    sources.add(Source::Frame(sheet.iframe().clone()));
    let channel = flow.listen(&win, &sources);
    {
        let mut f = flow.0.borrow_mut();
        f.iframe = Some(sheet.iframe().clone());
        f.parts = Some(Parts {
            _channel: channel,
            sources,
            surface: Surface::Sheet(sheet),
            auth_popup: None,
            _timeout: None,
        });
    }
    let weak = Rc::downgrade(&flow.0);
    register_open_sheet(Box::new(move || {
        if let Some(f) = weak.upgrade() {
            FlowRef(f).close();
        }
    }));
    Ok(flow)
}

/// Validated options → popup. `Ok(None)` when the browser blocked it
/// (after `onError({error: "popup_blocked"})`). Background mode runs silently.
pub fn open_popup(
    options: ConnectorOptions,
    callbacks: ConnectorCallbacks,
) -> Result<Option<FlowRef>, JsValue> {
    if options.mode == Mode::Background {
        return open_background(options, callbacks).map(Some);
    }
    let win = window()?;
    let url = options.authorize_url();
    let Some(popup_window) = open_centered(url.as_str(), POPUP_NAME, POPUP_WIDTH, POPUP_HEIGHT)?
    else {
        callbacks.report(Outcome::Error(ErrorEvent::from_code(
            ErrorCode::PopupBlocked,
        )));
        return Ok(None);
    };
    let flow = FlowRef::new(options, callbacks);
    let sources = Sources::default();
    sources.add(Source::Popup(popup_window.clone()));
    let channel = flow.listen(&win, &sources);
    let weak = Rc::downgrade(&flow.0);
    let popup = Popup::watch(popup_window.clone(), move || {
        if let Some(f) = weak.upgrade() {
            FlowRef(f).close();
        }
    });
    {
        let mut f = flow.0.borrow_mut();
        f.popup_window = Some(popup_window);
        f.parts = Some(Parts {
            _channel: channel,
            sources,
            surface: Surface::Popup(popup),
            auth_popup: None,
            _timeout: None,
        });
    }
    Ok(Some(flow))
}

/// SPEC §3.10: a hidden frame, no overlay, no focus change, no popup; ends
/// with `onSuccess`, or `onError` (`interaction_required`, `timeout`, issuer error).
fn open_background(
    options: ConnectorOptions,
    callbacks: ConnectorCallbacks,
) -> Result<FlowRef, JsValue> {
    let win = window()?;
    let url = options.authorize_url();
    let timeout_ms = options.timeout_ms;
    let flow = FlowRef::new(options, callbacks);
    let frame = MountedFrame::hidden(&document()?, url.as_str(), "Ave silent authorization")?;
    let sources = Sources::default();
    sources.add(Source::Frame(frame.iframe().clone()));
    let channel = flow.listen(&win, &sources);
    let on_timeout = flow.clone();
    let timeout = Timeout::new(timeout_ms, move || {
        on_timeout.settle(Outcome::Error(ErrorEvent::from_code(ErrorCode::Timeout)));
    });
    {
        let mut f = flow.0.borrow_mut();
        f.iframe = Some(frame.iframe().clone());
        f.parts = Some(Parts {
            _channel: channel,
            sources,
            surface: Surface::Hidden(frame),
            auth_popup: None,
            _timeout: Some(timeout),
        });
    }
    Ok(flow)
}
