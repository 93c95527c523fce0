//! A Yew app whose `ConnectButton` component opens an Ave connector
//! authorization sheet with ave-embed-wasm's Rust API, shows how it ended,
//! and closes the sheet when the component goes away.
//!
//! Build and test: `make examples` (README.md beside this file).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use ave_embed_wasm::{open_connector_sheet, ConnectorCallbacks, ConnectorRequest, SheetHandle};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// How the component's flow stands.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Open,
    /// `on_success`: the redirect URL, checked by the SDK.
    Connected(String),
    /// `on_error`, or the sheet could not open.
    Failed(String),
    /// `on_close`: dismissed without a result.
    Closed,
}

#[derive(Clone, PartialEq)]
struct Connection {
    status: Status,
    /// How many times `on_success` fired (once per approved flow).
    successes: u32,
}

enum Event {
    Opened,
    Succeeded(String),
    Failed(String),
    Closed,
}

impl Reducible for Connection {
    type Action = Event;

    fn reduce(self: Rc<Self>, action: Event) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Event::Opened => next.status = Status::Open,
            Event::Succeeded(url) => {
                next.successes += 1;
                next.status = Status::Connected(url);
            }
            Event::Failed(error) => next.status = Status::Failed(error),
            Event::Closed => next.status = Status::Closed,
        }
        Rc::new(next)
    }
}

/// What `ConnectButton` needs to know.
#[derive(Properties, PartialEq)]
pub struct ConnectProps {
    /// The issuer (`https://aveid.net` unless testing).
    pub issuer: AttrValue,
    /// The app's client id.
    pub client_id: AttrValue,
    /// The connector resource, e.g. `calendar:google`.
    pub resource: AttrValue,
    /// The scopes asked for.
    pub scope: AttrValue,
}

/// A "Connect" button: opens the connector sheet, shows the outcome.
#[function_component]
fn ConnectButton(props: &ConnectProps) -> Html {
    let connection = use_reducer(|| Connection {
        status: Status::Idle,
        successes: 0,
    });
    // The open sheet, so that the component can close it when it unmounts.
    let sheet = use_mut_ref(|| None::<SheetHandle>);
    {
        let sheet = sheet.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(open) = sheet.borrow_mut().take() {
                    open.close();
                }
            }
        });
    }

    let onclick = {
        let dispatch = connection.dispatcher();
        let sheet = sheet.clone();
        let (issuer, client_id) = (props.issuer.clone(), props.client_id.clone());
        let (resource, scope) = (props.resource.clone(), props.scope.clone());
        Callback::from(move |_: MouseEvent| {
            let redirect_uri = match web_sys::window().map(|w| w.location().origin()) {
                Some(Ok(origin)) => format!("{origin}/connector/callback"),
                _ => return dispatch.dispatch(Event::Failed("no window".into())),
            };
            let (on_success, on_error, on_close) =
                (dispatch.clone(), dispatch.clone(), dispatch.clone());
            let opened = open_connector_sheet(
                ConnectorRequest::new(&client_id, &redirect_uri, &resource)
                    .scope(&scope)
                    .issuer(&issuer),
                ConnectorCallbacks::default()
                    .on_success(move |ok| on_success.dispatch(Event::Succeeded(ok.redirect_url)))
                    .on_error(move |err| on_error.dispatch(Event::Failed(err.error)))
                    .on_close(move || on_close.dispatch(Event::Closed)),
            );
            match opened {
                Ok(open) => {
                    *sheet.borrow_mut() = Some(open);
                    dispatch.dispatch(Event::Opened);
                }
                Err(e) => {
                    let e = JsValue::from(e);
                    let message = js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_else(|| "the sheet could not open".into());
                    dispatch.dispatch(Event::Failed(message));
                }
            }
        })
    };

    let status = match &connection.status {
        Status::Idle => String::new(),
        Status::Open => "open".into(),
        Status::Connected(url) => format!("success {url}"),
        Status::Failed(error) => format!("error {error}"),
        Status::Closed => "closed".into(),
    };
    html! {
        <section>
            <button id="connect" type="button" {onclick} disabled={connection.status == Status::Open}>
                { "Connect" }
            </button>
            <p>{ "Result: " }<output id="connect-result">{ status }</output></p>
            <p>{ "on_success calls: " }<output id="connect-successes">{ connection.successes }</output></p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AppProps {
    issuer: AttrValue,
    client_id: AttrValue,
}

#[function_component]
fn App(props: &AppProps) -> Html {
    let shown = use_state(|| true);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    html! {
        <>
            <h1>{ "Yew + ave-embed-wasm" }</h1>
            <button id="toggle" type="button" onclick={toggle}>
                { if *shown { "Remove the component" } else { "Show the component" } }
            </button>
            if *shown {
                <ConnectButton
                    issuer={props.issuer.clone()}
                    client_id={props.client_id.clone()}
                    resource="calendar:google"
                    scope="calendar.read calendar.write"
                />
            }
        </>
    }
}

/// Renders the app into `#app`, against `issuer` as `client_id`.
#[wasm_bindgen]
pub fn run(issuer: String, client_id: String) -> Result<(), JsValue> {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .ok_or("no #app")?;
    yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps {
            issuer: issuer.into(),
            client_id: client_id.into(),
        },
    )
    .render();
    Ok(())
}
