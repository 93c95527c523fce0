// Every flow against the mock issuer's "aveid.net" profile, which behaves
// like the live issuer's pages (docs/protocol.md#how-the-live-issuer-behaves): its iframe opens its own popup when third-party storage is
// blocked, pages post via `opener.parent`, popups close themselves 50 ms
// after their result, /connect asks for a top-level sign-in and navigates
// itself to /login, the blocked-popup fallback lands the frame on
// redirectUri. Plus the trust rule's attacks (docs/security.md#origin-and-source): popups opened by
// other windows on the issuer origin are never heard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, mockConfig, sleep, sdkNodes, listenerCounts,
  sheetFrame, clickToEnd, openUntilContinue, popupCloses } from "./harness.mjs";

const env = useEnvironment();

/** Puts a client of the mock issuer on the aveid.net profile, with `switches`. */
const live = (clientId, switches = {}) => mockConfig(env, clientId, { profile: "aveid.net", ...switches });
const mockState = async (clientId) =>
  (await fetch(`${env.issuerOrigin}/__mock/state?client_id=${encodeURIComponent(clientId)}`)).json();
const calls = (page) => page.evaluate(() => window.calls);

/**
 * Waits for the flow's result, then long enough for a popup's self-close
 * (50 ms) and the SDK's closed-popup poll (~1 s) to have reported anything
 * they wrongly would; returns every callback seen.
 */
async function settled(page, quiet = 1200) {
  await waitFor(page, () => window.calls.length > 0, undefined, 15000);
  await sleep(quiet);
  return calls(page);
}

/** No SDK node, no listener beyond `before`, no window but the app's page. */
async function nothingLeft(page, context, before) {
  assert.equal(await sdkNodes(page), 0, "no SDK node left");
  assert.deepEqual(await listenerCounts(page), before, "no listener left");
  for (let i = 0; i < 40 && context.pages().length > 1; i++) await sleep(50);
  assert.equal(context.pages().length, 1, "no window left open");
}

/** The issuer page in the iframe matching `frameSelector`, once `selector` is visible in it. */
async function issuerFrame(page, frameSelector, selector) {
  const frame = await (await page.waitForSelector(frameSelector)).contentFrame();
  await frame.waitForSelector(selector, { state: "visible" });
  return frame;
}

/** Clicks the storage-access gate in `frame` for real: the iframe opens its own popup. */
async function gatePopup(context, frame) {
  const [popup] = await Promise.all([context.waitForEvent("page"), frame.click("#storage-access")]);
  await popup.waitForLoadState();
  // The scenario is the real one: a top-level popup whose opener is a framed window (the issuer's iframe).
  assert.ok(await popup.evaluate(() => window.opener !== null && window.opener.parent !== window.opener && window.top === window),
    "the popup was opened by the issuer's iframe");
  return popup;
}

const codeOf = (result) => new URL(result[0][1].redirectUrl).searchParams.get("code");

