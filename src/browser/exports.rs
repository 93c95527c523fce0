//! What JavaScript sees of the wasm: [`open`], the one entry of the ten
//! functions (by their number in [`ENTRIES`]; `entry.rs` opens them), the
//! flow handle [`JsFlow`], and the warm-up's parts. The npm entry
//! (`pkg-template/index.js`) gives each function its 0.6.0 name and shape;
//! a host test holds it to the table. Bad options throw a `TypeError`
//! naming the function and the option.

use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlIFrameElement, Window};

use crate::browser::api::ConnectorRuntime;
use crate::browser::entry::{open_flow, open_runtime, Randomness};
use crate::browser::flows::connector;
use crate::browser::flows::flow::FlowRef;
use crate::browser::js_options::JsOptions;
use crate::browser::ui::sheet::prepare_template;
use crate::entries::{Product, ENTRIES};
use crate::options::ConnectorOptions;
use crate::platform::Page;

/// Runs function number `id` of [`ENTRIES`] with `options`: a [`JsFlow`],
/// a [`ConnectorRuntime`], or `null` for a blocked popup. `document`: the
/// npm entry's warm-up builds in an inert document of its own (absent: the
/// page's). `defaults`: those of `createAve` (absent: none).
#[wasm_bindgen(skip_typescript)]
pub fn open(
    id: usize,
    options: JsValue,
    document: Option<Document>,
    defaults: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(entry) = ENTRIES.get(id) else {
        return Err(js_sys::Error::new("ave-embed-wasm: unknown function").into());
    };
    let js = JsOptions::new(options, entry.name)?.with_defaults(defaults);
    let page = Page::new(document)?;
    let container = || js.element("container");
    Ok(match entry.product {
        Product::Runtime | Product::IrisRuntime => {
            let runtime = open_runtime(entry, &page, &js, container, || js.runtime_callbacks())?;
            ConnectorRuntime { runtime }.into()
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
// A JavaScript class of the npm build only: wasm-bindgen's generated
// conversions make it reachable, but no Rust code outside names it.
#[allow(unnameable_types)]
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
