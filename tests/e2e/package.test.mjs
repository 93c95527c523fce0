// The built npm package (dist/npm): exports and shapes, bad options,
// SSR import in Node, the CDN build, and the demo page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { useEnvironment, openPage, waitFor, sdkNodes, sheetConsent, sheetFrame, clickToEnd } from "./harness.mjs";

const env = useEnvironment();
const run = promisify(execFile);
const dist = fileURLToPath(new URL("../../dist/npm/", import.meta.url));
// The ten functions of 0.6.0, and the module's exports: those and createAve.
const FUNCTIONS = [
  "mountAveEmbed", "openAveSheet", "openAvePopup", "startAveAuth",
  "openAveConnectorSheet", "openAveConnectorPopup", "openAveConnectorRuntime",
  "openIrisDelegatedRuntime", "openAveSigningSheet", "openAveSigningPopup",
];
const EXPORTS = [...FUNCTIONS, "createAve"];

test("package.json, types and files per docs/compatibility.md#packaging", () => {
  const pkg = JSON.parse(readFileSync(dist + "package.json", "utf8"));
  assert.equal(pkg.type, "module");
  assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "import", "default"]);
  const dts = readFileSync(dist + "index.d.ts", "utf8");
  for (const name of FUNCTIONS) assert.match(dts, new RegExp(`export function ${name}\\(`), name);
  assert.match(dts, /export function createAve</);
  for (const f of ["index.js", "ave-embed.global.js", "global.d.ts", "README.md", "LICENSE"]) {
    assert.ok(readFileSync(dist + f).length > 0, f);
  }
});

test("the tarball holds each thing once and exports only what works: no loose .wasm, one CDN file with its types, index.js marked as having side effects", async () => {
  const pkg = JSON.parse(readFileSync(dist + "package.json", "utf8"));
  assert.deepEqual(Object.keys(pkg.exports), [".", "./testing", "./react", "./global", "./package.json"]);
  assert.deepEqual(pkg.exports["./global"], { types: "./global.d.ts", default: "./ave-embed.global.js" });
  assert.ok(pkg.sideEffects.includes("./index.js"), "importing index.js starts the compile and the warm-up");
  assert.equal(pkg.engines.node, ">=20");
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: dist });
  const packed = JSON.parse(stdout)[0].files.map((f) => f.path);
  assert.deepEqual(packed.filter((f) => f.endsWith(".wasm")), [], "the wasm is inlined in the bundles only");
  assert.deepEqual(packed.filter((f) => f.endsWith(".global.js")), ["ave-embed.global.js"]);
  assert.deepEqual(packed.filter((f) => !f.startsWith("testing/")).sort(),
    ["LICENSE", "LICENSE-APACHE", "LICENSE-MIT", "README.md", "ave-embed.global.js", "global.d.ts", "index.d.ts", "index.js", "integrity.json", "package.json", "react.d.ts", "react.js"]);
});

test("ave-embed-wasm/testing: in the exports map with its types, in the packed files with its page scripts, the same bytes as kit/; it imports no package", async () => {
  const pkg = JSON.parse(readFileSync(dist + "package.json", "utf8"));
  assert.deepEqual(pkg.exports["./testing"], { types: "./testing/index.d.ts", import: "./testing/index.mjs" });
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: dist });
  const packed = JSON.parse(stdout)[0].files.map((f) => f.path);
  const kit = ["index.mjs", "index.d.ts", "mock-issuer.mjs", "http.mjs", "user.mjs", "fedcm.mjs", "README.md",
    ...["static", "mock-issuer"].flatMap((dir) => readdirSync(new URL(`../../kit/${dir}/`, import.meta.url)).map((f) => `${dir}/${f}`))];
  for (const f of kit) {
    assert.ok(packed.includes(`testing/${f}`), `testing/${f} is packed`);
    assert.ok(readFileSync(new URL(`../../kit/${f}`, import.meta.url)).equals(readFileSync(`${dist}testing/${f}`)), `testing/${f} shipped as written`);
  }
  // Node's standard library only, at run time.
  for (const f of kit.filter((f) => f.endsWith(".mjs"))) {
    const imports = [...readFileSync(`${dist}testing/${f}`, "utf8").matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    for (const spec of imports) assert.ok(spec.startsWith("node:") || spec.startsWith("./") || spec.startsWith("../"), `${f} imports ${spec}`);
  }
});

