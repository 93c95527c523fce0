// mode: "background" (docs/security.md#background): silent hidden frame, interaction_required
// before consent, success after it, timeout, no UI, no focus change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, sleep, listenerCounts, sdkNodes, sheetConsent, clickToEnd } from "./harness.mjs";

const env = useEnvironment();

const background = (page, clientId, extra = {}) =>
  page.evaluate(([id, extra]) => {
    document.getElementById("before").focus();
    window.mutations = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) window.mutations.push(n.nodeName);
    }).observe(document.body, { childList: true, subtree: true });
    window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { mode: "background", ...extra }));
    const f = window.handle.iframe;
    return {
      hidden: getComputedStyle(f).visibility === "hidden" && f.getAttribute("aria-hidden") === "true" && f.tabIndex === -1,
      mode: new URL(f.src).searchParams.get("mode"),
    };
  }, [clientId, extra]);

test("before consent → interaction_required; no overlay, no focus change, DOM clean", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const info = await background(page, newClientId());
  assert.deepEqual(info, { hidden: true, mode: "background" });
  const calls = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], "onError");
  assert.equal(calls[0][1].error, "interaction_required");
  const after = await page.evaluate(() => ({
    added: window.mutations,
    focused: document.activeElement.id,
    pages: 1,
  }));
  assert.deepEqual(after.added, ["IFRAME"], "only the hidden iframe was ever added");
  assert.equal(after.focused, "before");
  assert.equal(context.pages().length, 1, "no popup");
  assert.equal(await sdkNodes(page), 0);
  assert.deepEqual(await listenerCounts(page), before);
  await context.close();
});

test("after one approval in the sheet, background succeeds silently with a checked state", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId();
  await page.evaluate((id) => { Ave.openAveConnectorSheet(connectorOptions(id)); }, clientId);
  await clickToEnd(await sheetConsent(page), "#approve");
  await waitFor(page, () => window.calls.length);
  await page.evaluate(() => (window.calls = []));
  await background(page, clientId, { state: "bg-state" });
  const calls = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(calls[0][0], "onSuccess");
  assert.equal(new URL(calls[0][1].redirectUrl).searchParams.get("state"), "bg-state");
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("no answer within timeoutMs → onError timeout, DOM removed", async () => {
  const { page, context } = await openPage(env);
  // The app origin has no /connect page, so nothing ever answers.
  const started = Date.now();
  await background(page, newClientId(), { issuer: env.appOrigin, timeoutMs: 300 });
  const calls = await waitFor(page, () => window.calls.length && window.calls);
  assert.ok(Date.now() - started >= 250);
  assert.deepEqual(calls.map((c) => c[1]?.error), ["timeout"]);
  assert.equal(await sdkNodes(page), 0);
  await sleep(50);
  assert.equal((await page.evaluate(() => window.calls)).length, 1);
  await context.close();
});

test("background via openAveConnectorPopup is silent too (no window opened)", async () => {
  const { page, context } = await openPage(env);
  const shape = await page.evaluate((id) => {
    const h = Ave.openAveConnectorPopup(connectorOptions(id, { mode: "background" }));
    return { popup: h.popup ?? null, close: typeof h.close };
  }, newClientId());
  assert.deepEqual(shape, { popup: null, close: "function" });
  const calls = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(calls[0][1].error, "interaction_required");
  assert.equal(context.pages().length, 1);
  await context.close();
});
