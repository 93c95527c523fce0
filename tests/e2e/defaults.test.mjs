// createAve (docs/api: "One place for defaults"): an app's issuer, clientId
// and redirectUri under every call's options, against the mock issuer on
// another origin; a call's own option wins; the package's exports and calls
// made from inside a call keep no defaults; bad defaults throw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEnvironment, openPage, newClientId, waitFor, sheetConsent, clickToEnd, sdkNodes } from "./harness.mjs";

const env = useEnvironment();
const frameSrc = (page) => page.$eval("iframe", (f) => f.src);
// In the page: the error a call throws, as "Name: message" ("no error" when none).
const THROWN = `window.thrown = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return \`\${e.name}: \${e.message}\`;
  }
};`;

test("every default under a connector call: the sheet opens at the default issuer with the default client and redirect, and completes", async () => {
  const { page, context, problems } = await openPage(env);
  const clientId = newClientId("defaults");
  await page.evaluate((clientId) => {
    const ave = Ave.createAve({ issuer: config.issuerOrigin, clientId, redirectUri: `${location.origin}/connector/callback` });
    window.handle = ave.openAveConnectorSheet({
      resource: "calendar:google",
      onSuccess: (p) => window.calls.push(["onSuccess", p]),
      onError: (p) => window.calls.push(["onError", p]),
    });
  }, clientId);
  const frame = await sheetConsent(page);
  const src = new URL(await frameSrc(page));
  assert.equal(src.origin, env.issuerOrigin);
  assert.equal(src.searchParams.get("client_id"), clientId);
  assert.equal(src.searchParams.get("redirect_uri"), `${env.appOrigin}/connector/callback`);
  await clickToEnd(frame, "#approve");
  const [[name, payload], ...rest] = await waitFor(page, () => window.calls.length && window.calls);
  assert.equal(name, "onSuccess");
  assert.equal(rest.length, 0);
  assert.equal(new URL(payload.redirectUrl).pathname, "/connector/callback");
  assert.equal(await sdkNodes(page), 0);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("a call's own option wins over the default; an option left out or null takes it", async () => {
  const { page, context } = await openPage(env);
  const srcs = await page.evaluate(() => {
    const ave = Ave.createAve({ issuer: "https://aveid.net", clientId: "from-defaults", redirectUri: `${location.origin}/a` });
    const src = (options) => {
      const h = ave.openAveConnectorSheet({ resource: "r", ...options });
      const s = h.iframe.src;
      h.close();
      return s;
    };
    return [
      src({ issuer: config.issuerOrigin, clientId: "own", redirectUri: `${location.origin}/b` }),
      src({ clientId: null, redirectUri: undefined }),
    ];
  });
  const own = new URL(srcs[0]);
  assert.equal(own.origin, env.issuerOrigin);
  assert.equal(own.searchParams.get("client_id"), "own");
  assert.equal(own.searchParams.get("redirect_uri"), `${env.appOrigin}/b`);
  const defaulted = new URL(srcs[1]);
  assert.equal(defaulted.origin, "https://aveid.net");
  assert.equal(defaulted.searchParams.get("client_id"), "from-defaults");
  assert.equal(defaulted.searchParams.get("redirect_uri"), `${env.appOrigin}/a`);
  await context.close();
});

test("the defaults reach every kind of function: sign-in sheet, runtime, signing", async () => {
  const { page, context } = await openPage(env);
  const srcs = await page.evaluate(async () => {
    const ave = Ave.createAve({ issuer: config.issuerOrigin, clientId: "signin-defaults", redirectUri: `${location.origin}/callback` });
    const out = [];
    const sheet = await ave.openAveSheet({});
    out.push(sheet.iframe.src);
    sheet.close();
    const runtime = ave.openAveConnectorRuntime({ delegatedToken: "t", target: "iris", targetOrigin: "https://irischat.app" });
    out.push(runtime.iframe.src);
    runtime.destroy();
    const signing = ave.openAveSigningSheet({ requestId: "req-1" });
    out.push(signing.iframe.src);
    signing.close();
    return out;
  });
  const [signIn, runtime, signing] = srcs.map((s) => new URL(s));
  assert.equal(signIn.origin, env.issuerOrigin);
  assert.equal(signIn.searchParams.get("client_id"), "signin-defaults");
  assert.equal(signIn.searchParams.get("redirect_uri"), `${env.appOrigin}/callback`);
  assert.equal(runtime.origin, env.issuerOrigin);
  assert.equal(signing.origin, env.issuerOrigin);
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("no default leaks: the package's exports keep none, and a call made from inside a defaulted call (an app's getter) gets none", async () => {
  const { page, context } = await openPage(env);
  await page.evaluate(THROWN);
  const out = await page.evaluate(() => {
    const ave = Ave.createAve({ issuer: config.issuerOrigin, clientId: "c", redirectUri: `${location.origin}/cb` });
    const message = window.thrown;
    const plain = message(() => Ave.openAveConnectorSheet({ resource: "r" }));
    let nested;
    const outer = ave.openAveConnectorSheet({
      get resource() {
        nested ??= message(() => Ave.openAveConnectorSheet({ resource: "r" }));
        return "r";
      },
    });
    outer.close();
    const after = message(() => Ave.openAveConnectorSheet({ resource: "r" }));
    return { plain, nested, after };
  });
  for (const [when, m] of Object.entries(out)) {
    assert.match(m, /^TypeError: .*openAveConnectorSheet.*clientId/, when);
  }
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});

test("bad defaults: createAve throws for an unknown key or a non-string; a bad URL is the call's TypeError", async () => {
  const { page, context } = await openPage(env);
  await page.evaluate(THROWN);
  const out = await page.evaluate(() => {
    const message = window.thrown;
    return {
      unknown: message(() => Ave.createAve({ redirectURI: "https://a.example/cb" })),
      number: message(() => Ave.createAve({ clientId: 42 })),
      empty: message(() => Ave.createAve({ issuer: "" })),
      notObject: message(() => Ave.createAve("https://aveid.net")),
      badUrl: message(() => Ave.createAve({ clientId: "c", redirectUri: "javascript:alert(1)" }).openAveConnectorSheet({ resource: "r" })),
      frozen: Object.isFrozen(Ave.createAve({})),
    };
  });
  assert.match(out.unknown, /^TypeError: createAve: unknown default `redirectURI`/);
  assert.match(out.number, /^TypeError: createAve: option `clientId` must be a non-empty string/);
  assert.match(out.empty, /^TypeError: createAve: option `issuer` must be a non-empty string/);
  assert.match(out.notObject, /^TypeError: createAve: option `defaults` must be an object/);
  assert.match(out.badUrl, /^TypeError: .*openAveConnectorSheet.*redirectUri/);
  assert.equal(out.frozen, true);
  assert.equal(await sdkNodes(page), 0);
  await context.close();
});
