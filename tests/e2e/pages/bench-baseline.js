// The plain-JavaScript baseline of `make bench`: the least code that does the
// same work as the SDK for the measured operations — create the overlay and
// iframe, listen, check origin and source; relay runtime messages. No
// validation, accessibility or cleanup guarantees: a floor, not a product.
export function openSheet({ url, origin, onMessage }) {
  const overlay = document.createElement("div");
  overlay.style.setProperty("position", "fixed");
  overlay.style.setProperty("inset", "0");
  const iframe = document.createElement("iframe");
  iframe.src = url;
  overlay.append(iframe);
  document.body.append(overlay);
  const listener = (e) => {
    if (e.origin === origin && e.source === iframe.contentWindow) onMessage(e.data);
  };
  addEventListener("message", listener);
  return {
    iframe,
    close() {
      removeEventListener("message", listener);
      overlay.remove();
    },
  };
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
