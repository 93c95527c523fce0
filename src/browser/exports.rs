//! The entry: every one of the ten functions, from JavaScript ([`open`])
//! or from the Rust API, goes through [`open_flow`] or [`open_runtime`],
//! driven by its row of [`ENTRIES`]: the row's product says how its
//! options are read and what its flow means, its surface where the flow
//! is shown. The npm entry (`pkg-template/index.js`) gives each function
//! its 0.6.0 name and shape; a host test holds it to the table. Bad
//! options throw a `TypeError` naming the function and the option.

use crate::prelude::*;
use core::cell::Cell;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlIFrameElement, Window};

use crate::browser::api::{ConnectorRuntime, OpenError};
use crate::browser::events::{Callbacks, RuntimeCallbacks};
use crate::browser::flows::flow::{self, FlowRef};
use crate::browser::flows::runtime;
use crate::browser::flows::{connector, signin, signing};
use crate::browser::js_options::JsOptions;
use crate::browser::ui::sheet::prepare_template;
use crate::encoding::base64url;
use crate::entries::{Entry, Product, Surface, ENTRIES};
use crate::options::{
    ConnectorOptions, OptionReader, OptionSource, RuntimeDefaults, RuntimeOptions, SignInOptions,
    SignInSurface, SigningOptions,
};
use crate::pkce::Pkce;
use crate::platform::{random_bytes, Page};

/// Runs function number `id` of [`ENTRIES`] with `options`: a [`JsFlow`],
/// a [`ConnectorRuntime`], or `null` for a blocked popup. `document`: the
/// npm entry's warm-up builds in an inert document of its own (absent: the
/// page's).
#[wasm_bindgen(skip_typescript)]
pub fn open(id: usize, options: JsValue, document: Option<Document>) -> Result<JsValue, JsValue> {
    let Some(entry) = ENTRIES.get(id) else {
        return Err(js_sys::Error::new("ave-embed-wasm: unknown function").into());
    };
    let js = JsOptions::new(options, entry.name)?;
    let page = Page::new(document)?;
    let container = || js.element("container");
    Ok(match entry.product {
        Product::Runtime | Product::IrisRuntime => {
            open_runtime(entry, &page, &js, container, || js.runtime_callbacks())?.into()
        }
        Product::Connector | Product::SignIn | Product::Signing => {
            match open_flow(entry, &page, &js, container, || js.callbacks())? {
                Some(flow) => JsFlow {
                    flow,
                    function: entry.name,
                }
                .into(),
                None => JsValue::NULL,
            }
        }
    })
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
) -> Result<ConnectorRuntime, OpenError> {
    let defaults = match entry.product {
        Product::IrisRuntime => IRIS_RUNTIME,
        _ => GENERIC_RUNTIME,
    };
    let options = RuntimeOptions::read(source, entry, &defaults)?;
    let container = options.in_container.then(container).flatten();
    let runtime = runtime::open(page, options, container, callbacks(), entry.name)?;
    Ok(ConnectorRuntime { runtime })
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
struct Randomness {
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
    fn token(&self) -> String {
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

/// A part of a page's first connector sheet, run ahead by the npm entry's
/// idle warm-up (`pkg-template/index.js`), each part in an idle period of
/// its own: 0 reads and checks `options` and builds the issuer's URL, 1
/// builds the sheet's template in `document`. What runs once is compiled
/// then, so the warm-up's open that follows has less to do at once: on a
/// slow phone the whole first open is a long task, its parts are not.
#[wasm_bindgen(js_name = warmPart, skip_typescript)]
pub fn warm_part(part: u32, options: JsValue, document: Document) -> Result<(), JsValue> {
    let entry = &ENTRIES[0];
    if part == 0 {
        let js = JsOptions::new(options, entry.name)?;
        let options = ConnectorOptions::read(&js, entry, || Randomness::default().token())?;
        core::hint::black_box(connector::flow(&options, entry.surface));
    } else {
        prepare_template(&document);
    }
    Ok(())
}

/// A sheet, popup or inline flow as JavaScript holds it; the npm entry
/// shows each function's own part of it (`{ close(), iframe }`,
/// `{ popup, close() }`, `{ iframe, destroy(), postMessage(p) }`).
#[wasm_bindgen(skip_typescript)]
pub struct JsFlow {
    flow: FlowRef,
    /// The function that opened it, for `postMessage`'s error.
    function: &'static str,
}

#[wasm_bindgen]
impl JsFlow {
    /// Ends the flow (`close()`, `destroy()`); `onClose` fires unless it
    /// already ended. Idempotent.
    pub fn close(&self) {
        self.flow.close();
    }

    /// The issuer iframe (sheet, inline).
    #[wasm_bindgen(getter)]
    pub fn iframe(&self) -> Option<HtmlIFrameElement> {
        self.flow.iframe()
    }

    /// The popup window (popup flows).
    #[wasm_bindgen(getter)]
    pub fn popup(&self) -> Option<Window> {
        self.flow.popup()
    }

    /// Whether the flow is inline (`startAveAuth` with a `container`).
    #[wasm_bindgen(getter)]
    pub fn inline(&self) -> bool {
        self.flow.is_inline()
    }

    /// Posts `payload` to the issuer page (inline), to the issuer origin
    /// only; does nothing after `destroy()`. A payload the browser cannot
    /// clone (a function, a Proxy, a getter that throws, …) is a `TypeError`.
    #[wasm_bindgen(js_name = postMessage)]
    pub fn post_message(&self, payload: &JsValue) -> Result<(), JsValue> {
        self.flow.post_to_frame(payload).map_err(|_| {
            js_sys::TypeError::new(
                &[
                    self.function,
                    ": postMessage(payload) must be cloneable (no function, Proxy or throwing getter)",
                ]
                .concat(),
            )
            .into()
        })
    }
}
