// The seed's React examples, type-checked against index.d.ts. Only the type
// annotations that strict TypeScript needs were added.
import { useEffect, useRef, useState } from "react";
import { openAveConnectorRuntime, openAveConnectorSheet, type AveRuntimeEvent, type AveRuntimeHandle, type AveRuntimeMessage } from "@ave-id/embed";

declare const process: { env: { REACT_APP_AVE_CLIENT_ID: string } };

export function useConnectorAuth() {
  const [isAuthorizing, setIsAuthorizing] = useState(false);
  const authorizeResource = (resource: string, scope: string) => {
    setIsAuthorizing(true);
    openAveConnectorSheet({
      clientId: process.env.REACT_APP_AVE_CLIENT_ID,
      redirectUri: `${window.location.origin}/connector/callback`,
      resource,
      scope,
      mode: "user_present",
      onSuccess: ({ redirectUrl }) => {
        window.location.href = redirectUrl;
      },
      onError: (error) => {
        console.error("Authorization error:", error);
        setIsAuthorizing(false);
      },
      onClose: () => {
        setIsAuthorizing(false);
      },
    });
  };
  return { authorizeResource, isAuthorizing };
}

export function CalendarConnect() {
  const { authorizeResource, isAuthorizing } = useConnectorAuth();
  return (
    <button onClick={() => authorizeResource("calendar:google", "calendar.read calendar.write")} disabled={isAuthorizing}>
      {isAuthorizing ? "Authorizing..." : "Connect Google Calendar"}
    </button>
  );
}

export function useAveRuntime(delegatedToken: string, target: string, targetOrigin: string) {
  const runtimeRef = useRef<AveRuntimeHandle | null>(null);
  const [events, setEvents] = useState<AveRuntimeEvent[]>([]);
  useEffect(() => {
    if (!delegatedToken) return;
    runtimeRef.current = openAveConnectorRuntime({
      delegatedToken,
      target,
      targetOrigin,
      mode: "user_present",
      onEvent: (event) => {
        setEvents((prev) => [...prev, event]);
      },
    });
  }, [delegatedToken, target, targetOrigin]);
  const send = (message: AveRuntimeMessage) => {
    runtimeRef.current?.send(message);
  };
  return { send, events };
}

export function AIChat({ delegatedToken }: { delegatedToken: string }) {
  const { send, events } = useAveRuntime(delegatedToken, "iris", "https://irischat.app");
  const handleSend = (prompt: string) => {
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
