//! The Rust API: the same flows as the JavaScript functions, with typed
//! requests and callbacks. The handle types are also what the JavaScript
//! exports return (the npm entry turns them into 0.6.0's plain objects).

use crate::prelude::*;
use core::fmt;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlIFrameElement, Window};

use crate::browser::dom::{fresh_pkce, random_token, window};
use crate::browser::flows::flow::FlowRef;
use crate::browser::flows::runtime::{self, RuntimeRef};
use crate::browser::flows::{connector, signin, signing};
use crate::error::OptionError;
use crate::options::{
    ConnectorOptions, Mode, OptionReader, OptionSource, RawValue, RuntimeDefaults, RuntimeOptions,
    SignInOptions, SignInSurface, SigningOptions,
};

pub use crate::browser::events::{
    Callbacks, ConnectorCallbacks, ErrorEvent, RuntimeCallbacks, SuccessEvent,
};
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
#[derive(Clone, Default)]
pub struct ConnectorRequest {
    client_id: String,
    redirect_uri: String,
    resource: String,
    scope: Option<String>,
    mode: Option<Mode>,
    issuer: Option<String>,
    state: Option<String>,
    timeout_ms: Option<u32>,
    popup: Option<(u32, u32)>,
}

impl fmt::Debug for ConnectorRequest {
    // `state` is a secret: whether it was given, never its value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectorRequest")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .field("resource", &self.resource)
            .field("scope", &self.scope)
            .field("mode", &self.mode)
            .field("issuer", &self.issuer)
            .field("state", &self.state.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

/// `width` / `height` of a popup as the option values 0.6.0 takes (pixels).
fn popup_size_value(popup: Option<(u32, u32)>, name: &str) -> RawValue {
    match (popup, name) {
        (Some((w, _)), "width") => RawValue::Number(f64::from(w)),
        (Some((_, h)), "height") => RawValue::Number(f64::from(h)),
        _ => RawValue::Absent,
    }
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

    /// `width` / `height` of the popup in pixels (default 460 × 700).
    pub fn popup_size(mut self, width: u32, height: u32) -> Self {
        self.popup = Some((width, height));
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
            "width" | "height" => popup_size_value(self.popup, name),
            _ => RawValue::Absent,
        }
    }
}

/// Reads and validates connector options, generating `state` when absent.
pub(crate) fn connector_options(
    source: &impl OptionSource,
    function: &'static str,
) -> Result<ConnectorOptions, OpenError> {
    let state = random_token::<16>()?;
    Ok(ConnectorOptions::read(source, function, || state)?)
}

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
/// [`Mode::Background`] it runs silently in a hidden frame instead.
pub fn open_connector_sheet(
    request: ConnectorRequest,
    callbacks: Callbacks,
) -> Result<SheetHandle, OpenError> {
    let options = connector_options(&request, "openAveConnectorSheet")?;
    Ok(SheetHandle {
        flow: connector::open_sheet(options, callbacks)?,
    })
}

/// Opens a connector authorization popup (`openAveConnectorPopup`); call it
/// inside the user's click. `Ok(None)` when the browser blocked the popup
/// (after `on_error` with `popup_blocked`).
pub fn open_connector_popup(
    request: ConnectorRequest,
    callbacks: Callbacks,
) -> Result<Option<PopupHandle>, OpenError> {
    let options = connector_options(&request, "openAveConnectorPopup")?;
    Ok(connector::open_popup(options, callbacks)?.map(|flow| PopupHandle { flow }))
}

/// A sign-in request, as a Rust value (the fields of the JavaScript options).
#[derive(Clone, Default)]
pub struct SignInRequest {
    client_id: Option<String>,
    redirect_uri: String,
    scope: Option<String>,
    theme: Option<String>,
    issuer: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    extra_params: Vec<(String, String)>,
    container: Option<Element>,
    width: Option<String>,
    height: Option<String>,
    /// Set from the callbacks: `on_tokens` means the SDK runs PKCE.
    with_tokens: bool,
}

impl SignInRequest {
    /// `clientId` and `redirectUri`.
    pub fn new(client_id: &str, redirect_uri: &str) -> Self {
        Self {
            client_id: Some(client_id.to_owned()),
            redirect_uri: redirect_uri.to_owned(),
            ..Self::default()
        }
    }

    /// `startAveAuth` without `clientId` (derived: `origin:` + origin of `redirectUri`).
    pub fn without_client_id(redirect_uri: &str) -> Self {
        Self {
            redirect_uri: redirect_uri.to_owned(),
            ..Self::default()
        }
    }

