#!/usr/bin/env node
// `make bench`: what a person feels of the built package (dist/npm) —
// long tasks at load, the first tap, a warm open, Slow 4G, memory
// (bench/felt.mjs) — then size, start-up, latency, throughput and memory
// in detail, in headless Chromium, next to a plain-JavaScript baseline that
// does what 0.6.0 does (tests/e2e/pages/bench-baseline.js) measured in the
// same run. Prints a table, writes target/bench.json, and exits non-zero
// when a budget is missed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { GZIP_BUDGET, GZIP_LIMIT, gzipSize } from "../scripts/size.mjs";
import { startServers } from "../tests/support/server.mjs";
import { alternate, firstTapOnce, loadOnce, median, memoryOnce, slowNetworkOnce, startFeltServer, warmOpenOnce } from "./felt.mjs";
import { launchLean, leanExecutable, leanJsHeapAfterGc, leanWasmMemories, offlineArgs } from "../tests/support/lean-browser.mjs";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const MEMORY_CYCLES = Number(process.env.BENCH_MEMORY_CYCLES ?? 10000);
const STREAM = Number(process.env.BENCH_STREAM ?? 10000);
// BENCH_ONLY=load,tap,warm,net,mem,startup,breakdown,floor,fresh,open,runtime,memory runs a subset (budgets of the rest are skipped).
const ONLY = new Set((process.env.BENCH_ONLY ?? "load,tap,warm,net,mem,startup,breakdown,floor,fresh,open,runtime,memory").split(","));
const FRESH = Number(process.env.BENCH_FRESH ?? 20);
// Pairs of fresh pages (SDK, baseline) per felt figure.
const PAIRS = Number(process.env.BENCH_PAIRS ?? 15);
// Pairs of pages for a warm open: twice as many. Its budget (1.1×) is a
// millisecond at CPU 1×, and with 15 pages × 5 taps a side the same build
// measured against itself in one run came out 1.14× apart (bench/ab.mjs,
// 2026-12-07): the verdict was the noise's. With 30 pages a side the
// build and the baseline alternating gave 1.03× (docs/performance.md).
const WARM_PAIRS = 2 * PAIRS;
// How long after the ready mark the fresh page's idle open comes.
const IDLE_MS = 250;

