//! A plain wasm-bindgen app (no framework) that uses ave-embed-wasm as a
//! Rust dependency, through its public Rust API only:
//!
//! - `#connect` opens a connector authorization sheet (Google Calendar)
//!   through this app's own exported [`open`] (the SDK's npm build exports
//!   an `open` too; as a Rust dependency it exports nothing, so the two
//!   never clash);
//! - `#signin` opens a sign-in sheet whose tokens come from the SDK's own
//!   PKCE code exchange (`on_tokens`);
//! - `#runtime` opens a connector runtime and streams an answer into the
//!   page, event by event.
//!
//! Every callback writes what it got into the page, with a count, so that
//! a test (and a person) can see that each fired, and how often.
//!
//! Build: see README.md beside this file (`make examples`, or the
//! rust-consumer layer of `make test`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use ave_embed_wasm::{
    open_connector_runtime, open_connector_sheet, open_sign_in_sheet, Callbacks,
    ConnectorCallbacks, ConnectorMode, ConnectorRequest, ConnectorRuntime, RuntimeCallbacks,
    RuntimeRequest, SignInRequest,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// What `mount` was given, and the open runtime (kept alive here: dropping
/// a `ConnectorRuntime` does not destroy it, but the app keeps the handle
/// to send and destroy).
struct App {
    issuer: String,
    client_id: String,
    runtime: Option<ConnectorRuntime>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

fn element(id: &str) -> Result<Element, JsValue> {
    document()?
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("no #{id}")))
}

/// Sets the text of `#id`.
fn show(id: &str, text: &str) {
    if let Ok(el) = element(id) {
        el.set_text_content(Some(text));
    }
}

/// Adds one to the count in `#id` (its text is the count).
fn count(id: &str) {
    if let Ok(el) = element(id) {
        let n: u32 = el
            .text_content()
            .and_then(|t| t.parse().ok())
            .unwrap_or_default();
        el.set_text_content(Some(&(n + 1).to_string()));
    }
}

/// Appends a list item with `text` to `#list`.
fn append(list: &str, text: &str) -> Result<(), JsValue> {
    let item = document()?.create_element("li")?;
    item.set_text_content(Some(text));
    element(list)?.append_child(&item)?;
    Ok(())
}

fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        let text = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown error".to_owned());
        show("error", &text);
        web_sys::console::error_1(&e);
    }
}

/// The app's settings, cloned out (no borrow held while the SDK runs).
fn settings() -> Result<(String, String), JsValue> {
    APP.with(|app| {
        app.borrow()
            .as_ref()
            .map(|a| (a.issuer.clone(), a.client_id.clone()))
            .ok_or_else(|| JsValue::from_str("mount() first"))
    })
}

fn page_origin() -> Result<String, JsValue> {
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .location()
        .origin()
}

/// Calls `action` on every click of `#id`, for as long as the page lives.
fn on_click(id: &str, action: fn() -> Result<(), JsValue>) -> Result<(), JsValue> {
    let listener = Closure::<dyn Fn()>::new(move || report(action()));
    element(id)?.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())?;
    listener.forget();
    Ok(())
}

/// Sets the app up: the issuer (`https://aveid.net` in production, the
/// mock issuer in tests) and the app's client id, and the three buttons.
#[wasm_bindgen]
pub fn mount(issuer: String, client_id: String) -> Result<(), JsValue> {
    APP.with(|app| {
        *app.borrow_mut() = Some(App {
            issuer,
            client_id,
            runtime: None,
        })
    });
    on_click("connect", open)?;
    on_click("signin", sign_in)?;
    on_click("runtime", start_runtime)?;
    show("status", "mounted");
    Ok(())
}

/// The app's own export named `open`: opens the connector sheet (what the
/// `#connect` button does). With the SDK's JavaScript entry linked in
/// (feature `npm-build`), the SDK's `open` export would clash with it.
#[wasm_bindgen]
pub fn open() -> Result<(), JsValue> {
    let (issuer, client_id) = settings()?;
    let redirect_uri = format!("{}/connector/callback", page_origin()?);
    show("connect-result", "open");
    open_connector_sheet(
        ConnectorRequest::new(&client_id, &redirect_uri, "calendar:google")
            .scope("calendar.read calendar.write")
            .mode(ConnectorMode::UserPresent)
            .issuer(&issuer),
        ConnectorCallbacks::default()
            .on_success(|ok| {
                count("connect-successes");
                show("connect-result", &format!("success {}", ok.redirect_url));
            })
            .on_error(|err| show("connect-result", &format!("error {}", err.error)))
            .on_close(|| show("connect-result", "closed")),
    )?;
    Ok(())
}

/// A sign-in sheet; the SDK exchanges the code (PKCE) and hands over the tokens.
fn sign_in() -> Result<(), JsValue> {
    let (issuer, client_id) = settings()?;
    let redirect_uri = format!("{}/callback", page_origin()?);
    show("signin-result", "open");
    open_sign_in_sheet(
        SignInRequest::new(&client_id, &redirect_uri).issuer(&issuer),
        Callbacks::default()
            .on_tokens(|tokens| {
                count("signin-successes");
                let field = |name: &str| {
                    js_sys::Reflect::get(&tokens, &name.into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default()
                };
                // Never the tokens themselves: their type and scope.
                show(
                    "signin-result",
                    &format!("tokens {} {}", field("token_type"), field("scope")),
                );
            })
            .on_error(|err| show("signin-result", &format!("error {}", err.error)))
            .on_close(|| show("signin-result", "closed")),
    )?;
    Ok(())
}

/// Opens the connector runtime (once) and asks it for a streamed answer.
fn start_runtime() -> Result<(), JsValue> {
    let (issuer, _) = settings()?;
    if APP.with(|app| app.borrow().as_ref().is_some_and(|a| a.runtime.is_some())) {
        return Ok(());
    }
    let runtime = open_connector_runtime(
        RuntimeRequest::new("rust-consumer-delegated-token")
            .target("iris")
            .target_origin("https://irischat.app")
            .issuer(&issuer),
        RuntimeCallbacks::default()
            .on_ready(|| {
                count("runtime-ready");
                show("runtime-status", "ready");
            })
            .on_event(|event| {
                let kind = js_sys::Reflect::get(&event, &"type".into())
                    .ok()
                    .and_then(|t| t.as_string());
                let content = js_sys::Reflect::get(&event, &"content".into())
                    .ok()
                    .and_then(|c| c.as_string())
                    .unwrap_or_default();
                if kind.as_deref() == Some("token") {
                    if let Ok(answer) = element("answer") {
                        let text = answer.text_content().unwrap_or_default();
                        answer.set_text_content(Some(&(text + &content)));
                    }
                }
                let line = js_sys::JSON::stringify(&event)
                    .map(String::from)
                    .unwrap_or_default();
                report(append("events", &line));
            })
            .on_error(|err| show("runtime-status", &format!("error {}", err.error))),
    )?;
    // Queued until the runtime is ready.
    let request = js_sys::JSON::parse(
        r#"{"mode":"stream","messages":[{"role":"user","content":"Hello from Rust"}]}"#,
    )?;
    let id = runtime.send(&request)?;
    show("runtime-request", &id);
    APP.with(|app| {
        if let Some(app) = app.borrow_mut().as_mut() {
            app.runtime = Some(runtime);
        }
    });
    Ok(())
}
