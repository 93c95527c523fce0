//! Reads a JavaScript options object for the pure validation in
//! [`crate::options`], and turns its callback functions into Rust callbacks.
//!
//! Each option is read from the object once: the value its getter gave the
//! first time is the one validated *and* used (callbacks, `container`). A
//! getter that answers differently the second time cannot slip a value
//! past validation, or turn an inline `startAveAuth` into a sheet.
//!
//! The options are the app's values, so reading them may run its code:
//! getters, Proxy traps, a revoked Proxy. Every JavaScript call made here
//! on such a value is a `catch` import (or, in `values.js`, inside a
//! `try`): an exception thrown through wasm would skip its cleanup, leak
//! wasm stack and, after a few hundred calls, poison the module for the
//! page (docs/security.md#hostile-values). What threw becomes the SDK's `TypeError` ("could not
//! be read"). Nothing here converts a value to a string or a number, so a
//! `Symbol.toPrimitive` bomb is just a value of the wrong type, and no
//! string over [`MAX_OPTION_LENGTH`] is copied into wasm.

use crate::prelude::*;
use core::cell::RefCell;

use js_sys::{Array, Function, JsString, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::events::{Callbacks, RuntimeCallbacks};
use crate::error::{OptionError, Problem};
use crate::options::{OptionSource, RawValue, MAX_OPTION_LENGTH};

#[wasm_bindgen]
extern "C" {
    // js-sys declares it without `catch`; it throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

#[wasm_bindgen(module = "/src/browser/values.js")]
extern "C" {
    /// 1: an element of this page's document, 2: of another document, 0:
    /// not an element (a brand check that runs none of the app's code).
    #[wasm_bindgen(js_name = elementKind)]
    fn element_kind(value: &JsValue) -> u32;

    /// `extraParams` as `[k1, v1, …]`, `null` when not a plain object of
    /// strings, a number when longer than `limit`; `Err` when the app's
    /// getter or Proxy trap threw.
    #[wasm_bindgen(catch, js_name = stringEntries)]
    fn string_entries(value: &JsValue, limit: u32) -> Result<JsValue, JsValue>;
}

/// The options argument of one exported function, with each option read
/// so far (`None`: reading it threw), and the defaults of `createAve` (the
/// npm entry's frozen copy: `issuer`, `clientId`, `redirectUri`), which an
/// option the app left out (`undefined` or `null`) falls back to.
pub struct JsOptions {
    object: JsValue,
    defaults: Option<JsValue>,
    read: RefCell<Vec<(&'static str, Option<JsValue>)>>,
}

impl JsOptions {
    /// Fails with a `TypeError` ("FUNCTION: option `options` must be an object")
    /// when the argument is not an object, or "… could not be read" for a
    /// revoked Proxy.
    pub fn new(object: JsValue, function: &'static str) -> Result<Self, OptionError> {
        let problem = if !object.is_object() || object.is_function() {
            Problem::WrongType("an object")
        } else if is_array(&object).is_err() {
            // Only a revoked Proxy makes `Array.isArray` throw (it runs no trap).
            Problem::Unreadable
        } else {
            return Ok(Self {
                object,
                defaults: None,
                read: RefCell::default(),
            });
        };
        Err(OptionError {
            function,
            option: "options",
            problem,
        })
    }

    /// These options with `createAve`'s `defaults` under them (a frozen
    /// object of strings the npm entry made: reading it runs no app code).
    pub fn with_defaults(self, defaults: JsValue) -> Self {
        Self {
            defaults: defaults.is_object().then_some(defaults),
            ..self
        }
    }

    /// The value at `name`, read from the object the first time only (or,
    /// when the app left it out, from the defaults); `None` when reading it
    /// threw. No borrow is held while the app's getter runs (it may call
    /// the SDK again).
    fn get(&self, name: &'static str) -> Option<JsValue> {
        if let Some((_, value)) = self.read.borrow().iter().find(|(n, _)| *n == name) {
            return value.clone();
        }
        let value = Reflect::get(&self.object, &name.into())
            .ok()
            .map(|v| match &self.defaults {
                Some(defaults) if v.is_undefined() || v.is_null() => {
                    Reflect::get(defaults, &name.into()).unwrap_or(v)
                }
                _ => v,
            });
        self.read.borrow_mut().push((name, value.clone()));
        value
    }

    /// The function at `name` (validation already checked its type).
    pub fn function(&self, name: &'static str) -> Option<Function> {
        self.get(name)?.dyn_into::<Function>().ok()
    }

    /// The flow callbacks present in the options (`onSuccess`, `onTokens`,
    /// `onError`, `onSigned`, `onDenied`, `onClose`), called with 0.6.0's
    /// argument objects.
    pub fn callbacks(&self) -> Callbacks {
        Callbacks::from_js(|name| self.function(name))
    }

    /// `onReady`, `onEvent`, `onError` of the runtime.
    pub fn runtime_callbacks(&self) -> RuntimeCallbacks {
        RuntimeCallbacks::from_js(|name| self.function(name))
    }

    /// The element of this page at `name` (validation checked the same
    /// value; an element of another document is not one).
    pub fn element(&self, name: &'static str) -> Option<web_sys::Element> {
        let v = self.get(name)?;
        (element_kind(&v) == 1).then(|| v.unchecked_into())
    }
}

impl OptionSource for JsOptions {
    fn value(&self, name: &'static str) -> RawValue {
        let Some(v) = self.get(name) else {
            return RawValue::Unreadable;
        };
        if v.is_undefined() || v.is_null() {
            RawValue::Absent
        } else if let Some(s) = v.dyn_ref::<JsString>() {
            // Measured before it is copied into wasm.
            if s.length() > MAX_OPTION_LENGTH {
                RawValue::TooLong
            } else {
                RawValue::Str(s.into())
            }
        } else if let Some(n) = v.as_f64() {
            RawValue::Number(n)
        } else if let Some(b) = v.as_bool() {
            RawValue::Bool(b)
        } else if v.is_function() {
            RawValue::Function
        } else {
            match element_kind(&v) {
                1 => RawValue::Element,
                2 => RawValue::ForeignElement,
                _ => string_map(&v),
            }
        }
    }
}

/// A plain object whose values are all strings (`extraParams`) as its
/// entries; `Other` for any other value, `TooLong` past
/// [`MAX_OPTION_LENGTH`] in all, `Unreadable` when a getter or trap threw.
fn string_map(value: &JsValue) -> RawValue {
    let Ok(flat) = string_entries(value, MAX_OPTION_LENGTH) else {
        return RawValue::Unreadable;
    };
    if flat.is_null() {
        return RawValue::Other;
    }
    if flat.as_f64().is_some() {
        return RawValue::TooLong;
    }
    // A loop, not `collect::<Option<Vec<_>>>()`: its adapter costs 0.5 KB of wasm.
    let mut pairs = Vec::new();
    let flat: Array = flat.unchecked_into();
    let mut strings = flat.iter().map(|s| s.as_string().unwrap_or_default());
    while let (Some(k), Some(v)) = (strings.next(), strings.next()) {
        pairs.push((k, v));
    }
    RawValue::StrMap(pairs)
}
