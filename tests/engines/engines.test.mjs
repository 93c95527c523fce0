// End-to-end scenarios written once (tests/support/driver.mjs) and run in
// the engine named by ENGINE (chromium | firefox | webkit; `make test` runs
// each as a layer of its own): the built package on the app origin, the
// mock issuer on another origin, in both of its profiles, real clicks, real
// popup blockers.
// The full suites of tests/e2e/ run in Chromium; these are the flows that
// must work in every engine users run, Safari's and Firefox's included
// (third-party storage blocked there by default: the aveid.net profile's
// storage-access popup).
import assert from "node:assert/strict";
import { END, ENGINE, SHEET_FRAME, armOpener, clientId, currentEngine, env, hostTab, mock, nothingLeft, poll, t } from "../support/scenario.mjs";

/**
 * Opens a sheet with `open` (a page function of `arg`) and waits until it has
 * slid in: a click aimed at a frame that is still moving lands where it was.
 */
async function openSheet(tab, open, arg) {
  await tab.evaluate(null, open, arg);
  await poll(() => tab.evaluate(null, () => !!document.querySelector('[data-ave-embed="sheet"] iframe')
    && document.getAnimations().every((a) => a.playState !== "running")), "the sheet");
}

/** Waits for the flow's callbacks, then a little longer (nothing may follow a result); `[name, error]` pairs. */
async function results(tab, quiet = 600) {
  await poll(() => tab.evaluate(null, () => window.calls.length > 0), "a callback", 15000);
  await new Promise((r) => setTimeout(r, quiet));
  return tab.evaluate(null, () => window.calls.map((c) => [c[0], (c[1] && c[1].error) || null]));
}

t("after import, the package unpacks and compiles in the background: the ready mark comes without a call", async () => {
  const tab = await hostTab();
  await poll(() => tab.evaluate(null, () => performance.getEntriesByName("ave-embed-wasm:ready").length === 1), "the ready mark", 5000);
  await tab.close();
});

t("the idle warm-up opens and closes a sheet in an inert document, and nothing of it reaches the page", async () => {
  // bench.html imports nothing, so the watch (e2e/pages/warm-up-watch.js) is in place before the package is imported.
  const tab = await currentEngine().newTab(`${env.appOrigin}/e2e/bench.html`);
  await poll(() => tab.evaluate(null, () => window.__ready === true), "the bench page");
  await tab.evaluate(null, () => {
    window.__warmUp = null;
    import("/e2e/warm-up-watch.js").then(({ watchWarmUp }) => watchWarmUp()).then(({ pageMutations, inert }) => {
      window.__warmUp = {
        inert: inert.map(({ doc, added }) => ({ sheets: added.filter((n) => n === "sheet").length, left: doc.body.childNodes.length })),
        pageMutations: pageMutations.length,
        nodes: document.querySelectorAll("[data-ave-embed], iframe").length,
      };
    });
    return true;
  });
  const warmUp = await poll(() => tab.evaluate(null, () => window.__warmUp), "the warm-up", 10000);
  assert.deepEqual(warmUp, { inert: [{ sheets: 1, left: 0 }], pageMutations: 0, nodes: 0 });
  await tab.close();
});

t("sign-in sheet (basic profile): Continue → onSuccess once; nothing left", async () => {
  const tab = await hostTab();
  await openSheet(tab, (id) => { Ave.openAveSheet(signinOptions(id)); return true; }, clientId("sheet"));
  await tab.click(SHEET_FRAME, "#continue", END);
  assert.deepEqual(await results(tab), [["onSuccess", null]]);
  await nothingLeft(tab);
  await tab.close();
});

t("aveid.net, third-party storage blocked: sign-in sheet → gate → the issuer iframe's own popup → onSuccess once", async () => {
  const tab = await hostTab();
  const id = clientId("gate");
  await mock({ client_id: id, profile: "aveid.net", storageBlocked: 1 });
  await openSheet(tab, (id) => { Ave.openAveSheet(signinOptions(id)); return true; }, id);
  await poll(() => tab.evaluate(SHEET_FRAME, () => !document.getElementById("storage-gate").hidden), "the gate");
  const popup = await tab.popupFrom(() => tab.click(SHEET_FRAME, "#storage-access"));
  assert.equal(await poll(() => tab.evaluate({ popup }, () => window.opener !== null && window.opener.parent !== window.opener), "the popup"), true,
    "opened by the issuer's iframe");
  await tab.click({ popup }, "#continue", END);
  assert.deepEqual(await results(tab), [["onSuccess", null]]);
  await nothingLeft(tab);
  await tab.close();
});

