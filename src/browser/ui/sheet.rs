//! The bottom sheet: overlay, accessible dialog, issuer iframe, close
//! button and the "Continue" fallback for blocked popups.
//!
//! Accessibility (docs/security.md#accessible-dialog): `role="dialog"`, `aria-modal`, `aria-label`,
//! titled iframe, focus moved in, kept in and given back, Escape closes,
//! page scroll locked and restored, animations skipped under reduced motion.
//! Styling goes through the CSSOM and animations through the Web Animations
//! API, so the sheet works under `style-src 'self'` (docs/security.md#strict-csp).

use crate::prelude::*;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement, HtmlIFrameElement, KeyboardEvent};

use crate::browser::dom::{
    attrs, clone_parts, close_icon, element, focused_element, lock_scroll, slide_in, style,
    AfterPaint, Listener,
};
use crate::browser::globals::sheet_template;
use crate::browser::ui::continue_prompt::ContinuePrompt;
use crate::browser::ui::frame::{blank_issuer_iframe, load_issuer_page};

/// What the sheet shows.
pub struct SheetContent<'a> {
    /// The issuer page to load.
    pub url: &'a str,
    /// The dialog's accessible name (`aria-label`: no text to lay out).
    pub label: &'a str,
    /// The iframe's `title`.
    pub frame_title: &'a str,
}

/// An open sheet. Dropping it removes every node and listener, gives focus
/// back and unlocks page scroll.
pub struct Sheet {
    overlay: HtmlElement,
    iframe: HtmlIFrameElement,
    continue_prompt: ContinuePrompt,
    restore_focus: Option<HtmlElement>,
    scroll_lock: ScrollLock,
    listeners: Vec<Listener>,
    _focus_in: AfterPaint,
}

impl Sheet {
    /// Builds and shows the sheet. `on_dismiss` runs on the close button,
    /// a backdrop click or Escape; `on_continue` on the "Continue" button.
    pub fn open(
        doc: &Document,
        content: &SheetContent<'_>,
        on_dismiss: impl Fn() + Clone + 'static,
        on_continue: impl Fn() + 'static,
    ) -> Result<Self, JsValue> {
        let body = doc
            .body()
            .ok_or_else(|| js_sys::Error::new("document has no <body>"))?;
        let nodes = Nodes::build(doc, content, on_continue);
        // Focus on `<body>` needs no giving back: removing the sheet leaves it there.
        let restore_focus = focused_element(doc).filter(|el| !js_sys::Object::is(el, &body));
        let scroll_lock = ScrollLock::lock(doc);
        body.append_child(&nodes.overlay)?;
        let focus_in = nodes.slide_in();
        let listeners = nodes.listen(doc, on_dismiss);
        Ok(Self {
            overlay: nodes.overlay,
            iframe: nodes.iframe,
            continue_prompt: nodes.continue_prompt,
            restore_focus,
            scroll_lock,
            listeners,
            _focus_in: focus_in,
        })
    }

    /// The issuer iframe.
    pub fn iframe(&self) -> &HtmlIFrameElement {
        &self.iframe
    }

    /// Shows or hides the "Continue" button that opens the popup from a click.
    pub fn show_continue(&self, shown: bool) {
        self.continue_prompt.show(shown);
    }
}

/// The sheet's nodes, built but not yet in the page.
struct Nodes {
    overlay: HtmlElement,
    dialog: HtmlElement,
    close: HtmlElement,
    iframe: HtmlIFrameElement,
    continue_prompt: ContinuePrompt,
    start_guard: HtmlElement,
    end_guard: HtmlElement,
}

