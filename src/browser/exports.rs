//! The ten functions JavaScript sees. Each reads its options object, hands
//! it to the pure validation, and opens the flow. The npm entry
//! (`pkg-template/index.js`) wraps these in 0.6.0's exact shapes.

use wasm_bindgen::prelude::*;

use crate::browser::api::{
    connector_options, ConnectorPopup, ConnectorRuntime, ConnectorSheet, GENERIC_RUNTIME,
    IRIS_RUNTIME,
};
use crate::browser::flows::connector;
use crate::browser::js_options::JsOptions;

/// `openAveConnectorSheet(options)` → `{ close(), iframe }`.
#[wasm_bindgen(js_name = openAveConnectorSheet, skip_typescript)]
pub fn open_ave_connector_sheet(options: JsValue) -> Result<ConnectorSheet, JsValue> {
    const NAME: &str = "openAveConnectorSheet";
    let js = JsOptions::new(options, NAME)?;
    let parsed = connector_options(&js, NAME)?;
    Ok(ConnectorSheet::from_flow(connector::open_sheet(
        parsed,
        js.connector_callbacks(),
    )?))
}

/// `openAveConnectorPopup(options)` → `{ popup, close() } | null`.
#[wasm_bindgen(js_name = openAveConnectorPopup, skip_typescript)]
pub fn open_ave_connector_popup(options: JsValue) -> Result<Option<ConnectorPopup>, JsValue> {
    const NAME: &str = "openAveConnectorPopup";
    let js = JsOptions::new(options, NAME)?;
    let parsed = connector_options(&js, NAME)?;
    Ok(connector::open_popup(parsed, js.connector_callbacks())?.map(ConnectorPopup::from_flow))
}

/// `openAveConnectorRuntime(options)` → `{ iframe, send(message), destroy() }`.
#[wasm_bindgen(js_name = openAveConnectorRuntime, skip_typescript)]
pub fn open_ave_connector_runtime(options: JsValue) -> Result<ConnectorRuntime, JsValue> {
    const NAME: &str = "openAveConnectorRuntime";
    let js = JsOptions::new(options, NAME)?;
    Ok(ConnectorRuntime::open(
        &js,
        js.element("container"),
        js.runtime_callbacks(),
        NAME,
        &GENERIC_RUNTIME,
    )?)
}

/// `openIrisDelegatedRuntime(options)`: the runtime with target `iris`.
#[wasm_bindgen(js_name = openIrisDelegatedRuntime, skip_typescript)]
pub fn open_iris_delegated_runtime(options: JsValue) -> Result<ConnectorRuntime, JsValue> {
    const NAME: &str = "openIrisDelegatedRuntime";
    let js = JsOptions::new(options, NAME)?;
    Ok(ConnectorRuntime::open(
        &js,
        js.element("container"),
        js.runtime_callbacks(),
        NAME,
        &IRIS_RUNTIME,
    )?)
}

/// The exports whose flows are not built yet: a clear error, never a silent no-op.
fn not_yet(name: &str) -> JsValue {
    js_sys::Error::new(&format!("{name} is not implemented yet in ave-embed-wasm; see the README for the supported functions")).into()
}

macro_rules! pending_exports {
    ($($js:ident => $rs:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($js), "` (not implemented yet: throws).")]
        #[wasm_bindgen(js_name = $js, skip_typescript)]
        pub fn $rs(_options: JsValue) -> Result<JsValue, JsValue> {
            Err(not_yet(stringify!($js)))
        }
    )*};
}

pending_exports! {
    mountAveEmbed => mount_ave_embed,
    openAveSheet => open_ave_sheet,
    openAvePopup => open_ave_popup,
    startAveAuth => start_ave_auth,
    openAveSigningSheet => open_ave_signing_sheet,
    openAveSigningPopup => open_ave_signing_popup,
}
