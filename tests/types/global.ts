// The CDN build's types (`ave-embed-wasm/global`, pkg-template/global.d.ts):
// the `AveEmbed` global has the ten functions with the ESM entry's types.
/// <reference path="../../pkg-template/global.d.ts" />
import type * as Esm from "@ave-id/embed";

const sheet: Esm.AveSheetHandle = AveEmbed.openAveConnectorSheet({
  clientId: "c",
  redirectUri: "https://app.example/cb",
  resource: "calendar:google",
});
sheet.close();
const started: Promise<Esm.AveEmbedHandle | Esm.AveSheetHandle> = AveEmbed.startAveAuth({ redirectUri: "https://app.example/cb" });
void started;
const fromWindow: typeof Esm = globalThis.AveEmbed;
void fromWindow;
// @ts-expect-error: not one of the ten functions
AveEmbed.openAveSomethingElse;
