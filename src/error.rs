//! Error codes and option errors (pure).
//!
//! Flow errors reach `onError` as `{ error, message }`; option errors become a
//! JavaScript `TypeError` naming the function and the option.

use crate::prelude::*;
use core::fmt;

/// Error codes this SDK itself reports through `onError` (the issuer may send
/// others in an `ave:error` payload; those are passed through unchanged).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// The browser blocked the popup window.
    PopupBlocked,
    /// `ave:success` carried a `redirectUrl` on another origin or path.
    InvalidRedirect,
    /// The `state` in the redirect URL is not the one that was sent.
    StateMismatch,
    /// A background flow needs the user (consent or sign-in required).
    InteractionRequired,
    /// No answer within `timeoutMs`.
    Timeout,
    /// The `id_token` does not carry the nonce that was sent.
    NonceMismatch,
    /// The token endpoint refused the code without saying why.
    TokenExchangeFailed,
    /// The token endpoint could not be reached.
    NetworkError,
}

impl ErrorCode {
    /// The wire string given to `onError` as `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PopupBlocked => "popup_blocked",
            Self::InvalidRedirect => "invalid_redirect",
            Self::StateMismatch => "state_mismatch",
            Self::InteractionRequired => "interaction_required",
            Self::Timeout => "timeout",
            Self::NonceMismatch => "nonce_mismatch",
            Self::TokenExchangeFailed => "token_exchange_failed",
            Self::NetworkError => "network_error",
        }
    }

    /// A human-readable explanation given to `onError` as `message`.
    pub fn message(self) -> &'static str {
        match self {
            Self::PopupBlocked => {
                "The browser blocked the popup window; open it from a click handler."
            }
            Self::InvalidRedirect => {
                "The issuer answered with a redirect URL that does not match redirectUri."
            }
            Self::StateMismatch => {
                "The state in the redirect URL does not match the state that was sent."
            }
            Self::InteractionRequired => {
                "Silent authorization is not possible; retry with mode \"user_present\"."
            }
            Self::Timeout => "The issuer did not answer in time.",
            Self::NonceMismatch => "The id_token does not carry the nonce that was sent.",
            Self::TokenExchangeFailed => "The token endpoint refused the authorization code.",
            Self::NetworkError => "The token endpoint could not be reached.",
        }
    }
}

/// What is wrong with an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required option is absent, `null` or `undefined`.
    Missing,
    /// The option has the wrong JavaScript type; names the expected one.
    WrongType(&'static str),
    /// A string option is empty.
    Empty,
    /// The value is not one of the allowed ones; lists them.
    NotOneOf(&'static str),
    /// A URL option does not parse or uses a forbidden scheme.
    BadUrl(&'static str),
    /// A number option is out of range.
    OutOfRange(&'static str),
    /// Reading the option threw: a throwing getter or Proxy trap, a revoked Proxy.
    Unreadable,
    /// A string option (or `extraParams`, keys and values together) is
    /// longer than 16 384 UTF-16 code units (JavaScript's `length`).
    TooLong,
}

/// What a value is when reading it threw (options and `send(message)`).
pub const UNREADABLE: &str = "could not be read (a getter or a Proxy threw)";

/// An invalid option: becomes a `TypeError` whose message is "FUNCTION: option `OPTION` …".
///
/// `Debug` and `Display` never print the option's value (it may be a secret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The exported function that was called, e.g. `openAveConnectorSheet`.
    pub function: &'static str,
    /// The option's JavaScript name, e.g. `redirectUri`.
    pub option: &'static str,
    /// What is wrong with it.
    pub problem: Problem,
}

impl OptionError {
    /// "FUNCTION: option `OPTION` must …" (built without `core::fmt`,
    /// which the wasm build leaves out; `Display` says the same).
    pub fn message(&self) -> String {
        let (verb, what) = match &self.problem {
            Problem::Missing => ("is required", ""),
            Problem::WrongType(t) => ("must be ", *t),
            Problem::Empty => ("must not be empty", ""),
            Problem::NotOneOf(list) => ("must be one of ", *list),
            Problem::BadUrl(why) | Problem::OutOfRange(why) => (*why, ""),
            Problem::Unreadable => (UNREADABLE, ""),
            // The limit is `MAX_OPTION_LENGTH` (a test keeps the two equal).
            Problem::TooLong => ("is too long (at most 16384 characters)", ""),
        };
        [self.function, ": option `", self.option, "` ", verb, what].concat()
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for OptionError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_error_names_function_and_option() {
        let e = OptionError {
            function: "openAveConnectorSheet",
            option: "resource",
            problem: Problem::Missing,
        };
        assert_eq!(
            e.to_string(),
            "openAveConnectorSheet: option `resource` is required"
        );
    }

    #[test]
    fn too_long_names_the_limit() {
        let e = OptionError {
            function: "openAveSheet",
            option: "scope",
            problem: Problem::TooLong,
        };
        let limit = crate::options::MAX_OPTION_LENGTH.to_string();
        assert!(e
            .message()
            .ends_with(&["(at most ", &limit, " characters)"].concat()));
    }

    #[test]
    fn codes_are_snake_case_wire_strings() {
        assert_eq!(ErrorCode::PopupBlocked.as_str(), "popup_blocked");
        assert_eq!(ErrorCode::StateMismatch.as_str(), "state_mismatch");
        assert_eq!(
            ErrorCode::InteractionRequired.as_str(),
            "interaction_required"
        );
    }
}
