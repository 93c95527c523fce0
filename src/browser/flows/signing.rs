//! Signing requests (`openAveSigningSheet`, `openAveSigningPopup`):
//! `ave:signed` → `onSigned`, `ave:denied` → `onDenied`.

use crate::browser::flows::flow::{FlowSpec, Place, PopupSpec};
use crate::decide::Purpose;
use crate::entries::Surface;
use crate::options::SigningOptions;

/// The flow `options` ask for at the entry's `surface`; `page_origin` is
/// where the issuer posts the signature back.
pub fn flow(options: &SigningOptions, surface: Surface, page_origin: &str) -> (FlowSpec, Place) {
    let spec = FlowSpec {
        url: options.sign_url(page_origin),
        issuer_origin: options.issuer.origin().into(),
        purpose: Purpose::Signing,
        exchange: None,
        popup: PopupSpec {
            name: "ave_signing",
            width: options.popup.width,
            height: options.popup.height,
        },
        label: "Review a signing request with Ave",
        frame_title: "Ave signing request",
        fedcm: None,
    };
    let place = match surface {
        Surface::Popup => Place::Popup,
        _ => Place::Sheet,
    };
    (spec, place)
}
