// The network half of flows/exchange.rs: one JSON POST to the token
// endpoint. In JavaScript because awaiting a fetch from Rust took an async
// runtime (wasm-bindgen-futures, about 11 KB of wasm) for one request per
// sign-in. What is sent and what the answer means stay in Rust.

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
