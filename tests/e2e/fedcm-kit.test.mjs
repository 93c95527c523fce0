// The testing kit speaks FedCM (issue 31): the mock issuer's FedCM
// endpoints, its browser session (cookie + Set-Login), the switches
// `fedcm` / `fedcmError`, and the CDP helper that answers headless
// Chromium's dialogs. An app page (pages/fedcm.html) makes the FedCM call
// itself, as Ave's own SDK does (no SDK here), then exchanges the token.
// App on http://localhost:APP, issuer on http://127.0.0.1:ISSUER: the
// call is cross-site, as in production.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { APP_KEY_VALUES, fedcmChooser, startMockIssuer } from "../../dist/npm/testing/index.mjs";
import { useEnvironment, openPage, newClientId } from "./harness.mjs";

const env = useEnvironment();
let kit; // a second issuer, aveid.net profile (env.issuer is basic)
before(async () => {
  kit = await startMockIssuer();
});
after(async () => {
  await kit?.close();
});

const FEDCM = "webidentity";
const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
const fedcmPaths = (issuer, since) =>
  issuer.requests().filter((r) => r.at >= since && (r.path.startsWith("/api/oauth/fedcm/") || r.path === "/.well-known/web-identity"));

/** The app page, signed in at `issuer` (or not), with a chooser on its FedCM dialogs. */
async function fedcmPage(issuer, { login = true } = {}) {
  const { page, context, problems } = await openPage(env, "/e2e/fedcm.html");
  assert.equal(await page.evaluate(() => window.identityCredential), true, "this Chromium has IdentityCredential");
  if (login) await issuer.fedcmLogin(page);
  const chooser = await fedcmChooser(page);
  return { page, context, problems, chooser };
}

/** Starts the page's navigator.credentials.get (not awaited: the test answers the dialog first). */
function startCall(page, issuer, clientId, extra = {}) {
  const args = { issuer: issuer.url, clientId, nonce: `nonce-${clientId}`, state: `state-${clientId}`, ...extra };
  return { args, result: page.evaluate((a) => window.fedcmGet(a), args) };
}

// ------------------------------------------------------------ HTTP contract (no browser)