test("aveid.net, storage blocked: sign-in sheet → gate → the iframe's own popup (ave_auth) → onSuccess once; popup closes itself; nothing left", async () => {
  const { page, context, problems } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1 });
  await page.evaluate((id) => { window.pending = Ave.openAveSheet(signinOptions(id)); }, clientId);
  const popup = await gatePopup(context, await sheetFrame(page, "#storage-access"));
  assert.equal(await popup.evaluate(() => window.name), "ave_auth");
  const sent = new URL(popup.url()).searchParams.getAll("state");
  assert.equal(sent.length, 1, "the sign-in URL carries one state");
  await clickToEnd(popup, "#continue");
  const result = await settled(page);
  assert.deepEqual(result.map((c) => c[0]), ["onSuccess"], "exactly one result, no onClose");
  const redirect = new URL(result[0][1].redirectUrl);
  assert.equal(redirect.origin + redirect.pathname, `${env.appOrigin}/callback`);
  assert.ok(codeOf(result));
  assert.deepEqual(redirect.searchParams.getAll("state"), sent, "/signin echoes the state, as the live issuer's does");
  assert.ok(await popupCloses(popup), "the issuer's popup closed itself");
  await page.evaluate(async () => (await window.pending).close()); // after a result: nothing
  await sleep(50);
  assert.equal((await calls(page)).length, 1);
  await nothingLeft(page, context, before);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("aveid.net, storage blocked: sign-in sheet + onTokens through the gate popup; the app keys of the fragment join the tokens, never logged", async () => {
  const { page, context, problems } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1, appKeys: 1 });
  await page.evaluate((id) => Ave.openAveSheet(signinOptions(id, { onTokens: recordTokens })), clientId);
  const popup = await gatePopup(context, await sheetFrame(page, "#storage-access"));
  await clickToEnd(popup, "#continue");
  const result = await settled(page);
  assert.deepEqual(result.map((c) => c[0]), ["onTokens"]);
  const tokens = result[0][1];
  assert.ok(tokens.access_token && tokens.id_token);
  const { appKeyValues } = await mockState(clientId);
  for (const [name, value] of Object.entries(appKeyValues)) assert.equal(tokens[name], value, name);
  assert.equal(tokens.app_key_reset, true);
  for (const value of Object.values(appKeyValues)) {
    assert.ok(!problems.consoleText.some((t) => t.includes(value)), "app keys never logged");
  }
  await nothingLeft(page, context, before);
  await context.close();
});

for (const [name, options, check] of [
  ["onSuccess", {}, (result) => {
    assert.deepEqual(result.map((c) => c[0]), ["onSuccess"]);
    const redirect = new URL(result[0][1].redirectUrl);
    assert.equal(redirect.origin + redirect.pathname, `${redirect.origin}/callback`);
    assert.ok(redirect.searchParams.get("code"));
  }],
  ["onTokens, app keys written raw ('+' read back from ' ')", { onTokens: true, appKeys: "raw" }, (result, appKeyValues) => {
    assert.deepEqual(result.map((c) => c[0]), ["onTokens"]);
    for (const [key, value] of Object.entries(appKeyValues)) assert.equal(result[0][1][key], value, key);
    assert.ok(Object.values(appKeyValues).some((v) => v.includes("+")), "the test keys contain '+'");
  }],
]) {
  test(`aveid.net, cookies allowed, signed out, the gate's popup blocked: the frame goes to the non-embed page, signs in there, lands on redirectUri → ${name}; the callback page never stays in the sheet`, async () => {
    const { page, context } = await openPage(env);
    const before = await listenerCounts(page);
    const clientId = newClientId("live");
    await live(clientId, { session: 0, ...(options.appKeys ? { appKeys: options.appKeys } : {}) });
    await page.evaluate(([id, tokens]) => Ave.openAveSheet(signinOptions(id, tokens ? { onTokens: recordTokens } : {})), [clientId, !!options.onTokens]);
    const frame = await sheetFrame(page, "#storage-access");
    // With cookies allowed the storage check passes and the gate's popup opens from the click's
    // activation (its user activation outlives the awaited check in Chromium). A browser that
    // blocks every popup: the frame's window.open answers null, as the blocker's does.
    await frame.evaluate(() => { window.open = () => null; });
    await frame.click("#storage-access");
    // The non-embedded page sees no session either: it signs in inside the frame (cookies allowed, so that works).
    await frame.waitForURL((u) => u.pathname === "/login");
    await frame.click("#login");
    await frame.waitForURL((u) => u.pathname === "/signin" && !u.searchParams.has("embed"));
    await frame.waitForSelector("#continue", { state: "visible" });
    // The SDK's own callback page would show here: the SDK reads it (same origin) and removes the frame.
    await clickToEnd(frame, "#continue");
    const result = await settled(page, 300);
    check(result, options.appKeys ? (await mockState(clientId)).appKeyValues : undefined);
    await nothingLeft(page, context, before);
    await context.close();
  });
}

