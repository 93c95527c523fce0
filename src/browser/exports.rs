//! What JavaScript sees of the wasm: one entry, [`open`], for the ten
//! functions, and the handle it returns. The npm entry
//! (`pkg-template/index.js`) gives each function its 0.6.0 name and shape
//! (plain objects, Promises for the four sign-in functions). One entry
//! rather than ten keeps the option reading and error paths in the wasm
//! once (README, "Size"). Bad options throw a `TypeError` naming the
//! function and the option.

use wasm_bindgen::prelude::*;
use web_sys::{HtmlIFrameElement, Window};

use crate::browser::api::{
    connector_options, sign_in_options, start, AuthHandle, ConnectorRuntime, GENERIC_RUNTIME,
    IRIS_RUNTIME,
};
use crate::browser::flows::flow::FlowRef;
use crate::browser::flows::{connector, signin, signing};
use crate::browser::js_options::JsOptions;
use crate::options::{SignInSurface, SigningOptions};

/// The functions, by the number the npm entry passes to [`open`].
const FUNCTIONS: [&str; 10] = [
    "openAveConnectorSheet",
    "openAveConnectorPopup",
    "openAveConnectorRuntime",
    "openIrisDelegatedRuntime",
    "openAveSigningSheet",
    "openAveSigningPopup",
    "mountAveEmbed",
    "openAveSheet",
    "openAvePopup",
    "startAveAuth",
];

/// Runs function number `function` of [`FUNCTIONS`] with `options`: a
/// [`JsFlow`], a [`ConnectorRuntime`], or `null` for a blocked popup.
#[wasm_bindgen(skip_typescript)]
pub fn open(function: usize, options: JsValue) -> Result<JsValue, JsValue> {
    let Some(&name) = FUNCTIONS.get(function) else {
        return Err(js_sys::Error::new("ave-embed-wasm: unknown function").into());
    };
    let js = JsOptions::new(options, name)?;
    let flow = |flow: FlowRef| {
        JsValue::from(JsFlow {
            flow,
            function: name,
            inline: function == 6,
        })
    };
    let popup = |opened: Option<FlowRef>| opened.map_or(JsValue::NULL, flow);
    let runtime = |defaults| {
        ConnectorRuntime::open(
            &js,
            js.element("container"),
            js.runtime_callbacks(),
            name,
            defaults,
        )
        .map(JsValue::from)
    };
    let sign_in = |surface| sign_in_options(&js, name, surface, None);
    Ok(match function {
        0 => flow(connector::open_sheet(
            connector_options(&js, name)?,
            js.callbacks(),
        )?),
        1 => popup(connector::open_popup(
            connector_options(&js, name)?,
            js.callbacks(),
        )?),
        2 => runtime(&GENERIC_RUNTIME)?,
        3 => runtime(&IRIS_RUNTIME)?,
        4 => flow(signing::open_sheet(
            &SigningOptions::read(&js, name)?,
            js.callbacks(),
        )?),
        5 => popup(signing::open_popup(
            &SigningOptions::read(&js, name)?,
            js.callbacks(),
        )?),
        6 => {
            let options = sign_in(SignInSurface::Inline)?;
            let container = js.element("container").ok_or_else(|| {
                js_sys::TypeError::new("mountAveEmbed: option `container` must be a DOM element")
            })?;
            flow(signin::mount(&options, &container, js.callbacks())?)
        }
        7 => flow(signin::open_sheet(
            &sign_in(SignInSurface::Sheet)?,
            js.callbacks(),
        )?),
        8 => popup(signin::open_popup(
            &sign_in(SignInSurface::Popup)?,
            js.callbacks(),
        )?),
        _ => match start(&js, js.element("container"), js.callbacks())? {
            AuthHandle::Embed(h) => JsFlow {
                flow: h.flow,
                function: name,
                inline: true,
            }
            .into(),
            AuthHandle::Sheet(h) => flow(h.flow),
        },
    })
}

/// A part of a page's first connector sheet, run ahead by the npm entry's
/// idle warm-up (`pkg-template/index.js`), each part in an idle period of
/// its own: 0 reads and checks `options` and builds the issuer's URL, 1
/// builds the sheet's template in the current document. What runs once is
/// compiled then, so the warm-up's open that follows has less to do at
/// once: on a slow phone the whole first open is a long task, its parts
/// are not.
#[wasm_bindgen(js_name = warmPart, skip_typescript)]
pub fn warm_part(part: u32, options: JsValue) -> Result<(), JsValue> {
    if part == 0 {
        let js = JsOptions::new(options, FUNCTIONS[0])?;
        core::hint::black_box(connector_options(&js, FUNCTIONS[0])?.authorize_url());
        Ok(())
    } else {
        crate::browser::ui::sheet::prepare_template()
    }
}

/// A sheet, popup or inline flow as JavaScript holds it; the npm entry
/// shows each function's own part of it (`{ close(), iframe }`,
/// `{ popup, close() }`, `{ iframe, destroy(), postMessage(p) }`).
#[wasm_bindgen(skip_typescript)]
pub struct JsFlow {
    flow: FlowRef,
    /// The function that opened it, for `postMessage`'s error.
    function: &'static str,
    inline: bool,
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
        self.inline
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