t("aveid.net, storage blocked: signing sheet → gate → the iframe's popup (it stays open, as the real /sign) → onSigned once", async () => {
  const tab = await hostTab();
  const id = clientId("sign");
  await mock({ client_id: id, profile: "aveid.net", storageBlocked: 1 });
  await openSheet(tab, (id) => { Ave.openAveSigningSheet(signingOptions(id)); return true; }, id);
  const popup = await tab.popupFrom(() => tab.click(SHEET_FRAME, "#storage-access"));
  await tab.click({ popup }, "#sign");
  assert.deepEqual(await results(tab), [["onSigned", null]]);
  // The real /sign in embed mode stays open after its answer (the sheet is gone): its user closes it.
  assert.equal(await tab.windowCount(), 2, "the issuer's popup stays open");
  await tab.closePopup(popup);
  await nothingLeft(tab);
  await tab.close();
});

for (const profile of ["basic", "aveid.net"]) {
  t(`connector popup from a real click (${profile} profile): approve → onSuccess once, popup closed`, async () => {
    const tab = await hostTab();
    const id = clientId("popup");
    await mock({ client_id: id, profile });
    await armOpener(tab, "window.handle = Ave.openAveConnectorPopup(connectorOptions(arg));", id);
    const popup = await tab.popupFrom(() => tab.click(null, "#opener"));
    await tab.click({ popup }, "#approve", END);
    assert.deepEqual(await results(tab, 1300), [["onSuccess", null]], "no onClose after the result");
    await nothingLeft(tab);
    await tab.close();
  });
}

t("connector sheet: a labelled modal dialog, focus moves in; the close button → onClose once, focus back", async () => {
  const tab = await hostTab();
  await openSheet(tab, (id) => {
    document.getElementById("before").focus();
    window.handle = Ave.openAveConnectorSheet(connectorOptions(id));
    return true;
  }, clientId("a11y"));
  const dialog = await poll(() => tab.evaluate(null, () => {
    const d = document.querySelector('[role="dialog"]');
    return d && d.contains(document.activeElement) && { modal: d.getAttribute("aria-modal"), label: d.getAttribute("aria-label") };
  }), "focus inside the dialog");
  assert.equal(dialog.modal, "true");
  assert.ok(dialog.label);
  await tab.click(null, '[data-ave-embed="sheet"] button[aria-label="Close"]', END);
  assert.deepEqual(await results(tab), [["onClose", null]]);
  assert.equal(await poll(() => tab.evaluate(null, () => document.activeElement && document.activeElement.id), "focus back"), "before");
  await nothingLeft(tab);
  await tab.close();
});

t("runtime (aveid.net profile): init → ready; {mode: stream, messages} → token … done by id; destroy leaves nothing", async () => {
  await mock({ profile: "aveid.net" });
  try {
    const tab = await hostTab();
    const id = await tab.evaluate(null, () => {
      window.rt = Ave.openAveConnectorRuntime(runtimeOptions());
      return rt.send({ mode: "stream", messages: [{ role: "user", content: "Hello" }] });
    });
    await poll(() => tab.evaluate(null, (id) => window.events.some((e) => e.id === id && e.type === "done"), id), "done", 15000);
    const types = await tab.evaluate(null, (id) => window.events.filter((e) => e.id === id).map((e) => e.type), id);
    assert.ok(types.length >= 2 && types.slice(0, -1).every((x) => x === "token"), types.join());
    assert.deepEqual(await tab.evaluate(null, () => window.calls.map((c) => c[0])), ["onReady"]);
    await tab.evaluate(null, () => { rt.destroy(); rt.destroy(); return true; });
    await nothingLeft(tab);
    await tab.close();
  } finally {
    await mock({ profile: "basic" });
  }
});

