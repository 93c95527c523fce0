//! The one way in: every one of the ten functions, from JavaScript
//! (`exports.rs`) or from the Rust API (`api.rs`), opens through
//! [`open_flow`] or [`open_runtime`], driven by its row of
//! [`crate::entries::ENTRIES`]: the row's product says how its options are
//! read and what its flow means, its surface where the flow is shown.

use crate::prelude::*;
use core::cell::Cell;

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::events::{Callbacks, RuntimeCallbacks};
use crate::browser::flows::flow::{self, FlowRef};
use crate::browser::flows::runtime::{self, RuntimeRef};
use crate::browser::flows::{connector, signin, signing};
use crate::encoding::base64url;
use crate::entries::{Entry, Product, Surface};
use crate::error::OptionError;
use crate::options::{
    ConnectorOptions, OptionReader, OptionSource, RuntimeDefaults, RuntimeOptions, SignInOptions,
    SignInSurface, SigningOptions,
};
use crate::pkce::Pkce;
use crate::platform::{random_bytes, Page};

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

/// An option error is a `TypeError` naming the function and the option.
impl From<OptionError> for JsValue {
    fn from(e: OptionError) -> Self {
        js_sys::TypeError::new(&e.message()).into()
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

/// Opens the flow of `entry` with the options in `source`; `container`
/// and `callbacks` are taken once the options passed. `Ok(None)`: the
/// browser blocked the popup (reported to the callbacks).
pub(crate) fn open_flow(
    entry: &Entry,
    page: &Page,
    source: &impl OptionSource,
    container: impl FnOnce() -> Option<Element>,
    callbacks: impl FnOnce() -> Callbacks,
) -> Result<Option<FlowRef>, OpenError> {
    let random = Randomness::default();
    let (spec, place) = match entry.product {
        Product::Connector => {
            let options = ConnectorOptions::read(source, entry, || random.token())?;
            random.check()?;
            connector::flow(&options, entry.surface)
        }
        Product::Signing => {
            let options = SigningOptions::read(source, entry)?;
            signing::flow(&options, entry.surface, &page.window.location().origin()?)
        }
        Product::SignIn => {
            let (surface, client_id) = sign_in_surface(entry, page, source)?;
            let options = SignInOptions::read(
                source,
                entry,
                surface,
                client_id,
                || random.pkce(),
                || random.token(),
            )?;
            random.check()?;
            let container = (surface == SignInSurface::Inline).then(container).flatten();
            signin::flow(&options, surface, container)
                .ok_or_else(|| JsValue::from(js_sys::Error::new("container")))?
        }
        Product::Runtime | Product::IrisRuntime => {
            return Err(JsValue::from(js_sys::Error::new("not a flow")).into())
        }
    };
    Ok(flow::open(page, place, spec, callbacks())?)
}

/// `startAveAuth` is inline when `container` is given, else a sheet (and
/// a `container` that is not an element is a mistake, not a request for a
/// sheet); without `clientId` it derives one. The other sign-in entries
/// have one surface.
fn sign_in_surface(
    entry: &Entry,
    page: &Page,
    source: &impl OptionSource,
) -> Result<(SignInSurface, Option<String>), OpenError> {
    Ok(match entry.surface {
        Surface::Popup => (SignInSurface::Popup, None),
        Surface::Inline => (SignInSurface::Inline, None),
        Surface::InlineOrSheet => {
            let r = OptionReader::new(source, entry);
            let inline = r.container(false);
            r.finish(Some(()))?;
            let page_origin = page.window.location().origin()?;
            let client_id = SignInOptions::derived_client_id(source, &page_origin);
            let surface = if inline {
                SignInSurface::Inline
            } else {
                SignInSurface::Sheet
            };
            (surface, client_id)
        }
        Surface::Sheet | Surface::Runtime => (SignInSurface::Sheet, None),
    })
}

/// Opens the runtime of `entry` with the options in `source`.
pub(crate) fn open_runtime(
    entry: &Entry,
    page: &Page,
    source: &impl OptionSource,
    container: impl FnOnce() -> Option<Element>,
    callbacks: impl FnOnce() -> RuntimeCallbacks,
) -> Result<RuntimeRef, OpenError> {
    let defaults = match entry.product {
        Product::IrisRuntime => IRIS_RUNTIME,
        _ => GENERIC_RUNTIME,
    };
    let options = RuntimeOptions::read(source, entry, &defaults)?;
    let container = options.in_container.then(container).flatten();
    Ok(runtime::open(
        page,
        options,
        container,
        callbacks(),
        entry.name,
    )?)
}

/// `openAveConnectorRuntime`: target from the options (default `resource`).
const GENERIC_RUNTIME: RuntimeDefaults = RuntimeDefaults {
    fixed_target: None,
    target_origin: None,
};

/// `openIrisDelegatedRuntime`: target `iris`, target origin `https://irischat.app`.
const IRIS_RUNTIME: RuntimeDefaults = RuntimeDefaults {
    fixed_target: Some("iris"),
    target_origin: Some("https://irischat.app"),
};

/// The random values an option reader asks for, made only then (an app's
/// own `state`, a sign-in without `onTokens`: none). The readers take
/// infallible makers, so a failure is kept and raised after reading.
#[derive(Default)]
pub(crate) struct Randomness {
    failed: Cell<Option<JsValue>>,
}

impl Randomness {
    fn bytes<const N: usize>(&self) -> [u8; N] {
        random_bytes().unwrap_or_else(|e| {
            self.failed.set(Some(e));
            [0; N]
        })
    }

    /// A `state`: 16 random bytes, base64url.
    pub(crate) fn token(&self) -> String {
        base64url(&self.bytes::<16>())
    }

    /// A fresh PKCE verifier / S256 challenge and nonce.
    fn pkce(&self) -> Pkce {
        Pkce::from_random(&self.bytes(), &self.bytes())
    }

    /// The first failure, if any: nothing made from it is used.
    fn check(&self) -> Result<(), JsValue> {
        self.failed.take().map_or(Ok(()), Err)
    }
}
