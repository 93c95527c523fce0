//! Browser tests of the DOM shell (wasm-bindgen-test, headless Chromium):
//! `make test`, or `wasm-pack test --headless --chrome` in the repository root.
//! They use the public Rust API only, as an app does; the browser tests of
//! private parts (the browser's `URL` and `TextDecoder` against the host's
//! parsers) are the crate's own (`browser_tests` in `src/urls.rs` and
//! `src/encoding.rs`), run by the same layers with `--lib`.
//!
//! The issuer here is a loopback port where nothing listens, so these tests
//! exercise the SDK's own DOM, listeners, timers and checks; the flows
//! against a real (mock) issuer on another origin are the e2e suite's.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::cell::RefCell;
use std::rc::Rc;

use ave_embed_wasm::{
    mount_sign_in, open_connector_runtime, open_connector_sheet, open_sign_in_sheet,
    open_signing_sheet, Callbacks, ConnectorCallbacks, ConnectorMode, ConnectorRequest, OpenError,
    RuntimeCallbacks, RuntimeRequest, SignInRequest, SigningRequest,
};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const NOWHERE: &str = "http://127.0.0.1:9";

fn request() -> ConnectorRequest {
    ConnectorRequest::new("browser-test", "http://localhost:1/cb", "calendar:google")
        .scope("calendar.read")
        .issuer(NOWHERE)
}

