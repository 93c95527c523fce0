//! The ten functions JavaScript sees. Each reads its options object, hands
//! it to the pure validation, and opens the flow; bad options throw a
//! `TypeError` naming the function and the option. The npm entry
//! (`pkg-template/index.js`) gives them 0.6.0's exact shapes (plain objects,
//! Promises for the four sign-in functions).

use wasm_bindgen::prelude::*;

use crate::browser::api::{
    connector_options, sign_in_options, start, ConnectorRuntime, EmbedHandle, PopupHandle,
    SheetHandle, GENERIC_RUNTIME, IRIS_RUNTIME,
};
use crate::browser::flows::{connector, signin, signing};
use crate::browser::js_options::JsOptions;
use crate::options::{SignInSurface, SigningOptions};

/// `openAveConnectorSheet(options)` → `{ close(), iframe }`.
#[wasm_bindgen(js_name = openAveConnectorSheet, skip_typescript)]
pub fn open_ave_connector_sheet(options: JsValue) -> Result<SheetHandle, JsValue> {
    const NAME: &str = "openAveConnectorSheet";
    let js = JsOptions::new(options, NAME)?;
    let parsed = connector_options(&js, NAME)?;
    Ok(SheetHandle::from_flow(connector::open_sheet(
        parsed,
        js.callbacks(),
    )?))
}

/// `openAveConnectorPopup(options)` → `{ popup, close() } | null`.
#[wasm_bindgen(js_name = openAveConnectorPopup, skip_typescript)]
pub fn open_ave_connector_popup(options: JsValue) -> Result<Option<PopupHandle>, JsValue> {
    const NAME: &str = "openAveConnectorPopup";
    let js = JsOptions::new(options, NAME)?;
    let parsed = connector_options(&js, NAME)?;
    Ok(connector::open_popup(parsed, js.callbacks())?.map(PopupHandle::from_flow))
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

/// `mountAveEmbed(options)` → `{ iframe, destroy(), postMessage(p) }` (async in JS).
#[wasm_bindgen(js_name = mountAveEmbed, skip_typescript)]
pub fn mount_ave_embed(options: JsValue) -> Result<EmbedHandle, JsValue> {
    const NAME: &str = "mountAveEmbed";
    let js = JsOptions::new(options, NAME)?;
    let parsed = sign_in_options(&js, NAME, SignInSurface::Inline, None)?;
    let container = js.element("container").ok_or_else(|| {
        js_sys::TypeError::new("mountAveEmbed: option `container` must be a DOM element")
    })?;
    Ok(EmbedHandle::from_flow(signin::mount(
        &parsed,
        &container,
        js.callbacks(),
    )?))
}

/// `openAveSheet(options)` → `{ close(), iframe }` (async in JS).
#[wasm_bindgen(js_name = openAveSheet, skip_typescript)]
pub fn open_ave_sheet(options: JsValue) -> Result<SheetHandle, JsValue> {
    const NAME: &str = "openAveSheet";
    let js = JsOptions::new(options, NAME)?;
    let parsed = sign_in_options(&js, NAME, SignInSurface::Sheet, None)?;
    Ok(SheetHandle::from_flow(signin::open_sheet(
        &parsed,
        js.callbacks(),
    )?))
}

/// `openAvePopup(options)` → `{ popup, close() } | null` (async in JS; the
/// window is opened synchronously, inside the caller's click).
#[wasm_bindgen(js_name = openAvePopup, skip_typescript)]
pub fn open_ave_popup(options: JsValue) -> Result<Option<PopupHandle>, JsValue> {
    const NAME: &str = "openAvePopup";
    let js = JsOptions::new(options, NAME)?;
    let parsed = sign_in_options(&js, NAME, SignInSurface::Popup, None)?;
    Ok(signin::open_popup(&parsed, js.callbacks())?.map(PopupHandle::from_flow))
}

/// `startAveAuth(options)`: `mountAveEmbed` with a `container`, else `openAveSheet`.
#[wasm_bindgen(js_name = startAveAuth, skip_typescript)]
pub fn start_ave_auth(options: JsValue) -> Result<JsValue, JsValue> {
    let js = JsOptions::new(options, "startAveAuth")?;
    let container = js.element("container");
    Ok(start(&js, container, js.callbacks())?.into())
}

/// `openAveSigningSheet(options)` → `{ close(), iframe }`.
#[wasm_bindgen(js_name = openAveSigningSheet, skip_typescript)]
pub fn open_ave_signing_sheet(options: JsValue) -> Result<SheetHandle, JsValue> {
    const NAME: &str = "openAveSigningSheet";
    let js = JsOptions::new(options, NAME)?;
    let parsed = SigningOptions::read(&js, NAME)?;
    Ok(SheetHandle::from_flow(signing::open_sheet(
        &parsed,
        js.callbacks(),
    )?))
}

/// `openAveSigningPopup(options)` → `{ popup, close() } | null`.
#[wasm_bindgen(js_name = openAveSigningPopup, skip_typescript)]
pub fn open_ave_signing_popup(options: JsValue) -> Result<Option<PopupHandle>, JsValue> {
    const NAME: &str = "openAveSigningPopup";
    let js = JsOptions::new(options, NAME)?;
    let parsed = SigningOptions::read(&js, NAME)?;
    Ok(signing::open_popup(&parsed, js.callbacks())?.map(PopupHandle::from_flow))
}
