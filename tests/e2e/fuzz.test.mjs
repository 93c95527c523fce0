// Hostile-message fuzz (docs/security.md#origin-and-source, docs/security.md#plain-object-events, docs/security.md#settle-once): a frame on a third origin, a
// second frame on the issuer origin and the page itself send seeded hostile
// messages in two storms of 10 000 (20 000 in all), while these flows are open:
//   storm 1: a connector sheet, a connector popup, an inline sign-in, a runtime;
//   storm 2: a sign-in sheet (with onTokens: PKCE, nonce, code exchange), and
//            the same connector popup, inline sign-in and runtime.
// Only one sheet can be open at a time (docs/security.md#one-sheet: opening a second sheet
// closes the first), so the sign-in sheet is opened once the connector sheet
// has completed after storm 1. After each storm: no callback fired, no
// runtime event, no uncaught exception, no wasm trap, no prototype
// pollution; then every flow completes normally (the connector sheet after
// storm 1; the sign-in sheet, the popup, the inline sign-in and the runtime
// after storm 2) and each settles exactly once.
// Reproduce a run: FUZZ_SEED=<seed printed below> node --test tests/e2e/fuzz.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, sleep, sheetConsent, sheetFrame, clickToEnd } from "./harness.mjs";

const env = useEnvironment();
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 1e9));
const COUNTS = { third: 4000, issuer: 4000, page: 2000 }; // per storm
const PER_STORM = COUNTS.third + COUNTS.issuer + COUNTS.page;
const STORMS = 2;

test(`hostile-message fuzz: ${STORMS} × ${PER_STORM} messages (seed ${SEED})`, async () => {
  console.log(`fuzz seed ${SEED} — rerun with FUZZ_SEED=${SEED}`);
  const why = `(seed ${SEED}; rerun with FUZZ_SEED=${SEED})`;
  const { page, context, problems } = await openPage(env);
  const ids = {
    sheet: newClientId("fuzz-sheet"),
    popup: newClientId("fuzz-popup"),
    inline: newClientId("fuzz-inline"),
    signin: newClientId("fuzz-signin"),
  };

  /** Storm `k` (0-based): seeds SEED + 3k, +3k+1, +3k+2 for the three senders. */
  const storm = async (k) => {
    const seed = SEED + 3 * k;
    const started = Date.now();
    await page.evaluate(([o, s, n]) => fuzzFrom(o, s, n), [env.thirdOrigin, seed, COUNTS.third]);
    await page.evaluate(([o, s, n]) => fuzzFrom(o, s, n), [env.issuerOrigin, seed + 1, COUNTS.issuer]);
    await page.evaluate(([s, n]) => {
      for (const [m, transfer] of fuzzMessages(s, n, location.origin)) {
        // Some fuzz messages cannot be cloned (that is the point): only that error is expected.
        try { window.postMessage(m, "*", transfer); } catch (e) { if (e.name !== "DataCloneError") throw e; }
      }
      return new Promise((r) => setTimeout(r, 100));
    }, [seed + 2, COUNTS.page]);
    console.log(`fuzz storm ${k + 1}: ${PER_STORM} messages in ${Date.now() - started} ms`);
    await sleep(100);
    const after = await page.evaluate(() => ({ calls, events, polluted: ({}).polluted ?? null }));
    assert.deepEqual(after.calls, [], `storm ${k + 1}: no callback from hostile messages ${why}`);
    assert.deepEqual(after.events, [], `storm ${k + 1}: no runtime event from hostile messages ${why}`);
    assert.equal(after.polluted, null, `storm ${k + 1}: no prototype pollution ${why}`);
    assert.deepEqual(problems.pageErrors, [], `storm ${k + 1}: no uncaught exception ${why}`);
    assert.ok(
      !problems.consoleErrors.some((t) => /unreachable|RuntimeError|panicked|internal error/.test(t)),
      `storm ${k + 1}: no wasm trap ${why}: ${problems.consoleErrors.join("\n")}`,
    );
  };
  const successCode = (c) => new URL(c[1].redirectUrl).searchParams.get("code");

  // Storm 1: connector sheet, connector popup (from a real click), inline sign-in, runtime.
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
  await sheetConsent(page);
  await page.evaluate(() => (window.calls = []));
  await storm(0);

  // The connector sheet still completes normally.
  await clickToEnd(await sheetConsent(page), "#approve");
  await waitFor(page, () => calls.some((c) => c[0] === "onSuccess"));
  const connectorSheet = await page.evaluate(() => calls);
  assert.equal(connectorSheet.length, 1, `connector sheet: one callback ${why}`);
  assert.ok(connectorSheet[0][0] === "onSuccess" && successCode(connectorSheet[0]) && successCode(connectorSheet[0]) !== "forged", `${JSON.stringify(connectorSheet)} ${why}`);
  await waitFor(page, () => !document.querySelector('[data-ave-embed="sheet"]'));

  // Storm 2: a sign-in sheet (PKCE + nonce + code exchange) and the flows still open.
  await page.evaluate((id) => {
    window.calls = [];
    Ave.openAveSheet(signinOptions(id, { onTokens: recordTokens })).then((h) => (window.signinHandle = h));
  }, ids.signin);
  await sheetFrame(page, "#continue");
  await storm(1);

  // Every flow still completes normally: the sign-in sheet, the popup, the inline sign-in, the runtime.
  await clickToEnd(await sheetFrame(page, "#continue"), "#continue");
  await waitFor(page, () => calls.some((c) => c[0] === "onTokens"));
  await clickToEnd(popup, "#approve");
  await waitFor(page, () => calls.length === 2);
  const inline = await (await page.$("#inline iframe")).contentFrame();
  await inline.waitForSelector("#continue");
  await clickToEnd(inline, "#continue");
  await waitFor(page, () => calls.length === 3);
  const id = await page.evaluate(() => rt.send({ op: "echo", payload: "still alive" }));
  await waitFor(page, (id) => events.some((e) => e.id === id && e.type === "complete"), id);
  await sleep(200); // any late, second settlement would show up here
  const final = await page.evaluate(() => ({
    calls: calls.map((c) => [c[0], c[0] === "onTokens" ? { access: Boolean(c[1].access_token), id: Boolean(c[1].id_token) } : new URL(c[1].redirectUrl).searchParams.get("code")]),
    echoed: events[0]?.data,
    sheetOpen: Boolean(document.querySelector('[data-ave-embed="sheet"]')),
  }));
  assert.equal(final.calls.length, 3, `${JSON.stringify(final.calls)} ${why}`);
  assert.deepEqual(final.calls[0], ["onTokens", { access: true, id: true }], `sign-in sheet: tokens ${why}`);
  assert.ok(final.calls.slice(1).every(([name, code]) => name === "onSuccess" && code && code !== "forged"), `${JSON.stringify(final.calls)} ${why}`);
  assert.equal(final.echoed, "still alive", why);
  assert.equal(final.sheetOpen, false, `the sign-in sheet closed on success ${why}`);
  assert.deepEqual(problems.pageErrors, [], `no uncaught exception ${why}`);
  await page.evaluate(() => rt.destroy());
  await context.close();
});