impl Nodes {
    /// A copy of the document's [`template`], with what differs per open:
    /// the dialog's label, the iframe's title and page, and the "Continue"
    /// button's action.
    fn build(doc: &Document, content: &SheetContent<'_>, on_continue: impl Fn() + 'static) -> Self {
        let parts = clone_parts(&template(doc));
        let part = |at: Part| -> HtmlElement { parts.get(at as u32).unchecked_into() };

        let dialog = part(Part::Dialog);
        attrs(&dialog, &[("aria-label", content.label)]);
        let iframe: HtmlIFrameElement = part(Part::Iframe).unchecked_into();
        load_issuer_page(&iframe, content.url, content.frame_title);
        let continue_panel = part(Part::ContinuePanel);
        let continue_prompt =
            ContinuePrompt::listen(continue_panel, &part(Part::ContinueButton), on_continue);
        Self {
            overlay: part(Part::Overlay),
            dialog,
            close: part(Part::Close),
            iframe,
            continue_prompt,
            start_guard: part(Part::StartGuard),
            end_guard: part(Part::EndGuard),
        }
    }

    /// Fades the overlay in and slides the dialog up; focus moves in right
    /// after the sheet's first frame is painted: focusing now would force a
    /// layout inside the caller's click (a third of `open`'s time), and
    /// focusing before that paint would hold the first frame back. Not if
    /// focus is already inside by then (a click into the sheet).
    fn slide_in(&self) -> AfterPaint {
        slide_in(&self.overlay, &self.dialog);
        let target = self.dialog.clone();
        AfterPaint::new(move || {
            let inside = target
                .owner_document()
                .and_then(|d| d.active_element())
                .is_some_and(|active| target.contains(Some(&active)));
            if !inside {
                let _ = target.focus();
            }
        })
    }

    /// Dismissal (close button, backdrop click, Escape) and the focus trap.
    fn listen(&self, doc: &Document, on_dismiss: impl Fn() + Clone + 'static) -> Vec<Listener> {
        let Self {
            overlay,
            dialog,
            close,
            iframe,
            start_guard,
            end_guard,
            ..
        } = self;
        let mut listeners = Vec::with_capacity(5);
        let dismiss = on_dismiss.clone();
        listeners.push(Listener::new(close, "click", move |_| dismiss()));
        let dismiss = on_dismiss.clone();
        let backdrop = overlay.clone();
        listeners.push(Listener::new(overlay, "click", move |event| {
            let on_backdrop = event
                .target()
                .is_some_and(|t| js_sys::Object::is(&t, &backdrop));
            if on_backdrop {
                dismiss();
            }
        }));
        listeners.push(Listener::with_capture(doc, "keydown", true, move |event| {
            if event
                .dyn_ref::<KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape")
            {
                on_dismiss();
            }
        }));
        // Focus trap of the modal dialog: Tab past the iframe's last element
        // reaches the end guard (→ close button), Shift+Tab before the close
        // button reaches the start guard (→ iframe), and focus that lands
        // outside the dialog any other way is brought back in.
        let (trap, first, last) = (dialog.clone(), close.clone(), iframe.clone());
        let (start, end) = (start_guard.clone(), end_guard.clone());
        listeners.push(Listener::new(doc, "focusin", move |event| {
            let Some(target) = event.target() else { return };
            if js_sys::Object::is(&target, &end) {
                let _ = first.focus();
            } else if js_sys::Object::is(&target, &start) {
                let _ = last.focus();
            } else if target
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|n| !trap.contains(Some(n)))
            {
                let _ = trap.focus();
            }
        }));

        listeners
    }
}

impl Drop for Sheet {
    fn drop(&mut self) {
        // Listeners first, so giving focus back is not caught by the focus trap.
        self.listeners.clear();
        self.overlay.remove();
        self.scroll_lock.release();
        if let Some(el) = self.restore_focus.take() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    }
}

/// The sheet's elements in document order ([`skeleton`]'s, and the order
/// of `clone_parts`' list, where the close icon's SVG is one element).
#[derive(Clone, Copy)]
enum Part {
    Overlay,
    Dialog,
    StartGuard,
    _Handle,
    Close,
    _CloseIcon,
    ContinuePanel,
    _ContinueText,
    ContinueButton,
    Iframe,
    EndGuard,
}

/// Builds the sheet's template for `doc` ahead of its first open (a step
/// of the npm entry's idle warm-up).
#[cfg(feature = "npm-build")]
pub fn prepare_template(doc: &Document) {
    template(doc);
}

