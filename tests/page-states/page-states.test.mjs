// Page states (docs/compatibility.md#page-states):
// each of the ten functions called in the states real pages call it in,
// in the engine named by ENGINE (chromium | firefox | webkit; `make test`
// runs each as a layer of its own), against the built package on the app
// origin and the mock issuer on another origin:
//   load           the page's module imports the package statically and
//                  calls it while it evaluates, at page load (no click:
//                  popups are blocked, as any window.open there is)
//   module         a module the page imports from a click (lazy-loaded
//                  sign-in code) imports the package and calls it while it
//                  evaluates: before the background start can finish
//   dcl            the page's module imports the package and calls it at
//                  DOMContentLoaded (no click, as at load; whether the
//                  background start has finished by then is the engine's
//                  business: the table says which path the call took)
//   before-ready   from a click, while the background start is still going
//                  on (held for good: the synchronous path)
//   after-ready    from a click after the ready mark, before the idle warm-up
//   after-warm-up  from a click after the idle warm-up (its mark "ave-embed-wasm:warm")
// plus engines without DecompressionStream (the fallback inflater is the
// only path there) or whose DecompressionStream refuses "deflate-raw", and
// a page whose CSP lacks 'wasm-unsafe-eval'. Each flow must reach its
// success callback (the mock issuer's pages decide by themselves: ?decision).
// The table printed at the end is README's "Page states" table.
import { after } from "node:test";
import assert from "node:assert/strict";
import { ENGINE, appTab, clientId, currentEngine, env, mock, poll, t } from "../support/scenario.mjs";

const table = new Map();
after(() => {
  if (!table.size) return;
  console.log(`page states in ${ENGINE} (${currentEngine()?.version}):`);
  for (const [row, cells] of table) console.log(`  ${row}: ${[...cells].map(([state, ok]) => `${state} ${ok}`).join(", ")}`);
});

const FUNCTIONS = {
  openAveConnectorSheet: { success: "onSuccess" },
  openAveConnectorPopup: { success: "onSuccess", popup: true },
  openAveConnectorRuntime: { success: "onReady", runtime: true },
  openIrisDelegatedRuntime: { success: "onReady", runtime: true },
  openAveSigningSheet: { success: "onSigned" },
  openAveSigningPopup: { success: "onSigned", popup: true, blocked: ["onDenied", "popup_blocked"] },
  mountAveEmbed: { success: "onSuccess" },
  openAveSheet: { success: "onSuccess" },
  openAvePopup: { success: "onSuccess", popup: true },
  startAveAuth: { success: "onSuccess" },
};

/** A fresh tab on a states page for `fn`, its issuer pages set to approve by themselves. */
async function statesTab(fn, query) {
  const id = clientId("states");
  await mock({ client_id: id, decision: "approve" });
  const page = query.state === "module" ? "states-lazy.html" : "states.html";
  return appTab(`/e2e/${page}?${new URLSearchParams({ fn, id, issuer: env.issuerOrigin, ...query })}`);
}

const snapshot = (tab) => tab.evaluate(null, () => ({
  calls: window.calls.map(([name, p]) => [name, (p && p.error) || null]),
  echo: window.events.some((e) => e && e.id === "states"),
  atCall: window.atCall,
  callError: window.callError ?? null,
  handle: window.handle === undefined ? "pending" : window.handle === null ? null : "handle",
  popup: typeof window.handle?.popup?.closed === "boolean",
}));

/**
 * Whether a plain `window.open` may open a popup in `state` in this engine
 * (asked once per state): a module imported from a click runs after the
 * click's task, and WebKit then no longer counts the click as the user's.
 * A popup function there gets what 0.6.0's `window.open` gets.
 */
const popupAllowed = new Map();
function windowOpenAllowed(state) {
  if (!popupAllowed.has(state)) {
    popupAllowed.set(state, (async () => {
      const tab = await statesTab("window.open", { state });
      await tab.click(null, "#go");
      await poll(() => tab.evaluate(null, () => window.controlOpened !== undefined), "the control");
      const opened = await tab.evaluate(null, () => window.controlOpened);
      await poll(async () => (await tab.windowCount()) === 1, "the control's popup to close", 5000);
      await tab.close();
      return opened;
    })());
  }
  return popupAllowed.get(state);
}

/**
 * Makes the call (a click on #go, or none: state=load, dcl), waits for the
 * flow's outcome and asserts it: the success callback once (runtimes: onReady
 * and the echo of a request sent before it), or, for a popup where the
 * browser allows none (no click, or `popupAllowed` false), the blocked
 * popup's result and `null`. Returns what the page saw.
 */
