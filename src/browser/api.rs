//! The Rust API: the same flows as the JavaScript functions, with typed
//! requests and callbacks. The handle types are also what the JavaScript
//! exports return (the npm entry turns them into 0.6.0's plain objects).

use std::fmt;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlIFrameElement, Window};

use crate::browser::dom::random_token;
use crate::browser::flows::connector::{self, FlowRef};
use crate::browser::flows::runtime::{self, RuntimeRef};
use crate::error::OptionError;
use crate::options::{
    ConnectorOptions, Mode, OptionSource, RawValue, RuntimeDefaults, RuntimeOptions,
};

pub use crate::browser::events::{ConnectorCallbacks, ErrorEvent, RuntimeCallbacks, SuccessEvent};
pub use crate::options::Mode as ConnectorMode;

/// Why a flow could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// An option is invalid (a `TypeError` in JavaScript).
    Options(OptionError),
    /// The browser refused a DOM operation (no `<body>`, no `window`, …).
    Browser(JsValue),
}

impl From<OptionError> for OpenError {
    fn from(e: OptionError) -> Self {
        Self::Options(e)
    }
}

impl From<JsValue> for OpenError {
    fn from(e: JsValue) -> Self {
        Self::Browser(e)
    }
}

impl From<OpenError> for JsValue {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Options(e) => e.into(),
            OpenError::Browser(e) => e,
        }
    }
}

/// A connector authorization request, as a Rust value (the fields of the
/// JavaScript options object). Validated exactly like the JavaScript options.
#[derive(Clone, Debug, Default)]
pub struct ConnectorRequest {
    client_id: String,
    redirect_uri: String,
    resource: String,
    scope: Option<String>,
    mode: Option<Mode>,
    issuer: Option<String>,
    state: Option<String>,
    timeout_ms: Option<u32>,
}

impl ConnectorRequest {
    /// `clientId`, `redirectUri` and `resource`, the required options.
    pub fn new(client_id: &str, redirect_uri: &str, resource: &str) -> Self {
        Self {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            resource: resource.to_owned(),
            ..Self::default()
        }
    }

    /// `scope` (default `resource.access`).
    pub fn scope(mut self, scope: &str) -> Self {
        self.scope = Some(scope.to_owned());
        self
    }

    /// `mode` (default user present).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(mut self, issuer: &str) -> Self {
        self.issuer = Some(issuer.to_owned());
        self
    }

    /// `state` (generated when absent).
    pub fn state(mut self, state: &str) -> Self {
        self.state = Some(state.to_owned());
        self
    }

    /// `timeoutMs` of background mode (default 15 000).
    pub fn timeout_ms(mut self, ms: u32) -> Self {
        self.timeout_ms = Some(ms);
        self
    }
}

impl OptionSource for ConnectorRequest {
    fn value(&self, name: &str) -> RawValue {
        let s = |v: &String| RawValue::Str(v.clone());
        match name {
            "clientId" => s(&self.client_id),
            "redirectUri" => s(&self.redirect_uri),
            "resource" => s(&self.resource),
            "scope" => self.scope.as_ref().map_or(RawValue::Absent, s),
            "mode" => self
                .mode
                .map_or(RawValue::Absent, |m| RawValue::Str(m.as_str().to_owned())),
            "issuer" => self.issuer.as_ref().map_or(RawValue::Absent, s),
            "state" => self.state.as_ref().map_or(RawValue::Absent, s),
            "timeoutMs" => self
                .timeout_ms
                .map_or(RawValue::Absent, |n| RawValue::Number(f64::from(n))),
            _ => RawValue::Absent,
        }
    }
}

/// Reads and validates connector options, generating `state` when absent.
pub(crate) fn connector_options(
    source: &impl OptionSource,
    function: &'static str,
) -> Result<ConnectorOptions, OpenError> {
    let state = random_token(16)?;
    Ok(ConnectorOptions::read(source, function, || state)?)
}