test("aveid.net, storage blocked, storage access refused: no popup (the refusal spent the click's activation), the frame's own sign-in dead-ends on 401; closing the sheet → onClose once", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1, storageAccess: "refuse" });
  await page.evaluate((id) => Ave.openAveSheet(signinOptions(id)), clientId);
  const frame = await sheetFrame(page, "#storage-access");
  await frame.click("#storage-access"); // a real click: the user activation is there, and the refusal spends it
  await frame.waitForURL((u) => u.pathname === "/login");
  assert.equal(context.pages().length, 1, "no popup");
  await frame.click("#login");
  await frame.waitForFunction(() => /failed/i.test(document.getElementById("status").textContent));
  assert.equal((await mockState(clientId)).session, true, "still signed in at the issuer (top-level): only the frame cannot see it");
  await sleep(300);
  assert.deepEqual(await calls(page), [], "no result: the frame cannot complete");
  await page.click('[data-ave-embed="sheet"] button[aria-label="Close"]');
  assert.deepEqual(await calls(page), [["onClose"]]);
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net, the frame lands on redirectUri with a wrong state or an OAuth error: invalid_redirect / state_mismatch / the error, never onSuccess", async () => {
  const { page, context } = await openPage(env);
  // A connector sheet whose frame is navigated to our own callback page, as the issuer's last fallback does.
  const land = async (href) => {
    await page.evaluate(() => (window.calls = []));
    await page.evaluate((id) => { window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { state: "st-1" })); }, newClientId("live"));
    // The issuer's page loads first, then sends its frame on (a src set while the first navigation is
    // still in flight can lose to it in Chromium).
    await sheetFrame(page, "#approve");
    await page.evaluate((href) => { window.handle.iframe.src = href; }, href);
    return settled(page, 100);
  };
  const cb = `${env.appOrigin}/connector/callback`;
  assert.deepEqual((await land(`${cb}?code=c&state=other`)).map((c) => [c[0], c[1]?.error]), [["onError", "state_mismatch"]]);
  assert.deepEqual((await land(`${cb}?error=access_denied&error_description=No&state=st-1`)).map((c) => [c[0], c[1]?.error, c[1]?.message]),
    [["onError", "access_denied", "No"]]);
  const ok = await land(`${cb}?code=good&state=st-1`);
  assert.deepEqual(ok.map((c) => c[0]), ["onSuccess"]);
  assert.equal(codeOf(ok), "good");
  // Another page of our origin is not the redirect: nothing settles.
  await page.evaluate(() => (window.calls = []));
  await page.evaluate((id) => { window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { state: "st-1" })); }, newClientId("live"));
  await sheetFrame(page, "#approve");
  await page.evaluate((href) => { window.handle.iframe.src = href; }, `${env.appOrigin}/callback?code=c&state=st-1`);
  await page.waitForFunction(() => {
    try {
      return window.handle.iframe.contentWindow.location.pathname === "/callback";
    } catch {
      return false; // still the issuer's page: cross-origin
    }
  });
  await sleep(100);
  assert.deepEqual(await calls(page), []);
  await page.evaluate(() => window.handle.close());
  assert.deepEqual(await calls(page), [["onClose"]]);
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("aveid.net: a returning user signs in without any UI (sheet and inline); exactly once", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { returning: 1 });
  await page.evaluate((id) => Ave.openAveSheet(signinOptions(id)), clientId);
  const sheet = await settled(page, 300);
  assert.deepEqual(sheet.map((c) => c[0]), ["onSuccess"]);
  await page.evaluate(() => (window.calls = []));
  await page.evaluate((id) => Ave.mountAveEmbed(signinOptions(id, { container: document.getElementById("inline"), onTokens: recordTokens })), clientId);
  const inline = await settled(page, 300);
  assert.deepEqual(inline.map((c) => c[0]), ["onTokens"]);
  await nothingLeft(page, context, before);
  await context.close();
});

