// Leaks (docs/security.md#no-leaks): LEAK_CYCLES (default and `make test`: 10 000)
// open/close cycles of each flow — connector sheet, sign-in sheet, inline,
// background, runtime, signing sheet and connector popup — leave no DOM
// node, no message/keydown/click listener (counted through the DevTools
// protocol), no pending timer, no open window, wasm memory flat and the JS
// heap flat (< 1 MB) after the first 1000 cycles (closures freed); every
// cycle fires onClose exactly once (a runtime has none). Each flow runs all
// its cycles in ONE page: the counts are taken on that page before the
// first and after the last cycle, so nothing the SDK leaves behind on any
// cycle can escape them.
//
// The browser is driven by tests/support/lean-browser.mjs (DevTools protocol on
// a pipe, Debian's chromium-headless-shell when installed), not Playwright:
// every popup cycle opens a real window (`window.open`, popup blocker off),
// and Playwright attaches to each new window and instruments it before it
// may run, which made a popup cycle ~3× slower; headless-shell windows are
// also ~5× cheaper to create than those of the full headless Chromium.
//
// Why popups used to exhaust the browser (1.6 GB after 500 cycles, 1.9 GB
// after 1000, then a stall): the cycles ran 500 at a time in one synchronous
// loop, and a closed popup is only torn down once its opener's renderer gets
// back to its event loop, so 500 windows piled up per batch. Popup cycles
// now yield one macrotask after each close (the SDK's own work is the same:
// open, close); the browser's resident memory is printed and bounded.
//
// The frames load a same-origin page here: a cross-origin frame costs a
// renderer process per cycle, and what is measured is the SDK's own cleanup.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServers } from "../support/server.mjs";
import { launchLean, leanExecutable, leanListenerCounts, leanWasmMemories, leanJsHeapAfterGc, offlineArgs } from "../support/lean-browser.mjs";

const CYCLES = Number(process.env.LEAK_CYCLES ?? 10000);
const WARMUP = Math.min(1000, Math.floor(CYCLES / 2));
const BATCH = 500;

// Each body runs `n` cycles inside the page and returns when they are done.
const SAME_ORIGIN = `{ issuer: location.origin + "/leak" }`;
const FLOWS = {
  sheet: `for (let i = 0; i < n; i++) Ave.openAveConnectorSheet(connectorOptions("leak-sheet", ISSUER)).close();`,
  "sign-in sheet": `for (let i = 0; i < n; i++) (await Ave.openAveSheet(signinOptions("leak-signin", { ...ISSUER, onTokens: recordTokens }))).close();`,
  inline: `const c = document.getElementById("inline");
    for (let i = 0; i < n; i++) (await Ave.mountAveEmbed(signinOptions("leak-inline", { ...ISSUER, container: c }))).destroy();`,
  background: `for (let i = 0; i < n; i++) Ave.openAveConnectorSheet(connectorOptions("leak-bg", { ...ISSUER, mode: "background" })).close();`,
  runtime: `for (let i = 0; i < n; i++) { const r = Ave.openAveConnectorRuntime(runtimeOptions(ISSUER)); r.send({ op: "echo" }); r.destroy(); }`,
  signing: `for (let i = 0; i < n; i++) Ave.openAveSigningSheet(signingOptions("leak-sign", ISSUER)).close();`,
  // A real window per cycle; one macrotask after each close lets the
  // browser tear the window down before the next one opens (see above).
  popup: `for (let i = 0; i < n; i++) {
      const h = Ave.openAveConnectorPopup(connectorOptions("leak-popup", ISSUER));
      if (!h || !h.popup) throw new Error("popup not opened");
      h.close();
      if (!h.popup.closed) throw new Error("popup still open after close()");
      await new Promise((r) => setTimeout(r, 0));
    }`,
};


const env = {};
before(async () => {
  Object.assign(env, await startServers({ appPort: 0, issuerPort: 0, thirdPort: 0 }));
  env.browser = await launchLean({
    // Each popup cycle opens a real window without a click.
    args: ["--disable-popup-blocking", ...(await offlineArgs())],
  });
  console.log(`leaks: ${CYCLES} cycles per flow in ${leanExecutable()}`);
});
after(async () => {
  await env.browser?.close();
  await env.close?.();
});

const fileStarted = Date.now();
after(() => console.log(`leaks: all flows in ${((Date.now() - fileStarted) / 1000).toFixed(0)} s`));

