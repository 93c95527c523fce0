// The app page that framer.html (another origin) frames: it opens one
// sign-in flow at load, as the fragment says ({ issuer, clientId, surface:
// "sheet" | "inline", tokens }), and records every callback in window.calls.
import * as Ave from "/pkg/index.js";

const { issuer, clientId, surface, tokens } = JSON.parse(decodeURIComponent(location.hash.slice(1)));
window.calls = [];
/** `load` events of the flow's iframe: the first one is the issuer's page. */
window.frameLoads = 0;
const options = {
  clientId,
  redirectUri: `${location.origin}/callback`,
  issuer,
  onSuccess: (p) => window.calls.push(["onSuccess", p]),
  onError: (p) => window.calls.push(["onError", p]),
  onClose: () => window.calls.push(["onClose"]),
  ...(tokens ? { onTokens: (t) => window.calls.push(["onTokens", t]) } : {}),
};
// Calls made before the ready mark are the other page-states tests' subject; this one is about framing.
while (performance.getEntriesByName("ave-embed-wasm:ready").length === 0) await new Promise((r) => setTimeout(r, 20));
const handle = surface === "inline"
  ? await Ave.mountAveEmbed({ ...options, container: document.getElementById("inline") })
  : await Ave.openAveSheet(options);
handle.iframe.addEventListener("load", () => (window.frameLoads += 1));
window.__ready = true;
