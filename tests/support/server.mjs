#!/usr/bin/env node
// Local development / test server for ave-embed-wasm. Zero dependencies.
//
// Plays three HTTP origins on loopback:
//   app     http://localhost:APP     demo pages, the built npm package, e2e fixtures,
//                                     the Rust examples (/rust-consumer/, /yew/)
//   issuer  http://127.0.0.1:ISSUER  the mock Ave issuer: the package's testing kit
//                                     (ave-embed-wasm/testing, built from kit/ into
//                                     dist/npm/testing/), basic profile, plus the e2e fixtures
//   third   http://127.0.0.2:THIRD   a hostile third origin serving e2e fixtures only
//
// Usage:  node tests/support/server.mjs [--app-port N] [--issuer-port N] [--third-port N] [--quiet]
//         (or env APP_PORT / ISSUER_PORT / THIRD_PORT; defaults 8080 / 8081 / 8082)
// Import: const { appOrigin, issuerOrigin, thirdOrigin, issuer, close } = await startServers({ appPort: 0, ... });
//         (`issuer`: the kit's MockIssuer)

import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  STRICT_CSP,
  allowGet,
  closeServer,
  createServer,
  escapeHtml,
  listen,
  notFound,
  originOf,
  send,
  sendHtml,
  serveStatic,
} from '../../kit/http.mjs';

/** Repository root: two levels above tests/support/. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The testing kit as published (`make package`), so that every e2e run
 * tests the package's entry itself, not the sources.
 */
