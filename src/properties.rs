//! Property tests of the pure core (host only, `cargo test`): URL
//! building round-trips, parsers that never panic, idempotent origin
//! normalisation, and redirect / state validation that accepts exactly what
//! it should. They sit inside the crate because what they test is private.
//! A failure found here is kept in `proptest-regressions/properties.txt`
//! (proptest's place for a test in `src/`) and replayed first.

use crate::prelude::*;
use std::collections::HashMap;

use crate::encoding::{base64url, base64url_decode};
use crate::entries::by_name;
use crate::error::ErrorCode;
use crate::options::{ConnectorOptions, OptionSource, RawValue, SignInOptions, SignInSurface};
use crate::pkce::{jwt_payload, Pkce};
use crate::protocol::{MessageKind, RedirectCheck, SuccessPayload};
use crate::urls::{parse_bare_origin, parse_web_url, Issuer, WebUrl};
use proptest::prelude::*;
use url::Url;

struct Map(HashMap<&'static str, RawValue>);

impl OptionSource for Map {
    fn value(&self, name: &'static str) -> RawValue {
        self.0.get(name).cloned().unwrap_or(RawValue::Absent)
    }
}

/// Any non-blank string, biased towards the characters that break query strings.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{1,40}",
        "[&=#%+? /;:@\\\\\"'<>]{1,12}",
        "\\PC{1,20}",
        Just("a b&c=d#e%f".to_owned()),
        Just("日本語 ✓ emoji 🎉".to_owned()),
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// Query pairs as the `url` crate (the WHATWG oracle) decodes them.
fn pairs(url: &str) -> HashMap<String, String> {
    Url::parse(url)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

/// Strings shaped like the URLs the SDK meets: schemes, credentials, hosts
/// (names, IPv4, IPv6, upper case), ports, paths, queries and fragments with
/// characters that need escaping.
fn url_like() -> impl Strategy<Value = String> {
    let pick = |options: &'static [&'static str]| {
        proptest::sample::select(options).prop_map(str::to_owned)
    };
    (
        pick(&[
            "https://",
            "http://",
            "HTTPS://",
            "javascript:",
            "data:",
            "ftp://",
            "",
        ]),
        pick(&["", "user@", "u:p@", ":@"]),
        prop_oneof![
            pick(&[
                "aveid.net",
                "LOCALHOST",
                "127.0.0.1",
                "[::1]",
                "[0:0::1]",
                "2130706433",
                "a.b-c.example"
            ]),
            "[a-z0-9.-]{0,12}",
        ],
        pick(&["", ":443", ":80", ":8080", ":", ":99999"]),
        "(/[a-zA-Z0-9._~%!$&'()*+,;=:@ <>\\\\-]{0,8}){0,3}",
        proptest::option::of("[a-z0-9=&%+ #?/:.-]{0,16}"),
        proptest::option::of("[a-z0-9=&%+ ?/#-]{0,8}"),
    )
        .prop_map(|(scheme, userinfo, host, port, path, query, fragment)| {
            let mut s = format!("{scheme}{userinfo}{host}{port}{path}");
            if let Some(q) = query {
                s.push('?');
                s.push_str(&q);
            }
            if let Some(f) = fragment {
                s.push('#');
                s.push_str(&f);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn connector_options_survive_the_url(client_id in value(), resource in value(), scope in value(), state in value()) {
        let m = Map(HashMap::from([
            ("clientId", RawValue::Str(client_id.clone())),
            ("redirectUri", RawValue::Str("https://yourapp.com/cb?x=1&y=%20".into())),
            ("resource", RawValue::Str(resource.clone())),
            ("scope", RawValue::Str(scope.clone())),
            ("state", RawValue::Str(state.clone())),
        ]));
        let o = ConnectorOptions::read(&m, by_name("openAveConnectorSheet").unwrap(), || unreachable!()).unwrap();
        let built = o.authorize_url();
        let url = Url::parse(built.as_str()).unwrap();
        prop_assert_eq!(url.as_str(), built.as_str(), "already in WHATWG serialized form");
        let q = pairs(built.as_str());
        prop_assert_eq!(&q["client_id"], &client_id);
        prop_assert_eq!(&q["resource"], &resource);
        prop_assert_eq!(&q["scope"], &scope);
        prop_assert_eq!(&q["state"], &state);
        prop_assert_eq!(&q["redirect_uri"], o.redirect_uri.as_str());
        prop_assert_eq!(url.path(), "/connect");
        prop_assert_eq!(url.fragment(), None);
    }

    #[test]
    fn sign_in_extra_params_survive_the_url(key in "[a-z_]{1,12}", val in value(), scope in value()) {
        prop_assume!(!["client_id", "redirect_uri", "scope", "embed", "theme", "code_challenge",
            "code_challenge_method", "nonce", "state", "resource", "mode"].contains(&key.as_str()));
        let m = Map(HashMap::from([
            ("clientId", RawValue::Str("app".into())),
            ("redirectUri", RawValue::Str("https://yourapp.com/cb".into())),
            ("scope", RawValue::Str(scope.clone())),
            ("extraParams", RawValue::StrMap(vec![(key.clone(), val.clone())])),
            ("onTokens", RawValue::Function),
        ]));
        let pkce = Pkce::from_random(&[3; 32], &[4; 24]);
        let o = SignInOptions::read(&m, by_name("openAveSheet").unwrap(), SignInSurface::Sheet, None, || pkce.clone(), || "gen".to_owned()).unwrap();
        let q = pairs(o.authorize_url().as_str());
        prop_assert_eq!(&q[key.as_str()], &val);
        prop_assert_eq!(&q["scope"], &scope);
        prop_assert_eq!(&q["nonce"], &pkce.nonce);
        let last = Url::parse(o.authorize_url().as_str()).unwrap().query_pairs().into_owned().last();
        prop_assert_eq!(last, Some(("state".to_owned(), "gen".to_owned())), "state last");
    }

    #[test]
    fn sign_in_app_state_is_sent_once_and_checked(key in "[a-z_]{1,12}", val in value(), state in value(), other in value()) {
        prop_assume!(!["client_id", "redirect_uri", "scope", "embed", "theme", "code_challenge",
            "code_challenge_method", "nonce", "state", "resource", "mode"].contains(&key.as_str()));
        let m = Map(HashMap::from([
            ("clientId", RawValue::Str("app".into())),
            ("redirectUri", RawValue::Str("https://yourapp.com/cb".into())),
            ("extraParams", RawValue::StrMap(vec![("state".into(), state.clone()), (key.clone(), val.clone())])),
        ]));
        let o = SignInOptions::read(&m, by_name("openAveSheet").unwrap(), SignInSurface::Sheet, None, || unreachable!(), || unreachable!()).unwrap();
        let url = Url::parse(o.authorize_url().as_str()).unwrap();
        let states: Vec<String> = url.query_pairs().filter(|(k, _)| k == "state").map(|(_, v)| v.into_owned()).collect();
        prop_assert_eq!(states, vec![state.clone()]);
        prop_assert_eq!(&pairs(url.as_str())[key.as_str()], &val);
        // The issuer's redirect with that state passes; any other state, none or two do not.
        let check = RedirectCheck { redirect_uri: o.redirect_uri.clone(), state: o.state.clone() };
        let check = |url: &str| check.verify(url).map(drop);
        let mut back = Url::parse("https://yourapp.com/cb").unwrap();
        back.query_pairs_mut().append_pair("code", "c").append_pair("state", &state);
        prop_assert_eq!(check(back.as_str()), Ok(()));
        back.query_pairs_mut().append_pair("state", &state);
        prop_assert_eq!(check(back.as_str()), Err(ErrorCode::StateMismatch));
        prop_assert_eq!(check("https://yourapp.com/cb?code=c"), Err(ErrorCode::StateMismatch));
        if other != state {
            let mut wrong = Url::parse("https://yourapp.com/cb").unwrap();
            wrong.query_pairs_mut().append_pair("code", "c").append_pair("state", &other);
            prop_assert_eq!(check(wrong.as_str()), Err(ErrorCode::StateMismatch));
        }
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,200}") {
        let _ = MessageKind::from_type(&s);
        let _ = serde_json::from_str::<SuccessPayload>(&s);
        let _ = parse_web_url(&s);
        let _ = parse_bare_origin(&s);
        let _ = Issuer::parse(&s);
        let _ = jwt_payload(&s);
        let _ = base64url_decode(&s);
        let uri = WebUrl::parse("https://yourapp.com/cb").unwrap();
        let _ = RedirectCheck { redirect_uri: uri, state: "s".into() }.verify(&s);
    }

    #[test]
    fn arbitrary_json_messages_never_panic(json in arbitrary_json(3)) {
        let text = json.to_string();
        let _ = serde_json::from_str::<SuccessPayload>(&text);
        if let Some(t) = json.get("type").and_then(|t| t.as_str()) {
            let _ = MessageKind::from_type(t);
        }
    }

    #[test]
    fn origin_normalisation_is_idempotent(host in "[a-z]{1,10}(\\.[a-z]{2,5}){1,2}", port in proptest::option::of(1u16..), slash in any::<bool>()) {
        let input = format!("https://{host}{}{}", port.map(|p| format!(":{p}")).unwrap_or_default(), if slash { "/" } else { "" });
        let once = parse_bare_origin(&input).unwrap();
        prop_assert_eq!(parse_bare_origin(&once).unwrap(), once.clone());
        let issuer = Issuer::parse(&input).unwrap();
        prop_assert_eq!(issuer.origin(), once.as_str());
        let again = Issuer::parse(issuer.origin()).unwrap();
        prop_assert_eq!(again.origin(), issuer.origin());
    }

    #[test]
    fn redirect_check_accepts_exactly_the_right_redirects(
        path in "(/[a-z0-9]{1,8}){1,3}", code in value(), state in value(), other in value(),
    ) {
        let uri = WebUrl::parse(&format!("https://yourapp.com{path}")).unwrap();
        let with = |base: &str, state: &str| {
            let mut u = Url::parse(base).unwrap();
            u.query_pairs_mut().append_pair("code", &code).append_pair("state", state);
            u.to_string()
        };
        let check = RedirectCheck { redirect_uri: uri.clone(), state: state.clone() };
        let check = |url: &str| check.verify(url).map(drop);
        prop_assert_eq!(check(&with(uri.as_str(), &state)), Ok(()));
        if other != state {
            prop_assert_eq!(check(&with(uri.as_str(), &other)), Err(ErrorCode::StateMismatch));
        }
        prop_assert_eq!(check(&with(&format!("https://evil.example{path}"), &state)), Err(ErrorCode::InvalidRedirect));
        prop_assert_eq!(check(&with(&format!("https://yourapp.com{path}x"), &state)), Err(ErrorCode::InvalidRedirect));
        prop_assert_eq!(check(&with(&format!("http://yourapp.com{path}"), &state)), Err(ErrorCode::InvalidRedirect));
    }

    #[test]
    fn web_url_agrees_with_the_whatwg_parser(input in url_like()) {
        let oracle = Url::parse(&input).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
        match (WebUrl::parse(&input), oracle) {
            (Ok(ours), Some(u)) => {
                prop_assert_eq!(ours.as_str(), u.as_str());
                prop_assert_eq!(ours.scheme(), u.scheme());
                prop_assert_eq!(ours.host(), u.host_str().unwrap_or_default());
                prop_assert_eq!(ours.has_credentials(), !u.username().is_empty() || u.password().is_some());
                prop_assert_eq!(ours.origin(), u.origin().ascii_serialization());
                prop_assert_eq!(ours.path(), u.path());
                prop_assert_eq!(ours.query(), u.query());
                prop_assert_eq!(ours.fragment(), u.fragment());
                let theirs: Vec<(String, String)> = u.query_pairs().into_owned().collect();
                prop_assert_eq!(ours.query_pairs(), theirs);
            }
            (Err(_), None) => {}
            (ours, theirs) => prop_assert!(false, "{input:?}: ours {ours:?}, url crate {theirs:?}"),
        }
    }

    #[test]
    fn query_values_are_encoded_like_url_search_params(value in value()) {
        let url = Issuer::parse("https://aveid.net").unwrap().page("/p", &[("k", &value)]);
        let expected = format!("k={}", url::form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>());
        prop_assert_eq!(url.query(), Some(expected.as_str()));
    }

    #[test]
    fn query_pairs_decode_like_the_whatwg_parser(query in "[a-z=&%+ 0-9A-F\\x{e9}\\x{1F389}]{0,40}") {
        let ours = WebUrl::parse(&format!("https://a.example/?{query}")).unwrap();
        let theirs: Vec<(String, String)> = url::form_urlencoded::parse(ours.query().unwrap().as_bytes()).into_owned().collect();
        prop_assert_eq!(ours.query_pairs(), theirs);
    }

    #[test]
    fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let text = base64url(&bytes);
        prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(base64url_decode(&text).unwrap(), bytes);
    }
}

fn arbitrary_json(depth: u32) -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        "\\PC{0,30}".prop_map(serde_json::Value::String),
        prop_oneof![
            Just("ave:success"),
            Just("ave:error"),
            Just("__proto__"),
            Just("constructor")
        ]
        .prop_map(|s| serde_json::Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(depth, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::hash_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("payload".to_owned()),
                    Just("redirectUrl".to_owned()),
                    "[a-z_]{1,10}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
