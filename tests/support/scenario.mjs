// What every per-engine test file (tests/engines/, tests/page-states/)
// shares: the engine named by ENGINE (chromium | firefox | webkit), launched
// once per file with the three origins' servers, the scenario wrapper, and
// the small page helpers of the e2e host page (tests/e2e/pages/host.html).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServers } from "./server.mjs";
import { available, launch, poll } from "./driver.mjs";

export { poll };

export const ENGINE = process.env.ENGINE ?? "chromium";
/** The iframe of the open sheet, as a driver `where`. */
export const SHEET_FRAME = { frame: '[data-ave-embed="sheet"] iframe' };
/** A click that ends the flow (the SDK then removes its frame, or the popup closes itself). */
export const END = { ends: true };

const missing = available(ENGINE);
/** The servers (`appOrigin`, `issuerOrigin`, `thirdOrigin`, `issuer`: the kit's MockIssuer), once `before` ran. */
export const env = {};
let engine;
/** The launched engine (`newTab`, `name`, `version`), once `before` ran. */
export const currentEngine = () => engine;

before(async () => {
  if (missing) return;
  Object.assign(env, await startServers({ appPort: 0, issuerPort: 0, thirdPort: 0 }));
  engine = await launch(ENGINE);
  console.log(`engine ${engine.name} ${engine.version}`);
});
after(async () => {
  await engine?.close();
  await env.close?.();
});

/**
 * A scenario of this engine, skipped (and counted so) where the engine is
 * not installed. In WebKit, a scenario whose WebDriver session the driver
 * deleted (MiniBrowser's page crashed or was taken for hung) runs once more
 * in a new session, and says so in the log; any other failure fails it.
 */
export const t = (name, fn) => test(`[${ENGINE}] ${name}`, { skip: missing ?? false }, async () => {
  try {
    await fn();
  } catch (e) {
    if (ENGINE !== "webkit" || !/invalid session id|session deleted/.test(String(e?.message))) throw e;
    console.log(`retried in a new WebDriver session: ${e.message}`);
    await fn();
  }
});

let counter = 0;
/** A client id of its own per scenario, so that the mock issuer's switches never leak between scenarios. */
export const clientId = (prefix) => `${ENGINE}-${prefix}-${process.pid}-${++counter}`;

/** Sets switches of the mock issuer (`/__mock/config`). */
export async function mock(params) {
  const res = await fetch(`${env.issuerOrigin}/__mock/config?${new URLSearchParams(params)}`);
  assert.ok(res.ok, `mock config ${JSON.stringify(params)}: ${res.ok ? "" : await res.text()}`);
}

/** A fresh tab on `path` of the app origin, once its module set `window.__ready`. */
export async function appTab(path) {
  const tab = await engine.newTab(`${env.appOrigin}${path}`);
  await poll(() => tab.evaluate(null, () => window.__ready === true), path);
  return tab;
}

/** A fresh tab on the e2e host page, once the package is imported. */
export const hostTab = () => appTab("/e2e/host.html");

/** No SDK node left and no window but the page (popups close themselves 50 ms after their result). */
export async function nothingLeft(tab) {
  await poll(async () => (await tab.evaluate(null, () => document.querySelectorAll("[data-ave-embed], iframe").length)) === 0, "no SDK node left", 5000);
  await poll(async () => (await tab.windowCount()) === 1, "popups to close", 5000);
}

/** The host page's `#opener` button, clicked for real, runs `body` (page source of a function body of `arg`). */
export async function armOpener(tab, body, arg) {
  await tab.evaluate(null, ([body, arg]) => {
    window.onOpenerClick = new Function("arg", body).bind(null, arg);
    return true;
  }, [body, arg]);
}
