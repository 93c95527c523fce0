// The package's React hooks, `ave-embed-wasm/react` (pkg-template/react.js):
// useConnectorAuth and useAveRuntime in a Vite + React 19 app
// (examples/react/hooks/), built in development mode so that
// <React.StrictMode> mounts, unmounts and mounts every effect, served under
// the strict CSP at /react/hooks/ on the app origin, against the mock
// issuer on another origin.
//
// Needs the build: `make package`, then in examples/react `npm ci && node build.mjs`.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { useEnvironment, newClientId, waitFor, sheetConsent, sheetFrame, listenerCounts, sdkNodes, clickToEnd, sleep } from "./harness.mjs";

const env = useEnvironment();
const exampleDir = fileURLToPath(new URL("../../examples/react/", import.meta.url));
const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const CLOSE_BUTTON = '[data-ave-embed="sheet"] button[aria-label="Close"]';

before(() => {
  if (!existsSync(exampleDir + "dist/hooks/index.html")) {
    throw new Error("examples/react/dist/hooks is not built: run `make package`, then `npm ci && node build.mjs` in examples/react");
  }
});

/**
 * Opens /react/hooks/ (with `?client=` when given) in a new context. Every
 * runtime iframe the page ever gets is counted (`window.runtimeFramesAdded`),
 * so that a test can see StrictMode's first frame come and go.
 */
async function openApp(clientId) {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.runtimeFramesAdded = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          const frames = node instanceof Element ? [node, ...node.querySelectorAll("iframe")] : [];
          window.runtimeFramesAdded += frames.filter((f) => f.tagName === "IFRAME" && f.src.includes("/connect/runtime")).length;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const problems = { pageErrors: [], consoleErrors: [] };
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.consoleErrors.push(m.text()));
  const query = clientId === undefined ? "" : `?client=${encodeURIComponent(clientId)}`;
  const res = await page.goto(`${env.appOrigin}/react/hooks/${query}`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()["content-security-policy"], STRICT_CSP);
  await page.waitForSelector("#connect");
  return { page, context, problems };
}

/** What the page shows of useConnectorAuth's state, and its button. */
const authState = (page) =>
  page.evaluate(() => {
    const button = document.querySelector("#connect");
    return {
      isAuthorizing: document.querySelector("#is-authorizing").textContent,
      result: document.querySelector("#result").textContent,
      error: document.querySelector("#error").textContent,
      button: { text: button.textContent, disabled: button.disabled },
    };
  });

const idle = { text: "Connect Google Calendar", disabled: false };
const busy = { text: "Authorizing...", disabled: true };
const calls = (page) => page.evaluate(() => window.calls);
const waitIdle = (page) => waitFor(page, () => document.querySelector("#is-authorizing").textContent === "false", undefined, 10000);

/** `pageshow` listeners on window (useConnectorAuth's bfcache reset), through the DevTools protocol. */
async function pageshowListeners(page) {
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send("Runtime.evaluate", { expression: "window" });
  const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
  await cdp.detach();
  return listeners.filter((l) => l.type === "pageshow").length;
}

test("the app: React 19's development build under StrictMode; ave-embed-wasm/react and @ave-id/embed/react are one module", async () => {
  const { page, context, problems } = await openApp(newClientId("hooks"));
  assert.match(await page.textContent("#react-version"), /^19\./);
  assert.equal(await page.textContent("#dev-build"), "true", "StrictMode double-mounts effects only in development");
  assert.equal(await page.textContent("#same-module"), "true");
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
  await context.close();
});

