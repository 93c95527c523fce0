// Secrets (docs/security.md#secrets): across flows and error paths, the delegated token, the
// PKCE verifier, authorization codes exchanged by the SDK and the tokens
// never appear in the DOM, in any URL the page loads, on the console, or in
// an error message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, mockConfig, sheetFrame, clickToEnd } from "./harness.mjs";

const env = useEnvironment();

/** Records every URL the context requests, and the token endpoint's request bodies. */
function watchNetwork(context) {
  const seen = { urls: [], tokenBodies: [] };
  context.on("request", (r) => {
    seen.urls.push(r.url());
    if (r.url().endsWith("/api/oauth/token") && r.method() === "POST") seen.tokenBodies.push(JSON.parse(r.postData()));
  });
  return seen;
}

async function assertNowhere(page, problems, seen, secrets, errorPayloads, label) {
  const dom = await page.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll("iframe")].map((f) => f.src).join(" "));
  for (const [name, secret] of Object.entries(secrets)) {
    assert.ok(secret && secret.length >= 8, `${label}: ${name} captured`);
    assert.ok(!dom.includes(secret), `${label}: ${name} in the DOM`);
    assert.ok(!seen.urls.some((u) => u.includes(secret) || u.includes(encodeURIComponent(secret))), `${label}: ${name} in a URL`);
    assert.ok(!problems.consoleText.some((t) => t.includes(secret)), `${label}: ${name} on the console`);
    assert.ok(!JSON.stringify(errorPayloads).includes(secret), `${label}: ${name} in an error`);
  }
}

test("sign-in with onTokens: verifier, code and tokens stay out of DOM, URLs, console; also on the error paths", async () => {
  for (const [label, switches] of [["success", {}], ["nonce mismatch", { tamperNonce: 1 }], ["token endpoint 500", { tokenStatus: 500 }]]) {
    const { page, context, problems } = await openPage(env);
    const seen = watchNetwork(context);
    const clientId = newClientId();
    await mockConfig(env, clientId, switches);
    await page.evaluate((id) => Ave.openAveSheet(signinOptions(id, { onTokens: recordTokens })), clientId);
    await clickToEnd(await sheetFrame(page, "#continue"), "#continue");
    const calls = await waitFor(page, () => window.calls.length && window.calls);
    const [body] = seen.tokenBodies;
    const secrets = { verifier: body.codeVerifier, code: body.code };
    if (calls[0][0] === "onTokens") Object.assign(secrets, { access_token: calls[0][1].access_token, id_token: calls[0][1].id_token });
    else assert.equal(calls[0][0], "onError", label);
    const errors = calls.filter((c) => c[0] === "onError").map((c) => c[1]);
    await assertNowhere(page, problems, seen, secrets, errors, label);
    await context.close();
  }
});

test("runtime: the delegated token stays out of DOM, URLs, console and errors (ready timeout, bad options, destroy)", async () => {
  const { page, context, problems } = await openPage(env);
  const seen = watchNetwork(context);
  const result = await page.evaluate(async (appOrigin) => {
    const errors = [];
    const rt = Ave.openAveConnectorRuntime(runtimeOptions({ issuer: appOrigin, timeoutMs: 200, onError: (e) => errors.push(e) }));
    for (const bad of [{ targetOrigin: "*" }, { target: "a b" }, { container: "x" }]) {
      try { Ave.openAveConnectorRuntime(runtimeOptions(bad)); } catch (e) { errors.push({ message: e.message }); }
    }
    await new Promise((r) => setTimeout(r, 400));
    rt.destroy();
    try { rt.send({ op: "echo" }); } catch (e) { errors.push({ message: e.message }); }
    return { errors, token: TOKEN };
  }, env.appOrigin);
  assert.ok(result.errors.some((e) => e.error === "timeout"));
  assert.equal(result.errors.length, 5);
  await assertNowhere(page, problems, seen, { token: result.token }, result.errors, "runtime");
  await context.close();
});
