// openAveConnectorSheet against the mock issuer on another origin (docs/security.md#rules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, mockConfig, sleep, openUntilContinue,
  listenerCounts, sdkNodes, sheetConsent, clickToEnd, popupCloses } from "./harness.mjs";

const env = useEnvironment();

const open = (page, clientId, extra = {}) =>
  page.evaluate(([id, extra]) => {
    window.handle = Ave.openAveConnectorSheet(connectorOptions(id, extra));
  }, [clientId, extra]);

const calls = (page) => page.evaluate(() => window.calls);

test("approve → onSuccess with code and the state sent; URL per docs/protocol.md#connector-page; DOM and listeners clean", async () => {
  const { page, context, problems } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId();
  await open(page, clientId, { state: "st-123" });
  const frame = await sheetConsent(page);
  const src = new URL(await page.$eval('[data-ave-embed="sheet"] iframe', (f) => f.src));
  assert.equal(src.origin + src.pathname, `${env.issuerOrigin}/connect`);
  assert.deepEqual([...src.searchParams.keys()], ["client_id", "redirect_uri", "resource", "scope", "mode", "embed", "state"]);
  assert.equal(src.searchParams.get("mode"), "user_present");
  assert.equal(src.searchParams.get("state"), "st-123");
  assert.ok((await listenerCounts(page)).message > before.message, "listening while open");
  await clickToEnd(frame, "#approve");
  const [[name, payload], ...rest] = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(name, "onSuccess");
  assert.equal(rest.length, 0);
  const redirect = new URL(payload.redirectUrl);
  assert.equal(redirect.origin + redirect.pathname, `${env.appOrigin}/connector/callback`);
  assert.match(redirect.searchParams.get("code"), /^[\w-]{16,}$/);
  assert.equal(redirect.searchParams.get("state"), "st-123");
  assert.equal(await sdkNodes(page), 0, "no SDK node left");
  assert.deepEqual(await listenerCounts(page), before, "no message/keydown/click listener left");
  await page.evaluate(() => window.handle.close()); // after a result: no onClose
  await sleep(50);
  assert.equal((await calls(page)).length, 1);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("a generated state is sent and must come back", async () => {
  const { page, context } = await openPage(env);
  await open(page, newClientId());
  const frame = await sheetConsent(page);
  const sent = new URL(await page.$eval('[data-ave-embed="sheet"] iframe', (f) => f.src)).searchParams.get("state");
  assert.match(sent, /^[\w-]{20,}$/);
  await clickToEnd(frame, "#approve");
  const [[, payload]] = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(new URL(payload.redirectUrl).searchParams.get("state"), sent);
  await context.close();
});

test("deny → onError with the issuer's payload; cancel → onClose", async () => {
  const { page, context } = await openPage(env);
  await open(page, newClientId());
  await clickToEnd(await sheetConsent(page), "#deny");
  const denied = await waitFor(page, () => window.calls.length && window.calls);
  assert.deepEqual(denied, [["onError", { error: "access_denied", message: "The user denied access" }]]);
  assert.equal(await sdkNodes(page), 0);

  await page.evaluate(() => (window.calls = []));
  await open(page, newClientId());
  await clickToEnd(await sheetConsent(page), "#cancel");
  assert.deepEqual(await waitFor(page, () => window.calls.length && window.calls), [["onClose"]]);
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("close button, Escape, backdrop and close() each end with one onClose; close() is idempotent", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const dismissals = {
    button: () => page.click('[data-ave-embed="sheet"] button[aria-label="Close"]'),
    escape: () => page.keyboard.press("Escape"),
    backdrop: () => page.mouse.click(5, 5),
    api: () => page.evaluate(() => { window.handle.close(); window.handle.close(); }),
  };
  for (const [how, dismiss] of Object.entries(dismissals)) {
    await page.evaluate(() => (window.calls = []));
    await open(page, newClientId());
    await sheetConsent(page);
    await dismiss();
    assert.deepEqual(await waitFor(page, () => window.calls.length && window.calls), [["onClose"]], how);
    await sleep(30);
    assert.equal((await calls(page)).length, 1, `${how}: exactly one callback`);
    assert.equal(await sdkNodes(page), 0, `${how}: DOM clean`);
    assert.deepEqual(await listenerCounts(page), before, `${how}: listeners removed`);
  }
  await context.close();
});

test("accessible dialog: role, aria-modal, label, iframe title and allow, focus in and back, scroll lock", async () => {
  const { page, context } = await openPage(env);
  await page.focus("#before");
  await page.evaluate(() => { document.body.style.overflow = "auto"; });
  await open(page, newClientId());
  await sheetConsent(page);
  const a11y = await page.evaluate(() => {
    const dialog = document.querySelector('[role="dialog"]');
    const iframe = dialog.querySelector("iframe");
    return {
      modal: dialog.getAttribute("aria-modal"),
      label: dialog.getAttribute("aria-label"),
      title: iframe.title,
      allow: iframe.getAttribute("allow"),
      focusInside: dialog.contains(document.activeElement),
      bodyOverflow: document.body.style.overflow,
      styleElements: document.querySelectorAll("style").length,
    };
  });
  assert.equal(a11y.modal, "true");
  assert.ok(a11y.label && a11y.label.length > 3);
  assert.ok(a11y.title.length > 3);
  assert.equal(a11y.allow, "publickey-credentials-get");
  assert.ok(a11y.focusInside, "focus moved into the sheet");
  assert.equal(a11y.bodyOverflow, "hidden");
  assert.equal(a11y.styleElements, 0, "no <style> injected");
  // Focus trap: Tab never leaves the modal dialog (also out of the iframe's end).
  await page.bringToFront();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    // Focus leaves a cross-origin (out-of-process) iframe asynchronously: poll.
    const inside = await page
      .waitForFunction(() => document.querySelector('[role="dialog"]').contains(document.activeElement), null, { timeout: 1000, polling: 20 })
      .then(() => true, () => false);
    assert.ok(inside, `focus kept inside the dialog after ${i + 1} Tab presses`);
  }
  // Escape inside the cross-origin iframe belongs to the issuer page; on the sheet it closes.
  await page.focus('[data-ave-embed="sheet"] button[aria-label="Close"]');
  await page.keyboard.press("Escape");
  await waitFor(page, () => window.calls.length);
  const after = await page.evaluate(() => ({
    focused: document.activeElement?.id,
    bodyOverflow: document.body.style.overflow,
  }));
  assert.equal(after.focused, "before", "focus returned");
  assert.equal(after.bodyOverflow, "auto", "scroll restored");
  await context.close();
});

test("reduced motion: no animation runs", async () => {
  const { page, context } = await openPage(env);
  // Opened and counted in one turn: the entrance animation is short, and a
  // loaded machine could otherwise see it already finished.
  const animationsOnOpen = (id) => page.evaluate((id) => {
    window.handle = Ave.openAveConnectorSheet(connectorOptions(id));
    return document.getAnimations().length;
  }, id);
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal(await animationsOnOpen(newClientId()), 0);
  await page.evaluate(() => window.handle.close());
  await page.emulateMedia({ reducedMotion: "no-preference" });
  assert.ok(await animationsOnOpen(newClientId()) > 0, "animates otherwise");
  await context.close();
});

test("one sheet at a time: opening a second closes the first (onClose)", async () => {
  const { page, context } = await openPage(env);
  await page.evaluate(([a, b]) => {
    window.first = Ave.openAveConnectorSheet(connectorOptions(a, { onClose: () => calls.push(["first onClose"]) }));
    window.second = Ave.openAveConnectorSheet(connectorOptions(b));
  }, [newClientId(), newClientId()]);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[role="dialog"]').length), 1);
  assert.deepEqual(await calls(page), [["first onClose"]]);
  assert.equal(await page.evaluate(() => window.first.iframe.isConnected), false);
  await clickToEnd(await sheetConsent(page), "#approve");
  await waitFor(page, () => window.calls.length === 2);
  assert.equal((await calls(page))[1][0], "onSuccess");
  await context.close();
});

test("an onClose that opens a sheet while a second one opens: each earlier sheet closes once, the last one stays", async () => {
  const { page, context } = await openPage(env);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.evaluate(([a, b, c]) => {
    window.first = Ave.openAveConnectorSheet(connectorOptions(a, {
      onClose: () => {
        calls.push(["first onClose"]);
        window.third = Ave.openAveConnectorSheet(connectorOptions(c, { onClose: () => calls.push(["third onClose"]) }));
      },
    }));
    window.second = Ave.openAveConnectorSheet(connectorOptions(b));
  }, [newClientId(), newClientId(), newClientId()]);
  assert.deepEqual(errors, []);
  assert.deepEqual(await calls(page), [["first onClose"], ["third onClose"]]);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[role="dialog"]').length), 1);
  assert.equal(await page.evaluate(() => window.second.iframe.isConnected && !window.third.iframe.isConnected), true);
  await clickToEnd(await sheetConsent(page), "#approve");
  await waitFor(page, () => window.calls.length === 3);
  assert.equal((await calls(page))[2][0], "onSuccess");
  await context.close();
});

test("forged messages from a third origin, a second issuer-origin frame and the page itself are ignored", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId();
  await open(page, clientId, { state: "known-state" });
  const frame = await sheetConsent(page);
  const forged = [
    { type: "ave:success", payload: { redirectUrl: `${env.appOrigin}/connector/callback?code=evil&state=known-state` } },
    { type: "ave:error", payload: { error: "forged" } },
    { type: "ave:close" },
    { type: "ave:auth_required" },
  ];
  await page.evaluate(([origin, m]) => forge(origin, m), [env.thirdOrigin, forged]);
  await page.evaluate(([origin, m]) => forge(origin, m), [env.issuerOrigin, forged]);
  await page.evaluate((m) => { for (const x of m) window.postMessage(x, "*"); }, forged);
  await sleep(100);
  assert.deepEqual(await calls(page), [], "no callback from forged messages");
  assert.equal(await page.evaluate(() => document.querySelectorAll('[role="dialog"]').length), 1, "sheet still open");
  assert.equal(await page.evaluate(() => document.querySelector('[data-ave-embed="continue"]').style.display), "none");
  await clickToEnd(frame, "#approve");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(result.length, 1);
  assert.notEqual(new URL(result[0][1].redirectUrl).searchParams.get("code"), "evil");
  await context.close();
});

test("the sheet's own frame navigated to a third origin (right source window, wrong origin) is not heard", async () => {
  const { page, context } = await openPage(env);
  await open(page, newClientId(), { state: "known-state" });
  await sheetConsent(page);
  const forged = [
    { type: "ave:success", payload: { redirectUrl: `${env.appOrigin}/connector/callback?code=evil&state=known-state` } },
    { type: "ave:error", payload: { error: "forged" } },
    { type: "ave:close" },
  ];
  await page.evaluate(([origin, m]) => forgeInFrame(document.querySelector('[data-ave-embed="sheet"] iframe'), origin, m), [env.thirdOrigin, forged]);
  await sleep(100);
  assert.deepEqual(await calls(page), [], "no callback from the navigated frame");
  assert.equal(await page.evaluate(() => document.querySelectorAll('[role="dialog"]').length), 1, "sheet still open");
  await page.evaluate(() => window.handle.close());
  await context.close();
});

test("a redirectUrl on another origin or path → invalid_redirect; a wrong state → state_mismatch", async () => {
  const { page, context } = await openPage(env);
  for (const [tamper, error] of [["origin", "invalid_redirect"], ["path", "invalid_redirect"], ["state", "state_mismatch"]]) {
    await page.evaluate(() => (window.calls = []));
    const clientId = newClientId();
    await mockConfig(env, clientId, { tamper });
    await open(page, clientId);
    await clickToEnd(await sheetConsent(page), "#approve");
    const result = await waitFor(page, () => window.calls.length && window.calls);
    assert.equal(result.length, 1, tamper);
    assert.equal(result[0][0], "onError", tamper);
    assert.equal(result[0][1].error, error, tamper);
    assert.equal(await sdkNodes(page), 0, tamper);
  }
  await context.close();
});

test("ave:auth_required with the popup blocked → Continue button → popup from the click → success", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId();
  await mockConfig(env, clientId, { authRequired: 1 });
  // Opened, and waited on, without any user gesture: the popup that the SDK
  // tries after ave:auth_required meets the browser's real popup blocker.
  await openUntilContinue(page, `window.handle = Ave.openAveConnectorSheet(connectorOptions(${JSON.stringify(clientId)}))`);
  assert.equal(context.pages().length, 1, "the automatic popup was blocked");
  const cont = await page.$('[data-ave-embed="continue"] button');
  assert.equal(await cont.textContent(), "Continue");
  const [popup] = await Promise.all([context.waitForEvent("page"), cont.click()]);
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).pathname, "/connect");
  await clickToEnd(popup, "#approve");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(result.length, 1);
  assert.equal(result[0][0], "onSuccess");
  assert.equal(await sdkNodes(page), 0, "sheet removed");
  assert.ok(await popupCloses(popup), "the SDK closed the popup");
  await context.close();
});

test("strict CSP (script-src 'self' 'wasm-unsafe-eval'; style-src 'self'): full flow, zero violations", async () => {
  const { page, context, problems } = await openPage(env, "/e2e/host.html?csp=strict");
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get("content-security-policy"));
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  await open(page, newClientId());
  await clickToEnd(await sheetConsent(page), "#approve");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(result[0][0], "onSuccess");
  await page.evaluate(() => window.Ave.openAveConnectorSheet(connectorOptions("csp-2")).close());
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test("callbacks may re-enter: close() inside onSuccess fires no onClose", async () => {
  const { page, context } = await openPage(env);
  await page.evaluate((id) => {
    window.handle = Ave.openAveConnectorSheet(connectorOptions(id, {
      onSuccess: () => { calls.push(["onSuccess"]); window.handle.close(); },
    }));
  }, newClientId());
  await clickToEnd(await sheetConsent(page), "#approve");
  await waitFor(page, () => window.calls.length);
  await sleep(50);
  assert.deepEqual(await calls(page), [["onSuccess"]]);
  await context.close();
});