for (const [name, withTokens] of [["onSuccess", false], ["onTokens", true]]) {
  test(`aveid.net, storage blocked: inline sign-in (mountAveEmbed) through the gate popup → ${name}; destroy() after it fires nothing`, async () => {
    const { page, context } = await openPage(env);
    const before = await listenerCounts(page);
    const clientId = newClientId("live");
    await live(clientId, { storageBlocked: 1 });
    await page.evaluate(async ([id, withTokens]) => {
      const extra = { container: document.getElementById("inline"), ...(withTokens ? { onTokens: recordTokens } : {}) };
      window.handle = await Ave.mountAveEmbed(signinOptions(id, extra));
    }, [clientId, withTokens]);
    const popup = await gatePopup(context, await issuerFrame(page, "#inline iframe", "#storage-access"));
    await clickToEnd(popup, "#continue");
    const result = await settled(page);
    assert.deepEqual(result.map((c) => c[0]), [name]);
    await page.evaluate(() => { window.handle.destroy(); window.handle.destroy(); });
    assert.equal((await calls(page)).length, 1);
    await nothingLeft(page, context, before);
    await context.close();
  });
}

for (const [name, withTokens] of [["onSuccess", false], ["onTokens", true]]) {
  test(`aveid.net: sign-in popup from a real click (posts via opener.parent, closes itself after 50 ms) → ${name}, no onClose`, async () => {
    const { page, context } = await openPage(env);
    const before = await listenerCounts(page);
    const clientId = newClientId("live");
    await live(clientId, { storageBlocked: 1 }); // a popup is first-party: no gate there
    await page.evaluate(([id, withTokens]) => {
      window.onOpenerClick = () => Ave.openAvePopup(signinOptions(id, withTokens ? { onTokens: recordTokens } : {}));
    }, [clientId, withTokens]);
    const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
    await popup.waitForLoadState();
    await clickToEnd(popup, "#continue");
    const result = await settled(page);
    assert.deepEqual(result.map((c) => c[0]), [name]);
    await nothingLeft(page, context, before);
    await context.close();
  });
}

