// A framed app (issue 26 item 5, docs/security.md#redirect-and-state and docs/security.md#frame-landing), run in the engine
// named by ENGINE (chromium | firefox | webkit) like tests/engines/: a page on
// the hostile third origin (e2e/framer.html) frames the app page
// (e2e/framed-app.html), which opens a sign-in flow — a sheet, or inline —
// and then navigates the flow's frame to the app's own redirectUri with a
// code of its own. The SDK reads that landing (same origin as the app) and
// must refuse it for its state: no onSuccess, no onTokens, and no token
// request; the same framed flow completed by the user still succeeds once.
import assert from "node:assert/strict";
import { clientId, currentEngine, env, poll, t } from "../support/scenario.mjs";

const APP = { frame: "#app" };

/**
 * The third-origin page framing the app, whose flow (`surface`, with
 * `onTokens` or not) is open; with `loaded`, once the issuer's page has
 * loaded in its frame (a page that ends the flow at once may do so before
 * its `load` event: the SDK then removes the frame first).
 */
async function framedFlow(surface, tokens, { switches = {}, loaded = true } = {}) {
  const id = clientId(`framed-${surface}`);
  env.issuer.configure(id, switches);
  const config = { issuer: env.issuerOrigin, clientId: id, surface, tokens };
  const app = `${env.appOrigin}/e2e/framed-app.html#${encodeURIComponent(JSON.stringify(config))}`;
  const tab = await currentEngine().newTab(`${env.thirdOrigin}/e2e/framer.html?app=${encodeURIComponent(app)}`);
  await poll(() => tab.evaluate(null, () => window.__ready === true), "the framing page");
  await poll(() => tab.evaluate(APP, (loaded) => window.__ready === true && (!loaded || window.frameLoads > 0), loaded),
    "the framed app's flow", 15000);
  return { tab, clientId: id };
}

/** The framed app's callbacks, once one came and a little longer (nothing may follow a result). */
async function settled(tab) {
  await poll(() => tab.evaluate(APP, () => window.calls.length > 0), "a callback in the framed app", 15000);
  await new Promise((r) => setTimeout(r, 600));
  return tab.evaluate(APP, () => window.calls.map((c) => [c[0], (c[1] && (c[1].error ?? c[1].redirectUrl ?? (c[1].access_token && "tokens"))) || null]));
}

const tokenRequests = () => env.issuer.requests({ path: "/api/oauth/token" }).length;
const callback = () => `${env.appOrigin}/callback`;

for (const surface of ["sheet", "inline"]) {
  const cases = [
    ["no state, onSuccess", false, () => `${callback()}?code=ATTACKER`],
    ["a wrong state, onTokens", true, () => `${callback()}?code=ATTACKER&state=guessed`],
    ["no state, onTokens", true, () => `${callback()}?code=ATTACKER`],
  ];
  for (const [what, tokens, href] of cases) {
    t(`${surface}: the framing page navigates the flow frame to redirectUri?code=ATTACKER (${what}) → state_mismatch, no onSuccess / onTokens, no token request`, async () => {
      const before = tokenRequests();
      const { tab, clientId } = await framedFlow(surface, tokens);
      // The app's flow frame is the only frame of the app page, and the framing page can reach it.
      assert.equal(await tab.evaluate(null, () => window.appFrames()), 1);
      await tab.evaluate(null, (href) => window.attack(href), href());
      const result = await settled(tab);
      assert.equal(tokenRequests(), before, "no request reached the token endpoint");
      assert.deepEqual(result, [["onError", "state_mismatch"]]);
      assert.deepEqual(env.issuer.codes({ clientId }).map((c) => c.exchanged), [false], "the flow's own code was not exchanged either");
      assert.equal(await tab.evaluate(APP, () => document.querySelectorAll("[data-ave-embed], iframe").length), 0, "the flow's frame is gone");
      await tab.close();
    });
  }

  t(`${surface}: the same framed flow, completed by the user (Continue in the issuer page) → ${surface === "sheet" ? "onTokens" : "onSuccess"} once`, async () => {
    const tokens = surface === "sheet";
    // The issuer page clicks its own Continue button once it shows (the kit's `decision` switch):
    // that button sits two frames deep, under another origin, where the drivers do not reach.
    const before = tokenRequests();
    const { tab, clientId } = await framedFlow(surface, tokens, { switches: { decision: "approve" }, loaded: false });
    const result = await settled(tab);
    const [code] = env.issuer.codes({ clientId });
    if (tokens) {
      assert.deepEqual(result, [["onTokens", "tokens"]]);
      assert.equal(code.exchanged, true, "the issuer's code was exchanged");
      assert.ok(tokenRequests() > before);
    } else {
      assert.equal(result.length, 1);
      assert.equal(result[0][0], "onSuccess");
      const redirect = new URL(result[0][1]);
      assert.equal(redirect.searchParams.get("code"), code.code);
      assert.equal(redirect.searchParams.getAll("state").length, 1);
      assert.equal(tokenRequests(), before);
    }
    assert.equal(await tab.evaluate(APP, () => document.querySelectorAll("[data-ave-embed], iframe").length), 0, "nothing left");
    await tab.close();
  });
}
