// Types of ave-embed-wasm/react (pkg-template/react.d.ts): the two hooks in
// typical components, compiled with `tsc --strict` in `make test`'s types
// layer. `@ts-expect-error` lines prove that wrong options and wrong uses of
// the results are rejected.
import { useState } from "react";
import {
  useAveRuntime,
  useConnectorAuth,
  type AveRuntimeState,
  type ConnectorAuth,
  type UseAveRuntimeOptions,
  type UseConnectorAuthOptions,
} from "ave-embed-wasm/react";
// The same declarations under the alias.
import * as viaAlias from "@ave-id/embed/react";
import type { AveErrorPayload, AveRuntimeEvent, AveSheetHandle, AveSuccessPayload } from "@ave-id/embed";

declare const clientId: string;

export function CalendarConnect() {
  const { authorizeResource, isAuthorizing, result, error, close }: ConnectorAuth = useConnectorAuth({
    clientId,
    issuer: "https://aveid.net",
    mode: "user_present",
    onSuccess: ({ redirectUrl }) => {
      window.location.href = redirectUrl;
    },
    onError: (payload) => console.error(payload.error),
    onClose: () => {},
  });
  const message = error instanceof Error ? error.message : error?.error;
  const url: string | undefined = result?.redirectUrl;
  return (
    <div>
      <button onClick={() => authorizeResource("calendar:google", "calendar.read calendar.write")} disabled={isAuthorizing}>
        {isAuthorizing ? "Authorizing..." : "Connect Google Calendar"}
      </button>
      <button onClick={() => authorizeResource("calendar:google")}>Default scope</button>
      <button onClick={close}>Cancel</button>
      <p>{message ?? url}</p>
    </div>
  );
}

export function AIChat({ delegatedToken }: { delegatedToken: string | null }) {
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const { send, events, isReady, error } = useAveRuntime(delegatedToken, "iris", "https://irischat.app", {
    issuer: "https://aveid.net",
    mode: "user_present",
    timeoutMs: 30000,
    ...(container ? { container, height: 480 } : {}),
    onReady: () => {},
    onEvent: (event) => console.log(event.type),
    onError: (payload) => console.error(payload.error),
  });
  const id: string | undefined = send({ op: "infer", payload: { prompt: "Hello" } });
  const first: AveRuntimeEvent | undefined = events[0];
  return (
    <div ref={setContainer}>
      {isReady ? "ready" : "starting"} {id} {first?.type}
      {error instanceof Error ? error.message : error?.error}
    </div>
  );
}

// Only the token is required.
useAveRuntime("token");
useAveRuntime(undefined);
// redirectUri is optional (default `${location.origin}/connector/callback`).
const minimal: UseConnectorAuthOptions = { clientId: "c" };
const handle: AveSheetHandle | null = useConnectorAuth(minimal).authorizeResource("calendar:google");
void handle;
const payloads: [AveSuccessPayload | null, AveErrorPayload | Error | null] = [useConnectorAuth(minimal).result, useConnectorAuth(minimal).error];
void payloads;
const state: AveRuntimeState = viaAlias.useAveRuntime("token");
void state;
const sameHook: typeof useConnectorAuth = viaAlias.useConnectorAuth;
void sameHook;

// @ts-expect-error: clientId is required
useConnectorAuth({ issuer: "https://aveid.net" });
// @ts-expect-error: mode is "user_present" | "background"
useConnectorAuth({ clientId: "c", mode: "interactive" });
// @ts-expect-error: resource and scope are authorizeResource's arguments, not options
useConnectorAuth({ clientId: "c", resource: "calendar:google" });
// @ts-expect-error: the resource is required
useConnectorAuth(minimal).authorizeResource();
// @ts-expect-error: onSuccess receives the payload, not a string
useConnectorAuth({ clientId: "c", onSuccess: (url: number) => url });
// @ts-expect-error: target is the second argument, not an option
const withTarget: UseAveRuntimeOptions = { target: "iris" };
// @ts-expect-error: isAuthorizing is a boolean
const busy: string = useConnectorAuth(minimal).isAuthorizing;
// @ts-expect-error: timeoutMs is a number
useAveRuntime("token", "iris", undefined, { timeoutMs: "30s" });
