// The copy of `send(message)` that runtime.rs queues and posts (SPEC §3.6).
// Made at once, in JavaScript: the app's getters and Proxy traps run here
// and only here (what they throw reaches runtime.rs as the `Err` of a
// `catch` import), the app may change its object afterwards, and what is
// queued is plain data that posting can never fail on.

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
