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
 * A deep copy of `template` and every element in it, the copy's root first,
 * in document order; an SVG counts as one element (what is drawn inside it
 * is not a part). Copying keeps the styles set through the CSSOM without
 * parsing them again, and a copy is not subject to CSP as a `style`
 * attribute is.
 */
export function cloneParts(template) {
  const root = template.cloneNode(true);
  return [root, ...[...root.querySelectorAll("*")].filter((el) => !el.ownerSVGElement)];
}

/**
 * The sheet's close icon: an SVG ×, as 0.6.0's, drawn in the button's text
 * colour. Not a "×" character: shaping it (a font fallback for the glyph)
 * made a page's first sheet spend milliseconds in layout before its first
 * frame. Attributes, not styles: a strict `style-src` CSP allows them.
 */
export function closeIcon(doc) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = doc.createElementNS(ns, "svg");
  const path = doc.createElementNS(ns, "path");
  const attributes = { viewBox: "0 0 24 24", width: "20", height: "20", fill: "none", stroke: "currentColor", "stroke-width": "2", "stroke-linecap": "round", "aria-hidden": "true", focusable: "false" };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  path.setAttribute("d", "M18 6 6 18M6 6l12 12");
  svg.append(path);
  return svg;
}

/** The reduced-motion query, made at the first sheet (its `matches` is live). */
let reducedMotion;

/**
 * Fades `overlay` in and slides `dialog` up (Web Animations API: CSP-safe,
 * unlike injected `@keyframes`), unless the user prefers reduced motion.
 */
export function slideIn(overlay, dialog) {
  reducedMotion ??= matchMedia("(prefers-reduced-motion: reduce)");
  if (reducedMotion.matches) return;
  const easing = "cubic-bezier(0.2, 0.8, 0.2, 1)";
  overlay.animate([{ opacity: "0" }, { opacity: "1" }], { duration: 200, easing });
  dialog.animate([{ transform: "translateY(100%)" }, { transform: "translateY(0)" }], { duration: 320, easing });
}

/**
 * Hides the page's overflow (`<body>` and `<html>`) while a sheet is open,
 * through the CSSOM; returns the function that puts the page's own values
 * back (removing the property where it had none).
 */
export function lockScroll(doc) {
  const { body, documentElement: root } = doc;
  if (!body || !(root instanceof HTMLElement)) return () => {};
  const saved = [body.style, root.style].map((style) => [style, style.getPropertyValue("overflow")]);
  for (const [style] of saved) style.setProperty("overflow", "hidden");
  return () => {
    for (const [style, value] of saved) {
      if (value) style.setProperty("overflow", value);
      else style.removeProperty("overflow");
    }
  };
}

/**
 * Runs `run` in a task posted from the next animation frame: right after
 * that frame is painted. Returns the function that cancels it.
 */
export function afterPaint(run) {
  let timer;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

// ui/popup.rs: the popup's features computed and formatted here, in one
// crossing from wasm rather than one per read. (In dom.js, not a popup.js
// of its own: wasm-bindgen's test runner serves each JavaScript file as a
// module, and its server has hung Chromium's page load when more of them
// were fetched at once; docs/testing.md.)

/**
 * Opens `url` in `win` as a popup named `name`, `width` × `height` pixels,
 * centred over `win` (whole pixels, never off the top or left of the
 * screen). Returns the new window, or `null` when the browser blocked it.
 */
export function openCentered(win, url, name, width, height) {
  const at = (offset, outer, size) => Math.max(0, Math.round(offset + (outer - size) / 2)) || 0;
  const left = at(win.screenX, win.outerWidth, width);
  const top = at(win.screenY, win.outerHeight, height);
  return win.open(url, name, `popup=yes,width=${width},height=${height},left=${left},top=${top}`);
}
