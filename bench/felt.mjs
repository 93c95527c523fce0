// `make bench`, the part a person feels (issue 28): a page that imports the
// SDK (or the plain-JS baseline) statically, as an app does, and opens a
// connector sheet from a button, loaded in a fresh browser context with the
// DevTools protocol's CPU and network throttling, and tapped with real
// (trusted) input events. Measured the way the web measures it: long tasks
// (> 50 ms) and Total Blocking Time, Event Timing of the tap, the sheet's
// first frame, navigation → callable on Slow 4G, memory.
//
// Served by a small server of its own that gzips (GNU gzip -9, the size
// budget's measure) what it serves, as any host does: the Slow 4G row counts
// bytes on the wire. Both sheets' iframes load one empty page (/connect) from another
// site (localhost vs 127.0.0.1), so that it runs out of the page's process,
// as the issuer's frame does.
import { execFileSync } from "node:child_process";
import http from "node:http";
import { readFileSync } from "node:fs";
import { cdpEvaluate } from "../tests/support/lean-browser.mjs";

/** Slow 4G as Lighthouse and DevTools define it. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
/** Where the page's button is (CSS pixels of the viewport); the taps hit its centre. */
const BUTTON = { x: 20, y: 20, width: 160, height: 48 };

/** Starts the server of the felt pages; returns { origin, close }. */
export async function startFeltServer({ sdkFile, baselineFile }) {
  const gz = (file) => execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 1 << 26 });
  const raw = { sdk: readFileSync(sdkFile), baseline: readFileSync(baselineFile) };
  const zipped = { sdk: gz(sdkFile), baseline: gz(baselineFile) };
  let frameOrigin;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const send = (type, body, gzipped) => {
      const zip = gzipped && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      res.writeHead(200, { "content-type": type, "cache-control": "no-store", ...(zip ? { "content-encoding": "gzip" } : {}) });
      res.end(zip ? gzipped : body);
    };
    const kind = url.searchParams.get("kind") === "sdk" ? "sdk" : "baseline";
    if (url.pathname === "/felt.html") return send("text/html; charset=utf-8", feltPage(kind));
    if (url.pathname === "/app.js") return send("text/javascript", feltApp(kind, frameOrigin));
    if (url.pathname === "/sdk/index.js") return send("text/javascript", raw.sdk, zipped.sdk);
    if (url.pathname === "/baseline.js") return send("text/javascript", raw.baseline, zipped.baseline);
    if (url.pathname === "/connect") return send("text/html; charset=utf-8", "<!doctype html><title>frame</title>");
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  frameOrigin = `http://localhost:${port}`;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

// The page: observers first (long tasks, Event Timing, marks), then the
// app module; a button and some text, as a page has.
function feltPage(kind) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>felt</title>
<script>
window.felt = { longTasks: [], clicks: [], marks: {}, taps: [], errors: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) felt.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.name === "click") felt.clicks.push({ start: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd });
}).observe({ type: "event", durationThreshold: 16, buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) felt.marks[e.name] ??= e.startTime;
  if (felt.marks["ave-embed-wasm:ready"] !== undefined) window.feltSignal?.("ready");
}).observe({ type: "mark", buffered: true });
</script>
<script type="module" src="/app.js?kind=${kind}"></script>
<style>body { font: 16px system-ui, sans-serif; margin: 0; } #open { position: fixed; left: ${BUTTON.x}px; top: ${BUTTON.y}px; width: ${BUTTON.width}px; height: ${BUTTON.height}px; }</style>
</head>
<body>
<button id="open" type="button">Connect</button>
<main style="padding: 100px 20px"><h1>An app</h1><p>${"Some text of the page. ".repeat(40)}</p></main>
</body>
</html>`;
}

// The app: one static import, one button. Each tap is checked (the sheet's
// iframe is in the DOM) before it is timed: a failed call is an error of the
// run, never a fast row. The tap's first frame: the task right after the
// first rendering update that follows the open (a rAF callback, then a
// message posted from it).
function feltApp(kind, frameOrigin) {
  const open =
    kind === "sdk"
      ? `import { openAveConnectorSheet } from "/sdk/index.js";
const open = () => openAveConnectorSheet({ clientId: "bench", redirectUri: location.origin + "/cb", resource: "r", issuer: ${JSON.stringify(frameOrigin)} });`
      : `import { openSheet } from "/baseline.js";
const open = () => openSheet({ url: ${JSON.stringify(frameOrigin + "/connect")}, origin: ${JSON.stringify(frameOrigin)}, onMessage() {} });`;
  return `${open}
