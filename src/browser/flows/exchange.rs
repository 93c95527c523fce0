//! The exchanges behind `onTokens` (docs/protocol.md#token-exchange): the
//! PKCE code exchange at `{apiBase}/api/oauth/token`, and a FedCM
//! assertion's at `{apiBase}/api/oauth/fedcm/exchange`
//! (docs/protocol.md#fedcm); what is sent and what the answer must be. The
//! request itself is the platform's one `fetch` (`platform.js`).

use crate::prelude::*;
use core::fmt;

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

use crate::browser::dom::error_object;
use crate::browser::events::{ErrorEvent, Outcome};
use crate::encoding::decimal;
use crate::error::ErrorCode;
use crate::options::SignInOptions;
use crate::pkce::{jwt_payload, nonce_matches, Pkce};
use crate::platform::post_json;
use crate::protocol::{AppKeys, CheckedRedirect};
use crate::urls::WebUrl;

/// What the SDK needs to exchange the code itself (`onTokens`). The
/// verifier lives only here, in memory, until it is sent to the token endpoint.
pub struct TokenExchange {
    endpoint: WebUrl,
    /// Where a FedCM assertion is exchanged (sign-ins with `fedcm: true`).
    assertion_endpoint: Option<WebUrl>,
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

impl TokenExchange {
    /// The exchange of a sign-in whose PKCE pair the SDK made (`onTokens`).
    pub fn for_sign_in(options: &SignInOptions, pkce: &Pkce) -> Self {
        Self {
            endpoint: options.issuer.api("/api/oauth/token"),
            assertion_endpoint: options
                .fedcm
                .then(|| options.issuer.api("/api/oauth/fedcm/exchange")),
            client_id: options.client_id.clone(),
            redirect_uri: options.redirect_uri.as_str().to_owned(),
            pkce: pkce.clone(),
        }
    }

    /// Exchanges `grant` for tokens and checks the `id_token` nonce; the
    /// app keys that came with the grant go with the tokens. `done` gets
    /// `Outcome::Tokens` or `Outcome::Error`, once, when the request ends.
    pub fn run(&self, grant: Grant, done: impl FnOnce(Outcome) + 'static) {
        let body = Object::new();
        let set = |key: &str, value: &str| {
            let _ = Reflect::set(&body, &key.into(), &value.into());
        };
        set("clientId", &self.client_id);
        let (endpoint, keys) = match &grant {
            Grant::Code(redirect) => {
                let Some(code) = redirect.code() else {
                    return done(Outcome::Error(ErrorEvent::from_code(
                        ErrorCode::InvalidRedirect,
                    )));
                };
                set("grantType", "authorization_code");
                set("code", &code);
                set("redirectUri", &self.redirect_uri);
                set("codeVerifier", &self.pkce.verifier);
                (Some(&self.endpoint), redirect.app_keys())
            }
            Grant::Assertion(assertion) => {
                set("assertion", assertion);
                (
                    self.assertion_endpoint.as_ref(),
                    assertion_app_keys(assertion),
                )
            }
        };
        let Some(endpoint) = endpoint else {
            return done(Outcome::Error(ErrorEvent::from_code(
                ErrorCode::TokenExchangeFailed,
            )));
        };
        let nonce = self.pkce.nonce.clone();
        let answered = move |status: u16, json: JsValue| {
            done(tokens_outcome(status, json, &nonce, &keys));
        };
        post_json(endpoint.as_str(), &body, Closure::once_into_js(answered));
    }
}

/// What is exchanged for tokens.
pub enum Grant {
    /// The code of a checked redirect URL (PKCE, at `/api/oauth/token`).
    Code(CheckedRedirect),
    /// The assertion of the browser's account chooser (FedCM, at
    /// `/api/oauth/fedcm/exchange`).
    Assertion(String),
}

/// The app keys in a FedCM assertion's payload (the issuer's JWT: read,
/// not verified; the token endpoint verifies it), under the names they
/// have in a redirect's fragment.
fn assertion_app_keys(assertion: &str) -> AppKeys {
    let mut keys = AppKeys::default();
    let Some(claims) = jwt_claims(assertion) else {
        return keys;
    };
    let claim = |name: &str| Reflect::get(&claims, &name.into()).unwrap_or(JsValue::UNDEFINED);
    for name in AppKeys::NAMES {
        if let Some(value) = claim(name).as_string().filter(|v| !v.is_empty()) {
            keys.keys.push((name, value));
        }
    }
    keys.reset = claim("app_key_reset") == JsValue::TRUE;
    keys
}

/// The token endpoint's answer (`status` 0: unreachable) → the outcome.
fn tokens_outcome(status: u16, json: JsValue, nonce: &str, keys: &AppKeys) -> Outcome {
    let json = Some(json).filter(JsValue::is_object);
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| Reflect::get(j, &name.into()).ok())
            .and_then(|v| v.as_string())
    };
    let error = match status {
        0 => ErrorEvent::from_code(ErrorCode::NetworkError),
        200..=299 => match json {
            Some(tokens) if id_token_nonce_ok(&tokens, nonce) => {
                merge_app_keys(&tokens, keys);
                return Outcome::Tokens(tokens);
            }
            Some(_) => ErrorEvent::from_code(ErrorCode::NonceMismatch),
            None => ErrorEvent::from_code(ErrorCode::TokenExchangeFailed),
        },
        _ => {
            // The server's own error code when it sent one (OAuth `error`).
            let error = field("error")
                .unwrap_or_else(|| ErrorCode::TokenExchangeFailed.as_str().to_owned());
            let message = field("error_description")
                .or_else(|| field("message"))
                .unwrap_or_else(|| {
                    [
                        "The token endpoint answered HTTP ",
                        &decimal(status.into()),
                        ".",
                    ]
                    .concat()
                });
            let payload = error_object(&error, &message);
            let _ = Reflect::set(&payload, &"status".into(), &JsValue::from(status));
            ErrorEvent {
                error,
                message: Some(message),
                payload,
            }
        }
    };
    Outcome::Error(error)
}

/// Adds the end-to-end-encryption keys (of the redirect URL's fragment or
/// the FedCM assertion) to the token response, under their own names
/// (docs/protocol.md#app-keys).
fn merge_app_keys(tokens: &JsValue, keys: &AppKeys) {
    for (name, value) in &keys.keys {
        let _ = Reflect::set(tokens, &(*name).into(), &value.into());
    }
    if keys.reset {
        let _ = Reflect::set(tokens, &"app_key_reset".into(), &JsValue::TRUE);
    }
}

/// docs/security.md#nonce: an `id_token`, when present, must carry the nonce that was sent.
fn id_token_nonce_ok(tokens: &JsValue, sent: &str) -> bool {
    let id_token = Reflect::get(tokens, &"id_token".into()).unwrap_or(JsValue::UNDEFINED);
    if id_token.is_undefined() || id_token.is_null() {
        return true;
    }
    let claim = id_token
        .as_string()
        .and_then(|t| jwt_claims(&t))
        .and_then(|claims| Reflect::get(&claims, &"nonce".into()).ok())
        .and_then(|n| n.as_string());
    nonce_matches(sent, claim.as_deref())
}

/// The claims of a JWT's payload as an object (read, not verified), or
/// `None` when it is not one.
fn jwt_claims(token: &str) -> Option<JsValue> {
    jwt_payload(token)
        .and_then(|json| JSON::parse(&json).ok())
        .filter(JsValue::is_object)
}
