// The seed's "Connect Google Calendar" example, sign-in with Ave and signing
// requests, against the mock issuer.
import {
  mountAveEmbed,
  openAveConnectorPopup,
  openAveConnectorRuntime,
  openAveConnectorSheet,
  openAvePopup,
  openAveSheet,
  openAveSigningPopup,
  openAveSigningSheet,
} from "/pkg/index.js";

// The dev server tells where the mock issuer runs (another origin).
const { issuerOrigin: issuer } = await (await fetch("/config.json")).json();
const clientId = "demo-app";
const redirectUri = `${location.origin}/connector/callback`;
const $ = (id) => document.getElementById(id);

$("issuer-origin").textContent = issuer;

function log(name, value) {
  const li = document.createElement("li");
  li.textContent = value === undefined ? `${name}()` : `${name}(${JSON.stringify(value)})`;
  $("log").append(li);
  refreshSoon();
}

/** `pairs` as <dt>/<dd data-param> rows of `list`. */
function showPairs(list, pairs) {
  list.replaceChildren();
  for (const [k, v] of pairs) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dd.dataset.param = k;
    list.append(dt, dd);
  }
}

/**
 * The fragment's `name=value` pairs, percent-decoded but with '+' kept as
 * '+' (the keys are standard base64; URLSearchParams would read '+' as ' ').
 */
function fragmentPairs(hash) {
  const decode = (s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return hash
    .replace(/^#/, "")
    .split("&")
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0 ? [decode(part), ""] : [decode(part.slice(0, at)), decode(part.slice(at + 1))];
    });
}

function showRedirect(redirectUrl) {
  $("redirect-url").textContent = redirectUrl;
  const url = new URL(redirectUrl);
  showPairs($("redirect-params"), url.searchParams);
  showPairs($("redirect-fragment"), fragmentPairs(url.hash));
}

// ------------------------------------------------------------ mock issuer switches

const requestId = () => $("request-id").value.trim() || "req-demo-1";
const SWITCHES = ["profile-live", "storage-blocked", "storage-refused", "session", "returning", "app-keys", "app-keys-raw"];

/** The switches the checkboxes ask for. */
function wantedSwitches() {
  const b = (id) => ($(id).checked ? "1" : "0");
  return {
    profile: $("profile-live").checked ? "aveid.net" : "basic",
    storageBlocked: b("storage-blocked"),
    storageAccess: $("storage-refused").checked ? "refuse" : "grant",
    session: b("session"),
    returning: b("returning"),
    appKeys: $("app-keys").checked ? ($("app-keys-raw").checked ? "raw" : "1") : "0",
  };
}

function showSwitchState() {
  $("live-switches").disabled = !$("profile-live").checked;
  $("app-keys-raw").disabled = !$("app-keys").checked;
  $("storage-refused").disabled = !$("storage-blocked").checked;
}

async function mockConfig(params) {
  const res = await fetch(`${issuer}/__mock/config?${new URLSearchParams(params)}`);
  if (!res.ok) throw new Error(`mock config failed: ${res.status} ${(await res.json().catch(() => ({}))).error ?? ""}`);
}

// Applied one after the other, in the order of the clicks.
let applying = Promise.resolve();
function applySwitches() {
  const wanted = wantedSwitches();
  const clients = [...new Set([clientId, requestId()])];
  applying = applying
    .then(async () => {
      // The runtime page has no client: it follows the global profile.
      await mockConfig({ profile: wanted.profile });
      for (const id of clients) await mockConfig({ client_id: id, ...wanted });
      $("mock-status").textContent = `Mock issuer: ${wanted.profile} profile, storage ${wanted.storageBlocked === "1" ? `blocked (access ${wanted.storageAccess === "refuse" ? "refused" : "granted"})` : "allowed"}, ${wanted.session === "1" ? "signed in" : "signed out"}, ${wanted.returning === "1" ? "returning" : "new"} user, app keys ${{ 0: "off", 1: "on", raw: "raw" }[wanted.appKeys]} — for ${clients.join(", ")} (profile also global).`;
    })
    .catch((e) => log("mock config error", e.message));
  return applying;
}

/**
 * The checkboxes from the mock's state: all of them when the page loads,
 * afterwards only "Signed in at Ave" (the issuer's /login changes it).
 */