for (const [name, body] of Object.entries(FLOWS)) {
  test(`${name}: ${CYCLES} open/close cycles leave no node, listener, timer; wasm memory flat`, async () => {
    const page = await env.browser.newPage(`${env.appOrigin}/e2e/host.html`);
    try {
      // Batches of 500, each followed by a GC and a few turns of the event
      // loop so that FinalizationRegistry frees the handles the app dropped
      // (the allocator's high-water mark is then reached during the warm-up).
      const callbacks = {};
      const run = async (n) => {
        for (let done = 0; done < n; done += BATCH) {
          const batch = Math.min(BATCH, n - done);
          // The page's own logs (callbacks, runtime events, window.open
          // times) are drained after each batch: they are the test's memory,
          // not the SDK's, and would otherwise grow the JS heap by ~40 bytes
          // a cycle.
          const log = await page.evaluate(`(async () => { const ISSUER = ${SAME_ORIGIN}; const n = ${batch}; ${body}
            const seen = {}; for (const [c] of calls) seen[c] = (seen[c] ?? 0) + 1;
            calls.length = 0; events.length = 0; openTimes.length = 0; return seen; })()`);
          for (const [c, k] of Object.entries(log)) callbacks[c] = (callbacks[c] ?? 0) + k;
          for (let i = 0; i < 2; i++) {
            await leanJsHeapAfterGc(page);
            await page.evaluate("new Promise((r) => setTimeout(() => setTimeout(r, 20), 20))");
          }
        }
      };
      const baseline = {
        listeners: await leanListenerCounts(page),
        timers: await page.evaluate("pendingTimers.size"),
        windows: await env.browser.windowCount(),
      };
      const warmup = Math.min(WARMUP, Math.floor(CYCLES / 2));
      await run(warmup);
      const memoryAfterWarmup = await leanWasmMemories(page);
      const heapAfterWarmup = await leanJsHeapAfterGc(page);
      const rssAfterWarmup = env.browser.rssMB();
      const started = Date.now();
      await run(CYCLES - warmup);
      const ms = Date.now() - started;
      const memoryAfter = await leanWasmMemories(page);
      const heapAfter = await leanJsHeapAfterGc(page);
      const rssAfter = env.browser.rssMB();
      console.log(
        `${name}: ${CYCLES} cycles; ${(ms / Math.max(1, CYCLES - warmup)).toFixed(2)} ms/cycle; ` +
          `wasm memory ${memoryAfterWarmup} → ${memoryAfter} bytes; ` +
          `JS heap ${(heapAfterWarmup / 1e6).toFixed(2)} → ${(heapAfter / 1e6).toFixed(2)} MB; ` +
          `browser RSS ${rssAfterWarmup} → ${rssAfter} MB; callbacks ${JSON.stringify(callbacks)}`,
      );
      assert.equal(await page.evaluate(`document.querySelectorAll("[data-ave-embed], iframe").length`), 0, "no SDK node left");
      assert.deepEqual(await leanListenerCounts(page), baseline.listeners, "no listener left");
      assert.equal(await page.evaluate("pendingTimers.size"), baseline.timers, "no pending timer left");
      assert.deepEqual(memoryAfter, memoryAfterWarmup, "wasm memory does not grow after the warm-up");
      // 1 MB over 9000 cycles: ~110 bytes a cycle would fail it (the page's
      // own logs are drained, so the heap is otherwise flat to a few KB).
      assert.ok(heapAfter - heapAfterWarmup < 1e6, `JS heap grew by ${heapAfter - heapAfterWarmup} bytes`);
      // Each cycle ended without a result, so each fired onClose exactly
      // once (docs/security.md#settle-once); a runtime has no onClose.
      assert.deepEqual(callbacks, name === "runtime" ? {} : { onClose: CYCLES }, "callbacks of the closed flows");
      // Generous: catches windows or frames piling up in the browser (the
      // old popup run grew by gigabytes), not allocator noise.
      assert.ok(rssAfter - rssAfterWarmup < 768, `browser memory grew from ${rssAfterWarmup} to ${rssAfter} MB`);
      // Every popup window is gone (closing one is asynchronous in the browser).
      for (let i = 0; i < 100 && (await env.browser.windowCount()) > baseline.windows; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(await env.browser.windowCount(), baseline.windows, "no window left open");
      assert.deepEqual(page.problems.pageErrors, [], "no uncaught exception");
      assert.ok(
        !page.problems.consoleErrors.some((t) => /unreachable|RuntimeError|panicked|internal error/.test(t)),
        `no wasm trap: ${page.problems.consoleErrors.join("\n")}`,
      );
    } finally {
      await page.close();
    }
  });
}