test("aveid.net: connector sheet with a visible session → consent in the frame → onSuccess with our state", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId);
  await page.evaluate((id) => { window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { state: "live-st" })); }, clientId);
  await clickToEnd(await sheetFrame(page, "#approve"), "#approve");
  const result = await settled(page, 300);
  assert.deepEqual(result.map((c) => c[0]), ["onSuccess"]);
  assert.equal(new URL(result[0][1].redirectUrl).searchParams.get("state"), "live-st");
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net, storage blocked: connector sheet → ave:auth_required, the frame goes to /login; the SDK's popup from the click's activation → consent → onSuccess", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1 });
  await page.evaluate((id) => {
    window.onOpenerClick = () => { window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { state: "st-2" })); };
  }, clientId);
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
  await popup.waitForLoadState();
  assert.equal(await popup.evaluate(() => window.name), "ave_connector");
  const frame = await (await page.waitForSelector('[data-ave-embed="sheet"] iframe')).contentFrame();
  await frame.waitForURL((u) => u.pathname === "/login");
  // The real /connect posts ave:auth_required twice: one popup, not two.
  await sleep(300); // the page reports what it posted a few ms later
  const posted = env.issuer.messages({ clientId, kind: "connect", direction: "posted", type: "ave:auth_required" });
  assert.equal(posted.length, 2, "the frame posted ave:auth_required twice");
  assert.equal(context.pages().length, 2, "the page and one popup");
  await clickToEnd(popup, "#approve");
  const result = await settled(page);
  assert.deepEqual(result.map((c) => c[0]), ["onSuccess"]);
  assert.equal(new URL(result[0][1].redirectUrl).searchParams.get("state"), "st-2");
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net, unverified email: the connector sheet shows \"Verify your email\" and posts nothing; closing it → onClose once", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { emailVerified: 0 });
  await page.evaluate((id) => Ave.openAveConnectorSheet(connectorOptions(id)), clientId);
  const frame = await sheetFrame(page, "#verify-email");
  assert.equal(await frame.isVisible("#consent"), false, "no consent");
  await sleep(500);
  assert.deepEqual(env.issuer.messages({ clientId, direction: "posted" }), [], "nothing posted");
  assert.deepEqual(await calls(page), []);
  await page.click('[data-ave-embed="sheet"] button[aria-label="Close"]');
  assert.deepEqual(await calls(page), [["onClose"]]);
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net, storage blocked, no user activation: connector sheet → auth_required → Continue → popup → onSuccess", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1 });
  await openUntilContinue(page, `window.handle = Ave.openAveConnectorSheet(connectorOptions(${JSON.stringify(clientId)}))`);
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click('[data-ave-embed="continue"] button')]);
  await popup.waitForLoadState();
  await clickToEnd(popup, "#approve");
  const result = await settled(page);
  assert.deepEqual(result.map((c) => c[0]), ["onSuccess"]);
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net, signed out: connector popup → auth_required from the popup (ignored), login inside it, back, approve → onSuccess once", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const clientId = newClientId("live");
  await live(clientId, { session: 0 });
  await page.evaluate((id) => {
    window.onOpenerClick = () => { window.handle = Ave.openAveConnectorPopup(connectorOptions(id)); };
  }, clientId);
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
  await popup.waitForURL((u) => u.pathname === "/login");
  await popup.click("#login");
  await popup.waitForURL((u) => u.pathname === "/connect");
  assert.deepEqual(await calls(page), [], "auth_required from an SDK popup settles nothing");
  await clickToEnd(popup, "#approve");
  const result = await settled(page);
  assert.deepEqual(result.map((c) => c[0]), ["onSuccess"]);
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net: background mode → interaction_required without a visible session, timeout with one (/connect always asks); DOM removed", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const blocked = newClientId("live");
  await live(blocked, { storageBlocked: 1 });
  await page.evaluate((id) => Ave.openAveConnectorSheet(connectorOptions(id, { mode: "background", timeoutMs: 3000 })), blocked);
  assert.deepEqual((await settled(page, 100)).map((c) => [c[0], c[1]?.error]), [["onError", "interaction_required"]]);
  await page.evaluate(() => (window.calls = []));
  const signedIn = newClientId("live");
  await live(signedIn);
  await page.evaluate((id) => Ave.openAveConnectorPopup(connectorOptions(id, { mode: "background", timeoutMs: 1500 })), signedIn);
  assert.deepEqual((await settled(page, 100)).map((c) => [c[0], c[1]?.error]), [["onError", "timeout"]]);
  assert.equal(context.pages().length, 1, "no popup in background mode");
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net, storage blocked: signing sheet → gate → the iframe's popup (ave_signing, 500×600) posts to parent_origin → onSigned; the popup stays open (embed mode)", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const requestId = newClientId("req");
  await live(requestId, { storageBlocked: 1 }); // /sign reads the switches of the client named by its requestId
  await page.evaluate((id) => Ave.openAveSigningSheet(signingOptions(id)), requestId);
  const popup = await gatePopup(context, await sheetFrame(page, "#storage-access"));
  assert.equal(await popup.evaluate(() => window.name), "ave_signing");
  await popup.click("#sign");
  const result = await settled(page);
  assert.deepEqual(result.map((c) => c[0]), ["onSigned"]);
  assert.equal(result[0][1].requestId, requestId);
  // The real /sign in embed mode does not close itself: its user does.
  assert.equal(popup.isClosed(), false, "the issuer's signing popup stays open");
  await popup.close();
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net: signing popup from a click → onSigned; deny in a sheet → onDenied; each once", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  const requestId = newClientId("req");
  await live(requestId);
  await page.evaluate((id) => { window.onOpenerClick = () => Ave.openAveSigningPopup(signingOptions(id)); }, requestId);
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
  await popup.waitForLoadState();
  await clickToEnd(popup, "#sign");
  assert.deepEqual((await settled(page)).map((c) => c[0]), ["onSigned"]);
  await page.evaluate(() => (window.calls = []));
  await page.evaluate((id) => Ave.openAveSigningSheet(signingOptions(id)), requestId);
  await clickToEnd(await sheetFrame(page, "#deny"), "#deny");
  assert.deepEqual((await settled(page, 300)).map((c) => c[0]), ["onDenied"]);
  await nothingLeft(page, context, before);
  await context.close();
});

