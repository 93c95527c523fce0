// The plain-JavaScript baseline of `make bench`: what 0.6.0 does for the
// measured operations, in the fewest lines — its sheet's DOM (a blurred
// backdrop, the sheet, a drag handle, a close button with an inline SVG, the
// iframe), its animations (injected @keyframes: fade in, slide up) and one
// message listener that checks origin and source; the runtime relay. No
// validation, accessibility or cleanup guarantees: a floor, not a product.
// Unlike 0.6.0 its close removes the sheet at once (as the SDK's does), so
// that open/close cycles compare.
const KEYFRAMES =
  "@keyframes benchFadeIn { from { opacity: 0 } to { opacity: 1 } }" +
  "@keyframes benchSlideUp { from { transform: translateY(100%) } to { transform: translateY(0) } }";

export function openSheet({ url, origin, onMessage }) {
  const overlay = document.createElement("div");
  overlay.style.cssText =
    "position: fixed; inset: 0; background: rgba(0, 0, 0, 0.7); backdrop-filter: blur(4px); z-index: 999999;" +
    "display: flex; align-items: flex-end; justify-content: center; animation: benchFadeIn 0.2s ease-out";
  const sheet = document.createElement("div");
  sheet.style.cssText =
    "width: 100%; max-width: 500px; max-height: 90vh; background: #090909; border-radius: 24px 24px 0 0;" +
    "overflow: hidden; position: relative; animation: benchSlideUp 0.3s ease-out";
  const handle = document.createElement("div");
  handle.style.cssText = "width: 40px; height: 4px; background: #333; border-radius: 2px; margin: 12px auto";
  const closeButton = document.createElement("button");
  closeButton.innerHTML = '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="#888" stroke-width="2"><path d="M18 6L6 18M6 6l12 12"/></svg>';
  closeButton.style.cssText = "position: absolute; top: 8px; right: 12px; background: transparent; border: none; cursor: pointer; padding: 8px; z-index: 10";
  const iframe = document.createElement("iframe");
  iframe.src = url;
  iframe.style.cssText = "width: 100%; height: calc(90vh - 50px); border: none; background: #090909";
  iframe.allow = "publickey-credentials-get";
  sheet.append(handle, closeButton, iframe);
  overlay.append(sheet);
  const style = document.createElement("style");
  style.textContent = KEYFRAMES;
  document.head.append(style);
  const listener = (e) => {
    if (e.origin === origin && e.source === iframe.contentWindow) onMessage(e.data);
  };
  const close = () => {
    removeEventListener("message", listener);
    overlay.remove();
    style.remove();
  };
  closeButton.onclick = close;
  overlay.onclick = (e) => {
    if (e.target === overlay) close();
  };
  addEventListener("message", listener);
  document.body.append(overlay);
  return { iframe, close };
}

export function openRuntime({ url, origin, delegatedToken, targetOrigin, onEvent, onReady }) {
  const iframe = document.createElement("iframe");
  iframe.src = url;
  iframe.style.setProperty("display", "none");
  document.body.append(iframe);
  let ready = false;
  const queue = [];
  iframe.addEventListener("load", () => {
    ready = false;
    iframe.contentWindow.postMessage({ type: "ave:connector:init", payload: { delegatedToken, targetOrigin } }, origin);
  });
  const listener = (e) => {
    if (e.origin !== origin || e.source !== iframe.contentWindow) return;
    const { type, payload } = e.data ?? {};
    if (type === "ave:connector:ready") {
      ready = true;
      for (const m of queue.splice(0)) iframe.contentWindow.postMessage(m, origin);
      onReady?.();
    } else if (type === "ave:connector:event") onEvent(payload);
  };
  addEventListener("message", listener);
  return {
    iframe,
    send(payload) {
      const m = { type: "ave:connector:request", payload };
      if (ready) iframe.contentWindow.postMessage(m, origin);
      else queue.push(m);
    },
    destroy() {
      removeEventListener("message", listener);
      iframe.remove();
    },
  };
}
