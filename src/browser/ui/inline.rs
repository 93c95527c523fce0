//! The inline embed of `mountAveEmbed`: an issuer iframe in the app's
//! container (radius 24px), with the shared "Continue" prompt above it.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlIFrameElement};

use crate::browser::ui::continue_prompt::ContinuePrompt;
use crate::browser::ui::frame::MountedFrame;

/// An inline embed; dropping it removes the iframe and the prompt.
pub struct InlineEmbed {
    frame: MountedFrame,
    prompt: ContinuePrompt,
}

impl InlineEmbed {
    /// Appends the iframe (`width` × `height`, CSS) to `container`.
    pub fn mount(
        doc: &Document,
        container: &Element,
        url: &str,
        title: &str,
        width: &str,
        height: &str,
        on_continue: impl Fn() + 'static,
    ) -> Result<Self, JsValue> {
        // The page's document, as in `MountedFrame::inside`.
        let prompt = ContinuePrompt::new(doc, on_continue);
        container.append_child(prompt.element())?;
        let frame = MountedFrame::inside(
            doc,
            container,
            url,
            title,
            &[
                ("width", width),
                ("height", height),
                ("border-radius", "24px"),
            ],
        )?;
        Ok(Self { frame, prompt })
    }

    /// The issuer iframe.
    pub fn iframe(&self) -> &HtmlIFrameElement {
        self.frame.iframe()
    }

    /// Shows or hides the "Continue" prompt.
    pub fn show_continue(&self, shown: bool) {
        self.prompt.show(shown);
    }
}
