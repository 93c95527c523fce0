// One call of the function named by the page's query (?fn, ?id, ?issuer),
// with options whose callbacks record into window.calls / window.events,
// recording the page state at the moment of the call (window.atCall), the
// handle (window.handle) or the error (window.callError: asserted by the test).
const q = new URLSearchParams(location.search);

function options(fn, id, issuer) {
  const record = (name) => (payload) => window.calls.push([name, payload ?? null]);
  const flow = { issuer, onSuccess: record("onSuccess"), onError: record("onError"), onClose: record("onClose") };
  const runtime = {
    delegatedToken: "states-token",
    issuer,
    targetOrigin: "https://irischat.app",
    onReady: record("onReady"),
    onEvent: (e) => window.events.push(e),
    onError: record("onError"),
  };
  switch (fn) {
    case "openAveConnectorSheet":
    case "openAveConnectorPopup":
      return { ...flow, clientId: id, redirectUri: `${location.origin}/connector/callback`, resource: "calendar:google" };
    case "openAveConnectorRuntime":
      return { ...runtime, target: "iris" };
    case "openIrisDelegatedRuntime":
      return runtime;
    case "openAveSigningSheet":
    case "openAveSigningPopup":
      return { requestId: id, issuer, onSigned: record("onSigned"), onDenied: record("onDenied"), onClose: record("onClose") };
    case "mountAveEmbed":
      return { ...flow, clientId: id, redirectUri: `${location.origin}/callback`, container: document.getElementById("inline") };
    default: // openAveSheet, openAvePopup, startAveAuth
      return { ...flow, clientId: id, redirectUri: `${location.origin}/callback` };
  }
}

const failed = (e) => {
  window.callError = { name: e?.name, message: e?.message ?? String(e) };
};

export function callFromQuery(Ave, where) {
  const fn = q.get("fn");
  if (fn === "window.open") {
    // The control: whether a plain window.open (what 0.6.0 calls) may open a popup here.
    const popup = window.open("about:blank", "control", "popup,width=200,height=200");
    window.controlOpened = !!popup;
    popup?.close();
    return;
  }
  window.atCall = {
    where,
    ready: performance.getEntriesByName("ave-embed-wasm:ready").length > 0,
    warmUps: window.warmUps,
    warmed: performance.getEntriesByName("ave-embed-wasm:warm").length > 0,
    decompression: typeof DecompressionStream,
  };
  const t0 = performance.now();
  try {
    const result = Ave[fn](options(fn, q.get("id"), q.get("issuer")));
    window.atCall.ms = performance.now() - t0;
    if (result instanceof Promise) result.then((h) => (window.handle = h), failed);
    else window.handle = result;
    if (fn.endsWith("Runtime")) result.send({ id: "states", op: "echo", payload: 1 });
  } catch (e) {
    failed(e);
  }
  window.releaseIdle?.();
}
