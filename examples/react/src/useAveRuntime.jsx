// The seed's "React Hook for Runtime" example (useAveRuntime + AIChat), as
// the seed writes it.
//
// ADAPTED (the only changes to the seed's code):
//   1. `import { aveConfig } from "./aveConfig.js";` (added) and
//      `issuer: aveConfig.issuer,` (added to the openAveConnectorRuntime options):
//      the seed relies on the default issuer https://aveid.net; this demo
//      talks to the dev server's mock issuer instead.
//   2. The effect's cleanup `return () => { runtimeRef.current?.destroy(); ... }`
//      (added): the seed's effect has none, so unmounting <AIChat> (or a change
//      of token/target) would leak the hidden runtime frame and its message
//      listener, and StrictMode's development double-run would open two frames.
//   3. The `export { ... }` line at the end (added), so that App.jsx can use them.
import { useEffect, useRef, useState } from "react";
import { openAveConnectorRuntime } from "@ave-id/embed";
import { aveConfig } from "./aveConfig.js"; // ADAPTED (1)

function useAveRuntime(delegatedToken, target, targetOrigin) {
  const runtimeRef = useRef(null);
  const [events, setEvents] = useState([]);

  useEffect(() => {
    if (!delegatedToken) return;

    runtimeRef.current = openAveConnectorRuntime({
      delegatedToken,
      target,
      targetOrigin,
      issuer: aveConfig.issuer, // ADAPTED (1)
      mode: "user_present",
      onEvent: (event) => {
        setEvents(prev => [...prev, event]);
      },
    });

    // ADAPTED (2): unmounting destroys the runtime frame.
    return () => {
      runtimeRef.current?.destroy();
      runtimeRef.current = null;
    };
  }, [delegatedToken, target, targetOrigin]);

  const send = (message) => {
    runtimeRef.current?.send(message);
  };

  return { send, events };
}

// Usage
function AIChat({ delegatedToken }) {
  const { send, events } = useAveRuntime(
    delegatedToken,
    "iris",
    "https://irischat.app"
  );

  const handleSend = (prompt) => {
    send({
      op: "infer",
      payload: { prompt },
    });
  };

  return (
    <div>
      {events.map((event, i) => (
        <div key={i}>{JSON.stringify(event)}</div>
      ))}
      <button onClick={() => handleSend("Hello")}>Send</button>
    </div>
  );
}

export { useAveRuntime, AIChat }; // ADAPTED (3)
