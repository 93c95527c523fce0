// Bad-option matrix (docs/security.md#bad-options): every option of every export with wrong
// types and values → a TypeError naming the function and the option (thrown
// by sync functions, a rejected Promise from async ones), no DOM left behind
// and no callback fired. The README's table is generated from this matrix:
// the test fails when it is stale; `UPDATE_DOCS=1` rewrites it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { useEnvironment, openPage, sdkNodes } from "./harness.mjs";

const env = useEnvironment();
const README = fileURLToPath(new URL("../../README.md", import.meta.url));

// Wrong values per kind of option, as JavaScript source (evaluated in the page).
const WRONG = {
  required: ["undefined", "null", "42", "{}", '""', "[]", '"x".repeat(16385)'],
  string: ["42", "{}", '""', "true", '"x".repeat(16385)'],
  url: ["undefined", '"javascript:alert(1)"', '"http://evil.example/cb"', '"ftp://aveid.net"', '"*"', '"/relative"', '"https://a.example/" + "x".repeat(16384)'],
  optionalUrl: ['"javascript:alert(1)"', '"http://evil.example"', '"https://aveid.net/?q=1"', "42"],
  origin: ['"*"', '"https://irischat.app/path"', '"http://irischat.app"', '"https://*.irischat.app"', "42"],
  mode: ['"silent"', "42"],
  method: ['"MD5"', "42"],
  callback: ['"alert(1)"', "42", "{}"],
  container: ['"#inline"', "42", "{}", "new Proxy(document.getElementById('inline'), {})", "new DOMParser().parseFromString('<p>', 'text/html').body"],
  requiredContainer: ["undefined", '"#inline"', "42", "{}", "new Proxy(document.getElementById('inline'), {})", "new DOMParser().parseFromString('<p>', 'text/html').body"],
  timeout: ["-1", "0", '"100"', "NaN", "Infinity"],
  pixels: ['"wide"', "-1", "0"],
  css: ['"1px;color:red"', "{}", "-5"],
  identifier: ['"a b"', '"x".repeat(65)', "42"],
  params: ["42", "{ n: 1 }", '{ redirect_uri: "https://evil.example" }', '{ a: "x".repeat(16384) }'],
  flag: ['"yes"', "1", "{}"],
};

const CONNECTOR = {
  clientId: "required", redirectUri: "url", resource: "required", scope: "string", mode: "mode",
  issuer: "optionalUrl", state: "string", timeoutMs: "timeout", onSuccess: "callback", onError: "callback", onClose: "callback",
};
const SIGN_IN = {
  clientId: "required", redirectUri: "url", scope: "string", theme: "string", issuer: "optionalUrl",
  extraParams: "params", codeChallenge: "string", codeChallengeMethod: "method",
  onTokens: "callback", onSuccess: "callback", onError: "callback", onClose: "callback",
};
const RUNTIME = {
  delegatedToken: "required", target: "identifier", targetOrigin: "origin", mode: "mode", issuer: "optionalUrl",
  container: "container", width: "css", height: "css", timeoutMs: "timeout", onReady: "callback", onEvent: "callback", onError: "callback",
};
const SIGNING = { requestId: "required", issuer: "optionalUrl", onSigned: "callback", onDenied: "callback", onClose: "callback" };

// function → [valid base options (page source), options → kind]
const MATRIX = {
  openAveConnectorSheet: ["connectorOptions('m')", CONNECTOR],
  openAveConnectorPopup: ["connectorOptions('m')", { ...CONNECTOR, width: "pixels", height: "pixels" }],
  openAveSheet: ["signinOptions('m')", { ...SIGN_IN, fedcm: "flag" }],
  openAvePopup: ["signinOptions('m')", { ...SIGN_IN, width: "pixels", height: "pixels" }],
  mountAveEmbed: ["{ ...signinOptions('m'), container: document.getElementById('inline') }", { ...SIGN_IN, container: "requiredContainer", width: "css", height: "css" }],
  startAveAuth: ["signinOptions('m')", { ...SIGN_IN, clientId: "string", container: "container", fedcm: "flag" }],
  openAveConnectorRuntime: ["runtimeOptions()", RUNTIME],
  openIrisDelegatedRuntime: ["runtimeOptions()", { ...RUNTIME, target: undefined }],
  openAveSigningSheet: ["signingOptions('m')", SIGNING],
  openAveSigningPopup: ["signingOptions('m')", { ...SIGNING, width: "pixels", height: "pixels" }],
};
// The options object itself.
const NOT_OBJECTS = ["undefined", "null", '"options"', "42", "(({ proxy, revoke }) => (revoke(), proxy))(Proxy.revocable({}, {}))"];

function table(rows) {
  const lines = ["| function | option | wrong values tried | result |", "|---|---|---|---|"];
  for (const r of rows) lines.push(`| \`${r.fn}\` | \`${r.option}\` | ${r.values.map((v) => `\`${v.replaceAll("|", "\\\\|")}\``).join(", ")} | ${r.ok ? "TypeError ✓" : "✗"} |`);
  return lines.join("\n");
}

test("every option of every export, wrong → TypeError naming function and option; no DOM, no callback", async () => {
  const { page, context } = await openPage(env);
  const rows = [];
  const failures = [];
  for (const [fn, [base, options]] of Object.entries(MATRIX)) {
    const cases = [["options", NOT_OBJECTS.map((v) => [v, v])]];
    for (const [option, kind] of Object.entries(options)) {
      if (!kind) continue;
      cases.push([option, WRONG[kind].map((v) => [v, `{ ...(${base}), ${JSON.stringify(option)}: ${v} }`])]);
    }
    for (const [option, tries] of cases) {
      let ok = true;
      for (const [value, source] of tries) {
        const result = await page.evaluate(`(async () => {
          window.calls = [];
          let options;
          try { options = ${source}; } catch (e) { return { setup: String(e) }; }
          try {
            const r = Ave[${JSON.stringify(fn)}](options);
            if (r instanceof Promise) await r;
            return { error: null };
          } catch (e) {
            return { typeError: e instanceof TypeError, message: e.message, calls: window.calls.length };
          }
        })()`);
        const expected = `${fn}: option \`${option}\``;
        if (!(result.typeError && result.message.startsWith(expected) && result.calls === 0)) {
          ok = false;
          failures.push(`${fn} ${option}=${value}: ${JSON.stringify(result)}`);
        }
      }
      rows.push({ fn, option, values: tries.map(([v]) => v), ok });
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(await sdkNodes(page), 0, "no DOM left behind");
  await context.close();

  const generated = `<!-- bad-options:start (generated by tests/e2e/bad-options.test.mjs; UPDATE_DOCS=1 to refresh) -->\n${table(rows)}\n<!-- bad-options:end -->`;
  const readme = readFileSync(README, "utf8");
  const section = /<!-- bad-options:start[^]*?<!-- bad-options:end -->/;
  console.log(`bad options: ${rows.length} option rows, ${rows.reduce((n, r) => n + r.values.length, 0)} wrong values`);
  if (process.env.UPDATE_DOCS) {
    writeFileSync(README, readme.replace(section, generated));
  } else {
    assert.equal(readme.match(section)?.[0], generated, "README's bad-option table is stale: run UPDATE_DOCS=1 node --test tests/e2e/bad-options.test.mjs");
  }
});
