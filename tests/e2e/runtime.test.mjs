// openAveConnectorRuntime / openIrisDelegatedRuntime against the mock
// issuer's /connect/runtime on another origin (docs/protocol.md#runtime-channel, docs/security.md#origin-and-source, docs/security.md#no-wildcard-target, docs/security.md#secrets, docs/security.md#https-only, docs/security.md#plain-object-events, docs/security.md#runtime-ready, docs/security.md#no-leaks, docs/security.md#settle-once).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, waitFor, sleep, listenerCounts } from "./harness.mjs";

const env = useEnvironment();

const openRuntime = (page, extra = {}, fn = "openAveConnectorRuntime") =>
  page.evaluate(([extra, fn]) => {
    window.rt = Ave[fn](runtimeOptions(extra));
    const f = window.rt.iframe;
    return {
      keys: Object.keys(window.rt).sort(),
      src: f.src,
      hidden: f.getAttribute("aria-hidden") === "true" && f.tabIndex === -1 && f.offsetWidth === 0 && f.offsetHeight === 0,
    };
  }, [extra, fn]);

const completed = (page, id) => waitFor(page, (id) => window.events.some((e) => e.id === id && e.type === "complete"), id, 15000);

test("seed example: hidden frame at /connect/runtime?target&mode, init → ready, the token only inside init", async () => {
  const { page, context, problems } = await openPage(env);
  const info = await openRuntime(page);
  assert.deepEqual(info.keys, ["destroy", "iframe", "send"]);
  assert.ok(info.hidden, "hidden, not focusable, no layout");
  const src = new URL(info.src);
  assert.equal(src.origin + src.pathname, `${env.issuerOrigin}/connect/runtime`);
  assert.deepEqual([...src.searchParams], [["target", "iris"], ["mode", "user_present"]]);
  await waitFor(page, () => window.calls.some((c) => c[0] === "onReady"));
  const id = await page.evaluate(() => rt.send({ op: "whoami" }));
  await completed(page, id);
  const who = await page.evaluate((id) => events.find((e) => e.id === id && e.type === "response").data, id);
  assert.deepEqual(who, {
    target: "iris",
    targetOrigin: "https://irischat.app",
    hostOrigin: env.appOrigin,
    tokenLength: "tok-SECRET-8c1f0e5b".length,
  });
  const leaks = await page.evaluate(() => ({
    dom: document.documentElement.outerHTML.includes(TOKEN),
    src: rt.iframe.src.includes(TOKEN) || location.href.includes(TOKEN),
    attrs: [...document.querySelectorAll("*")].some((el) => [...el.attributes].some((a) => a.value.includes(TOKEN))),
  }));
  assert.deepEqual(leaks, { dom: false, src: false, attrs: false });
  assert.ok(!problems.consoleText.some((t) => t.includes("tok-SECRET")), "token never logged");
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("sends before ready are queued and delivered after ready, in order; ids returned and assigned", async () => {
  const { page, context } = await openPage(env);
  const sent = await page.evaluate(() => {
    window.rt = Ave.openAveConnectorRuntime(runtimeOptions());
    const mine = { op: "echo", payload: 1 };
    const ids = [rt.send(mine), rt.send({ id: "given-id", op: "echo", payload: 2 }), rt.send({ op: "echo", payload: 3 })];
    return { ids, mutated: "id" in mine, readyYet: calls.length };
  });
  assert.equal(sent.readyYet, 0, "sent before ready");
  assert.equal(sent.mutated, false, "the caller's object is not modified");
  assert.equal(sent.ids[1], "given-id");
  assert.match(sent.ids[0], /^[\w-]{12,}$/);
  assert.notEqual(sent.ids[0], sent.ids[2]);
  await completed(page, sent.ids[2]);
  const responses = await page.evaluate(() => events.filter((e) => e.type === "response").map((e) => [e.id, e.data]));
  assert.deepEqual(responses, [[sent.ids[0], 1], ["given-id", 2], [sent.ids[2], 3]]);
  await context.close();
});

test("1000 streamed events reach onEvent in order, none lost (latency and rate printed)", async () => {
  const { page, context } = await openPage(env);
  await openRuntime(page);
  await waitFor(page, () => calls.some((c) => c[0] === "onReady"));
  const stats = await page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const seqs = [];
        let first = 0;
        const t0 = performance.now();
        window.rt.destroy();
        window.rt = Ave.openAveConnectorRuntime(
          runtimeOptions({
            onReady: () => {
              const start = performance.now();
              rt.send({ id: "s", op: "stream", payload: { count } });
              window.__start = start;
            },
            onEvent: (e) => {
              window.__onEcho?.(e);
              if (!first) first = performance.now();
              if (e.type === "response") seqs.push(e.seq);
              if (e.type === "complete") {
                const end = performance.now();
                resolve({ seqs, firstMs: first - window.__start, totalMs: end - window.__start, setupMs: window.__start - t0 });
              }
            },
          }),
        );
      }),
    1000,
  );
  assert.equal(stats.seqs.length, 1000);
  assert.ok(stats.seqs.every((s, i) => s === i), "in order");
  const rate = Math.round(1000 / (stats.totalMs / 1000));
  // Round trip of one request: send() → first onEvent (median of 30 echo requests).
  const trips = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 30; i++) {
      out.push(await new Promise((resolve) => {
        const t = performance.now();
        const id = rt.send({ op: "echo", payload: i });
        window.__onEcho = (e) => e.id === id && resolve(performance.now() - t);
      }));
    }
    return out.sort((a, b) => a - b);
  });
  const median = trips[Math.floor(trips.length / 2)];
  console.log(`runtime: echo send→onEvent median ${median.toFixed(2)} ms; stream send→first event ${stats.firstMs.toFixed(2)} ms; 1000 events in ${stats.totalMs.toFixed(1)} ms (${rate} events/s)`);
  await context.close();
});