t("attack: an issuer-origin window the page opened, posting via opener.parent, is not heard", async () => {
  const tab = await hostTab();
  const id = clientId("attack");
  await mock({ client_id: id, profile: "aveid.net", storageBlocked: 1 });
  const forged = [{ type: "ave:success", payload: { redirectUrl: `${env.appOrigin}/callback?code=forged` } }, { type: "ave:close" }];
  // One real click opens the sheet and, from the page itself, an issuer-origin window that posts
  // forged results through opener.parent once it has loaded (the sheet is open by then).
  await armOpener(tab, "Ave.openAveSheet(signinOptions(arg.id)); window.open(arg.forger, 'forger', 'popup,width=320,height=240');",
    { id, forger: `${env.issuerOrigin}/e2e/forge-opener.html#${encodeURIComponent(JSON.stringify(forged))}` });
  await tab.popupFrom(() => tab.click(null, "#opener"));
  await poll(() => tab.evaluate(null, () => window.forgeDone >= 1), "the forger's messages");
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(await tab.evaluate(null, () => window.calls), [], "nothing from a window the page opened");
  await tab.click(null, '[data-ave-embed="sheet"] button[aria-label="Close"]', END);
  assert.deepEqual(await results(tab), [["onClose", null]]);
  await tab.close();
});

for (const profile of ["basic", "aveid.net"]) {
  for (const withTokens of [false, true]) {
    const outcome = withTokens ? "onTokens" : "onSuccess";
    t(`sign-in popup from a real click (${profile} profile) → ${outcome} once; the popup closes`, async () => {
      const tab = await hostTab();
      const id = clientId("signin-popup");
      await mock({ client_id: id, profile });
      await armOpener(tab, `window.pending = Ave.openAvePopup(signinOptions(arg${withTokens ? ", { onTokens: recordTokens }" : ""}));`, id);
      const popup = await tab.popupFrom(() => tab.click(null, "#opener"));
      await tab.click({ popup }, "#continue", END);
      assert.deepEqual(await results(tab, 1300), [[outcome, null]]);
      await nothingLeft(tab);
      await tab.close();
    });
  }

  t(`connector sheet (${profile} profile): approve in the frame → onSuccess with the state sent`, async () => {
    const tab = await hostTab();
    const id = clientId("connector-sheet");
    await mock({ client_id: id, profile });
    await openSheet(tab, (id) => { window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { state: "engine-st" })); return true; }, id);
    await tab.click(SHEET_FRAME, "#approve", END);
    assert.deepEqual(await results(tab), [["onSuccess", null]]);
    const state = await tab.evaluate(null, () => new URL(window.calls[0][1].redirectUrl).searchParams.get("state"));
    assert.equal(state, "engine-st");
    await nothingLeft(tab);
    await tab.close();
  });

  t(`connector background (${profile} profile, no visible session) → interaction_required, no UI, DOM removed`, async () => {
    const tab = await hostTab();
    const id = clientId("background");
    await mock({ client_id: id, profile, ...(profile === "aveid.net" ? { storageBlocked: 1 } : {}) });
    await tab.evaluate(null, (id) => { Ave.openAveConnectorSheet(connectorOptions(id, { mode: "background", timeoutMs: 8000 })); return true; }, id);
    assert.deepEqual(await results(tab, 200), [["onError", "interaction_required"]]);
    assert.equal(await tab.windowCount(), 1, "no popup");
    await nothingLeft(tab);
    await tab.close();
  });

  t(`signing popup from a real click (${profile} profile) → onSigned once`, async () => {
    const tab = await hostTab();
    const id = clientId("signing-popup");
    await mock({ client_id: id, profile });
    await armOpener(tab, "Ave.openAveSigningPopup(signingOptions(arg));", id);
    const popup = await tab.popupFrom(() => tab.click(null, "#opener"));
    await tab.click({ popup }, "#sign", END);
    assert.deepEqual(await results(tab, 1300), [["onSigned", null]]);
    await nothingLeft(tab);
    await tab.close();
  });
}

t("signing sheet (basic profile): deny → onDenied once", async () => {
  const tab = await hostTab();
  await openSheet(tab, (id) => { Ave.openAveSigningSheet(signingOptions(id)); return true; }, clientId("deny"));
  await tab.click(SHEET_FRAME, "#deny", END);
  assert.deepEqual(await results(tab), [["onDenied", "access_denied"]]);
  await nothingLeft(tab);
  await tab.close();
});

