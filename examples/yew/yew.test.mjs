// examples/yew end to end: a Yew 0.23 component that uses ave-embed-wasm
// as a Rust crate, built by cargo and the wasm-bindgen CLI (make build-yew),
// in Chromium against the mock issuer on another origin
// (tests/e2e/harness.mjs). Run by `make examples`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, sleep, sheetConsent, clickToEnd, sdkNodes } from "../../tests/e2e/harness.mjs";

const env = useEnvironment();

const open = async (clientId = newClientId("yew")) => {
  const opened = await openPage(env, `/yew/?client=${encodeURIComponent(clientId)}`);
  await opened.page.waitForSelector("#connect");
  return { ...opened, clientId };
};
const text = (page, id) => page.$eval(`#${id}`, (el) => el.textContent);

test("Connect → the sheet → approve: the component shows the checked redirect, on_success once", async () => {
  const { page, context, problems, clientId } = await open();
  assert.equal(await text(page, "connect-successes"), "0");
  await page.click("#connect");
  const frame = await sheetConsent(page);
  assert.equal(await page.$eval("#connect", (b) => b.disabled), true, "the button is disabled while the sheet is open");
  assert.equal(await text(page, "connect-result"), "open");
  const src = new URL(frame.url());
  assert.equal(src.origin + src.pathname, `${env.issuerOrigin}/connect`);
  assert.equal(src.searchParams.get("client_id"), clientId);
  assert.equal(src.searchParams.get("resource"), "calendar:google");
  const state = src.searchParams.get("state");
  await clickToEnd(frame, "#approve");
  await waitFor(page, () => document.getElementById("connect-successes").textContent !== "0");
  await sleep(300);
  assert.equal(await text(page, "connect-successes"), "1", "on_success exactly once");
  const redirect = new URL((await text(page, "connect-result")).replace(/^success /, ""));
  assert.equal(redirect.origin + redirect.pathname, `${env.appOrigin}/connector/callback`);
  assert.equal(redirect.searchParams.get("state"), state);
  const [code] = env.issuer.codes({ clientId, kind: "connector" });
  assert.equal(redirect.searchParams.get("code"), code.code);
  assert.equal(await page.$eval("#connect", (b) => b.disabled), false);
  assert.equal(await sdkNodes(page), 0, "the sheet is gone");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test("deny → the component shows the issuer's error; the sheet's close button → closed", async () => {
  const { page, context, problems } = await open();
  await page.click("#connect");
  await clickToEnd(await sheetConsent(page), "#deny");
  await waitFor(page, () => document.getElementById("connect-result").textContent.startsWith("error"));
  assert.equal(await text(page, "connect-result"), "error access_denied");
  await page.click("#connect");
  await sheetConsent(page);
  await page.click('[data-ave-embed="sheet"] button[aria-label="Close"]');
  await waitFor(page, () => document.getElementById("connect-result").textContent === "closed");
  assert.equal(await text(page, "connect-successes"), "0");
  assert.equal(await sdkNodes(page), 0);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("removing the component while its sheet is open closes the sheet", async () => {
  const { page, context, problems } = await open();
  await page.click("#connect");
  await sheetConsent(page);
  assert.ok((await sdkNodes(page)) > 0);
  // The sheet is modal: the app removes the component (as a route change would).
  await page.evaluate(() => document.getElementById("toggle").click());
  await waitFor(page, () => !document.getElementById("connect"));
  await waitFor(page, () => document.querySelectorAll("[data-ave-embed], iframe").length === 0);
  await sleep(100);
  assert.deepEqual(problems.pageErrors, [], "no error from the flow's callbacks after unmount");
  await page.evaluate(() => document.getElementById("toggle").click());
  await page.waitForSelector("#connect");
  assert.equal(await text(page, "connect-result"), "", "a fresh component");
  await context.close();
});
