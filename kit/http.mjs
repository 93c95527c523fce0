// Small HTTP helpers of the mock issuer, also used by tests/support/server.mjs.
// Zero dependencies: only `node:` built-ins.

import { createReadStream } from 'node:fs';
import http from 'node:http';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** The strict policy the demo pages (and `?csp=strict` fixtures) are served with. */
export const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MIME = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.htm', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.wasm', 'application/wasm'],
  ['.ts', 'text/plain; charset=utf-8'],
  ['.mts', 'text/plain; charset=utf-8'],
  ['.md', 'text/plain; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
]);

/** MIME type by file name (`.d.ts` falls under `.ts` → text/plain). */
export function mimeFor(file) {
  return MIME.get(path.extname(file).toLowerCase()) ?? 'application/octet-stream';
}

/** Escape a value for HTML text and (quoted) attribute contexts. */
export function escapeHtml(value) {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * Parse the request target without letting the URL parser normalise dot
 * segments away: every raw path segment is percent-decoded on its own, and a
 * request whose decoded segments contain `.`/`..`, a slash, a backslash or NUL
 * is marked `bad` (answered 400 by the caller).
 */
export function parseTarget(req) {
  const raw = req.url ?? '/';
  let url;
  try {
    url = new URL(raw, 'http://placeholder.invalid');
  } catch {
    return { bad: true };
  }
  // Origin-form ("/a/b?c") is used raw; absolute-form falls back to the parsed path.
  const rawPath = (raw.startsWith('/') ? raw : url.pathname).split(/[?#]/, 1)[0];
  const segments = [];
  for (const seg of rawPath.split('/').slice(1)) {
    let decoded;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      return { bad: true };
    }
    if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return { bad: true };
    segments.push(decoded);
  }
  return { bad: false, segments, pathname: '/' + segments.join('/'), query: url.searchParams, search: url.search };
}

/** Write a complete response. `body` may be a string, a Buffer or undefined. */
export function send(req, res, status, body = '', headers = {}) {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body ?? Buffer.alloc(0);
  res.writeHead(status, { 'Content-Length': String(buf.length), ...headers });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

export function sendText(req, res, status, text, headers = {}) {
  send(req, res, status, text, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
}

export function sendJson(req, res, status, value, headers = {}) {
  send(req, res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

export function sendHtml(req, res, status, html, headers = {}) {
  send(req, res, status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

export function notFound(req, res) {
  sendText(req, res, 404, 'Not found\n');
}

export function methodNotAllowed(req, res, allow = 'GET, HEAD') {
  sendText(req, res, 405, 'Method not allowed\n', { Allow: allow });
}

/** True for GET/HEAD; otherwise answers 405 and returns false. */
export function allowGet(req, res) {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  methodNotAllowed(req, res);
  return false;
}

function isInside(parent, child) {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

/**
 * Serve `baseDir/<rest...>` (rest = decoded path segments from parseTarget).
 * - hidden names (leading ".") are never served;
 * - the resolved path must stay inside `baseDir` (lexically) and, after
 *   resolving symlinks, inside `jail` (defaults to baseDir);
 * - an empty path or a trailing slash serves `index.html`;
 * - anything that is not a regular file is a 404.
 * `headers(file)` may return extra headers for the chosen file.
 */
export async function serveStatic(req, res, baseDir, rest, { jail = baseDir, headers } = {}) {
  if (!allowGet(req, res)) return;
  if (rest.some((s) => s.startsWith('.'))) return notFound(req, res);
  const parts = rest.length === 0 || rest[rest.length - 1] === '' ? [...rest.filter(Boolean), 'index.html'] : rest.filter(Boolean);
  const base = path.resolve(baseDir);
  const file = path.resolve(base, ...parts);
  if (!isInside(base, file) || file === base) return notFound(req, res);
  let real;
  let info;
  try {
    real = await realpath(file);
    const realJail = await realpath(jail);
    if (!isInside(realJail, real)) return notFound(req, res);
    info = await stat(real);
  } catch {
    return notFound(req, res);
  }
  if (!info.isFile()) return notFound(req, res);
  res.writeHead(200, {
    'Content-Type': mimeFor(file),
    'Content-Length': String(info.size),
    ...(headers ? headers(file) : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** A request body as text (max `limit` bytes). Throws `{status, message}` (413 when larger). */
async function readBodyText(req, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk); // keep draining so the answer can still be sent
  }
  if (size > limit) throw { status: 413, message: 'Request body too large' };
  return Buffer.concat(chunks).toString('utf8');
}

/** Read a JSON request body (max `limit` bytes). Throws `{status, message}`. */
export async function readJsonBody(req, limit = 16 * 1024) {
  const text = await readBodyText(req, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw { status: 400, message: 'Body must be JSON' };
  }
}

/**
 * Read an `application/x-www-form-urlencoded` request body (max `limit`
 * bytes) as URLSearchParams. Throws `{status, message}` (also for another
 * Content-Type).
 */
export async function readFormBody(req, limit = 16 * 1024) {
  const type = String(req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
  const text = await readBodyText(req, limit);
  if (type !== 'application/x-www-form-urlencoded') throw { status: 400, message: 'Content-Type must be application/x-www-form-urlencoded' };
  return new URLSearchParams(text);
}

/** An HTTP server for `route(req, res, target)`: no-store, nosniff, a 500 on a throw; `log` prints method, path (never the query) and status. */
export function createServer(name, route, log) {
  return http.createServer(async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const target = parseTarget(req);
    if (log) {
      // Path only: query strings are never logged.
      res.once('close', () => console.log(`[${name}] ${req.method} ${target.bad ? '(bad path)' : target.pathname} ${res.statusCode}`));
    }
    try {
      if (target.bad) return sendText(req, res, 400, 'Bad request path\n');
      await route(req, res, target);
    } catch (err) {
      console.error(`[${name}] internal error:`, err);
      if (!res.headersSent) sendText(req, res, 500, 'Internal server error\n');
      else res.destroy();
    }
  });
}

/** Listens on `port` (0: any free one) at `host`; resolves with the real port. */
export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/** Closes the server and its open connections. */
export function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** `http://host:port` (IPv6 hosts in brackets). */
export function originOf(host, port) {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