t("aveid.net, storage blocked: inline sign-in (mountAveEmbed) + onTokens through the gate popup; a popup of ANOTHER issuer-origin frame is not heard", async () => {
  const tab = await hostTab();
  const id = clientId("inline");
  await mock({ client_id: id, profile: "aveid.net", storageBlocked: 1 });
  const forged = [{ type: "ave:success", payload: { redirectUrl: `${env.appOrigin}/callback?code=forged` } }, { type: "ave:close" }];
  await tab.evaluate(null, ([id, launcher]) => {
    Ave.mountAveEmbed(signinOptions(id, { container: document.getElementById("inline"), onTokens: recordTokens }));
    const other = document.createElement("iframe"); // a second issuer-origin frame beside the flow's
    other.id = "other-issuer-frame";
    other.src = launcher;
    document.body.prepend(other); // in view: WebKit's driver does not scroll the page to a button inside a frame
    return true;
  }, [id, `${env.issuerOrigin}/e2e/launcher.html#${encodeURIComponent(JSON.stringify(forged))}`]);
  const forger = await tab.popupFrom(() => tab.click({ frame: "#other-issuer-frame" }, "#launch"));
  assert.ok(forger);
  await poll(() => tab.evaluate(null, () => window.forgeDone >= 1), "the forger's messages");
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(await tab.evaluate(null, () => window.calls), [], "nothing from another frame's popup");
  await tab.evaluate(null, () => { document.getElementById("other-issuer-frame").remove(); return true; });
  const popup = await tab.popupFrom(() => tab.click({ frame: "#inline iframe" }, "#storage-access"));
  await tab.click({ popup }, "#continue", END);
  assert.deepEqual(await results(tab), [["onTokens", null]]);
  await tab.close();
});

t("sheets after the first (copies of one template): styled, labelled, framed and animated as the first", async () => {
  const tab = await hostTab();
  const looks = await tab.evaluate(null, (id) => {
    const seen = [];
    for (let i = 0; i < 2; i++) {
      const h = Ave.openAveConnectorSheet(connectorOptions(`${id}-${i}`));
      const overlay = document.querySelector('[data-ave-embed="sheet"]');
      const dialog = overlay.querySelector('[role="dialog"]');
      seen.push({
        overlay: getComputedStyle(overlay).position,
        dialog: getComputedStyle(dialog).maxWidth,
        frame: Math.round(h.iframe.getBoundingClientRect().width),
        labelled: (dialog.getAttribute("aria-label") ?? "").length > 3,
        src: h.iframe.src.includes(`${id}-${i}`),
        title: h.iframe.title.length > 0,
        animations: document.getAnimations().filter((a) => overlay.contains(a.effect.target)).length,
      });
      h.close();
    }
    return seen;
  }, clientId("template"));
  for (const look of looks) {
    assert.deepEqual(look, { overlay: "fixed", dialog: "500px", frame: 500, labelled: true, src: true, title: true, animations: 2 });
  }
  await nothingLeft(tab);
  await tab.close();
});

t("strict CSP page (script-src 'self' 'wasm-unsafe-eval'; style-src 'self'): a connector sheet completes with zero violations", async () => {
  const tab = await currentEngine().newTab(`${env.appOrigin}/e2e/host.html?csp=strict`);
  await poll(() => tab.evaluate(null, () => window.__ready === true), "the host page");
  await openSheet(tab, (id) => { Ave.openAveConnectorSheet(connectorOptions(id)); return true; }, clientId("csp"));
  await tab.click(SHEET_FRAME, "#approve", END);
  assert.deepEqual(await results(tab), [["onSuccess", null]]);
  assert.deepEqual(await tab.evaluate(null, () => window.cspViolations), []);
  await tab.close();
});

t("connector sheet: Escape closes it (onClose once), focus returns, page scroll is restored", async () => {
  const tab = await hostTab();
  await openSheet(tab, (id) => {
    document.getElementById("before").focus();
    Ave.openAveConnectorSheet(connectorOptions(id));
    return true;
  }, clientId("escape"));
  assert.equal(await tab.evaluate(null, () => document.body.style.overflow), "hidden", "scroll locked");
  await tab.press("Escape");
  assert.deepEqual(await results(tab), [["onClose", null]]);
  assert.equal(await tab.evaluate(null, () => document.activeElement && document.activeElement.id), "before");
  assert.notEqual(await tab.evaluate(null, () => document.body.style.overflow), "hidden", "scroll restored");
  await nothingLeft(tab);
  await tab.close();
});