const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------- bytes
function bytes(file) {
  const data = readFileSync(file);
  return {
    raw: data.length,
    gzip: gzipSize(file),
    brotli: zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const dist = path.join(root, "dist", "npm");
const inlinedWasm = path.join(dist, "..", "..", "target", "bundle", "ave_embed_wasm_bg.wasm");
const files = Object.fromEntries(readdirSync(dist).filter((f) => /\.(js|d\.ts)$/.test(f)).map((f) => [f, bytes(path.join(dist, f))]));
files["ave_embed_wasm_bg.wasm (inlined)"] = bytes(inlinedWasm);
const baselineFile = path.join(root, "tests", "e2e", "pages", "bench-baseline.js");
const baselineBytes = bytes(baselineFile);
// Where index.js's inlined data (function declarations at its end) begins.
const DATA_START = "function aveInflater";

// ---------------------------------------------------------------- browser
// Debian's chromium-headless-shell, the headless Chromium that Playwright
// also runs by default, with --site-per-process so that the issuer's frames
// are out of process as in desktop Chrome (the shell alone would keep them
// in the page's process). It is driven over the DevTools protocol with
// nothing attached to the frames under test (tests/support/lean-browser.mjs):
// Playwright instruments every frame, the issuer's too, which cost both the
// SDK and the baseline about a fifth of their event rate. CHROMIUM=path
// measures another build (e.g. /usr/bin/chromium, the full browser).
const servers = await startServers({ appPort: 0, issuerPort: 0, thirdPort: 0 });
const executablePath = process.env.CHROMIUM ?? leanExecutable();
const browser = await launchLean({
  executablePath,
  args: ["--site-per-process", ...(await offlineArgs())],
});

const { product } = await browser.send("Browser.getVersion");
console.log(`bench: ${product} (${executablePath}), --site-per-process`);

const freshPage = () => browser.newPage(`${servers.appOrigin}/e2e/bench.html`);
/** Runs `fn(arg)` in the page (awaited) and returns its JSON value; `helpers` (named functions) are declared for it. */
const run = (page, fn, arg, helpers = []) => page.evaluate(`(() => { ${helpers.join("\n")}\nreturn (${fn})(${JSON.stringify(arg)}); })()`);
const heap = (page) => leanJsHeapAfterGc(page);
const wasmMemory = async (page) => (await leanWasmMemories(page)).reduce((a, b) => a + b, 0);

// Start-up, 20 fresh pages each. Every module is imported from a blob URL
// of its already fetched text (both files are single self-contained
// modules), so the HTTP request — about the same fixed latency for any file
// here, and whose bytes are budgeted above — is left out, except in
// `network`, shown for reference.
//   ready:   import → the SDK is ready to run calls (its User Timing mark
//            "ave-embed-wasm:ready": unpacked, compiled and instantiated in
//            the background just after import); the baseline: import done.
//   init:    import + a call made at once, by a module that imports the SDK
//            statically and calls it as it runs (the worst case: in the
//            task of the SDK's own evaluation, before the background start
//            can finish, so that call unpacks and compiles the wasm
//            synchronously); timed up to the call's return.
//   network: the same, the SDK fetched over HTTP.
//   awaited: `await import()`, then a call. Here the import's promise
//            resolves only once the background start has finished, so this
//            is start-up plus a first call, not the synchronous path.
//   idle:    only a first call made 250 ms after import.
async function startupOnce(kind, mode) {
  const page = await freshPage();
  const ms = await run(page, async ([kind, mode]) => {
    const file = kind === "sdk" ? "/pkg/index.js" : "/e2e/bench-baseline.js";
    // A real first open, checked (timedOpen throws unless its iframe is in
    // the DOM), so that a row never times an error.
    const call = (m) => timedOpen(kind, m)[1];
    let url = location.origin + file;
    if (mode !== "network") url = moduleUrl(await (await fetch(file, { cache: "no-store" })).text());
    const readyMark = readyMarkTime();
    if (mode === "init" || mode === "network") {
      globalThis.benchCall = call;
      const caller = moduleUrl(`import * as m from ${JSON.stringify(url)}; const h = benchCall(m); export const returned = performance.now(); h.close();`);
      const t0 = performance.now();
      return (await import(caller)).returned - t0;
    }
    let t0 = performance.now();
    const m = await import(url);
    if (mode === "ready") return (kind === "sdk" ? await readyMark : performance.now()) - t0;
    if (mode === "idle") {
      // The first call a page makes later (e.g. on a click), once the
      // SDK's background start after import has had time to finish.
      await new Promise((r) => setTimeout(r, 250));
      t0 = performance.now();
    }
    const h = call(m);
    const ms = performance.now() - t0;
    h.close();
    return ms;
  }, [kind, mode], [readyMarkTime, moduleUrl, timedOpen]);
  await page.close();
  return ms;
}

// In the page: a module URL (a blob URL) of `text`.
function moduleUrl(text) {
  return URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
}

// In the page: when the SDK's "ave-embed-wasm:ready" mark came (buffered:
// it may precede the call).
function readyMarkTime() {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const mark = list.getEntriesByName("ave-embed-wasm:ready")[0];
      if (mark) { observer.disconnect(); resolve(mark.startTime); }
    }).observe({ type: "mark", buffered: true });
  });
}

// SDK and baseline alternate (here and below), so that a change in the
// machine's load during the run weighs on both sides alike.
async function startup() {
  const modes = ["ready", "init", "network", "awaited", "idle"];
  const times = Object.fromEntries(["sdk", "baseline"].map((k) => [k, Object.fromEntries(modes.map((m) => [m, []]))]));
  for (const mode of modes) {
    for (let i = 0; i < 20; i++) {
      for (const kind of i % 2 ? ["sdk", "baseline"] : ["baseline", "sdk"]) times[kind][mode].push(await startupOnce(kind, mode));
    }
  }
  return times;
}

// Where the SDK's start-up goes (information, not a budget), FRESH fresh
// pages: the module's text with two performance.now() stamps, at its first
// statement and just before the inlined data, imported from a blob URL
// (what any import costs here: the baseline's start-up row).
//   parse:    import() → the module's first statement (fetch, parse)
//   evaluate: its evaluation (the glue, the wrappers, the background start's set-up)
//   unpack:   evaluation end → the ready mark (unpack, compile, instantiate)
async function breakdownOnce() {
  const page = await freshPage();
  const times = await run(page, async (dataStart) => {
    const text = await (await fetch("/pkg/index.js", { cache: "no-store" })).text();
    const data = text.indexOf(dataStart);
    if (data < 0) throw new Error("index.js changed shape: update bench.mjs breakdown");
    const stamped = `globalThis.__aveT0=performance.now();${text.slice(0, data)}globalThis.__aveT1=performance.now();${text.slice(data)}`;
    const ready = readyMarkTime();
    const t0 = performance.now();
    await import(moduleUrl(stamped));
    const end = await ready;
    return { parse: globalThis.__aveT0 - t0, evaluate: globalThis.__aveT1 - globalThis.__aveT0, unpack: end - globalThis.__aveT1 };
  }, DATA_START, [readyMarkTime, moduleUrl]);
  await page.close();
  return times;
}