/// The sheet's nodes for `doc`, built once per document and copied per
/// open: a deep copy costs a twentieth of creating and styling the eleven
/// elements again. Only the last document is kept (a page opens its sheets
/// in one).
fn template(doc: &Document) -> HtmlElement {
    sheet_template(doc, skeleton)
}

/// The overlay and, inside it, the dialog: focus guards, the drag handle,
/// the close button, the "Continue" prompt and the issuer iframe — all but
/// what differs per open. No shadow, as 0.6.0's sheet has none: on the
/// 70 % black backdrop it was barely seen, and its 40 px blur was drawn
/// again at every frame of the slide-in.
fn skeleton(doc: &Document) -> HtmlElement {
    let overlay = element(
        doc,
        "div",
        "position:fixed;inset:0;z-index:2147483000;background:rgba(0, 0, 0, 0.7);\
         backdrop-filter:blur(4px);-webkit-backdrop-filter:blur(4px);\
         display:flex;align-items:flex-end;justify-content:center",
    );
    attrs(&overlay, &[("data-ave-embed", "sheet")]);

    let dialog = element(
        doc,
        "div",
        "position:relative;box-sizing:border-box;width:100%;max-width:500px;\
         height:min(760px, 90vh);max-height:90vh;background:#090909;\
         border-radius:24px 24px 0 0;\
         display:flex;flex-direction:column;overflow:hidden;padding-top:28px;\
         outline:none;color:#fff;\
         font:15px/1.4 system-ui, -apple-system, sans-serif",
    );
    attrs(
        &dialog,
        &[
            ("role", "dialog"),
            ("aria-modal", "true"),
            ("tabindex", "-1"),
        ],
    );

    let handle = element(
        doc,
        "div",
        "position:absolute;top:10px;left:50%;width:40px;height:4px;\
         margin-left:-20px;border-radius:2px;\
         background:rgba(255, 255, 255, 0.25)",
    );
    attrs(&handle, &[("aria-hidden", "true")]);

    let close = element(
        doc,
        "button",
        "position:absolute;top:10px;right:12px;width:32px;height:32px;border:0;\
         border-radius:16px;background:rgba(255, 255, 255, 0.1);color:#fff;\
         padding:0;display:flex;align-items:center;justify-content:center;\
         cursor:pointer;z-index:1",
    );
    attrs(&close, &[("type", "button"), ("aria-label", "Close")]);
    let _ = close.append_child(&close_icon(doc));

    let (continue_panel, _) = ContinuePrompt::build(doc);

    let iframe = blank_issuer_iframe(doc);
    style(
        &iframe,
        &[("width", "100%"), ("flex", "1 1 auto"), ("min-height", "0")],
    );

    // Appending new elements to new elements cannot fail.
    for child in [
        &focus_guard(doc),
        &handle,
        &close,
        &continue_panel,
        &iframe,
        &focus_guard(doc),
    ] {
        let _ = dialog.append_child(child);
    }
    let _ = overlay.append_child(&dialog);
    overlay
}

/// An invisible focusable element at either end of the dialog (focus trap).
fn focus_guard(doc: &Document) -> HtmlElement {
    let guard = element(
        doc,
        "div",
        "position:absolute;width:1px;height:1px;overflow:hidden;opacity:0",
    );
    attrs(
        &guard,
        &[
            ("tabindex", "0"),
            ("aria-hidden", "true"),
            ("data-ave-embed", "focus-guard"),
        ],
    );
    guard
}

/// Locks page scroll while a sheet is open (`dom.js` `lockScroll`) and
/// puts the page's own `overflow` values back on release.
struct ScrollLock {
    restore: Option<js_sys::Function>,
}

impl ScrollLock {
    fn lock(doc: &Document) -> Self {
        Self {
            restore: Some(lock_scroll(doc)),
        }
    }

    fn release(&mut self) {
        if let Some(restore) = self.restore.take() {
            let _ = restore.call0(&JsValue::UNDEFINED);
        }
    }
}