test("ave-embed-wasm/react: in the exports map with its types, packed, the same bytes as pkg-template/; imports only react and ./index.js; react an optional peer", async () => {
  const pkg = JSON.parse(readFileSync(dist + "package.json", "utf8"));
  assert.deepEqual(pkg.exports["./react"], { types: "./react.d.ts", import: "./react.js", default: "./react.js" });
  assert.deepEqual(pkg.peerDependencies, { react: ">=18" });
  assert.deepEqual(pkg.peerDependenciesMeta, { react: { optional: true } });
  assert.equal(pkg.dependencies, undefined, "no runtime dependency");
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: dist });
  const packed = JSON.parse(stdout)[0].files.map((f) => f.path);
  for (const f of ["react.js", "react.d.ts"]) {
    assert.ok(packed.includes(f), `${f} is packed`);
    assert.ok(readFileSync(new URL(`../../pkg-template/${f}`, import.meta.url)).equals(readFileSync(dist + f)), `${f} shipped as written`);
  }
  const imports = (f) => [...readFileSync(dist + f, "utf8").matchAll(/^(?:import|export)\b[^;]*?"([^"]+)";/gm)].map((m) => m[1]);
  assert.deepEqual(imports("react.js"), ["react", "./index.js"], "one SDK instance: the main entry's");
  assert.deepEqual(imports("react.d.ts"), ["./index.js"], "types reused from index.d.ts; no @types/react needed");
  const js = readFileSync(dist + "react.js", "utf8");
  const dts = readFileSync(dist + "react.d.ts", "utf8");
  for (const name of ["useConnectorAuth", "useAveRuntime"]) {
    assert.match(js, new RegExp(`^export function ${name}\\(`, "m"), name);
    assert.match(dts, new RegExp(`^export function ${name}\\(`, "m"), name);
  }
});

test("SSR: importing in Node touches no DOM and throws nothing; calling says it needs a browser", async () => {
  assert.equal(typeof globalThis.window, "undefined");
  const mod = await import(dist + "index.js");
  assert.deepEqual(Object.keys(mod).sort(), [...EXPORTS].sort());
  assert.throws(() => mod.openAveConnectorSheet({}), /needs a browser/);
  await assert.rejects(mod.openAveSheet({}), /needs a browser/);
});

