// An app's end-to-end test, written as an app team would: the app (here
// the demo) runs against the mock issuer of ave-embed-wasm/testing, and
// Playwright plays the user. The test knows the app's page, not the
// issuer's: the kit's helpers find and click the issuer's buttons, in the
// sheet's frame or in the issuer's own popup.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startMockIssuer } from "ave-embed-wasm/testing";
import { startApp } from "./app.mjs";

let issuer, app, browser;
before(async () => {
  issuer = await startMockIssuer(); // the aveid.net profile: as the live issuer
  app = await startApp({ issuerUrl: issuer.url });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
});
after(async () => {
  await browser?.close();
  await app?.close();
  await issuer?.close();
});
// Each test starts from a user the issuer has never seen.
const fresh = async () => {
  issuer.reset();
  const page = await (await browser.newContext()).newPage();
  await page.goto(app.url);
  return page;
};
/** The demo's log lines (what the SDK's callbacks reported). */
const logged = (page, text) => page.locator("#log li", { hasText: text }).first().waitFor();

test("the user signs in through the sheet: the app shows the id_token's claims", async () => {
  const page = await fresh();
  await page.click("#signin-sheet");
  await issuer.approve(page);
  await logged(page, "signin sheet onTokens");
  const tokens = JSON.parse(await page.locator("#tokens").textContent());
  assert.equal(tokens.id_token_claims.sub, "user-ada");
  assert.equal(tokens.id_token_claims.aud, "demo-app");
  const [signin] = issuer.flows({ kind: "signin" });
  assert.equal(tokens.id_token_claims.nonce, signin.query.nonce);
  assert.deepEqual(issuer.codes().map((c) => c.exchanged), [true], "one code, exchanged once");
  await page.context().close();
});

test("Safari/Firefox: third-party storage blocked, the user continues in the issuer's popup and is signed in", async () => {
  const page = await fresh();
  issuer.configure("demo-app", { storageBlocked: true });
  await page.click("#signin-sheet");
  await issuer.allowStorageAccess(page); // the gate in the sheet's frame opens the issuer's popup
  await issuer.approve(page); // in that popup
  await logged(page, "signin sheet onTokens");
  await page.context().close();
});

test("the user cancels the sign-in: the app hears onClose", async () => {
  const page = await fresh();
  await page.click("#signin-sheet");
  await issuer.cancel(page);
  await logged(page, "signin sheet onClose");
  await page.context().close();
});

test("the user denies the calendar connector: the app hears access_denied", async () => {
  const page = await fresh();
  await page.click("#connect-sheet");
  const consent = await issuer.nextFlow({ kind: "connect", clientId: "demo-app" });
  assert.equal(consent.query.resource, "calendar:google");
  await issuer.deny(page);
  await logged(page, "access_denied");
  await page.context().close();
});