t("runtime (basic profile): sends before ready are queued and answered in order; send after destroy throws", async () => {
  const tab = await hostTab();
  const ids = await tab.evaluate(null, () => {
    window.rt = Ave.openAveConnectorRuntime(runtimeOptions());
    return [rt.send({ op: "echo", payload: 1 }), rt.send({ op: "echo", payload: 2 })];
  });
  await poll(() => tab.evaluate(null, (ids) => ids.every((id) => window.events.some((e) => e.id === id && e.type === "complete")), ids), "both answers", 15000);
  const order = await tab.evaluate(null, () => window.events.filter((e) => e.type === "response").map((e) => e.data));
  assert.deepEqual(order, [1, 2]);
  const threw = await tab.evaluate(null, () => { rt.destroy(); try { rt.send({ op: "echo" }); return false; } catch { return true; } });
  assert.equal(threw, true);
  await nothingLeft(tab);
  await tab.close();
});

t("sign-in sheet (basic profile) + onTokens: PKCE, nonce and the code exchange → onTokens once", async () => {
  const tab = await hostTab();
  await openSheet(tab, (id) => { Ave.openAveSheet(signinOptions(id, { onTokens: recordTokens })); return true; }, clientId("tokens"));
  await tab.click(SHEET_FRAME, "#continue", END);
  assert.deepEqual(await results(tab), [["onTokens", null]]);
  assert.equal(await tab.evaluate(null, () => typeof window.calls[0][1].access_token), "string");
  await nothingLeft(tab);
  await tab.close();
});

t("fedcm: true + onTokens, not signed in at the issuer's FedCM: the sheet opens (directly where the engine has no IdentityCredential) → onTokens once", async () => {
  const tab = await hostTab();
  const fedcm = await tab.evaluate(null, () => typeof IdentityCredential === "function");
  assert.equal(fedcm, ENGINE === "chromium", "FedCM in Chromium only");
  await tab.evaluate(null, (id) => {
    Ave.openAveSheet(signinOptions(id, { onTokens: recordTokens, fedcm: true })).then((h) => (window.handle = h));
    return true;
  }, clientId("fedcm-fallback"));
  // The handle: the sheet's where there is no FedCM; while Chromium's chooser is up, `iframe: null`.
  const handleFrame = await poll(() => tab.evaluate(null, () => window.handle && String(window.handle.iframe)), "the handle");
  assert.equal(handleFrame, ENGINE === "chromium" ? "null" : "[object HTMLIFrameElement]");
  // Chromium asks its account chooser first; no session at the issuer: no answer, then the sheet.
  await poll(() => tab.evaluate(null, () => !!document.querySelector('[data-ave-embed="sheet"] iframe')
    && document.getAnimations().every((a) => a.playState !== "running")), "the sheet", 60000);
  await tab.click(SHEET_FRAME, "#continue", END);
  assert.deepEqual(await results(tab), [["onTokens", null]]);
  assert.equal(await tab.evaluate(null, () => typeof window.calls[0][1].access_token), "string");
  await nothingLeft(tab);
  await tab.close();
});

t("inline sign-in (basic profile): Continue → onSuccess once; destroy() after it fires nothing", async () => {
  const tab = await hostTab();
  await tab.evaluate(null, (id) => {
    Ave.mountAveEmbed(signinOptions(id, { container: document.getElementById("inline") })).then((h) => (window.handle = h));
    return true;
  }, clientId("inline-basic"));
  await tab.click({ frame: "#inline iframe" }, "#continue", END);
  assert.deepEqual(await results(tab), [["onSuccess", null]]);
  await tab.evaluate(null, () => { window.handle.destroy(); return true; });
  assert.equal(await tab.evaluate(null, () => window.calls.length), 1);
  await nothingLeft(tab);
  await tab.close();
});