test("events from a third origin, a second issuer-origin frame, the page, and the runtime frame navigated to a third origin, and payloads that are not plain objects never reach onEvent", async () => {
  const { page, context } = await openPage(env);
  await openRuntime(page);
  await waitFor(page, () => calls.some((c) => c[0] === "onReady"));
  const forged = [
    { type: "ave:connector:event", payload: { id: "x", type: "response", data: "forged" } },
    { type: "ave:connector:error", payload: { error: "forged" } },
    { type: "ave:connector:ready" },
  ];
  await page.evaluate(([o, m]) => forge(o, m), [env.thirdOrigin, forged]);
  await page.evaluate(([o, m]) => forge(o, m), [env.issuerOrigin, forged]);
  await page.evaluate((m) => { for (const x of m) window.postMessage(x, "*"); }, forged);
  // From the real runtime frame: non-object payloads are dropped, the object passes.
  // Built-ins other than plain objects and arrays are posted by the frame itself:
  // send() takes only JSON-like requests, so the raw op cannot carry them.
  const runtimeFrame = page.frames().find((f) => f.url().startsWith(`${env.issuerOrigin}/connect/runtime`));
  await runtimeFrame.evaluate(() => {
    for (const e of [new Date(0), new Map([[1, 2]]), /re/g, new Set([1])]) parent.postMessage({ type: "ave:connector:event", payload: e }, "*");
  });
  const id = await page.evaluate(() =>
    rt.send({ op: "raw", payload: { events: [1, "str", null, [1, 2], true, { kind: "plain" }] } }),
  );
  await completed(page, id);
  const seen = await page.evaluate(() => ({ events, calls }));
  assert.deepEqual(seen.events, [{ kind: "plain" }, { id, type: "complete" }]);
  assert.deepEqual(seen.calls, [["onReady"]], "no forged ready or error");
  // The runtime's own frame, navigated to a third origin: the right source window, the wrong origin.
  await page.evaluate(([o, m]) => forgeInFrame(rt.iframe, o, m), [env.thirdOrigin, forged]);
  const after = await page.evaluate(() => ({ events, calls }));
  assert.deepEqual(after.events, seen.events, "no event from the navigated frame");
  assert.deepEqual(after.calls, [["onReady"]], "no ready or error from the navigated frame");
  await context.close();
});