async function breakdown() {
  const all = [];
  for (let i = 0; i < FRESH; i++) all.push(await breakdownOnce());
  return Object.fromEntries(Object.keys(all[0]).map((k) => [k, all.map((t) => t[k])]));
}

// Floors of the start-up row (information, not budgets), FRESH fresh pages
// each, measured as that row is (a blob URL's import → a "ready" mark): the
// baseline module with, appended,
//   tiny:  a 34-byte wasm module, compiled in the background and
//          instantiated — what any wasm adds, before its size counts;
//   wasm:  the SDK's .wasm as plain base64 (native decoding, nothing to
//          unpack), compiled and instantiated with no-op imports — the
//          SDK's module at no unpacking cost (its base64 would not fit the
//          size budget: docs/size.md);
//   text:  the tiny module, plus the SDK's inlined data (the two base64
//          strings of index.js) in a function never called — what carrying
//          that much text costs.
const tinyWasm = "AGFzbQEAAAABBQFgAAF/AwIBAAcFAQFmAAAKBgEEAEEBCw=="; // (func (export "f") (result i32) (i32.const 1))
function floorModules() {
  const baseline = readFileSync(baselineFile, "utf8");
  const sdk = readFileSync(path.join(dist, "index.js"), "utf8");
  if (!sdk.includes(DATA_START)) throw new Error("index.js changed shape: update bench.mjs floors");
  const data = sdk.slice(sdk.indexOf(DATA_START));
  const start = (b64) =>
    `\n;WebAssembly.compile(Uint8Array.fromBase64(${JSON.stringify(b64)})).then((m) => {` +
    `const imports = {}; for (const i of WebAssembly.Module.imports(m)) (imports[i.module] ??= {})[i.name] = () => {};` +
    `new WebAssembly.Instance(m, imports); performance.mark("ave-embed-wasm:ready"); });`;
  return {
    tiny: baseline + start(tinyWasm),
    wasm: baseline + start(readFileSync(inlinedWasm).toString("base64")),
    text: baseline + start(tinyWasm) + "\n" + data,
  };
}

async function floors() {
  const modules = floorModules();
  const times = Object.fromEntries(Object.keys(modules).map((k) => [k, []]));
  for (let i = 0; i < FRESH; i++) {
    for (const [kind, text] of Object.entries(modules)) {
      const page = await freshPage();
      times[kind].push(await run(page, async (text) => {
        const url = moduleUrl(text);
        const ready = readyMarkTime();
        const t0 = performance.now();
        await import(url);
        return (await ready) - t0;
      }, text, [readyMarkTime, moduleUrl]));
      await page.close();
    }
  }
  return times;
}

// In the page: one sheet open of `m` (the SDK or the baseline module), timed
// from the call until its iframe is in the DOM. Both append the overlay with
// the iframe before returning (the SDK's fade-in is a transition, not waited
// for). Shared by the warm and the fresh-page open, so that they compare.
function timedOpen(kind, m) {
  const issuer = location.origin + "/bench-frame";
  const t = performance.now();
  const h = kind === "sdk"
    ? m.openAveConnectorSheet({ clientId: "bench", redirectUri: location.origin + "/cb", resource: "r", issuer })
    : m.openSheet({ url: issuer + "/connect", origin: location.origin, onMessage() {} });
  if (!h.iframe.isConnected) throw new Error("iframe not in the DOM");
  return [performance.now() - t, h];
}

// First sheet open in a fresh page, FRESH pages each: the module imported
// and ready (the SDK: its "ave-embed-wasm:ready" mark, so that the
// background start is not in the figure; the baseline: import done), then
// one open timed as the warm open below — what a page's first click costs.
// `idleMs` later (information, no budget): a click that comes once the page
// has been idle, after the SDK's idle warm-up of a first open.
async function freshOpenOnce(kind, idleMs) {
  const page = await freshPage();
  const ms = await run(page, async ([kind, idleMs]) => {
    const m = await import(kind === "sdk" ? "/pkg/index.js" : "/e2e/bench-baseline.js");
    if (kind === "sdk") await readyMarkTime();
    if (idleMs) await new Promise((resolve) => setTimeout(resolve, idleMs));
    return timedOpen(kind, m)[0];
  }, [kind, idleMs], [timedOpen, readyMarkTime]);
  await page.close();
  return ms;
}