/// An open connector sheet (or silent frame). Dropping it does **not**
/// close the flow, just like ignoring 0.6.0's return value; call [`close`](Self::close).
#[wasm_bindgen(skip_typescript)]
pub struct ConnectorSheet {
    flow: FlowRef,
}

#[wasm_bindgen]
impl ConnectorSheet {
    /// Closes the sheet; `onClose` fires unless the flow already ended. Idempotent.
    pub fn close(&self) {
        self.flow.close();
    }

    /// The issuer iframe.
    #[wasm_bindgen(getter)]
    pub fn iframe(&self) -> Option<HtmlIFrameElement> {
        self.flow.iframe()
    }
}

/// An open connector popup. Dropping it does not close the popup.
#[wasm_bindgen(skip_typescript)]
pub struct ConnectorPopup {
    flow: FlowRef,
}

#[wasm_bindgen]
impl ConnectorPopup {
    /// Closes the popup; `onClose` fires unless the flow already ended. Idempotent.
    pub fn close(&self) {
        self.flow.close();
    }

    /// The popup window (`None` for a silent background flow).
    #[wasm_bindgen(getter)]
    pub fn popup(&self) -> Option<Window> {
        self.flow.popup()
    }
}

/// Opens a connector authorization sheet (`openAveConnectorSheet`). With
/// [`Mode::Background`] it runs silently in a hidden frame instead.
pub fn open_connector_sheet(
    request: ConnectorRequest,
    callbacks: ConnectorCallbacks,
) -> Result<ConnectorSheet, OpenError> {
    let options = connector_options(&request, "openAveConnectorSheet")?;
    Ok(ConnectorSheet {
        flow: connector::open_sheet(options, callbacks)?,
    })
}

/// Opens a connector authorization popup (`openAveConnectorPopup`); call it
/// inside the user's click. `Ok(None)` when the browser blocked the popup
/// (after `on_error` with `popup_blocked`).
pub fn open_connector_popup(
    request: ConnectorRequest,
    callbacks: ConnectorCallbacks,
) -> Result<Option<ConnectorPopup>, OpenError> {
    let options = connector_options(&request, "openAveConnectorPopup")?;
    Ok(connector::open_popup(options, callbacks)?.map(|flow| ConnectorPopup { flow }))
}

impl ConnectorSheet {
    pub(crate) fn from_flow(flow: FlowRef) -> Self {
        Self { flow }
    }
}

impl ConnectorPopup {
    pub(crate) fn from_flow(flow: FlowRef) -> Self {
        Self { flow }
    }
}

/// A connector runtime request, as a Rust value (the fields of the
/// JavaScript options object). `Debug` never prints the token.
#[derive(Clone, Default)]
pub struct RuntimeRequest {
    delegated_token: String,
    target: Option<String>,
    target_origin: Option<String>,
    mode: Option<Mode>,
    issuer: Option<String>,
    container: Option<Element>,
    width: Option<String>,
    height: Option<String>,
    timeout_ms: Option<u32>,
}

impl fmt::Debug for RuntimeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeRequest")
            .field("delegated_token", &"<redacted>")
            .field("target", &self.target)
            .field("target_origin", &self.target_origin)
            .field("mode", &self.mode)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl RuntimeRequest {
    /// `delegatedToken`, the one required option.
    pub fn new(delegated_token: &str) -> Self {
        Self {
            delegated_token: delegated_token.to_owned(),
            ..Self::default()
        }
    }

    /// `target` (default `resource`; fixed to `iris` for the Iris runtime).
    pub fn target(mut self, target: &str) -> Self {
        self.target = Some(target.to_owned());
        self
    }

    /// `targetOrigin`, a bare origin (default: the page's origin; Iris: `https://irischat.app`).
    pub fn target_origin(mut self, origin: &str) -> Self {
        self.target_origin = Some(origin.to_owned());
        self
    }

    /// `mode` (default user present).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(mut self, issuer: &str) -> Self {
        self.issuer = Some(issuer.to_owned());
        self
    }

    /// `container`: show the frame there instead of hiding it.
    pub fn container(mut self, container: Element) -> Self {
        self.container = Some(container);
        self
    }

    /// `width` as a CSS length (default `100%`).
    pub fn width(mut self, width: &str) -> Self {
        self.width = Some(width.to_owned());
        self
    }

    /// `height` as a CSS length (default `640px`).
    pub fn height(mut self, height: &str) -> Self {
        self.height = Some(height.to_owned());
        self
    }

    /// `timeoutMs` for `ready` (default 15 000).
    pub fn timeout_ms(mut self, ms: u32) -> Self {
        self.timeout_ms = Some(ms);
        self
    }
}

