// No option, payload or container value reaches a wasm trap (docs/security.md#hostile-values,
// issue 26 item 4). In the engine named by ENGINE (chromium | firefox |
// webkit), each of the ten functions is called 10 000 times in one page with
// hostile values (tests/e2e/pages/hostile.js: throwing getters, Proxies whose
// traps throw, revoked Proxies, a Proxy-wrapped container, Symbol.toPrimitive
// bombs, cyclic objects, 10 MB strings, in the options object and in each
// option it reads); every call must throw (or reject) the SDK's TypeError
// naming the function and the option. Likewise `send()` on a runtime and
// `postMessage()` on an inline handle. Then, in the same page, a valid call
// still opens a working flow: an exception thrown through wasm leaks wasm
// stack, and a few hundred of them poison the module until reload.
import assert from "node:assert/strict";
import { END, SHEET_FRAME, armOpener, clientId, env, hostTab, nothingLeft, poll, t } from "../support/scenario.mjs";

const CALLS = 10000;
const INLINE_FRAME = { frame: "#inline iframe" };

/**
 * Runs `batch` of tests/e2e/pages/hostile.js (`hammer`, `hammerSend`,
 * `hammerPost`) in the page with `args`, and checks that every call gave
 * the SDK's TypeError and that no DOM and no callback came of them.
 */
async function hostile(tab, batch, args, what) {
  await tab.evaluate(null, ([batch, args]) => {
    window.__hostile = null;
    import("/e2e/hostile.js")
      .then((m) => m[batch](...args.map((a) => (a === "$handle" ? window.handle : a))))
      .then((r) => { window.__hostile = r; }, (e) => { window.__hostile = { error: String(e) }; });
    return true;
  }, [batch, args]);
  const result = await poll(() => tab.evaluate(null, () => window.__hostile), what, 90000);
  assert.equal(result.error, undefined, `${what}: ${result.error}`);
  assert.equal(result.calls, CALLS);
  assert.deepEqual(result.firstWrong, [], `${what}: ${result.wrong} calls without the SDK's TypeError (${JSON.stringify(result.wrongByClass)}), the first ones:`);
  assert.equal(result.wrong, 0);
  if (batch === "hammer") {
    assert.deepEqual([result.nodes, result.callbacks], [0, 0], `${what}: no DOM and no callback of the refused calls`);
  }
  console.log(`${what}: ${result.calls} calls, ${result.kinds} kinds of value, each the SDK's TypeError`);
  return result;
}

/** The frame (or popup) `where` shows the mock issuer's page (its button `selector`). */
async function issuerPage(tab, where, selector) {
  const origin = await poll(() => tab.evaluate(where, (s) => document.querySelector(s) && location.origin, selector), `the issuer page in ${JSON.stringify(where)}`, 15000);
  assert.equal(origin, env.issuerOrigin);
}

/** Waits for the flow's callbacks, then a little longer (nothing may follow a result); their names. */
async function results(tab, quiet = 600) {
  await poll(() => tab.evaluate(null, () => window.calls.length > 0), "a callback", 15000);
  await new Promise((r) => setTimeout(r, quiet));
  return tab.evaluate(null, () => window.calls.map((c) => c[0]));
}

// The sheets: the valid call's frame loads the issuer page (the sign-in sheet goes on to onSuccess).
const SHEETS = {
  openAveConnectorSheet: ["window.handle = Ave.openAveConnectorSheet(connectorOptions(arg));", "#approve"],
  openAveSigningSheet: ["window.handle = Ave.openAveSigningSheet(signingOptions(arg));", "#sign"],
  openAveSheet: ["Ave.openAveSheet(signinOptions(arg)).then((h) => (window.handle = h));", "#continue"],
  startAveAuth: ["Ave.startAveAuth(signinOptions(arg)).then((h) => (window.handle = h));", "#continue"],
};
for (const [fn, [open, button]] of Object.entries(SHEETS)) {
  t(`${fn} × ${CALLS} hostile options → the SDK's TypeError each time; then a valid call opens its sheet`, async () => {
    const tab = await hostTab();
    await hostile(tab, "hammer", [fn, CALLS], fn);
    await tab.evaluate(null, ([open, arg]) => { new Function("arg", open)(arg); return true; }, [open, clientId(fn)]);
    await issuerPage(tab, SHEET_FRAME, button);
    // A click aimed at a sheet that is still sliding in lands where it was.
    await poll(() => tab.evaluate(null, () => document.getAnimations().every((a) => a.playState !== "running")), "the sheet in place");
    if (fn === "openAveSheet") {
      await tab.click(SHEET_FRAME, "#continue", END);
      assert.deepEqual(await results(tab), ["onSuccess"]);
    } else {
      await tab.evaluate(null, () => { window.handle.close(); return true; });
      assert.deepEqual(await results(tab), ["onClose"]);
    }
    await nothingLeft(tab);
    await tab.close();
  });
}