test("ten exports with 0.6.0's sync/async shapes: sync ones throw, async ones reject, with a TypeError", async () => {
  const { page, context } = await openPage(env);
  const shapes = await page.evaluate(async (names) => {
    const out = {};
    for (const n of names) {
      try {
        const r = Ave[n]({});
        out[n] = r instanceof Promise ? `rejects ${await r.then(() => "nothing", (e) => e.constructor.name)}` : typeof r;
      } catch (e) {
        out[n] = `throws ${e.constructor.name}`;
      }
    }
    return out;
  }, FUNCTIONS);
  for (const n of ["mountAveEmbed", "openAveSheet", "openAvePopup", "startAveAuth"]) assert.equal(shapes[n], "rejects TypeError", n);
  for (const n of FUNCTIONS.filter((n) => !n.startsWith("mount") && !["openAveSheet", "openAvePopup", "startAveAuth"].includes(n))) {
    assert.equal(shapes[n], "throws TypeError", n);
  }
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("bad options → TypeError naming the function and the option; no DOM left behind", async () => {
  const { page, context } = await openPage(env);
  const results = await page.evaluate(() => {
    const good = () => connectorOptions("bad-options");
    const cases = [
      ["options", null],
      ["options", "string"],
      ["clientId", { ...good(), clientId: undefined }],
      ["clientId", { ...good(), clientId: 42 }],
      ["clientId", { ...good(), clientId: "" }],
      ["redirectUri", { ...good(), redirectUri: "javascript:alert(1)" }],
      ["redirectUri", { ...good(), redirectUri: "http://evil.example/cb" }],
      ["redirectUri", { ...good(), redirectUri: "/relative" }],
      ["resource", { ...good(), resource: null }],
      ["resource", { ...good(), resource: {} }],
      ["scope", { ...good(), scope: 7 }],
      ["mode", { ...good(), mode: "silent" }],
      ["issuer", { ...good(), issuer: "http://aveid.net" }],
      ["issuer", { ...good(), issuer: "https://aveid.net/?x=1" }],
      ["state", { ...good(), state: [] }],
      ["timeoutMs", { ...good(), timeoutMs: -1 }],
      ["timeoutMs", { ...good(), timeoutMs: "100" }],
      ["onSuccess", { ...good(), onSuccess: "alert(1)" }],
      ["onError", { ...good(), onError: {} }],
      ["onClose", { ...good(), onClose: 1 }],
    ];
    const out = [];
    for (const fn of ["openAveConnectorSheet", "openAveConnectorPopup"]) {
      for (const [option, value] of cases) {
        try {
          Ave[fn](value);
          out.push([fn, option, "no error"]);
        } catch (e) {
          out.push([fn, option, e instanceof TypeError, e.message]);
        }
      }
    }
    return out;
  });
  for (const [fn, option, isTypeError, message] of results) {
    assert.equal(isTypeError, true, `${fn} ${option}: ${message}`);
    assert.ok(message.startsWith(`${fn}: option \`${option}\``), `${fn} ${option}: ${message}`);
  }
  assert.equal(await sdkNodes(page), 0);
  assert.deepEqual(await page.evaluate(() => window.calls), []);
  await context.close();
});

// The idle warm-up (pkg-template/index.js `warmUp`): before the page's first
// call, one connector sheet is opened and closed in an inert document.
// bench.html imports nothing, so the watch (pages/warm-up-watch.js) is in
// place before the package is imported. `requests` logs every request of
// the page and its frames from then on.
async function importAndIdle(page, { openAt, requests = [] } = {}) {
  await page.evaluate(() => import("/e2e/warm-up-watch.js").then(() => true));
  page.on("request", (r) => requests.push(r.url()));
  await page.evaluate(async (openAt) => {
    const { watchWarmUp } = await import("/e2e/warm-up-watch.js");
    window.calls = [];
    const record = (name) => (...args) => window.calls.push([name, ...args]);
    const openFirst = (Ave) => {
      window.userSheet = Ave.openAveConnectorSheet({
        clientId: "first-call", redirectUri: `${location.origin}/cb`, resource: "r", issuer: config.issuerOrigin,
        onSuccess: record("onSuccess"), onError: record("onError"), onClose: record("onClose"),
      });
    };
    const { Ave, pageMutations, inert } = await watchWarmUp({
      atReady: openAt === "ready" ? openFirst : undefined,
      afterFirstStep: openAt === "firstStep" ? openFirst : undefined,
    });
    Object.assign(window, { Ave, __pageMutations: pageMutations, __inert: inert });
  }, openAt);
}

test("the idle warm-up opens and closes a sheet in an inert document: nothing reaches the page (no node, mutation, request, callback or error)", async () => {
  const { page, context, problems } = await openPage(env, "/e2e/bench.html");
  const requests = [];
  await importAndIdle(page, { requests });
  assert.deepEqual(await page.evaluate(() => window.__pageMutations), []);
  assert.equal(await sdkNodes(page), 0);
  assert.deepEqual(requests.filter((u) => !u.endsWith("/pkg/index.js")), [], "no request from any frame");
  assert.deepEqual(await page.evaluate(() => window.calls), []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  const inert = await page.evaluate(() => window.__inert.map(({ doc, added, removed }) => ({
    added, closed: removed.includes("sheet"), left: doc.body.childNodes.length, bodyStyle: doc.body.getAttribute("style") ?? "", rootStyle: doc.documentElement.getAttribute("style") ?? "",
  })));
  assert.deepEqual(inert, [{ added: ["sheet"], closed: true, left: 0, bodyStyle: "", rootStyle: "" }], "one sheet, opened and closed, its scroll lock released");
  // The page's own first sheet then opens as always, in the page.
  const opened = await page.evaluate(() => {
    const h = Ave.openAveConnectorSheet({ clientId: "after", redirectUri: `${location.origin}/cb`, resource: "r", issuer: config.issuerOrigin });
    const shown = document.querySelector('[data-ave-embed="sheet"] iframe')?.src.startsWith(config.issuerOrigin);
    h.close();
    return shown;
  });
  assert.equal(opened, true);
  await context.close();
});

test("the idle warm-up leaves a page that called first alone: its sheet, opened at the ready mark, stays open and is not closed by it", async () => {
  const { page, context, problems } = await openPage(env, "/e2e/bench.html");
  await importAndIdle(page, { openAt: "ready" });
  assert.deepEqual(await page.evaluate(() => window.__inert.length), 0, "no warm-up");
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-ave-embed="sheet"]').length), 1);
  assert.deepEqual(await page.evaluate(() => window.calls), []);
  await page.evaluate(() => window.userSheet.close());
  assert.deepEqual(await page.evaluate(() => window.calls), [["onClose"]]);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("the idle warm-up runs in steps and stops at the page's first call: a sheet opened after its first step opens in the page, and no warm-up sheet is ever opened", async () => {
  const { page, context, problems } = await openPage(env, "/e2e/bench.html");
  await importAndIdle(page, { openAt: "firstStep" });
  const inert = await page.evaluate(() => window.__inert.map(({ added }) => added));
  assert.deepEqual(inert, [[]], "the first step's inert document, no sheet opened in it");
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-ave-embed="sheet"]').length), 1);
  assert.equal(await page.evaluate(() => performance.getEntriesByName("ave-embed-wasm:warm").length), 0, "the warm-up did not finish");
  await page.evaluate(() => window.userSheet.close());
  assert.deepEqual(await page.evaluate(() => window.calls), [["onClose"]]);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("CDN: the file and its sha384 integrity; README's tag (a versioned URL) has the real hash; from another origin the browser runs it, and refuses a wrong hash", async () => {
  const pkg = JSON.parse(readFileSync(dist + "package.json", "utf8"));
  const integrity = JSON.parse(readFileSync(dist + "integrity.json", "utf8"));
  const file = "ave-embed.global.js";
  assert.deepEqual(Object.keys(integrity), [file]);
  const bytes = readFileSync(dist + file);
  const hash = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  assert.equal(integrity[file], hash);
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const tag = `<script src="https://cdn.jsdelivr.net/npm/ave-embed-wasm@${pkg.version}/${file}" integrity="${hash}" crossorigin="anonymous"></script>`;
  assert.ok(readme.includes(tag), `README "From a CDN" must show the tag of this build:\n${tag}`);

  const wrong = `sha384-${createHash("sha384").update("something else").digest("base64")}`;
  for (const [value, expected] of [[hash, "loaded"], [wrong, "refused"]]) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const query = new URLSearchParams({ src: `${env.thirdOrigin}/cdn/${file}`, integrity: value });
    await page.goto(`${env.appOrigin}/e2e/cdn-sri.html?${query}`);
    assert.equal(await waitFor(page, () => window.__result), expected, value === hash ? "the real hash" : "a wrong hash");
    if (expected === "loaded") {
      assert.deepEqual(await page.evaluate(() => Object.keys(AveEmbed).sort()), [...EXPORTS].sort());
    }
    await context.close();
  }
});

test("CDN build: examples/cdn.html (script tag only) has AveEmbed with the ten functions and runs a connector sheet", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(env.appOrigin + "/cdn.html");
  await page.waitForSelector("body[data-ready=true]");
  assert.deepEqual(await page.evaluate(() => Object.keys(AveEmbed).sort()), [...EXPORTS].sort());
  assert.equal(await page.evaluate(() => document.querySelectorAll('script[type="module"]').length), 0, "no module script");
  await page.click("#connect");
  await clickToEnd(await sheetConsent(page), "#approve");
  await page.waitForFunction(() => document.getElementById("result").textContent.includes("code="));
  const url = new URL(await page.$eval("#result", (o) => o.textContent));
  assert.equal(url.pathname, "/connector/callback");
  assert.deepEqual(errors, []);
  await context.close();
});

test("demo page: sheet → approve shows the redirect URL with code and state; background falls back to the sheet; runtime streams an answer", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(env.appOrigin + "/");
  await page.click("#reset");
  await page.waitForSelector("#log li");
  // background before any approval → interaction_required → the sheet opens
  await page.click("#connect-background");
  await clickToEnd(await sheetConsent(page), "#approve");
  await page.waitForSelector('#redirect-params [data-param="code"]');
  const log = await page.$$eval("#log li", (lis) => lis.map((li) => li.textContent));
  assert.ok(log.some((l) => l.includes("background onError") && l.includes("interaction_required")), log.join("\n"));
  // now background succeeds silently
  await page.click("#connect-background");
  await page.waitForFunction(() => [...document.querySelectorAll("#log li")].some((li) => li.textContent.startsWith("background onSuccess")));
  assert.equal(await sdkNodes(page), 0);
  // sheet button: the redirect URL shows code and the state that was sent
  await page.click("#connect-sheet");
  const frame = await sheetConsent(page);
  const sentState = new URL(frame.url()).searchParams.get("state");
  await clickToEnd(frame, "#approve");
  await page.waitForFunction((s) => document.querySelector('#redirect-params [data-param="state"]')?.textContent === s, sentState);
  const url = new URL(await page.$eval("#redirect-url", (o) => o.textContent));
  assert.equal(url.pathname, "/connector/callback");
  assert.ok(url.searchParams.get("code"));
  // AI inference runtime: the streamed answer appears.
  await page.fill("#prompt", "hello");
  await page.click("#ask");
  await page.waitForFunction(() => [...document.querySelectorAll("#log li")].some((li) => li.textContent.startsWith("runtime complete")));
  assert.match(await page.$eval("#answer", (p) => p.textContent), /^Mock answer to "hello"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("demo page, aveid.net profile with third-party storage blocked: the sign-in sheet completes through the issuer iframe's own popup; the runtime streams token … done", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(env.appOrigin + "/");
  await page.check("#profile-live");
  await page.check("#storage-blocked");
  await page.waitForFunction(() => document.getElementById("mock-status").textContent.includes("aveid.net profile, storage blocked"));
  await page.click("#signin-sheet");
  const frame = await sheetFrame(page, "#storage-access");
  const [popup] = await Promise.all([context.waitForEvent("page"), frame.click("#storage-access")]);
  await popup.waitForLoadState();
  await clickToEnd(popup, "#continue");
  await page.waitForFunction(() => [...document.querySelectorAll("#log li")].some((li) => li.textContent.startsWith("signin sheet on")));
  const log = await page.$$eval("#log li", (lis) => lis.map((li) => li.textContent));
  assert.ok(log.some((l) => /^signin sheet on(Success|Tokens)/.test(l)), log.join("\n"));
  assert.equal(await sdkNodes(page), 0);
  await page.fill("#prompt", "hello");
  await page.click("#ask");
  await page.waitForFunction(() => [...document.querySelectorAll("#log li")].some((li) => li.textContent.startsWith("runtime complete")));
  assert.ok((await page.$eval("#answer", (p) => p.textContent)).length > 0);
  await page.uncheck("#profile-live"); // the demo's switches live in the mock until reset
  assert.deepEqual(errors, []);
  await context.close();
});