async function refreshSwitches(all = false) {
  try {
    await applying;
    const state = await (await fetch(`${issuer}/__mock/state?client_id=${encodeURIComponent(clientId)}`)).json();
    $("session").checked = state.session !== false;
    if (all) {
      $("profile-live").checked = state.profile === "aveid.net";
      $("storage-blocked").checked = state.storageBlocked === true;
      $("storage-refused").checked = state.storageAccess === "refuse";
      $("returning").checked = state.returning === true;
      $("app-keys").checked = state.appKeys === "1" || state.appKeys === "raw";
      $("app-keys-raw").checked = state.appKeys === "raw";
    }
    showSwitchState();
  } catch {
    // the mock is unreachable: keep what is shown
  }
}

let refreshTimer = 0;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshSwitches, 200);
}

for (const id of SWITCHES) {
  $(id).addEventListener("change", () => {
    showSwitchState();
    if (id === "profile-live") resetRuntime(); // its page reads the profile when it loads
    applySwitches();
  });
}
// The signing page reads the switches of the client whose id is the request id.
$("request-id").addEventListener("change", () => applySwitches());
refreshSwitches(true);

const base = (mode, extra = {}) => ({
  clientId,
  redirectUri,
  issuer,
  resource: "calendar:google",
  scope: "calendar.read calendar.write",
  mode,
  onSuccess: ({ redirectUrl }) => {
    log(`${mode} onSuccess`, { redirectUrl });
    // A real app would now do: window.location.href = redirectUrl;
    showRedirect(redirectUrl);
  },
  onError: (error) => log(`${mode} onError`, error),
  onClose: () => log(`${mode} onClose`),
  ...extra,
});

$("connect-sheet").addEventListener("click", () => openAveConnectorSheet(base("user_present")));

$("connect-popup").addEventListener("click", () => openAveConnectorPopup(base("user_present")));

// Background first; the seed advises falling back to user_present on error.
$("connect-background").addEventListener("click", () =>
  openAveConnectorSheet(
    base("background", {
      // The live consent never completes without a click: don't wait the default 15 s.
      timeoutMs: 5000,
      onError: (error) => {
        log("background onError", error);
        openAveConnectorSheet(base("user_present"));
      },
    }),
  ),
);

$("auth-required").addEventListener("change", async (e) => {
  await fetch(`${issuer}/__mock/config?client_id=${clientId}&authRequired=${e.target.checked ? 1 : 0}`);
  log("mock authRequired", e.target.checked);
});

$("reset").addEventListener("click", async () => {
  // Forgets approvals and sign-ins (the mock's state for these clients), keeps the chosen behaviour.
  for (const id of new Set([clientId, requestId()])) await fetch(`${issuer}/__mock/reset?client_id=${encodeURIComponent(id)}`);
  await applySwitches();
  $("auth-required").checked = false;
  log("mock reset");
});

// The seed's "AI Inference Runtime" example, with the live issuer's request
// shape: the answer streams in as `token` events, then `done` with the full text.
const answers = new Map(); // request id → the text received so far
let shownId = null; // the request whose answer #answer shows

function displayAIResponse(id, text) {
  answers.set(id, text);
  if (id === shownId) $("answer").textContent = text;
}

function handleError(error) {
  log("runtime onError", error);
}

function createAIRuntime(delegatedToken) {
  const runtime = openAveConnectorRuntime({
    delegatedToken,
    issuer,
    target: "iris",
    targetOrigin: "https://irischat.app",
    mode: "user_present",
    onReady: () => log("runtime onReady"),
    onEvent: (event) => {
      const { id, type } = event;
      if (!answers.has(id)) return; // not one of our requests
      if (type === "token" && typeof event.content === "string") {
        displayAIResponse(id, answers.get(id) + event.content);
      } else if (type === "done") {
        if (typeof event.content === "string") displayAIResponse(id, event.content);
        log("runtime complete", { id });
      } else if (type === "result") {
        if (typeof event.content === "string") displayAIResponse(id, event.content);
        log("runtime result", { id, metadata: event.metadata });
      } else if (type === "error") {
        handleError(event);
      }
    },
    onError: handleError,
  });
  return {
    ask: (content, mode) => {
      const id = `ask-${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("")}`;
      answers.set(id, "");
      shownId = id;
      runtime.send({ id, mode, messages: [{ role: "user", content }] });
    },
    destroy: () => runtime.destroy(),
  };
}

let ai = null;
function resetRuntime() {
  ai?.destroy();
  ai = null;
}

function ask(mode) {
  // A demo token: the mock runtime accepts any non-empty one.
  ai ??= createAIRuntime("demo-delegated-token");
  $("answer").textContent = "";
  ai.ask($("prompt").value, mode);
}

