//! What an input means for a flow (pure): every rule that turns a trusted
//! issuer message, or the flow's frame landing on `redirectUri`, into what
//! the flow does next. The browser shell's flow engine only carries the
//! answer out (docs/protocol.md#messages-from-the-issuer); the host tests
//! below hold the whole table.
//!
//! Which *sender* is trusted is decided before this, by the channel
//! (docs/security.md#origin-and-source): nothing here sees an untrusted
//! message.

use crate::prelude::*;

use crate::error::ErrorCode;
use crate::protocol::{CheckedRedirect, MessageKind, RedirectCheck};
use crate::urls::WebUrl;

/// What a flow is for; decides what its messages mean.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// Connector authorization; `background`: silent (`mode: "background"`).
    Connector {
        /// Its redirect must carry our `state`.
        redirect: RedirectCheck,
        /// `ave:close` and `ave:auth_required` → `interaction_required`.
        background: bool,
    },
    /// Sign-in; `exchange`: the SDK exchanges the code (`onTokens`).
    SignIn {
        /// Its redirect must carry our `state`.
        redirect: RedirectCheck,
        /// `onTokens` was given: a checked redirect is exchanged, not reported.
        exchange: bool,
    },
    /// A signing request: `ave:signed` / `ave:denied`.
    Signing,
}

impl Purpose {
    /// The redirect rule of sign-in and connector flows.
    pub fn redirect(&self) -> Option<&RedirectCheck> {
        match self {
            Self::Connector { redirect, .. } | Self::SignIn { redirect, .. } => Some(redirect),
            Self::Signing => None,
        }
    }
}

/// What happened, as the flow engine saw it.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// A message that passed the channel's checks.
    Message {
        /// Its `type`.
        kind: MessageKind,
        /// Sent by a popup (a top-level window already), not the flow's frame.
        from_popup: bool,
        /// `payload.redirectUrl` of `ave:success`, when it is a string.
        redirect_url: Option<&'a str>,
    },
    /// The flow's frame loaded a document of the page's own origin at this
    /// URL: the issuer navigated it to `redirectUri` when it could not post
    /// (docs/protocol.md#redirect-landing), or a page that frames the
    /// app did (docs/security.md#frame-landing).
    Landed(&'a str),
    /// The browser blocked the flow's popup.
    PopupBlocked,
    /// A silent flow did not answer in time.
    TimedOut,
    /// The browser's account chooser (FedCM) answered a sign-in.
    Chooser(Chooser<'a>),
}

/// What the browser's account chooser (FedCM) answered
/// (docs/protocol.md#fedcm).
#[derive(Clone, Copy, Debug)]
pub enum Chooser<'a> {
    /// A credential, whose token is the issuer's assertion.
    Assertion(&'a str),
    /// No answer: no FedCM in this browser, or it gave up without one
    /// (dismissed, signed out at the issuer, a cool-down: `NetworkError`;
    /// `NotSupportedError`).
    Unavailable,
    /// The issuer refused (`IdentityCredentialError`, with its `error`
    /// and `url`).
    IssuerError,
}

/// What the flow does next.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Ends the flow with this result (once: later inputs find it ended).
    Settle(Verdict),
    /// `ave:auth_required` from the flow's frame: open the issuer in a
    /// top-level popup (or offer "Continue" when that is blocked).
    OpenAuthPopup,
    /// Sign-in with `onTokens`: exchange the code of this checked redirect.
    Exchange(CheckedRedirect),
    /// FedCM sign-in: exchange the issuer's assertion for tokens.
    ExchangeAssertion(String),
    /// FedCM gave no answer: show the sheet, as without FedCM.
    OpenSheet,
    /// Nothing to do.
    Ignore,
}

/// How a flow ends; the shell adds the message's payload where one is reported.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// `onSuccess` with the issuer's payload.
    Success(CheckedRedirect),
    /// `onError` with the SDK's own error.
    Error(ErrorCode),
    /// `onError` with the issuer's `ave:error` payload.
    IssuerError,
    /// `onError` with the issuer's `{ error, url }` from the chooser.
    ChooserError,
    /// `onError` with the OAuth error of the URL the frame landed on.
    RedirectError {
        /// `error`.
        error: String,
        /// `error_description`.
        message: Option<String>,
    },
    /// `onDenied` with the SDK's own error (a signing flow).
    DeniedWith(ErrorCode),
    /// `onDenied` with the issuer's `ave:error` payload (a signing flow).
    IssuerDenied,
    /// `onClose`.
    Closed,
    /// `onSigned` with the issuer's payload.
    Signed,
    /// `onDenied` with the issuer's payload.
    Denied,
}

