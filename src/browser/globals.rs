//! The SDK's page-wide state, in one place: the sheet that is open now
//! (one at a time: a new sheet closes it, docs/security.md#one-sheet) and
//! the sheet's template. Everything else lives in its flow.

use crate::prelude::*;
use core::cell::RefCell;

use web_sys::{Document, HtmlElement};

/// A `static` the page's one thread owns (no `thread_local!`: the npm
/// build has no `std`).
struct OneThread<T>(T);
// SAFETY: wasm32 without the `atomics` target feature has exactly one
// thread (the premise of src/allocator.rs too), so the value is never
// reached from two threads.
#[cfg(not(target_feature = "atomics"))]
unsafe impl<T> Sync for OneThread<T> {}

/// How to dismiss the sheet that is open now.
type Dismiss = Box<dyn Fn()>;
static OPEN_SHEET: OneThread<RefCell<Option<Dismiss>>> = OneThread(RefCell::new(None));

/// The sheet's template (`ui/sheet.rs`) and the document it belongs to.
static TEMPLATE: OneThread<RefCell<Option<(Document, HtmlElement)>>> =
    OneThread(RefCell::new(None));

/// Closes the sheet that is open now, if any (its flow reports `onClose`).
pub fn close_open_sheet() {
    // Loop: an `onClose` callback may itself have opened another sheet.
    while let Some(dismiss) = take_open_sheet() {
        dismiss();
    }
}

/// Empties the slot; its borrow ends here, before the dismissal runs (which
/// may open a sheet and fill the slot again).
fn take_open_sheet() -> Option<Dismiss> {
    OPEN_SHEET.0.borrow_mut().take()
}

/// Remembers how to dismiss the sheet that was just opened.
pub fn register_open_sheet(dismiss: Dismiss) {
    *OPEN_SHEET.0.borrow_mut() = Some(dismiss);
}

/// The template kept for `doc`, or the one `build` makes for it (which
/// replaces the one kept: a page opens its sheets in one document).
pub fn sheet_template(doc: &Document, build: impl FnOnce(&Document) -> HtmlElement) -> HtmlElement {
    let mut slot = TEMPLATE.0.borrow_mut();
    match &*slot {
        Some((owner, template)) if js_sys::Object::is(owner, doc) => template.clone(),
        _ => {
            let template = build(doc);
            *slot = Some((doc.clone(), template.clone()));
            template
        }
    }
}