impl OptionSource for RuntimeRequest {
    fn value(&self, name: &str) -> RawValue {
        let s = |v: &String| RawValue::Str(v.clone());
        match name {
            "delegatedToken" => s(&self.delegated_token),
            "target" => self.target.as_ref().map_or(RawValue::Absent, s),
            "targetOrigin" => self.target_origin.as_ref().map_or(RawValue::Absent, s),
            "mode" => self
                .mode
                .map_or(RawValue::Absent, |m| RawValue::Str(m.as_str().to_owned())),
            "issuer" => self.issuer.as_ref().map_or(RawValue::Absent, s),
            "container" => self
                .container
                .as_ref()
                .map_or(RawValue::Absent, |_| RawValue::Element),
            "width" => self.width.as_ref().map_or(RawValue::Absent, s),
            "height" => self.height.as_ref().map_or(RawValue::Absent, s),
            "timeoutMs" => self
                .timeout_ms
                .map_or(RawValue::Absent, |n| RawValue::Number(f64::from(n))),
            _ => RawValue::Absent,
        }
    }
}

/// `openAveConnectorRuntime`: target from the options (default `resource`).
pub(crate) const GENERIC_RUNTIME: RuntimeDefaults = RuntimeDefaults {
    fixed_target: None,
    target_origin: None,
};

/// `openIrisDelegatedRuntime`: target `iris`, target origin `https://irischat.app`.
pub(crate) const IRIS_RUNTIME: RuntimeDefaults = RuntimeDefaults {
    fixed_target: Some("iris"),
    target_origin: Some("https://irischat.app"),
};

/// An open connector runtime. Dropping it does not destroy the runtime;
/// call [`destroy`](Self::destroy).
#[wasm_bindgen(skip_typescript)]
pub struct ConnectorRuntime {
    runtime: RuntimeRef,
}

#[wasm_bindgen]
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
    #[wasm_bindgen(getter)]
    pub fn iframe(&self) -> HtmlIFrameElement {
        self.runtime.iframe()
    }
}

impl ConnectorRuntime {
    pub(crate) fn open(
        source: &impl OptionSource,
        container: Option<Element>,
        callbacks: RuntimeCallbacks,
        function: &'static str,
        defaults: &RuntimeDefaults,
    ) -> Result<Self, OpenError> {
        let options = RuntimeOptions::read(source, function, defaults)?;
        Ok(Self {
            runtime: runtime::open(options, container, callbacks, function)?,
        })
    }
}

/// Opens the protected connector runtime (`openAveConnectorRuntime`).
pub fn open_connector_runtime(
    request: RuntimeRequest,
    callbacks: RuntimeCallbacks,
) -> Result<ConnectorRuntime, OpenError> {
    let container = request.container.clone();
    ConnectorRuntime::open(
        &request,
        container,
        callbacks,
        "openAveConnectorRuntime",
        &GENERIC_RUNTIME,
    )
}

/// Opens the Iris delegated runtime (`openIrisDelegatedRuntime`): target
/// `iris`, target origin `https://irischat.app` unless given.
pub fn open_iris_delegated_runtime(
    request: RuntimeRequest,
    callbacks: RuntimeCallbacks,
) -> Result<ConnectorRuntime, OpenError> {
    let container = request.container.clone();
    ConnectorRuntime::open(
        &request,
        container,
        callbacks,
        "openIrisDelegatedRuntime",
        &IRIS_RUNTIME,
    )
}