async function freshOpen(idleMs = 0) {
  const times = { sdk: [], baseline: [] };
  for (let i = 0; i < FRESH; i++) {
    for (const kind of i % 2 ? ["sdk", "baseline"] : ["baseline", "sdk"]) times[kind].push(await freshOpenOnce(kind, idleMs));
  }
  return times;
}

// Open → iframe in the DOM, close → DOM clean, per cycle (frames load a
// same-origin URL); SDK and baseline cycles alternate in one page.
async function openClose() {
  const page = await freshPage();
  const result = await run(page, async (n) => {
    const mods = { sdk: await import("/pkg/index.js"), baseline: await import("/e2e/bench-baseline.js") };
    const open = { sdk: [], baseline: [] }, close = { sdk: [], baseline: [] };
    for (let i = 0; i < n; i++) {
      for (const kind of i % 2 ? ["sdk", "baseline"] : ["baseline", "sdk"]) {
        const [ms, h] = timedOpen(kind, mods[kind]);
        open[kind].push(ms);
        const t = performance.now();
        h.close();
        if (document.querySelector("iframe")) throw new Error("DOM not clean");
        close[kind].push(performance.now() - t);
      }
    }
    return { sdk: { open: open.sdk, close: close.sdk }, baseline: { open: open.baseline, close: close.baseline } };
  }, CYCLES, [timedOpen]);
  await page.close();
  return result;
}

// Runtime: echo round trips and a STREAM-event stream from the mock runtime.
async function runtime(kind) {
  const page = await freshPage();
  const result = await run(page, async ([kind, issuerOrigin, count]) => {
    const sdk = await import("/pkg/index.js");
    const base = await import("/e2e/bench-baseline.js");
    let onEvent = () => {};
    const ready = new Promise((resolve) => {
      const opts = { delegatedToken: "bench-token", targetOrigin: location.origin, onEvent: (e) => onEvent(e), onReady: resolve };
      window.rt = kind === "sdk"
        ? sdk.openAveConnectorRuntime({ ...opts, issuer: issuerOrigin })
        : base.openRuntime({ ...opts, url: `${issuerOrigin}/connect/runtime?target=resource&mode=user_present`, origin: issuerOrigin });
    });
    await ready;
    const trips = [];
    for (let i = 0; i < 200; i++) {
      trips.push(await new Promise((resolve) => {
        const id = `echo-${i}`;
        const t = performance.now();
        onEvent = (e) => { if (e.id === id) resolve(performance.now() - t); };
        rt.send({ id, op: "echo", payload: i });
      }));
    }
    const [streamMs, lastHalfMs] = await new Promise((resolve, reject) => {
      let seen = 0;
      let half = NaN;
      const t = performance.now();
      onEvent = (e) => {
        if (e.id !== "stream") return; // a late "complete" of an echo above
        if (e.type === "response" && ++seen === count / 2) half = performance.now();
        else if (e.type === "complete") {
          if (seen !== count) reject(new Error(`stream: ${seen} of ${count} events before "complete"`));
          else resolve([performance.now() - t, performance.now() - half]);
        }
      };
      rt.send({ id: "stream", op: "stream", payload: { count } });
    });
    rt.destroy();
    return { trips, streamMs, lastHalfMs };
  }, [kind, servers.issuerOrigin, STREAM]);
  await page.close();
  return {
    trips: result.trips,
    eventsPerSecond: STREAM / (result.streamMs / 1000),
    lastHalfEventsPerSecond: STREAM / 2 / (result.lastHalfMs / 1000),
  };
}

