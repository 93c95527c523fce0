//! The Rust API: the same flows as the JavaScript functions, with typed
//! requests and callbacks. The handle types are also what the JavaScript
//! exports return (the npm entry turns them into 0.6.0's plain objects).

use crate::prelude::*;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlIFrameElement, Window};

pub use crate::browser::entry::OpenError;
use crate::browser::entry::{open_flow, open_runtime};
use crate::browser::flows::flow::FlowRef;
use crate::browser::flows::runtime::RuntimeRef;
use crate::entries::{by_name, Entry};
use crate::options::OptionSource;
use crate::platform::Page;

pub use crate::browser::events::{
    Callbacks, ConnectorCallbacks, ErrorEvent, RuntimeCallbacks, SuccessEvent,
};
pub use crate::browser::requests::{
    ConnectorRequest, RuntimeRequest, SignInRequest, SigningRequest,
};
pub use crate::options::ConnectorMode;

/// An open sheet (or silent frame): `{ close(), iframe }`. Dropping it
/// does **not** close the flow, just like ignoring 0.6.0's return value;
/// call [`close`](Self::close).
pub struct SheetHandle {
    pub(crate) flow: FlowRef,
}

impl SheetHandle {
    /// Closes the sheet; `onClose` fires unless the flow already ended. Idempotent.
    pub fn close(&self) {
        self.flow.close();
    }

    /// The issuer iframe.
    pub fn iframe(&self) -> Option<HtmlIFrameElement> {
        self.flow.iframe()
    }
}

/// An open popup: `{ popup, close() }`. Dropping it does not close the popup.
pub struct PopupHandle {
    pub(crate) flow: FlowRef,
}

impl PopupHandle {
    /// Closes the popup; `onClose` fires unless the flow already ended. Idempotent.
    pub fn close(&self) {
        self.flow.close();
    }

    /// The popup window (`None` for a silent background flow).
    pub fn popup(&self) -> Option<Window> {
        self.flow.popup()
    }
}

/// An inline sign-in embed: `{ iframe, destroy(), postMessage(p) }`.
pub struct EmbedHandle {
    pub(crate) flow: FlowRef,
}

impl EmbedHandle {
    /// Removes the iframe; `onClose` fires unless the flow already ended. Idempotent.
    pub fn destroy(&self) {
        self.flow.close();
    }

    /// Posts `payload` to the issuer page, to the issuer origin only
    /// (never `"*"`); does nothing after `destroy()`.
    pub fn post_message(&self, payload: &JsValue) -> Result<(), JsValue> {
        self.flow.post_to_frame(payload)
    }

    /// The issuer iframe.
    pub fn iframe(&self) -> Option<HtmlIFrameElement> {
        self.flow.iframe()
    }
}

/// What `startAveAuth` opened.
pub enum AuthHandle {
    /// `container` was given: inline.
    Embed(EmbedHandle),
    /// Otherwise: a sheet.
    Sheet(SheetHandle),
}

/// Opens a connector authorization sheet (`openAveConnectorSheet`). With
/// [`ConnectorMode::Background`] it runs silently in a hidden frame instead.
pub fn open_connector_sheet(
    request: ConnectorRequest,
    callbacks: Callbacks,
) -> Result<SheetHandle, OpenError> {
    let flow = rust_flow("openAveConnectorSheet", &request.options, None, callbacks)?;
    Ok(SheetHandle { flow })
}

/// Opens a connector authorization popup (`openAveConnectorPopup`); call it
/// inside the user's click. `Ok(None)` when the browser blocked the popup
/// (after `on_error` with `popup_blocked`).
pub fn open_connector_popup(
    request: ConnectorRequest,
    callbacks: Callbacks,
) -> Result<Option<PopupHandle>, OpenError> {
    let opened = rust_open("openAveConnectorPopup", &request.options, None, callbacks)?;
    Ok(opened.map(|flow| PopupHandle { flow }))
}

fn with_tokens(request: SignInRequest, callbacks: &Callbacks) -> SignInRequest {
    request.with_tokens(callbacks.has_tokens())
}

/// `openAveSheet`: the sign-in sheet.
pub fn open_sign_in_sheet(
    request: SignInRequest,
    callbacks: Callbacks,
) -> Result<SheetHandle, OpenError> {
    let request = with_tokens(request, &callbacks);
    let flow = rust_flow("openAveSheet", &request.options, None, callbacks)?;
    Ok(SheetHandle { flow })
}

/// `openAvePopup`: call it inside the user's click; `Ok(None)` when blocked.
pub fn open_sign_in_popup(
    request: SignInRequest,
    callbacks: Callbacks,
) -> Result<Option<PopupHandle>, OpenError> {
    let request = with_tokens(request, &callbacks);
    let opened = rust_open("openAvePopup", &request.options, None, callbacks)?;
    Ok(opened.map(|flow| PopupHandle { flow }))
}

