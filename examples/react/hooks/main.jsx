// The hooks the package ships, `ave-embed-wasm/react`, in a Vite + React 19
// app rendered under <React.StrictMode> and built in development mode (where
// StrictMode mounts, unmounts and mounts every effect). Driven by
// tests/e2e/react-hooks.test.mjs; served at /react/hooks/.
//
// Query parameters: `client` (the connector client id; empty = missing, the
// case of an undefined environment variable).
import React, { useState } from "react";
import { createRoot } from "react-dom/client";
// As README tells users to import it...
import { useAveRuntime, useConnectorAuth } from "ave-embed-wasm/react";
// ...and under the `@ave-id/embed` alias (this example installs both names).
import * as viaAlias from "@ave-id/embed/react";

// What the app's own callbacks were called with, for the test.
window.calls = [];
const record = (...call) => window.calls.push(call);

function describe(error) {
  if (!error) return "";
  return error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
}

function ConnectorAuth({ issuer }) {
  const [clientId, setClientId] = useState(() => new URLSearchParams(location.search).get("client") ?? "");
  const { authorizeResource, isAuthorizing, result, error, close } = useConnectorAuth({
    clientId: clientId || undefined,
    issuer,
    onSuccess: ({ redirectUrl }) => record("onSuccess", redirectUrl),
    onError: (payload) => record("onError", payload),
    onClose: () => record("onClose"),
  });
  return (
    <div>
      <label>
        Client id <input id="client-id" value={clientId} onChange={(e) => setClientId(e.target.value)} />
      </label>{" "}
      <button
        id="connect"
        type="button"
        onClick={() => authorizeResource("calendar:google", "calendar.read calendar.write")}
        disabled={isAuthorizing}
      >
        {isAuthorizing ? "Authorizing..." : "Connect Google Calendar"}
      </button>{" "}
      <button id="close-sheet" type="button" onClick={close}>Close the sheet</button>
      <dl>
        <dt>isAuthorizing</dt>
        <dd id="is-authorizing">{String(isAuthorizing)}</dd>
        <dt>result</dt>
        <dd id="result">{result ? result.redirectUrl : ""}</dd>
        <dt>error</dt>
        <dd id="error">{describe(error)}</dd>
      </dl>
    </div>
  );
}

function Runtime({ issuer }) {
  const { send, events, isReady, error } = useAveRuntime("demo-delegated-token", "iris", "https://irischat.app", {
    issuer,
    onEvent: (event) => record("onEvent", event.type),
  });
  return (
    <div id="runtime">
      <button id="send" type="button" onClick={() => send({ op: "infer", payload: { prompt: "Hello" } })}>
        Send
      </button>
      <p>
        ready: <span id="is-ready">{String(isReady)}</span>, error: <span id="runtime-error">{describe(error)}</span>
      </p>
      <ol id="events">
        {events.map((event, i) => (
          <li key={i}>{JSON.stringify(event)}</li>
        ))}
      </ol>
    </div>
  );
}

function App({ issuer }) {
  const [authMounted, setAuthMounted] = useState(true);
  const [runtimeMounted, setRuntimeMounted] = useState(false);
  return (
    <main>
      <h1>ave-embed-wasm/react</h1>
      <p className="note">
        React <span id="react-version">{React.version}</span>, development build:{" "}
        <span id="dev-build">{String(import.meta.env.DEV)}</span>; <code>@ave-id/embed/react</code> is the same module:{" "}
        <span id="same-module">{String(viaAlias.useConnectorAuth === useConnectorAuth && viaAlias.useAveRuntime === useAveRuntime)}</span>
      </p>
      <section id="auth">
        <h2>useConnectorAuth</h2>
        <button id="toggle-auth" type="button" onClick={() => setAuthMounted((m) => !m)}>
          {authMounted ? "Unmount" : "Mount"}
        </button>
        {authMounted && <ConnectorAuth issuer={issuer} />}
      </section>
      <section id="chat">
        <h2>useAveRuntime</h2>
        <button id="toggle-runtime" type="button" onClick={() => setRuntimeMounted((m) => !m)}>
          {runtimeMounted ? "Unmount" : "Mount"}
        </button>
        {runtimeMounted && <Runtime issuer={issuer} />}
      </section>
    </main>
  );
}

// The issuer origin is known at run time only: read /config.json, then render.
fetch("/config.json")
  .then((res) => {
    if (!res.ok) throw new Error(`/config.json: HTTP ${res.status}`);
    return res.json();
  })
  .then(({ issuerOrigin }) => {
    createRoot(document.getElementById("root")).render(
      <React.StrictMode>
        <App issuer={issuerOrigin} />
      </React.StrictMode>,
    );
  })
  .catch((err) => {
    document.getElementById("root").textContent = `Could not start: ${err.message}`;
    console.error(err);
  });
