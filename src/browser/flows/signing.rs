//! Signing requests (`openAveSigningSheet`, `openAveSigningPopup`):
//! `ave:signed` → `onSigned`, `ave:denied` → `onDenied`.

use crate::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::dom::window;
use crate::browser::events::Callbacks;
use crate::browser::flows::flow::{self, FlowRef, FlowSpec, PopupSpec, Purpose};
use crate::options::SigningOptions;

fn spec(options: &SigningOptions) -> Result<FlowSpec, JsValue> {
    let page_origin = window()?.location().origin()?;
    Ok(FlowSpec {
        url: options.sign_url(&page_origin),
        issuer_origin: options.issuer.origin().to_owned(),
        purpose: Purpose::Signing,
        popup: PopupSpec {
            name: "ave_signing",
            width: options.popup.width,
            height: options.popup.height,
        },
        label: "Review a signing request with Ave",
        frame_title: "Ave signing request",
    })
}

/// `openAveSigningSheet`.
pub fn open_sheet(options: &SigningOptions, callbacks: Callbacks) -> Result<FlowRef, JsValue> {
    flow::open_sheet(spec(options)?, callbacks)
}

/// `openAveSigningPopup`: `None` when blocked (after `onDenied({error: "popup_blocked"})`).
pub fn open_popup(
    options: &SigningOptions,
    callbacks: Callbacks,
) -> Result<Option<FlowRef>, JsValue> {
    flow::open_popup(spec(options)?, callbacks)
}