/// The one decision: what `input` means for a flow of `purpose`.
pub fn decide(purpose: &Purpose, input: Input<'_>) -> Decision {
    use MessageKind as K;
    let signing = matches!(purpose, Purpose::Signing);
    let background = matches!(
        purpose,
        Purpose::Connector {
            background: true,
            ..
        }
    );
    let settle = Decision::Settle;
    match input {
        Input::PopupBlocked if signing => settle(Verdict::DeniedWith(ErrorCode::PopupBlocked)),
        Input::PopupBlocked => settle(Verdict::Error(ErrorCode::PopupBlocked)),
        Input::TimedOut => settle(Verdict::Error(ErrorCode::Timeout)),
        Input::Chooser(answer) => match (purpose, answer) {
            (Purpose::SignIn { exchange: true, .. }, Chooser::Assertion(token))
                if !token.is_empty() =>
            {
                Decision::ExchangeAssertion(token.into())
            }
            (Purpose::SignIn { exchange: true, .. }, Chooser::IssuerError) => {
                settle(Verdict::ChooserError)
            }
            // An empty token is no answer either: the sheet still signs in.
            (Purpose::SignIn { exchange: true, .. }, _) => Decision::OpenSheet,
            _ => Decision::Ignore,
        },
        Input::Landed(href) => landed(purpose, href),
        Input::Message {
            kind,
            from_popup,
            redirect_url,
        } => match kind {
            K::Success => match (purpose.redirect(), redirect_url) {
                (Some(rule), Some(url)) => redirected(purpose, rule.verify(url)),
                (Some(_), None) => settle(Verdict::Error(ErrorCode::InvalidRedirect)),
                (None, _) => Decision::Ignore,
            },
            K::Error if signing => settle(Verdict::IssuerDenied),
            K::Error => settle(Verdict::IssuerError),
            K::Close | K::AuthRequired if background => {
                settle(Verdict::Error(ErrorCode::InteractionRequired))
            }
            K::Close => settle(Verdict::Closed),
            // From a popup, the issuer is signing the user in inside that
            // top-level window already: opening "ave_auth" again would
            // re-navigate it mid-login (docs/protocol.md#auth-required).
            K::AuthRequired if from_popup => Decision::Ignore,
            K::AuthRequired => Decision::OpenAuthPopup,
            K::Signed if signing => settle(Verdict::Signed),
            K::Denied if signing => settle(Verdict::Denied),
            _ => Decision::Ignore,
        },
    }
}

/// `ave:success`: its redirect URL checked, then reported or exchanged. The
/// check comes first: a code that fails it never reaches the token endpoint.
fn redirected(purpose: &Purpose, checked: Result<CheckedRedirect, ErrorCode>) -> Decision {
    match checked {
        Err(code) => Decision::Settle(Verdict::Error(code)),
        Ok(checked) if matches!(purpose, Purpose::SignIn { exchange: true, .. }) => {
            Decision::Exchange(checked)
        }
        Ok(checked) => Decision::Settle(Verdict::Success(checked)),
    }
}

/// The frame landed at `href`: only a landing on `redirectUri` counts, and
/// it passes the same check as `ave:success`, so only our `state` tells the
/// issuer's landing from a framing page's (which ends the flow with
/// `state_mismatch`: its issuer page is gone). An OAuth `error` in a
/// checked landing is a failure.
fn landed(purpose: &Purpose, href: &str) -> Decision {
    let (Some(rule), Ok(url)) = (purpose.redirect(), WebUrl::parse(href)) else {
        return Decision::Ignore;
    };
    if !rule.lands(&url) {
        return Decision::Ignore;
    }
    let decision = redirected(purpose, rule.check(url));
    let (Decision::Settle(Verdict::Success(checked)) | Decision::Exchange(checked)) = &decision
    else {
        return decision;
    };
    match checked.oauth_error() {
        Some((error, message)) => Decision::Settle(Verdict::RedirectError { error, message }),
        None => decision,
    }
}

/// What a connector runtime does with a trusted message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuntimeDecision {
    /// The first `ave:connector:ready` since the frame loaded: flush the
    /// queue, stop repeating init, call `onReady`.
    Ready,
    /// `ave:connector:error`: `onError` with the issuer's payload.
    IssuerError,
    /// Anything else (a repeated `ready`; events go to `onEvent` in the
    /// channel itself, before this).
    Ignore,
}

