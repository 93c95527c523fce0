// The window-opening half of popup.rs: the popup's features computed and
// formatted here, in one crossing from wasm rather than one per read.

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