/// `mountAveEmbed`: the sign-in page inline in the request's `container`.
pub fn mount_sign_in(
    request: SignInRequest,
    callbacks: Callbacks,
) -> Result<EmbedHandle, OpenError> {
    let request = with_tokens(request, &callbacks);
    let container = request.container.clone();
    let flow = rust_flow("mountAveEmbed", &request.options, container, callbacks)?;
    Ok(EmbedHandle { flow })
}

/// `startAveAuth`: inline when a container is given, else a sheet.
pub fn start_auth(request: SignInRequest, callbacks: Callbacks) -> Result<AuthHandle, OpenError> {
    let request = with_tokens(request, &callbacks);
    let container = request.container.clone();
    let flow = rust_flow("startAveAuth", &request.options, container, callbacks)?;
    Ok(if flow.is_inline() {
        AuthHandle::Embed(EmbedHandle { flow })
    } else {
        AuthHandle::Sheet(SheetHandle { flow })
    })
}

/// The row of the function `name` (one of the API's own, always there).
fn entry(name: &str) -> Result<&'static Entry, OpenError> {
    by_name(name).ok_or_else(|| JsValue::from(js_sys::Error::new(name)).into())
}

/// Opens the flow of the function `name` for a Rust caller, in the page;
/// `Ok(None)` when the browser blocked its popup.
fn rust_open(
    name: &str,
    request: &impl OptionSource,
    container: Option<Element>,
    callbacks: Callbacks,
) -> Result<Option<FlowRef>, OpenError> {
    open_flow(
        entry(name)?,
        &Page::new(None)?,
        request,
        || container,
        || callbacks,
    )
}

/// [`rust_open`] of a function without a popup: it always opens.
fn rust_flow(
    name: &str,
    request: &impl OptionSource,
    container: Option<Element>,
    callbacks: Callbacks,
) -> Result<FlowRef, OpenError> {
    rust_open(name, request, container, callbacks)?
        .ok_or_else(|| JsValue::from(js_sys::Error::new(name)).into())
}

/// `openAveSigningSheet`.
pub fn open_signing_sheet(
    request: SigningRequest,
    callbacks: Callbacks,
) -> Result<SheetHandle, OpenError> {
    let flow = rust_flow("openAveSigningSheet", &request.options, None, callbacks)?;
    Ok(SheetHandle { flow })
}

/// `openAveSigningPopup`: `Ok(None)` when blocked (after `on_denied` with `popup_blocked`).
pub fn open_signing_popup(
    request: SigningRequest,
    callbacks: Callbacks,
) -> Result<Option<PopupHandle>, OpenError> {
    let opened = rust_open("openAveSigningPopup", &request.options, None, callbacks)?;
    Ok(opened.map(|flow| PopupHandle { flow }))
}

/// An open connector runtime. Dropping it does not destroy the runtime;
/// call [`destroy`](Self::destroy).
#[cfg_attr(feature = "npm-build", wasm_bindgen(skip_typescript))]
pub struct ConnectorRuntime {
    pub(crate) runtime: RuntimeRef,
}

#[cfg_attr(feature = "npm-build", wasm_bindgen)]
impl ConnectorRuntime {
    /// Sends `message` as `ave:connector:request` (queued until the frame is
    /// ready) and returns its `id` (assigned when absent). Fails after `destroy()`.
    pub fn send(&self, message: &JsValue) -> Result<String, JsValue> {
        self.runtime.send(message)
    }

    /// Removes the frame, its listener, timers and queued requests. Idempotent.
    pub fn destroy(&self) {
        self.runtime.destroy();
    }

    /// The runtime frame.
    #[cfg_attr(feature = "npm-build", wasm_bindgen(getter))]
    pub fn iframe(&self) -> HtmlIFrameElement {
        self.runtime.iframe()
    }
}

/// Opens the protected connector runtime (`openAveConnectorRuntime`).
pub fn open_connector_runtime(
    request: RuntimeRequest,
    callbacks: RuntimeCallbacks,
) -> Result<ConnectorRuntime, OpenError> {
    rust_runtime("openAveConnectorRuntime", request, callbacks)
}

/// Opens the Iris delegated runtime (`openIrisDelegatedRuntime`): target
/// `iris`, target origin `https://irischat.app` unless given.
pub fn open_iris_delegated_runtime(
    request: RuntimeRequest,
    callbacks: RuntimeCallbacks,
) -> Result<ConnectorRuntime, OpenError> {
    rust_runtime("openIrisDelegatedRuntime", request, callbacks)
}

fn rust_runtime(
    name: &str,
    request: RuntimeRequest,
    callbacks: RuntimeCallbacks,
) -> Result<ConnectorRuntime, OpenError> {
    let RuntimeRequest { options, container } = request;
    let page = Page::new(None)?;
    let runtime = open_runtime(entry(name)?, &page, &options, || container, || callbacks)?;
    Ok(ConnectorRuntime { runtime })
}