let handle;
document.getElementById("open").addEventListener("click", (event) => {
  const start = performance.now();
  try {
    handle = open();
    if (!handle.iframe.isConnected) throw new Error("iframe not in the DOM");
  } catch (e) {
    felt.errors.push(String(e?.stack ?? e));
    window.feltSignal?.("tapped");
    return;
  }
  const end = performance.now();
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      felt.taps.push({ at: event.timeStamp, start, end, frame: performance.now() });
      window.feltSignal?.("tapped");
    };
    channel.port2.postMessage(0);
  });
});
window.closeSheet = () => { handle?.close(); handle = undefined; };
window.openClose = (n) => { for (let i = 0; i < n; i++) { const h = open(); if (!h.iframe.isConnected) throw new Error("iframe not in the DOM"); h.close(); } };
felt.marks.callable = performance.now();
window.feltSignal?.("handler");
${kind === "sdk" ? "" : 'window.feltSignal?.("ready");'}
`;
}

/**
 * A felt page in a fresh browser context, throttled before it navigates:
 * `cpu` (rate), `network` (Network.emulateNetworkConditions or null).
 * `onSignal(name, page)` gets the page's signals ("handler", "ready",
 * "tapped"). Returns { cdp, evaluate, tap, close }.
 */
export async function openFeltPage(browser, url, { cpu = 1, network = null, onSignal = () => {} } = {}) {
  const { sessionId, cdp, close } = await browser.openTarget();
  const page = {
    cdp,
    /** Evaluates `expression` (awaiting a Promise) and returns its value; throws what it threw. */
    evaluate: (expression) => cdpEvaluate(cdp, expression, { userGesture: false }),
    /** A person's tap on the button: press and release sent together (the release does not wait for the press to be handled). */
    tap() {
      const x = BUTTON.x + BUTTON.width / 2, y = BUTTON.y + BUTTON.height / 2;
      return Promise.all([
        cdp("Input.dispatchMouseEvent", { type: "mousePressed", x, y, button: "left", clickCount: 1 }),
        cdp("Input.dispatchMouseEvent", { type: "mouseReleased", x, y, button: "left", clickCount: 1 }),
      ]);
    },
    async close() {
      bindingHandlers(browser).delete(sessionId);
      await close();
    },
  };
  bindingHandlers(browser).set(sessionId, (params) => {
    if (params.name === "feltSignal") onSignal(params.payload, page);
  });
  await cdp("Runtime.enable");
  await cdp("Page.enable");
  await cdp("Runtime.addBinding", { name: "feltSignal" });
  await cdp("Emulation.setCPUThrottlingRate", { rate: cpu });
  if (network) {
    await cdp("Network.enable");
    await cdp("Network.emulateNetworkConditions", network);
  }
  await cdp("Page.navigate", { url });
  return page;
}

// One Runtime.bindingCalled listener per browser, routing by session.
const handlersOf = new WeakMap();
function bindingHandlers(browser) {
  if (!handlersOf.has(browser)) {
    const handlers = new Map();
    browser.on("Runtime.bindingCalled", (params, sessionId) => handlers.get(sessionId)?.(params));
    handlersOf.set(browser, handlers);
  }
  return handlersOf.get(browser);
}

/** The page's signals, counted: `when(name, count)` resolves once `name` has come `count` times; `onSignal` feeds it. */
export function signals() {
  const seen = new Map();
  const waiting = [];
  return {
    onSignal(name) {
      seen.set(name, (seen.get(name) ?? 0) + 1);
      for (const w of waiting.filter((w) => w.name === name && seen.get(name) >= w.count)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    },
    when(name, count = 1, timeoutMs = 60000) {
      if ((seen.get(name) ?? 0) >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${name}" signal (${count}) within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({ name, count, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
  };
}

const feltPath = (kind) => `/felt.html?kind=${kind}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `felt` of the page, after checking that no call failed. */
async function feltOf(page) {
  const felt = await page.evaluate("window.felt");
  if (felt.errors.length) throw new Error(`a call failed in the felt page: ${felt.errors[0]}`);
  return felt;
}

/**
 * Long tasks of one load at `cpu`×, no input: everything until `settleMs`
 * after the handler exists (the SDK's start and idle warm-up are well
 * inside). `own`: the longest task overlapping the library's own work —
 * from the task that evaluates the modules (it sets the "callable" mark)
 * to the SDK's warm-up mark ("ave-embed-wasm:warm"; the baseline has no
 * background work: its evaluation task alone).
 */
