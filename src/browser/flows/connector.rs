//! Connector authorization (`openAveConnectorSheet`, `openAveConnectorPopup`):
//! a sheet, a popup, or — with `mode: "background"` — a silent hidden frame.

use crate::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::events::Callbacks;
use crate::browser::flows::flow::{self, FlowRef, FlowSpec, PopupSpec, Purpose};
use crate::options::{ConnectorOptions, Mode};

fn spec(options: &ConnectorOptions) -> FlowSpec {
    FlowSpec {
        url: options.authorize_url(),
        issuer_origin: options.issuer.origin().to_owned(),
        purpose: Purpose::Connector {
            redirect_uri: options.redirect_uri.clone(),
            state: options.state.clone(),
            background: options.mode == Mode::Background,
        },
        popup: PopupSpec {
            name: "ave_connector",
            width: options.popup.width,
            height: options.popup.height,
        },
        label: "Authorize access with Ave",
        frame_title: if options.mode == Mode::Background {
            "Ave silent authorization"
        } else {
            "Ave connector authorization"
        },
    }
}

/// Opens the connector sheet (or the silent frame in background mode).
pub fn open_sheet(options: ConnectorOptions, callbacks: Callbacks) -> Result<FlowRef, JsValue> {
    match options.mode {
        Mode::Background => flow::open_hidden(spec(&options), callbacks, options.timeout_ms),
        Mode::UserPresent => flow::open_sheet(spec(&options), callbacks),
    }
}

/// Opens the connector popup (`None` when blocked); background mode is silent.
pub fn open_popup(
    options: ConnectorOptions,
    callbacks: Callbacks,
) -> Result<Option<FlowRef>, JsValue> {
    match options.mode {
        Mode::Background => {
            flow::open_hidden(spec(&options), callbacks, options.timeout_ms).map(Some)
        }
        Mode::UserPresent => flow::open_popup(spec(&options), callbacks),
    }
}
