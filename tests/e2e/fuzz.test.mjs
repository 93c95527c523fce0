// Hostile-message fuzz (SPEC §3.1, §3.5, §3.7): while a connector sheet, a
// connector popup, an inline sign-in and a runtime are open, a frame on a
// third origin, a second frame on the issuer origin and the page itself send
// 10 000 seeded hostile messages. No callback may fire, nothing may trap, and
// every flow must still complete normally afterwards.
// Reproduce a run: FUZZ_SEED=<seed printed below> node --test tests/e2e/fuzz.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, sleep, sheetConsent } from "./harness.mjs";

const env = useEnvironment();
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 1e9));
const COUNTS = { third: 4000, issuer: 4000, page: 2000 };

test(`hostile-message fuzz: ${COUNTS.third + COUNTS.issuer + COUNTS.page} messages (seed ${SEED})`, async () => {
  console.log(`fuzz seed ${SEED} — rerun with FUZZ_SEED=${SEED}`);
  const why = `(seed ${SEED}; rerun with FUZZ_SEED=${SEED})`;
  const { page, context, problems } = await openPage(env);
  const ids = { sheet: newClientId("fuzz-sheet"), popup: newClientId("fuzz-popup"), inline: newClientId("fuzz-inline") };

  // The four flows.
  await page.evaluate((id) => {
    window.onOpenerClick = () => { window.popupHandle = Ave.openAveConnectorPopup(connectorOptions(id)); };
  }, ids.popup);
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
  await popup.waitForLoadState();
  await page.evaluate(async ([sheetId, inlineId]) => {
    window.sheetHandle = Ave.openAveConnectorSheet(connectorOptions(sheetId));
    window.inlineHandle = await Ave.mountAveEmbed(signinOptions(inlineId, { container: document.getElementById("inline") }));
    window.rt = Ave.openAveConnectorRuntime(runtimeOptions());
  }, [ids.sheet, ids.inline]);
  await waitFor(page, () => calls.some((c) => c[0] === "onReady"));
  await page.evaluate(() => (window.calls = []));

  // The storm.
  const started = Date.now();
  await page.evaluate(([o, seed, n]) => fuzzFrom(o, seed, n), [env.thirdOrigin, SEED, COUNTS.third]);
  await page.evaluate(([o, seed, n]) => fuzzFrom(o, seed, n), [env.issuerOrigin, SEED + 1, COUNTS.issuer]);
  await page.evaluate(([seed, n]) => {
    for (const [m, transfer] of fuzzMessages(seed, n, location.origin)) {
      try { window.postMessage(m, "*", transfer); } catch {}
    }
    return new Promise((r) => setTimeout(r, 100));
  }, [SEED + 2, COUNTS.page]);
  console.log(`fuzz: ${COUNTS.third + COUNTS.issuer + COUNTS.page} messages in ${Date.now() - started} ms`);
  await sleep(100);

  const after = await page.evaluate(() => ({ calls, events, polluted: ({}).polluted ?? null }));
  assert.deepEqual(after.calls, [], `no callback from hostile messages ${why}`);
  assert.deepEqual(after.events, [], `no runtime event from hostile messages ${why}`);
  assert.equal(after.polluted, null, `no prototype pollution ${why}`);
  assert.deepEqual(problems.pageErrors, [], `no uncaught exception ${why}`);
  assert.ok(!problems.consoleErrors.some((t) => /unreachable|RuntimeError|panicked|internal error/.test(t)), `no wasm trap ${why}: ${problems.consoleErrors.join("\n")}`);

  // Every flow still completes normally.
  await (await sheetConsent(page)).click("#approve");
  await waitFor(page, () => calls.some((c) => c[0] === "onSuccess"));
  await popup.click("#approve");
  await waitFor(page, () => calls.filter((c) => c[0] === "onSuccess").length === 2);
  const inline = await (await page.$("#inline iframe")).contentFrame();
  await inline.waitForSelector("#continue");
  await inline.click("#continue");
  await waitFor(page, () => calls.filter((c) => c[0] === "onSuccess").length === 3);
  const id = await page.evaluate(() => rt.send({ op: "echo", payload: "still alive" }));
  await waitFor(page, (id) => events.some((e) => e.id === id && e.type === "complete"), id);
  const final = await page.evaluate(() => ({ calls: calls.map((c) => [c[0], new URL(c[1].redirectUrl).searchParams.get("code")]), echoed: events[0].data }));
  assert.equal(final.calls.length, 3, why);
  assert.ok(final.calls.every(([name, code]) => name === "onSuccess" && code && code !== "forged"), `${JSON.stringify(final.calls)} ${why}`);
  assert.equal(final.echoed, "still alive");
  await page.evaluate(() => rt.destroy());
  await context.close();
});
