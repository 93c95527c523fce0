// Type test of index.d.ts: every export and option, compiled with
// `tsc --noEmit --strict` in `make test`. `@ts-expect-error` lines prove that
// wrong option types are rejected (tsc fails if such a line compiles).
import {
  mountAveEmbed,
  openAveConnectorPopup,
  openAveConnectorRuntime,
  openAveConnectorSheet,
  openAvePopup,
  openAveSheet,
  openAveSigningPopup,
  openAveSigningSheet,
  openIrisDelegatedRuntime,
  startAveAuth,
  type AveEmbedHandle,
  type AveErrorPayload,
  type AvePopupHandle,
  type AveRuntimeHandle,
  type AveSheetHandle,
  type AveTokens,
} from "@ave-id/embed";

declare const container: HTMLElement;

// Sign-in: every option.
const common = {
  clientId: "YOUR_CLIENT_ID",
  redirectUri: "https://yourapp.com/callback",
  scope: "openid profile email",
  issuer: "https://aveid.net",
  theme: "dark" as const,
  onSuccess: ({ redirectUrl }: { redirectUrl: string }) => console.log(redirectUrl),
  onError: ({ error, message }: AveErrorPayload) => console.error(error, message),
  onClose: () => {},
  codeChallenge: "challenge",
  codeChallengeMethod: "S256" as const,
  extraParams: { prompt: "login" },
};

async function signIn(): Promise<void> {
  const embed: AveEmbedHandle = await mountAveEmbed({ ...common, container, width: "100%", height: 720 });
  embed.postMessage({ hello: true });
  embed.destroy();
  const sheet: AveSheetHandle = await openAveSheet({ ...common, onTokens: (t: AveTokens) => t.id_token });
  // FedCM first (a sheet with onTokens), in both sheet functions.
  await openAveSheet({ ...common, fedcm: true, onTokens: (t: AveTokens) => t.id_token });
  await startAveAuth({ redirectUri: common.redirectUri, fedcm: true, onTokens: (t: AveTokens) => t.access_token });
  sheet.close();
  const popup: AvePopupHandle | null = await openAvePopup({ ...common, width: 450, height: 650 });
  popup?.close();
  const started: AveEmbedHandle | AveSheetHandle = await startAveAuth({ redirectUri: "https://yourapp.com/cb", container });
  void started;
}
void signIn;

// Connector authorization: the seed's first example, as written.
openAveConnectorSheet({
  clientId: "YOUR_CLIENT_ID",
  redirectUri: "https://yourapp.com/callback",
  resource: "target:resource",
  scope: "resource.access",
  mode: "user_present", // or "background"
  onSuccess: ({ redirectUrl }) => {
    window.location.href = redirectUrl;
  },
});

// The seed's background example, as written.
openAveConnectorSheet({
  clientId: "YOUR_CLIENT_ID",
  redirectUri: "https://yourapp.com/callback",
  resource: "calendar:google",
  scope: "calendar.read",
  mode: "background",
  onSuccess: ({ redirectUrl }) => {
    window.location.href = redirectUrl;
  },
  onError: (error) => {
    // Background auth failed, fall back to user_present mode
    console.error("Silent authorization failed:", error);
  },
});

const connectorPopup: AvePopupHandle | null = openAveConnectorPopup({
  clientId: "c",
  redirectUri: "https://yourapp.com/cb",
  resource: "calendar:google",
  state: "xyz",
  timeoutMs: 5000,
  issuer: "https://aveid.net",
  onClose: () => {},
});
connectorPopup?.close();

// Runtime: the seed's examples, as written.
const runtime: AveRuntimeHandle = openAveConnectorRuntime({
  delegatedToken: "DELEGATED_TOKEN",
  target: "iris", // example target app
  targetOrigin: "https://irischat.app",
  mode: "user_present",
  onEvent: (event) => console.log(event),
});
runtime.send({
  op: "infer",
  payload: { prompt: "hello" },
});
const id: string = runtime.send({ op: "infer", payload: { prompt: "What's the weather today?", model: "gpt-4" } });
void id;
openAveConnectorRuntime({
  delegatedToken: "DELEGATED_TOKEN",
  target: "iris",
  targetOrigin: "https://irischat.app",
  mode: "user_present",
  onEvent: (event) => {
    switch (event.type) {
      case "response":
        console.log("Got response:", event.data);
        break;
      case "error":
        console.error("Runtime error:", event.error);
        break;
      case "complete":
        console.log("Operation complete");
        break;
      default:
        console.log("Unknown event:", event);
    }
  },
});
const iris: AveRuntimeHandle = openIrisDelegatedRuntime({
  delegatedToken: "t",
  container,
  width: 400,
  height: "50vh",
  timeoutMs: 10000,
  issuer: "https://aveid.net",
  onReady: () => {},
  onError: (e) => console.error(e.error),
});
iris.destroy();

// Signing.
const signingSheet: AveSheetHandle = openAveSigningSheet({
  requestId: "req-1",
  issuer: "https://aveid.net",
  onSigned: (p) => console.log(p),
  onDenied: (p) => console.log(p),
  onClose: () => {},
});
signingSheet.close();
const signingPopup: AvePopupHandle | null = openAveSigningPopup({ requestId: "req-2" });
signingPopup?.close();

// Wrong option types are rejected.
// @ts-expect-error resource is required
openAveConnectorSheet({ clientId: "c", redirectUri: "https://a/cb" });
// @ts-expect-error mode is "user_present" | "background"
openAveConnectorSheet({ clientId: "c", redirectUri: "https://a/cb", resource: "r", mode: "silent" });
// @ts-expect-error timeoutMs is a number
openAveConnectorPopup({ clientId: "c", redirectUri: "https://a/cb", resource: "r", timeoutMs: "100" });
// @ts-expect-error codeChallengeMethod is a string ("S256", "plain" or any other, as in 0.6.0)
void openAveSheet({ clientId: "c", redirectUri: "https://a/cb", codeChallengeMethod: 256 });
// @ts-expect-error clientId is a string
void openAveSheet({ clientId: 42, redirectUri: "https://a/cb" });
// @ts-expect-error fedcm is a boolean
void openAveSheet({ clientId: "c", redirectUri: "https://a/cb", fedcm: "yes" });
// @ts-expect-error theme is a string
void openAveSheet({ clientId: "c", redirectUri: "https://a/cb", theme: true });
// @ts-expect-error container is required for mountAveEmbed
void mountAveEmbed({ clientId: "c", redirectUri: "https://a/cb" });
// @ts-expect-error popup width is a number
void openAvePopup({ clientId: "c", redirectUri: "https://a/cb", width: "450px" });
// @ts-expect-error extraParams values are strings
void openAveSheet({ clientId: "c", redirectUri: "https://a/cb", extraParams: { n: 1 } });
// @ts-expect-error delegatedToken is required
openAveConnectorRuntime({ target: "iris" });
// @ts-expect-error onEvent takes one event
openAveConnectorRuntime({ delegatedToken: "t", onEvent: (a: unknown, b: unknown) => [a, b] });
// @ts-expect-error requestId is a string
openAveSigningSheet({ requestId: 42 });
// @ts-expect-error the connector sheet is not a Promise
void openAveConnectorSheet({ clientId: "c", redirectUri: "https://a/cb", resource: "r" }).then;
// @ts-expect-error openAveSheet returns a Promise
openAveSheet({ clientId: "c", redirectUri: "https://a/cb" }).close();