// Memory: MEMORY_CYCLES open/close cycles; the first 1000 are the warm-up.
async function memory(kind, flow) {
  const page = await freshPage();
  const cycles = (n) => run(page, async ([kind, flow, n]) => {
    const sdk = await import("/pkg/index.js");
    const base = await import("/e2e/bench-baseline.js");
    const issuer = location.origin + "/bench-frame";
    for (let i = 0; i < n; i++) {
      if (flow === "sheet") {
        (kind === "sdk"
          ? sdk.openAveConnectorSheet({ clientId: "bench", redirectUri: location.origin + "/cb", resource: "r", issuer })
          : base.openSheet({ url: issuer + "/connect", origin: location.origin, onMessage() {} })).close();
      } else {
        (kind === "sdk"
          ? sdk.openAveConnectorRuntime({ delegatedToken: "t", issuer })
          : base.openRuntime({ url: issuer + "/connect/runtime", origin: location.origin, delegatedToken: "t", onEvent() {} })).destroy();
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }, [kind, flow, n]);
  const batches = async (n) => { for (let done = 0; done < n; done += 500) { await cycles(Math.min(500, n - done)); await heap(page); } };
  await batches(1000);
  const before = { heap: await heap(page), wasm: await wasmMemory(page) };
  await batches(MEMORY_CYCLES - 1000);
  const after = { heap: await heap(page), wasm: await wasmMemory(page) };
  await page.close();
  return { before, after };
}

const results = { bytes: { files, baseline: baselineBytes } };
const felt = await startFeltServer({ sdkFile: path.join(dist, "index.js"), baselineFile });
try {
  const on = (once) => alternate(PAIRS, once);
  if (ONLY.has("load")) {
    results.load = await on((kind) => loadOnce(browser, felt.origin, kind, { cpu: 4 }));
    // A slower phone (information): where the long tasks come from there.
    results.load6 = await on((kind) => loadOnce(browser, felt.origin, kind, { cpu: 6 }));
  }
  if (ONLY.has("tap")) {
    results.tapAtHandler = await on((kind) => firstTapOnce(browser, felt.origin, kind, { cpu: 4, when: "handler" }));
    results.tapAtReady = await on((kind) => firstTapOnce(browser, felt.origin, kind, { cpu: 4, when: "ready" }));
  }
  if (ONLY.has("warm")) {
    results.warm1 = await alternate(WARM_PAIRS, (kind) => warmOpenOnce(browser, felt.origin, kind, { cpu: 1 }));
    results.warm4 = await alternate(WARM_PAIRS, (kind) => warmOpenOnce(browser, felt.origin, kind, { cpu: 4 }));
  }
  if (ONLY.has("net")) results.slow4g = await on((kind) => slowNetworkOnce(browser, felt.origin, kind));
  if (ONLY.has("mem")) results.felt_memory = await alternate(3, (kind) => memoryOnce(browser, felt.origin, kind, { heap, wasmMemory }));
  if (ONLY.has("startup")) results.startup = await startup();
  if (ONLY.has("breakdown")) results.breakdown = await breakdown();
  if (ONLY.has("floor")) results.floors = await floors();
  if (ONLY.has("fresh")) {
    results.freshOpen = await freshOpen();
    results.freshIdleOpen = await freshOpen(IDLE_MS);
  }
  if (ONLY.has("open")) results.openClose = await openClose();
  if (ONLY.has("runtime")) {
    // Seven alternating rounds; each figure is the median of its rounds.
    const rounds = { sdk: [], baseline: [] };
    for (let i = 0; i < 7; i++) for (const kind of i % 2 ? ["sdk", "baseline"] : ["baseline", "sdk"]) rounds[kind].push(await runtime(kind));
    const merge = (rs) => ({
      trips: rs.flatMap((r) => r.trips),
      eventsPerSecond: median(rs.map((r) => r.eventsPerSecond)),
      lastHalfEventsPerSecond: median(rs.map((r) => r.lastHalfEventsPerSecond)),
      rounds: rs.map((r) => Math.round(r.eventsPerSecond)),
    });
    results.runtime = { sdk: merge(rounds.sdk), baseline: merge(rounds.baseline) };
  }
  if (ONLY.has("memory")) results.memory = {
    sheet: { sdk: await memory("sdk", "sheet"), baseline: await memory("baseline", "sheet") },
    runtime: { sdk: await memory("sdk", "runtime"), baseline: await memory("baseline", "runtime") },
  };
} finally {
  await browser.close();
  await servers.close();
  await felt.close();
}

// ---------------------------------------------------------------- report
const rows = [];
const budgets = [];
const row = (what, sdk, baseline, unit, ratio = true) =>
  rows.push([what, sdk, baseline ?? "", ratio && baseline ? `${(sdk / baseline).toFixed(2)}×` : "", unit]);
const budget = (what, ok, detail) => budgets.push({ what, ok, detail });
// The SDK's median against `factor` × the baseline's (the budgets
// are ratios). Each time is the difference of two performance.now() stamps
// (here 100 µs apart at best: no cross-origin isolation), so a median
// carries float noise (2.4000000000005); it is compared rounded to 1 µs,
// as printed, so that a printed 1.20× is within a 1.2× budget.
const microseconds = (ms) => Math.round(ms * 1000) / 1000;
const relative = (what, factor, sdk, base, digits = 2) => {
  const a = microseconds(median(sdk)), b = microseconds(median(base));
  budget(`${what} ≤ ${factor}× baseline`, a <= factor * b, `${a.toFixed(digits)} vs ${b.toFixed(digits)} ms (${(a / b).toFixed(2)}×)`);
};

// What a person feels (bench/felt.mjs): median / p90 on each side, the
// ratio of medians.
const fmt = (xs) => (xs.length ? `${median(xs).toFixed(1)} / ${p90(xs).toFixed(1)}` : "—");
/** A row of `{ sdk, baseline }` samples. */
const feltRow = (what, { sdk, baseline }, unit = "ms") =>
  rows.push([what, fmt(sdk), fmt(baseline), baseline.length && median(baseline) ? `${(median(sdk) / median(baseline)).toFixed(2)}×` : "", unit]);
const both = (r, f) => ({ sdk: r.sdk.flatMap(f), baseline: r.baseline.flatMap(f) });
rows.push(["— felt: median / p90 (CPU throttled over the DevTools protocol, fresh contexts, SDK and baseline alternating)", "", "", "", ""]);
if (results.load) {
  const l = results.load;
  const own = both(l, (r) => [r.own]);
  feltRow(`load, CPU 4×: the longest long task of the library's start and warm-up (0: none; ${PAIRS} loads)`, own);
  const longest = both(l, (r) => [r.longest]);
  feltRow("load, CPU 4×: the longest long task of the whole load (the page's own included)", longest);
  feltRow("load, CPU 4×: long tasks (> 50 ms)", both(l, (r) => [r.count]), "tasks");
  const tbt = both(l, (r) => [r.tbt]);
  feltRow("load, CPU 4×: Total Blocking Time", tbt);
  rows.push(["load, CPU 4×: Total Blocking Time added (difference of the medians)", (median(tbt.sdk) - median(tbt.baseline)).toFixed(1), "", "", "ms"]);
  const l6 = results.load6;
  feltRow("load, CPU 6× (information): the longest long task of the library's start and warm-up", both(l6, (r) => [r.own]));
  feltRow("load, CPU 6× (information): the longest long task of the whole load", both(l6, (r) => [r.longest]));
  const m = median(own.sdk);
  budget("load at CPU 4×: no SDK long task over 50 ms (median of the loads)", m <= 50, `longest task of its start and warm-up, median ${m.toFixed(1)} ms (p90 ${p90(own.sdk).toFixed(1)}; baseline's evaluation ${median(own.baseline).toFixed(1)})`);
}
const tapRows = (label, r) => {
  const under = both(r, (t) => [t.duration === null ? 1 : 0]);
  // No Event Timing entry: the click took under its 16 ms threshold; counted as 16 (the most it can be).
  const duration = both(r, (t) => [t.duration ?? 16]);
  feltRow(`${label}: Event Timing duration${under.sdk.some(Boolean) || under.baseline.some(Boolean) ? " (< 16 ms counted as 16)" : ""}`, duration);
  feltRow(`${label}: input delay`, both(r, (t) => [t.inputDelay]));
  feltRow(`${label}: handler`, both(r, (t) => [t.handler]));
  feltRow(`${label}: click → the sheet's first frame`, both(r, (t) => [t.frame]));
  return duration;
};
if (results.tapAtHandler) {
  const d = tapRows("first tap as soon as the handler exists, CPU 4×", results.tapAtHandler);
  const a = median(d.sdk), b = median(d.baseline);
  budget("first tap during load at CPU 4× ≤ 1.25× baseline (Event Timing duration)", a <= 1.25 * b, `${a.toFixed(1)} vs ${b.toFixed(1)} ms (${(a / b).toFixed(2)}×)`);
  tapRows("first tap right after the ready mark, CPU 4×", results.tapAtReady);
}
for (const [key, cpu] of [["warm1", 1], ["warm4", 4]]) {
  const r = results[key];
  if (!r) continue;
  const frames = both(r, (xs) => xs);
  feltRow(`warm open, CPU ${cpu}×: click → the sheet's first frame (${WARM_PAIRS} pages × 5 taps)`, frames);
  if (cpu === 1) {
    const a = median(frames.sdk), b = median(frames.baseline);
    budget("warm open at CPU 1×: click → first frame ≤ 1.1× baseline", a <= 1.1 * b, `${a.toFixed(1)} vs ${b.toFixed(1)} ms (${(a / b).toFixed(2)}×)`);
  }
}
if (results.slow4g) {
  const n = results.slow4g;
  feltRow("Slow 4G (1.6 Mbps, 150 ms RTT), CPU 1×: navigation → callable", n);
  const a = median(n.sdk), b = median(n.baseline);
  budget("Slow 4G: navigation → callable ≤ baseline + 150 ms", a <= b + 150, `${a.toFixed(1)} vs ${b.toFixed(1)} ms (+${(a - b).toFixed(1)})`);
}
if (results.felt_memory) {
  const m = results.felt_memory;
  for (const [when, label] of [["afterImport", "after import (ready, idle)"], ["afterCycles", "after 200 open/close cycles"]]) {
    feltRow(`memory ${label}: JS heap`, both(m, (r) => [r[when].heap / 1024]), "KB");
    feltRow(`memory ${label}: wasm memory`, both(m, (r) => [r[when].wasm / 1024]), "KB");
    feltRow(`memory ${label}: DOM nodes`, both(m, (r) => [r[when].nodes]), "nodes");
  }
}
rows.push(["— detail (information, except where a budget below names it)", "", "", "", ""]);

for (const [f, b] of Object.entries(files)) rows.push([`bytes ${f} (raw / gzip / brotli)`, `${b.raw} / ${b.gzip} / ${b.brotli}`, "", "", "B"]);
rows.push(["bytes baseline (raw / gzip / brotli)", `${baselineBytes.raw} / ${baselineBytes.gzip} / ${baselineBytes.brotli}`, "", "", "B"]);
const esm = files["index.js"].gzip, cdn = files["ave-embed.global.js"].gzip;
budget(`gzip of dist/npm/index.js ≤ ${kb(GZIP_LIMIT)} (the size guard; goal ${kb(GZIP_BUDGET)})`, esm <= GZIP_LIMIT, `${kb(esm)} (${esm} B)`);
budget(`gzip of dist/npm/ave-embed.global.js ≤ ${kb(GZIP_LIMIT)} (the size guard; goal ${kb(GZIP_BUDGET)})`, cdn <= GZIP_LIMIT, `${kb(cdn)} (${cdn} B)`);

const s = results.startup;
if (s) {
row("start-up median (import → ready)", +median(s.sdk.ready).toFixed(2), +median(s.baseline.ready).toFixed(2), "ms");
rows.push(["start-up p95 (import → ready)", +p95(s.sdk.ready).toFixed(2), +p95(s.baseline.ready).toFixed(2), "", "ms"]);
row("import + a sheet open at once (static import: sync unpack, worst case)", +median(s.sdk.init).toFixed(2), +median(s.baseline.init).toFixed(2), "ms");
row("the same incl. the HTTP request", +median(s.sdk.network).toFixed(2), +median(s.baseline.network).toFixed(2), "ms");
row("await import(), then a sheet open (background start done)", +median(s.sdk.awaited).toFixed(2), +median(s.baseline.awaited).toFixed(2), "ms");
row("first sheet open 250 ms after import", +median(s.sdk.idle).toFixed(2), +median(s.baseline.idle).toFixed(2), "ms", false);
// (Its former budgets — start-up ≤ 2×, a call at once ≤ 3× — are retired:
// the felt figures above replace them.)
}

const bd = results.breakdown;
if (bd) {
rows.push([`start-up: import() → the SDK module runs (fetch, parse; ${FRESH} pages)`, +median(bd.parse).toFixed(2), "", "", "ms"]);
rows.push(["start-up: the module's evaluation", +median(bd.evaluate).toFixed(2), "", "", "ms"]);
rows.push(["start-up: evaluated → ready (unpack, compile, instantiate)", +median(bd.unpack).toFixed(2), "", "", "ms"]);
}

const fl = results.floors;
if (fl && s) {
const floorRows = {
  tiny: "a 34-byte wasm module",
  wasm: "the SDK's wasm, not packed (base64)",
  text: "the 34-byte module + index.js's data, unused",
};
for (const [kind, what] of Object.entries(floorRows)) {
  row(`start-up floor: baseline + ${what}`, +median(fl[kind]).toFixed(2), +median(s.baseline.ready).toFixed(2), "ms");
}
}

const fo = results.freshOpen;
if (fo) {
row(`first sheet open in a fresh page median (${FRESH} pages)`, +median(fo.sdk).toFixed(2), +median(fo.baseline).toFixed(2), "ms");
rows.push(["first sheet open in a fresh page p95", +p95(fo.sdk).toFixed(2), +p95(fo.baseline).toFixed(2), "", "ms"]);
const fi = results.freshIdleOpen;
row(`the same, ${IDLE_MS} ms after ready (the first open warmed up while idle)`, +median(fi.sdk).toFixed(2), +median(fi.baseline).toFixed(2), "ms");
}

const oc = results.openClose;
for (const op of oc ? ["open", "close"] : []) {
  row(`${op} median / p95 (${CYCLES} cycles)`, +median(oc.sdk[op]).toFixed(3), +median(oc.baseline[op]).toFixed(3), "ms");
  rows.push([`${op} p95`, +p95(oc.sdk[op]).toFixed(3), +p95(oc.baseline[op]).toFixed(3), "", "ms"]);
  relative(op === "open" ? "warm sheet open" : "sheet close", op === "open" ? 1.2 : 2, oc.sdk[op], oc.baseline[op], 3);
}

const rt = results.runtime;
if (rt) {
row("runtime send → onEvent median", +median(rt.sdk.trips).toFixed(3), +median(rt.baseline.trips).toFixed(3), "ms");
rows.push(["runtime send → onEvent p95", +p95(rt.sdk.trips).toFixed(3), +p95(rt.baseline.trips).toFixed(3), "", "ms"]);
row(`runtime events/s (${STREAM}-event stream)`, Math.round(rt.sdk.eventsPerSecond), Math.round(rt.baseline.eventsPerSecond), "events/s");
// The stream's sender posts all its events in one task, and the browser then
// routes them to the page; the last half shows how fast events are handed to
// onEvent once they arrive (information, not a budget).
row(`  the same, the stream's last ${STREAM / 2} events`, Math.round(rt.sdk.lastHalfEventsPerSecond), Math.round(rt.baseline.lastHalfEventsPerSecond), "events/s");
budget("runtime events/s ≥ 0.9× baseline", rt.sdk.eventsPerSecond >= 0.9 * rt.baseline.eventsPerSecond, `${Math.round(rt.sdk.eventsPerSecond)} vs ${Math.round(rt.baseline.eventsPerSecond)} events/s (${(rt.sdk.eventsPerSecond / rt.baseline.eventsPerSecond).toFixed(2)}×)`);
relative("runtime round trip", 2, rt.sdk.trips, rt.baseline.trips, 3);
}

for (const [flow, m] of Object.entries(results.memory ?? {})) {
  rows.push([`${flow}: wasm memory after 1000 → ${MEMORY_CYCLES} cycles`, `${m.sdk.before.wasm} → ${m.sdk.after.wasm}`, "", "", "B"]);
  rows.push([`${flow}: JS heap growth over ${MEMORY_CYCLES - 1000} cycles`, m.sdk.after.heap - m.sdk.before.heap, m.baseline.after.heap - m.baseline.before.heap, "", "B"]);
  budget(`${flow}: wasm memory flat after 1000 cycles`, m.sdk.after.wasm <= m.sdk.before.wasm, `${m.sdk.before.wasm} → ${m.sdk.after.wasm}`);
  budget(`${flow}: JS heap grows ≤ 1 MB`, m.sdk.after.heap - m.sdk.before.heap <= 1024 * 1024, `${m.sdk.after.heap - m.sdk.before.heap} B`);
}

const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[["measure", "ave-embed-wasm", "JS baseline", "ratio", "unit"], ...rows].map((r) => String(r[i]).length)));
const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
console.log(line(["measure", "ave-embed-wasm", "JS baseline", "ratio", "unit"]));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
console.log("\nBudgets:");
for (const b of budgets) console.log(`${b.ok ? "PASS" : "FAIL"}  ${b.what}: ${b.detail}`);

mkdirSync(path.join(root, "target"), { recursive: true });
writeFileSync(path.join(root, "target", "bench.json"), JSON.stringify({ browser: product, results, budgets, rows }, null, 2));
console.log("\nwrote target/bench.json");
process.exit(budgets.every((b) => b.ok) ? 0 : 1);
