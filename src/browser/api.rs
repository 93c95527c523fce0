//! The Rust API: the same flows as the JavaScript functions, with typed
//! requests and callbacks. The handle types are also what the JavaScript
//! exports return (the npm entry turns them into 0.6.0's plain objects).

use wasm_bindgen::prelude::*;
use web_sys::{HtmlIFrameElement, Window};

use crate::browser::dom::random_token;
use crate::browser::flows::connector::{self, FlowRef};
use crate::error::OptionError;
use crate::options::{ConnectorOptions, Mode, OptionSource, RawValue};

pub use crate::browser::events::{ConnectorCallbacks, ErrorEvent, SuccessEvent};
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
