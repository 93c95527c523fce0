//! Sign-in (`openAveSheet`, `openAvePopup`, `mountAveEmbed`, `startAveAuth`)
//! and, with `onTokens`, the PKCE code exchange (SPEC §2, "Token exchange").

use std::fmt;
use std::rc::Rc;

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Headers, RequestCredentials, RequestInit, RequestMode, Response};

use crate::browser::dom::{error_object, window};
use crate::browser::events::{Callbacks, ErrorEvent, Outcome};
use crate::browser::flows::flow::{self, FlowRef, FlowSpec, PopupSpec, Purpose};
use crate::error::ErrorCode;
use crate::options::{Challenge, SignInOptions};
use crate::pkce::{jwt_payload, nonce_matches, Pkce};
use crate::protocol::{authorization_code, AppKeys};
use crate::urls::WebUrl;

/// What the SDK needs to exchange the code itself (`onTokens`). The
/// verifier lives only here, in memory, until it is sent to the token endpoint.
pub struct TokenExchange {
    endpoint: WebUrl,
    client_id: String,
    redirect_uri: String,
    pkce: Pkce,
}

impl fmt::Debug for TokenExchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenExchange")
            .field("endpoint", &self.endpoint.as_str())
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

fn spec(options: &SignInOptions) -> FlowSpec {
    let exchange = match &options.challenge {
        Challenge::Sdk(pkce) => Some(Rc::new(TokenExchange {
            endpoint: options.issuer.api("/api/oauth/token"),
            client_id: options.client_id.clone(),
            redirect_uri: options.redirect_uri.as_str().to_owned(),
            pkce: pkce.clone(),
        })),
        Challenge::None | Challenge::App { .. } => None,
    };
    let pixels = |s: &str, default| s.parse().unwrap_or(default);
    FlowSpec {
        url: options.authorize_url(),
        issuer_origin: options.issuer.origin().to_owned(),
        purpose: Purpose::SignIn {
            redirect_uri: options.redirect_uri.clone(),
            exchange,
        },
        popup: PopupSpec {
            name: "ave_auth",
            width: pixels(&options.width, 450),
            height: pixels(&options.height, 650),
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

/// Exchanges the code of a checked redirect URL at `{apiBase}/api/oauth/token`
/// and checks the `id_token` nonce. → `onTokens(tokens)` or `onError`.
pub async fn exchange_code(exchange: &TokenExchange, redirect_url: &str) -> Outcome {
    let Some(code) = authorization_code(redirect_url) else {
        return Outcome::Error(ErrorEvent::from_code(ErrorCode::InvalidRedirect));
    };
    match request_tokens(exchange, &code).await {
        Ok(tokens) if id_token_nonce_ok(&tokens, &exchange.pkce.nonce) => {
            merge_app_keys(&tokens, redirect_url);
            Outcome::Tokens(tokens)
        }
        Ok(_) => Outcome::Error(ErrorEvent::from_code(ErrorCode::NonceMismatch)),
        Err(error) => Outcome::Error(error),
    }
}

/// Adds the end-to-end-encryption keys of the redirect URL's fragment to
/// the token response, under their own names (SPEC §2, "redirectUrl may
/// carry a fragment").
fn merge_app_keys(tokens: &JsValue, redirect_url: &str) {
    let keys = AppKeys::from_redirect(redirect_url);
    for (name, value) in &keys.keys {
        let _ = Reflect::set(tokens, &(*name).into(), &value.into());
    }
    if keys.reset {
        let _ = Reflect::set(tokens, &"app_key_reset".into(), &JsValue::TRUE);
    }
}

fn set(o: &Object, key: &str, value: &str) {
    let _ = Reflect::set(o, &key.into(), &value.into());
}

async fn request_tokens(exchange: &TokenExchange, code: &str) -> Result<JsValue, ErrorEvent> {
    let network = || ErrorEvent::from_code(ErrorCode::NetworkError);
    let body = Object::new();
    set(&body, "grantType", "authorization_code");
    set(&body, "code", code);
    set(&body, "redirectUri", &exchange.redirect_uri);
    set(&body, "clientId", &exchange.client_id);
    set(&body, "codeVerifier", &exchange.pkce.verifier);
    let body = JSON::stringify(&body).map_err(|_| network())?;

    let headers = Headers::new().map_err(|_| network())?;
    headers
        .set("content-type", "application/json")
        .map_err(|_| network())?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_headers(&headers);
    init.set_body(&body.into());

    let promise = window()
        .map_err(|_| network())?
        .fetch_with_str_and_init(exchange.endpoint.as_str(), &init);
    let response: Response = JsFuture::from(promise)
        .await
        .and_then(|r| r.dyn_into())
        .map_err(|_| network())?;
    let json = match response.json() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    let field = |name: &str| {
        json.as_ref()
            .filter(|j| j.is_object())
            .and_then(|j| Reflect::get(j, &name.into()).ok())
            .and_then(|v| v.as_string())
    };
    if !response.ok() {
        // The server's own error code when it sent one (OAuth `error`).
        let status = response.status();
        let error =
            field("error").unwrap_or_else(|| ErrorCode::TokenExchangeFailed.as_str().to_owned());
        let message = field("error_description")
            .or_else(|| field("message"))
            .unwrap_or_else(|| format!("The token endpoint answered HTTP {status}."));
        let payload = error_object(&error, &message);
        let _ = Reflect::set(&payload, &"status".into(), &JsValue::from(status));
        return Err(ErrorEvent {
            error,
            message: Some(message),
            payload,
        });
    }
    json.filter(|j| j.is_object())
        .ok_or_else(|| ErrorEvent::from_code(ErrorCode::TokenExchangeFailed))
}

/// SPEC §2: an `id_token`, when present, must carry the nonce that was sent.
fn id_token_nonce_ok(tokens: &JsValue, sent: &str) -> bool {
    let id_token = Reflect::get(tokens, &"id_token".into()).unwrap_or(JsValue::UNDEFINED);
    if id_token.is_undefined() || id_token.is_null() {
        return true;
    }
    let claim = id_token
        .as_string()
        .and_then(|t| jwt_payload(&t))
        .and_then(|json| JSON::parse(&json).ok())
        .filter(|claims| claims.is_object())
        .and_then(|claims| Reflect::get(&claims, &"nonce".into()).ok())
        .and_then(|n| n.as_string());
    nonce_matches(sent, claim.as_deref())
}
