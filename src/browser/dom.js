// The DOM calls of dom.rs that take many small values or several steps:
// one crossing from wasm instead of one per step.

/**
 * Creates `<tag>` in `doc` styled by `css` declarations through the CSSOM
 * (`style.cssText`: never a `style` attribute, so a strict `style-src`
 * CSP is respected). The tags are the SDK's own constants, so this does
 * not throw, and wasm needs no error path for it.
 */
export function styled(doc, tag, css) {
  const el = doc.createElement(tag);
  el.style.cssText = css;
  return el;
}

/**
 * Animates `el`'s `property` from `from` to `to` over `ms` milliseconds
 * (Web Animations API: CSP-safe, unlike injected `@keyframes`).
 */
export function animate(el, property, from, to, ms) {
  el.animate([{ [property]: from }, { [property]: to }], { duration: ms, easing: "cubic-bezier(0.2, 0.8, 0.2, 1)" });
}

/** The page's `window`, or `undefined` where there is none (a worker). */
export function pageWindow() {
  return typeof window === "undefined" ? undefined : window;
}

/**
 * `bytes` (a view of wasm memory) as UTF-8 text. `fatal`: `undefined` for
 * bytes that are not valid UTF-8; otherwise invalid sequences become
 * U+FFFD, as `String::from_utf8_lossy` does on the host (both follow the
 * Encoding Standard's decoder).
 */
export function utf8(bytes, fatal) {
  try {
    return new TextDecoder("utf-8", { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}
