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
}

function showRedirect(redirectUrl) {
  $("redirect-url").textContent = redirectUrl;
  const list = $("redirect-params");
  list.replaceChildren();
  for (const [k, v] of new URL(redirectUrl).searchParams) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dd.dataset.param = k;
    list.append(dt, dd);
  }
}

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
  await fetch(`${issuer}/__mock/reset?client_id=${clientId}`);
  $("auth-required").checked = false;
  log("mock reset");
});

// The seed's "AI Inference Runtime" example: the answer streams in as it arrives.
function displayAIResponse(chunk) {
  $("answer").textContent += chunk;
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
      if (event.type === "response") {
        displayAIResponse(event.data);
      } else if (event.type === "error") {
        handleError(event.error);
      } else if (event.type === "complete") {
        log("runtime complete", { id: event.id });
      }
    },
    onError: handleError,
  });
  return {
    ask: (prompt) => {
      runtime.send({ op: "infer", payload: { prompt } });
    },
  };
}

let ai = null;
$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  // A demo token: the mock runtime accepts any non-empty one.
  ai ??= createAIRuntime("demo-delegated-token");
  $("answer").textContent = "";
  ai.ask($("prompt").value);
});

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
  requestId: $("request-id").value.trim() || "req-demo-1",
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
