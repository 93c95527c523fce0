#!/usr/bin/env node
// Builds the React example with Vite, esbuild and webpack 5 — each with no
// wasm-specific configuration — into dist/{vite,esbuild,webpack}/, prints the
// size of each bundle's JavaScript (raw and gzip -9), then builds a server
// (SSR) bundle of ssr/entry.jsx with each bundler into dist/ssr-*/ and runs it
// with plain `node`: it must exit 0 and print the package's ten export names.
// Last, hooks/ (the package's `ave-embed-wasm/react` hooks under
// <React.StrictMode>) with Vite in development mode into dist/hooks/, for
// tests/e2e/react-hooks.test.mjs.
//
// Usage (from examples/react, after `make package` and `npm ci`):  node build.mjs
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = (name) => path.join(here, "node_modules", ".bin", name);
const dist = (...p) => path.join(here, "dist", ...p);

export const EXPORTS = [
  "createAve", "mountAveEmbed", "openAveConnectorPopup", "openAveConnectorRuntime", "openAveConnectorSheet", "openAvePopup",
  "openAveSheet", "openAveSigningPopup", "openAveSigningSheet", "openIrisDelegatedRuntime", "startAveAuth",
];

/** Server bundles, run by this script and by tests/e2e/react.test.mjs. */
export const SSR_BUNDLES = {
  vite: "dist/ssr-vite/entry.js",
  esbuild: "dist/ssr-esbuild/entry.mjs",
  webpack: "dist/ssr-webpack/entry.cjs",
};

function run(cmd, args, env = {}) {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v} `).join("");
  console.log(`$ ${vars}${path.basename(cmd)} ${args.join(" ")}`);
  execFileSync(cmd, args, { cwd: here, stdio: "inherit", env: { ...process.env, ...env } });
}

/** esbuild and webpack get a plain index.html (Vite writes its own). */
function writeHtml(dir, bundler, script) {
  const html = readFileSync(path.join(here, "static.html"), "utf8")
    .replace("%BUNDLER%", bundler)
    .replace("%SCRIPT%", script);
  writeFileSync(path.join(dir, "index.html"), html);
  copyFileSync(path.join(here, "src", "app.css"), path.join(dir, "app.css"));
}

const esbuildDefines = (bundler) => [
  "--define:process.env.NODE_ENV=\"production\"",
  "--define:process.env.REACT_APP_AVE_CLIENT_ID=\"react-demo\"",
  `--define:process.env.REACT_APP_BUNDLER=${JSON.stringify(bundler)}`,
];

const builds = {
  vite() {
    run(bin("vite"), ["build"]);
  },
  esbuild() {
    rmSync(dist("esbuild"), { recursive: true, force: true });
    run(bin("esbuild"), [
      "src/main.jsx", "--bundle", "--format=esm", "--minify", "--jsx=automatic",
      ...esbuildDefines("esbuild"), "--outfile=dist/esbuild/main.js", "--log-level=warning",
    ]);
    writeHtml(dist("esbuild"), "esbuild", '<script type="module" src="./main.js"></script>');
  },
  webpack() {
    run(bin("webpack"), ["--config-name", "client"]);
    writeHtml(dist("webpack"), "webpack 5", '<script defer src="./main.js"></script>');
  },
};

const ssrBuilds = {
  vite() {
    run(bin("vite"), ["build", "--ssr", "ssr/entry.jsx", "--outDir", "dist/ssr-vite"]);
  },
  esbuild() {
    rmSync(dist("ssr-esbuild"), { recursive: true, force: true });
    run(bin("esbuild"), [
      "ssr/entry.jsx", "--bundle", "--platform=node", "--format=esm", "--jsx=automatic",
      ...esbuildDefines("esbuild"), "--outfile=dist/ssr-esbuild/entry.mjs", "--log-level=warning",
    ]);
  },
  webpack() {
    run(bin("webpack"), ["--config-name", "ssr"]);
  },
};

function jsFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.m?js$/.test(f))
    .map((f) => path.join(dir, f));
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;

function main() {
  mkdirSync(dist(), { recursive: true });
  for (const [name, build] of Object.entries(builds)) {
    console.log(`\n== ${name} (browser, production)`);
    build();
  }

  const rows = Object.keys(builds).map((name) => {
    const files = jsFiles(dist(name));
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = readFileSync(f);
      raw += statSync(f).size;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    return { bundler: name, files: files.map((f) => path.relative(here, f)).join(", "), raw, gz };
  });

  let ssrOk = true;
  const ssrRows = [];
  for (const [name, build] of Object.entries(ssrBuilds)) {
    console.log(`\n== ${name} (server build)`);
    build();
    let status = "ok";
    try {
      const out = execFileSync(process.execPath, [SSR_BUNDLES[name]], { cwd: here, encoding: "utf8" });
      const names = out.trim().split("\n");
      if (names.join() !== EXPORTS.join()) status = `unexpected output: ${names.join(" ")}`;
    } catch (err) {
      status = `failed: ${String(err.stderr || err.message).trim().split("\n")[0]}`;
    }
    if (status !== "ok") ssrOk = false;
    ssrRows.push({ bundler: name, bundle: SSR_BUNDLES[name], status });
  }

  console.log("\nBrowser bundles (JavaScript, wasm inlined):");
  console.log("bundler  | raw       | gzip -9   | files");
  console.log("---------|-----------|-----------|------");
  for (const r of rows) console.log(`${r.bundler.padEnd(8)} | ${kB(r.raw).padStart(9)} | ${kB(r.gz).padStart(9)} | ${r.files}`);
  console.log("\nServer bundles run with `node` (no window/document): the package's exports printed?");
  for (const r of ssrRows) console.log(`${r.bundler.padEnd(8)} | ${r.bundle.padEnd(27)} | ${r.status}`);
  if (!ssrOk) process.exit(1);

  // React's development build, where StrictMode double-mounts effects (Vite
  // picks it from NODE_ENV, not from --mode).
  console.log("\n== hooks (ave-embed-wasm/react, Vite, development)");
  run(bin("vite"), ["build", "--config", "vite.hooks.config.js"], { NODE_ENV: "development" });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
