// The seed's "React Hook for Connector Authorization" example
// (useConnectorAuth + CalendarConnect), as the seed writes it.
//
// ADAPTED (the only changes to the seed's code):
//   1. `import { aveConfig } from "./aveConfig.js";` (added) and
//      `issuer: aveConfig.issuer,` (added to the openAveConnectorSheet options):
//      the seed relies on the default issuer https://aveid.net; this demo
//      talks to the dev server's mock issuer instead.
//   2. The `export { ... }` line at the end (added), so that App.jsx can use them.
// `process.env.REACT_APP_AVE_CLIENT_ID` is kept: each bundler defines it.
import { useState } from "react";
import { openAveConnectorSheet } from "@ave-id/embed";
import { aveConfig } from "./aveConfig.js"; // ADAPTED (1)

function useConnectorAuth() {
  const [isAuthorizing, setIsAuthorizing] = useState(false);

  const authorizeResource = (resource, scope) => {
    setIsAuthorizing(true);

    openAveConnectorSheet({
      clientId: process.env.REACT_APP_AVE_CLIENT_ID,
      redirectUri: `${window.location.origin}/connector/callback`,
      issuer: aveConfig.issuer, // ADAPTED (1)
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

// Usage
function CalendarConnect() {
  const { authorizeResource, isAuthorizing } = useConnectorAuth();

  return (
    <button
      onClick={() => authorizeResource("calendar:google", "calendar.read calendar.write")}
      disabled={isAuthorizing}
    >
      {isAuthorizing ? "Authorizing..." : "Connect Google Calendar"}
    </button>
  );
}

export { useConnectorAuth, CalendarConnect }; // ADAPTED (2)