t("attack: forged results from a third-origin frame, and from the flow's own frame sent to a third origin, are not heard", async () => {
  const tab = await hostTab();
  await openSheet(tab, (id) => { window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { state: "s" })); return true; }, clientId("forge"));
  await poll(() => tab.evaluate(SHEET_FRAME, () => !!document.getElementById("approve")), "the consent page");
  const forged = [{ type: "ave:success", payload: { redirectUrl: `${env.appOrigin}/connector/callback?code=forged&state=s` } }, { type: "ave:close" }];
  await tab.evaluate(null, ([origin, m]) => { forge(origin, m); return true; }, [env.thirdOrigin, forged]);
  await poll(() => tab.evaluate(null, () => window.forgeDone >= 1), "the third-origin forger");
  await tab.evaluate(null, ([origin, m]) => { forgeInFrame(window.handle.iframe, origin, m); return true; }, [env.thirdOrigin, forged]);
  await poll(() => tab.evaluate(null, () => window.forgeDone >= 2), "the navigated frame's forgery");
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(await tab.evaluate(null, () => window.calls), [], "nothing heard");
  await tab.evaluate(null, () => { window.handle.close(); return true; });
  assert.deepEqual(await results(tab, 100), [["onClose", null]]);
  await tab.close();
});

t("connector popup closed by its user → onClose once, within ~1 s", async () => {
  const tab = await hostTab();
  await armOpener(tab, "window.handle = Ave.openAveConnectorPopup(connectorOptions(arg));", clientId("closed"));
  const popup = await tab.popupFrom(() => tab.click(null, "#opener"));
  await poll(() => tab.evaluate({ popup }, () => !!document.getElementById("approve")), "the consent page");
  const closedAt = Date.now();
  await tab.closePopup(popup);
  await poll(() => tab.evaluate(null, () => window.calls.length > 0), "onClose", 5000);
  const latency = Date.now() - closedAt;
  assert.ok(latency < 2500, `noticed after ${latency} ms`);
  assert.deepEqual(await results(tab, 1200), [["onClose", null]]);
  await nothingLeft(tab);
  await tab.close();
});

// ------------------------------------------ the issuer's real pages (docs/protocol.md#how-the-live-issuer-behaves)

/** The `ave:connector:init` messages the runtime page received, once the page reported them (it does a few ms later). */
async function initsReceived(settle = 300) {
  await new Promise((r) => setTimeout(r, settle));
  return env.issuer.messages({ kind: "runtime", direction: "received", type: "ave:connector:init" });
}

/** Runs `scenario` with the runtime page of the aveid.net profile listening `delay` ms after its load (or "never"), alone in the records. */
async function withRuntimeListener(delay, scenario) {
  env.issuer.reset();
  await mock({ profile: "aveid.net", runtimeListenerDelayMs: delay });
  try {
    await scenario();
  } finally {
    await mock({ profile: "basic", runtimeListenerDelayMs: "" });
  }
}

for (const delay of [150, 600, 3000]) {
  t(`runtime: the page listens ${delay} ms after load (the real page's late listener) → init repeated until ready, one onReady; the queued request answered`, async () => {
    await withRuntimeListener(delay, async () => {
      const tab = await hostTab();
      const id = await tab.evaluate(null, () => {
        window.rt = Ave.openAveConnectorRuntime(runtimeOptions());
        return rt.send({ mode: "json", messages: [{ role: "user", content: "Hello" }] });
      });
      await poll(() => tab.evaluate(null, (id) => window.events.some((e) => e.id === id && e.type === "result"), id), "the answer", 15000);
      await new Promise((r) => setTimeout(r, 1200)); // a repeat already on its way, answered twice, must not be a second onReady
      assert.deepEqual(await tab.evaluate(null, () => window.calls.map((c) => c[0])), ["onReady"]);
      const inits = await initsReceived();
      assert.ok(inits.length >= 2, `the first init is lost, a repeat reaches the listener (${inits.length} received)`);
      assert.ok(inits.every((m) => m.origin === env.appOrigin), "every init came from the app's page");
      const count = inits.length;
      await new Promise((r) => setTimeout(r, 1200));
      assert.equal((await initsReceived(0)).length, count, "no init after ready");
      await tab.evaluate(null, () => { rt.destroy(); return true; });
      await nothingLeft(tab);
      await tab.close();
    });
  });
}

