// Shared set-up of the end-to-end suite: the three origins (app, mock
// issuer, hostile third) and a real Chromium driven by playwright-core.
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { startServers } from "../support/server.mjs";
import { cdpEvaluate, offlineArgs } from "../support/lean-browser.mjs";
import { clickToEnd as clickIssuerButton } from "../../dist/npm/testing/user.mjs";

/**
 * Starts servers and a browser once per test file; returns an object whose
 * fields are filled in by `before`.
 */
export function useEnvironment({ allowPopups = false } = {}) {
  const env = {};
  before(async () => {
    Object.assign(env, await startServers({ appPort: 0, issuerPort: 0, thirdPort: 0 }));
    env.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      headless: true,
      // Let the popup blocker work as in a real browser: popups only from real clicks.
      ignoreDefaultArgs: allowPopups ? [] : ["--disable-popup-blocking"],
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        ...(await offlineArgs()),
      ],
    });
  });
  after(async () => {
    await env.browser?.close();
    await env.close?.();
  });
  return env;
}

let clientCounter = 0;
/** A fresh client id per test, so the mock issuer's state never leaks between tests. */
export function newClientId(prefix = "e2e") {
  clientCounter += 1;
  return `${prefix}-${process.pid}-${clientCounter}-${Date.now().toString(36)}`;
}

/**
 * Opens `path` on the app origin in a new context. Collects page errors,
 * console errors and CSP violations, and exposes `page.ave` helpers.
 */
export async function openPage(env, path = "/e2e/host.html") {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = { pageErrors: [], consoleErrors: [], consoleText: [] };
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("console", (m) => {
    problems.consoleText.push(m.text());
    if (m.type() === "error") problems.consoleErrors.push(m.text());
  });
  await page.goto(env.appOrigin + path);
  await page.waitForFunction(() => window.__ready === true);
  return { page, context, problems };
}

/** Polls `fn` (evaluated in the page) until it returns a truthy value. */
export async function waitFor(page, fn, arg, timeout = 5000) {
  const handle = await page.waitForFunction(fn, arg, { timeout, polling: 50 });
  return handle.jsonValue();
}

/** Sets per-client switches of the mock issuer (the testing kit's `configure`). */
export async function mockConfig(env, clientId, params) {
  env.issuer.configure(clientId, params);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Whether `popup` closes within `timeout` ms. Playwright learns of a close
 * through an event that can arrive after the page's own result, so a check of
 * `isClosed()` right away (or after a fixed sleep) races on a loaded machine.
 */
export async function popupCloses(popup, timeout = 3000) {
  if (popup.isClosed()) return true;
  return popup.waitForEvent("close", { timeout }).then(() => true, () => popup.isClosed());
}

/** Counts `message` and `keydown` listeners on window and document through the DevTools protocol. */
export async function listenerCounts(page) {
  const cdp = await page.context().newCDPSession(page);
  const on = async (expression) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    return listeners;
  };
  const all = [...(await on("window")), ...(await on("document"))];
  await cdp.detach();
  const count = (type) => all.filter((l) => l.type === type).length;
  return { message: count("message"), keydown: count("keydown"), click: count("click") };
}

/** Every node the SDK adds carries data-ave-embed or is an iframe: count both. */
export async function sdkNodes(page) {
  return page.evaluate(() => document.querySelectorAll("[data-ave-embed], iframe").length);
}

/** The consent page inside the sheet's iframe, once its buttons are visible. */
export async function sheetConsent(page) {
  return sheetFrame(page, "#approve");
}

/**
 * Evaluates `expression` in a page, or in a cross-origin (out-of-process)
 * frame, WITHOUT a user gesture (Playwright's own evaluate runs with one,
 * which would let the page open popups). Used where a test needs the
 * browser's popup blocker to act.
 */
export async function evaluateWithoutGesture(target, expression) {
  const page = typeof target.mainFrame === "function" ? target : target.page();
  const cdp = await page.context().newCDPSession(target);
  try {
    return await cdpEvaluate((method, params) => cdp.send(method, params), expression, { userGesture: false });
  } finally {
    await cdp.detach();
  }
}

/**
 * Runs `openExpression` (page source that opens a sheet whose issuer page
 * asks for `ave:auth_required`) with no user activation left, so that the
 * SDK's popup meets the real popup blocker; resolves once the sheet shows
 * its "Continue" fallback.
 */
export async function openUntilContinue(page, openExpression) {
  await evaluateWithoutGesture(page, `consumeActivation();
    ${openExpression};
    new Promise((resolve) => {
      const panel = document.querySelector('[data-ave-embed="continue"]');
      const check = () => (panel.style.display === "flex" ? resolve() : setTimeout(check, 20));
      check();
    })`);
}

/** The issuer page inside the open sheet's iframe, once `selector` is visible. */
export async function sheetFrame(page, selector) {
  const handle = await page.waitForSelector('[data-ave-embed="sheet"] iframe');
  const frame = await handle.contentFrame();
  await frame.waitForSelector(selector, { state: "visible" });
  // Clicks into an iframe that is still sliding up land where it was, not where it is.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  return frame;
}

/**
 * Clicks `selector` in an issuer frame or popup (`target`: a Frame or a
 * Page) where the click may end the flow; done also when that removes the
 * frame or closes the popup (the testing kit's `clickToEnd`).
 */
export async function clickToEnd(target, selector) {
  const frame = typeof target.mainFrame === "function" ? target.mainFrame() : target;
  await clickIssuerButton(frame, frame.locator(selector), 30000);
}
