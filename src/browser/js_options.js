// The one read of js_options.rs that needs more than a `catch` import: is
// an option value a DOM element, and of which document?

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