test("aveid.net runtime: init pins our origin → ready; stream {mode, messages} → token… done by id; json → result; errors carry status; destroy", async () => {
  const res = await fetch(`${env.issuerOrigin}/__mock/config?profile=aveid.net`);
  assert.ok(res.ok, "global profile set");
  try {
    const { page, context, problems } = await openPage(env);
    const before = await listenerCounts(page);
    const ids = await page.evaluate(() => {
      window.rt = Ave.openAveConnectorRuntime(runtimeOptions());
      return {
        stream: rt.send({ mode: "stream", messages: [{ role: "user", content: "Hello there" }] }),
        json: rt.send({ id: "j1", mode: "json", messages: [{ role: "user", content: "Sum up" }] }),
        failed: rt.send({ mode: "stream", model: "error:429", messages: [{ role: "user", content: "x" }] }),
      };
    });
    await waitFor(page, (ids) => window.events.some((e) => e.id === ids.stream && e.type === "done")
      && window.events.some((e) => e.id === "j1" && e.type === "result")
      && window.calls.some((c) => c[0] === "onError"), ids, 15000);
    const seen = await page.evaluate(() => ({ events, calls }));
    const stream = seen.events.filter((e) => e.id === ids.stream);
    assert.ok(stream.length >= 2 && stream.slice(0, -1).every((e) => e.type === "token"), "tokens, then done");
    assert.equal(stream.at(-1).type, "done");
    const result = seen.events.find((e) => e.id === "j1");
    assert.equal(typeof result.content, "string");
    assert.deepEqual(seen.calls.map((c) => c[0]), ["onReady", "onError"]);
    assert.equal(seen.calls[1][1].id, ids.failed);
    assert.equal(seen.calls[1][1].status, 429);
    // The seed's shape still passes through untouched.
    const seedId = await page.evaluate(() => rt.send({ op: "infer", payload: { prompt: "hi" } }));
    await waitFor(page, (id) => window.events.some((e) => e.id === id && e.type === "complete"), seedId, 15000);
    await page.evaluate(() => { rt.destroy(); rt.destroy(); });
    await nothingLeft(page, context, before);
    assert.ok(!problems.consoleText.some((t) => t.includes("tok-SECRET")), "token never logged");
    await context.close();
  } finally {
    await fetch(`${env.issuerOrigin}/__mock/config?profile=basic`);
  }
});

// ------------------------------------------------------------ trust (docs/security.md#origin-and-source)

const forged = (appOrigin) => [
  { type: "ave:success", payload: { redirectUrl: `${appOrigin}/callback?code=forged` } },
  { type: "ave:error", payload: { error: "forged" } },
  { type: "ave:close" },
];

