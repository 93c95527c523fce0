//! The PKCE code exchange behind `onTokens` (docs/protocol.md#token-exchange):
//! what is sent to `{apiBase}/api/oauth/token` and what its answer must be.
//! The request itself is the platform's one `fetch` (`platform.js`).

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
use crate::protocol::CheckedRedirect;
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

impl TokenExchange {
    /// The exchange of a sign-in whose PKCE pair the SDK made (`onTokens`).
    pub fn for_sign_in(options: &SignInOptions, pkce: &Pkce) -> Self {
        Self {
            endpoint: options.issuer.api("/api/oauth/token"),
            client_id: options.client_id.clone(),
            redirect_uri: options.redirect_uri.as_str().to_owned(),
            pkce: pkce.clone(),
        }
    }

    /// Exchanges the code of a checked redirect URL and checks the
    /// `id_token` nonce; `done` gets `Outcome::Tokens` or `Outcome::Error`,
    /// once, when the request ends.
    pub fn run(&self, redirect: &CheckedRedirect, done: impl FnOnce(Outcome) + 'static) {
        let Some(code) = redirect.code() else {
            return done(Outcome::Error(ErrorEvent::from_code(
                ErrorCode::InvalidRedirect,
            )));
        };
        let body = Object::new();
        for (key, value) in [
            ("grantType", "authorization_code"),
            ("code", &code),
            ("redirectUri", &self.redirect_uri),
            ("clientId", &self.client_id),
            ("codeVerifier", &self.pkce.verifier),
        ] {
            let _ = Reflect::set(&body, &key.into(), &value.into());
        }
        let nonce = self.pkce.nonce.clone();
        let redirect = redirect.clone();
        let answered = move |status: u16, json: JsValue| {
            done(tokens_outcome(status, json, &nonce, &redirect));
        };
        post_json(
            self.endpoint.as_str(),
            &body,
            Closure::once_into_js(answered),
        );
    }
}

/// The token endpoint's answer (`status` 0: unreachable) → the outcome.
fn tokens_outcome(status: u16, json: JsValue, nonce: &str, redirect: &CheckedRedirect) -> Outcome {
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
                merge_app_keys(&tokens, redirect);
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

/// Adds the end-to-end-encryption keys of the redirect URL's fragment to
/// the token response, under their own names (docs/protocol.md#app-keys).
fn merge_app_keys(tokens: &JsValue, redirect: &CheckedRedirect) {
    let keys = redirect.app_keys();
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
        .and_then(|t| jwt_payload(&t))
        .and_then(|json| JSON::parse(&json).ok())
        .filter(|claims| claims.is_object())
        .and_then(|claims| Reflect::get(&claims, &"nonce".into()).ok())
        .and_then(|n| n.as_string());
    nonce_matches(sent, claim.as_deref())
}
