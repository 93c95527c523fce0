// Signing requests: openAveSigningSheet / openAveSigningPopup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, waitFor, sleep, sdkNodes, sheetFrame, popupCloses } from "./harness.mjs";

const env = useEnvironment();

test("signing sheet: /sign?requestId&embed=1&parent_origin; Sign → onSigned, Deny → onDenied, Cancel → onClose", async () => {
  const { page, context } = await openPage(env);
  for (const [button, expected] of [["#sign", "onSigned"], ["#deny", "onDenied"], ["#cancel", "onClose"]]) {
    await page.evaluate(() => {
      window.calls = [];
      window.handle = Ave.openAveSigningSheet(signingOptions("req-42"));
    });
    const frame = await sheetFrame(page, button);
    const url = new URL(frame.url());
    assert.equal(`${url.origin}${url.pathname}?${url.searchParams}`, `${env.issuerOrigin}/sign?requestId=req-42&embed=1&parent_origin=${encodeURIComponent(env.appOrigin)}`);
    await frame.click(button);
    const result = await waitFor(page, () => window.calls.length && window.calls);
    assert.deepEqual(result.map((c) => c[0]), [expected], button);
    if (expected === "onSigned") assert.equal(result[0][1].requestId, "req-42");
    await page.evaluate(() => window.handle.close());
    await sleep(30);
    assert.equal((await page.evaluate(() => calls)).length, 1, `${button}: settled once`);
    assert.equal(await sdkNodes(page), 0);
  }
  await context.close();
});

test("signing popup from a click → onSigned, popup closed; blocked → onDenied popup_blocked and null", async () => {
  const { page, context } = await openPage(env);
  await page.evaluate(() => {
    window.onOpenerClick = () => { window.handle = Ave.openAveSigningPopup(signingOptions("req-7")); };
  });
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#opener")]);
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).pathname, "/sign");
  await popup.click("#sign");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.deepEqual(result.map((c) => c[0]), ["onSigned"]);
  assert.ok(await popupCloses(popup));

  const blocked = await page.evaluate(() => {
    window.calls = [];
    consumeActivation();
    return { handle: Ave.openAveSigningPopup(signingOptions("req-8")), calls };
  });
  assert.equal(blocked.handle, null);
  assert.deepEqual(blocked.calls.map((c) => [c[0], c[1]?.error]), [["onDenied", "popup_blocked"]]);
  await context.close();
});

test("forged ave:signed from a third origin or a second issuer-origin frame is ignored", async () => {
  const { page, context } = await openPage(env);
  await page.evaluate(() => { window.handle = Ave.openAveSigningSheet(signingOptions("req-9")); });
  const frame = await sheetFrame(page, "#sign");
  const forged = [{ type: "ave:signed", payload: { requestId: "req-9", signature: "forged" } }, { type: "ave:denied", payload: {} }];
  await page.evaluate(([o, m]) => forge(o, m), [env.thirdOrigin, forged]);
  await page.evaluate(([o, m]) => forge(o, m), [env.issuerOrigin, forged]);
  await sleep(50);
  assert.deepEqual(await page.evaluate(() => calls), []);
  await frame.click("#sign");
  const result = await waitFor(page, () => window.calls.length && window.calls);
  assert.notEqual(result[0][1].signature, "forged");
  await context.close();
});
