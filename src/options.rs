//! Typed, validated options (pure).
//!
//! The browser shell reads each option of the JavaScript object into a
//! [`RawValue`]; everything from "is it there" to "is it an allowed URL" is
//! decided here, so that every rule has one home and host tests cover it.

use crate::prelude::*;
use core::cell::Cell;
use core::fmt;

use crate::encoding::{decimal, round};
use crate::entries::Entry;
use crate::error::{OptionError, Problem};
use crate::urls::{parse_web_url, Issuer, WebUrl, DEFAULT_ISSUER};

/// One option value as JavaScript gave it, reduced to what validation needs.
// A Rust caller's requests (src/browser/requests.rs) make only some of
// these; the others come from a JavaScript object (the npm build's
// src/browser/js_options.rs).
#[cfg_attr(not(feature = "npm-build"), allow(dead_code))]
#[derive(Clone, PartialEq)]
pub enum RawValue {
    /// Absent, `undefined` or `null`.
    Absent,
    /// A string.
    Str(String),
    /// A number (possibly NaN or infinite).
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A function.
    Function,
    /// A DOM element of this page's document (for `container`).
    Element,
    /// An element of another document (a frame's): a flow there posts to
    /// that frame's window, where the SDK does not listen.
    ForeignElement,
    /// A plain object whose values are all strings (for `extraParams`).
    StrMap(Vec<(String, String)>),
    /// Any other object, array, symbol or bigint.
    Other,
    /// A string longer than [`MAX_OPTION_LENGTH`], or `extraParams` longer
    /// than that in all (the browser shell never copies it into wasm).
    TooLong,
    /// Reading it threw: a throwing getter or Proxy trap, a revoked Proxy.
    Unreadable,
}

/// The longest string option, in UTF-16 code units (JavaScript's
/// `length`); also the most `extraParams` may hold, keys and values
/// together. Ample for any URL, id or token (a sign-in URL over about 8 KB
/// is refused by common servers anyway), and it keeps a huge value out
/// of wasm memory. Checked where a JavaScript object is read (the npm
/// build's src/browser/js_options.rs).
#[cfg_attr(not(feature = "npm-build"), allow(dead_code))]
pub const MAX_OPTION_LENGTH: u32 = 16_384;

impl fmt::Debug for RawValue {
    // Never prints string contents: an option may be a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Absent => "Absent",
            Self::Str(_) => "Str(<redacted>)",
            Self::Number(_) => "Number",
            Self::Bool(_) => "Bool",
            Self::Function => "Function",
            Self::Element => "Element",
            Self::ForeignElement => "ForeignElement",
            Self::StrMap(_) => "StrMap(<redacted>)",
            Self::Other => "Other",
            Self::TooLong => "TooLong",
            Self::Unreadable => "Unreadable",
        })
    }
}

/// Where option values come from: the JavaScript object in the browser, a
/// map in host tests, a Rust struct for Rust callers.
pub trait OptionSource {
    /// The value of the option `name` (its JavaScript spelling).
    fn value(&self, name: &'static str) -> RawValue;
}

/// Reads options of one exported function, naming it in every error.
///
/// Each reader returns a value (its default, or `None`, when the option is
/// bad) and records the first problem found; [`OptionReader::finish`]
/// turns that into the error. So the `read` functions are straight-line
/// code without an early return after each option: in the wasm those
/// returns, each dropping what was read before it, were a large part of
/// option reading (docs/size.md). The error is the same: the first bad
/// option in reading order.
pub struct OptionReader<'a, S: OptionSource + ?Sized> {
    source: &'a S,
    function: &'static str,
    /// `width` / `height` are a popup's pixels ([`Entry::has_popup_size`]).
    popup_size: bool,
    first_error: Cell<Option<OptionError>>,
}

impl<'a, S: OptionSource + ?Sized> OptionReader<'a, S> {
    /// A reader for the options given to the function `entry`.
    pub fn new(source: &'a S, entry: &Entry) -> Self {
        Self {
            source,
            function: entry.name,
            popup_size: entry.has_popup_size(),
            first_error: Cell::new(None),
        }
    }

    /// An [`OptionError`] about `option`.
    fn error(&self, option: &'static str, problem: Problem) -> OptionError {
        OptionError {
            function: self.function,
            option,
            problem,
        }
    }

    /// Records a problem with `option`, unless an earlier one was found.
    pub fn fail(&self, option: &'static str, problem: Problem) {
        if self.first_error.get().is_none() {
            self.first_error.set(Some(self.error(option, problem)));
        }
    }

    /// The option `name`. One that could not be read is a problem
    /// recorded here for every kind of option, and reads as absent.
    fn value(&self, name: &'static str) -> RawValue {
        match self.source.value(name) {
            RawValue::Unreadable => {
                self.fail(name, Problem::Unreadable);
                RawValue::Absent
            }
            value => value,
        }
    }

    /// Records that the string option `name` is too long.
    fn too_long(&self, name: &'static str) {
        self.fail(name, Problem::TooLong);
    }

    /// `container`: whether an element of this page's document was given.
    /// Any other value is a problem, and so is none when `required`.
    pub fn container(&self, required: bool) -> bool {
        const NAME: &str = "container";
        match self.value(NAME) {
            RawValue::Element => return true,
            RawValue::Absent if !required => {}
            RawValue::ForeignElement => self.fail(
                NAME,
                Problem::WrongType("an element of this page's document"),
            ),
            _ => self.fail(NAME, Problem::WrongType("a DOM element")),
        }
        false
    }

    /// The options read (`read`), or the first problem found while reading.
    pub fn finish<T>(&self, read: Option<T>) -> Result<T, OptionError> {
        match (self.first_error.take(), read) {
            (None, Some(value)) => Ok(value),
            (Some(error), _) => Err(error),
            // Not reached: every `None` a reader returns recorded its problem.
            (None, None) => Err(self.error("options", Problem::Missing)),
        }
    }

    /// A string that may be absent; present but empty is a problem (`None`).
    pub fn optional_str(&self, name: &'static str) -> Option<String> {
        self.string(name, false)
    }

    /// A non-empty string that must be present.
    pub fn required_str(&self, name: &'static str) -> Option<String> {
        self.string(name, true)
    }

    fn string(&self, name: &'static str, required: bool) -> Option<String> {
        match self.value(name) {
            RawValue::Absent => {
                if required {
                    self.fail(name, Problem::Missing);
                }
                None
            }
            // Only white space: empty. (`chars().all`, not `trim()`: its
            // double-ended searcher is 0.5 KB of wasm.)
            RawValue::Str(s) if s.chars().all(char::is_whitespace) => {
                self.fail(name, Problem::Empty);
                None
            }
            RawValue::Str(s) => Some(s),
            RawValue::TooLong => {
                self.too_long(name);
                None
            }
            _ => {
                self.fail(name, Problem::WrongType("a string"));
                None
            }
        }
    }