test("frame reload → init again → ready again; a send queued in between is flushed", async () => {
  const { page, context } = await openPage(env);
  await openRuntime(page);
  await waitFor(page, () => calls.some((c) => c[0] === "onReady"));
  await page.evaluate(() => {
    // Runs after the SDK's own load listener (registered first): the SDK is waiting for ready again.
    rt.iframe.addEventListener("load", () => { window.afterReload = rt.send({ op: "echo", payload: "after reload" }); }, { once: true });
    rt.send({ op: "reload" });
  });
  await waitFor(page, () => calls.filter((c) => c[0] === "onReady").length === 2, null, 10000);
  const id = await page.evaluate(() => window.afterReload);
  await completed(page, id);
  assert.deepEqual(await page.evaluate((id) => events.filter((e) => e.id === id).map((e) => e.data ?? e.type), id), ["after reload", "complete"]);
  await context.close();
});

test("no ready within timeoutMs → onError timeout, reported once", async () => {
  const { page, context } = await openPage(env);
  // The app origin serves no runtime page: nothing answers init.
  await page.evaluate((issuer) => {
    window.rt = Ave.openAveConnectorRuntime(runtimeOptions({ issuer, timeoutMs: 300 }));
    rt.send({ op: "echo", payload: "queued" });
  }, env.appOrigin);
  const calls = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(calls[0][0], "onError");
  assert.equal(calls[0][1].error, "timeout");
  await sleep(400);
  assert.equal((await page.evaluate(() => window.calls)).length, 1, "reported once");
  await page.evaluate(() => rt.destroy());
  await context.close();
});

test("destroy(): frame, listener, timer gone; idempotent; send() afterwards throws; no event after destroy", async () => {
  const { page, context } = await openPage(env);
  const before = await listenerCounts(page);
  await openRuntime(page);
  await waitFor(page, () => calls.some((c) => c[0] === "onReady"));
  const result = await page.evaluate(() => {
    rt.send({ op: "stream", payload: { count: 5000 } });
    rt.destroy();
    rt.destroy();
    let error = null;
    try { rt.send({ op: "echo" }); } catch (e) { error = e.message; }
    return { error, frames: document.querySelectorAll("iframe").length, connected: rt.iframe.isConnected };
  });
  assert.match(result.error, /openAveConnectorRuntime: send\(\) was called after destroy\(\)/);
  assert.equal(result.frames, 0);
  assert.equal(result.connected, false);
  assert.deepEqual(await listenerCounts(page), before);
  const count = await page.evaluate(() => events.length);
  await sleep(300);
  assert.equal(await page.evaluate(() => events.length), count, "no event after destroy");
  await context.close();
});

