//! The "Continue" fallback (docs/security.md#auth-required): when the issuer page needs a
//! top-level window (`ave:auth_required`) and the browser blocked the popup
//! the SDK tried, this button opens it from the user's own click. One
//! implementation, shown in the sheet and above an inline embed.

use web_sys::{Document, HtmlElement};

use crate::browser::dom::{attrs, element, style, Listener};

/// A hidden-until-needed panel with a "Continue" button. Dropping it removes it.
pub struct ContinuePrompt {
    panel: HtmlElement,
    _click: Listener,
}

impl ContinuePrompt {
    /// Builds the (hidden) panel; `on_continue` runs on the button's click.
    pub fn new(doc: &Document, on_continue: impl Fn() + 'static) -> Self {
        let (panel, button) = Self::build(doc);
        Self::listen(panel, &button, on_continue)
    }

    /// The hidden panel and its button, not listened to yet: the sheet's
    /// template holds one, copied per open.
    pub fn build(doc: &Document) -> (HtmlElement, HtmlElement) {
        let panel = element(
            doc,
            "div",
            "display:none;flex-direction:column;align-items:center;gap:12px;\
             padding:24px 20px;text-align:center;background:#090909;color:#fff;\
             border-radius:24px;font:15px/1.4 system-ui, -apple-system, sans-serif",
        );
        attrs(&panel, &[("data-ave-embed", "continue")]);
        let text = element(doc, "p", "margin:0");
        text.set_text_content(Some("Ave needs its own window to continue."));
        let button = element(
            doc,
            "button",
            "border:0;border-radius:999px;padding:10px 22px;background:#fff;\
             color:#000;font:inherit;font-weight:600;cursor:pointer",
        );
        attrs(&button, &[("type", "button")]);
        button.set_text_content(Some("Continue"));
        // Appending new elements to a new element cannot fail.
        let _ = panel.append_child(&text);
        let _ = panel.append_child(&button);
        (panel, button)
    }

    /// The prompt of a built `panel`: `on_continue` runs on its `button`'s click.
    pub fn listen(
        panel: HtmlElement,
        button: &HtmlElement,
        on_continue: impl Fn() + 'static,
    ) -> Self {
        let click = Listener::new(button, "click", move |_| on_continue());
        Self {
            panel,
            _click: click,
        }
    }

    /// The panel, to be placed by the surface that shows it.
    pub fn element(&self) -> &HtmlElement {
        &self.panel
    }

    /// Shows or hides the panel.
    pub fn show(&self, shown: bool) {
        style(
            &self.panel,
            &[("display", if shown { "flex" } else { "none" })],
        );
    }
}

impl Drop for ContinuePrompt {
    fn drop(&mut self) {
        self.panel.remove();
    }
}