export async function loadOnce(browser, origin, kind, { cpu = 4, settleMs = 3000 } = {}) {
  const s = signals();
  const page = await openFeltPage(browser, origin + feltPath(kind), { cpu, onSignal: s.onSignal });
  try {
    await s.when("handler");
    await sleep(settleMs);
    const felt = await feltOf(page);
    const from = felt.marks.callable;
    const to = kind === "sdk" ? felt.marks["ave-embed-wasm:warm"] : from;
    if (to === undefined) throw new Error("the SDK's warm-up did not end within the load's settle time");
    const durations = felt.longTasks.map((t) => t.duration);
    const own = felt.longTasks.filter((t) => t.start <= to && t.start + t.duration >= from).map((t) => t.duration);
    return {
      longest: Math.max(0, ...durations),
      own: Math.max(0, ...own),
      count: durations.length,
      tbt: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      tasks: felt.longTasks,
      marks: felt.marks,
    };
  } finally {
    await page.close();
  }
}

/**
 * A person's first tap, during load at `cpu`×: as soon as the handler
 * exists (`when` = "handler") or right after the SDK's ready mark ("ready";
 * the baseline has no background start: its handler). Event Timing's
 * duration (input → the next paint, 8 ms steps), input delay and handler
 * time, and click → the sheet's first frame.
 */
export async function firstTapOnce(browser, origin, kind, { cpu = 4, when = "handler" } = {}) {
  const s = signals();
  let tapped;
  const page = await openFeltPage(browser, origin + feltPath(kind), {
    cpu,
    onSignal: (name, p) => {
      if (name === when && !tapped) tapped = p.tap();
      s.onSignal(name);
    },
  });
  try {
    await s.when("tapped");
    await tapped;
    await sleep(300); // the Event Timing entry comes after the paint
    return tapFigures(await feltOf(page), 0);
  } finally {
    await page.close();
  }
}

/** The figures of the page's `i`-th tap (its Event Timing entry, when the click took ≥ 16 ms). */
function tapFigures(felt, i) {
  const tap = felt.taps[i];
  if (!tap) throw new Error(`tap ${i} was not recorded`);
  const entry = felt.clicks.find((c) => Math.abs(c.start - tap.at) < 1);
  return {
    duration: entry?.duration ?? null,
    inputDelay: (entry?.processingStart ?? tap.start) - tap.at,
    handler: tap.end - tap.start,
    frame: tap.frame - tap.at,
  };
}

/** Warm opens: the page loaded and idle, one tap (its first open, not counted), then `taps` taps at `cpu`×, each closed before the next. */
export async function warmOpenOnce(browser, origin, kind, { cpu = 1, taps = 5 } = {}) {
  const s = signals();
  const page = await openFeltPage(browser, origin + feltPath(kind), { cpu: 1, onSignal: s.onSignal });
  try {
    await s.when("ready");
    await sleep(1000);
    await page.cdp("Emulation.setCPUThrottlingRate", { rate: cpu });
    const frames = [];
    for (let i = 0; i <= taps; i++) {
      await page.tap();
      await s.when("tapped", i + 1);
      await page.evaluate("closeSheet()");
      await sleep(400);
    }
    const felt = await feltOf(page);
    for (let i = 1; i <= taps; i++) frames.push(tapFigures(felt, i).frame);
    return frames;
  } finally {
    await page.close();
  }
}

/** Navigation → callable (the app's handler exists: the SDK imported and evaluated) on Slow 4G, CPU 1×. */
export async function slowNetworkOnce(browser, origin, kind) {
  const s = signals();
  const page = await openFeltPage(browser, origin + feltPath(kind), { network: SLOW_4G, onSignal: s.onSignal });
  try {
    await s.when("handler");
    return (await feltOf(page)).marks.callable;
  } finally {
    await page.close();
  }
}

/** Memory after import (ready, idle) and after `cycles` open/close cycles: JS heap after GC, wasm memory, DOM nodes (live and detached). */
export async function memoryOnce(browser, origin, kind, { cycles = 200, heap, wasmMemory }) {
  const s = signals();
  const page = await openFeltPage(browser, origin + feltPath(kind), { onSignal: s.onSignal });
  try {
    await s.when("ready");
    await sleep(1000);
    const measure = async () => ({ heap: await heap(page), wasm: await wasmMemory(page), nodes: (await page.cdp("Memory.getDOMCounters")).nodes });
    const afterImport = await measure();
    await page.evaluate(`openClose(${cycles})`);
    await sleep(500);
    const afterCycles = await measure();
    await feltOf(page);
    return { afterImport, afterCycles };
  } finally {
    await page.close();
  }
}

/** The middle sample (the upper of the two for an even count): the median `make bench` and `bench/ab.mjs` both print. */
export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** `once(kind)` for `pairs` pairs, SDK and baseline alternating (the machine's load weighs on both alike). */
export async function alternate(pairs, once) {
  const out = { sdk: [], baseline: [] };
  for (let i = 0; i < pairs; i++) {
    for (const kind of i % 2 ? ["sdk", "baseline"] : ["baseline", "sdk"]) out[kind].push(await once(kind));
  }
  return out;
}
