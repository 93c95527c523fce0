//! The one seam between the SDK and the page it runs in: the page's window
//! and document, UTF-8 decoding, randomness, the network (one JSON POST)
//! and the call into the app's code (`platform.js`). A leaf: it imports nothing of the crate, so the
//! pure core may use it (for UTF-8) without reaching into the browser shell.
//! On the host (tests) only the pure parts exist.

use crate::prelude::*;

/// `bytes` as UTF-8 text: `fatal`, `None` for invalid UTF-8; otherwise each
/// invalid sequence becomes U+FFFD. The wasm build decodes with the
/// browser's `TextDecoder`: `core`'s own validation and lossy decoding are
/// about 1 KB of wasm (docs/size.md). Both follow the Encoding Standard.
#[cfg(target_arch = "wasm32")]
pub fn utf8(bytes: &[u8], fatal: bool) -> Option<String> {
    js::utf8(bytes, fatal)
}

/// See the wasm build's `utf8`.
#[cfg(not(target_arch = "wasm32"))]
pub fn utf8(bytes: &[u8], fatal: bool) -> Option<String> {
    if fatal {
        core::str::from_utf8(bytes).ok().map(str::to_owned)
    } else {
        Some(String::from_utf8_lossy(bytes).into_owned())
    }
}

#[cfg(target_arch = "wasm32")]
pub use page::*;

#[cfg(target_arch = "wasm32")]
mod page {
    use super::js;
    use wasm_bindgen::JsValue;
    use web_sys::{Document, Window};

    /// The page's `window`, `None` where there is none (a worker).
    pub use js::page_window;

    /// The page's `window`; the entry points check it exists first.
    pub fn window() -> Result<Window, JsValue> {
        page_window()
            .ok_or_else(|| js_sys::Error::new("@ave-id/embed needs a browser window").into())
    }

    /// The page a flow opens in: its window (where the SDK listens for
    /// messages and opens popups) and the document it builds its UI in.
    /// Passed explicitly to every flow, so the npm entry's idle warm-up
    /// can give an inert document of its own (`pkg-template/index.js`).
    #[derive(Clone)]
    pub struct Page {
        /// The page's `window`.
        pub window: Window,
        /// The page's `document`, or the warm-up's inert one.
        pub document: Document,
    }

    impl Page {
        /// The page itself, or its window with `document` instead of its own.
        pub fn new(document: Option<Document>) -> Result<Self, JsValue> {
            let window = window()?;
            let document = document
                .or_else(js::page_document)
                .ok_or_else(|| js_sys::Error::new("@ave-id/embed needs a document"))?;
            Ok(Self { window, document })
        }
    }

    /// `N` random bytes from `crypto.getRandomValues`.
    pub fn random_bytes<const N: usize>() -> Result<[u8; N], JsValue> {
        let mut bytes = [0u8; N];
        if js::fill_random(&mut bytes) {
            Ok(bytes)
        } else {
            Err(js_sys::Error::new("@ave-id/embed needs crypto.getRandomValues").into())
        }
    }

    /// POSTs `body` as JSON to `url` without credentials, then calls
    /// `done(status, json)` once: `json` parsed or `null`, `status` 0 when
    /// the endpoint could not be reached.
    pub use js::post_json;

    /// Asks the browser's account chooser (FedCM) for the issuer's
    /// assertion; `done(kind, a, b)` once (`platform.js` `fedcmSignIn`).
    /// `None`: no FedCM in this browser. `Some(abort)`: the request's abort.
    pub use js::fedcm_sign_in;

    /// Calls the app's `f(arg)` (or `f()`); an exception it throws is
    /// reported like an uncaught one (`reportError`) and never disturbs the
    /// SDK's own state.
    #[cfg(feature = "npm-build")]
    pub fn call_user(f: &js_sys::Function, arg: Option<&JsValue>) {
        match arg {
            Some(a) => js::call_user_1(f, a),
            None => js::call_user_0(f),
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use crate::prelude::*;
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::JsValue;
    use web_sys::{Document, Window};

    #[wasm_bindgen(module = "/src/platform.js")]
    extern "C" {
        /// One import rather than `web_sys::window()`, whose look-up of the
        /// global object through four cached accessors is 0.7 KB of wasm.
        #[wasm_bindgen(js_name = pageWindow)]
        pub fn page_window() -> Option<Window>;
        #[wasm_bindgen(js_name = pageDocument)]
        pub fn page_document() -> Option<Document>;
        pub fn utf8(bytes: &[u8], fatal: bool) -> Option<String>;
        #[wasm_bindgen(js_name = fillRandom)]
        pub fn fill_random(bytes: &mut [u8]) -> bool;
        #[wasm_bindgen(js_name = postJson)]
        pub fn post_json(url: &str, body: &js_sys::Object, done: JsValue);
        #[wasm_bindgen(js_name = fedcmSignIn)]
        pub fn fedcm_sign_in(
            config_url: &str,
            signin_url: &str,
            done: JsValue,
        ) -> Option<js_sys::Function>;
        #[wasm_bindgen(js_name = callUser)]
        pub fn call_user_0(f: &js_sys::Function);
        #[wasm_bindgen(js_name = callUser)]
        pub fn call_user_1(f: &js_sys::Function, arg: &JsValue);
    }
}
