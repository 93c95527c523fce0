//! Issuer iframes: the one place that sets the attributes every issuer
//! frame needs, and the hidden frame of silent flows.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlIFrameElement};

use crate::browser::dom::{attrs, element, style};

/// An `<iframe>` for an issuer page: titled, passkeys allowed, no border.
pub fn issuer_iframe(doc: &Document, url: &str, title: &str) -> HtmlIFrameElement {
    let frame = blank_issuer_iframe(doc);
    load_issuer_page(&frame, url, title);
    frame
}

/// An issuer `<iframe>` without its page: passkeys allowed (before any
/// `src`, so that the first navigation has the permission), no border.
/// The sheet's template holds one, copied per open.
pub fn blank_issuer_iframe(doc: &Document) -> HtmlIFrameElement {
    let frame: HtmlIFrameElement = element(
        doc,
        "iframe",
        "border:0;display:block;background:transparent",
    )
    .unchecked_into();
    attrs(&frame, &[("allow", "publickey-credentials-get")]);
    frame
}

/// Titles a blank issuer frame and points it at the issuer page.
pub fn load_issuer_page(frame: &HtmlIFrameElement, url: &str, title: &str) {
    attrs(frame, &[("title", title)]);
    frame.set_src(url);
}

/// An issuer frame placed in the page; dropping it removes it.
pub struct MountedFrame {
    frame: HtmlIFrameElement,
}

impl MountedFrame {
    /// A hidden frame in `<body>` (silent flows, runtime without container):
    /// no layout, not focusable, hidden from assistive technology.
    pub fn hidden(doc: &Document, url: &str, title: &str) -> Result<Self, JsValue> {
        let frame = issuer_iframe(doc, url, title);
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

    /// A visible frame appended to `container`, sized by `css`. Made in
    /// `doc`, the page's document (the options allow only its elements),
    /// not through `container.ownerDocument`: the app's element may shadow
    /// that getter with one that throws.
    pub fn inside(
        doc: &Document,
        container: &Element,
        url: &str,
        title: &str,
        css: &[(&str, &str)],
    ) -> Result<Self, JsValue> {
        let frame = issuer_iframe(doc, url, title);
        style(&frame, css);
        container.append_child(&frame)?;
        Ok(Self { frame })
    }

    /// The frame element.
    pub fn iframe(&self) -> &HtmlIFrameElement {
        &self.frame
    }
}

impl Drop for MountedFrame {
    fn drop(&mut self) {
        self.frame.remove();
    }
}