test("useConnectorAuth: connect → consent → success: isAuthorizing false, result shown, the app's onSuccess called once, no navigation", async () => {
  const clientId = newClientId("hooks");
  const { page, context, problems } = await openApp(clientId);
  const listeners = await listenerCounts(page);
  assert.deepEqual(await authState(page), { isAuthorizing: "false", result: "", error: "", button: idle });
  await page.click("#connect");
  assert.deepEqual(await authState(page), { isAuthorizing: "true", result: "", error: "", button: busy });
  const frame = await sheetConsent(page);
  assert.equal(await page.locator('[role="dialog"]').count(), 1, "one sheet, StrictMode or not");
  const src = new URL(await page.$eval('[data-ave-embed="sheet"] iframe', (f) => f.src));
  assert.equal(src.origin + src.pathname, `${env.issuerOrigin}/connect`);
  assert.equal(src.searchParams.get("client_id"), clientId);
  assert.equal(src.searchParams.get("redirect_uri"), `${env.appOrigin}/connector/callback`, "the default redirectUri");
  assert.equal(src.searchParams.get("resource"), "calendar:google");
  assert.equal(src.searchParams.get("scope"), "calendar.read calendar.write");
  await clickToEnd(frame, "#approve");
  await waitIdle(page);
  const state = await authState(page);
  assert.deepEqual({ ...state, result: undefined }, { isAuthorizing: "false", result: undefined, error: "", button: idle });
  const redirect = new URL(state.result);
  assert.equal(redirect.origin + redirect.pathname, `${env.appOrigin}/connector/callback`);
  assert.match(redirect.searchParams.get("code"), /^[\w-]{16,}$/);
  assert.equal(redirect.searchParams.get("state"), src.searchParams.get("state"));
  assert.deepEqual(await calls(page), [["onSuccess", state.result]]);
  assert.equal(new URL(page.url()).pathname, "/react/hooks/", "the hook does not navigate; the app decides");
  assert.equal(await sdkNodes(page), 0);
  assert.deepEqual(await listenerCounts(page), listeners);
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
  await context.close();
});

test("useConnectorAuth: closing the sheet (its Close button, the hook's close()) and denying each settle isAuthorizing", async () => {
  const { page, context, problems } = await openApp(newClientId("hooks"));
  const listeners = await listenerCounts(page);
  const endings = {
    "the sheet's Close button": async () => page.click(CLOSE_BUTTON),
    // The sheet is modal: a real click would land on its backdrop (which closes it too).
    "the hook's close()": async () => page.$eval("#close-sheet", (b) => b.click()),
  };
  for (const [how, end] of Object.entries(endings)) {
    await page.evaluate(() => (window.calls = []));
    await page.click("#connect");
    assert.deepEqual((await authState(page)).button, busy, how);
    await sheetConsent(page);
    await end();
    await waitIdle(page);
    assert.deepEqual(await authState(page), { isAuthorizing: "false", result: "", error: "", button: idle }, how);
    await sleep(50);
    assert.deepEqual(await calls(page), [["onClose"]], `${how}: the app's onClose, once`);
    assert.equal(await sdkNodes(page), 0, how);
    assert.deepEqual(await listenerCounts(page), listeners, how);
  }

  await page.evaluate(() => (window.calls = []));
  await page.click("#connect");
  await clickToEnd(await sheetConsent(page), "#deny");
  await waitIdle(page);
  const denied = await authState(page);
  assert.deepEqual(denied.button, idle);
  assert.deepEqual(JSON.parse(denied.error), { error: "access_denied", message: "The user denied access" });
  assert.deepEqual(await calls(page), [["onError", { error: "access_denied", message: "The user denied access" }]]);
  assert.equal(await sdkNodes(page), 0);
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
  await context.close();
});

test("useConnectorAuth: a missing clientId is the SDK's TypeError, shown as error; nothing opens, the button works again", async () => {
  const { page, context, problems } = await openApp(); // no ?client=: clientId undefined
  await page.click("#connect");
  const state = await authState(page);
  assert.deepEqual(state, {
    isAuthorizing: "false",
    result: "",
    error: "TypeError: openAveConnectorSheet: option `clientId` is required",
    button: idle,
  });
  assert.equal(await sdkNodes(page), 0, "nothing opened");
  assert.deepEqual(await calls(page), [], "none of the app's callbacks");
  assert.deepEqual(problems.pageErrors, [], "returned as error, not thrown");

  // The same button, with a client id now: the next call opens a sheet and clears the error.
  await page.fill("#client-id", newClientId("hooks"));
  await page.click("#connect");
  assert.deepEqual(await authState(page), { isAuthorizing: "true", result: "", error: "", button: busy });
  await sheetFrame(page, "#approve");
  await page.click(CLOSE_BUTTON);
  await waitIdle(page);
  assert.deepEqual((await authState(page)).button, idle);
  assert.deepEqual(await calls(page), [["onClose"]]);
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
  await context.close();
});