/// What `kind` means for a runtime that is (or is not yet) `ready`.
pub fn decide_runtime(kind: MessageKind, ready: bool) -> RuntimeDecision {
    match kind {
        MessageKind::RuntimeReady if !ready => RuntimeDecision::Ready,
        MessageKind::RuntimeError => RuntimeDecision::IssuerError,
        _ => RuntimeDecision::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::vec::Vec;

    const URI: &str = "https://app.example/cb";
    const KINDS: [MessageKind; 9] = [
        MessageKind::Success,
        MessageKind::Error,
        MessageKind::Close,
        MessageKind::AuthRequired,
        MessageKind::Signed,
        MessageKind::Denied,
        MessageKind::RuntimeReady,
        MessageKind::RuntimeEvent,
        MessageKind::RuntimeError,
    ];

    fn rule() -> RedirectCheck {
        RedirectCheck {
            redirect_uri: WebUrl::parse(URI).unwrap(),
            state: "s1".into(),
        }
    }

    /// The five purposes, by name.
    fn purposes() -> [(&'static str, Purpose); 5] {
        [
            (
                "connector",
                Purpose::Connector {
                    redirect: rule(),
                    background: false,
                },
            ),
            (
                "background",
                Purpose::Connector {
                    redirect: rule(),
                    background: true,
                },
            ),
            (
                "signin",
                Purpose::SignIn {
                    redirect: rule(),
                    exchange: false,
                },
            ),
            (
                "tokens",
                Purpose::SignIn {
                    redirect: rule(),
                    exchange: true,
                },
            ),
            ("signing", Purpose::Signing),
        ]
    }

    /// A decision as a short word, for the table.
    fn word(d: &Decision) -> String {
        match d {
            Decision::Settle(v) => match v {
                Verdict::Success(_) => "success".into(),
                Verdict::Error(code) => code.as_str().into(),
                Verdict::IssuerError => "issuer-error".into(),
                Verdict::ChooserError => "chooser-error".into(),
                Verdict::RedirectError { error, .. } => format!("redirect-error:{error}"),
                Verdict::DeniedWith(code) => format!("denied:{}", code.as_str()),
                Verdict::IssuerDenied => "issuer-denied".into(),
                Verdict::Closed => "closed".into(),
                Verdict::Signed => "signed".into(),
                Verdict::Denied => "denied".into(),
            },
            Decision::OpenAuthPopup => "auth-popup".into(),
            Decision::Exchange(_) => "exchange".into(),
            Decision::ExchangeAssertion(token) => format!("exchange-assertion:{token}"),
            Decision::OpenSheet => "sheet".into(),
            Decision::Ignore => "-".into(),
        }
    }

    fn message(kind: MessageKind, from_popup: bool, url: Option<&str>) -> Input<'_> {
        Input::Message {
            kind,
            from_popup,
            redirect_url: url,
        }
    }

    /// Every purpose × every message kind, from the frame and from a
    /// popup, with a good redirect URL in `ave:success`.
    #[test]
    fn every_purpose_and_message_kind() {
        let good = "https://app.example/cb?code=c&state=s1";
        // Columns: success, error, close, auth_required, signed, denied,
        // connector:ready, connector:event, connector:error.
        let expected = [
            ("connector", "success  issuer-error  closed               auth-popup            -       -       -  -  -"),
            ("background", "success  issuer-error  interaction_required interaction_required -       -       -  -  -"),
            ("signin", "success  issuer-error  closed               auth-popup            -       -       -  -  -"),
            ("tokens", "exchange issuer-error  closed               auth-popup            -       -       -  -  -"),
            ("signing", "-        issuer-denied closed               auth-popup            signed  denied  -  -  -"),
        ];
        for ((name, purpose), (row, words)) in purposes().iter().zip(expected) {
            assert_eq!(*name, row);
            let words: Vec<&str> = words.split_whitespace().collect();
            assert_eq!(words.len(), KINDS.len(), "{row}");
            for (kind, want) in KINDS.into_iter().zip(words) {
                let got = word(&decide(purpose, message(kind, false, Some(good))));
                assert_eq!(got, want, "{name} × {kind:?} from the frame");
                // From a popup, `ave:auth_required` opens nothing (the
                // popup is top-level already); every other answer is the same.
                let from_popup = word(&decide(purpose, message(kind, true, Some(good))));
                let want = if want == "auth-popup" { "-" } else { want };
                assert_eq!(from_popup, want, "{name} × {kind:?} from a popup");
            }
        }
    }

    /// `ave:success` whose redirect URL is missing or fails the check.
    #[test]
    fn bad_redirects_end_the_flow_and_are_never_exchanged() {
        let cases = [
            (None, "invalid_redirect"),
            (
                Some("https://evil.example/cb?code=c&state=s1"),
                "invalid_redirect",
            ),
            (
                Some("https://app.example/other?code=c&state=s1"),
                "invalid_redirect",
            ),
            (Some("not a url"), "invalid_redirect"),
            (
                Some("https://app.example/cb?code=c&state=s2"),
                "state_mismatch",
            ),
            (Some("https://app.example/cb?code=c"), "state_mismatch"),
            (
                Some("https://app.example/cb?code=c&state=s1&state=s1"),
                "state_mismatch",
            ),
        ];
        for (name, purpose) in purposes() {
            if name == "signing" {
                continue;
            }
            for (url, want) in cases {
                let got = word(&decide(&purpose, message(MessageKind::Success, false, url)));
                assert_eq!(got, want, "{name} × {url:?}");
            }
        }
    }

    /// The frame landing, for every purpose: only `redirectUri` counts, it
    /// must carry our `state`, and an OAuth error there is a failure.
    #[test]
    fn landing_on_the_redirect_uri() {
        // Columns: connector, background, signin, tokens, signing.
        let cases = [
            ("https://app.example/cb?code=c&state=s1", "success success success exchange -"),
            ("https://app.example/cb?error=access_denied&state=s1", "redirect-error:access_denied redirect-error:access_denied redirect-error:access_denied redirect-error:access_denied -"),
            // A framing page's code: no state, or another.
            ("https://app.example/cb?code=ATTACKER", "state_mismatch state_mismatch state_mismatch state_mismatch -"),
            ("https://app.example/cb?code=ATTACKER&state=s2", "state_mismatch state_mismatch state_mismatch state_mismatch -"),
            // Any other page of the app (or none) is not a landing.
            ("https://app.example/other?code=c&state=s1", "- - - - -"),
            ("about:blank", "- - - - -"),
        ];
        for (href, words) in cases {
            let words: Vec<&str> = words.split_whitespace().collect();
            assert_eq!(words.len(), 5, "{href}");
            for ((name, purpose), want) in purposes().iter().zip(words) {
                assert_eq!(
                    word(&decide(purpose, Input::Landed(href))),
                    want,
                    "{name} × landed {href}"
                );
            }
        }
    }

    #[test]
    fn blocked_popups_and_timeouts() {
        for (name, purpose) in purposes() {
            let blocked = word(&decide(&purpose, Input::PopupBlocked));
            let want = if name == "signing" {
                "denied:popup_blocked"
            } else {
                "popup_blocked"
            };
            assert_eq!(blocked, want, "{name}");
            assert_eq!(
                word(&decide(&purpose, Input::TimedOut)),
                "timeout",
                "{name}"
            );
        }
    }

    /// What the account chooser's answers mean for each purpose: only a
    /// sign-in with `onTokens` asks the chooser; an assertion is
    /// exchanged, no answer (or an empty token) opens the sheet, the
    /// issuer's refusal is the app's error.
    #[test]
    fn the_account_choosers_answers() {
        let answers = [
            (Chooser::Assertion("a.b.c"), "exchange-assertion:a.b.c"),
            (Chooser::Assertion(""), "sheet"),
            (Chooser::Unavailable, "sheet"),
            (Chooser::IssuerError, "chooser-error"),
        ];
        for (name, purpose) in purposes() {
            for (answer, want) in answers {
                let got = word(&decide(&purpose, Input::Chooser(answer)));
                let want = if name == "tokens" { want } else { "-" };
                assert_eq!(got, want, "{name} × {answer:?}");
            }
        }
    }

    #[test]
    fn a_checked_redirect_is_the_url_that_was_sent() {
        let url = "https://app.example/cb?code=c%201&state=s1#app_key=k";
        let Decision::Settle(Verdict::Success(checked)) = decide(
            &purposes()[0].1,
            message(MessageKind::Success, false, Some(url)),
        ) else {
            panic!("not a success");
        };
        assert_eq!(checked.as_str(), url);
        assert_eq!(checked.code().as_deref(), Some("c 1"));
        assert_eq!(checked.app_keys().keys, [("app_key", "k".to_owned())]);
        assert_eq!(format!("{checked:?}"), "CheckedRedirect(<redacted>)");
    }

    #[test]
    fn runtime_messages() {
        use RuntimeDecision::{Ignore, IssuerError, Ready};
        // Columns: not ready yet, ready.
        let expected = [
            (MessageKind::RuntimeReady, [Ready, Ignore]),
            (MessageKind::RuntimeError, [IssuerError, IssuerError]),
            (MessageKind::RuntimeEvent, [Ignore, Ignore]),
        ];
        for (kind, [before, after]) in expected {
            assert_eq!(decide_runtime(kind, false), before, "{kind:?} before ready");
            assert_eq!(decide_runtime(kind, true), after, "{kind:?} after ready");
        }
        // The flow messages mean nothing to a runtime.
        for kind in &KINDS[..6] {
            assert_eq!(decide_runtime(*kind, false), Ignore, "{kind:?}");
            assert_eq!(decide_runtime(*kind, true), Ignore, "{kind:?}");
        }
    }
}
