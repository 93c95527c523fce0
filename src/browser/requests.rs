//! The Rust API's typed requests. Each builder method sets one option, by
//! its JavaScript name, in an [`OptionBag`]: the bag is what the entry's
//! option reader reads, the same reader as for a JavaScript object, so a
//! Rust caller's options pass exactly the same checks.

use crate::prelude::*;
use core::fmt;

use web_sys::Element;

use crate::options::{ConnectorMode, OptionSource, RawValue};

/// Options set by a Rust caller. Its `Debug` shows their values, but for
/// the secrets (`state`, `extraParams`, `delegatedToken`).
#[derive(Clone, Default)]
pub struct OptionBag(Vec<(&'static str, RawValue)>);

impl OptionBag {
    fn set(mut self, name: &'static str, value: RawValue) -> Self {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, value));
        self
    }

    fn text(self, name: &'static str, value: &str) -> Self {
        self.set(name, RawValue::Str(value.to_owned()))
    }

    fn number(self, name: &'static str, value: u32) -> Self {
        self.set(name, RawValue::Number(f64::from(value)))
    }

    /// A size given as text: a number of pixels when it is one (what a
    /// popup takes), else the CSS length (what an inline frame takes).
    fn size(self, name: &'static str, value: &str) -> Self {
        let raw = value
            .parse::<f64>()
            .map_or_else(|_| RawValue::Str(value.to_owned()), RawValue::Number);
        self.set(name, raw)
    }

    fn mode(self, mode: ConnectorMode) -> Self {
        self.text("mode", mode.as_str())
    }

    fn popup_size(self, width: u32, height: u32) -> Self {
        self.number("width", width).number("height", height)
    }
}

impl OptionSource for OptionBag {
    fn value(&self, name: &'static str) -> RawValue {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(RawValue::Absent, |(_, v)| v.clone())
    }
}

impl fmt::Debug for OptionBag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SECRETS: [&str; 3] = ["state", "extraParams", "delegatedToken"];
        let mut map = f.debug_map();
        for (name, value) in &self.0 {
            match value {
                RawValue::Str(s) if !SECRETS.contains(name) => map.entry(name, s),
                // `RawValue`'s own `Debug` never prints contents.
                _ => map.entry(name, value),
            };
        }
        map.finish()
    }
}

/// What every request is: a bag of options, filled one builder call at a time.
trait Request: Sized {
    fn bag(&mut self) -> &mut OptionBag;

    /// `self` with `set` applied to its options.
    fn with(mut self, set: impl FnOnce(OptionBag) -> OptionBag) -> Self {
        let bag = self.bag();
        *bag = set(core::mem::take(bag));
        self
    }
}

macro_rules! requests {
    ($($t:ty),*) => {$(
        impl Request for $t {
            fn bag(&mut self) -> &mut OptionBag {
                &mut self.options
            }
        }
    )*};
}
requests!(
    ConnectorRequest,
    SignInRequest,
    SigningRequest,
    RuntimeRequest
);

/// A connector authorization request (the fields of the JavaScript
/// options object), validated exactly like the JavaScript options.
#[derive(Clone, Debug, Default)]
pub struct ConnectorRequest {
    pub(crate) options: OptionBag,
}

impl ConnectorRequest {
    /// `clientId`, `redirectUri` and `resource`, the required options.
    pub fn new(client_id: &str, redirect_uri: &str, resource: &str) -> Self {
        Self::default().with(|o| {
            o.text("clientId", client_id)
                .text("redirectUri", redirect_uri)
                .text("resource", resource)
        })
    }

    /// `scope` (default `resource.access`).
    pub fn scope(self, scope: &str) -> Self {
        self.with(|o| o.text("scope", scope))
    }

    /// `mode` (default user present).
    pub fn mode(self, mode: ConnectorMode) -> Self {
        self.with(|o| o.mode(mode))
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(self, issuer: &str) -> Self {
        self.with(|o| o.text("issuer", issuer))
    }

    /// `state` (generated when absent).
    pub fn state(self, state: &str) -> Self {
        self.with(|o| o.text("state", state))
    }

    /// `timeoutMs` of background mode (default 15 000).
    pub fn timeout_ms(self, ms: u32) -> Self {
        self.with(|o| o.number("timeoutMs", ms))
    }

    /// `width` / `height` of the popup in pixels (default 460 × 700).
    pub fn popup_size(self, width: u32, height: u32) -> Self {
        self.with(|o| o.popup_size(width, height))
    }
}

/// A sign-in request (the fields of the JavaScript options).
#[derive(Clone, Debug, Default)]
pub struct SignInRequest {
    pub(crate) options: OptionBag,
    /// `container` (inline embed).
    pub(crate) container: Option<Element>,
}

impl SignInRequest {
    /// `clientId` and `redirectUri`.
    pub fn new(client_id: &str, redirect_uri: &str) -> Self {
        Self::without_client_id(redirect_uri).with(|o| o.text("clientId", client_id))
    }

    /// `startAveAuth` without `clientId` (derived: `origin:` + origin of `redirectUri`).
    pub fn without_client_id(redirect_uri: &str) -> Self {
        Self::default().with(|o| o.text("redirectUri", redirect_uri))
    }