    /// An `https:` (or loopback `http:`) URL that must be present.
    pub fn required_url(&self, name: &'static str) -> Option<WebUrl> {
        let raw = self.required_str(name)?;
        parse_web_url(&raw)
            .map_err(|why| self.fail(name, Problem::BadUrl(why)))
            .ok()
    }

    /// The `issuer` option, defaulting to `https://aveid.net`.
    pub fn issuer(&self) -> Option<Issuer> {
        let raw = self.optional_str("issuer");
        Issuer::parse(raw.as_deref().unwrap_or(DEFAULT_ISSUER))
            .map_err(|why| self.fail("issuer", Problem::BadUrl(why)))
            .ok()
    }

    /// A string that must be one of `allowed`, or absent (→ `None`).
    pub fn one_of(
        &self,
        name: &'static str,
        allowed: &[&'static str],
        list: &'static str,
    ) -> Option<&'static str> {
        let s = self.optional_str(name)?;
        let found = allowed.iter().find(|a| **a == s).copied();
        if found.is_none() {
            self.fail(name, Problem::NotOneOf(list));
        }
        found
    }

    /// A positive duration in milliseconds (at most ten minutes), or the default.
    pub fn timeout_ms(&self, default: u32) -> u32 {
        const MAX_MS: f64 = 600_000.0;
        match self.value("timeoutMs") {
            RawValue::Absent => {}
            RawValue::Number(n) if (1.0..=MAX_MS).contains(&n) => return round(n) as u32,
            RawValue::Number(_) => self.fail(
                "timeoutMs",
                Problem::OutOfRange("must be a number of milliseconds between 1 and 600000"),
            ),
            _ => self.fail("timeoutMs", Problem::WrongType("a number")),
        }
        default
    }

    /// A boolean that may be absent (`false`).
    pub fn flag(&self, name: &'static str) -> bool {
        match self.value(name) {
            RawValue::Absent => false,
            RawValue::Bool(b) => b,
            _ => {
                self.fail(name, Problem::WrongType("a boolean"));
                false
            }
        }
    }

    /// Checks that each callback option is a function or absent.
    pub fn callbacks(&self, names: &[&'static str]) {
        for &name in names {
            if !matches!(self.value(name), RawValue::Absent | RawValue::Function) {
                self.fail(name, Problem::WrongType("a function"));
            }
        }
    }
}

/// `mode` of connector flows and the runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectorMode {
    /// The user approves in a visible sheet or popup (default).
    UserPresent,
    /// Silent: a hidden frame, no UI; fails with `interaction_required`.
    Background,
}

impl ConnectorMode {
    /// The wire string.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserPresent => "user_present",
            Self::Background => "background",
        }
    }

    fn read<S: OptionSource + ?Sized>(r: &OptionReader<'_, S>) -> Self {
        match r.one_of(
            "mode",
            &["user_present", "background"],
            "\"user_present\", \"background\"",
        ) {
            Some("background") => Self::Background,
            _ => Self::UserPresent,
        }
    }
}

/// Default connector scope of 0.6.0.
pub const CONNECTOR_DEFAULT_SCOPE: &str = "resource.access";
/// Default time a background authorization may take.
pub const BACKGROUND_TIMEOUT_MS: u32 = 15_000;
/// Callback options of connector flows.
pub const CONNECTOR_CALLBACKS: &[&str] = &["onSuccess", "onError", "onClose"];

/// Validated options of `openAveConnectorSheet` / `openAveConnectorPopup`.
#[derive(Clone, PartialEq)]
pub struct ConnectorOptions {
    /// `clientId`.
    pub client_id: String,
    /// `redirectUri`; the issuer posts to its origin, and `ave:success` must match it.
    pub redirect_uri: WebUrl,
    /// `resource`, e.g. `calendar:google`.
    pub resource: String,
    /// `scope`, default `resource.access`.
    pub scope: String,
    /// `mode`, default user present.
    pub mode: ConnectorMode,
    /// `issuer`, default `https://aveid.net`.
    pub issuer: Issuer,
    /// `state`, generated when absent; must come back in the redirect URL.
    pub state: String,
    /// `timeoutMs` for background mode.
    pub timeout_ms: u32,
    /// `width` / `height` of `openAveConnectorPopup` (default 460 × 700).
    pub popup: PopupSize,
}

/// The size of a popup window, in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PopupSize {
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
}

impl fmt::Debug for ConnectorOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectorOptions")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri.as_str())
            .field("resource", &self.resource)
            .field("scope", &self.scope)
            .field("mode", &self.mode)
            .field("issuer", &self.issuer.origin())
            .field("state", &"<redacted>")
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

impl ConnectorOptions {
    /// Validates the options given to `function`. `new_state` is called only
    /// when the caller gave no `state` (randomness is passed in, see docs/architecture.md#randomness-and-time).
    pub fn read<S: OptionSource + ?Sized>(
        source: &S,
        entry: &Entry,
        new_state: impl FnOnce() -> String,
    ) -> Result<Self, OptionError> {
        let r = OptionReader::new(source, entry);
        let client_id = r.required_str("clientId");
        let redirect_uri = r.required_url("redirectUri");
        let resource = r.required_str("resource");
        let scope = r
            .optional_str("scope")
            .unwrap_or_else(|| CONNECTOR_DEFAULT_SCOPE.to_owned());
        let mode = ConnectorMode::read(&r);
        let issuer = r.issuer();
        let state = r.optional_str("state");
        let timeout_ms = r.timeout_ms(BACKGROUND_TIMEOUT_MS);
        let popup = r.popup_size(460, 700);
        r.callbacks(CONNECTOR_CALLBACKS);
        r.finish(match (client_id, redirect_uri, resource, issuer) {
            (Some(client_id), Some(redirect_uri), Some(resource), Some(issuer)) => Some(Self {
                client_id,
                redirect_uri,
                resource,
                scope,
                mode,
                issuer,
                state: state.unwrap_or_else(new_state),
                timeout_ms,
                popup,
            }),
            _ => None,
        })
    }

    /// `{issuer}/connect?client_id&redirect_uri&resource&scope&mode&embed=1&state`.
    pub fn authorize_url(&self) -> WebUrl {
        self.issuer.page(
            "/connect",
            &[
                ("client_id", &self.client_id),
                ("redirect_uri", self.redirect_uri.as_str()),
                ("resource", &self.resource),
                ("scope", &self.scope),
                ("mode", self.mode.as_str()),
                ("embed", "1"),
                ("state", &self.state),
            ],
        )
    }
}

