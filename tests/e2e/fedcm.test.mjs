// One-tap sign-in with FedCM (issue 31, README "One-tap sign-in with
// FedCM"): `openAveSheet({ fedcm: true, onTokens })` in Chromium against
// the mock issuer on another site, with the testing kit answering the
// browser's dialogs over CDP (fedcmChooser). Each case: which callback,
// once, and which surfaces were shown. Firefox and WebKit (no
// IdentityCredential: the sheet at once) are in tests/engines/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_KEY_VALUES } from "../../dist/npm/testing/index.mjs";
import { useEnvironment, openPage, newClientId, waitFor, sleep, sheetFrame, clickToEnd, sdkNodes } from "./harness.mjs";

const env = useEnvironment();
const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));

/**
 * The host page, signed in at the issuer's FedCM (or not), with the kit's
 * chooser on its dialogs, and a record of every SDK node or iframe that
 * ever appeared in it.
 */
async function fedcmPage({ login = true } = {}) {
  const { page, context, problems } = await openPage(env);
  if (login) await env.issuer.fedcmLogin(page);
  const chooser = await env.issuer.fedcmChooser(page);
  await page.evaluate(() => {
    window.surfaces = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.nodeType === 1 && (n.matches("[data-ave-embed], iframe") || n.querySelector("iframe"))) window.surfaces.push(n.getAttribute("data-ave-embed") ?? n.tagName);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  return { page, context, problems, chooser };
}

/** Calls openAveSheet with fedcm: true and onTokens; the handle lands in window.handle. */
function signIn(page, clientId, extra = {}) {
  return page.evaluate(([id, extra]) => {
    Ave.openAveSheet(signinOptions(id, { onTokens: recordTokens, fedcm: true, ...extra })).then((h) => (window.handle = h));
  }, [clientId, extra]);
}

/** The flow's callbacks once it has settled, after a quiet time in which nothing else may come. */
async function settled(page, quietMs = 500) {
  await waitFor(page, () => window.calls.length > 0, undefined, 15000);
  await sleep(quietMs);
  return page.evaluate(() => window.calls);
}

test("FedCM, the account chosen → onTokens once (the assertion exchanged, the nonce checked); no sheet, iframe or popup ever shown", { timeout: 60000 }, async () => {
  const { page, context, problems, chooser } = await fedcmPage();
  const clientId = newClientId("fedcm-sdk");
  const since = Date.now();
  await signIn(page, clientId);
  const dialog = await chooser.nextDialog();
  assert.equal(dialog.dialogType, "AccountChooser");
  assert.equal(await page.evaluate(() => window.handle.iframe), null, "the handle while the chooser is up");
  await chooser.selectAccount(0);
  const calls = await settled(page);
  assert.deepEqual(calls.map(([name]) => name), ["onTokens"]);
  const [[, tokens]] = calls;
  assert.equal(typeof tokens.access_token, "string");
  const assertion = env.issuer.requests({ path: "/api/oauth/fedcm/assertion" }).find((r) => r.at >= since && r.form?.client_id === clientId);
  const sent = JSON.parse(assertion.form.params);
  assert.equal(claimsOf(tokens.id_token).nonce, sent.nonce, "the id_token carries the nonce the SDK sent");
  assert.match(sent.nonce, /^[\w-]{20,}$/);
  assert.match(sent.state, /^[\w-]{20,}$/);
  assert.equal(sent.redirectUri, `${env.appOrigin}/callback`);
  assert.equal(assertion.secFetchDest, "webidentity");
  assert.equal(env.issuer.codes({ clientId }).filter((c) => c.fedcm && c.exchanged).length, 1, "exchanged once");
  assert.deepEqual(await page.evaluate(() => window.surfaces), [], "no sheet or iframe was ever shown");
  assert.equal(context.pages().length, 1, "no popup");
  assert.equal(await sdkNodes(page), 0);
  const seen = env.issuer.requests().filter((r) => r.at >= since && (r.path.startsWith("/api/oauth/fedcm/") || r.path.startsWith("/.well-known/")));
  console.log(`requests for one FedCM sign-in: ${seen.map((r) => `${r.method} ${r.path} ${r.secFetchDest}`).join("; ")}`);
  assert.deepEqual(problems.pageErrors, []);
  await chooser.close();
  await context.close();
});

test("FedCM, the chooser dismissed → the sheet opens with the same sign-in and completes → onTokens once", { timeout: 60000 }, async () => {
  const { page, context, chooser } = await fedcmPage();
  const clientId = newClientId("fedcm-sdk");
  await signIn(page, clientId);
  assert.equal((await chooser.nextDialog()).dialogType, "AccountChooser");
  await chooser.dismiss();
  const frame = await sheetFrame(page, "#continue");
  const src = new URL(await page.$eval('[data-ave-embed="sheet"] iframe', (f) => f.src));
  assert.equal(src.searchParams.get("client_id"), clientId);
  assert.ok(src.searchParams.get("nonce"), "the sheet's sign-in has the SDK's nonce (onTokens)");
  await clickToEnd(frame, "#continue");
  const calls = await settled(page);
  assert.deepEqual(calls.map(([name]) => name), ["onTokens"]);
  assert.equal(typeof calls[0][1].access_token, "string");
  assert.deepEqual(await page.evaluate(() => window.surfaces), ["sheet"], "one sheet, once");
  assert.equal(await sdkNodes(page), 0);
  await chooser.close();
  await context.close();
});

test("FedCM, signed out at the issuer → no dialog; the sheet opens and completes", { timeout: 60000 }, async () => {
  const { page, context, chooser } = await fedcmPage({ login: false });
  const clientId = newClientId("fedcm-sdk");
  await signIn(page, clientId);
  const frame = await sheetFrame(page, "#continue");
  assert.deepEqual(chooser.dialogs(), [], "no FedCM dialog");
  await clickToEnd(frame, "#continue");
  assert.deepEqual((await settled(page)).map(([name]) => name), ["onTokens"]);
  assert.deepEqual(await page.evaluate(() => window.surfaces), ["sheet"]);
  await chooser.close();
  await context.close();
});

test("FedCM, the issuer refuses (IdentityCredentialError) → onError({ error, url }) once; no sheet", { timeout: 60000 }, async () => {
  const { page, context, chooser } = await fedcmPage();
  const clientId = newClientId("fedcm-sdk");
  env.issuer.configure(clientId, { fedcm: "error", fedcmError: "access_denied" });
  await signIn(page, clientId);
  assert.equal((await chooser.nextDialog()).dialogType, "AccountChooser");
  await chooser.selectAccount(0);
  assert.equal((await chooser.nextDialog()).dialogType, "Error");
  await chooser.clickButton("ErrorGotIt");
  const calls = await settled(page);
  assert.deepEqual(calls.map(([name]) => name), ["onError"]);
  assert.equal(calls[0][1].error, "access_denied");
  assert.equal(calls[0][1].url, `${env.issuer.url}/docs`);
  assert.deepEqual(await page.evaluate(() => window.surfaces), []);
  await chooser.close();
  await context.close();
});

test("FedCM, close() while the chooser is up → onClose once; the request is aborted and nothing follows", { timeout: 60000 }, async () => {
  const { page, context, chooser } = await fedcmPage();
  const clientId = newClientId("fedcm-sdk");
  await signIn(page, clientId);
  const dialog = await chooser.nextDialog();
  assert.equal(dialog.dialogType, "AccountChooser");
  await page.evaluate(() => window.handle.close());
  await waitFor(page, () => window.calls.length > 0);
  await sleep(1000);
  assert.deepEqual(await page.evaluate(() => window.calls.map(([name]) => name)), ["onClose"]);
  assert.deepEqual(await page.evaluate(() => window.surfaces), [], "no sheet after close()");
  assert.deepEqual(env.issuer.codes({ clientId }), [], "no assertion was made");
  // The request was aborted: the browser closed its chooser.
  for (let i = 0; i < 50 && !chooser.dialogs()[0].closed; i++) await sleep(100);
  assert.equal(chooser.dialogs()[0].closed, true, "the chooser closed with the flow");
  await chooser.close();
  await context.close();
});

test("FedCM, an id_token without the nonce sent → onError nonce_mismatch; app keys of the assertion reach onTokens", { timeout: 60000 }, async () => {
  const { page, context, chooser } = await fedcmPage();
  const tampered = newClientId("fedcm-sdk");
  env.issuer.configure(tampered, { tamperNonce: true });
  await signIn(page, tampered);
  await chooser.selectAccount(0);
  const calls = await settled(page);
  assert.deepEqual(calls.map(([name, p]) => [name, p?.error]), [["onError", "nonce_mismatch"]]);

  await page.evaluate(() => (window.calls = []));
  const keyed = newClientId("fedcm-sdk");
  env.issuer.configure(keyed, { appKeys: true });
  await signIn(page, keyed);
  await chooser.nextDialog();
  await chooser.selectAccount(0);
  const [[name, tokens], ...rest] = await settled(page);
  assert.equal(name, "onTokens");
  assert.equal(rest.length, 0);
  for (const [key, value] of Object.entries(APP_KEY_VALUES)) assert.equal(tokens[key], value, key);
  await chooser.close();
  await context.close();
});
