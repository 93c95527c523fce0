// Mock Ave issuer for local demos and end-to-end tests.
//
// Close to the real issuer's observable behaviour (see SPEC.md §2): the
// sign-in account chooser at /signin (and its /signin → /connect redirect for
// connector requests), the token endpoint at /api/oauth/token, the connector
// consent page at /connect, the signing page at /sign and the protected
// runtime frame at /connect/runtime. All state lives in memory and is keyed by
// client_id so tests can run in isolation; /__mock/* endpoints let tests
// configure, inspect and reset it.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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
const SIGNIN_CODE_TTL_MS = 10 * 60 * 1000;
const TOKEN_TTL_S = 3600;
// Query parameters of /signin that are not "extra" (SPEC §2 sign-in URL).
const SIGNIN_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'scope',
  'embed',
  'theme',
  'code_challenge',
  'code_challenge_method',
  'nonce',
  'state',
]);
const ACCOUNT = { sub: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' };

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

/** base64url (no padding) of a JSON value. */
function b64urlJson(value) {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Constant-time string comparison. */
function sameString(a, b) {
  const x = Buffer.from(String(a), 'utf8');
  const y = Buffer.from(String(b), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The page's scripts: the shared helpers first, then the page's own script. */
function scriptTags(script) {
  if (!script) return '';
  return ['page-common.js', script].map((s) => `<script src="/static/${escapeHtml(s)}" defer></script>\n`).join('');
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
${scriptTags(script)}</head>
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

  /**
   * client_id → { authRequired, tamper, tokenStatus, tamperNonce, replayCode,
   *   approvals: Map<resource, Set<scope>>, codes: Map<code, record> (connector),
   *   signinCodes: Map<code, record> (sign-in, single use) }
   */
  const clients = new Map();
  /** Global switches (not per client). */
  const switches = { signAuthRequired: false };

  function getClient(clientId, create = true) {
    let c = clients.get(clientId);
    if (!c && create) {
      c = {
        authRequired: false,
        tamper: '',
        tokenStatus: 200,
        tamperNonce: false,
        replayCode: false,
        approvals: new Map(),
        codes: new Map(),
        signinCodes: new Map(),
      };
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

  /** A single-use sign-in code bound to the /signin request. */
  function issueSigninCode(clientId, fields) {
    const c = getClient(clientId);
    const code = newCode();
    c.signinCodes.set(code, { client_id: clientId, ...fields, used: false, issuedAt: Date.now() });
    while (c.signinCodes.size > MAX_CODES_PER_CLIENT) c.signinCodes.delete(c.signinCodes.keys().next().value);
    return code;
  }

  /** Codes are unique across clients; the client is checked by the caller. */
  function findSigninCode(code) {
    for (const c of clients.values()) {
      const record = c.signinCodes.get(code);
      if (record) return record;
    }
    return undefined;
  }

  function clientState(clientId) {
    const c = getClient(clientId, false);
    return {
      ok: true,
      client_id: clientId,
      authRequired: c?.authRequired ?? false,
      tamper: c?.tamper ?? '',
      tokenStatus: c?.tokenStatus ?? 200,
      tamperNonce: c?.tamperNonce ?? false,
      replayCode: c?.replayCode ?? false,
      signAuthRequired: switches.signAuthRequired,
      approvals: c ? [...c.approvals].map(([resource, scopes]) => ({ resource, scopes: [...scopes] })) : [],
      codes: c ? [...c.codes].map(([code, r]) => ({ code, ...r })) : [],
      // Everything the code is bound to, plus `used`. Verifiers are never stored.
      signinCodes: c ? [...c.signinCodes].map(([code, r]) => ({ code, ...r })) : [],
    };
  }

  /** Without a client id: everything, including the global switches. */
  function reset(clientId) {
    if (clientId === undefined || clientId === null) {
      clients.clear();
      switches.signAuthRequired = false;
    } else {
      clients.delete(clientId);
    }
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
    const q = target.query;
    if (q.get('resource')) {
      return send(req, res, 302, '', { Location: `/connect${target.search}` });
    }
    const theme = q.get('theme');
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const scope = q.get('scope') ?? '';
    const challenge = q.get('code_challenge');
    let method = q.get('code_challenge_method');
    const nonce = q.get('nonce') || undefined;
    const state = q.get('state');

    if (!clientId.trim()) return errorPage(req, res, theme, 'Missing client_id.');
    if (!parseHttpUrl(redirectUri)) return errorPage(req, res, theme, 'redirect_uri must be an absolute http(s) URL.');
    if (method !== null && method !== 'S256' && method !== 'plain') {
      return errorPage(req, res, theme, 'code_challenge_method must be S256 or plain.');
    }
    if (method !== null && !challenge) return errorPage(req, res, theme, 'code_challenge_method needs a code_challenge.');
    if (challenge === '') return errorPage(req, res, theme, 'code_challenge must not be empty.');
    if (challenge !== null && method === null) method = 'plain'; // RFC 7636 default

    const client = getClient(clientId, false);
    // Test switch `replayCode`: hand out this client's most recent code again
    // (typically already exchanged) instead of a fresh one.
    let code = client?.replayCode ? [...client.signinCodes.keys()].pop() : undefined;
    code ??= issueSigninCode(clientId, {
      redirect_uri: redirectUri,
      scope,
      code_challenge: challenge ?? undefined,
      code_challenge_method: challenge !== null ? method : undefined,
      nonce,
    });
    const attrs = {
      'data-client-id': clientId,
      'data-redirect-uri': redirectUri,
      'data-code': code,
      'data-auth-required': client?.authRequired ? '1' : '0',
      'data-tamper': client?.tamper ?? '',
    };
    if (state) attrs['data-state'] = state;

    const extras = [...q].filter(([k]) => !SIGNIN_PARAMS.has(k));
    const extraRows = extras
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd data-param="${escapeHtml(k)}">${escapeHtml(v)}</dd>`)
      .join('\n');
    const scopes = splitScopes(scope);
    // With the authRequired switch on, the script decides (iframe → auth_required).
    const hidden = client?.authRequired ? ' hidden' : '';
    const attrText = Object.entries(attrs)
      .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
      .join('');
    const body = `<main class="card" id="ave-signin"${attrText}>
${brand()}
<section id="chooser"${hidden}>
<h1>Sign in</h1>
<p class="lead">to continue to <strong id="client-id">${escapeHtml(clientId)}</strong></p>
<div class="account" id="account">
<span class="avatar" aria-hidden="true">AL</span>
<span><span class="account-name">${escapeHtml(ACCOUNT.name)}</span><span class="account-email">${escapeHtml(ACCOUNT.email)}</span></span>
</div>
${scopes.length ? `<h2>Requested scopes</h2>\n<ul class="scopes" id="scopes">${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : ''}
${extras.length ? '<h2>Extra parameters</h2>' : ''}
<dl class="facts" id="extra-params">${extraRows ? `\n${extraRows}\n` : ''}</dl>
<div class="actions">
<button type="button" id="continue" class="primary">Continue</button>
<button type="button" id="cancel" class="ghost">Cancel</button>
</div>
</section>
<p class="status" id="status" role="status" aria-live="polite"></p>
</main>`;
    sendHtml(req, res, 200, page({ title: 'Sign in · Ave (mock)', theme, body, script: 'signin.js' }), {
      'Content-Security-Policy': PAGE_CSP,
    });
  }

  function signPage(req, res, q) {
    const theme = q.get('theme');
    const requestId = q.get('requestId') ?? '';
    if (!requestId.trim()) return errorPage(req, res, theme, 'Missing requestId.');
    // A fake, deterministic "signature" of the request.
    const signature = createHash('sha256').update(`ave-mock-signature\0${requestId}`, 'utf8').digest('base64url');
    const message = `Ave (mock) signing request\nRequest: ${requestId}\nAccount: ${ACCOUNT.email}\nI approve this request.`;
    const attrs = {
      'data-request-id': requestId,
      'data-signature': signature,
      'data-auth-required': switches.signAuthRequired ? '1' : '0',
    };
    const attrText = Object.entries(attrs)
      .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
      .join('');
    // The script shows #request once it knows where to answer (document.referrer).
    const body = `<main class="card" id="ave-sign"${attrText}>
${brand()}
<h1>Signing request</h1>
<section id="request" hidden>
<dl class="facts">
<dt>Request</dt><dd id="request-id">${escapeHtml(requestId)}</dd>
<dt>Account</dt><dd>${escapeHtml(ACCOUNT.name)}</dd>
</dl>
<h2>Message to sign</h2>
<pre class="message" id="message">${escapeHtml(message)}</pre>
<div class="actions">
<button type="button" id="sign" class="primary">Sign</button>
<button type="button" id="deny">Deny</button>
<button type="button" id="cancel" class="ghost">Cancel</button>
</div>
</section>
<p class="error" id="sign-error" role="alert" hidden></p>
<p class="status" id="status" role="status" aria-live="polite"></p>
</main>`;
    sendHtml(req, res, 200, page({ title: 'Signing request · Ave (mock)', theme, body, script: 'sign.js' }), {
      'Content-Security-Policy': PAGE_CSP,
    });
  }

  function indexPage(req, res, target) {
    const body = `<main class="card">
${brand()}
<h1>Mock Ave issuer</h1>
<ul class="scopes">
<li><code>GET /signin?client_id&amp;redirect_uri&amp;scope&amp;embed=1&amp;theme[&amp;…][&amp;code_challenge&amp;code_challenge_method][&amp;nonce][&amp;state]</code></li>
<li><code>POST /api/oauth/token</code></li>
<li><code>GET /connect?client_id&amp;redirect_uri&amp;resource&amp;scope&amp;mode&amp;embed=1&amp;state</code></li>
<li><code>GET /signin?…&amp;resource</code> → 302 /connect</li>
<li><code>GET /sign?requestId&amp;embed=1</code></li>
<li><code>GET /connect/runtime?target&amp;mode</code></li>
<li><code>POST /api/consent</code></li>
<li><code>GET /__mock/config?client_id&amp;authRequired|tamper|tokenStatus|tamperNonce|replayCode</code>, <code>/__mock/config?signAuthRequired=1|0</code>, <code>/__mock/reset</code>, <code>/__mock/state</code></li>
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

  /** CORS of the token endpoint: the request's Origin is reflected. */
  function tokenCors(req) {
    const headers = {
      Vary: 'Origin',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'content-type',
    };
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== '') headers['Access-Control-Allow-Origin'] = origin;
    return headers;
  }

  function idToken(req, record, client) {
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `http://${req.headers.host}`,
      aud: record.client_id,
      sub: ACCOUNT.sub,
      name: ACCOUNT.name,
      email: ACCOUNT.email,
      iat,
      exp: iat + TOKEN_TTL_S,
    };
    if (client?.tamperNonce) claims.nonce = `${record.nonce ?? ''}-tampered`;
    else if (record.nonce !== undefined) claims.nonce = record.nonce;
    // An unsigned test JWT: header.claims. (empty signature)
    return `${b64urlJson({ alg: 'none', typ: 'JWT' })}.${b64urlJson(claims)}.`;
  }

  function pkceOk(record, verifier) {
    if (record.code_challenge === undefined) return true;
    if (typeof verifier !== 'string' || verifier === '') return false;
    const expected = record.code_challenge_method === 'S256'
      ? createHash('sha256').update(verifier, 'ascii').digest('base64url')
      : verifier;
    return sameString(expected, record.code_challenge);
  }

  async function tokenApi(req, res) {
    const cors = tokenCors(req);
    const fail = (status, error, description) =>
      sendJson(req, res, status, description === undefined ? { error } : { error, error_description: description }, cors);
    if (req.method === 'OPTIONS') return send(req, res, 204, '', { ...cors, 'Access-Control-Max-Age': '600' });
    if (req.method !== 'POST') {
      return sendJson(req, res, 405, { error: 'invalid_request', error_description: 'Use POST' }, { ...cors, Allow: 'POST, OPTIONS' });
    }
    const type = String(req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
    let body;
    try {
      body = await readJsonBody(req);
    } catch (err) {
      return fail(err?.status ?? 400, 'invalid_request', err?.message ?? 'Bad body');
    }
    if (type !== 'application/json') return fail(400, 'invalid_request', 'Content-Type must be application/json');
    if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'invalid_request', 'Body must be a JSON object');
    const { grantType, code, redirectUri, clientId, codeVerifier } = body;
    if (grantType !== 'authorization_code') {
      return fail(400, 'unsupported_grant_type', 'grantType must be "authorization_code"');
    }
    for (const [name, value] of [['code', code], ['redirectUri', redirectUri], ['clientId', clientId]]) {
      if (typeof value !== 'string' || value === '') return fail(400, 'invalid_request', `${name} must be a non-empty string`);
    }
    if (codeVerifier !== undefined && typeof codeVerifier !== 'string') {
      return fail(400, 'invalid_request', 'codeVerifier must be a string');
    }

    // Test switch: the endpoint fails for this client (the code is not consumed).
    const client = getClient(clientId, false);
    if (client && client.tokenStatus !== 200) {
      return fail(client.tokenStatus, 'server_error', 'Mock token endpoint failure');
    }

    const record = findSigninCode(code);
    if (!record) return fail(400, 'invalid_grant', 'Unknown authorization code');
    if (record.used) return fail(400, 'invalid_grant', 'Authorization code already used');
    record.used = true; // single use: consumed by its first exchange attempt, success or not
    record.usedAt = Date.now();
    if (Date.now() - record.issuedAt > SIGNIN_CODE_TTL_MS) return fail(400, 'invalid_grant', 'Authorization code expired');
    if (record.client_id !== clientId) return fail(400, 'invalid_grant', 'Authorization code was issued to another client');
    if (record.redirect_uri !== redirectUri) return fail(400, 'invalid_grant', 'redirectUri does not match the authorization request');
    if (!pkceOk(record, codeVerifier)) return fail(400, 'invalid_grant', 'PKCE verification failed');

    const owner = getClient(record.client_id, false);
    return sendJson(
      req,
      res,
      200,
      {
        access_token: randomBytes(32).toString('base64url'),
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_S,
        scope: record.scope,
        id_token: idToken(req, record, owner),
      },
      cors,
    );
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
        // Validate everything first, then apply (an error changes nothing).
        const bad = (error) => sendJson(req, res, 400, { ok: false, error }, CORS);
        const known = ['client_id', 'authRequired', 'tamper', 'tokenStatus', 'tamperNonce', 'replayCode', 'signAuthRequired'];
        const unknown = [...q.keys()].find((k) => !known.includes(k));
        if (unknown !== undefined) return bad(`unknown switch: ${unknown.slice(0, 40)}`);
        const boolFlag = (name) => {
          const v = q.get(name);
          if (v === null) return { set: false };
          if (!['0', '1', 'true', 'false'].includes(v)) return { error: `${name} must be 1 or 0` };
          return { set: true, value: v === '1' || v === 'true' };
        };
        const authRequired = boolFlag('authRequired');
        if (authRequired.error) return bad(authRequired.error);
        // `tamper` simulates a compromised issuer page (for the SDK's redirect checks):
        // origin → redirectUrl on another origin, path → another path, state → wrong state.
        const tamper = q.get('tamper');
        if (tamper !== null && !['', 'origin', 'path', 'state'].includes(tamper)) {
          return bad('tamper must be origin, path or state');
        }
        const tokenStatus = q.get('tokenStatus');
        if (tokenStatus !== null && tokenStatus !== '200' && tokenStatus !== '500') return bad('tokenStatus must be 200 or 500');
        const tamperNonce = boolFlag('tamperNonce');
        if (tamperNonce.error) return bad(tamperNonce.error);
        const replayCode = boolFlag('replayCode');
        if (replayCode.error) return bad(replayCode.error);
        const signAuthRequired = boolFlag('signAuthRequired');
        if (signAuthRequired.error) return bad(signAuthRequired.error);

        const perClient = authRequired.set || tamper !== null || tokenStatus !== null || tamperNonce.set || replayCode.set;
        if (!clientId && (perClient || !signAuthRequired.set)) return needClient();

        if (signAuthRequired.set) switches.signAuthRequired = signAuthRequired.value;
        if (clientId) {
          const c = getClient(clientId);
          if (authRequired.set) c.authRequired = authRequired.value;
          if (tamper !== null) c.tamper = tamper;
          if (tokenStatus !== null) c.tokenStatus = Number(tokenStatus);
          if (tamperNonce.set) c.tamperNonce = tamperNonce.value;
          if (replayCode.set) c.replayCode = replayCode.value;
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
    if (p === '/api/oauth/token') return tokenApi(req, res);
    if (p === '/favicon.ico') return allowGet(req, res) && send(req, res, 204);
    if (!allowGet(req, res)) return;
    if (p === '/') return indexPage(req, res, target);
    if (p === '/connect') return connectPage(req, res, target.query);
    if (p === '/connect/runtime') return runtimePage(req, res, target.query);
    if (p === '/signin') return signinPage(req, res, target);
    if (p === '/sign') return signPage(req, res, target.query);
    return notFound(req, res);
  }

  return { handle, reset, state: clientState };
}