async function callAndFinish(tab, fn, state, { popupAllowed = true } = {}) {
  const spec = FUNCTIONS[fn];
  const clicked = state !== "dcl" && state !== "load";
  const popupOpens = spec.popup && clicked && popupAllowed;
  // (A popup is not waited for as a window: the mock's page decides and
  // closes itself within ~300 ms, sometimes before a driver lists it. The
  // handle's `popup` and the result it posted show that it opened.)
  if (clicked) await tab.click(null, "#go");
  const done = await poll(async () => {
    const s = await snapshot(tab);
    if (s.callError) return s;
    if (spec.runtime) return s.calls.length && s.echo && s;
    return s.calls.length && s.handle !== "pending" && s;
  }, `${fn}'s outcome`, 20000);
  assert.equal(done.callError, null, `${fn} threw: ${JSON.stringify(done.callError)}`);
  await new Promise((r) => setTimeout(r, 300)); // nothing may follow a result
  const s = await snapshot(tab);
  if (spec.popup && !popupOpens) {
    assert.deepEqual(s.calls, [spec.blocked ?? ["onError", "popup_blocked"]], `${fn} with no click: the blocked popup's result`);
    assert.equal(s.handle, null);
  } else {
    assert.deepEqual(s.calls, [[spec.success, null]], `${fn}: one success callback`);
    assert.equal(s.handle, "handle");
    assert.equal(s.popup, !!spec.popup, "a popup flow's handle holds its window");
  }
  if (spec.runtime) await tab.evaluate(null, () => { window.handle.destroy(); return true; });
  await poll(async () => (await tab.evaluate(null, () => document.querySelectorAll("[data-ave-embed], iframe").length)) === 0, "no SDK node left", 5000);
  return s;
}

const mark = (row, state, ok) => {
  if (!table.has(row)) table.set(row, new Map());
  table.get(row).set(state, ok);
};

const STATES = {
  load: (a) => assert.equal(a.ready, false, "called before the ready mark"),
  module: (a) => assert.equal(a.ready, false, "called before the ready mark"),
  dcl: (a) => assert.equal(typeof a.ready, "boolean"),
  "before-ready": (a) => assert.equal(a.ready, false, "called before the ready mark"),
  "after-ready": (a) => assert.deepEqual([a.ready, a.warmUps], [true, 0], "after the ready mark, before the warm-up"),
  "after-warm-up": (a) => assert.deepEqual([a.ready, a.warmUps, a.warmed], [true, 1, true], "after the warm-up (its steps done, in one inert document)"),
};

for (const [state, checkState] of Object.entries(STATES)) {
  for (const fn of Object.keys(FUNCTIONS)) {
    t(`${state}: ${fn}`, async () => {
      mark(fn, state, "✗");
      // (Asked before this test's tab opens: WebKit's driver has one window.)
      const popupAllowed = state !== "module" || !FUNCTIONS[fn].popup || (await windowOpenAllowed(state));
      const tab = await statesTab(fn, { state });
      if (state === "after-ready" || state === "after-warm-up") {
        await poll(() => tab.evaluate(null, () => performance.getEntriesByName("ave-embed-wasm:ready").length === 1), "the ready mark");
      }
      if (state === "after-warm-up") await poll(() => tab.evaluate(null, () => performance.getEntriesByName("ave-embed-wasm:warm").length === 1), "the warm-up's end");
      const s = await callAndFinish(tab, fn, state, { popupAllowed });
      checkState(s.atCall);
      const path = state === "dcl" ? (s.atCall.ready ? " (ready)" : " (sync)") : "";
      mark(fn, state, (FUNCTIONS[fn].popup && s.handle === null ? "blocked ✓" : "✓") + path);
      await tab.close();
    });
  }
}

// Old engines: the synchronous path (the wasm inflater) is the only one.
for (const decompression of ["none", "refuse"]) {
  for (const fn of Object.keys(FUNCTIONS)) {
    t(`DecompressionStream ${decompression === "none" ? "missing" : 'refusing "deflate-raw"'}: ${fn} from a click`, async () => {
      mark(fn, `decompression=${decompression}`, "✗");
      const tab = await statesTab(fn, { state: "click", decompression });
      // The background start cannot run (none) or fails (refuse): no ready mark before the call.
      await new Promise((r) => setTimeout(r, 300));
      const s = await callAndFinish(tab, fn, "click");
      assert.equal(s.atCall.ready, false, "no background start");
      assert.equal(s.atCall.decompression, decompression === "none" ? "undefined" : "function");
      mark(fn, `decompression=${decompression}`, "✓");
      await tab.close();
    });
  }
}

// A CSP without 'wasm-unsafe-eval': a clear Error, nothing left, the page keeps working.
for (const fn of ["openAveConnectorSheet", "openAveConnectorPopup", "openAveSheet", "openAveConnectorRuntime"]) {
  t(`CSP without 'wasm-unsafe-eval': ${fn} fails with an Error naming it; no DOM, no window, the page works on`, async () => {
    mark(fn, "csp", "✗");
    const tab = await statesTab(fn, { state: "click", csp: "nowasm" });
    for (let i = 0; i < 2; i++) {
      await tab.evaluate(null, () => { window.callError = undefined; return true; });
      await tab.click(null, "#go");
      const error = await poll(() => tab.evaluate(null, () => window.callError), "the error");
      assert.equal(error.name, "Error");
      assert.match(error.message, new RegExp(`^@ave-id/embed: ${fn}\\(\\) cannot start: the page's Content-Security-Policy blocks WebAssembly\\. Add 'wasm-unsafe-eval' to its script-src`));
    }
    const page = await tab.evaluate(null, () => {
      const probe = document.createElement("p");
      probe.textContent = "still working";
      document.body.append(probe);
      return {
        nodes: document.querySelectorAll("[data-ave-embed], iframe").length,
        probe: document.body.lastElementChild.textContent,
        calls: window.calls.length,
      };
    });
    assert.deepEqual(page, { nodes: 0, probe: "still working", calls: 0 });
    assert.equal(await tab.windowCount(), 1, "no window opened");
    mark(fn, "csp", "Error ✓");
    await tab.close();
  });
}
