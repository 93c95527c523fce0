//! Issuer iframes: the one place that sets the attributes every issuer
//! frame needs, and the hidden frame of silent flows.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlIFrameElement};

use crate::browser::dom::{attrs, style};

/// An `<iframe>` for an issuer page: titled, passkeys allowed, no border.
pub fn issuer_iframe(doc: &Document, url: &str, title: &str) -> Result<HtmlIFrameElement, JsValue> {
    let frame: HtmlIFrameElement = doc.create_element("iframe")?.dyn_into()?;
    attrs(
        &frame,
        &[("title", title), ("allow", "publickey-credentials-get")],
    );
    style(
        &frame,
        &[
            ("border", "0"),
            ("display", "block"),
            ("background", "transparent"),
        ],
    );
    frame.set_src(url);
    Ok(frame)
}

/// A hidden issuer frame (silent flows, runtime): no layout, not focusable,
/// hidden from assistive technology. Removed from the page on drop.
pub struct HiddenFrame {
    frame: HtmlIFrameElement,
}

impl HiddenFrame {
    /// Appends a hidden frame loading `url` to `<body>`.
    pub fn open(doc: &Document, url: &str, title: &str) -> Result<Self, JsValue> {
        let frame = issuer_iframe(doc, url, title)?;
        attrs(&frame, &[("aria-hidden", "true"), ("tabindex", "-1")]);
        style(
            &frame,
            &[
                ("position", "fixed"),
                ("width", "0"),
                ("height", "0"),
                ("top", "0"),
                ("left", "0"),
                ("opacity", "0"),
                ("pointer-events", "none"),
                ("visibility", "hidden"),
            ],
        );
        let body = doc
            .body()
            .ok_or_else(|| js_sys::Error::new("document has no <body>"))?;
        body.append_child(&frame)?;
        Ok(Self { frame })
    }

    /// The frame element.
    pub fn iframe(&self) -> &HtmlIFrameElement {
        &self.frame
    }
}

impl Drop for HiddenFrame {
    fn drop(&mut self) {
        self.frame.remove();
    }
}