t("runtime: a page that never listens → onError timeout at timeoutMs, once; the repeats stop then", async () => {
  await withRuntimeListener("never", async () => {
    const tab = await hostTab();
    const opened = Date.now();
    await tab.evaluate(null, () => { window.rt = Ave.openAveConnectorRuntime(runtimeOptions({ timeoutMs: 1500 })); return true; });
    await poll(() => tab.evaluate(null, () => window.calls.length > 0), "the timeout", 10000);
    const elapsed = Date.now() - opened;
    assert.ok(elapsed >= 1400 && elapsed < 5000, `timed out after ${elapsed} ms`);
    assert.deepEqual(await tab.evaluate(null, () => window.calls.map((c) => [c[0], c[1] && c[1].error])), [["onError", "timeout"]]);
    const inits = (await initsReceived()).length;
    assert.ok(inits >= 3, `init repeated while waiting (${inits})`);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await initsReceived(0)).length, inits, "no init after the timeout");
    assert.equal(await tab.evaluate(null, () => window.calls.length), 1, "reported once");
    await tab.evaluate(null, () => { rt.destroy(); return true; });
    await nothingLeft(tab);
    await tab.close();
  });
});

t("runtime: its frame navigated away from the issuer origin receives no init (the browser drops what is addressed to the issuer)", async () => {
  await withRuntimeListener("never", async () => {
    const tab = await hostTab();
    await tab.evaluate(null, (third) => {
      window.echoed = [];
      window.echoReady = false;
      addEventListener("message", (e) => {
        if (e.origin !== third || !e.data) return;
        if (e.data.type === "echo:ready") window.echoReady = true;
        if (e.data.type === "echo") window.echoed.push(e.data.data);
      });
      window.rt = Ave.openAveConnectorRuntime(runtimeOptions({ timeoutMs: 8000 }));
      // Once the issuer's page is in, the frame goes to a third-origin page that echoes whatever it receives.
      rt.iframe.addEventListener("load", () => { rt.iframe.src = `${third}/e2e/echo.html`; }, { once: true });
      return true;
    }, env.thirdOrigin);
    await poll(() => tab.evaluate(null, () => window.echoReady), "the echo page in the runtime's frame");
    // The echo page answers what reaches it (a probe of the page's own); the SDK keeps repeating its init meanwhile.
    await tab.evaluate(null, (third) => { rt.iframe.contentWindow.postMessage("probe", third); return true; }, env.thirdOrigin);
    await poll(() => tab.evaluate(null, () => window.echoed.includes("probe")), "the echo of the probe");
    await new Promise((r) => setTimeout(r, 2000));
    const echoed = await tab.evaluate(null, () => window.echoed);
    assert.deepEqual(echoed, ["probe"], "the third-origin page received nothing from the SDK");
    await tab.evaluate(null, () => { rt.destroy(); return true; });
    await nothingLeft(tab);
    await tab.close();
  });
});

t("aveid.net, signed out: sign-in sheet → gate → the iframe's popup posts ave:auth_required, signs in inside itself, then ave:success → one onSuccess; the SDK opens no window, the popup is not navigated", async () => {
  const tab = await hostTab();
  const id = clientId("gate-auth");
  await mock({ client_id: id, profile: "aveid.net", session: 0 });
  await tab.evaluate(null, () => {
    window.opens = [];
    const open = window.open;
    window.open = function (...args) { window.opens.push(String(args[0])); return open.apply(this, args); };
    return true;
  });
  await openSheet(tab, (id) => { Ave.openAveSheet(signinOptions(id)); return true; }, id);
  await poll(() => tab.evaluate(SHEET_FRAME, () => !document.getElementById("storage-gate").hidden), "the gate (no session in the frame)");
  const popup = await tab.popupFrom(() => tab.click(SHEET_FRAME, "#storage-access"));
  const posted = await poll(async () => {
    const m = await env.issuer.messages({ clientId: id, direction: "posted", type: "ave:auth_required" });
    return m.length > 0 && m;
  }, "the popup's ave:auth_required");
  assert.equal(posted.length, 1);
  await poll(() => tab.evaluate({ popup }, () => location.pathname === "/login"), "the popup at /login");
  await tab.click({ popup }, "#login");
  await tab.click({ popup }, "#continue", END);
  assert.deepEqual(await results(tab, 1000), [["onSuccess", null]]);
  assert.deepEqual(await tab.evaluate(null, () => window.opens), [], "the SDK opened (or re-navigated) no window");
  const signins = env.issuer.requests({ path: "/signin" }).filter((r) => r.query.client_id === id).length;
  assert.equal(signins, 3, "/signin loaded in the frame, in the popup, and in the popup after /login: never again by the SDK");
  await nothingLeft(tab);
  await tab.close();
});

