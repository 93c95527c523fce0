//! The issuer's message protocol and the checks on its content (pure).
//!
//! Which *sender* is trusted (origin and source window) is decided by the
//! browser shell's channel before anything here looks at a message; this
//! module decides what a trusted message means.

use crate::prelude::*;
use core::fmt;
use serde::Deserialize;

use crate::error::ErrorCode;
use crate::urls::WebUrl;

/// The `type` of a message from an issuer page to the host page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// `ave:success` with `payload.redirectUrl`.
    Success,
    /// `ave:error` with `payload.error`.
    Error,
    /// `ave:close`: the user dismissed the flow in the issuer page.
    Close,
    /// `ave:auth_required`: the embedded page needs a top-level window.
    AuthRequired,
    /// `ave:signed` (signing flows).
    Signed,
    /// `ave:denied` (signing flows).
    Denied,
    /// `ave:connector:ready` (runtime).
    RuntimeReady,
    /// `ave:connector:event` (runtime).
    RuntimeEvent,
    /// `ave:connector:error` (runtime).
    RuntimeError,
}

impl MessageKind {
    /// Maps a wire `type`; unknown types are `None` and are dropped.
    pub fn from_type(t: &str) -> Option<Self> {
        Some(match t {
            "ave:success" => Self::Success,
            "ave:error" => Self::Error,
            "ave:close" => Self::Close,
            "ave:auth_required" => Self::AuthRequired,
            "ave:signed" => Self::Signed,
            "ave:denied" => Self::Denied,
            "ave:connector:ready" => Self::RuntimeReady,
            "ave:connector:event" => Self::RuntimeEvent,
            "ave:connector:error" => Self::RuntimeError,
            _ => return None,
        })
    }
}

/// The part of an `ave:success` payload the SDK checks.
#[derive(Deserialize)]
pub struct SuccessPayload {
    /// Where the issuer would have redirected: `redirectUri` + `?code&state`.
    #[serde(rename = "redirectUrl")]
    pub redirect_url: String,
}

/// What the SDK expects of a redirect URL (from `ave:success`, or where
/// the flow's frame landed): every flow with a redirect sends a `state`.
#[derive(Clone, PartialEq)]
pub struct RedirectCheck {
    /// The `redirectUri` the flow was opened with.
    pub redirect_uri: WebUrl,
    /// The `state` that was sent.
    pub state: String,
}

impl fmt::Debug for RedirectCheck {
    // `state` is a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedirectCheck")
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

impl RedirectCheck {
    /// The redirect URL must parse, have the origin and path of
    /// `redirectUri`, and carry exactly the `state` that was sent
    /// (docs/security.md#redirect-and-state).
    pub fn verify(&self, redirect_url: &str) -> Result<CheckedRedirect, ErrorCode> {
        self.check(WebUrl::parse(redirect_url).map_err(|_| ErrorCode::InvalidRedirect)?)
    }

    /// [`RedirectCheck::verify`] of a URL parsed already.
    pub fn check(&self, url: WebUrl) -> Result<CheckedRedirect, ErrorCode> {
        if !self.lands(&url) {
            return Err(ErrorCode::InvalidRedirect);
        }
        // Exactly one `state`, equal to the one sent.
        let mut states = 0;
        let mut matches = false;
        for (k, v) in url.query_pairs() {
            if k == "state" {
                states += 1;
                matches = v == self.state;
            }
        }
        if states != 1 || !matches {
            return Err(ErrorCode::StateMismatch);
        }
        Ok(CheckedRedirect(url))
    }

    /// Whether `url` is at `redirectUri` (same origin and path; the query
    /// and fragment are the issuer's answer).
    pub fn lands(&self, url: &WebUrl) -> bool {
        url.origin() == self.redirect_uri.origin() && url.path() == self.redirect_uri.path()
    }
}

/// A redirect URL that passed [`RedirectCheck::verify`], parsed once: what
/// the flow reports, exchanges or reads an OAuth error from. It carries an
/// authorization code, so its `Debug` does not print it.
#[derive(Clone, PartialEq)]
pub struct CheckedRedirect(WebUrl);

impl fmt::Debug for CheckedRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CheckedRedirect(<redacted>)")
    }
}

impl CheckedRedirect {
    /// The whole URL, as the issuer sent it (normalised by the parser).
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Its `code` (sign-in with `onTokens`).
    pub fn code(&self) -> Option<String> {
        code_of(&self.0)
    }

    /// Its OAuth `error` and `error_description`, when it carries an error.
    pub fn oauth_error(&self) -> Option<(String, Option<String>)> {
        error_of(&self.0)
    }

