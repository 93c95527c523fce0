// Test host page: exposes the package and a call log to the e2e suite.
// No inline script, so it also runs under the strict CSP (?csp=strict).
import * as Ave from "/pkg/index.js";

const config = await (await fetch("/config.json")).json();
window.Ave = Ave;
window.config = config;
window.calls = [];
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

/** Connector options with callbacks that record into window.calls. */
window.connectorOptions = (clientId, extra = {}) => ({
  clientId,
  redirectUri: `${location.origin}/connector/callback`,
  issuer: config.issuerOrigin,
  resource: "calendar:google",
  scope: "calendar.read calendar.write",
  onSuccess: (p) => window.calls.push(["onSuccess", p]),
  onError: (p) => window.calls.push(["onError", p]),
  onClose: () => window.calls.push(["onClose"]),
  ...extra,
});

// A button whose click runs window.onOpenerClick (set by a test), so that
// popups are opened from a real user gesture.
document.getElementById("opener").addEventListener("click", () => window.onOpenerClick?.());
/**
 * Playwright's page.evaluate runs with a user gesture. Tests of the popup
 * blocker first spend that transient activation (window.open consumes it),
 * so the SDK's popup is then opened without one, as from a timer.
 */
window.consumeActivation = () => {
  window.open("about:blank", "_blank", "popup,width=10,height=10")?.close();
  if (navigator.userActivation?.isActive) throw new Error("user activation still active");
};

/** Embeds `origin`/e2e/forge.html, which posts `messages` to this page with "*". */
window.forge = (origin, messages) =>
  new Promise((resolve) => {
    const frame = document.createElement("iframe");
    frame.src = `${origin}/e2e/forge.html#${encodeURIComponent(JSON.stringify(messages))}`;
    const onDone = (e) => {
      if (e.source === frame.contentWindow && e.data?.type === "forge:done") {
        removeEventListener("message", onDone);
        frame.remove();
        resolve();
      }
    };
    addEventListener("message", onDone);
    document.body.append(frame);
  });

/**
 * Navigates the SDK's own `frame` to `origin`/e2e/forge.html (as an open
 * redirect on the issuer could), which posts `messages` to this page with
 * "*": the right source window, the wrong origin.
 */
window.forgeInFrame = (frame, origin, messages) =>
  new Promise((resolve) => {
    const onDone = (e) => {
      if (e.source === frame.contentWindow && e.data?.type === "forge:done") {
        removeEventListener("message", onDone);
        resolve();
      }
    };
    addEventListener("message", onDone);
    frame.src = `${origin}/e2e/forge.html#${encodeURIComponent(JSON.stringify(messages))}`;
  });

/** How many "forge:done" markers arrived (forgers in popups report this way). */
window.forgeDone = 0;
addEventListener("message", (e) => {
  if (e.data?.type === "forge:done") window.forgeDone += 1;
});

window.__ready = true;

/** Runtime options that record into window.calls / window.events. */
window.TOKEN = "tok-SECRET-8c1f0e5b";
window.events = [];
window.runtimeOptions = (extra = {}) => ({
  delegatedToken: window.TOKEN,
  issuer: config.issuerOrigin,
  target: "iris",
  targetOrigin: "https://irischat.app",
  mode: "user_present",
  onReady: () => window.calls.push(["onReady"]),
  onEvent: (e) => window.events.push(e),
  onError: (e) => window.calls.push(["onError", e]),
  ...extra,
});

/** Sign-in options that record every callback into window.calls. */
window.signinOptions = (clientId, extra = {}) => ({
  clientId,
  redirectUri: `${location.origin}/callback`,
  issuer: config.issuerOrigin,
  onSuccess: (p) => window.calls.push(["onSuccess", p]),
  onError: (p) => window.calls.push(["onError", p]),
  onClose: () => window.calls.push(["onClose"]),
  ...extra,
});

/** onTokens recorder (its presence makes the SDK run PKCE + nonce). */
window.recordTokens = (t) => window.calls.push(["onTokens", t]);

/** Signing options that record every callback into window.calls. */
window.signingOptions = (requestId, extra = {}) => ({
  requestId,
  issuer: config.issuerOrigin,
  onSigned: (p) => window.calls.push(["onSigned", p]),
  onDenied: (p) => window.calls.push(["onDenied", p]),
  onClose: () => window.calls.push(["onClose"]),
  ...extra,
});

/** Decodes a JWT's payload (test helper). */
window.jwtClaims = (jwt) => JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));

/** Records when window.open is called (to time popups from the click). */
window.openTimes = [];
const realOpen = window.open.bind(window);
window.open = (...args) => {
  window.openTimes.push(performance.now());
  return realOpen(...args);
};

/** Embeds `origin`/e2e/fuzz.html, which posts `count` seeded hostile messages here. */
window.fuzzFrom = (origin, seed, count) =>
  new Promise((resolve) => {
    const frame = document.createElement("iframe");
    frame.src = `${origin}/e2e/fuzz.html#seed=${seed}&count=${count}&app=${encodeURIComponent(location.origin)}`;
    const onDone = (e) => {
      if (e.source === frame.contentWindow && e.data?.type === "forge:done") {
        removeEventListener("message", onDone);
        frame.remove();
        resolve();
      }
    };
    addEventListener("message", onDone);
    document.body.append(frame);
  });

/** Timers the page has pending (setTimeout/setInterval wrapped), to prove none is left behind. */
window.pendingTimers = new Set();
{
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = (fn, ms, ...rest) => {
    const id = st((...a) => { pendingTimers.delete(id); typeof fn === "function" ? fn(...a) : undefined; }, ms, ...rest);
    pendingTimers.add(id);
    return id;
  };
  window.clearTimeout = (id) => { pendingTimers.delete(id); ct(id); };
  window.setInterval = (fn, ms, ...rest) => { const id = si(fn, ms, ...rest); pendingTimers.add(id); return id; };
  window.clearInterval = (id) => { pendingTimers.delete(id); ci(id); };
}
