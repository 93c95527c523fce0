//! Sign-in (`openAveSheet`, `openAvePopup`, `mountAveEmbed`, `startAveAuth`);
//! with `onTokens` the flow ends in the code exchange ([`super::exchange`]).

use crate::prelude::*;
use alloc::rc::Rc;

use web_sys::Element;

use crate::browser::flows::exchange::TokenExchange;
use crate::browser::flows::flow::{FlowSpec, Place, PopupSpec};
use crate::decide::Purpose;
use crate::options::{Challenge, SignInOptions, SignInSurface};
use crate::protocol::RedirectCheck;

/// The flow `options` ask for at `surface`; `container` is the app's
/// element of an inline flow (`None` elsewhere).
pub fn flow(
    options: &SignInOptions,
    surface: SignInSurface,
    container: Option<Element>,
) -> Option<(FlowSpec, Place)> {
    let exchange = match &options.challenge {
        Challenge::Sdk(pkce) => Some(Rc::new(TokenExchange::for_sign_in(options, pkce))),
        Challenge::None | Challenge::App { .. } => None,
    };
    let place = match surface {
        SignInSurface::Sheet if options.fedcm => Place::Chooser,
        SignInSurface::Sheet => Place::Sheet,
        SignInSurface::Popup => Place::Popup,
        SignInSurface::Inline => Place::Inline {
            container: container?,
            width: options.width.clone(),
            height: options.height.clone(),
        },
    };
    let spec = FlowSpec {
        url: options.authorize_url(),
        issuer_origin: options.issuer.origin().to_owned(),
        purpose: Purpose::SignIn {
            redirect: RedirectCheck {
                redirect_uri: options.redirect_uri.clone(),
                state: options.state.clone(),
            },
            exchange: exchange.is_some(),
        },
        exchange,
        popup: PopupSpec {
            name: "ave_auth",
            width: options.popup.width,
            height: options.popup.height,
        },
        label: "Sign in with Ave",
        frame_title: "Ave sign-in",
        fedcm: options
            .fedcm
            .then(|| options.issuer.api("/api/oauth/fedcm/config")),
    };
    Some((spec, place))
}