$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  ask("stream");
});
$("ask-json").addEventListener("click", () => ask("json"));

// ------------------------------------------------------------ sign-in

/**
 * Runs `fn` so that a throw (sync) or a rejection (async) is logged instead of
 * breaking the rest of the page. Returns what `fn` returned (or undefined).
 */
function guarded(fn) {
  const report = (e) => log("error", e?.message ?? String(e));
  try {
    const result = fn();
    if (result && typeof result.then === "function") {
      return result.catch((e) => {
        report(e);
        return undefined;
      });
    }
    return result;
  } catch (e) {
    report(e);
    return undefined;
  }
}

/** The claims of a JWT (base64url JSON in the second part), or null. */
function jwtClaims(jwt) {
  try {
    const part = String(jwt).split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** What may be shown of the tokens: never the access token in full, never the raw id_token. */
function tokenSummary(tokens) {
  const t = tokens && typeof tokens === "object" ? tokens : {};
  return {
    token_type: t.token_type,
    expires_in: t.expires_in,
    scope: t.scope,
    access_token: typeof t.access_token === "string" ? `${t.access_token.slice(0, 6)}…` : undefined,
    id_token_claims: t.id_token ? jwtClaims(t.id_token) : undefined,
  };
}

function showTokens(tokens) {
  $("tokens").textContent = JSON.stringify(tokenSummary(tokens), null, 2);
}

let inlineEmbed = null; // the mounted inline sign-in, if any
let inlineSeq = 0; // the latest "Sign in (inline)" click wins

function destroyInline() {
  const embed = inlineEmbed;
  inlineEmbed = null;
  if (embed) guarded(() => embed.destroy());
}

// `onDone` runs after a result or a close (the inline embed cleans up there).
const signin = (kind, onDone = () => {}) => ({
  clientId,
  redirectUri: `${location.origin}/callback`,
  issuer,
  scope: "openid profile email",
  onTokens: (tokens) => {
    const { id_token_claims: claims, ...rest } = tokenSummary(tokens);
    log(`signin ${kind} onTokens`, { ...rest, sub: claims?.sub, nonce: claims?.nonce ? "(present)" : undefined });
    showTokens(tokens);
    onDone();
  },
  // Only called when onTokens is absent; kept for completeness.
  onSuccess: ({ redirectUrl }) => log(`signin ${kind} onSuccess`, { redirectUrl }),
  onError: (error) => log(`signin ${kind} onError`, error),
  onClose: () => {
    log(`signin ${kind} onClose`);
    onDone();
  },
});

$("signin-sheet").addEventListener("click", () => {
  guarded(() => openAveSheet(signin("sheet")));
});

// The browser's account chooser first (FedCM), the sheet where it gives no answer.
$("signin-fedcm").addEventListener("click", () => {
  guarded(() => openAveSheet({ ...signin("sheet"), fedcm: true }));
});

// No await before the call: the popup opens inside this click.
$("signin-popup").addEventListener("click", () => {
  const opened = guarded(() => openAvePopup(signin("popup")));
  opened?.then?.((handle) => {
    if (handle === null) log("signin popup", "blocked");
  });
});

$("signin-inline").addEventListener("click", () => {
  const seq = ++inlineSeq;
  destroyInline();
  // Only the latest embed may clean up: a replaced one reports onClose too.
  const done = () => {
    if (seq === inlineSeq) destroyInline();
  };
  const mounted = guarded(() =>
    mountAveEmbed({ ...signin("inline", done), container: $("signin-inline-container"), height: 560 }),
  );
  mounted?.then?.((handle) => {
    if (!handle) return;
    if (seq !== inlineSeq) {
      // A later click started another embed meanwhile: this one is stale.
      guarded(() => handle.destroy());
      return;
    }
    inlineEmbed = handle;
  });
});

// ------------------------------------------------------------ signing

const signing = (kind) => ({
  requestId: requestId(),
  issuer,
  onSigned: (payload) => log(`sign ${kind} onSigned`, payload),
  onDenied: (payload) => log(`sign ${kind} onDenied`, payload),
  onClose: () => log(`sign ${kind} onClose`),
});

$("sign-sheet").addEventListener("click", () => {
  guarded(() => openAveSigningSheet(signing("sheet")));
});

$("sign-popup").addEventListener("click", () => {
  const handle = guarded(() => openAveSigningPopup(signing("popup")));
  if (handle === null) log("sign popup", "blocked");
});
