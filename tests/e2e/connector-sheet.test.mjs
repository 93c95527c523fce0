// Connector authorization in a sheet, against the mock issuer on another origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, mockConfig, sleep } from "./harness.mjs";

const env = useEnvironment();

/** The consent page inside the sheet's iframe. */
async function consentFrame(page) {
  const handle = await page.waitForSelector('[data-ave-embed="sheet"] iframe');
  const frame = await handle.contentFrame();
  await frame.waitForSelector("#approve", { state: "visible" });
  return frame;
}

test("approve in the sheet → onSuccess with code and the state that was sent; DOM clean", async () => {
  const { page, context, problems } = await openPage(env);
  const clientId = newClientId();
  await page.evaluate((id) => {
    window.handle = Ave.openAveConnectorSheet(connectorOptions(id, { state: "st-123" }));
  }, clientId);
  const frame = await consentFrame(page);
  const src = await page.$eval('[data-ave-embed="sheet"] iframe', (f) => f.src);
  const url = new URL(src);
  assert.equal(url.origin + url.pathname, `${env.issuerOrigin}/connect`);
  assert.deepEqual([...url.searchParams.keys()], ["client_id", "redirect_uri", "resource", "scope", "mode", "embed", "state"]);
  await frame.click("#approve");
  const calls = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], "onSuccess");
  const redirect = new URL(calls[0][1].redirectUrl);
  assert.equal(redirect.origin + redirect.pathname, `${env.appOrigin}/connector/callback`);
  assert.ok(redirect.searchParams.get("code"));
  assert.equal(redirect.searchParams.get("state"), "st-123");
  assert.equal(await page.$('[data-ave-embed]'), null, "sheet removed after success");
  // close() after success is a no-op: no onClose
  await page.evaluate(() => window.handle.close());
  await sleep(50);
  assert.equal(await page.evaluate(() => window.calls.length), 1);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
