// The DOM calls of dom.rs that take many small values: one crossing from
// wasm instead of one per keyframe field.

/**
 * Animates `el`'s `property` from `from` to `to` over `ms` milliseconds
 * (Web Animations API: CSP-safe, unlike injected `@keyframes`).
 */
export function animate(el, property, from, to, ms) {
  el.animate([{ [property]: from }, { [property]: to }], { duration: ms, easing: "cubic-bezier(0.2, 0.8, 0.2, 1)" });
}