/// A secret string (the delegated token): never printed by `Debug`, never
/// put in a URL, attribute, log or error message.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The secret itself, for the one place that sends it (the init message).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// An empty secret, to forget the real one as soon as it is not needed.
    pub fn wiped() -> Self {
        Self(String::new())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Callback options of the runtime.
pub const RUNTIME_CALLBACKS: &[&str] = &["onReady", "onEvent", "onError"];
/// Default time the runtime frame has to send `ave:connector:ready`.
pub const RUNTIME_READY_TIMEOUT_MS: u32 = 15_000;
/// Default `target` of `openAveConnectorRuntime` (0.6.0).
pub const RUNTIME_DEFAULT_TARGET: &str = "resource";

/// What differs between `openAveConnectorRuntime` and `openIrisDelegatedRuntime`.
pub struct RuntimeDefaults {
    /// `Some(t)`: the target is fixed to `t` (Iris); `None`: read `target`.
    pub fixed_target: Option<&'static str>,
    /// `targetOrigin` when the option is absent (`None`: the page's origin).
    pub target_origin: Option<&'static str>,
}

/// Validated options of the connector runtime.
#[derive(Clone, PartialEq)]
pub struct RuntimeOptions {
    /// `delegatedToken`; sent only inside the init message to the issuer origin.
    pub delegated_token: Secret,
    /// `target`, a short identifier.
    pub target: String,
    /// `targetOrigin` as a bare origin; `None` → the page's own origin.
    pub target_origin: Option<String>,
    /// `mode`.
    pub mode: ConnectorMode,
    /// `issuer`.
    pub issuer: Issuer,
    /// Whether `container` was given (visible frame) or not (hidden frame).
    pub in_container: bool,
    /// `width` as a CSS length (default `100%`).
    pub width: String,
    /// `height` as a CSS length (default `640px`).
    pub height: String,
    /// `timeoutMs` for `ready`.
    pub timeout_ms: u32,
}

impl fmt::Debug for RuntimeOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeOptions")
            .field("delegated_token", &self.delegated_token)
            .field("target", &self.target)
            .field("target_origin", &self.target_origin)
            .field("mode", &self.mode)
            .field("issuer", &self.issuer.origin())
            .field("in_container", &self.in_container)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

fn is_identifier(s: &str) -> bool {
    s.len() <= 64
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

impl<S: OptionSource + ?Sized> OptionReader<'_, S> {
    /// A CSS length: a number of pixels or a short CSS string (`"100%"`, `"40rem"`).
    pub fn css_length(&self, name: &'static str, default: &str) -> String {
        const WHY: &str = "must be a number of pixels or a CSS length such as \"100%\"";
        match self.value(name) {
            RawValue::Absent => default.to_owned(),
            // Pixels to 1/100 px, formatted as integers (no float formatting code in the wasm).
            RawValue::Number(n) if n.is_finite() && (0.0..=100_000.0).contains(&n) => {
                let hundredths = round(n * 100.0);
                let whole = decimal(hundredths / 100);
                match hundredths % 100 {
                    0 => [whole.as_str(), "px"].concat(),
                    frac => [
                        whole.as_str(),
                        if frac < 10 { ".0" } else { "." },
                        &decimal(frac),
                        "px",
                    ]
                    .concat(),
                }
            }
            RawValue::Str(s)
                if !s.is_empty()
                    && s.len() <= 64
                    && s.bytes().all(|b| {
                        // `matches!`, not `contains`: that is a `memchr` in the wasm.
                        b.is_ascii_alphanumeric()
                            || matches!(
                                b,
                                b' ' | b'.' | b'%' | b'(' | b')' | b'+' | b'-' | b'*' | b'/' | b','
                            )
                    }) =>
            {
                s
            }
            RawValue::Number(_) | RawValue::Str(_) => {
                self.fail(name, Problem::OutOfRange(WHY));
                default.to_owned()
            }
            RawValue::TooLong => {
                self.too_long(name);
                default.to_owned()
            }
            _ => {
                self.fail(name, Problem::WrongType("a number or a string"));
                default.to_owned()
            }
        }
    }
}

impl RuntimeOptions {
    /// Validates the options given to `function` (docs/compatibility.md#options, docs/security.md#https-only, docs/security.md#bad-options).
    pub fn read<S: OptionSource + ?Sized>(
        source: &S,
        entry: &Entry,
        defaults: &RuntimeDefaults,
    ) -> Result<Self, OptionError> {
        let r = OptionReader::new(source, entry);
        let delegated_token = r.required_str("delegatedToken");
        let target = match defaults.fixed_target {
            Some(t) => t.to_owned(),
            None => r
                .optional_str("target")
                .unwrap_or_else(|| RUNTIME_DEFAULT_TARGET.to_owned()),
        };
        if !is_identifier(&target) {
            r.fail(
                "target",
                Problem::OutOfRange(
                    "must be a short identifier (letters, digits, `.`, `_`, `:`, `-`; at most 64)",
                ),
            );
        }
        let target_origin = r
            .optional_str("targetOrigin")
            .as_deref()
            .or(defaults.target_origin)
            .and_then(|raw| {
                crate::urls::parse_bare_origin(raw)
                    .map_err(|why| r.fail("targetOrigin", Problem::BadUrl(why)))
                    .ok()
            });
        let in_container = r.container(false);
        let mode = ConnectorMode::read(&r);
        let issuer = r.issuer();
        let width = r.css_length("width", "100%");
        let height = r.css_length("height", "640px");
        let timeout_ms = r.timeout_ms(RUNTIME_READY_TIMEOUT_MS);
        r.callbacks(RUNTIME_CALLBACKS);
        r.finish(match (delegated_token, issuer) {
            (Some(token), Some(issuer)) => Some(Self {
                delegated_token: Secret(token),
                target,
                target_origin,
                mode,
                issuer,
                in_container,
                width,
                height,
                timeout_ms,
            }),
            _ => None,
        })
    }

    /// `{issuer}/connect/runtime?target&mode` — the token is never in it.
    pub fn runtime_url(&self) -> WebUrl {
        self.issuer.page(
            "/connect/runtime",
            &[("target", &self.target), ("mode", self.mode.as_str())],
        )
    }
}

/// Default sign-in scope of 0.6.0.
pub const SIGNIN_DEFAULT_SCOPE: &str = "openid profile email";
/// Callback options of the sign-in functions.
pub const SIGNIN_CALLBACKS: &[&str] = &["onSuccess", "onError", "onClose", "onTokens"];
/// Callback options of the signing functions.
pub const SIGNING_CALLBACKS: &[&str] = &["onSigned", "onDenied", "onClose"];
/// Query parameters the SDK sets itself; `extraParams` cannot override them
/// (`state` can: the app's own state replaces the generated one).
const RESERVED_PARAMS: &[&str] = &[
    "client_id",
    "redirect_uri",
    "scope",
    "embed",
    "theme",
    "code_challenge",
    "code_challenge_method",
    "nonce",
    "resource",
    "mode",
];

/// Where a sign-in flow is shown; decides which size options apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInSurface {
    /// `openAveSheet`.
    Sheet,
    /// `openAvePopup`: `width`/`height` numbers (default 450 × 650).
    Popup,
    /// `mountAveEmbed`: `container` required, `width`/`height` CSS (default `100%` × `720px`).
    Inline,
}