    /// `scope` (default `openid profile email`).
    pub fn scope(self, scope: &str) -> Self {
        self.with(|o| o.text("scope", scope))
    }

    /// `theme` (default `dark`).
    pub fn theme(self, theme: &str) -> Self {
        self.with(|o| o.text("theme", theme))
    }

    /// `fedcm`: a sheet sign-in with `on_tokens` asks the browser's account
    /// chooser first and shows the sheet only where it gives no answer
    /// (README, "One-tap sign-in with FedCM"). Ignored by the other surfaces.
    pub fn fedcm(self, fedcm: bool) -> Self {
        self.with(|o| o.set("fedcm", RawValue::Bool(fedcm)))
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(self, issuer: &str) -> Self {
        self.with(|o| o.text("issuer", issuer))
    }

    /// Your own PKCE challenge, passed through (not used with `on_tokens`).
    pub fn code_challenge(self, challenge: &str, method: Option<&str>) -> Self {
        self.with(|o| {
            let o = o.text("codeChallenge", challenge);
            match method {
                Some(m) => o.text("codeChallengeMethod", m),
                None => o,
            }
        })
    }

    /// One of `extraParams`. `("state", s)` sends your own `state` (checked
    /// in the redirect URL like the one generated when you give none).
    pub fn extra_param(self, key: &str, value: &str) -> Self {
        self.with(|o| {
            let mut all = match o.value("extraParams") {
                RawValue::StrMap(all) => all,
                _ => Vec::new(),
            };
            all.push((key.to_owned(), value.to_owned()));
            o.set("extraParams", RawValue::StrMap(all))
        })
    }

    /// `container` (inline embed).
    pub fn container(mut self, container: Element) -> Self {
        self.container = Some(container);
        self.with(|o| o.set("container", RawValue::Element))
    }

    /// `width`: CSS length inline, pixels for a popup.
    pub fn width(self, width: &str) -> Self {
        self.with(|o| o.size("width", width))
    }

    /// `height`: CSS length inline, pixels for a popup.
    pub fn height(self, height: &str) -> Self {
        self.with(|o| o.size("height", height))
    }

    /// Set from the callbacks: `on_tokens` means the SDK runs PKCE.
    pub(crate) fn with_tokens(self, tokens: bool) -> Self {
        self.with(|o| {
            let value = if tokens {
                RawValue::Function
            } else {
                RawValue::Absent
            };
            o.set("onTokens", value)
        })
    }
}

/// A signing request.
#[derive(Clone, Debug, Default)]
pub struct SigningRequest {
    pub(crate) options: OptionBag,
}

impl SigningRequest {
    /// `requestId`.
    pub fn new(request_id: &str) -> Self {
        Self::default().with(|o| o.text("requestId", request_id))
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(self, issuer: &str) -> Self {
        self.with(|o| o.text("issuer", issuer))
    }

    /// `width` / `height` of the popup in pixels (default 500 × 600).
    pub fn popup_size(self, width: u32, height: u32) -> Self {
        self.with(|o| o.popup_size(width, height))
    }
}

/// A connector runtime request (the fields of the JavaScript options
/// object). `Debug` never prints the token.
#[derive(Clone, Debug, Default)]
pub struct RuntimeRequest {
    pub(crate) options: OptionBag,
    /// `container`: show the frame there instead of hiding it.
    pub(crate) container: Option<Element>,
}

impl RuntimeRequest {
    /// `delegatedToken`, the one required option.
    pub fn new(delegated_token: &str) -> Self {
        Self::default().with(|o| o.text("delegatedToken", delegated_token))
    }

    /// `target` (default `resource`; fixed to `iris` for the Iris runtime).
    pub fn target(self, target: &str) -> Self {
        self.with(|o| o.text("target", target))
    }

    /// `targetOrigin`, a bare origin (default: the page's origin; Iris: `https://irischat.app`).
    pub fn target_origin(self, origin: &str) -> Self {
        self.with(|o| o.text("targetOrigin", origin))
    }

    /// `mode` (default user present).
    pub fn mode(self, mode: ConnectorMode) -> Self {
        self.with(|o| o.mode(mode))
    }

    /// `issuer` (default `https://aveid.net`).
    pub fn issuer(self, issuer: &str) -> Self {
        self.with(|o| o.text("issuer", issuer))
    }

    /// `container`: show the frame there instead of hiding it.
    pub fn container(mut self, container: Element) -> Self {
        self.container = Some(container);
        self.with(|o| o.set("container", RawValue::Element))
    }

    /// `width` as a CSS length (default `100%`).
    pub fn width(self, width: &str) -> Self {
        self.with(|o| o.text("width", width))
    }

    /// `height` as a CSS length (default `640px`).
    pub fn height(self, height: &str) -> Self {
        self.with(|o| o.text("height", height))
    }

    /// `timeoutMs` for `ready` (default 15 000).
    pub fn timeout_ms(self, ms: u32) -> Self {
        self.with(|o| o.number("timeoutMs", ms))
    }
}