/// Records every callback as a line.
#[derive(Clone, Default)]
struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    fn callbacks(&self) -> ConnectorCallbacks {
        let (a, b, c) = (self.clone(), self.clone(), self.clone());
        ConnectorCallbacks::default()
            .on_success(move |e| a.0.borrow_mut().push(format!("success {}", e.redirect_url)))
            .on_error(move |e| b.0.borrow_mut().push(format!("error {}", e.error)))
            .on_close(move || c.0.borrow_mut().push("close".into()))
    }
    fn lines(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn count(selector: &str) -> u32 {
    document().query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn sheet_is_an_accessible_dialog_and_close_cleans_up() {
    let log = Log::default();
    let sheet = open_connector_sheet(request(), log.callbacks()).unwrap();
    let dialog = document().query_selector("[role=dialog]").unwrap().unwrap();
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert!(dialog.get_attribute("aria-label").unwrap().len() > 3);
    let iframe = sheet.iframe().unwrap();
    assert!(!iframe.title().is_empty());
    assert_eq!(
        iframe.get_attribute("allow").as_deref(),
        Some("publickey-credentials-get")
    );
    assert!(iframe
        .src()
        .starts_with("http://127.0.0.1:9/connect?client_id=browser-test&"));
    // Focus moves in at the next animation frame.
    TimeoutFuture::new(100).await;
    assert!(dialog.contains(
        document()
            .active_element()
            .as_ref()
            .map(|e| e.unchecked_ref())
    ));

    sheet.close();
    sheet.close();
    assert_eq!(log.lines(), ["close"]);
    assert_eq!(count("[data-ave-embed]"), 0);
    assert!(!iframe.is_connected());
}

#[wasm_bindgen_test]
fn escape_closes_and_focus_and_scroll_come_back() {
    let doc = document();
    let body = doc.body().unwrap();
    let input: HtmlElement = doc.create_element("input").unwrap().dyn_into().unwrap();
    body.append_child(&input).unwrap();
    input.focus().unwrap();
    body.style().set_property("overflow", "scroll").unwrap();

    let log = Log::default();
    let _sheet = open_connector_sheet(request(), log.callbacks()).unwrap();
    assert_eq!(
        body.style().get_property_value("overflow").unwrap(),
        "hidden"
    );

    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    doc.dispatch_event(&event).unwrap();

    assert_eq!(log.lines(), ["close"]);
    assert_eq!(
        body.style().get_property_value("overflow").unwrap(),
        "scroll"
    );
    assert!(js_sys::Object::is(&doc.active_element().unwrap(), &input));
    body.style().remove_property("overflow").unwrap();
    input.remove();
}

#[wasm_bindgen_test]
fn one_sheet_at_a_time() {
    let (first, second) = (Log::default(), Log::default());
    let _a = open_connector_sheet(request(), first.callbacks()).unwrap();
    let b = open_connector_sheet(request(), second.callbacks()).unwrap();
    assert_eq!(first.lines(), ["close"]);
    assert!(second.lines().is_empty());
    assert_eq!(count("[role=dialog]"), 1);
    b.close();
    assert_eq!(count("[data-ave-embed]"), 0);
}

#[wasm_bindgen_test]
async fn messages_from_the_page_itself_are_ignored() {
    let log = Log::default();
    let sheet = open_connector_sheet(request().state("s"), log.callbacks()).unwrap();
    let window = web_sys::window().unwrap();
    let forged = js_sys::JSON::parse(
        r#"{"type":"ave:success","payload":{"redirectUrl":"http://localhost:1/cb?code=x&state=s"}}"#,
    )
    .unwrap();
    window.post_message(&forged, "*").unwrap();
    let close = js_sys::JSON::parse(r#"{"type":"ave:close"}"#).unwrap();
    window.post_message(&close, "*").unwrap();
    TimeoutFuture::new(50).await;
    assert!(log.lines().is_empty(), "{:?}", log.lines());
    sheet.close();
}

#[wasm_bindgen_test]
async fn background_times_out_silently_and_removes_its_frame() {
    let log = Log::default();
    let handle = open_connector_sheet(
        request().mode(ConnectorMode::Background).timeout_ms(40),
        log.callbacks(),
    )
    .unwrap();
    let iframe = handle.iframe().unwrap();
    assert_eq!(iframe.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(count("[role=dialog]"), 0, "no overlay in background mode");
    TimeoutFuture::new(120).await;
    assert_eq!(log.lines(), ["error timeout"]);
    assert!(!iframe.is_connected());
    handle.close();
    assert_eq!(log.lines(), ["error timeout"], "settled once");
}

#[wasm_bindgen_test]
fn bad_options_name_the_option_and_leave_no_dom() {
    let cases = [
        (request().issuer("http://aveid.net"), "issuer"),
        (
            ConnectorRequest::new("", "https://a.example/cb", "r"),
            "clientId",
        ),
        (
            ConnectorRequest::new("c", "javascript:alert(1)", "r"),
            "redirectUri",
        ),
        (
            ConnectorRequest::new("c", "https://a.example/cb", ""),
            "resource",
        ),
        (request().timeout_ms(0), "timeoutMs"),
    ];
    let before = count("[data-ave-embed], iframe");
    for (req, option) in cases {
        match open_connector_sheet(req, ConnectorCallbacks::default()) {
            Err(OpenError::Options(e)) => {
                assert_eq!(e.option, option);
                assert_eq!(e.function, "openAveConnectorSheet");
            }
            _ => panic!("{option}: expected an option error"),
        }
    }
    assert_eq!(count("[data-ave-embed], iframe"), before, "nothing added");
}

const TOKEN: &str = "tok-browser-secret";

fn runtime_log(log: &Log) -> RuntimeCallbacks {
    let (a, b, c) = (log.clone(), log.clone(), log.clone());
    RuntimeCallbacks::default()
        .on_ready(move || a.0.borrow_mut().push("ready".into()))
        .on_event(move |_| b.0.borrow_mut().push("event".into()))
        .on_error(move |e| c.0.borrow_mut().push(format!("error {}", e.error)))
}

#[wasm_bindgen_test]
fn runtime_frame_is_hidden_token_free_and_destroy_is_idempotent() {
    let request = RuntimeRequest::new(TOKEN)
        .issuer(NOWHERE)
        .target("iris")
        .target_origin("https://irischat.app");
    assert!(!format!("{request:?}").contains(TOKEN));
    let log = Log::default();
    let runtime = open_connector_runtime(request, runtime_log(&log)).unwrap();
    let iframe = runtime.iframe();
    assert_eq!(iframe.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(
        iframe.src(),
        "http://127.0.0.1:9/connect/runtime?target=iris&mode=user_present"
    );
    assert!(!document()
        .document_element()
        .unwrap()
        .outer_html()
        .contains(TOKEN));

    let message = js_sys::JSON::parse(r#"{"op":"infer","payload":{"prompt":"hi"}}"#).unwrap();
    let id = runtime.send(&message).unwrap();
    assert!(id.len() >= 12, "a random id is assigned");
    assert!(js_sys::Reflect::get(&message, &"id".into())
        .unwrap()
        .is_undefined());
    assert_eq!(
        runtime
            .send(&js_sys::JSON::parse(r#"{"id":"mine"}"#).unwrap())
            .unwrap(),
        "mine"
    );
    assert!(runtime.send(&"not an object".into()).is_err());

    runtime.destroy();
    runtime.destroy();
    assert!(!iframe.is_connected());
    assert!(runtime.send(&message).is_err(), "send after destroy fails");
    assert!(log.lines().is_empty());
}

/// docs/security.md#hostile-values: a message `send()` cannot read, or refuses, is the SDK's
/// `TypeError` and never an exception through wasm (which would leak wasm
/// stack): after 1 200 of them, a send still works.
#[wasm_bindgen_test]
fn runtime_send_refuses_hostile_messages_without_a_trap() {
    let runtime = open_connector_runtime(
        RuntimeRequest::new(TOKEN).issuer(NOWHERE),
        RuntimeCallbacks::default(),
    )
    .unwrap();
    let hostile = js_sys::Function::new_no_args(
        "const boom = () => { throw new Error('the app threw'); };
         const cyclic = { mode: 'stream', messages: [] };
         cyclic.messages.push(cyclic);
         const { proxy, revoke } = Proxy.revocable({}, {});
         revoke();
         return [
           Object.defineProperty({}, 'messages', { get: boom, enumerable: true }),
           new Proxy({}, { getPrototypeOf: boom }),
           proxy,
           cyclic,
           { content: 'x'.repeat(5 * 1024 * 1024) },
           { at: new Date(0) },
         ];",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    for _ in 0..200 {
        for value in js_sys::Array::from(&hostile).iter() {
            let e = runtime.send(&value).unwrap_err();
            assert!(e.is_instance_of::<js_sys::TypeError>());
            let message = String::from(js_sys::Error::from(e).message());
            assert!(
                message.starts_with("openAveConnectorRuntime: send(message) "),
                "{message}"
            );
        }
    }
    let message = js_sys::JSON::parse(r#"{"op":"echo","messages":[{"role":"user"}]}"#).unwrap();
    assert!(runtime.send(&message).is_ok());
    runtime.destroy();
}

#[wasm_bindgen_test]
async fn runtime_ready_timeout_and_forged_ready_from_the_page() {
    let log = Log::default();
    let runtime = open_connector_runtime(
        RuntimeRequest::new(TOKEN).issuer(NOWHERE).timeout_ms(60),
        runtime_log(&log),
    )
    .unwrap();
    let window = web_sys::window().unwrap();
    let ready = js_sys::JSON::parse(r#"{"type":"ave:connector:ready"}"#).unwrap();
    window.post_message(&ready, "*").unwrap();
    TimeoutFuture::new(150).await;
    assert_eq!(log.lines(), ["error timeout"]);
    runtime.destroy();
}

#[wasm_bindgen_test]
fn sign_in_sheet_with_tokens_sends_challenge_and_nonce_never_the_verifier() {
    let log = Log::default();
    let l = log.clone();
    let sheet = open_sign_in_sheet(
        SignInRequest::new("app", "http://localhost:1/cb")
            .issuer(NOWHERE)
            .extra_param("prompt", "login"),
        Callbacks::default()
            .on_tokens(|_| {})
            .on_close(move || l.0.borrow_mut().push("close".into())),
    )
    .unwrap();
    // The browser's own URL parser reads the frame's URL.
    let src = web_sys::Url::new(&sheet.iframe().unwrap().src()).unwrap();
    let pairs: Vec<(String, String)> = js_sys::Array::from(&src.search_params())
        .iter()
        .map(|pair| {
            let pair = js_sys::Array::from(&pair);
            (
                pair.get(0).as_string().unwrap(),
                pair.get(1).as_string().unwrap(),
            )
        })
        .collect();
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "client_id",
            "redirect_uri",
            "scope",
            "embed",
            "theme",
            "prompt",
            "code_challenge",
            "code_challenge_method",
            "nonce",
            "state"
        ]
    );
    // Generated: 16 random bytes, base64url.
    let state = &pairs.iter().find(|(k, _)| k == "state").unwrap().1;
    assert_eq!(state.len(), 22);
    assert!(document()
        .query_selector("[role=dialog]")
        .unwrap()
        .is_some());
    sheet.close();
    assert_eq!(log.lines(), ["close"]);
    assert_eq!(count("[data-ave-embed]"), 0);
}

/// docs/security.md#frame-landing: a page that frames the app can navigate the sign-in frame to
/// `redirectUri?code=<its own>`; only the redirect with our `state` counts.
/// (The frame lands on this page's own origin, so the SDK can read it.)
#[wasm_bindgen_test]
async fn sign_in_frame_landing_needs_the_state_sent() {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let callback = format!("{origin}/ave-landing-test");
    let land = |state: Option<&'static str>, href: String| {
        let log = Log::default();
        let mut request = SignInRequest::new("app", &callback).issuer(NOWHERE);
        if let Some(state) = state {
            request = request.extra_param("state", state);
        }
        let sheet = open_sign_in_sheet(request, log.callbacks()).unwrap();
        let iframe = sheet.iframe().unwrap();
        async move {
            // The issuer (nowhere) loads its error page first: a src set while
            // that navigation is in flight could lose to it.
            let loaded = Rc::new(std::cell::Cell::new(false));
            let flag = loaded.clone();
            let _first = gloo_events::EventListener::once(&iframe, "load", move |_| flag.set(true));
            for _ in 0..100 {
                if loaded.get() {
                    break;
                }
                TimeoutFuture::new(10).await;
            }
            assert!(log.lines().is_empty(), "the issuer's own page is no result");
            iframe.set_src(&href);
            for _ in 0..100 {
                if !log.lines().is_empty() {
                    break;
                }
                TimeoutFuture::new(20).await;
            }
            TimeoutFuture::new(50).await;
            let connected = iframe.is_connected();
            sheet.close();
            (log.lines(), connected)
        }
    };
    for (sent, href) in [
        (None, format!("{callback}?code=ATTACKER")),
        (Some("s1"), format!("{callback}?code=ATTACKER")),
        (Some("s1"), format!("{callback}?code=ATTACKER&state=s2")),
        (
            Some("s1"),
            format!("{callback}?code=ATTACKER&state=s1&state=s1"),
        ),
    ] {
        let (lines, connected) = land(sent, href.clone()).await;
        assert_eq!(lines, ["error state_mismatch"], "{href}");
        assert!(!connected, "the frame is removed: {href}");
    }
    let ok = format!("{callback}?code=good&state=s1");
    let (lines, connected) = land(Some("s1"), ok.clone()).await;
    assert_eq!(lines, [format!("success {ok}")]);
    assert!(!connected);
}

#[wasm_bindgen_test]
fn requests_never_print_their_state() {
    let connector = format!("{:?}", request().state("secret-state-1"));
    let sign_in = format!(
        "{:?}",
        SignInRequest::new("app", "http://localhost:1/cb").extra_param("state", "secret-state-2")
    );
    assert!(connector.contains("browser-test") && sign_in.contains("app"));
    assert!(!connector.contains("secret-state"), "{connector}");
    assert!(!sign_in.contains("secret-state"), "{sign_in}");
}

#[wasm_bindgen_test]
fn inline_embed_and_signing_sheet_clean_up() {
    let doc = document();
    let container = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&container).unwrap();
    let embed = mount_sign_in(
        SignInRequest::new("app", "http://localhost:1/cb")
            .issuer(NOWHERE)
            .container(container.clone()),
        Callbacks::default(),
    )
    .unwrap();
    assert!(container.contains(embed.iframe().as_ref().map(|f| f.unchecked_ref())));
    embed.destroy();
    embed.destroy();
    assert_eq!(container.child_element_count(), 0);
    container.remove();

    let log = Log::default();
    let l = log.clone();
    let sheet = open_signing_sheet(
        SigningRequest::new("req 1").issuer(NOWHERE),
        Callbacks::default().on_close(move || l.0.borrow_mut().push("close".into())),
    )
    .unwrap();
    let page_origin = web_sys::window().unwrap().location().origin().unwrap();
    let mut encoded_origin = String::new();
    for b in page_origin.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' => {
                encoded_origin.push(char::from(b))
            }
            _ => encoded_origin.push_str(&format!("%{b:02X}")),
        }
    }
    assert_eq!(
        sheet.iframe().unwrap().src(),
        format!("http://127.0.0.1:9/sign?requestId=req+1&embed=1&parent_origin={encoded_origin}")
    );
    sheet.close();
    assert_eq!(log.lines(), ["close"]);
}

/// The npm build's allocator (src/allocator.rs; `make test` runs this file
/// with the feature on): blocks aligned as asked, never overlapping while
/// live, contents kept across `realloc`, freed blocks reused.
#[cfg(feature = "small-allocator")]
#[wasm_bindgen_test]
fn small_allocator_aligns_separates_reallocates_and_reuses() {
    use std::alloc::{alloc, dealloc, realloc, Layout};
    unsafe {
        let mut live: Vec<(*mut u8, Layout)> = Vec::new();
        for (i, (size, align)) in [
            (1, 1),
            (7, 8),
            (16, 16),
            (100, 4),
            (4096, 64),
            (70_000, 8),
            (3, 2),
        ]
        .into_iter()
        .cycle()
        .take(70)
        .enumerate()
        {
            let layout = Layout::from_size_align(size, align).unwrap();
            let p = alloc(layout);
            assert!(!p.is_null());
            assert_eq!(p as usize % align, 0, "alignment {align}");
            p.write_bytes(i as u8, size);
            live.push((p, layout));
        }
        for (i, (p, layout)) in live.iter().enumerate() {
            let bytes = std::slice::from_raw_parts(*p, layout.size());
            assert!(bytes.iter().all(|b| *b == i as u8), "block {i} overwritten");
        }
        let (p, layout) = live[0];
        let grown = realloc(p, layout, 10_000);
        assert_eq!(*grown, 0, "content kept");
        dealloc(grown, Layout::from_size_align(10_000, 1).unwrap());
        for (p, layout) in live.drain(1..) {
            dealloc(p, layout);
        }
        // Alignment above the size, with small blocks carved in between.
        let (small, wide) = (
            Layout::from_size_align(16, 1).unwrap(),
            Layout::from_size_align(8, 256).unwrap(),
        );
        let pairs: Vec<_> = (0..300).map(|_| (alloc(small), alloc(wide))).collect();
        for (s, w) in pairs {
            assert_eq!(w as usize % 256, 0, "alignment 256");
            dealloc(s, small);
            dealloc(w, wide);
        }
        // A freed block of a class comes back for the next request of it.
        let layout = Layout::from_size_align(100, 4).unwrap();
        let a = alloc(layout);
        dealloc(a, layout);
        assert_eq!(alloc(layout), a);
        dealloc(a, layout);
    }
}