test("FedCM endpoints over HTTP: shapes, Sec-Fetch-Dest and session required, credentialed CORS, the signed assertion with app keys, single-use exchange, switches", async () => {
  const base = kit.url;
  const app = "http://localhost:5555";
  const clientId = newClientId("fedcm-http");
  const get = (path, headers = {}) => fetch(base + path, { headers });
  const assertion = (form, headers = {}) =>
    fetch(`${base}/api/oauth/fedcm/assertion`, { method: "POST", headers: { "Sec-Fetch-Dest": FEDCM, Origin: app, ...headers }, body: new URLSearchParams(form) });
  const exchange = (body) =>
    fetch(`${base}/api/oauth/fedcm/exchange`, { method: "POST", headers: { "Content-Type": "application/json", Origin: app }, body: JSON.stringify(body) });
  const params = (extra = {}) => JSON.stringify({ scope: "openid email", redirectUri: `${app}/callback`, state: "s1", nonce: "n1", ...extra });
  const form = (extra = {}) => ({ account_id: "user-ada", client_id: clientId, nonce: "n1", params: params(), disclosure_text_shown: "true", is_auto_selected: "false", ...extra });

  // Discovery.
  assert.deepEqual(await (await get("/.well-known/web-identity")).json(), {
    provider_urls: [`${base}/api/oauth/fedcm/config`], accounts_endpoint: `${base}/api/oauth/fedcm/accounts`, login_url: `${base}/login`,
  });
  assert.deepEqual(await (await get("/api/oauth/fedcm/config")).json(), {
    accounts_endpoint: `${base}/api/oauth/fedcm/accounts`,
    id_assertion_endpoint: `${base}/api/oauth/fedcm/assertion`,
    client_metadata_endpoint: `${base}/api/oauth/fedcm/client-metadata`,
    login_url: `${base}/login`,
  });
  assert.deepEqual(await (await get(`/api/oauth/fedcm/client-metadata?client_id=${clientId}`)).json(), { privacy_policy_url: `${base}/privacy`, terms_of_service_url: `${base}/terms` });

  // Accounts: a FedCM fetch only; signed out → 401 + Set-Login: logged-out.
  const notFedcm = await get("/api/oauth/fedcm/accounts");
  assert.equal(notFedcm.status, 400);
  assert.equal((await notFedcm.json()).error, "invalid_request");
  const signedOut = await get("/api/oauth/fedcm/accounts", { "Sec-Fetch-Dest": FEDCM });
  assert.equal(signedOut.status, 401);
  assert.equal(signedOut.headers.get("set-login"), "logged-out");
  assert.deepEqual(await signedOut.json(), { accounts: [] });

  // The browser's session at the issuer: a cookie FedCM may send cross-site.
  const login = await get("/__mock/fedcm-login");
  assert.equal(login.status, 200);
  assert.equal(login.headers.get("set-login"), "logged-in");
  const setCookie = login.headers.get("set-cookie");
  assert.match(setCookie, /^ave_mock_idp=[\w-]+; /);
  for (const attr of ["Path=/", "HttpOnly", "Secure", "SameSite=None"]) assert.ok(setCookie.split("; ").includes(attr), `cookie has ${attr}: ${setCookie}`);
  const cookie = setCookie.split(";")[0];
  const signedIn = await get("/api/oauth/fedcm/accounts", { "Sec-Fetch-Dest": FEDCM, Cookie: cookie });
  assert.equal(signedIn.status, 200);
  assert.equal(signedIn.headers.get("set-login"), "logged-in");
  const accountsBefore = (await signedIn.json()).accounts;
  assert.deepEqual(accountsBefore, [{ id: "user-ada", given_name: "Ada", name: "Ada Lovelace", email: "ada@example.com", approved_clients: [], login_hints: ["ada@example.com", "user-ada"] }]);
  assert.equal((await get("/api/oauth/fedcm/accounts", { "Sec-Fetch-Dest": FEDCM, Cookie: "ave_mock_idp=forged" })).status, 401, "an unknown session is no session");

  // Assertion: its refusals, each with the CORS a credentialed fetch needs.
  const noDest = await fetch(`${base}/api/oauth/fedcm/assertion`, { method: "POST", headers: { Origin: app, Cookie: cookie }, body: new URLSearchParams(form()) });
  assert.equal(noDest.status, 400);
  assert.equal((await noDest.json()).error, "invalid_request");
  const noOrigin = await fetch(`${base}/api/oauth/fedcm/assertion`, { method: "POST", headers: { "Sec-Fetch-Dest": FEDCM, Cookie: cookie }, body: new URLSearchParams(form()) });
  assert.equal(noOrigin.status, 403);
  assert.deepEqual(await noOrigin.json(), { error: { code: "access_denied", url: `${base}/docs` } });
  const noSession = await assertion(form());
  assert.equal(noSession.status, 401);
  assert.equal(noSession.headers.get("set-login"), "logged-out");
  assert.equal(noSession.headers.get("access-control-allow-origin"), app);
  assert.equal(noSession.headers.get("access-control-allow-credentials"), "true");
  assert.deepEqual(await noSession.json(), { error: { code: "access_denied", url: `${base}/login` } });
  const otherOrigin = await assertion(form({ params: params({ redirectUri: "http://localhost:6666/callback" }) }), { Cookie: cookie });
  assert.equal(otherOrigin.status, 403, "the call's origin must be the redirectUri's");
  const badParams = await assertion(form({ params: "{not json" }), { Cookie: cookie });
  assert.equal(badParams.status, 400);
  assert.equal((await badParams.json()).error.code, "invalid_request");
  const otherAccount = await assertion(form({ account_id: "user-bob" }), { Cookie: cookie });
  assert.equal(otherAccount.status, 403);

  // Success, with the client's app keys on and its nonce tampered: the JWT's claims.
  kit.configure(clientId, { appKeys: true, tamperNonce: true });
  const ok = await assertion(form(), { Cookie: cookie });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("access-control-allow-origin"), app);
  assert.equal(ok.headers.get("access-control-allow-credentials"), "true");
  assert.equal(ok.headers.get("set-login"), "logged-in");
  const { token } = await ok.json();
  const claims = claimsOf(token);
  const [code] = kit.codes({ clientId });
  assert.equal(code.fedcm, true);
  assert.equal(code.nonce, "n1");
  assert.deepEqual({ ...claims, iat: 0, exp: claims.exp - claims.iat }, {
    iss: base, aud: clientId, sub: "user-ada", typ: "ave_fedcm", code: code.code, client_id: clientId, redirect_uri: `${app}/callback`,
    state: "s1", nonce: "n1", ...APP_KEY_VALUES, app_key_reset: true, iat: 0, exp: 300,
  });
  const recorded = kit.requests({ path: "/api/oauth/fedcm/assertion" }).at(-1);
  assert.equal(recorded.secFetchDest, FEDCM);
  assert.equal(recorded.form.params, params());
  const accountsAfter = await (await get("/api/oauth/fedcm/accounts", { "Sec-Fetch-Dest": FEDCM, Cookie: cookie })).json();
  assert.ok(accountsAfter.accounts[0].approved_clients.includes(clientId), "a client that got an assertion is approved");

  // Exchange: a forged assertion, another client, then once, and never again.
  const [header, , signature] = token.split(".");
  const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, redirect_uri: "http://evil.test/" })).toString("base64url")}.${signature}`;
  const bad = await exchange({ assertion: forged, clientId });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: "invalid_grant", error_description: "Invalid FedCM assertion" });
  assert.equal(bad.headers.get("access-control-allow-origin"), app, "errors carry the CORS the app needs to read them");
  const mismatch = await exchange({ assertion: token, clientId: "someone-else" });
  assert.equal(mismatch.status, 400);
  assert.equal((await mismatch.json()).error, "invalid_client");
  assert.equal((await exchange({ clientId })).status, 400, "no assertion");
  const first = await exchange({ assertion: token, clientId });
  assert.equal(first.status, 200);
  const tokens = await first.json();
  assert.deepEqual(Object.keys(tokens).sort(), ["access_token", "expires_in", "id_token", "scope", "token_type"]);
  assert.equal(tokens.scope, "openid email");
  assert.equal(claimsOf(tokens.id_token).nonce, "n1-tampered", "tamperNonce applies to the FedCM exchange too");
  assert.equal(kit.codes({ clientId })[0].exchanged, true);
  const replay = await exchange({ assertion: token, clientId });
  assert.equal(replay.status, 400);
  assert.deepEqual(await replay.json(), { error: "invalid_grant", error_description: "Authorization code already used" });

  // tokenStatus fails the FedCM exchange as it fails /api/oauth/token.
  kit.configure(clientId, { tamperNonce: false, tokenStatus: 500 });
  const again = await (await assertion(form(), { Cookie: cookie })).json();
  assert.equal((await exchange({ assertion: again.token, clientId })).status, 500);
  kit.configure(clientId, { tokenStatus: 200 });
  assert.equal(claimsOf((await (await exchange({ assertion: again.token, clientId })).json()).id_token).nonce, "n1", "not consumed by the failure");

  // Scripted issuer error; switches checked.
  kit.configure(clientId, { fedcm: "error", fedcmError: "temporarily_unavailable" });
  const scripted = await assertion(form(), { Cookie: cookie });
  assert.equal(scripted.status, 400);
  assert.deepEqual(await scripted.json(), { error: { code: "temporarily_unavailable", url: `${base}/docs` } });
  assert.equal(scripted.headers.get("access-control-allow-credentials"), "true");
  assert.deepEqual((({ fedcm, fedcmError }) => ({ fedcm, fedcmError }))(kit.state(clientId)), { fedcm: "error", fedcmError: "temporarily_unavailable" });
  assert.throws(() => kit.configure(clientId, { fedcm: "maybe" }), { name: "TypeError", message: /fedcm must be approve or error/ });
  assert.throws(() => kit.configure(clientId, { fedcmError: "Bad Code" }), { name: "TypeError", message: /fedcmError must be an OAuth-style code/ });

  // Signed out: the session is gone.
  const logout = await get("/__mock/fedcm-logout", { Cookie: cookie });
  assert.equal(logout.headers.get("set-login"), "logged-out");
  assert.match(logout.headers.get("set-cookie"), /^ave_mock_idp=; .*Max-Age=0/);
  assert.equal((await get("/api/oauth/fedcm/accounts", { "Sec-Fetch-Dest": FEDCM, Cookie: cookie })).status, 401);
  kit.reset(clientId);
});

// ------------------------------------------------------------ Chromium

test("FedCM in Chromium: signed in, the account chosen → token → exchange → id_token with the nonce sent; a replay is invalid_grant; the requests the mock saw", { timeout: 30000 }, async () => {
  const issuer = env.issuer; // basic profile
  const { page, context, problems, chooser } = await fedcmPage(issuer);
  const clientId = newClientId("fedcm");
  const since = Date.now();
  const { args, result } = startCall(page, issuer, clientId);
  const dialog = await chooser.nextDialog();
  assert.equal(dialog.dialogType, "AccountChooser");
  assert.deepEqual(dialog.accounts.map((a) => [a.accountId, a.name, a.email, a.idpConfigUrl]), [["user-ada", "Ada Lovelace", "ada@example.com", `${issuer.url}/api/oauth/fedcm/config`]]);
  await chooser.selectAccount(0);
  const { token, type } = await result;
  assert.equal(type, "identity");
  const assertionClaims = claimsOf(token);
  assert.equal(assertionClaims.typ, "ave_fedcm");
  assert.equal(assertionClaims.nonce, args.nonce);
  assert.equal(assertionClaims.state, args.state);
  assert.equal(assertionClaims.redirect_uri, `${env.appOrigin}/callback`);

  const exchanged = await page.evaluate((a) => window.fedcmExchange(a), { issuer: issuer.url, assertion: token, clientId });
  assert.equal(exchanged.status, 200);
  const idToken = claimsOf(exchanged.body.id_token);
  assert.equal(idToken.nonce, args.nonce, "the id_token carries the nonce the page sent");
  assert.equal(idToken.aud, clientId);
  assert.ok(exchanged.body.access_token);
  // What the issuer saw for this sign-in: every FedCM fetch says webidentity; the app's own exchange (preflight + POST) does not.
  const requests = fedcmPaths(issuer, since);
  const seen = requests.map((r) => `${r.method} ${r.path} ${r.secFetchDest}`);
  assert.deepEqual([...seen].sort(), [
    `GET /.well-known/web-identity ${FEDCM}`,
    `GET /api/oauth/fedcm/accounts ${FEDCM}`,
    `GET /api/oauth/fedcm/client-metadata ${FEDCM}`,
    `GET /api/oauth/fedcm/config ${FEDCM}`,
    "OPTIONS /api/oauth/fedcm/exchange empty",
    `POST /api/oauth/fedcm/assertion ${FEDCM}`,
    "POST /api/oauth/fedcm/exchange empty",
  ]);
  const at = (line) => seen.indexOf(line);
  assert.ok(at(`GET /api/oauth/fedcm/accounts ${FEDCM}`) > at(`GET /api/oauth/fedcm/config ${FEDCM}`), "accounts after the config");
  assert.ok(at(`GET /api/oauth/fedcm/accounts ${FEDCM}`) > at(`GET /.well-known/web-identity ${FEDCM}`), "accounts after the well-known file");
  assert.ok(at(`POST /api/oauth/fedcm/assertion ${FEDCM}`) > at(`GET /api/oauth/fedcm/accounts ${FEDCM}`), "the assertion after the accounts");
  assert.ok(at("POST /api/oauth/fedcm/exchange empty") > at(`POST /api/oauth/fedcm/assertion ${FEDCM}`), "the exchange after the assertion");
  console.log(`requests for one FedCM sign-in: ${seen.join("; ")}`);

  const replay = await page.evaluate((a) => window.fedcmExchange(a), { issuer: issuer.url, assertion: token, clientId });
  assert.deepEqual(replay, { status: 400, body: { error: "invalid_grant", error_description: "Authorization code already used" } });
  const assertionRequest = requests.find((r) => r.path === "/api/oauth/fedcm/assertion");
  assert.equal(assertionRequest.form.account_id, "user-ada");
  assert.equal(assertionRequest.form.client_id, clientId);
  assert.deepEqual(JSON.parse(assertionRequest.form.params), { scope: "openid profile email", redirectUri: `${env.appOrigin}/callback`, state: args.state, nonce: args.nonce });
  assert.equal(issuer.codes({ clientId }).filter((c) => c.fedcm && c.exchanged).length, 1);
  assert.deepEqual(problems.pageErrors, []);
  await chooser.close();
  await context.close();
});

test("FedCM in Chromium: the user dismisses the chooser → the page's call rejects with NetworkError, no assertion", { timeout: 30000 }, async () => {
  const issuer = env.issuer;
  const { page, context, chooser } = await fedcmPage(issuer);
  const clientId = newClientId("fedcm");
  const since = Date.now();
  const { result } = startCall(page, issuer, clientId);
  assert.equal((await chooser.nextDialog()).dialogType, "AccountChooser");
  await chooser.dismiss();
  const rejected = await result;
  assert.equal(rejected.name, "NetworkError");
  assert.equal(rejected.token, undefined);
  assert.deepEqual(fedcmPaths(issuer, since).filter((r) => r.path === "/api/oauth/fedcm/assertion"), []);
  assert.deepEqual(issuer.codes({ clientId }), []);
  await chooser.close();
  await context.close();
});

test("FedCM in Chromium: never signed in at the issuer → accounts 401 (Set-Login: logged-out) → NetworkError without a dialog; signed out after a sign-in → not even a request; signed in again → the chooser", { timeout: 30000 }, async () => {
  const issuer = env.issuer;
  const { page, context, chooser } = await fedcmPage(issuer, { login: false });
  const clientId = newClientId("fedcm");
  let since = Date.now();
  const first = await startCall(page, issuer, clientId).result;
  assert.equal(first.name, "NetworkError");
  const accounts = fedcmPaths(issuer, since).filter((r) => r.path === "/api/oauth/fedcm/accounts");
  assert.equal(accounts.length, 1, "the browser asked for the accounts once");
  assert.equal(accounts[0].secFetchDest, FEDCM);
  await assert.rejects(chooser.nextDialog({ timeoutMs: 300 }), { message: /no FedCM dialog shown within 300 ms/ });
  assert.deepEqual(chooser.dialogs(), []);

  // Signed in, then out: the browser knows (Set-Login: logged-out) and asks nothing.
  await issuer.fedcmLogin(page);
  await issuer.fedcmLogout(page);
  since = Date.now();
  const second = await startCall(page, issuer, clientId).result;
  assert.equal(second.name, "NetworkError");
  assert.deepEqual(fedcmPaths(issuer, since).filter((r) => r.path === "/api/oauth/fedcm/accounts"), [], "logged out: no accounts request");
  assert.deepEqual(chooser.dialogs(), []);

  // Signed in again (Set-Login: logged-in): the chooser shows.
  await issuer.fedcmLogin(page);
  const third = startCall(page, issuer, clientId);
  assert.equal((await chooser.nextDialog()).dialogType, "AccountChooser");
  await chooser.selectAccount();
  assert.equal(claimsOf((await third.result).token).client_id, clientId);
  await chooser.close();
  await context.close();
});

test("FedCM in Chromium, aveid.net profile: a scripted issuer error → the error dialog → IdentityCredentialError with the code and url", { timeout: 30000 }, async () => {
  const { page, context, chooser } = await fedcmPage(kit);
  const clientId = newClientId("fedcm");
  kit.configure(clientId, { fedcm: "error", fedcmError: "temporarily_unavailable" });
  const { result } = startCall(page, kit, clientId);
  assert.equal((await chooser.nextDialog()).dialogType, "AccountChooser");
  await chooser.selectAccount(0);
  const error = await chooser.nextDialog();
  assert.equal(error.dialogType, "Error");
  await chooser.clickButton("ErrorGotIt");
  const rejected = await result;
  assert.equal(rejected.name, "IdentityCredentialError");
  assert.equal(rejected.isIdentityCredentialError, true);
  assert.equal(rejected.error, "temporarily_unavailable");
  if (rejected.code !== undefined) assert.equal(rejected.code, "temporarily_unavailable", "the deprecated .code, where Chromium still has it");
  assert.equal(rejected.url, `${kit.url}/docs`);
  assert.deepEqual(kit.codes({ clientId }), [], "no code issued");
  await chooser.close();
  await context.close();
});

test("fedcmChooser and the session helpers: clear errors for a bad page or argument", { timeout: 30000 }, async () => {
  await assert.rejects(fedcmChooser({}), { name: "TypeError", message: /pass a Playwright Page of Chromium/ });
  await assert.rejects(kit.fedcmLogin({}), { name: "TypeError", message: /fedcmLogin: pass a Playwright Page/ });
  const { context, chooser } = await fedcmPage(kit, { login: false });
  await assert.rejects(chooser.nextDialog({ timeoutMs: -1 }), { name: "TypeError", message: /timeoutMs must be a number/ });
  await assert.rejects(chooser.selectAccount(-1), { name: "TypeError", message: /index must be an integer/ });
  await assert.rejects(chooser.clickButton(""), { name: "TypeError", message: /clickButton: name must be/ });
  const pending = assert.rejects(chooser.nextDialog({ timeoutMs: 5000 }), { message: /closed while waiting for a dialog/ });
  await chooser.close();
  await pending;
  await assert.rejects(chooser.dismiss(), { message: /fedcmChooser.dismiss: closed/ });
  await context.close();
});