    /// The end-to-end-encryption keys in its fragment.
    pub fn app_keys(&self) -> AppKeys {
        AppKeys::from_url(&self.0)
    }
}

/// The `code` query parameter of a redirect URL (sign-in with `onTokens`).
fn code_of(url: &WebUrl) -> Option<String> {
    let (_, code) = url.query_pairs().into_iter().find(|(k, _)| k == "code")?;
    (!code.is_empty()).then_some(code)
}

/// The OAuth error of a redirect URL (`?error=…&error_description=…`), when
/// it carries one: a flow frame that landed on `redirectUri` with an error
/// is a failure, not a success.
fn error_of(url: &WebUrl) -> Option<(String, Option<String>)> {
    let mut error = None;
    let mut description = None;
    for (k, v) in url.query_pairs() {
        match k.as_str() {
            "error" if !v.is_empty() => error = Some(v),
            "error_description" => description = Some(v),
            _ => {}
        }
    }
    error.map(|e| (e, description))
}

/// The end-to-end-encryption keys the issuer puts in the fragment of the
/// success `redirectUrl`, which `onTokens` hands on with the tokens (as the
/// issuer's own JavaScript SDK does). They are secrets like the tokens: no
/// `Debug`, never logged, never in an error.
#[derive(Default, PartialEq, Eq)]
pub struct AppKeys {
    /// `(name, base64 value)` for each key present, in [`AppKeys::NAMES`] order.
    pub keys: Vec<(&'static str, String)>,
    /// `app_key_reset`: the keys were rotated.
    pub reset: bool,
}

impl AppKeys {
    /// The key fields, under the names they have in the fragment and in `onTokens`.
    pub const NAMES: [&'static str; 6] = [
        "app_key",
        "app_public_key",
        "app_private_key",
        "app_key_old",
        "app_public_key_old",
        "app_private_key_old",
    ];