t("aveid.net, cookies allowed, signed in: sign-in sheet → no gate, the chooser in the frame → onSuccess once", async () => {
  const tab = await hostTab();
  const id = clientId("allowed");
  await mock({ client_id: id, profile: "aveid.net" });
  await openSheet(tab, (id) => { Ave.openAveSheet(signinOptions(id)); return true; }, id);
  await tab.click(SHEET_FRAME, "#continue", END);
  assert.deepEqual(await results(tab), [["onSuccess", null]]);
  assert.equal(env.issuer.requests({ path: "/login" }).filter((r) => String(r.query.next).includes(id)).length, 0, "no sign-in needed");
  await nothingLeft(tab);
  await tab.close();
});

t("aveid.net, storage blocked, storage access refused: the gate opens no popup, the frame's own sign-in dead-ends (401); closing the sheet → onClose once", async () => {
  const tab = await hostTab();
  const id = clientId("refused");
  await mock({ client_id: id, profile: "aveid.net", storageBlocked: 1, storageAccess: "refuse" });
  await openSheet(tab, (id) => { Ave.openAveSheet(signinOptions(id)); return true; }, id);
  await tab.click(SHEET_FRAME, "#storage-access");
  await poll(() => tab.evaluate(SHEET_FRAME, () => location.pathname === "/login"), "the frame at /login");
  assert.equal(await tab.windowCount(), 1, "no popup");
  await tab.click(SHEET_FRAME, "#login");
  await poll(() => tab.evaluate(SHEET_FRAME, () => /failed/i.test(document.getElementById("status").textContent)), "the 401 dead end");
  assert.deepEqual(await tab.evaluate(null, () => window.calls), [], "no result");
  await tab.click(null, '[data-ave-embed="sheet"] button[aria-label="Close"]', END);
  assert.deepEqual(await results(tab), [["onClose", null]]);
  await nothingLeft(tab);
  await tab.close();
});

t("aveid.net, storage blocked: connector sheet from a click → /connect posts ave:auth_required twice → one SDK popup (or Continue where the engine blocks it) → approve → onSuccess once", async () => {
  const tab = await hostTab();
  const id = clientId("connect-auth");
  await mock({ client_id: id, profile: "aveid.net", storageBlocked: 1 });
  await armOpener(tab, "window.handle = Ave.openAveConnectorSheet(connectorOptions(arg));", id);
  await tab.click(null, "#opener");
  // The SDK's popup opens from the click's activation where the engine lets it; else the sheet offers Continue.
  const opened = await poll(async () => ((await tab.windowCount()) === 2 ? "popup"
    : (await tab.evaluate(null, () => document.querySelector('[data-ave-embed="continue"]')?.style.display === "flex")) && "continue"), "a popup or Continue");
  if (opened === "continue") {
    // A click aimed at a sheet that is still sliding in lands where the button was.
    await poll(() => tab.evaluate(null, () => document.getAnimations().every((a) => a.playState !== "running")), "the sheet in place");
  }
  const popup = opened === "continue"
    ? await tab.popupFrom(() => tab.click(null, '[data-ave-embed="continue"] button'))
    : await tab.openPopup();
  await new Promise((r) => setTimeout(r, 300)); // the page reports what it posted a few ms later
  assert.equal(env.issuer.messages({ clientId: id, kind: "connect", direction: "posted", type: "ave:auth_required" }).length, 2, "two ave:auth_required");
  assert.equal(await tab.windowCount(), 2, "one popup");
  await tab.click({ popup }, "#approve", END);
  assert.deepEqual(await results(tab, 1300), [["onSuccess", null]]);
  await nothingLeft(tab);
  await tab.close();
});