async function importTestingKit(root) {
  const entry = path.join(root, 'dist', 'npm', 'testing', 'index.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`make package\` first`);
  return import(pathToFileURL(entry).href);
}

function e2eRoute(root) {
  const dir = path.join(root, 'tests', 'e2e', 'pages');
  return (req, res, target) => {
    // ?csp=strict: the strict policy of docs/security.md#strict-csp; ?csp=nowasm: the same without
    // 'wasm-unsafe-eval' (a page where the SDK cannot start).
    const csp = { strict: STRICT_CSP, nowasm: "script-src 'self'; style-src 'self'" }[target.query.get('csp')];
    return serveStatic(req, res, dir, target.segments.slice(1), {
      jail: root,
      headers: () => (csp ? { 'Content-Security-Policy': csp } : {}),
    });
  };
}

function callbackPage(req, res, target) {
  if (!allowGet(req, res)) return;
  const rows = [...target.query]
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt>\n<dd data-param="${escapeHtml(k)}">${escapeHtml(v)}</dd>`)
    .join('\n');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Callback received</title>
</head>
<body>
<h1>Callback received</h1>
<p>Path: <code>${escapeHtml(target.pathname)}</code></p>
${rows ? `<dl id="params">\n${rows}\n</dl>` : '<p id="params">No query parameters.</p>'}
</body>
</html>
`;
  sendHtml(req, res, 200, html, { 'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'" });
}

function createAppRouter(root, origins) {
  const demoDir = path.join(root, 'examples', 'demo');
  const pkgDir = path.join(root, 'dist', 'npm');
  const reactDir = path.join(root, 'examples', 'react', 'dist'); // built by examples/react/build.mjs
  const e2e = e2eRoute(root);
  const demoHeaders = (file) => (file.toLowerCase().endsWith('.html') ? { 'Content-Security-Policy': STRICT_CSP } : {});

  return async (req, res, target) => {
    const [first] = target.segments;
    const p = target.pathname;
    if (p === '/') return serveStatic(req, res, demoDir, ['index.html'], { jail: root, headers: demoHeaders });
    if (p === '/demo') return allowGet(req, res) && send(req, res, 302, '', { Location: `/demo/${target.search}` });
    if (first === 'demo') return serveStatic(req, res, demoDir, target.segments.slice(1), { jail: root, headers: demoHeaders });
    if (first === 'pkg') return serveStatic(req, res, pkgDir, target.segments.slice(1), { jail: root });
    // The script-tag example (inline script on purpose: it is the copy-paste snippet).
    if (p === '/cdn.html') return serveStatic(req, res, path.join(root, 'examples'), ['cdn.html'], { jail: root });
    if (first === 'react') return serveStatic(req, res, reactDir, target.segments.slice(1), { jail: root, headers: demoHeaders });
    // The Rust examples (examples/rust-consumer, examples/yew): each page
    // with its wasm-bindgen output in web/pkg (make build-rust-consumer,
    // make build-yew).
    if (first === 'rust-consumer' || first === 'yew') {
      return serveStatic(req, res, path.join(root, 'examples', first, 'web'), target.segments.slice(1), { jail: root, headers: demoHeaders });
    }
    if (first === 'e2e') return e2e(req, res, target);
    if (p === '/connector/callback' || p === '/callback') return callbackPage(req, res, target);
    if (p === '/config.json') {
      // Lets the demo and fixtures find the other origins whatever the ports.
      return allowGet(req, res) && send(req, res, 200, JSON.stringify(origins), { 'Content-Type': 'application/json' });
    }
    if (p === '/favicon.ico') return allowGet(req, res) && send(req, res, 204);
    return notFound(req, res);
  };
}

function createThirdRouter(root) {
  const e2e = e2eRoute(root);
  const pkgDir = path.join(root, 'dist', 'npm');
  // The third origin also plays a CDN: the package's files, readable
  // cross-origin (what `<script integrity crossorigin>` needs).
  const cdnHeaders = () => ({ 'Access-Control-Allow-Origin': '*' });
  return async (req, res, target) => {
    if (target.segments[0] === 'e2e') return e2e(req, res, target);
    if (target.segments[0] === 'cdn') return serveStatic(req, res, pkgDir, target.segments.slice(1), { jail: root, headers: cdnHeaders });
    if (target.pathname === '/favicon.ico') return allowGet(req, res) && send(req, res, 204);
    return notFound(req, res);
  };
}

/**
 * Start the three origins. Port 0 picks a free port; the returned origins
 * carry the real ports.
 */
export async function startServers({
  appPort = 8080,
  issuerPort = 8081,
  thirdPort = 8082,
  appHost = 'localhost',
  issuerHost = '127.0.0.1',
  thirdHost = '127.0.0.2',
  root = REPO_ROOT,
  log = false,
} = {}) {
  const { startMockIssuer } = await importTestingKit(root);
  const origins = {}; // filled in once the ports are known
  const servers = [createServer('app', createAppRouter(root, origins), log), createServer('third', createThirdRouter(root), log)];
  let issuer;
  const close = async () => {
    await Promise.all([...servers.map(closeServer), issuer?.close()]);
  };
  try {
    const realApp = await listen(servers[0], appPort, appHost);
    // The issuer origin also serves the e2e fixtures (pages that play a
    // second issuer frame, forged messages, …).
    const e2e = e2eRoute(root);
    issuer = await startMockIssuer({
      port: issuerPort,
      host: issuerHost,
      profile: 'basic',
      log,
      routes: async (req, res, target) => target.segments[0] === 'e2e' && (await e2e(req, res, target), true),
    });
    const realThird = await listen(servers[1], thirdPort, thirdHost);
    Object.assign(origins, {
      appOrigin: originOf(appHost, realApp),
      issuerOrigin: issuer.url,
      thirdOrigin: originOf(thirdHost, realThird),
    });
    return { ...origins, issuer, close };
  } catch (err) {
    await close();
    throw err;
  }
}

// ------------------------------------------------------------------ CLI

function parsePort(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535 || String(value).trim() === '') {
    throw new Error(`Invalid ${name}: ${value}`);
  }
  return n;
}

function parseCli(argv, env) {
  const opts = {
    appPort: parsePort(env.APP_PORT ?? 8080, 'APP_PORT'),
    issuerPort: parsePort(env.ISSUER_PORT ?? 8081, 'ISSUER_PORT'),
    thirdPort: parsePort(env.THIRD_PORT ?? 8082, 'THIRD_PORT'),
    log: true,
  };
  const flags = { '--app-port': 'appPort', '--issuer-port': 'issuerPort', '--third-port': 'thirdPort' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quiet') {
      opts.log = false;
      continue;
    }
    if (arg === '--help' || arg === '-h') {
      console.log('Usage: node tests/support/server.mjs [--app-port N] [--issuer-port N] [--third-port N] [--quiet]');
      process.exit(0);
    }
    const [flag, inline] = arg.split('=', 2);
    if (!(flag in flags)) throw new Error(`Unknown argument: ${arg}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`Missing value for ${flag}`);
    opts[flags[flag]] = parsePort(value, flag);
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  const s = await startServers(opts);
  console.log(`Demo app:    ${s.appOrigin}/`);
  console.log(`Mock issuer: ${s.issuerOrigin}/`);
  console.log(`Third origin: ${s.thirdOrigin}/`);
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await s.close();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((err) => {
    console.error(err?.message ?? err);
    process.exit(1);
  });
}
