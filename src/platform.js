// The page as the SDK meets it (src/platform.rs): its window and document,
// UTF-8 decoding, randomness, the network and the call into the app's code.
// Nothing here imports the rest of the SDK.

/** The page's `window`, or `undefined` where there is none (a worker). */
export function pageWindow() {
  return globalThis.window;
}

/** The page's `document`, or `undefined` where there is none. */
export function pageDocument() {
  return globalThis.document;
}

/**
 * `bytes` (a view of wasm memory) as UTF-8 text. `fatal`: `undefined` for
 * bytes that are not valid UTF-8; otherwise invalid sequences become
 * U+FFFD, as `String::from_utf8_lossy` does on the host (both follow the
 * Encoding Standard's decoder).
 */
export function utf8(bytes, fatal) {
  try {
    return new TextDecoder("utf-8", { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Fills `bytes` (a view of wasm memory) from `crypto.getRandomValues`;
 * `false` when the page replaced it with something that throws.
 */
export function fillRandom(bytes) {
  try {
    crypto.getRandomValues(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls an app callback with the arguments given (none for `onClose()`). An
 * exception it throws is reported like an uncaught one (`reportError`) and
 * does not stop the SDK.
 */
export function callUser(f, ...args) {
  try {
    f(...args);
  } catch (e) {
    if (typeof globalThis.reportError === "function") globalThis.reportError(e);
    else console.error("@ave-id/embed: a callback threw", e);
  }
}

// The token exchange's one request (flows/exchange.rs), here because
// awaiting a fetch from Rust took an async runtime (wasm-bindgen-futures,
// about 11 KB of wasm) for one request per sign-in.

/**
 * POSTs `body` as JSON to `url` without credentials, then calls
 * `done(status, json)` exactly once: `json` is the parsed answer or `null`,
 * `status` the HTTP status, or 0 when the endpoint could not be reached.
 */
export function postJson(url, body, done) {
  fetch(url, {
    method: "POST",
    mode: "cors",
    credentials: "omit",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(
    (response) => response.json().then((json) => json, () => null).then((json) => done(response.status, json)),
    () => done(0, null),
  );
}

// Sign-in through the browser's account chooser (FedCM; flows/flow.rs
// `Place::Chooser`, docs/protocol.md#fedcm), here because its request is a
// Promise, as the token exchange's is.

/**
 * Asks the browser's account chooser for the issuer's assertion, with the
 * parameters of the sign-in page's URL `signinURL` (client, redirect URI,
 * scope, state, nonce), then calls `done(kind, a, b)` exactly once: `0,
 * token` for a credential; `1` for no answer (`NetworkError`: dismissed,
 * signed out, a cool-down; `NotSupportedError`; anything else); `2, error,
 * url` when the issuer refused (`IdentityCredentialError`); `3` when there
 * was no request (no `IdentityCredential` in this browser:
 * `navigator.login` alone, as in Firefox, is not FedCM) or it was aborted.
 * Returns the request's abort, or `undefined` when there is no request.
 */
export function fedcmSignIn(configURL, signinURL, done) {
  const none = () => void done(3, "", "");
  if (typeof IdentityCredential !== "function" || typeof navigator.credentials?.get !== "function") return none();
  const q = new URL(signinURL).searchParams;
  const nonce = q.get("nonce");
  const params = { scope: q.get("scope"), redirectUri: q.get("redirect_uri"), state: q.get("state"), nonce };
  const provider = { configURL, clientId: q.get("client_id"), nonce, fields: ["name", "email", "picture"], params };
  const controller = new AbortController();
  const aborted = () => controller.signal.aborted;
  try {
    Promise.resolve(navigator.credentials.get({ identity: { context: "signin", providers: [provider] }, mediation: "optional", signal: controller.signal })).then(
      (credential) => done(aborted() ? 3 : 0, typeof credential?.token === "string" ? credential.token : "", ""),
      (e) =>
        aborted() ? none() : e?.name === "IdentityCredentialError" ? done(2, String(e.error ?? e.code ?? "fedcm_error"), String(e.url ?? "")) : done(1, "", ""),
    );
  } catch {
    return none();
  }
  return () => controller.abort();
}
