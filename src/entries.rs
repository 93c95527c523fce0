//! The ten functions of the package, one row each (pure): the one table the
//! wasm's entry dispatches through, and that the npm entry's wrappers
//! (`pkg-template/index.js`) and types (`pkg-template/index.d.ts`) are
//! tested against (the host tests below), so the three cannot drift apart.

/// Which flow a function opens: what its options are and what its
/// messages mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Product {
    /// Connector authorization (`openAveConnector…`).
    Connector,
    /// Sign-in (`openAveSheet`, `openAvePopup`, `mountAveEmbed`, `startAveAuth`).
    SignIn,
    /// A signing request (`openAveSigning…`).
    Signing,
    /// The connector runtime, target from the options.
    Runtime,
    /// The Iris runtime: target `iris`, target origin `https://irischat.app`.
    IrisRuntime,
}

/// Where a function shows its flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    /// A bottom sheet; a connector's `mode: "background"` makes it a hidden frame.
    Sheet,
    /// A popup window; a connector's `mode: "background"` makes it a hidden frame.
    Popup,
    /// An iframe in the app's `container`.
    Inline,
    /// Inline when `container` is given, else a sheet (`startAveAuth`).
    InlineOrSheet,
    /// The runtime's frame: hidden, or in the app's `container`.
    Runtime,
}

/// One exported function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its JavaScript name.
    pub name: &'static str,
    /// What it opens.
    pub product: Product,
    /// Where.
    pub surface: Surface,
    /// Whether it returns a Promise (the sign-in functions, as in 0.6.0).
    pub is_async: bool,
}

impl Entry {
    /// The npm entry's wrapper that gives the handle its 0.6.0 shape
    /// (`pkg-template/index.js`); the tests compare the two.
    #[cfg(test)]
    pub fn shape(&self) -> &'static str {
        match self.surface {
            Surface::Sheet => "sheetShape",
            Surface::Popup => "popupShape",
            Surface::Inline => "embedShape",
            Surface::InlineOrSheet => "embedShape or sheetShape",
            Surface::Runtime => "runtimeShape",
        }
    }

    /// Whether `width` / `height` are a popup's pixels (0.6.0 reads them
    /// only in its popup functions; elsewhere they are ignored, as every
    /// unknown option is).
    pub fn has_popup_size(&self) -> bool {
        self.surface == Surface::Popup
    }
}

const fn entry(name: &'static str, product: Product, surface: Surface, is_async: bool) -> Entry {
    Entry {
        name,
        product,
        surface,
        is_async,
    }
}

/// The functions, by the number the npm entry passes to the wasm's `open`.
pub const ENTRIES: [Entry; 10] = [
    entry(
        "openAveConnectorSheet",
        Product::Connector,
        Surface::Sheet,
        false,
    ),
    entry(
        "openAveConnectorPopup",
        Product::Connector,
        Surface::Popup,
        false,
    ),
    entry(
        "openAveConnectorRuntime",
        Product::Runtime,
        Surface::Runtime,
        false,
    ),
    entry(
        "openIrisDelegatedRuntime",
        Product::IrisRuntime,
        Surface::Runtime,
        false,
    ),
    entry(
        "openAveSigningSheet",
        Product::Signing,
        Surface::Sheet,
        false,
    ),
    entry(
        "openAveSigningPopup",
        Product::Signing,
        Surface::Popup,
        false,
    ),
    entry("mountAveEmbed", Product::SignIn, Surface::Inline, true),
    entry("openAveSheet", Product::SignIn, Surface::Sheet, true),
    entry("openAvePopup", Product::SignIn, Surface::Popup, true),
    entry(
        "startAveAuth",
        Product::SignIn,
        Surface::InlineOrSheet,
        true,
    ),
];

/// The row of a function, by its JavaScript name.
pub fn by_name(name: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::string::String;
    use std::vec::Vec;

    fn read(file: &str) -> String {
        let path = format!("{}/pkg-template/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The body of `export [async] function NAME(options) { … }` in `js`.
    fn js_function<'a>(js: &'a str, name: &str) -> Option<(bool, &'a str)> {
        for (is_async, head) in [
            (false, format!("export function {name}(options) {{")),
            (true, format!("export async function {name}(options) {{")),
        ] {
            if let Some(at) = js.find(&head) {
                let body = &js[at + head.len()..];
                return Some((is_async, &body[..body.find("\n}").unwrap_or(body.len())]));
            }
        }
        None
    }

    /// The npm entry wraps entry `i` of the table as `NAME`: it calls the
    /// wasm with `i` and that name, is async exactly when the row says so,
    /// and shapes the handle as the row's surface says.
    #[test]
    fn index_js_agrees_with_the_table() {
        let js = read("index.js");
        for (i, e) in ENTRIES.iter().enumerate() {
            let (is_async, body) =
                js_function(&js, e.name).unwrap_or_else(|| panic!("index.js has no {}", e.name));
            assert_eq!(is_async, e.is_async, "{}: async", e.name);
            assert!(
                body.contains(&format!("call({i}, \"{}\", options)", e.name)),
                "{}: not entry {i}",
                e.name
            );
            for shape in e.shape().split(" or ") {
                assert!(body.contains(&format!("{shape}(")), "{}: {shape}", e.name);
            }
        }
        // The ten, and `createAve`, which binds them to an app's defaults.
        assert_eq!(
            js.matches("\nexport ").count(),
            ENTRIES.len() + 1,
            "index.js exports"
        );
        assert!(js.contains("\nexport function createAve(defaults) {"));
        for e in ENTRIES {
            assert!(
                js.contains(&format!("\n  {},\n", e.name)),
                "createAve binds {}",
                e.name
            );
        }
    }

    /// `index.d.ts` declares each function once, returning a Promise
    /// exactly when the row is async, of the handle its surface gives.
    #[test]
    fn index_d_ts_agrees_with_the_table() {
        let dts = read("index.d.ts");
        let declared: Vec<&str> = dts
            .lines()
            .filter(|l| l.starts_with("export function "))
            .filter(|l| !l.starts_with("export function createAve<"))
            .collect();
        assert_eq!(declared.len(), ENTRIES.len(), "index.d.ts functions");
        for e in ENTRIES {
            let head = format!("export function {}(options: ", e.name);
            let line = declared
                .iter()
                .find(|l| l.starts_with(&head))
                .unwrap_or_else(|| panic!("index.d.ts has no {}", e.name));
            let returns = line.rsplit("): ").next().unwrap_or_default();
            let handle = match e.surface {
                Surface::Sheet => "AveSheetHandle",
                Surface::Popup => "AvePopupHandle | null",
                Surface::Inline => "AveEmbedHandle",
                Surface::InlineOrSheet => "AveEmbedHandle | AveSheetHandle",
                Surface::Runtime => "AveRuntimeHandle",
            };
            let want = if e.is_async {
                format!("Promise<{handle}>;")
            } else {
                format!("{handle};")
            };
            assert_eq!(returns, want, "{}", e.name);
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        for e in &ENTRIES {
            assert_eq!(by_name(e.name), Some(e));
        }
        assert_eq!(by_name("openAve"), None);
    }
}
