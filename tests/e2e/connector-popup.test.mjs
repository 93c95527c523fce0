// openAveConnectorPopup: opened inside the click, blocked → popup_blocked,
// closed by the user → onClose within ~1 s, origin + source checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, mockConfig, sleep, listenerCounts, sdkNodes, clickToEnd, popupCloses } from "./harness.mjs";

const env = useEnvironment();

/** Arms the #opener button to open a connector popup, clicks it for real, returns the popup page. */
async function clickToOpenPopup(page, context, clientId, extra = {}) {
  await page.evaluate(([id, extra]) => {
    window.onOpenerClick = () => {
      window.handle = Ave.openAveConnectorPopup(connectorOptions(id, extra));
    };
  }, [clientId, extra]);
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
  await popup.waitForLoadState();
  return popup;
}

test("popup from a real click: same URL, approve → onSuccess, the SDK closes the popup, no listener left", async () => {
  const { page, context, problems } = await openPage(env);
  const before = await listenerCounts(page);
  const popup = await clickToOpenPopup(page, context, newClientId(), { state: "pop-state" });
  const url = new URL(popup.url());
  assert.equal(url.origin + url.pathname, `${env.issuerOrigin}/connect`);
  assert.equal(url.searchParams.get("state"), "pop-state");
  assert.equal(await page.evaluate(() => typeof window.handle.close), "function");
  assert.equal(await page.evaluate(() => window.handle.popup !== null && typeof window.handle.popup.closed), "boolean");
  await clickToEnd(popup, "#approve");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(result.length, 1);
  assert.equal(result[0][0], "onSuccess");
  assert.equal(new URL(result[0][1].redirectUrl).searchParams.get("state"), "pop-state");
  assert.ok(await popupCloses(popup), "popup closed after the result");
  assert.deepEqual(await listenerCounts(page), before);
  await sleep(1200); // the closed-popup poll must not report onClose after a result
  assert.equal((await page.evaluate(() => window.calls)).length, 1);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("the popup has the asked size, centred over the page's window (window features)", async () => {
  const { page, context } = await openPage(env);
  await page.evaluate(() => {
    const open = window.open;
    window.openCalls = [];
    window.open = function (...args) {
      window.openCalls.push(args.slice(1));
      return open.apply(this, args);
    };
  });
  const popup = await clickToOpenPopup(page, context, newClientId(), { width: 401.4, height: 333 });
  const [[name, features], expected] = await page.evaluate(() => {
    const at = (offset, outer, size) => Math.max(0, Math.round(offset + (outer - size) / 2));
    return [window.openCalls[0], `popup=yes,width=401,height=333,left=${at(screenX, outerWidth, 401)},top=${at(screenY, outerHeight, 333)}`];
  });
  assert.equal(name, "ave_connector");
  assert.equal(features, expected);
  await popup.close();
  await context.close();
});

test("popup blocked → onError popup_blocked and null", async () => {
  const { page, context } = await openPage(env);
  const result = await page.evaluate((id) => {
    consumeActivation();
    const handle = Ave.openAveConnectorPopup(connectorOptions(id));
    return { handle, calls: window.calls };
  }, newClientId());
  assert.equal(result.handle, null);
  assert.equal(result.calls.length, 1);
  assert.equal(result.calls[0][0], "onError");
  assert.equal(result.calls[0][1].error, "popup_blocked");
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("popup closed by the user → onClose within ~1 s, once", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const popup = await clickToOpenPopup(page, context, newClientId());
  const closedAt = Date.now();
  await popup.close();
  await waitFor(page, () => window.calls.length);
  const latency = Date.now() - closedAt;
  assert.ok(latency < 1200, `noticed after ${latency} ms`);
  await sleep(900);
  assert.deepEqual(await page.evaluate(() => window.calls), [["onClose"]]);
  assert.deepEqual(await listenerCounts(page), before);
  await context.close();
});

test("close() closes the popup, reports onClose once; idempotent", async () => {
  const { page, context } = await openPage(env);
  const popup = await clickToOpenPopup(page, context, newClientId());
  await page.evaluate(() => { window.handle.close(); window.handle.close(); });
  assert.ok(await popupCloses(popup));
  await sleep(900);
  assert.deepEqual(await page.evaluate(() => window.calls), [["onClose"]]);
  await context.close();
});

test("popup flow ignores forged messages from other windows, even on the issuer origin", async () => {
  const { page, context } = await openPage(env);
  const popup = await clickToOpenPopup(page, context, newClientId(), { state: "s" });
  const forged = [
    { type: "ave:success", payload: { redirectUrl: `${env.appOrigin}/connector/callback?code=evil&state=s` } },
    { type: "ave:close" },
  ];
  await page.evaluate(([o, m]) => forge(o, m), [env.issuerOrigin, forged]);
  await page.evaluate(([o, m]) => forge(o, m), [env.thirdOrigin, forged]);
  await sleep(100);
  assert.deepEqual(await page.evaluate(() => window.calls), []);
  await clickToEnd(popup, "#approve");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.notEqual(new URL(result[0][1].redirectUrl).searchParams.get("code"), "evil");
  await context.close();
});

test("sheet + ave:auth_required inside the click's activation → popup opens at once (no Continue)", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId();
  await mockConfig(env, clientId, { authRequired: 1 });
  await page.evaluate((id) => {
    window.onOpenerClick = () => { window.handle = Ave.openAveConnectorSheet(connectorOptions(id)); };
  }, clientId);
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
  await popup.waitForLoadState();
  assert.equal(await page.$eval('[data-ave-embed="continue"]', (el) => el.style.display), "none");
  await clickToEnd(popup, "#approve");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(result[0][0], "onSuccess");
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});
