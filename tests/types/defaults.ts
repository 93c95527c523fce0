// Type test of `createAve` (index.d.ts): the defaults it is given make those
// options optional in every one of the ten functions it returns, and only
// those; without defaults the functions are typed as the package's exports.
import * as ave from "@ave-id/embed";
import { createAve } from "@ave-id/embed";

// With no defaults, each function is typed as the export of the same name.
const plain = createAve({});
const sameAsExports: { [K in keyof typeof plain]: (typeof ave)[K] } = plain;
const exportsAsSame: typeof plain = {
  mountAveEmbed: ave.mountAveEmbed,
  openAveSheet: ave.openAveSheet,
  openAvePopup: ave.openAvePopup,
  startAveAuth: ave.startAveAuth,
  openAveConnectorSheet: ave.openAveConnectorSheet,
  openAveConnectorPopup: ave.openAveConnectorPopup,
  openAveConnectorRuntime: ave.openAveConnectorRuntime,
  openIrisDelegatedRuntime: ave.openIrisDelegatedRuntime,
  openAveSigningSheet: ave.openAveSigningSheet,
  openAveSigningPopup: ave.openAveSigningPopup,
};

// Every default given: a connector call needs only its resource, a sign-in nothing.
const app = createAve({ issuer: "http://127.0.0.1:8081", clientId: "app", redirectUri: "https://app.example/cb" });
const sheet: ave.AveSheetHandle = app.openAveConnectorSheet({ resource: "calendar:google", onSuccess: ({ redirectUrl }) => redirectUrl });
const signIn: Promise<ave.AveSheetHandle> = app.openAveSheet({});
const started: Promise<ave.AveEmbedHandle | ave.AveSheetHandle> = app.startAveAuth({ container: document.body });
const runtime: ave.AveRuntimeHandle = app.openAveConnectorRuntime({ delegatedToken: "t", target: "iris", targetOrigin: "https://iris.example" });
const signing: ave.AvePopupHandle | null = app.openAveSigningPopup({ requestId: "r" });
// A call's own option still has its type.
// @ts-expect-error clientId must be a string
app.openAveConnectorSheet({ resource: "r", clientId: 1 });
// @ts-expect-error the resource is never defaulted
app.openAveConnectorSheet({});

// Only the issuer given: clientId and redirectUri stay required.
const tests = createAve({ issuer: "http://127.0.0.1:8081" });
tests.openAveConnectorSheet({ resource: "r", clientId: "c", redirectUri: "https://app.example/cb" });
// @ts-expect-error clientId is not defaulted
tests.openAveConnectorSheet({ resource: "r", redirectUri: "https://app.example/cb" });

// A default that may be undefined (an unset environment variable) leaves its option required.
declare const fromEnv: string | undefined;
const maybe = createAve({ clientId: fromEnv, redirectUri: "https://app.example/cb" });
// @ts-expect-error clientId may have no default
maybe.openAveConnectorSheet({ resource: "r" });
maybe.openAveConnectorSheet({ resource: "r", clientId: "c" });

// @ts-expect-error only issuer, clientId and redirectUri can be defaulted
createAve({ redirectURI: "https://app.example/cb" });
// @ts-expect-error defaults are strings
createAve({ issuer: new URL("https://aveid.net") });

export { sameAsExports, exportsAsSame, sheet, signIn, started, runtime, signing };
