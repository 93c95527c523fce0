import { useState } from "react";
import { CalendarConnect } from "./useConnectorAuth.jsx";
import { AIChat } from "./useAveRuntime.jsx";

// A demo token for the mock issuer's runtime. A real app gets its delegated
// token from its back end and never hard-codes it.
const DEMO_DELEGATED_TOKEN = "demo-delegated-token";

export default function App() {
  const [chatMounted, setChatMounted] = useState(false);

  return (
    <main>
      <h1>ave-embed-wasm · React</h1>
      <p className="note">
        The seed's React examples, importing <code>@ave-id/embed</code> (aliased to this package), built with{" "}
        <span id="bundler">{process.env.REACT_APP_BUNDLER}</span>.
      </p>

      <section id="calendar">
        <h2>Connector authorization</h2>
        <CalendarConnect />
      </section>

      <section id="chat">
        <h2>Connector runtime</h2>
        <button id="toggle-chat" type="button" aria-pressed={chatMounted} onClick={() => setChatMounted((m) => !m)}>
          {chatMounted ? "Unmount AI chat" : "Mount AI chat"}
        </button>
        {chatMounted && <AIChat delegatedToken={DEMO_DELEGATED_TOKEN} />}
      </section>
    </main>
  );
}
