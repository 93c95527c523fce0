// ESM entry of the npm package (bundled by scripts/package.mjs).
//
// Zero configuration: the wasm is inlined (deflated, base64; see inflate.js),
// so every bundler (Vite, webpack 5, esbuild) and a plain
// <script type="module"> work without wasm settings. The functions are
// callable right after `import` and stay synchronous, so popups still open
// inside the caller's click: in a browser the module is unpacked (native
// DecompressionStream) and compiled (off the main thread) in the background
// and instantiated just after import (User Timing mark
// "ave-embed-wasm:ready"), and a call made before that is done unpacks and
// compiles it synchronously instead. Importing in Node (SSR) touches
// neither window, document nor WebAssembly; calling a function there throws.
import * as wasm from "./ave_embed_wasm.js";
import { inflateRaw } from "./inflate.js";
import { deflated, inflater, size } from "./wasm-inline.js";

const inBrowser = typeof window !== "undefined" && typeof document !== "undefined";
let ready = false;
// Whether the page has called a function yet (the warm-up is for its first call).
let called = false;

// Instantiates the module once; the User Timing mark lets pages (and
// `make bench`) see when the SDK became ready.
function start(module) {
  if (ready) return;
  wasm.initSync({ module });
  ready = true;
  globalThis.performance?.mark?.("ave-embed-wasm:ready");
  idle(warmUp);
}

// V8 compiles a wasm or JavaScript function at its first call, and the
// sheet builds its template once per document, so a page's first sheet
// would do all that inside the user's click. Here, while the page is idle
// and before its first call, a connector sheet is opened and closed in an
// inert document of its own (one without a browsing context, so its
// iframes load nothing, and nothing in it reaches the page, its mutation
// observers or the screen), which the wasm is given as the document to
// build in: the whole path of a first open runs once (the
// entry, the options, the flow, the sheet, its listeners and animations),
// and nothing reaches the page: no node, request, callback or error. On a
// slow phone that first run is a long task, so it runs in steps, one per
// idle period, each only when the period has time left for it: the
// options and URL, the sheet's template, then the open and close, which
// have little left to compile by then. A tap comes between two steps, never
// behind all of them. The User Timing mark "ave-embed-wasm:warm" ends it.
const warmOptions = () => ({ clientId: "w", redirectUri: location.origin, resource: "w" });
const warmSteps = [
  (doc) => wasm.warmPart(0, warmOptions(), doc),
  (doc) => wasm.warmPart(1, undefined, doc),
  (doc) => sheetShape(wasm.open(0, warmOptions(), doc)).close(),
];
// An idle period shorter than this (ms) is left for the next one.
const WARM_STEP_MS = 10;
let warmed = 0;
let warmDocument;
function warmUp(deadline) {
  if (called) return;
  if (!deadline || deadline.timeRemaining() >= WARM_STEP_MS) {
    warmDocument ??= document.implementation.createHTMLDocument("");
    try {
      warmSteps[warmed++](warmDocument);
    } catch {
      // Nothing to report: the page's first call runs the same path and
      // throws what this step met, to the caller.
    }
  }
  if (warmed < warmSteps.length) idle(warmUp);
  else globalThis.performance?.mark?.("ave-embed-wasm:warm");
}
function idle(step) {
  (globalThis.requestIdleCallback ?? setTimeout)(step);
}

// The synchronous start, for a call made before the background start is
// done: while the importing module still evaluates, at page load, and in
// every engine without DecompressionStream("deflate-raw"). A start that
// fails (a CSP without 'wasm-unsafe-eval', an engine without a WebAssembly
// feature the module uses) throws a clear Error at every call, and leaves
// nothing behind: no call has touched the page yet.
function load(name) {
  if (ready) return;
  if (!inBrowser) {
    throw new Error(
      `@ave-id/embed: ${name}() needs a browser (window and document); it cannot run during server-side rendering. Call it from an event handler or an effect.`,
    );
  }
  try {
    start(new WebAssembly.Module(unpacked ?? inflateRaw(decodeBase64(inflater), decodeBase64(deflated), size)));
  } catch (cause) {
    throw startError(name, cause);
  }
}

function startError(name, cause) {
  const csp = /Content.Security.Policy|CSP|unsafe-eval/i.test(String(cause?.message));
  return new Error(
    csp
      ? `@ave-id/embed: ${name}() cannot start: the page's Content-Security-Policy blocks WebAssembly. Add 'wasm-unsafe-eval' to its script-src (${cause.message})`
      : `@ave-id/embed: ${name}() cannot start its WebAssembly module: ${cause?.message ?? cause} (see README, "Browser support")`,
    { cause },
  );
}

