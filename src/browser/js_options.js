// The reads of js_options.rs that take more than one call: what they run of
// the app's (getters, Proxy traps) throws out of here, into a `catch` import.

/**
 * 1 for an element of this page's document, 2 for an element of another
 * document (a frame's), 0 for anything else. The DOM's own `Node` getters
 * are called on `value`: a brand check that runs no Proxy trap and no
 * getter of the app's (a Proxy-wrapped element is not an element), and
 * that works for elements of other same-origin frames too. Never throws.
 */
export function elementKind(value) {
  try {
    const get = (name) => Object.getOwnPropertyDescriptor(Node.prototype, name).get.call(value);
    if (get("nodeType") !== 1) return 0;
    return get("ownerDocument") === document ? 1 : 2;
  } catch {
    return 0;
  }
}

/**
 * `extraParams`: the entries of a plain object whose values are all strings,
 * flat (`[k1, v1, k2, v2, …]`); `null` for any other value; the length so
 * far (a number) once keys and values together pass `limit`. Throws what a
 * getter or Proxy trap throws (`Object.entries` reads every value).
 */
export function stringEntries(value, limit) {
  if (Array.isArray(value)) return null;
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return null;
  const flat = [];
  let length = 0;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") return null;
    length += k.length + v.length;
    if (length > limit) return length;
    flat.push(k, v);
  }
  return flat;
}
