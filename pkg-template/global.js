// CDN entry: `<script src="…/ave-embed.global.js">` defines globalThis.AveEmbed
// with the same ten functions as the ESM entry.
import * as AveEmbed from "./index.js";

globalThis.AveEmbed = Object.freeze({ ...AveEmbed });