/// The PKCE parameters of a sign-in URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Challenge {
    /// No PKCE parameters.
    None,
    /// The app's own `codeChallenge` / `codeChallengeMethod`, passed through.
    App {
        /// `code_challenge`.
        challenge: String,
        /// `code_challenge_method`, if given.
        method: Option<&'static str>,
    },
    /// `onTokens` was given: the SDK's own PKCE and nonce.
    Sdk(crate::pkce::Pkce),
}

/// Validated options of `mountAveEmbed`, `openAveSheet`, `openAvePopup`, `startAveAuth`.
#[derive(Clone, PartialEq)]
pub struct SignInOptions {
    /// `clientId` (`startAveAuth`: derived when absent).
    pub client_id: String,
    /// `redirectUri`.
    pub redirect_uri: WebUrl,
    /// `scope`, default `openid profile email`.
    pub scope: String,
    /// `theme`, default `dark`.
    pub theme: String,
    /// `issuer`.
    pub issuer: Issuer,
    /// `extraParams`, in the order given.
    pub extra_params: Vec<(String, String)>,
    /// PKCE and nonce.
    pub challenge: Challenge,
    /// `state`: `extraParams.state` when the app gave one, else generated;
    /// must come back in the redirect URL (docs/security.md#redirect-and-state).
    pub state: String,
    /// Inline: CSS width / height (empty for the other surfaces).
    pub width: String,
    /// See `width`.
    pub height: String,
    /// `width` / `height` of `openAvePopup`, and of the popup a sheet or
    /// inline frame opens after `ave:auth_required` (default 450 × 650).
    pub popup: PopupSize,
    /// `fedcm: true` of a sheet with `onTokens`: the browser's account
    /// chooser first, the sheet as its fallback (docs/protocol.md#fedcm).
    /// Not read for the other surfaces, and `false` without `onTokens`.
    pub fedcm: bool,
}

impl fmt::Debug for SignInOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInOptions")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri.as_str())
            .field("scope", &self.scope)
            .field("issuer", &self.issuer.origin())
            .field("extra_params", &self.extra_params.len())
            .field("state", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl<S: OptionSource + ?Sized> OptionReader<'_, S> {
    /// An object of strings, or absent (→ empty).
    pub fn str_map(&self, name: &'static str) -> Vec<(String, String)> {
        match self.value(name) {
            RawValue::Absent => Vec::new(),
            RawValue::StrMap(entries) => entries,
            RawValue::TooLong => {
                self.too_long(name);
                Vec::new()
            }
            _ => {
                self.fail(
                    name,
                    Problem::WrongType("an object whose values are strings"),
                );
                Vec::new()
            }
        }
    }

    /// `width` / `height` in pixels for a popup function (its entry's
    /// surface); other functions have no such options (0.6.0 reads them only in its
    /// popups), so there they are ignored, as every unknown option is.
    pub fn popup_size(&self, width: u32, height: u32) -> PopupSize {
        if !self.popup_size {
            return PopupSize { width, height };
        }
        PopupSize {
            width: self.pixels("width", width),
            height: self.pixels("height", height),
        }
    }

    /// A whole number of pixels in `1..=10000`, or the default.
    pub fn pixels(&self, name: &'static str, default: u32) -> u32 {
        match self.value(name) {
            RawValue::Absent => {}
            RawValue::Number(n) if (1.0..=10_000.0).contains(&n) => return round(n) as u32,
            RawValue::Number(_) => self.fail(
                name,
                Problem::OutOfRange("must be between 1 and 10000 pixels"),
            ),
            _ => self.fail(name, Problem::WrongType("a number")),
        }
        default
    }
}

impl SignInOptions {
    /// Validates sign-in options. `client_id` overrides the option (used by
    /// `startAveAuth`'s derived id); `new_pkce` is called only with
    /// `onTokens`, `new_state` only without `extraParams.state`.
    pub fn read<S: OptionSource + ?Sized>(
        source: &S,
        entry: &Entry,
        surface: SignInSurface,
        client_id: Option<String>,
        new_pkce: impl FnOnce() -> crate::pkce::Pkce,
        new_state: impl FnOnce() -> String,
    ) -> Result<Self, OptionError> {
        let r = OptionReader::new(source, entry);
        let client_id = client_id.or_else(|| r.required_str("clientId"));
        let redirect_uri = r.required_url("redirectUri");
        let scope = r
            .optional_str("scope")
            .unwrap_or_else(|| SIGNIN_DEFAULT_SCOPE.to_owned());
        let theme = r.optional_str("theme").unwrap_or_else(|| "dark".to_owned());
        let issuer = r.issuer();
        let extra_params = r.str_map("extraParams");
        let mut app_state = None;
        for (k, v) in &extra_params {
            if k == "state" {
                // An empty state would never come back; two (Rust callers
                // only) could not both be checked.
                if app_state.is_some() || v.chars().all(char::is_whitespace) {
                    r.fail(
                        "extraParams",
                        Problem::OutOfRange("`state` must be one non-empty string"),
                    );
                }
                app_state = Some(v.clone());
            } else if RESERVED_PARAMS.contains(&k.as_str()) {
                r.fail(
                    "extraParams",
                    Problem::OutOfRange("must not set a parameter the SDK sets itself (client_id, redirect_uri, scope, …)"),
                );
            }
        }
        r.callbacks(SIGNIN_CALLBACKS);
        let method = r.one_of(
            "codeChallengeMethod",
            &["S256", "plain"],
            "\"S256\", \"plain\"",
        );
        let app_challenge = r.optional_str("codeChallenge");
        if method.is_some() && app_challenge.is_none() {
            r.fail(
                "codeChallengeMethod",
                Problem::OutOfRange("needs `codeChallenge`"),
            );
        }
        let challenge = if matches!(r.value("onTokens"), RawValue::Function) {
            Challenge::Sdk(new_pkce())
        } else {
            match app_challenge {
                Some(challenge) => Challenge::App { challenge, method },
                None => Challenge::None,
            }
        };
        let mut popup = PopupSize {
            width: 450,
            height: 650,
        };
        let fedcm = surface == SignInSurface::Sheet
            && r.flag("fedcm")
            && matches!(challenge, Challenge::Sdk(_));
        let (width, height) = match surface {
            SignInSurface::Sheet => (String::new(), String::new()),
            SignInSurface::Popup => {
                popup.width = r.pixels("width", popup.width);
                popup.height = r.pixels("height", popup.height);
                (String::new(), String::new())
            }
            SignInSurface::Inline => {
                r.container(true);
                (
                    r.css_length("width", "100%"),
                    r.css_length("height", "720px"),
                )
            }
        };
        r.finish(match (client_id, redirect_uri, issuer) {
            (Some(client_id), Some(redirect_uri), Some(issuer)) => Some(Self {
                client_id,
                redirect_uri,
                scope,
                theme,
                issuer,
                extra_params,
                challenge,
                state: app_state.unwrap_or_else(new_state),
                width,
                height,
                popup,
                fedcm,
            }),
            _ => None,
        })
    }

