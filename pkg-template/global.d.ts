// Types of the CDN build (`ave-embed.global.js`, the package's `./global`):
// a classic script that defines `globalThis.AveEmbed` with the same ten
// functions as the ESM entry. Import it for its types, or reference it:
//   /// <reference types="ave-embed-wasm/global" />
import type * as AveEmbedModule from "./index.js";

declare global {
  /** The ten functions of `ave-embed-wasm`, as the CDN script defines them. */
  var AveEmbed: typeof AveEmbedModule;
}

export {};
