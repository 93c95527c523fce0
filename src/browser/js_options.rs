//! Reads a JavaScript options object for the pure validation in
//! [`crate::options`], and turns its callback functions into Rust callbacks.

use crate::prelude::*;

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::events::{Callbacks, RuntimeCallbacks};
use crate::error::{OptionError, Problem};
use crate::options::{OptionSource, RawValue};

/// The options argument of one exported function.
pub struct JsOptions {
    object: JsValue,
}

impl JsOptions {
    /// Fails with a `TypeError` ("FUNCTION: option `options` must be an object")
    /// when the argument is not an object.
    pub fn new(object: JsValue, function: &'static str) -> Result<Self, OptionError> {
        crate::browser::panic::install_hook();
        if object.is_object() && !object.is_function() {
            Ok(Self { object })
        } else {
            Err(OptionError {
                function,
                option: "options",
                problem: Problem::WrongType("an object"),
            })
        }
    }

    fn get(&self, name: &str) -> JsValue {
        // A throwing getter or Proxy trap counts as a value of the wrong type.
        Reflect::get(&self.object, &name.into())
            .unwrap_or_else(|_| js_sys::Symbol::for_("invalid").into())
    }

    /// The function at `name` (validation already checked its type).
    pub fn function(&self, name: &str) -> Option<Function> {
        self.get(name).dyn_into::<Function>().ok()
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

    /// The DOM element at `name` (validation already checked its type).
    pub fn element(&self, name: &str) -> Option<web_sys::Element> {
        self.get(name).dyn_into::<web_sys::Element>().ok()
    }
}

impl OptionSource for JsOptions {
    fn value(&self, name: &str) -> RawValue {
        let v = self.get(name);
        if v.is_undefined() || v.is_null() {
            RawValue::Absent
        } else if let Some(s) = v.as_string() {
            RawValue::Str(s)
        } else if let Some(n) = v.as_f64() {
            RawValue::Number(n)
        } else if let Some(b) = v.as_bool() {
            RawValue::Bool(b)
        } else if v.is_function() {
            RawValue::Function
        } else if v.is_instance_of::<web_sys::Element>() {
            RawValue::Element
        } else {
            string_map(&v).map_or(RawValue::Other, RawValue::StrMap)
        }
    }
}

/// The entries of a plain object whose values are all strings (`extraParams`).
fn string_map(value: &JsValue) -> Option<Vec<(String, String)>> {
    if js_sys::Array::is_array(value) {
        return None;
    }
    let proto: JsValue = js_sys::Object::get_prototype_of(value).into();
    let plain = proto.is_null()
        || js_sys::Object::is(
            &proto,
            &js_sys::Object::get_prototype_of(&js_sys::Object::new()),
        );
    if !plain {
        return None;
    }
    // A loop, not `collect::<Option<Vec<_>>>()`: its adapter costs 0.5 KB of wasm.
    let mut entries = Vec::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        entries.push((pair.get(0).as_string()?, pair.get(1).as_string()?));
    }
    Some(entries)
}

impl From<OptionError> for JsValue {
    fn from(e: OptionError) -> Self {
        js_sys::TypeError::new(&e.message()).into()
    }
}