// The background start (see the top): the browser unpacks the module
// (DecompressionStream) and the engine compiles it off the main thread.
// The unpacked bytes are kept until the start is done, so that a call made
// while the compile is still running compiles them at once rather than
// unpacking the module a second time. (Compiling the inflating stream as it
// comes, with compileStreaming, decoded the module on the main thread, in
// the task that imports the SDK: a tap at load waited behind it.) A failure
// here (no DecompressionStream or no "deflate-raw" in it, a CSP without
// 'wasm-unsafe-eval') is not lost: it leaves the start to the first call,
// whose synchronous path (load) reports it. (A Response body rather than a
// Blob stream: reading a Blob goes through the browser process and took
// three times as long.)
let unpacked;
if (inBrowser && typeof DecompressionStream === "function") {
  (async () => {
    const reader = new Response(decodeBase64(deflated)).body.pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const bytes = new Uint8Array(size);
    let length = 0;
    for (let chunk; !(chunk = await reader.read()).done; length += chunk.value.length) bytes.set(chunk.value, length);
    if (length !== size) throw new Error("corrupt inlined wasm");
    unpacked = bytes;
    const module = await WebAssembly.compile(unpacked);
    unpacked = undefined;
    start(module);
  })().catch(() => {
    unpacked = undefined;
  });
}

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// 0.6.0 returns plain objects whose methods work when destructured
// (`const { close } = openAveConnectorSheet(…)`), so the wasm handles are
// wrapped. Ending frees the wasm side at once (idempotently), or, when it
// comes from inside a call on the handle (an app's getter in a
// postMessage payload calling destroy()), right after that call; a handle
// the app simply drops is freed when the wrapper is garbage-collected.
function ending(h) {
  let live = true;
  let using = 0;
  let freed = false;
  const release = () => {
    if (live || using || freed) return;
    freed = true;
    h.free();
  };
  const end = () => {
    if (!live) return;
    live = false;
    h.close();
    release();
  };
  const use = (f) => {
    using += 1;
    try {
      return f();
    } finally {
      using -= 1;
      release();
    }
  };
  return { end, live: () => live, use };
}
const sheetShape = (h) => ({ iframe: h.iframe ?? null, close: ending(h).end });
const popupShape = (h) => (h ? { popup: h.popup, close: ending(h).end } : null);
const embedShape = (h) => {
  const { end, live, use } = ending(h);
  return { iframe: h.iframe, destroy: end, postMessage: (payload) => (live() ? use(() => h.postMessage(payload)) : undefined) };
};
const runtimeShape = (h) => ({ iframe: h.iframe, send: (message) => h.send(message), destroy: () => h.destroy() });

// Each function is one entry of the wasm, by number (src/browser/exports.rs),
// with the defaults of the createAve call it comes through, if any.
function call(id, name, options) {
  const defaults = callDefaults;
  callDefaults = undefined;
  called = true;
  load(name);
  return wasm.open(id, options, undefined, defaults);
}

export function openAveConnectorSheet(options) {
  return sheetShape(call(0, "openAveConnectorSheet", options));
}

export function openAveConnectorPopup(options) {
  return popupShape(call(1, "openAveConnectorPopup", options));
}

export function openAveConnectorRuntime(options) {
  return runtimeShape(call(2, "openAveConnectorRuntime", options));
}

export function openIrisDelegatedRuntime(options) {
  return runtimeShape(call(3, "openIrisDelegatedRuntime", options));
}

export function openAveSigningSheet(options) {
  return sheetShape(call(4, "openAveSigningSheet", options));
}

export function openAveSigningPopup(options) {
  return popupShape(call(5, "openAveSigningPopup", options));
}

// The sign-in functions are async in 0.6.0: errors become rejections. The
// work (including window.open for the popup) runs synchronously, inside
// the caller's click, before the function returns its Promise.
export async function mountAveEmbed(options) {
  return embedShape(call(6, "mountAveEmbed", options));
}

export async function openAveSheet(options) {
  return sheetShape(call(7, "openAveSheet", options));
}

export async function openAvePopup(options) {
  return popupShape(call(8, "openAvePopup", options));
}

export async function startAveAuth(options) {
  const h = call(9, "startAveAuth", options);
  return h.inline ? embedShape(h) : sheetShape(h);
}

// createAve: the ten functions with an app's defaults under every call's
// options. Not a page-wide setting: two parts of a page (an app and a
// library it embeds) each keep their own issuer. While one of its functions
// runs, `callDefaults` holds its defaults until `call` takes them, which is
// before any of the app's code can run (its getters, callbacks), so a call
// made from there gets none.
const DEFAULT_KEYS = ["issuer", "clientId", "redirectUri"];
let callDefaults;
const functions = {
  openAveConnectorSheet,
  openAveConnectorPopup,
  openAveConnectorRuntime,
  openIrisDelegatedRuntime,
  openAveSigningSheet,
  openAveSigningPopup,
  mountAveEmbed,
  openAveSheet,
  openAvePopup,
  startAveAuth,
};

export function createAve(defaults) {
  const own = Object.create(null);
  if (typeof defaults !== "object" || defaults === null || Array.isArray(defaults)) {
    throw new TypeError("createAve: option `defaults` must be an object of `issuer`, `clientId`, `redirectUri`");
  }
  for (const key of Object.keys(defaults)) {
    if (!DEFAULT_KEYS.includes(key)) throw new TypeError(`createAve: unknown default \`${key}\` (one of ${DEFAULT_KEYS.join(", ")})`);
    const value = defaults[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || value === "") throw new TypeError(`createAve: option \`${key}\` must be a non-empty string`);
    own[key] = value;
  }
  Object.freeze(own);
  const bound = {};
  for (const [name, f] of Object.entries(functions)) {
    bound[name] = (options) => {
      callDefaults = own;
      try {
        return f(options);
      } finally {
        callDefaults = undefined;
      }
    };
  }
  return Object.freeze(bound);
}