    /// `scope` (default `openid profile email`).
    pub fn scope(mut self, scope: &str) -> Self {
        self.scope = Some(scope.to_owned());
        self
    }

    /// `theme` (default `dark`).
    pub fn theme(mut self, theme: &str) -> Self {
        self.theme = Some(theme.to_owned());
        self
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(mut self, issuer: &str) -> Self {
        self.issuer = Some(issuer.to_owned());
        self
    }

    /// Your own PKCE challenge, passed through (not used with `on_tokens`).
    pub fn code_challenge(mut self, challenge: &str, method: Option<&str>) -> Self {
        self.code_challenge = Some(challenge.to_owned());
        self.code_challenge_method = method.map(str::to_owned);
        self
    }

    /// One of `extraParams`. `("state", s)` sends your own `state` (checked
    /// in the redirect URL like the one generated when you give none).
    pub fn extra_param(mut self, key: &str, value: &str) -> Self {
        self.extra_params.push((key.to_owned(), value.to_owned()));
        self
    }

    /// `container` (inline embed).
    pub fn container(mut self, container: Element) -> Self {
        self.container = Some(container);
        self
    }

    /// `width`: CSS length inline, pixels for a popup.
    pub fn width(mut self, width: &str) -> Self {
        self.width = Some(width.to_owned());
        self
    }

    /// `height`: CSS length inline, pixels for a popup.
    pub fn height(mut self, height: &str) -> Self {
        self.height = Some(height.to_owned());
        self
    }
}

impl fmt::Debug for SignInRequest {
    // `extraParams` may hold the app's `state`: only their number is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInRequest")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .field("scope", &self.scope)
            .field("issuer", &self.issuer)
            .field("extra_params", &self.extra_params.len())
            .field("with_tokens", &self.with_tokens)
            .finish_non_exhaustive()
    }
}

impl OptionSource for SignInRequest {
    fn value(&self, name: &str) -> RawValue {
        let s = |v: &String| RawValue::Str(v.clone());
        let size = |v: &String| {
            v.parse::<f64>()
                .map_or_else(|_| RawValue::Str(v.clone()), RawValue::Number)
        };
        match name {
            "clientId" => self.client_id.as_ref().map_or(RawValue::Absent, s),
            "redirectUri" => s(&self.redirect_uri),
            "scope" => self.scope.as_ref().map_or(RawValue::Absent, s),
            "theme" => self.theme.as_ref().map_or(RawValue::Absent, s),
            "issuer" => self.issuer.as_ref().map_or(RawValue::Absent, s),
            "codeChallenge" => self.code_challenge.as_ref().map_or(RawValue::Absent, s),
            "codeChallengeMethod" => self
                .code_challenge_method
                .as_ref()
                .map_or(RawValue::Absent, s),
            "extraParams" if !self.extra_params.is_empty() => {
                RawValue::StrMap(self.extra_params.clone())
            }
            "container" => self
                .container
                .as_ref()
                .map_or(RawValue::Absent, |_| RawValue::Element),
            "width" => self.width.as_ref().map_or(RawValue::Absent, size),
            "height" => self.height.as_ref().map_or(RawValue::Absent, size),
            "onTokens" if self.with_tokens => RawValue::Function,
            _ => RawValue::Absent,
        }
    }
}

/// Reads and validates sign-in options; generates PKCE + nonce for
/// `onTokens`, and `state` unless `extraParams` has the app's own.
pub(crate) fn sign_in_options(
    source: &impl OptionSource,
    function: &'static str,
    surface: SignInSurface,
    client_id: Option<String>,
) -> Result<SignInOptions, OpenError> {
    let pkce = fresh_pkce()?;
    let state = random_token::<16>()?;
    Ok(SignInOptions::read(
        source,
        function,
        surface,
        client_id,
        || pkce,
        || state,
    )?)
}

fn with_tokens(mut request: SignInRequest, callbacks: &Callbacks) -> SignInRequest {
    request.with_tokens = callbacks.has_tokens();
    request
}

/// `openAveSheet`: the sign-in sheet.
pub fn open_sign_in_sheet(
    request: SignInRequest,
    callbacks: Callbacks,
) -> Result<SheetHandle, OpenError> {
    let request = with_tokens(request, &callbacks);
    let options = sign_in_options(&request, "openAveSheet", SignInSurface::Sheet, None)?;
    Ok(SheetHandle {
        flow: signin::open_sheet(&options, callbacks)?,
    })
}

/// `openAvePopup`: call it inside the user's click; `Ok(None)` when blocked.
pub fn open_sign_in_popup(
    request: SignInRequest,
    callbacks: Callbacks,
) -> Result<Option<PopupHandle>, OpenError> {
    let request = with_tokens(request, &callbacks);
    let options = sign_in_options(&request, "openAvePopup", SignInSurface::Popup, None)?;
    Ok(signin::open_popup(&options, callbacks)?.map(|flow| PopupHandle { flow }))
}

/// `mountAveEmbed`: the sign-in page inline in the request's `container`.
pub fn mount_sign_in(
    request: SignInRequest,
    callbacks: Callbacks,
) -> Result<EmbedHandle, OpenError> {
    let request = with_tokens(request, &callbacks);
    let options = sign_in_options(&request, "mountAveEmbed", SignInSurface::Inline, None)?;
    let container = request
        .container
        .clone()
        .ok_or_else(|| JsValue::from(js_sys::Error::new("container")))?;
    Ok(EmbedHandle {
        flow: signin::mount(&options, &container, callbacks)?,
    })
}

/// `startAveAuth`: inline when a container is given, else a sheet.
pub fn start_auth(request: SignInRequest, callbacks: Callbacks) -> Result<AuthHandle, OpenError> {
    let request = with_tokens(request, &callbacks);
    let container = request.container.clone();
    start(&request, container, callbacks)
}

/// `startAveAuth` for any option source (JavaScript object or Rust request).
pub(crate) fn start(
    source: &impl OptionSource,
    container: Option<Element>,
    callbacks: Callbacks,
) -> Result<AuthHandle, OpenError> {
    const NAME: &str = "startAveAuth";
    // `container` decides inline vs sheet: a value that is not an element is
    // a mistake, not a request for a sheet.
    let r = OptionReader::new(source, NAME);
    r.container(false);
    r.finish(Some(()))?;
    let page_origin = window()?.location().origin()?;
    let client_id = SignInOptions::derived_client_id(source, &page_origin);
    Ok(match container {
        Some(container) => {
            let options = sign_in_options(source, NAME, SignInSurface::Inline, client_id)?;
            AuthHandle::Embed(EmbedHandle {
                flow: signin::mount(&options, &container, callbacks)?,
            })
        }
        None => {
            let options = sign_in_options(source, NAME, SignInSurface::Sheet, client_id)?;
            AuthHandle::Sheet(SheetHandle {
                flow: signin::open_sheet(&options, callbacks)?,
            })
        }
    })
}

/// A signing request, as a Rust value.
#[derive(Clone, Debug, Default)]
pub struct SigningRequest {
    request_id: String,
    issuer: Option<String>,
    popup: Option<(u32, u32)>,
}

impl SigningRequest {
    /// `requestId`.
    pub fn new(request_id: &str) -> Self {
        Self {
            request_id: request_id.to_owned(),
            ..Self::default()
        }
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(mut self, issuer: &str) -> Self {
        self.issuer = Some(issuer.to_owned());
        self
    }

    /// `width` / `height` of the popup in pixels (default 500 × 600).
    pub fn popup_size(mut self, width: u32, height: u32) -> Self {
        self.popup = Some((width, height));
        self
    }
}

impl OptionSource for SigningRequest {
    fn value(&self, name: &str) -> RawValue {
        match name {
            "requestId" => RawValue::Str(self.request_id.clone()),
            "issuer" => self.issuer.clone().map_or(RawValue::Absent, RawValue::Str),
            "width" | "height" => popup_size_value(self.popup, name),
            _ => RawValue::Absent,
        }
    }
}

/// `openAveSigningSheet`.
pub fn open_signing_sheet(
    request: SigningRequest,
    callbacks: Callbacks,
) -> Result<SheetHandle, OpenError> {
    let options = SigningOptions::read(&request, "openAveSigningSheet")?;
    Ok(SheetHandle {
        flow: signing::open_sheet(&options, callbacks)?,
    })
}

/// `openAveSigningPopup`: `Ok(None)` when blocked (after `on_denied` with `popup_blocked`).
pub fn open_signing_popup(
    request: SigningRequest,
    callbacks: Callbacks,
) -> Result<Option<PopupHandle>, OpenError> {
    let options = SigningOptions::read(&request, "openAveSigningPopup")?;
    Ok(signing::open_popup(&options, callbacks)?.map(|flow| PopupHandle { flow }))
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