    /// `{issuer}/signin?client_id&redirect_uri&scope&embed=1&theme[&extra…][&code_challenge][&code_challenge_method][&nonce]&state`;
    /// an `extraParams.state` stays where the app put it and is not repeated.
    pub fn authorize_url(&self) -> WebUrl {
        let mut params: Vec<(&str, &str)> = vec![
            ("client_id", &self.client_id),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("scope", &self.scope),
            ("embed", "1"),
            ("theme", &self.theme),
        ];
        for (k, v) in &self.extra_params {
            params.push((k, v));
        }
        match &self.challenge {
            Challenge::None => {}
            Challenge::App { challenge, method } => {
                params.push(("code_challenge", challenge));
                if let Some(m) = method {
                    params.push(("code_challenge_method", m));
                }
            }
            Challenge::Sdk(pkce) => {
                params.push(("code_challenge", &pkce.challenge));
                params.push(("code_challenge_method", crate::pkce::Pkce::METHOD));
                params.push(("nonce", &pkce.nonce));
            }
        }
        if !self.extra_params.iter().any(|(k, _)| k == "state") {
            params.push(("state", &self.state));
        }
        self.issuer.page("/signin", &params)
    }

    /// `startAveAuth`'s default client id: `origin:` + the origin of `redirectUri`.
    pub fn derived_client_id<S: OptionSource + ?Sized>(
        source: &S,
        page_origin: &str,
    ) -> Option<String> {
        if !matches!(source.value("clientId"), RawValue::Absent) {
            return None;
        }
        let origin = match source.value("redirectUri") {
            // Only http(s) URLs parse, so the origin is never opaque ("null").
            RawValue::Str(s) => WebUrl::parse(&s).ok().map(|u| u.origin()),
            _ => None,
        }
        .unwrap_or_else(|| page_origin.to_owned());
        Some(["origin:", &origin].concat())
    }
}

/// Validated options of `openAveSigningSheet` / `openAveSigningPopup`.
#[derive(Clone, Debug, PartialEq)]
pub struct SigningOptions {
    /// `requestId`.
    pub request_id: String,
    /// `issuer`.
    pub issuer: Issuer,
    /// `width` / `height` of `openAveSigningPopup` (default 500 × 600).
    pub popup: PopupSize,
}

impl SigningOptions {
    /// Validates signing options.
    pub fn read<S: OptionSource + ?Sized>(source: &S, entry: &Entry) -> Result<Self, OptionError> {
        let r = OptionReader::new(source, entry);
        let request_id = r.required_str("requestId");
        let issuer = r.issuer();
        let popup = r.popup_size(500, 600);
        r.callbacks(SIGNING_CALLBACKS);
        r.finish(match (request_id, issuer) {
            (Some(request_id), Some(issuer)) => Some(Self {
                request_id,
                issuer,
                popup,
            }),
            _ => None,
        })
    }