// The popups: the valid call comes from a real click (the popup blocker is on).
const POPUPS = {
  openAveConnectorPopup: ["window.handle = Ave.openAveConnectorPopup(connectorOptions(arg));", "#approve"],
  openAveSigningPopup: ["window.handle = Ave.openAveSigningPopup(signingOptions(arg));", "#sign"],
  openAvePopup: ["Ave.openAvePopup(signinOptions(arg)).then((h) => (window.handle = h));", "#continue"],
};
for (const [fn, [open, button]] of Object.entries(POPUPS)) {
  t(`${fn} × ${CALLS} hostile options → the SDK's TypeError each time; then a valid call from a click opens its popup`, async () => {
    const tab = await hostTab();
    await hostile(tab, "hammer", [fn, CALLS], fn);
    await armOpener(tab, open, clientId(fn));
    const popup = await tab.popupFrom(() => tab.click(null, "#opener"));
    await issuerPage(tab, { popup }, button);
    await tab.evaluate(null, () => { window.handle.close(); return true; });
    assert.deepEqual(await results(tab), ["onClose"]);
    await nothingLeft(tab);
    await tab.close();
  });
}

t(`mountAveEmbed × ${CALLS} hostile options, then ${CALLS} hostile postMessage payloads → the SDK's TypeError each time; Continue → onSuccess`, async () => {
  const tab = await hostTab();
  await hostile(tab, "hammer", ["mountAveEmbed", CALLS], "mountAveEmbed");
  await tab.evaluate(null, (id) => {
    Ave.mountAveEmbed(signinOptions(id, { container: document.getElementById("inline") })).then((h) => (window.handle = h));
    return true;
  }, clientId("mount"));
  await issuerPage(tab, INLINE_FRAME, "#continue");
  await hostile(tab, "hammerPost", ["$handle", "mountAveEmbed", CALLS], "mountAveEmbed postMessage");
  // A cloneable payload still goes through, cycles included (structured clone keeps them).
  await tab.evaluate(null, () => {
    const cyclic = { hello: "issuer" };
    cyclic.self = cyclic;
    window.handle.postMessage(cyclic);
    return true;
  });
  await tab.click(INLINE_FRAME, "#continue", END);
  assert.deepEqual(await results(tab), ["onSuccess"]);
  await tab.evaluate(null, () => { window.handle.destroy(); return true; });
  await nothingLeft(tab);
  // A payload whose getter destroys the embed while it is being cloned: the embed ends (onClose)
  // and is removed, the message is not sent (as after destroy()), and the handle is freed after the
  // call (not inside it, where the call still holds it).
  const reentered = await tab.evaluate(null, async (id) => {
    window.calls = [];
    const h = await Ave.mountAveEmbed(signinOptions(id, { container: document.getElementById("inline") }));
    try {
      const first = h.postMessage({ get x() { h.destroy(); return 1; } });
      const later = h.postMessage({ after: "destroy" });
      return `returned ${first} then ${later}`;
    } catch (e) {
      return `${e.constructor.name}: ${e.message}`;
    }
  }, clientId("reenter"));
  assert.equal(reentered, "returned undefined then undefined");
  assert.deepEqual(await results(tab), ["onClose"]);
  await nothingLeft(tab);
  await tab.close();
});

for (const fn of ["openAveConnectorRuntime", "openIrisDelegatedRuntime"]) {
  t(`${fn} × ${CALLS} hostile options, then ${CALLS} hostile send() messages → the SDK's TypeError each time; a valid send is answered`, async () => {
    const tab = await hostTab();
    await hostile(tab, "hammer", [fn, CALLS], fn);
    await tab.evaluate(null, (fn) => { window.handle = Ave[fn](runtimeOptions()); return true; }, fn);
    await hostile(tab, "hammerSend", ["$handle", fn, CALLS], `${fn} send`);
    const id = await tab.evaluate(null, () => window.handle.send({ op: "echo", payload: "alive" }));
    await poll(() => tab.evaluate(null, (id) => window.events.some((e) => e.id === id && e.type === "complete"), id), "the answer", 15000);
    const answer = await tab.evaluate(null, (id) => window.events.find((e) => e.id === id && e.type === "response").data, id);
    assert.equal(answer, "alive");
    assert.deepEqual(await tab.evaluate(null, () => window.calls.map((c) => c[0])), ["onReady"], "no refused message was queued or posted");
    await tab.evaluate(null, () => { window.handle.destroy(); return true; });
    await nothingLeft(tab);
    await tab.close();
  });
}
