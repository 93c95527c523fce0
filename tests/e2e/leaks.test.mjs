// Leaks (SPEC §3.13): LEAK_CYCLES (default 10 000) open/close cycles of each
// flow leave no DOM node, no message/keydown/click listener (counted through
// the DevTools protocol), no pending timer, and wasm memory flat after the
// first 1000 cycles (closures freed). Popups run in a browser whose popup
// blocker is off, since each cycle opens a real window without a click.
// The frames load a same-origin page here: a cross-origin frame costs a
// renderer process per cycle, and what is measured is the SDK's own cleanup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, listenerCounts, sdkNodes, wasmMemories, jsHeapAfterGc } from "./harness.mjs";

const env = useEnvironment({ allowPopups: true });
const CYCLES = Number(process.env.LEAK_CYCLES ?? 10000);
// Each popup cycle opens and closes a real browser window (~75 ms); hundreds
// of them in a row exhaust a headless renderer, so popups run fewer cycles.
const POPUP_CYCLES = Number(process.env.LEAK_POPUP_CYCLES ?? 100);
const WARMUP = Math.min(1000, Math.floor(CYCLES / 2));

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
  popup: `for (let i = 0; i < n; i++) Ave.openAveConnectorPopup(connectorOptions("leak-popup", ISSUER)).close();`,
};

for (const [name, body] of Object.entries(FLOWS)) {
  const total = name === "popup" ? POPUP_CYCLES : CYCLES;
  test(`${name}: ${total} open/close cycles leave no node, listener, timer; wasm memory flat`, async () => {
    const { page, context, problems } = await openPage(env);
    // Batches of 500, each followed by a GC and a few turns of the event
    // loop so that FinalizationRegistry frees the handles the app dropped
    // (the allocator's high-water mark is then reached during the warm-up).
    const run = async (n) => {
      for (let done = 0; done < n; done += 500) {
        const batch = Math.min(500, n - done);
        await page.evaluate(`(async () => { const ISSUER = ${SAME_ORIGIN}; const n = ${batch}; ${body} })()`);
        for (let i = 0; i < 2; i++) {
          await jsHeapAfterGc(page);
          await page.evaluate(() => new Promise((r) => setTimeout(() => setTimeout(r, 20), 20)));
        }
      }
    };
    const baseline = { listeners: await listenerCounts(page), timers: await page.evaluate(() => pendingTimers.size) };
    const warmup = Math.min(WARMUP, Math.floor(total / 2));
    await run(warmup);
    const memoryAfterWarmup = await wasmMemories(page);
    const heapAfterWarmup = await jsHeapAfterGc(page);
    const started = Date.now();
    await run(total - warmup);
    const ms = Date.now() - started;
    const memoryAfter = await wasmMemories(page);
    const heapAfter = await jsHeapAfterGc(page);
    console.log(`${name}: ${total} cycles; wasm memory ${memoryAfterWarmup} → ${memoryAfter} bytes; JS heap ${(heapAfterWarmup / 1e6).toFixed(2)} → ${(heapAfter / 1e6).toFixed(2)} MB; ${(ms / Math.max(1, total - warmup)).toFixed(3)} ms/cycle`);
    assert.equal(await sdkNodes(page), 0, "no SDK node left");
    assert.deepEqual(await listenerCounts(page), baseline.listeners, "no listener left");
    assert.equal(await page.evaluate(() => pendingTimers.size), baseline.timers, "no pending timer left");
    assert.deepEqual(memoryAfter, memoryAfterWarmup, "wasm memory does not grow after the warm-up");
    assert.ok(heapAfter - heapAfterWarmup < 4e6, `JS heap grew by ${heapAfter - heapAfterWarmup} bytes`);
    assert.deepEqual(problems.pageErrors, []);
    await context.close();
  });
}