test("the app's callbacks re-enter the runtime (send from onReady and onEvent, destroy from onEvent and onError): no borrow held, no wasm trap, and the SDK keeps working", async () => {
  const { page, context, problems } = await openPage(env);
  // onReady sends; its echo's onEvent sends a stream; the stream's first event destroys the runtime.
  await page.evaluate(() => {
    window.reentry = [];
    window.rt = Ave.openAveConnectorRuntime(runtimeOptions({
      onReady: () => reentry.push(["onReady sent", typeof rt.send({ op: "echo", payload: "from onReady" })]),
      onEvent: (e) => {
        events.push(e);
        if (e.type === "response" && e.data === "from onReady") rt.send({ op: "stream", payload: { count: 50 } });
        if (e.type === "response" && e.seq === 0) {
          rt.destroy();
          rt.destroy();
          try { rt.send({ op: "echo" }); } catch (error) { reentry.push(["send after destroy in onEvent", error.message]); }
        }
      },
    }));
  });
  await waitFor(page, () => reentry.length === 2);
  await sleep(300);
  const first = await page.evaluate(() => ({
    reentry,
    streamed: events.filter((e) => typeof e.seq === "number").length,
    frames: document.querySelectorAll("iframe").length,
  }));
  assert.deepEqual(first, {
    reentry: [
      ["onReady sent", "string"],
      ["send after destroy in onEvent", "openAveConnectorRuntime: send() was called after destroy()"],
    ],
    streamed: 1,
    frames: 0,
  });
  // onError destroys: for an issuer error, and for the ready timeout (the app origin answers no init).
  const errors = await page.evaluate(async (appOrigin) => {
    // What destroy() threw, if anything, is part of the answer the test compares.
    const destroyedIn = (extra, send) => new Promise((resolve) => {
      setTimeout(() => resolve(["no onError within 5 s"]), 5000);
      const rt = Ave.openAveConnectorRuntime(runtimeOptions({
        ...extra,
        onReady: () => send && rt.send(send),
        onError: (e) => {
          try { rt.destroy(); } catch (thrown) { return resolve([e.error, `destroy() threw ${thrown}`]); }
          resolve([e.error, rt.iframe.isConnected]);
        },
      }));
    });
    return [
      await destroyedIn({}, { op: "no-such-op" }),
      await destroyedIn({ issuer: appOrigin, timeoutMs: 200 }, null),
    ];
  }, env.appOrigin);
  assert.deepEqual(errors, [["unsupported_op", false], ["timeout", false]]);
  // The module was not poisoned: a new runtime round-trips.
  await page.evaluate(() => { events.length = 0; window.rt = Ave.openAveConnectorRuntime(runtimeOptions()); });
  await waitFor(page, () => calls.some((c) => c[0] === "onReady"));
  const id = await page.evaluate(() => rt.send({ op: "echo", payload: "after" }));
  await completed(page, id);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("container: visible frame with width/height and 18px radius; Iris defaults", async () => {
  const { page, context } = await openPage(env);
  const box = await page.evaluate(() => {
    const container = document.getElementById("inline");
    window.rt = Ave.openIrisDelegatedRuntime(runtimeOptions({ container, width: 300, height: "200px", target: undefined, targetOrigin: undefined }));
    const f = rt.iframe;
    return { parent: f.parentElement.id, w: f.offsetWidth, h: f.offsetHeight, radius: getComputedStyle(f).borderRadius, hidden: f.getAttribute("aria-hidden"), src: f.src };
  });
  assert.deepEqual({ ...box, src: undefined }, { parent: "inline", w: 300, h: 200, radius: "18px", hidden: null, src: undefined });
  assert.equal(new URL(box.src).searchParams.get("target"), "iris");
  await waitFor(page, () => calls.some((c) => c[0] === "onReady"));
  const id = await page.evaluate(() => rt.send({ op: "whoami" }));
  await completed(page, id);
  const who = await page.evaluate((id) => events.find((e) => e.id === id).data, id);
  assert.equal(who.targetOrigin, "https://irischat.app");
  await context.close();
});

test("runtime errors reach onError with the request id", async () => {
  const { page, context } = await openPage(env);
  await openRuntime(page);
  const id = await page.evaluate(() => rt.send({ op: "no-such-op" }));
  const calls = await waitFor(page, () => window.calls.find((c) => c[0] === "onError"));
  assert.equal(calls[1].id, id);
  assert.equal(calls[1].error, "unsupported_op");
  await context.close();
});

test("bad runtime options → TypeError naming the option, never the token; nothing left in the DOM", async () => {
  const { page, context } = await openPage(env);
  const results = await page.evaluate(() => {
    const cases = [
      ["delegatedToken", { delegatedToken: undefined }],
      ["delegatedToken", { delegatedToken: "" }],
      ["delegatedToken", { delegatedToken: 42 }],
      ["targetOrigin", { targetOrigin: "*" }],
      ["targetOrigin", { targetOrigin: "https://irischat.app/path" }],
      ["targetOrigin", { targetOrigin: "http://irischat.app" }],
      ["target", { target: "a b" }],
      ["issuer", { issuer: "javascript:alert(1)" }],
      ["mode", { mode: "sometimes" }],
      ["container", { container: "#inline" }],
      ["width", { width: "1px;background:red" }],
      ["height", { height: {} }],
      ["timeoutMs", { timeoutMs: -1 }],
      ["onEvent", { onEvent: "x" }],
      ["onReady", { onReady: 1 }],
      ["onError", { onError: [] }],
    ];
    return cases.map(([option, extra]) => {
      try {
        Ave.openAveConnectorRuntime(runtimeOptions(extra));
        return [option, false, "no error"];
      } catch (e) {
        return [option, e instanceof TypeError, e.message];
      }
    });
  });
  for (const [option, isTypeError, message] of results) {
    assert.equal(isTypeError, true, `${option}: ${message}`);
    assert.ok(message.startsWith(`openAveConnectorRuntime: option \`${option}\``), message);
    assert.ok(!message.includes("tok-SECRET"), message);
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll("iframe").length), 0);
  await context.close();
});
