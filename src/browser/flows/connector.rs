//! Connector authorization (`openAveConnectorSheet`, `openAveConnectorPopup`):
//! a sheet, a popup, or — with `mode: "background"` — a silent hidden frame.

use crate::prelude::*;

use crate::browser::flows::flow::{FlowSpec, Place, PopupSpec};
use crate::decide::Purpose;
use crate::entries::Surface;
use crate::options::{ConnectorMode, ConnectorOptions};
use crate::protocol::RedirectCheck;

/// The flow `options` ask for, at the entry's `surface` (sheet or popup);
/// background mode is a hidden frame at either.
pub fn flow(options: &ConnectorOptions, surface: Surface) -> (FlowSpec, Place) {
    let background = options.mode == ConnectorMode::Background;
    let place = match surface {
        _ if background => Place::Hidden {
            timeout_ms: options.timeout_ms,
        },
        Surface::Popup => Place::Popup,
        _ => Place::Sheet,
    };
    let spec = FlowSpec {
        url: options.authorize_url(),
        issuer_origin: options.issuer.origin().to_owned(),
        purpose: Purpose::Connector {
            redirect: RedirectCheck {
                redirect_uri: options.redirect_uri.clone(),
                state: options.state.clone(),
            },
            background,
        },
        exchange: None,
        fedcm: None,
        popup: PopupSpec {
            name: "ave_connector",
            width: options.popup.width,
            height: options.popup.height,
        },
        label: "Authorize access with Ave",
        frame_title: if background {
            "Ave silent authorization"
        } else {
            "Ave connector authorization"
        },
    };
    (spec, place)
}
