// "Drop-in in real apps": the seed's React examples (useConnectorAuth /
// CalendarConnect, useAveRuntime / AIChat) in examples/react, importing
// "@ave-id/embed" (npm alias to dist/npm), built in production mode by Vite,
// esbuild and webpack 5 with no wasm-specific configuration, rendered in
// <React.StrictMode> and served under the strict CSP at /react/<bundler>/.
//
// Needs the builds: `make package`, then in examples/react `npm ci && node build.mjs`.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { useEnvironment, waitFor, sheetConsent, listenerCounts, clickToEnd } from "./harness.mjs";

const env = useEnvironment();
const exampleDir = fileURLToPath(new URL("../../examples/react/", import.meta.url));
const BUNDLERS = ["vite", "esbuild", "webpack"];
const SSR_BUNDLES = {
  vite: "dist/ssr-vite/entry.js",
  esbuild: "dist/ssr-esbuild/entry.mjs",
  webpack: "dist/ssr-webpack/entry.cjs",
};
const EXPORTS = [
  "mountAveEmbed", "openAveSheet", "openAvePopup", "startAveAuth",
  "openAveConnectorSheet", "openAveConnectorPopup", "openAveConnectorRuntime",
  "openIrisDelegatedRuntime", "openAveSigningSheet", "openAveSigningPopup", "createAve",
];
const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

before(() => {
  const missing = [
    ...BUNDLERS.map((b) => `dist/${b}/index.html`),
    ...Object.values(SSR_BUNDLES),
  ].filter((f) => !existsSync(exampleDir + f));
  if (missing.length) {
    throw new Error(`examples/react is not built (missing ${missing.join(", ")}): run \`make package\`, then \`npm ci && node build.mjs\` in examples/react`);
  }
});

/** Opens /react/<bundler>/ in a new context and waits for the first render. */
async function openApp(bundler, context) {
  context ??= await env.browser.newContext();
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = { pageErrors: [], consoleErrors: [] };
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.consoleErrors.push(m.text()));
  const res = await page.goto(`${env.appOrigin}/react/${bundler}/`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()["content-security-policy"], STRICT_CSP);
  await page.waitForSelector("#calendar button");
  return { page, context, problems };
}

const calendarButton = (page) =>
  page.$eval("#calendar button", (b) => ({ text: b.textContent, disabled: b.disabled }));

for (const bundler of BUNDLERS) {
  test(`${bundler}: CalendarConnect opens one sheet and its onSuccess navigates; AIChat's runtime frame dies with it`, async () => {
    const { page, context, problems } = await openApp(bundler);
    assert.equal(await page.textContent("#bundler"), { vite: "Vite", esbuild: "esbuild", webpack: "webpack 5" }[bundler]);

    // --- useConnectorAuth / CalendarConnect
    assert.deepEqual(await calendarButton(page), { text: "Connect Google Calendar", disabled: false });
    await page.click("#calendar button");
    assert.deepEqual(await calendarButton(page), { text: "Authorizing...", disabled: true });
    const frame = await sheetConsent(page);
    assert.equal(await page.locator('[role="dialog"]').count(), 1, "exactly one sheet, StrictMode or not");
    assert.equal(await page.locator('[data-ave-embed="sheet"]').count(), 1);
    const src = new URL(await page.$eval('[data-ave-embed="sheet"] iframe', (f) => f.src));
    assert.equal(src.origin + src.pathname, `${env.issuerOrigin}/connect`);
    assert.equal(src.searchParams.get("client_id"), "react-demo", "process.env.REACT_APP_AVE_CLIENT_ID defined by the bundler");
    assert.equal(src.searchParams.get("resource"), "calendar:google");
    assert.equal(src.searchParams.get("scope"), "calendar.read calendar.write");
    await clickToEnd(frame, "#approve");
    await page.waitForURL((u) => u.pathname === "/connector/callback");
    const landed = new URL(page.url());
    assert.equal(landed.origin, env.appOrigin);
    assert.deepEqual([...landed.searchParams.keys()], ["code", "state"]);
    assert.match(landed.searchParams.get("code"), /^[\w-]{16,}$/);
    assert.equal(landed.searchParams.get("state"), src.searchParams.get("state"));
    assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });

    // --- useAveRuntime / AIChat: mount, send, unmount
    const app = await openApp(bundler, context);
    assert.equal(await app.page.locator("iframe").count(), 0);
    const before = await listenerCounts(app.page);
    await app.page.click("#toggle-chat");
    await app.page.waitForSelector("#chat > div > button");
    assert.equal(await app.page.textContent("#chat > div > button"), "Send");
    assert.equal(await app.page.locator("iframe").count(), 1, "one runtime frame, StrictMode or not");
    const frameSrc = new URL(await app.page.$eval("iframe", (f) => f.src));
    assert.equal(frameSrc.origin + frameSrc.pathname, `${env.issuerOrigin}/connect/runtime`);
    assert.equal(frameSrc.searchParams.get("target"), "iris");
    await app.page.click("#chat > div > button");
    await waitFor(app.page, () => [...document.querySelectorAll("#chat > div > div")]
      .some((d) => JSON.parse(d.textContent).type === "complete"), undefined, 15000);
    const events = await app.page.$$eval("#chat > div > div", (ds) => ds.map((d) => JSON.parse(d.textContent)));
    const responses = events.filter((e) => e.type === "response");
    assert.ok(responses.length >= 1, "at least one response event rendered");
    assert.match(responses.map((e) => e.data).join(""), /^Mock answer to "Hello"/);
    assert.ok(events.every((e) => e.id === events[0].id), "one request id");
    assert.ok((await listenerCounts(app.page)).message > before.message, "listening while mounted");

    await app.page.click("#toggle-chat");
    await app.page.waitForSelector("#chat > div", { state: "detached" });
    await waitFor(app.page, () => document.querySelectorAll("iframe").length === 0);
    assert.equal(await app.page.locator("iframe, [data-ave-embed]").count(), 0, "no frame left after unmount");
    assert.equal((await listenerCounts(app.page)).message, before.message, "message listener removed on unmount");
    assert.deepEqual(app.problems, { pageErrors: [], consoleErrors: [] });
    await context.close();
  });
}

test("SSR: each bundler's server build of the package + the seed's hooks runs in plain Node", () => {
  for (const [bundler, file] of Object.entries(SSR_BUNDLES)) {
    const r = spawnSync(process.execPath, [file], { cwd: exampleDir, encoding: "utf8", timeout: 30000 });
    assert.equal(r.status, 0, `${bundler}: exit ${r.status}\n${r.stderr}`);
    assert.equal(r.stderr, "", `${bundler}: nothing on stderr`);
    assert.deepEqual(r.stdout.trim().split("\n"), [...EXPORTS].sort(), `${bundler}: the export names`);
  }
});