test("useConnectorAuth: unmounting with the sheet open closes it, calls none of the app's callbacks and removes the hook's listeners", async () => {
  const { page, context, problems } = await openApp(newClientId("hooks"));
  await page.click("#toggle-auth"); // unmount, to count without the hook
  await page.waitForSelector("#connect", { state: "detached" });
  const without = { ...(await listenerCounts(page)), pageshow: await pageshowListeners(page) };
  await page.click("#toggle-auth");
  await page.waitForSelector("#connect");
  assert.equal(await pageshowListeners(page), without.pageshow + 1, "the hook's bfcache reset");

  await page.click("#connect");
  await sheetConsent(page);
  assert.equal(await page.locator('[data-ave-embed="sheet"] iframe').count(), 1, "the sheet is open");
  await page.$eval("#toggle-auth", (b) => b.click()); // (a real click would land on the sheet's backdrop)
  await page.waitForSelector("#connect", { state: "detached" });
  await waitFor(page, () => document.querySelectorAll("[data-ave-embed], iframe").length === 0);
  await sleep(100);
  assert.deepEqual(await calls(page), [], "no callback of the unmounted component");
  assert.deepEqual({ ...(await listenerCounts(page)), pageshow: await pageshowListeners(page) }, without);
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
  await context.close();
});

test("useAveRuntime under StrictMode: one live runtime frame, events stream into the page; unmount removes the frame and its listener", async () => {
  const { page, context, problems } = await openApp(newClientId("hooks"));
  const listeners = await listenerCounts(page);
  assert.equal(await page.locator("iframe").count(), 0);

  for (const round of [1, 2]) {
    const addedBefore = await page.evaluate(() => window.runtimeFramesAdded);
    await page.click("#toggle-runtime");
    await page.waitForSelector("#runtime");
    await waitFor(page, () => document.querySelector("#is-ready").textContent === "true", undefined, 15000);
    assert.equal(await page.locator("iframe").count(), 1, `round ${round}: one runtime frame`);
    // StrictMode's double mount opened a runtime and destroyed it before opening this one.
    assert.equal(await page.evaluate(() => window.runtimeFramesAdded) - addedBefore, 2, `round ${round}: StrictMode ran the effect twice`);
    const src = new URL(await page.$eval("iframe", (f) => f.src));
    assert.equal(src.origin + src.pathname, `${env.issuerOrigin}/connect/runtime`);
    assert.equal(src.searchParams.get("target"), "iris");
    assert.ok((await listenerCounts(page)).message > listeners.message, "listening while mounted");
    assert.equal(await page.locator("#events li").count(), 0, `round ${round}: a new runtime starts with no events`);

    await page.evaluate(() => (window.calls = []));
    await page.click("#send");
    await waitFor(page, () => [...document.querySelectorAll("#events li")].some((li) => JSON.parse(li.textContent).type === "complete"), undefined, 15000);
    const events = await page.$$eval("#events li", (lis) => lis.map((li) => JSON.parse(li.textContent)));
    const responses = events.filter((e) => e.type === "response");
    assert.ok(responses.length >= 1, "response events rendered");
    assert.match(responses.map((e) => e.data).join(""), /^Mock answer to "Hello"/);
    assert.ok(events.every((e) => e.id === events[0].id), "one request id");
    assert.deepEqual(await calls(page), events.map((e) => ["onEvent", e.type]), "the app's onEvent, once per event");
    assert.equal(await page.textContent("#runtime-error"), "");

    await page.click("#toggle-runtime");
    await page.waitForSelector("#runtime", { state: "detached" });
    await waitFor(page, () => document.querySelectorAll("iframe").length === 0);
    assert.equal(await page.locator("iframe, [data-ave-embed]").count(), 0, `round ${round}: no frame left after unmount`);
    assert.deepEqual(await listenerCounts(page), listeners, `round ${round}: no message listener left`);
  }
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
  await context.close();
});
