// The testing kit (ave-embed-wasm/testing, as built into dist/npm) from an
// app test's side: its own mock issuer (aveid.net profile, on its own
// origin), scripted decisions before and during a flow, the user helpers
// in the sheet's frame and in the issuer's own popup, records, runtime
// scripts, and clear errors for bad input. The app page is the e2e host
// page; every flow points its `issuer` option at the kit's issuer.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { APP_KEY_VALUES, startMockIssuer } from "../../dist/npm/testing/index.mjs";
import { useEnvironment, openPage, newClientId, waitFor, sleep, sdkNodes } from "./harness.mjs";

const env = useEnvironment();
let kit;
before(async () => {
  kit = await startMockIssuer();
});
after(async () => {
  await kit?.close();
});

const calls = (page) => page.evaluate(() => window.calls);
const result = async (page, timeout = 15000) => {
  await waitFor(page, () => window.calls.length > 0, undefined, timeout);
  await sleep(300); // anything after the result would show now
  return calls(page);
};
/** Polls the kit's records until `fn()` is truthy (pages report asynchronously). */
async function eventually(fn, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await sleep(50);
  }
}

test("kit: bad input is a clear error at once, never a hang", async () => {
  await assert.rejects(startMockIssuer({ profile: "auth0" }), { name: "TypeError", message: /profile must be "aveid.net" or "basic", got "auth0"/ });
  await assert.rejects(startMockIssuer({ prot: 1 }), { name: "TypeError", message: /unknown option "prot"/ });
  await assert.rejects(startMockIssuer({ port: -1 }), { name: "TypeError", message: /port must be an integer/ });
  await assert.rejects(startMockIssuer({ port: kit.port }), { message: new RegExp(`port ${kit.port} on 127.0.0.1 is already in use`) });
  assert.throws(() => kit.decide("flow-999999", "approve"), { message: /no flow "flow-999999"/ });
  assert.throws(() => kit.configure("c", { decision: "maybe" }), { name: "TypeError", message: /decision must be approve, deny, cancel or empty/ });
  assert.throws(() => kit.configure("c", { sesion: true }), { name: "TypeError", message: /unknown switch: sesion/ });
  assert.throws(() => kit.configure("c", { delayMs: 1e9 }), { name: "TypeError", message: /delayMs must be an integer/ });
  assert.throws(() => kit.configure("c", { storageAccess: "ask" }), { name: "TypeError", message: /storageAccess must be grant or refuse/ });
  assert.throws(() => kit.configure("c", { emailVerified: "yes" }), { name: "TypeError", message: /emailVerified must be 1 or 0/ });
  assert.throws(() => kit.configure(null, { runtimeListenerDelayMs: -1 }), { name: "TypeError", message: /runtimeListenerDelayMs must be an integer 0..60000, never, or empty/ });
  kit.configure("c", { storageAccess: "refuse", emailVerified: false });
  kit.configure(null, { runtimeListenerDelayMs: "never" });
  assert.deepEqual((({ storageAccess, emailVerified, runtimeListenerDelayMs }) => ({ storageAccess, emailVerified, runtimeListenerDelayMs }))(kit.state("c")),
    { storageAccess: "refuse", emailVerified: false, runtimeListenerDelayMs: "never" });
  kit.configure(null, { runtimeListenerDelayMs: "" });
  kit.reset("c");
  assert.throws(() => kit.runtime({ error: { status: 42 } }), { name: "TypeError", message: /status must be an integer 100..599/ });
  assert.throws(() => kit.runtime({ events: [1] }), { name: "TypeError", message: /events must be an array of objects/ });
  const started = Date.now();
  await assert.rejects(kit.nextFlow({ clientId: newClientId("none"), timeoutMs: 200 }), { message: /no flow for .* opened within 200 ms/ });
  await assert.rejects(kit.approve({}), { name: "TypeError", message: /pass a Playwright Page/ });
  // A page with no issuer frame: the helper says what it saw after its timeout.
  const { page, context } = await openPage(env);
  await assert.rejects(kit.approve(page, { timeoutMs: 200 }), { message: /approve: no issuer page showed #continue or #approve or #sign within 200 ms \(issuer pages: none\)/ });
  // A decision the page kind does not have.
  const clientId = newClientId("kit");
  await page.evaluate(([id, issuer]) => { window.h = Ave.openAveSheet(signinOptions(id, { issuer })); }, [clientId, kit.url]);
  const flow = await kit.nextFlow({ kind: "signin", clientId });
  assert.throws(() => flow.decide("deny"), { name: "TypeError", message: /a signin page takes approve, cancel, not "deny"/ });
  flow.decide("cancel");
  assert.throws(() => flow.decide("approve"), { message: /already decided \(cancel\)/ });
  assert.deepEqual((await result(page)).map((c) => c[0]), ["onClose"]);
  assert.ok(Date.now() - started < 8000, "every error came at once");
  await context.close();
});

test("kit: a scripted approve signs in through the sheet without a click; the id_token carries the flow's nonce; the code exchanged once; all recorded", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId("kit");
  kit.configure(clientId, { decision: "approve" });
  await page.evaluate(([id, issuer]) => Ave.openAveSheet(signinOptions(id, { issuer, onTokens: recordTokens })), [clientId, kit.url]);
  const calls = await result(page);
  assert.deepEqual(calls.map((c) => c[0]), ["onTokens"]);
  const [flow] = kit.flows({ kind: "signin", clientId });
  assert.ok(flow.query.nonce && flow.query.code_challenge, "the SDK sent a nonce and a PKCE challenge");
  const claims = await page.evaluate((t) => jwtClaims(t.id_token), calls[0][1]);
  assert.equal(claims.nonce, flow.query.nonce);
  assert.equal(claims.aud, clientId);
  const codes = kit.codes({ clientId });
  assert.equal(codes.length, 1);
  assert.equal(codes[0].kind, "signin");
  assert.equal(codes[0].exchanged, true);
  assert.equal(kit.requests({ path: "/api/oauth/token" }).filter((r) => r.method === "POST").length, 1, "one exchange");
  const posted = await eventually(() => flow.messages({ direction: "posted" }).find((m) => m.data.type === "ave:success"), "the page's ave:success recorded");
  assert.equal(posted.origin, env.appOrigin);
  const redirect = new URL(posted.data.payload.redirectUrl);
  assert.equal(redirect.searchParams.get("code"), codes[0].code);
  assert.ok(flow.query.state, "the SDK sent a state");
  assert.deepEqual([...redirect.searchParams], [["code", codes[0].code], ["state", flow.query.state]], "?code&state, as the live /signin");
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

for (const [decision, expected] of [
  ["approve", (calls) => assert.ok(new URL(calls[0][1].redirectUrl).searchParams.get("code"))],
  ["deny", (calls) => assert.equal(calls[0][1].error, "access_denied")],
  ["cancel", () => {}],
]) {
  test(`kit: the test decides during a connector sheet flow (${decision}) → ${decision === "approve" ? "onSuccess" : decision === "deny" ? "onError access_denied" : "onClose"}`, async () => {
    const { page, context } = await openPage(env);
    const clientId = newClientId("kit");
    await page.evaluate(([id, issuer]) => Ave.openAveConnectorSheet(connectorOptions(id, { issuer })), [clientId, kit.url]);
    const flow = await kit.nextFlow({ kind: "connect", clientId });
    assert.equal(flow.query.resource, "calendar:google");
    await sleep(300);
    assert.deepEqual(await calls(page), [], "nothing happens before the decision");
    kit.decide(flow.id, decision);
    const calls_ = await result(page);
    assert.deepEqual(calls_.map((c) => c[0]), [{ approve: "onSuccess", deny: "onError", cancel: "onClose" }[decision]]);
    expected(calls_);
    await context.close();
  });
}

test("kit helpers, storage blocked: allowStorageAccess in the sheet's frame, approve in the issuer's own popup → tokens with the app keys", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId("kit");
  kit.configure(clientId, { storageBlocked: true, appKeys: true });
  await page.evaluate(([id, issuer]) => Ave.openAveSheet(signinOptions(id, { issuer, onTokens: recordTokens })), [clientId, kit.url]);
  await kit.allowStorageAccess(page);
  await kit.approve(page); // in the popup the iframe opened
  const calls = await result(page);
  assert.deepEqual(calls.map((c) => c[0]), ["onTokens"]);
  for (const [name, value] of Object.entries(APP_KEY_VALUES)) assert.equal(calls[0][1][name], value, name);
  const flows = kit.flows({ kind: "signin", clientId });
  assert.equal(flows.length, 2, "the sheet's page and the popup's");
  assert.equal(flows[1].query.embed, "1");
  await context.close();
});

test("kit: a returning user is signed in silently; a slow page (delayMs) still signs in, later; an issuer error reaches onError", async () => {
  const { page, context } = await openPage(env);
  const returning = newClientId("kit");
  kit.configure(returning, { returning: true });
  await page.evaluate(([id, issuer]) => Ave.openAveSheet(signinOptions(id, { issuer })), [returning, kit.url]);
  assert.deepEqual((await result(page)).map((c) => c[0]), ["onSuccess"]);

  await page.evaluate(() => { window.calls = []; });
  const slow = newClientId("kit");
  kit.configure(slow, { decision: "approve", delayMs: 1200 });
  const t0 = Date.now();
  await page.evaluate(([id, issuer]) => Ave.openAveSheet(signinOptions(id, { issuer })), [slow, kit.url]);
  assert.deepEqual((await result(page)).map((c) => c[0]), ["onSuccess"]);
  assert.ok(Date.now() - t0 >= 1200, "the answer came after the delay");

  await page.evaluate(() => { window.calls = []; });
  const failing = newClientId("kit");
  kit.configure(failing, { error: "temporarily_unavailable", errorMessage: "Try again later" });
  await page.evaluate(([id, issuer]) => Ave.openAveConnectorSheet(connectorOptions(id, { issuer })), [failing, kit.url]);
  assert.deepEqual(await result(page), [["onError", { error: "temporarily_unavailable", message: "Try again later" }]]);
  await context.close();
});

test("kit: a silent page makes a background connector time out; a signed-out user (ave:auth_required) makes it interaction_required; a scripted approve answers it", async () => {
  const { page, context } = await openPage(env);
  const silent = newClientId("kit");
  kit.configure(silent, { silent: true });
  await page.evaluate(([id, issuer]) => Ave.openAveConnectorSheet(connectorOptions(id, { issuer, mode: "background", timeoutMs: 800 })), [silent, kit.url]);
  const timedOut = await result(page);
  assert.deepEqual(timedOut.map((c) => [c[0], c[1].error]), [["onError", "timeout"]]);
  assert.equal(kit.flows({ clientId: silent }).length, 1, "the page was there, it only never answered");

  await page.evaluate(() => { window.calls = []; });
  const signedOut = newClientId("kit");
  kit.configure(signedOut, { session: false });
  await page.evaluate(([id, issuer]) => Ave.openAveConnectorSheet(connectorOptions(id, { issuer, mode: "background", timeoutMs: 5000 })), [signedOut, kit.url]);
  assert.deepEqual((await result(page)).map((c) => [c[0], c[1].error]), [["onError", "interaction_required"]]);
  await eventually(() => kit.messages({ clientId: signedOut, direction: "posted", type: "ave:auth_required" }).length === 2, "the page's two ave:auth_required recorded (as the real /connect)");

  await page.evaluate(() => { window.calls = []; });
  const approving = newClientId("kit");
  kit.configure(approving, { decision: "approve" });
  await page.evaluate(([id, issuer]) => Ave.openAveConnectorSheet(connectorOptions(id, { issuer, mode: "background", timeoutMs: 5000 })), [approving, kit.url]);
  assert.deepEqual((await result(page)).map((c) => c[0]), ["onSuccess"]);
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("kit: runtime scripts stream the test's events and fail with a status; what the runtime received is recorded, the token only as its length", async () => {
  const { page, context } = await openPage(env);
  kit.runtime({ events: [{ type: "token", content: "Hel" }, { type: "token", content: "lo" }, { type: "done", content: "Hello" }] });
  await page.evaluate((issuer) => {
    window.rt = Ave.openAveConnectorRuntime(runtimeOptions({ issuer }));
    window.rt.send({ id: "q1", mode: "stream", messages: [{ role: "user", content: "Hi" }] });
  }, kit.url);
  await waitFor(page, () => window.events.length >= 3);
  assert.deepEqual(await page.evaluate(() => window.events), [
    { id: "q1", type: "token", content: "Hel" },
    { id: "q1", type: "token", content: "lo" },
    { id: "q1", type: "done", content: "Hello" },
  ]);
  const flow = kit.flows({ kind: "runtime" }).at(-1);
  const init = await eventually(() => flow.messages({ type: "ave:connector:init" })[0], "the init recorded");
  assert.equal(init.origin, env.appOrigin);
  const token = await page.evaluate(() => window.TOKEN);
  assert.equal(init.data.payload.delegatedToken, `[${token.length} characters]`);
  assert.ok(!JSON.stringify(kit.messages()).includes(token), "the token never leaves the runtime page");
  await eventually(() => flow.messages({ type: "ave:connector:request" })[0]?.data.payload.id === "q1", "the request recorded");
  await page.evaluate(() => window.rt.destroy());

  kit.runtime({ error: { status: 429, error: "rate_limited", message: "Slow down" } });
  await page.evaluate((issuer) => {
    window.calls = [];
    window.rt = Ave.openAveConnectorRuntime(runtimeOptions({ issuer }));
    window.rt.send({ id: "q2", messages: [{ role: "user", content: "Hi" }] });
  }, kit.url);
  await waitFor(page, () => window.calls.some((c) => c[0] === "onError"));
  assert.deepEqual((await calls(page)).find((c) => c[0] === "onError")[1], { id: "q2", status: 429, error: "rate_limited", message: "Slow down" });
  await page.evaluate(() => window.rt.destroy());
  kit.runtime(null);
  await context.close();
});