    /// `{issuer}/sign?requestId&embed=1&parent_origin`: without
    /// `parent_origin` (the page's origin) the live issuer posts the
    /// signature to `"*"` (docs/protocol.md#signing-page).
    pub fn sign_url(&self, page_origin: &str) -> WebUrl {
        self.issuer.page(
            "/sign",
            &[
                ("requestId", &self.request_id),
                ("embed", "1"),
                ("parent_origin", page_origin),
            ],
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The table's row for `name`.
    pub fn e(name: &str) -> &'static Entry {
        crate::entries::by_name(name).unwrap()
    }

    /// Options as a map, for host tests.
    #[derive(Default)]
    pub struct Map(pub HashMap<&'static str, RawValue>);

    impl Map {
        pub fn with(mut self, k: &'static str, v: RawValue) -> Self {
            self.0.insert(k, v);
            self
        }
        pub fn s(self, k: &'static str, v: &str) -> Self {
            self.with(k, RawValue::Str(v.to_owned()))
        }
    }

    impl OptionSource for Map {
        fn value(&self, name: &'static str) -> RawValue {
            self.0.get(name).cloned().unwrap_or(RawValue::Absent)
        }
    }

    fn seed() -> Map {
        Map::default()
            .s("clientId", "YOUR_CLIENT_ID")
            .s("redirectUri", "https://yourapp.com/connector/callback")
            .s("resource", "calendar:google")
            .s("scope", "calendar.read calendar.write")
    }

    fn read(m: &Map) -> Result<ConnectorOptions, OptionError> {
        ConnectorOptions::read(m, e("openAveConnectorSheet"), || "generated".into())
    }

    #[test]
    fn seed_example_builds_the_connect_url_in_order() {
        let o = read(&seed()).unwrap();
        assert_eq!(
            o.authorize_url().as_str(),
            "https://aveid.net/connect?client_id=YOUR_CLIENT_ID\
             &redirect_uri=https%3A%2F%2Fyourapp.com%2Fconnector%2Fcallback\
             &resource=calendar%3Agoogle&scope=calendar.read+calendar.write\
             &mode=user_present&embed=1&state=generated"
        );
    }

    #[test]
    fn defaults() {
        let m = Map::default()
            .s("clientId", "c")
            .s("redirectUri", "http://localhost:8080/cb")
            .s("resource", "r");
        let o = read(&m).unwrap();
        assert_eq!(o.scope, "resource.access");
        assert_eq!(o.mode, ConnectorMode::UserPresent);
        assert_eq!(o.issuer.origin(), "https://aveid.net");
        assert_eq!(o.timeout_ms, 15_000);
    }

    #[test]
    fn given_state_mode_issuer_timeout_are_used() {
        let m = seed()
            .s("state", "s1")
            .s("mode", "background")
            .s("issuer", "http://127.0.0.1:8081/")
            .with("timeoutMs", RawValue::Number(250.0));
        let o = read(&m).unwrap();
        assert_eq!(o.state, "s1");
        assert_eq!(o.mode, ConnectorMode::Background);
        assert_eq!(o.timeout_ms, 250);
        assert!(o
            .authorize_url()
            .as_str()
            .starts_with("http://127.0.0.1:8081/connect?"));
    }

    #[test]
    fn bad_options_name_the_option() {
        let cases: Vec<(Map, &str)> = vec![
            (seed().with("clientId", RawValue::Absent), "clientId"),
            (seed().with("clientId", RawValue::Number(1.0)), "clientId"),
            (seed().s("clientId", ""), "clientId"),
            (
                seed().s("redirectUri", "javascript:alert(1)"),
                "redirectUri",
            ),
            (
                seed().s("redirectUri", "http://evil.example/cb"),
                "redirectUri",
            ),
            (seed().with("resource", RawValue::Other), "resource"),
            (seed().s("mode", "silent"), "mode"),
            (seed().s("issuer", "ftp://aveid.net"), "issuer"),
            (
                seed().with("timeoutMs", RawValue::Number(f64::NAN)),
                "timeoutMs",
            ),
            (
                seed().with("timeoutMs", RawValue::Str("5".into())),
                "timeoutMs",
            ),
            (
                seed().with("onSuccess", RawValue::Str("x".into())),
                "onSuccess",
            ),
            (seed().with("onClose", RawValue::Other), "onClose"),
        ];
        for (m, option) in cases {
            let e = read(&m).unwrap_err();
            assert_eq!(e.option, option);
            assert!(e.to_string().starts_with("openAveConnectorSheet: option `"));
        }
    }

    #[test]
    fn the_first_bad_option_in_reading_order_is_named() {
        // Reading goes on after a problem (OptionReader::finish); the error
        // is still the first one, as when reading stopped there.
        let m = seed()
            .with("onClose", RawValue::Other)
            .s("mode", "silent")
            .with("timeoutMs", RawValue::Number(-1.0))
            .s("redirectUri", "http://evil.example/cb");
        assert_eq!(read(&m).unwrap_err().option, "redirectUri");
        let m = seed()
            .with("onClose", RawValue::Other)
            .with("timeoutMs", RawValue::Number(-1.0));
        assert_eq!(read(&m).unwrap_err().option, "timeoutMs");
        // A required option absent, then a bad one: the absent one.
        let m = seed()
            .with("clientId", RawValue::Absent)
            .s("issuer", "ftp://aveid.net");
        let e = read(&m).unwrap_err();
        assert_eq!((e.option, e.problem), ("clientId", Problem::Missing));
    }

    #[test]
    fn unreadable_and_too_long_values_are_their_own_problem() {
        // Unreadable: options of every kind alike.
        for option in ["clientId", "scope", "timeoutMs", "onClose"] {
            let e = read(&seed().with(option, RawValue::Unreadable)).unwrap_err();
            assert_eq!((e.option, e.problem), (option, Problem::Unreadable));
        }
        // Too long: a string option; where no string is expected, a wrong type.
        for (option, problem) in [
            ("clientId", Problem::TooLong),
            ("scope", Problem::TooLong),
            ("timeoutMs", Problem::WrongType("a number")),
            ("onClose", Problem::WrongType("a function")),
        ] {
            let e = read(&seed().with(option, RawValue::TooLong)).unwrap_err();
            assert_eq!((e.option, e.problem), (option, problem));
        }
        let e = signin(
            &signin_base().with("extraParams", RawValue::TooLong),
            SignInSurface::Sheet,
        )
        .unwrap_err();
        assert!(e
            .to_string()
            .ends_with("`extraParams` is too long (at most 16384 characters)"));
    }

    #[test]
    fn a_container_of_another_document_is_refused() {
        let ok = || Map::default().s("delegatedToken", "t");
        let e = runtime(&ok().with("container", RawValue::ForeignElement), false).unwrap_err();
        assert_eq!(e.option, "container");
        assert!(e.to_string().contains("this page's document"));
        let inline = signin_base().with("container", RawValue::ForeignElement);
        assert_eq!(
            signin(&inline, SignInSurface::Inline).unwrap_err().option,
            "container"
        );
        let e = signin(
            &signin_base().with("container", RawValue::Unreadable),
            SignInSurface::Inline,
        )
        .unwrap_err();
        assert_eq!((e.option, e.problem), ("container", Problem::Unreadable));
    }

    #[test]
    fn debug_redacts_state_and_raw_strings() {
        let o = read(&seed().s("state", "very-secret")).unwrap();
        assert!(!format!("{o:?}").contains("very-secret"));
        assert!(!format!("{:?}", RawValue::Str("tok".into())).contains("tok"));
    }

    fn runtime(m: &Map, iris: bool) -> Result<RuntimeOptions, OptionError> {
        let defaults = if iris {
            RuntimeDefaults {
                fixed_target: Some("iris"),
                target_origin: Some("https://irischat.app"),
            }
        } else {
            RuntimeDefaults {
                fixed_target: None,
                target_origin: None,
            }
        };
        RuntimeOptions::read(m, e("openAveConnectorRuntime"), &defaults)
    }

    #[test]
    fn runtime_seed_example() {
        let m = Map::default()
            .s("delegatedToken", "DELEGATED_TOKEN")
            .s("target", "iris")
            .s("targetOrigin", "https://irischat.app")
            .s("mode", "user_present");
        let o = runtime(&m, false).unwrap();
        assert_eq!(
            o.runtime_url().as_str(),
            "https://aveid.net/connect/runtime?target=iris&mode=user_present"
        );
        assert_eq!(o.target_origin.as_deref(), Some("https://irischat.app"));
        assert_eq!(
            (o.width.as_str(), o.height.as_str(), o.timeout_ms),
            ("100%", "640px", 15_000)
        );
        assert!(!o.in_container);
        assert!(!format!("{o:?}").contains("DELEGATED_TOKEN"));
        assert!(!o.runtime_url().as_str().contains("DELEGATED_TOKEN"));
    }

    #[test]
    fn runtime_defaults_and_iris() {
        let m = Map::default().s("delegatedToken", "t");
        let o = runtime(&m, false).unwrap();
        assert_eq!(o.target, "resource");
        assert_eq!(o.target_origin, None);
        let iris = runtime(&m.s("target", "other"), true).unwrap();
        assert_eq!(iris.target, "iris");
        assert_eq!(iris.target_origin.as_deref(), Some("https://irischat.app"));
    }

    #[test]
    fn runtime_sizes_and_container() {
        let m = Map::default()
            .s("delegatedToken", "t")
            .with("container", RawValue::Element)
            .with("width", RawValue::Number(320.0))
            .s("height", "50vh");
        let o = runtime(&m, false).unwrap();
        assert!(o.in_container);
        assert_eq!((o.width.as_str(), o.height.as_str()), ("320px", "50vh"));
    }

    #[test]
    fn runtime_bad_options_name_the_option() {
        let ok = || Map::default().s("delegatedToken", "t");
        let cases: Vec<(Map, &str)> = vec![
            (Map::default(), "delegatedToken"),
            (ok().s("delegatedToken", ""), "delegatedToken"),
            (
                ok().with("delegatedToken", RawValue::Number(1.0)),
                "delegatedToken",
            ),
            (ok().s("targetOrigin", "*"), "targetOrigin"),
            (
                ok().s("targetOrigin", "https://irischat.app/path"),
                "targetOrigin",
            ),
            (
                ok().s("targetOrigin", "http://irischat.app"),
                "targetOrigin",
            ),
            (ok().s("target", "a b"), "target"),
            (ok().s("target", "x".repeat(65).as_str()), "target"),
            (ok().with("container", RawValue::Other), "container"),
            (
                ok().with("container", RawValue::Str("#id".into())),
                "container",
            ),
            (ok().s("width", "1px;background:red"), "width"),
            (ok().with("height", RawValue::Number(-1.0)), "height"),
            (ok().with("onEvent", RawValue::Str("x".into())), "onEvent"),
            (ok().with("onReady", RawValue::Other), "onReady"),
        ];
        for (m, option) in cases {
            let e = runtime(&m, false).unwrap_err();
            assert_eq!(e.option, option);
            assert!(!e.to_string().contains("delegatedToken\": \"t"));
        }
    }

    fn pkce() -> crate::pkce::Pkce {
        crate::pkce::Pkce::from_random(&[1; 32], &[2; 24])
    }

    fn signin(m: &Map, surface: SignInSurface) -> Result<SignInOptions, OptionError> {
        SignInOptions::read(m, e("openAveSheet"), surface, None, pkce, || {
            "st".to_owned()
        })
    }

    fn signin_base() -> Map {
        Map::default()
            .s("clientId", "app")
            .s("redirectUri", "https://yourapp.com/callback")
    }

    #[test]
    fn signin_url_order_and_defaults() {
        let o = signin(&signin_base(), SignInSurface::Sheet).unwrap();
        assert_eq!(
            o.authorize_url().as_str(),
            "https://aveid.net/signin?client_id=app&redirect_uri=https%3A%2F%2Fyourapp.com%2Fcallback\
             &scope=openid+profile+email&embed=1&theme=dark&state=st"
        );
        assert_eq!(o.state, "st");
    }

    #[test]
    fn signin_extra_params_and_app_challenge() {
        let m = signin_base()
            .with(
                "extraParams",
                RawValue::StrMap(vec![
                    ("prompt".into(), "login".into()),
                    ("ui_locales".into(), "fr de".into()),
                ]),
            )
            .s("codeChallenge", "abc")
            .s("codeChallengeMethod", "S256")
            .s("theme", "light");
        let o = signin(&m, SignInSurface::Sheet).unwrap();
        assert_eq!(
            o.authorize_url().query(),
            Some("client_id=app&redirect_uri=https%3A%2F%2Fyourapp.com%2Fcallback&scope=openid+profile+email&embed=1\
                  &theme=light&prompt=login&ui_locales=fr+de&code_challenge=abc&code_challenge_method=S256&state=st")
        );
    }

    #[test]
    fn signin_state_is_last_after_the_nonce() {
        let o = signin(
            &signin_base().with("onTokens", RawValue::Function),
            SignInSurface::Popup,
        )
        .unwrap();
        let keys: Vec<String> = o
            .authorize_url()
            .query_pairs()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            keys,
            [
                "client_id",
                "redirect_uri",
                "scope",
                "embed",
                "theme",
                "code_challenge",
                "code_challenge_method",
                "nonce",
                "state"
            ]
        );
    }

    #[test]
    fn signin_app_state_from_extra_params_is_used_where_it_is_and_not_repeated() {
        let m = signin_base().with(
            "extraParams",
            RawValue::StrMap(vec![
                ("prompt".into(), "login".into()),
                ("state".into(), "app state/1".into()),
                ("ui_locales".into(), "fr".into()),
            ]),
        );
        let generated = Cell::new(false);
        let o = SignInOptions::read(
            &m,
            e("openAveSheet"),
            SignInSurface::Sheet,
            None,
            pkce,
            || {
                generated.set(true);
                "st".to_owned()
            },
        )
        .unwrap();
        assert!(
            !generated.get(),
            "no state generated when the app gives one"
        );
        assert_eq!(o.state, "app state/1");
        assert_eq!(
            o.authorize_url().query(),
            Some("client_id=app&redirect_uri=https%3A%2F%2Fyourapp.com%2Fcallback&scope=openid+profile+email&embed=1\
                  &theme=dark&prompt=login&state=app+state%2F1&ui_locales=fr")
        );
    }

    #[test]
    fn signin_debug_redacts_the_state() {
        let m = signin_base().with(
            "extraParams",
            RawValue::StrMap(vec![("state".into(), "very-secret-state".into())]),
        );
        let o = signin(&m, SignInSurface::Sheet).unwrap();
        assert!(!format!("{o:?}").contains("very-secret-state"));
        let generated = signin(&signin_base(), SignInSurface::Sheet).unwrap();
        assert!(!format!("{generated:?}").contains("\"st\""));
    }

    #[test]
    fn signin_on_tokens_uses_sdk_pkce_and_nonce() {
        let m = signin_base()
            .with("onTokens", RawValue::Function)
            .s("codeChallenge", "ignored");
        let o = signin(&m, SignInSurface::Popup).unwrap();
        let p = pkce();
        let url = o.authorize_url();
        let q: Vec<(String, String)> = url.query_pairs();
        assert!(q.contains(&("code_challenge".into(), p.challenge.clone())));
        assert!(q.contains(&("code_challenge_method".into(), "S256".into())));
        assert!(q.contains(&("nonce".into(), p.nonce.clone())));
        assert!(
            !url.as_str().contains(&p.verifier),
            "the verifier never leaves"
        );
        assert_eq!(
            o.popup,
            PopupSize {
                width: 450,
                height: 650
            }
        );
    }

    /// `fedcm: true` asks the account chooser only for a sheet with
    /// `onTokens`; it is a boolean where it is read, and not read elsewhere.
    #[test]
    fn signin_fedcm_is_for_a_sheet_with_on_tokens() {
        let tokens = || signin_base().with("onTokens", RawValue::Function);
        let fedcm = |m: &Map, surface| signin(m, surface).map(|o| o.fedcm);
        let on = tokens().with("fedcm", RawValue::Bool(true));
        assert_eq!(fedcm(&on, SignInSurface::Sheet), Ok(true));
        assert_eq!(fedcm(&on, SignInSurface::Popup), Ok(false));
        let no_tokens = signin_base().with("fedcm", RawValue::Bool(true));
        assert_eq!(fedcm(&no_tokens, SignInSurface::Sheet), Ok(false));
        let off = tokens().with("fedcm", RawValue::Bool(false));
        assert_eq!(fedcm(&off, SignInSurface::Sheet), Ok(false));
        let wrong = tokens().with("fedcm", RawValue::Str("yes".into()));
        let err = signin(&wrong, SignInSurface::Sheet).unwrap_err();
        assert_eq!(err.option, "fedcm");
        assert!(
            signin(&wrong, SignInSurface::Popup).is_ok(),
            "not read for a popup"
        );
    }

    #[test]
    fn signin_popup_size_is_read_for_the_popup_only() {
        let m = signin_base()
            .with("width", RawValue::Number(300.0))
            .with("height", RawValue::Number(500.4));
        let size = |surface| signin(&m, surface).unwrap().popup;
        assert_eq!(
            size(SignInSurface::Popup),
            PopupSize {
                width: 300,
                height: 500
            }
        );
        assert_eq!(
            size(SignInSurface::Sheet),
            PopupSize {
                width: 450,
                height: 650
            }
        );
    }

    #[test]
    fn signin_bad_options() {
        let cases: Vec<(Map, SignInSurface, &str)> = vec![
            (
                signin_base().with("extraParams", RawValue::Other),
                SignInSurface::Sheet,
                "extraParams",
            ),
            (
                signin_base().with(
                    "extraParams",
                    RawValue::StrMap(vec![("redirect_uri".into(), "x".into())]),
                ),
                SignInSurface::Sheet,
                "extraParams",
            ),
            (
                signin_base().with(
                    "extraParams",
                    RawValue::StrMap(vec![("state".into(), " ".into())]),
                ),
                SignInSurface::Sheet,
                "extraParams",
            ),
            (
                signin_base().with(
                    "extraParams",
                    RawValue::StrMap(vec![
                        ("state".into(), "a".into()),
                        ("state".into(), "b".into()),
                    ]),
                ),
                SignInSurface::Sheet,
                "extraParams",
            ),
            (
                signin_base().with(
                    "extraParams",
                    RawValue::StrMap(vec![("nonce".into(), "n".into())]),
                ),
                SignInSurface::Sheet,
                "extraParams",
            ),
            (
                signin_base().s("codeChallengeMethod", "S256"),
                SignInSurface::Sheet,
                "codeChallengeMethod",
            ),
            (
                signin_base()
                    .s("codeChallenge", "c")
                    .s("codeChallengeMethod", "MD5"),
                SignInSurface::Sheet,
                "codeChallengeMethod",
            ),
            (
                signin_base().with("onTokens", RawValue::Str("x".into())),
                SignInSurface::Sheet,
                "onTokens",
            ),
            (signin_base(), SignInSurface::Inline, "container"),
            (
                signin_base().with("width", RawValue::Str("wide".into())),
                SignInSurface::Popup,
                "width",
            ),
            (
                signin_base()
                    .with("container", RawValue::Element)
                    .s("height", "1px;x"),
                SignInSurface::Inline,
                "height",
            ),
            (
                signin_base().s("redirectUri", "http://yourapp.com/cb"),
                SignInSurface::Sheet,
                "redirectUri",
            ),
        ];
        for (m, surface, option) in cases {
            assert_eq!(signin(&m, surface).unwrap_err().option, option);
        }
    }

    #[test]
    fn start_auth_derives_client_id() {
        let m = Map::default().s("redirectUri", "https://yourapp.com:8443/cb");
        assert_eq!(
            SignInOptions::derived_client_id(&m, "https://page.example").as_deref(),
            Some("origin:https://yourapp.com:8443")
        );
        let no_uri = Map::default();
        assert_eq!(
            SignInOptions::derived_client_id(&no_uri, "https://page.example").as_deref(),
            Some("origin:https://page.example")
        );
        assert_eq!(
            SignInOptions::derived_client_id(&signin_base(), "https://page.example"),
            None
        );
    }

    #[test]
    fn signing_url_and_options() {
        let m = Map::default().s("requestId", "req 1");
        let o = SigningOptions::read(&m, e("openAveSigningSheet")).unwrap();
        assert_eq!(
            o.sign_url("https://app.example:8443").as_str(),
            "https://aveid.net/sign?requestId=req+1&embed=1&parent_origin=https%3A%2F%2Fapp.example%3A8443"
        );
        assert_eq!(
            SigningOptions::read(&Map::default(), e("openAveSigningSheet"))
                .unwrap_err()
                .option,
            "requestId"
        );
        assert_eq!(
            (o.popup.width, o.popup.height),
            (500, 600),
            "0.6.0's default size"
        );
        // `width` / `height` size the popups; the sheets have no such options and ignore them.
        let sized = Map::default()
            .s("requestId", "r")
            .with("width", RawValue::Number(640.0))
            .s("height", "tall");
        let sheet = SigningOptions::read(&sized, e("openAveSigningSheet")).unwrap();
        assert_eq!((sheet.popup.width, sheet.popup.height), (500, 600));
        assert_eq!(
            SigningOptions::read(&sized, e("openAveSigningPopup"))
                .unwrap_err()
                .option,
            "height"
        );
        let popup = SigningOptions::read(
            &Map::default()
                .s("requestId", "r")
                .with("width", RawValue::Number(640.0)),
            e("openAveSigningPopup"),
        )
        .unwrap();
        assert_eq!((popup.popup.width, popup.popup.height), (640, 600));
        let connector = ConnectorOptions::read(
            &Map::default()
                .s("clientId", "c")
                .s("redirectUri", "https://a.example/cb")
                .s("resource", "r")
                .with("height", RawValue::Number(800.0)),
            e("openAveConnectorPopup"),
            || "s".to_owned(),
        )
        .unwrap();
        assert_eq!((connector.popup.width, connector.popup.height), (460, 800));
        let bad = Map::default()
            .s("requestId", "r")
            .with("onSigned", RawValue::Number(1.0));
        assert_eq!(
            SigningOptions::read(&bad, e("openAveSigningPopup"))
                .unwrap_err()
                .option,
            "onSigned"
        );
    }
}