test("attack: a popup opened by ANOTHER issuer-origin iframe on the page posts via opener.parent → not heard; the flow then completes", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1 });
  await page.evaluate((id) => Ave.openAveSheet(signinOptions(id)), clientId);
  const flowFrame = await sheetFrame(page, "#storage-access");
  // A second issuer-origin frame, outside the sheet, that opens a popup of its own.
  await page.evaluate(([origin, messages]) => {
    const f = document.createElement("iframe");
    f.id = "other-issuer-frame";
    f.src = `${origin}/e2e/launcher.html#${encodeURIComponent(JSON.stringify(messages))}`;
    document.getElementById("inline").append(f);
  }, [env.issuerOrigin, forged(env.appOrigin)]);
  const launcher = await issuerFrame(page, "#other-issuer-frame", "#launch");
  // The sheet's backdrop covers that frame: its button is pressed from a script with a user gesture.
  const [forger] = await Promise.all([context.waitForEvent("page"), launcher.evaluate(() => document.getElementById("launch").click())]);
  await waitFor(page, () => window.forgeDone >= 1);
  assert.equal(new URL(forger.url()).origin, env.issuerOrigin, "the forger is on the issuer origin");
  await sleep(100);
  assert.deepEqual(await calls(page), [], "nothing from a popup of another frame");
  await forger.close();
  await page.evaluate(() => document.getElementById("other-issuer-frame").remove());
  const popup = await gatePopup(context, flowFrame);
  await clickToEnd(popup, "#continue");
  const result = await settled(page, 300);
  assert.deepEqual(result.map((c) => c[0]), ["onSuccess"]);
  assert.notEqual(codeOf(result), "forged");
  await context.close();
});

test("attack: an issuer-origin window the page opened itself posts via opener.parent → not heard (sheet and inline)", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1 });
  await page.evaluate((id) => Ave.openAveSheet(signinOptions(id, { onTokens: recordTokens })), clientId);
  await sheetFrame(page, "#storage-access");
  const [forger] = await Promise.all([
    context.waitForEvent("page"),
    page.evaluate(([origin, messages]) => {
      window.open(`${origin}/e2e/forge-opener.html#${encodeURIComponent(JSON.stringify(messages))}`, "forger", "popup,width=320,height=240");
    }, [env.issuerOrigin, forged(env.appOrigin)]),
  ]);
  await waitFor(page, () => window.forgeDone >= 1);
  assert.equal(new URL(forger.url()).origin, env.issuerOrigin);
  await sleep(100);
  assert.deepEqual(await calls(page), [], "nothing from a window the page opened");
  await forger.close();
  await page.evaluate(() => document.querySelector('[data-ave-embed="sheet"] button[aria-label="Close"]').click());
  assert.deepEqual(await calls(page), [["onClose"]]);
  await context.close();
});

test("attack: the flow's own frame navigated to a third origin, and a popup it opens there → not heard", async () => {
  const { page, context } = await openPage(env);
  const clientId = newClientId("live");
  await live(clientId, { storageBlocked: 1 });
  await page.evaluate((id) => { window.pending = Ave.openAveSheet(signinOptions(id)); }, clientId);
  await sheetFrame(page, "#storage-access");
  const frame = await page.evaluate(() => window.pending.then((h) => !!h.iframe));
  assert.ok(frame);
  // The flow's frame shows a third-origin launcher (as an open redirect could): it and its popup are on the wrong origin.
  await page.evaluate(([origin, messages]) => window.pending.then((h) => {
    h.iframe.src = `${origin}/e2e/launcher.html#${encodeURIComponent(JSON.stringify(messages))}`;
  }), [env.thirdOrigin, forged(env.appOrigin)]);
  const launcher = await issuerFrame(page, '[data-ave-embed="sheet"] iframe', "#launch");
  assert.equal(new URL(launcher.url()).origin, env.thirdOrigin);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const [forger] = await Promise.all([context.waitForEvent("page"), launcher.click("#launch")]);
  await waitFor(page, () => window.forgeDone >= 1);
  await sleep(100);
  assert.deepEqual(await calls(page), [], "wrong origin, right opener: not heard");
  await forger.close();
  await page.evaluate(() => window.pending.then((h) => h.close()));
  assert.deepEqual(await calls(page), [["onClose"]]);
  await context.close();
});
