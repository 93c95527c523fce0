//! A Rust wasm app using the crate directly: a "Connect Google Calendar"
//! button that opens a connector sheet, and a runtime that streams an AI
//! answer into the page.
//!
//! Build: `cargo build --release --target wasm32-unknown-unknown --example rust_app`
//! then `wasm-bindgen --target web --out-dir target/rust_app target/wasm32-unknown-unknown/release/examples/rust_app.wasm`
//! and load `rust_app.js` from a page with a `#connect` button and an `#answer` element.
#![cfg(target_arch = "wasm32")]

use ave_embed_wasm::{
    open_connector_runtime, open_connector_sheet, ConnectorCallbacks, ConnectorMode,
    ConnectorRequest, RuntimeCallbacks, RuntimeRequest,
};
use gloo_events::EventListener;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let origin = window.location().origin()?;

    // Connector authorization from a click.
    if let Some(button) = document.get_element_by_id("connect") {
        let redirect_uri = format!("{origin}/connector/callback");
        EventListener::new(&button, "click", move |_| {
            let opened = open_connector_sheet(
                ConnectorRequest::new("YOUR_CLIENT_ID", &redirect_uri, "calendar:google")
                    .scope("calendar.read calendar.write")
                    .mode(ConnectorMode::UserPresent),
                ConnectorCallbacks::default()
                    .on_success(|ok| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().set_href(&ok.redirect_url);
                        }
                    })
                    .on_error(|err| web_sys::console::warn_1(&err.error.as_str().into()))
                    .on_close(|| {
                        web_sys::console::log_1(&"User cancelled calendar authorization".into())
                    }),
            );
            if let Err(e) = opened {
                web_sys::console::error_1(&JsValue::from(e));
            }
        })
        .forget(); // lives as long as the page
    }

    // A runtime whose "response" events are appended to #answer.
    let answer = document.get_element_by_id("answer");
    let runtime = open_connector_runtime(
        RuntimeRequest::new("DELEGATED_TOKEN")
            .target("iris")
            .target_origin("https://irischat.app"),
        RuntimeCallbacks::default().on_event(move |event| {
            let kind = js_sys::Reflect::get(&event, &"type".into())
                .ok()
                .and_then(|t| t.as_string());
            let data = js_sys::Reflect::get(&event, &"data".into())
                .ok()
                .and_then(|d| d.as_string());
            if let (Some("response"), Some(chunk), Some(el)) =
                (kind.as_deref(), data, answer.as_ref())
            {
                let text = el.text_content().unwrap_or_default();
                el.set_text_content(Some(&(text + &chunk)));
            }
        }),
    )?;
    let request =
        js_sys::JSON::parse(r#"{"op":"infer","payload":{"prompt":"Explain quantum computing"}}"#)?;
    runtime.send(&request)?;
    Ok(())
}
