// Mock Ave issuer for local demos and end-to-end tests.
//
// Close to the real issuer's observable behaviour (see SPEC.md §2): the
// connector consent page at /connect, the /signin → /connect redirect and the
// protected runtime frame at /connect/runtime. All state lives in memory and
// is keyed by client_id so tests can run in isolation; /__mock/* endpoints let
// tests configure, inspect and reset it.

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  STRICT_CSP,
  allowGet,
  escapeHtml,
  methodNotAllowed,
  notFound,
  readJsonBody,
  send,
  sendHtml,
  sendJson,
  serveStatic,
} from './http.mjs';

// Issuer pages only load their own external script and stylesheet. No
// frame-ancestors / X-Frame-Options: the pages must be frameable by the app.
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";
const CORS = { 'Access-Control-Allow-Origin': '*' };
const MAX_CODES_PER_CLIENT = 200;

function newCode() {
  return randomBytes(24).toString('base64url'); // 32 url-safe characters
}

function splitScopes(scope) {
  return String(scope ?? '').split(/\s+/).filter(Boolean);
}

/** Absolute http(s) URL or null. */
function parseHttpUrl(value) {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function page({ title, theme, body, script, bodyClass = '' }) {
  const themeAttr = theme === 'light' ? 'light' : 'dark';
  return `<!doctype html>
<html lang="en" data-theme="${themeAttr}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/static/ave-mock.css">
${script ? `<script src="/static/${escapeHtml(script)}" defer></script>\n` : ''}</head>
<body${bodyClass ? ` class="${escapeHtml(bodyClass)}"` : ''}>
${body}
</body>
</html>
`;
}

function brand() {
  return '<p class="brand"><span class="logo" aria-hidden="true">A</span> Ave <span class="tag">mock issuer</span></p>';
}

export function createMockIssuer({ root }) {
  const staticDir = path.join(root, 'examples', 'issuer', 'static');
  const e2eDir = path.join(root, 'tests', 'e2e', 'pages');

  /** client_id → { authRequired, approvals: Map<resource, Set<scope>>, codes: Map<code, record> } */
  const clients = new Map();

  function getClient(clientId, create = true) {
    let c = clients.get(clientId);
    if (!c && create) {
      c = { authRequired: false, approvals: new Map(), codes: new Map() };
      clients.set(clientId, c);
    }
    return c;
  }

  function isApproved(clientId, resource, scope) {
    const granted = getClient(clientId, false)?.approvals.get(resource);
    if (!granted) return false;
    return splitScopes(scope).every((s) => granted.has(s));
  }

  function recordApproval(clientId, resource, scope) {
    const c = getClient(clientId);
    let granted = c.approvals.get(resource);
    if (!granted) c.approvals.set(resource, (granted = new Set()));
    for (const s of splitScopes(scope)) granted.add(s);
  }

  function issueCode(clientId, fields) {
    const c = getClient(clientId);
    const code = newCode();
    c.codes.set(code, { client_id: clientId, ...fields, issuedAt: Date.now() });
    while (c.codes.size > MAX_CODES_PER_CLIENT) c.codes.delete(c.codes.keys().next().value);
    return code;
  }

  function clientState(clientId) {
    const c = getClient(clientId, false);
    return {
      ok: true,
      client_id: clientId,
      authRequired: c?.authRequired ?? false,
      approvals: c ? [...c.approvals].map(([resource, scopes]) => ({ resource, scopes: [...scopes] })) : [],
      codes: c ? [...c.codes].map(([code, r]) => ({ code, ...r })) : [],
    };
  }

  function reset(clientId) {
    if (clientId === undefined || clientId === null) clients.clear();
    else clients.delete(clientId);
  }

  // ---------------------------------------------------------------- pages

  function errorPage(req, res, theme, message) {
    const body = `<main class="card">
${brand()}
<h1>Invalid request</h1>
<p class="error" id="error">${escapeHtml(message)}</p>
</main>`;
    sendHtml(req, res, 400, page({ title: 'Invalid request · Ave (mock)', theme, body }), { 'Content-Security-Policy': PAGE_CSP });
  }

  function connectPage(req, res, q) {
    const theme = q.get('theme');
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const resource = q.get('resource') ?? '';
    const scope = q.get('scope') ?? '';
    const mode = q.get('mode') || 'user_present';
    const state = q.get('state');

    if (!clientId.trim()) return errorPage(req, res, theme, 'Missing client_id.');
    if (!parseHttpUrl(redirectUri)) return errorPage(req, res, theme, 'redirect_uri must be an absolute http(s) URL.');
    if (!resource.trim()) return errorPage(req, res, theme, 'Missing resource.');
    if (mode !== 'user_present' && mode !== 'background') return errorPage(req, res, theme, 'Unsupported mode.');

    const client = getClient(clientId, false);
    const attrs = {
      'data-mode': mode,
      'data-client-id': clientId,
      'data-redirect-uri': redirectUri,
      'data-resource': resource,
      'data-scope': scope,
      'data-auth-required': client?.authRequired ? '1' : '0',
      'data-tamper': client?.tamper ?? '',
    };
    if (state) attrs['data-state'] = state;

    let inner;
    if (mode === 'background') {
      const approved = isApproved(clientId, resource, scope);
      attrs['data-approved'] = approved ? '1' : '0';
      if (approved) attrs['data-code'] = issueCode(clientId, { redirect_uri: redirectUri, resource, scope, approved: true, mode });
      inner = `<p class="status" id="status" role="status">Checking authorization…</p>`;
    } else {
      attrs['data-code'] = issueCode(clientId, { redirect_uri: redirectUri, resource, scope, approved: false, mode });
      const scopes = splitScopes(scope);
      const scopeList = scopes.length
        ? scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')
        : '<li class="muted">(no scopes requested)</li>';
      // With the authRequired switch on, the script decides (iframe → auth_required).
      const hidden = client?.authRequired ? ' hidden' : '';
      inner = `<section id="consent"${hidden}>
<h1>Authorize access</h1>
<p class="lead"><strong id="client-id">${escapeHtml(clientId)}</strong> wants to access a resource on your behalf.</p>
<dl class="facts">
<dt>Application</dt><dd>${escapeHtml(clientId)}</dd>
<dt>Resource</dt><dd id="resource">${escapeHtml(resource)}</dd>
</dl>
<h2>Requested scopes</h2>
<ul class="scopes" id="scopes">${scopeList}</ul>
<div class="actions">
<button type="button" id="approve" class="primary">Approve</button>
<button type="button" id="deny">Deny</button>
<button type="button" id="cancel" class="ghost">Cancel</button>
</div>
</section>
<p class="status" id="status" role="status" aria-live="polite"></p>`;
    }

    const attrText = Object.entries(attrs)
      .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
      .join('');
    const body = `<main class="card" id="ave-connect"${attrText}>
${brand()}
${inner}
</main>`;
    sendHtml(req, res, 200, page({ title: 'Authorize access · Ave (mock)', theme, body, script: 'connect.js' }), {
      'Content-Security-Policy': PAGE_CSP,
    });
  }

  function runtimePage(req, res, q) {
    const target = q.get('target') || 'resource';
    const mode = q.get('mode') || '';
    const body = `<main class="runtime" id="ave-runtime" data-target="${escapeHtml(target)}" data-mode="${escapeHtml(mode)}">
<p class="status" id="status" role="status">Runtime (${escapeHtml(target)}): waiting for host…</p>
</main>`;
    sendHtml(req, res, 200, page({ title: 'Ave runtime (mock)', theme: q.get('theme'), body, script: 'runtime.js', bodyClass: 'runtime-body' }), {
      'Content-Security-Policy': PAGE_CSP,
    });
  }

  function signinPage(req, res, target) {
    const resource = target.query.get('resource');
    if (resource) {
      return send(req, res, 302, '', { Location: `/connect${target.search}` });
    }
    const body = `<main class="card">
${brand()}
<h1>Sign-in (not in this mock yet)</h1>
<p class="muted">This mock issuer only implements the connector flow (<code>/connect</code>).</p>
</main>`;
    sendHtml(req, res, 200, page({ title: 'Sign-in · Ave (mock)', theme: target.query.get('theme'), body }), {
      'Content-Security-Policy': PAGE_CSP,
    });
  }

  function indexPage(req, res, target) {
    const body = `<main class="card">
${brand()}
<h1>Mock Ave issuer</h1>
<ul class="scopes">
<li><code>GET /connect?client_id&amp;redirect_uri&amp;resource&amp;scope&amp;mode&amp;embed=1&amp;state</code></li>
<li><code>GET /signin?…&amp;resource</code> → 302 /connect</li>
<li><code>GET /connect/runtime?target&amp;mode</code></li>
<li><code>POST /api/consent</code></li>
<li><code>GET /__mock/config?client_id&amp;authRequired=1|0</code>, <code>/__mock/reset</code>, <code>/__mock/state</code></li>
</ul>
</main>`;
    sendHtml(req, res, 200, page({ title: 'Mock Ave issuer', theme: target.query.get('theme'), body }), {
      'Content-Security-Policy': PAGE_CSP,
    });
  }

  // ---------------------------------------------------------------- API

  async function consentApi(req, res) {
    if (req.method !== 'POST') return methodNotAllowed(req, res, 'POST');
    // Same-origin only (a real issuer would also check the session).
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      return sendJson(req, res, 403, { error: 'forbidden', message: 'Cross-origin consent is not allowed' });
    }
    let body;
    try {
      body = await readJsonBody(req);
    } catch (err) {
      return sendJson(req, res, err?.status ?? 400, { error: 'invalid_request', message: err?.message ?? 'Bad body' });
    }
    const bad = (message) => sendJson(req, res, 400, { error: 'invalid_request', message });
    if (!body || typeof body !== 'object' || Array.isArray(body)) return bad('Body must be a JSON object');
    const { client_id: clientId, resource, scope = '', code } = body;
    if (typeof clientId !== 'string' || !clientId.trim()) return bad('client_id must be a non-empty string');
    if (typeof resource !== 'string' || !resource.trim()) return bad('resource must be a non-empty string');
    if (typeof scope !== 'string') return bad('scope must be a string');
    let codeRecord;
    if (code !== undefined) {
      codeRecord = typeof code === 'string' ? getClient(clientId, false)?.codes.get(code) : undefined;
      if (!codeRecord || codeRecord.resource !== resource || codeRecord.scope !== scope) return bad('Unknown code for this client/resource/scope');
    }
    recordApproval(clientId, resource, scope);
    if (codeRecord) codeRecord.approved = true;
    send(req, res, 204);
  }

  function mockApi(req, res, name, q) {
    if (req.method === 'OPTIONS') {
      return send(req, res, 204, '', { ...CORS, 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': '*' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(req, res, 'GET, HEAD, OPTIONS');
    const clientId = q.get('client_id');
    const needClient = () => sendJson(req, res, 400, { ok: false, error: 'client_id is required' }, CORS);
    switch (name) {
      case 'config': {
        if (!clientId) return needClient();
        const flag = q.get('authRequired');
        if (flag !== null) {
          if (!['0', '1', 'true', 'false'].includes(flag)) {
            return sendJson(req, res, 400, { ok: false, error: 'authRequired must be 1 or 0' }, CORS);
          }
          getClient(clientId).authRequired = flag === '1' || flag === 'true';
        }
        // `tamper` simulates a compromised issuer page (for the SDK's redirect checks):
        // origin → redirectUrl on another origin, path → another path, state → wrong state.
        const tamper = q.get('tamper');
        if (tamper !== null) {
          if (!['', 'origin', 'path', 'state'].includes(tamper)) {
            return sendJson(req, res, 400, { ok: false, error: 'tamper must be origin, path or state' }, CORS);
          }
          getClient(clientId).tamper = tamper;
        }
        return sendJson(req, res, 200, { ok: true }, CORS);
      }
      case 'reset':
        reset(clientId ?? undefined);
        return sendJson(req, res, 200, { ok: true }, CORS);
      case 'state':
        if (!clientId) return needClient();
        return sendJson(req, res, 200, clientState(clientId), CORS);
      default:
        return sendJson(req, res, 404, { ok: false, error: 'unknown mock endpoint' }, CORS);
    }
  }

  // ---------------------------------------------------------------- router

  async function handle(req, res, target) {
    const [first, second] = target.segments;
    const p = target.pathname;
    if (first === 'e2e') {
      const strict = target.query.get('csp') === 'strict';
      return serveStatic(req, res, e2eDir, target.segments.slice(1), {
        jail: root,
        headers: () => (strict ? { 'Content-Security-Policy': STRICT_CSP } : {}),
      });
    }
    if (first === 'static') return serveStatic(req, res, staticDir, target.segments.slice(1), { jail: root });
    if (first === '__mock' && target.segments.length === 2) return mockApi(req, res, second, target.query);
    if (p === '/api/consent') return consentApi(req, res);
    if (p === '/favicon.ico') return allowGet(req, res) && send(req, res, 204);
    if (!allowGet(req, res)) return;
    if (p === '/') return indexPage(req, res, target);
    if (p === '/connect') return connectPage(req, res, target.query);
    if (p === '/connect/runtime') return runtimePage(req, res, target.query);
    if (p === '/signin') return signinPage(req, res, target);
    return notFound(req, res);
  }

  return { handle, reset, state: clientState };
}
