//! Sign-in (`openAveSheet`, `openAvePopup`, `mountAveEmbed`, `startAveAuth`);
//! with `onTokens` the flow ends in the code exchange ([`super::exchange`]).

use crate::prelude::*;
use alloc::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::events::Callbacks;
use crate::browser::flows::exchange::TokenExchange;
use crate::browser::flows::flow::{self, FlowRef, FlowSpec, PopupSpec, Purpose};
use crate::options::{Challenge, SignInOptions};

fn spec(options: &SignInOptions) -> FlowSpec {
    let exchange = match &options.challenge {
        Challenge::Sdk(pkce) => Some(Rc::new(TokenExchange::for_sign_in(options, pkce))),
        Challenge::None | Challenge::App { .. } => None,
    };
    FlowSpec {
        url: options.authorize_url(),
        issuer_origin: options.issuer.origin().to_owned(),
        purpose: Purpose::SignIn {
            redirect_uri: options.redirect_uri.clone(),
            state: options.state.clone(),
            exchange,
        },
        popup: PopupSpec {
            name: "ave_auth",
            width: options.popup.width,
            height: options.popup.height,
        },
        label: "Sign in with Ave",
        frame_title: "Ave sign-in",
    }
}

/// `openAveSheet`.
pub fn open_sheet(options: &SignInOptions, callbacks: Callbacks) -> Result<FlowRef, JsValue> {
    flow::open_sheet(spec(options), callbacks)
}

/// `openAvePopup`: `None` when blocked.
pub fn open_popup(
    options: &SignInOptions,
    callbacks: Callbacks,
) -> Result<Option<FlowRef>, JsValue> {
    flow::open_popup(spec(options), callbacks)
}

/// `mountAveEmbed`.
pub fn mount(
    options: &SignInOptions,
    container: &Element,
    callbacks: Callbacks,
) -> Result<FlowRef, JsValue> {
    flow::open_inline(
        spec(options),
        callbacks,
        container,
        &options.width,
        &options.height,
    )
}