    /// Reads the keys from `url`'s fragment. Values are base64, so a `' '`
    /// is a `'+'` that form decoding turned into a space; empty values are
    /// absent; `app_key_reset` is true for `true` or `1`.
    fn from_url(url: &WebUrl) -> Self {
        let pairs = url.fragment_pairs();
        // Written without `str::replace`, sorting and iterator adapters:
        // each pulls its machinery into the wasm (docs/size.md).
        let mut keys = Vec::new();
        for name in Self::NAMES {
            let Some((_, value)) = pairs.iter().find(|(k, _)| k == name) else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            // Each space back to `+`, copying the text between them (slicing
            // at an ASCII byte keeps to `char` boundaries).
            let mut plus = String::with_capacity(value.len());
            let mut start = 0;
            for (i, b) in value.bytes().enumerate() {
                if b == b' ' {
                    plus.push_str(value.get(start..i).unwrap_or_default());
                    plus.push('+');
                    start = i + 1;
                }
            }
            plus.push_str(value.get(start..).unwrap_or_default());
            keys.push((name, plus));
        }
        let reset = pairs
            .iter()
            .any(|(k, v)| k == "app_key_reset" && (v == "true" || v == "1"));
        Self { keys, reset }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The readers of a checked redirect, on any URL (`None` / no keys when
    // it does not parse).
    fn authorization_code(url: &str) -> Option<String> {
        code_of(&WebUrl::parse(url).ok()?)
    }
    fn redirect_error(url: &str) -> Option<(String, Option<String>)> {
        error_of(&WebUrl::parse(url).ok()?)
    }
    impl AppKeys {
        fn from_redirect(url: &str) -> Self {
            WebUrl::parse(url).map_or_else(|_| Self::default(), |url| Self::from_url(&url))
        }
    }

    fn check(uri: &str, state: &str, got: &str) -> Result<(), ErrorCode> {
        RedirectCheck {
            redirect_uri: WebUrl::parse(uri).unwrap(),
            state: state.to_owned(),
        }
        .verify(got)
        .map(drop)
    }

    #[test]
    fn accepts_same_origin_and_path_with_state() {
        let uri = "https://yourapp.com/connector/callback";
        assert_eq!(
            check(
                uri,
                "s1",
                "https://yourapp.com/connector/callback?code=abc&state=s1"
            ),
            Ok(())
        );
        assert_eq!(
            check(
                "https://yourapp.com/cb?x=1",
                "s%",
                "https://yourapp.com/cb?x=1&code=c&state=s%25"
            ),
            Ok(())
        );
        // The app's callback may carry its own query, and the issuer's
        // fragment (end-to-end-encryption keys) follows `?code&state`.
        assert_eq!(
            check(
                "https://yourapp.com/cb?x=1",
                "s1",
                "https://yourapp.com/cb?x=1&code=c&state=s1#app_key=k"
            ),
            Ok(())
        );
    }

    #[test]
    fn refuses_other_origin_path_or_garbage() {
        let uri = "https://yourapp.com/connector/callback";
        for bad in [
            "https://evil.example/connector/callback?code=a&state=s1",
            "http://yourapp.com/connector/callback?code=a&state=s1",
            "https://yourapp.com:444/connector/callback?code=a&state=s1",
            "https://yourapp.com/other?code=a&state=s1",
            "javascript:alert(1)",
            "/connector/callback?state=s1",
            "",
        ] {
            assert_eq!(
                check(uri, "s1", bad),
                Err(ErrorCode::InvalidRedirect),
                "{bad}"
            );
        }
    }

    #[test]
    fn refuses_wrong_missing_or_doubled_state() {
        // Sign-in and connector redirects alike: a page that frames the app
        // can navigate the flow frame to `redirectUri?code=<its own>`.
        let uri = "https://yourapp.com/cb";
        for bad in [
            "https://yourapp.com/cb?code=a&state=s2",
            "https://yourapp.com/cb?code=a",
            "https://yourapp.com/cb?code=ATTACKER",
            "https://yourapp.com/cb?code=a&state=s1&state=s2",
            "https://yourapp.com/cb?code=a&state=s1&state=s1",
            "https://yourapp.com/cb?code=a&state=",
            "https://yourapp.com/cb?code=a&STATE=s1",
            "https://yourapp.com/cb?code=a#state=s1",
            "https://yourapp.com/cb?error=access_denied",
        ] {
            assert_eq!(
                check(uri, "s1", bad),
                Err(ErrorCode::StateMismatch),
                "{bad}"
            );
        }
    }

    #[test]
    fn codes_from_redirect_urls() {
        assert_eq!(
            authorization_code("https://a.example/cb?code=c%201&state=s").as_deref(),
            Some("c 1")
        );
        assert_eq!(authorization_code("https://a.example/cb?code="), None);
        assert_eq!(authorization_code("https://a.example/cb?error=x"), None);
    }

    #[test]
    fn app_keys_from_the_fragment() {
        let keys = AppKeys::from_redirect(
            "https://a.example/cb?code=c&state=s#app_private_key=p%2Bq%2F%3D&app_key=ab+cd/e==\
             &app_key_old=&app_key_reset=true&unrelated=x&app_key=second",
        );
        assert_eq!(
            keys.keys,
            [
                ("app_key", "ab+cd/e==".to_owned()),
                ("app_private_key", "p+q/=".to_owned())
            ]
        );
        assert!(keys.reset);
        assert!(AppKeys::from_redirect("https://a.example/cb#app_key_reset=1").reset);
        let none = AppKeys::from_redirect("https://a.example/cb?app_key=q#app_key_reset=yes");
        assert!(none.keys.is_empty() && !none.reset);
        assert!(AppKeys::from_redirect("not a url") == AppKeys::default());
    }

    #[test]
    fn redirect_errors() {
        assert_eq!(
            redirect_error(
                "https://a.example/cb?error=access_denied&error_description=No+thanks&state=s"
            ),
            Some(("access_denied".to_owned(), Some("No thanks".to_owned())))
        );
        assert_eq!(
            redirect_error("https://a.example/cb?error=x"),
            Some(("x".to_owned(), None))
        );
        assert_eq!(redirect_error("https://a.example/cb?code=c&error="), None);
        assert_eq!(redirect_error("https://a.example/cb?code=c#error=x"), None);
    }

    #[test]
    fn message_types() {
        assert_eq!(
            MessageKind::from_type("ave:success"),
            Some(MessageKind::Success)
        );
        assert_eq!(
            MessageKind::from_type("ave:auth_required"),
            Some(MessageKind::AuthRequired)
        );
        assert_eq!(MessageKind::from_type("ave:success "), None);
        assert_eq!(MessageKind::from_type("AVE:SUCCESS"), None);
    }

    #[test]
    fn success_payload_from_json() {
        let p: SuccessPayload =
            serde_json::from_str(r#"{"redirectUrl":"https://a/b","extra":{"deep":[1]}}"#).unwrap();
        assert_eq!(p.redirect_url, "https://a/b");
        assert!(serde_json::from_str::<SuccessPayload>(r#"{"redirectUrl":5}"#).is_err());
        assert!(serde_json::from_str::<SuccessPayload>(r#""str""#).is_err());
    }
}
