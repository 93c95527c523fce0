// The reads of the page's own values that take more than one call: the
// options of js_options.rs and the runtime's send(message) (flows/runtime.rs).
// The app's getters and Proxy traps run here and only here; what they throw
// leaves through a `catch` import, never through wasm (docs/security.md#hostile-values: an
// exception thrown through wasm leaks its stack and poisons the module).
//
// (One file for both, not one next to each: wasm-bindgen's test runner
// serves each JavaScript file of the crate as a module of its own, and its
// server has hung Chromium's page load when more of them were fetched at
// once; docs/testing.md.)

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

// The copy of `send(message)` that runtime.rs queues and posts. Made at
// once: the app may change its object afterwards, and what is queued is
// plain data that posting can never fail on.

/** At most this many characters in a request's strings and keys (every other value counts as one). */
const MAX_SIZE = 4 * 1024 * 1024;
/** Nesting deeper than any request shape needs. */
const MAX_DEPTH = 64;
/** What a request may hold. */
const KINDS = "must hold only strings, numbers, booleans, null, arrays and plain objects";
/** Why a message is refused: the end of the TypeError's message. */
class Refused {
  constructor(why) {
    this.why = why;
  }
}

/**
 * A deep copy of `message`: a plain object whose values are strings,
 * numbers, booleans, null, undefined, arrays and plain objects (JSON's
 * values, and undefined), acyclic, at most MAX_DEPTH deep and MAX_SIZE
 * characters. Returns the copy, or a string saying what is wrong.
 * Nothing is converted (no `toJSON`, `toString` or `Symbol.toPrimitive`
 * runs); what a getter or Proxy trap of the app's throws is thrown.
 */
export function requestCopy(message) {
  let size = 0;
  const open = new Set();
  const grow = (n) => {
    size += n;
    if (size > MAX_SIZE) throw new Refused("is too large (at most 4194304 characters in its strings and keys)");
  };
  const plain = (v) => {
    const proto = Object.getPrototypeOf(v);
    return proto === null || proto === Object.prototype;
  };
  const copy = (v, depth) => {
    const type = typeof v;
    if (type === "string") grow(v.length);
    else if (type === "symbol" || type === "function") throw new Refused(KINDS);
    else if (type !== "object" || v === null) grow(1);
    else {
      if (depth > MAX_DEPTH) throw new Refused("must be at most 64 levels deep");
      if (open.has(v)) throw new Refused("must not be cyclic");
      open.add(v);
      let out;
      if (Array.isArray(v)) {
        const n = v.length;
        if (size + n > MAX_SIZE) grow(n); // a length no request needs: refused before the loop
        out = [];
        for (let i = 0; i < n; i++) out.push(copy(v[i], depth + 1));
      } else if (plain(v)) {
        out = {};
        for (const key of Object.keys(v)) {
          grow(key.length);
          // As JSON.parse does it: a key "__proto__" is a property, not the prototype.
          Object.defineProperty(out, key, { value: copy(v[key], depth + 1), enumerable: true, writable: true, configurable: true });
        }
      } else throw new Refused(KINDS);
      open.delete(v);
      return out;
    }
    return v;
  };
  try {
    if (typeof message !== "object" || message === null || Array.isArray(message) || !plain(message)) return "must be a plain object";
    return copy(message, 0);
  } catch (e) {
    if (e instanceof Refused) return e.why;
    throw e;
  }
}
