// Mock Ave issuer for local demos and end-to-end tests.
//
// Close to the real issuer's observable behaviour (see SPEC.md §2): the
// sign-in account chooser at /signin (and its /signin → /connect redirect for
// connector requests), the token endpoint at /api/oauth/token, the connector
// consent page at /connect, the signing page at /sign and the protected
// runtime frame at /connect/runtime. All state lives in memory and is keyed by
// client_id so tests can run in isolation; /__mock/* endpoints let tests
// configure, inspect and reset it.
//
// Two behaviour profiles (README.md): "basic" (the default, simplified pages)
// and "aveid.net" (the live issuer's pages as SPEC.md §2 "How the live
// issuer's pages behave" and "The issuer's real pages, run locally" describe
// them: the storage-access gate whose popup opens only after the awaited
// storage-access request, /login, ave:auth_required from popups, silent
// sign-in of a returning user, consent always shown and only for a verified
// email, app-key fragment, the runtime's late listener and live handshake).
// A client's profile is its own `profile` switch, else the global one.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
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
export const PROFILES = Object.freeze(['aveid.net', 'basic']);
/** What a test can decide for a page, and the button each kind of page has for it. */
const DECISION_BUTTONS = {
  signin: { approve: 'continue', cancel: 'cancel' },
  connect: { approve: 'approve', deny: 'deny', cancel: 'cancel' },
  sign: { approve: 'sign', deny: 'deny', cancel: 'cancel' },
};
const MAX_RECORDS = 10000;
const MAX_DELAY_MS = 60000;
/** aveid.net profile: the runtime page adds its listener this long after `load` (the live one: 150–520 ms after hydration). */
const LIVE_RUNTIME_LISTENER_DELAY_MS = 300;
const APP_KEY_NAMES = ['app_key', 'app_public_key', 'app_private_key', 'app_key_old', 'app_public_key_old', 'app_private_key_old'];

/**
 * Fixed test values of the end-to-end-encryption keys the live issuer puts in
 * the success redirect's fragment: valid standard base64 (31 bytes → `==`
 * padding) that always starts with "+/+/" so every value has '+', '/' and '='.
 */
export const APP_KEY_VALUES = Object.freeze(
  Object.fromEntries(
    APP_KEY_NAMES.map((name) => [
      name,
      Buffer.concat([Buffer.from([0xfb, 0xff, 0xbf]), createHash('sha256').update(`ave-mock-${name}`, 'utf8').digest().subarray(0, 28)]).toString('base64'),
    ]),
  ),
);

/**
 * The fragment (without '#') of a success redirect for the `appKeys` switch:
 * `1` → written by URLSearchParams as the live issuer does
 * (`url.hash = params.toString()`, so '+' '/' '=' are percent-encoded), plus
 * `app_key_reset=true`; `raw` → the base64 unescaped (`app_key=+/+/…==&…`);
 * `0` → ''.
 */
export function appKeyFragment(mode) {
  if (mode === '1') return new URLSearchParams({ ...APP_KEY_VALUES, app_key_reset: 'true' }).toString();
  if (mode === 'raw') return Object.entries(APP_KEY_VALUES).map(([k, v]) => `${k}=${v}`).join('&');
  return '';
}

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

/** Answers an issuer page (`page(parts)`) under the pages' CSP. */
function sendPage(req, res, status, parts) {
  sendHtml(req, res, status, page(parts), { 'Content-Security-Policy': PAGE_CSP });
}

/**
 * The aveid.net profile's "storage access" gate (shown by the page script
 * inside an iframe when third-party storage is blocked).
 */
function storageGate(name, tag = 'h1') {
  return `<section id="storage-gate" hidden>
<${tag}>Continue with Ave</${tag}>
<p class="lead">Your browser keeps this embedded window from seeing your Ave session${name ? ` for <strong>${escapeHtml(name)}</strong>` : ''}.</p>
<p class="muted">Continue opens Ave in a small window.</p>
<div class="actions">
<button type="button" id="storage-access" class="primary">Continue</button>
</div>
</section>
`;
}

/** ` name="value"` for each entry (values escaped). */
function attributes(attrs) {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
}

function brand() {
  return '<p class="brand"><span class="logo" aria-hidden="true">A</span> Ave <span class="tag">mock issuer</span></p>';
}

/**
 * The issuer's state and its HTTP handler (`handle(req, res, target)`, see
 * http.mjs `parseTarget`). `profile` is the global default profile, to
 * which a full reset goes back. testing/index.mjs serves it
 * (`startMockIssuer`).
 */
export function createMockIssuer({ profile: defaultProfile = 'basic' } = {}) {
  const staticDir = fileURLToPath(new URL('./static/', import.meta.url));

  /**
   * client_id → { authRequired, tamper, tokenStatus, tamperNonce, replayCode,
   *   profile (null = the global one), storageBlocked, storageAccess
   *   ('grant' | 'refuse'), session, emailVerified, returning,
   *   appKeys ('0' | '1' | 'raw'),
   *   approvals: Map<resource, Set<scope>>, codes: Map<code, record> (connector),
   *   signinCodes: Map<code, record> (sign-in, single use) }
   */
  const clients = new Map();
  /**
   * Global switches (not per client). `runtimeListenerDelayMs`: when the
   * runtime page listens, in ms after its `load`, or 'never' (null: the
   * profile's default — aveid.net 300 ms, basic at once, before `load`).
   */
  const switches = { signAuthRequired: false, profile: defaultProfile, runtimeListenerDelayMs: null };
  /**
   * The runtime page's script (it has no client): `events` answer each
   * request of the live shape, or `error` fails it (MockIssuer.runtime).
   */
  let runtimeScript = null;
  /** flow id → every issuer page rendered (sign-in, connect, sign, runtime): what a test decides and asserts on. */
  const flows = new Map();
  let flowCount = 0;
  /** Called with each new flow (MockIssuer.nextFlow). */
  const flowListeners = new Set();
  /** What happened, oldest first (each list keeps the last MAX_RECORDS). */
  const records = { requests: [], messages: [] };

  function getClient(clientId, create = true) {
    let c = clients.get(clientId);
    if (!c && create) {
      c = {
        authRequired: false,
        tamper: '',
        tokenStatus: 200,
        tamperNonce: false,
        replayCode: false,
        profile: null,
        storageBlocked: false,
        storageAccess: 'grant',
        session: true,
        emailVerified: true,
        returning: false,
        appKeys: '0',
        decision: '',
        delayMs: 0,
        silent: false,
        error: '',
        errorMessage: '',
        approvals: new Map(),
        codes: new Map(),
        signinCodes: new Map(),
      };
      clients.set(clientId, c);
    }
    return c;
  }

  /** The profile a client's pages follow: its own, else the global one. */
  function profileOf(clientId) {
    return getClient(clientId, false)?.profile ?? switches.profile;
  }

  /**
   * The data attributes the page scripts of the aveid.net profile read (none
   * in the basic profile: its pages stay exactly as they were).
   */
  function liveAttrs(clientId) {
    if (profileOf(clientId) !== 'aveid.net') return {};
    const c = getClient(clientId, false);
    return {
      'data-profile': 'aveid.net',
      'data-storage-blocked': c?.storageBlocked ? '1' : '0',
      'data-storage-access': c?.storageAccess ?? 'grant',
      'data-session': c?.session ?? true ? '1' : '0',
      'data-email-verified': c?.emailVerified ?? true ? '1' : '0',
      'data-returning': c?.returning ? '1' : '0',
    };
  }

  /** `data-app-key-fragment` when the client's `appKeys` switch is on (both profiles). */
  function appKeyAttrs(clientId) {
    const fragment = appKeyFragment(getClient(clientId, false)?.appKeys ?? '0');
    return fragment ? { 'data-app-key-fragment': fragment } : {};
  }

  /**
   * The data attributes of a page that answers to a redirect_uri (sign-in,
   * connect): its flow, the client, where it posts, and the client's switches.
   */
  function redirectPageAttrs(kind, clientId, redirectUri, q) {
    const client = getClient(clientId, false);
    return {
      ...flowAttrs(openFlow(kind, clientId, q)),
      'data-client-id': clientId,
      'data-redirect-uri': redirectUri,
      'data-auth-required': client?.authRequired ? '1' : '0',
      'data-tamper': client?.tamper ?? '',
      ...liveAttrs(clientId),
      ...appKeyAttrs(clientId),
    };
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
      // `profile` is the effective one (the client's own, else the global one).
      profile: profileOf(clientId),
      clientProfile: c?.profile ?? null,
      globalProfile: switches.profile,
      storageBlocked: c?.storageBlocked ?? false,
      storageAccess: c?.storageAccess ?? 'grant',
      session: c?.session ?? true,
      emailVerified: c?.emailVerified ?? true,
      runtimeListenerDelayMs: switches.runtimeListenerDelayMs,
      returning: c?.returning ?? false,
      appKeys: c?.appKeys ?? '0',
      appKeyValues: { ...APP_KEY_VALUES },
      appKeyFragment: appKeyFragment(c?.appKeys ?? '0'),
      decision: c?.decision ?? '',
      delayMs: c?.delayMs ?? 0,
      silent: c?.silent ?? false,
      error: c?.error ?? '',
      errorMessage: c?.errorMessage ?? '',
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
      switches.profile = defaultProfile;
      switches.runtimeListenerDelayMs = null;
      runtimeScript = null;
      flows.clear();
      records.requests.length = 0;
      records.messages.length = 0;
    } else {
      clients.delete(clientId);
    }
  }

  // ---------------------------------------------------------------- flows

  /** Appends `entry`, keeping the last MAX_RECORDS of `list`. */
  function keep(list, entry) {
    list.push(entry);
    if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
  }

  /** A flow for a page being rendered; its id goes into the page (`data-flow-id`). */
  function openFlow(kind, clientId, query) {
    flowCount += 1;
    const flow = { id: `flow-${flowCount}`, kind, clientId, query: Object.fromEntries(query), openedAt: Date.now(), decision: null, decidedAt: null };
    flows.set(flow.id, flow);
    if (flows.size > MAX_RECORDS) flows.delete(flows.keys().next().value);
    for (const listener of flowListeners) listener(flow);
    return flow;
  }

  /**
   * The test decides for the user of an open page (it clicks the button
   * within ~200 ms, as soon as the button shows). Throws for a flow that
   * does not exist, a page without that decision, or a second decision.
   */
  function decide(flowId, decision) {
    const flow = flows.get(flowId);
    if (!flow) throw new Error(`mock issuer: no flow ${JSON.stringify(String(flowId).slice(0, 60))} (flow ids come from nextFlow() or flows())`);
    const buttons = DECISION_BUTTONS[flow.kind];
    if (!buttons) throw new Error(`mock issuer: flow ${flow.id} is a ${flow.kind} page, which takes no decision`);
    if (typeof decision !== 'string' || !Object.hasOwn(buttons, decision)) {
      throw new TypeError(`mock issuer: a ${flow.kind} page takes ${Object.keys(buttons).join(', ')}, not ${JSON.stringify(decision)}`);
    }
    if (flow.decision) throw new Error(`mock issuer: flow ${flow.id} was already decided (${flow.decision})`);
    flow.decision = decision;
    flow.decidedAt = Date.now();
  }

  /** The data attributes of a flow's page: its id, its buttons, and the client's scripted behaviour. */
  function flowAttrs(flow) {
    const c = getClient(flow.clientId, false);
    const attrs = { 'data-flow-id': flow.id };
    if (DECISION_BUTTONS[flow.kind]) attrs['data-buttons'] = JSON.stringify(DECISION_BUTTONS[flow.kind]);
    if (c?.decision) attrs['data-decision'] = c.decision;
    if (c?.delayMs) attrs['data-delay-ms'] = String(c.delayMs);
    if (c?.silent) attrs['data-silent'] = '1';
    if (c?.error) {
      attrs['data-error'] = c.error;
      attrs['data-error-message'] = c.errorMessage || 'Mock issuer error';
    }
    return attrs;
  }

  /** What the pages tell about themselves: `GET /__mock/flows/ID` (the test's decision), `POST /__mock/flows/ID/messages`. */
  async function flowApi(req, res, id, what) {
    const flow = flows.get(id);
    if (!flow) return sendJson(req, res, 404, { ok: false, error: 'unknown flow' });
    if (what === undefined) {
      if (!allowGet(req, res)) return;
      return sendJson(req, res, 200, { decision: flow.decision });
    }
    if (what !== 'messages') return notFound(req, res);
    const post = await samePagePost(req, res, 'record');
    if (!post) return;
    const { body, bad } = post;
    if (body.direction !== 'received' && body.direction !== 'posted') return bad('direction must be received or posted');
    if (typeof body.origin !== 'string') return bad('origin must be a string');
    keep(records.messages, { flowId: flow.id, kind: flow.kind, clientId: flow.clientId, direction: body.direction, origin: body.origin, data: body.data, at: Date.now() });
    send(req, res, 204);
  }

  /** Every code issued (sign-in and connector), with whether and when it was exchanged. */
  function codes() {
    const list = [];
    for (const [clientId, c] of clients) {
      for (const [code, r] of c.signinCodes) {
        list.push({ kind: 'signin', code, clientId, redirectUri: r.redirect_uri, scope: r.scope, nonce: r.nonce, issuedAt: r.issuedAt, exchanged: r.used, exchangedAt: r.usedAt });
      }
      for (const [code, r] of c.codes) {
        list.push({ kind: 'connector', code, clientId, redirectUri: r.redirect_uri, resource: r.resource, scope: r.scope, approved: r.approved, issuedAt: r.issuedAt });
      }
    }
    return list.sort((a, b) => a.issuedAt - b.issuedAt);
  }

  // ---------------------------------------------------------------- pages

  function errorPage(req, res, theme, message) {
    const body = `<main class="card">
${brand()}
<h1>Invalid request</h1>
<p class="error" id="error">${escapeHtml(message)}</p>
</main>`;
    sendPage(req, res, 400, { title: 'Invalid request · Ave (mock)', theme, body });
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
    const live = profileOf(clientId) === 'aveid.net';
    const attrs = {
      ...redirectPageAttrs('connect', clientId, redirectUri, q),
      'data-mode': mode,
      'data-resource': resource,
      'data-scope': scope,
    };
    if (state) attrs['data-state'] = state;

    let inner;
    if (mode === 'background' && !live) {
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
      // aveid.net profile: the consent is shown in both modes, once the script
      // knows the page sees a session.
      const hidden = client?.authRequired || live ? ' hidden' : '';
      const verify = live
        ? `<section id="verify-email" hidden>
<h1>Verify your email</h1>
<p class="lead">Verify the email address of your Ave account to connect <strong>${escapeHtml(clientId)}</strong>.</p>
</section>
`
        : '';
      inner = `${verify}<section id="consent"${hidden}>
<h1>Authorize access</h1>
<p class="lead"><strong id="client-id">${escapeHtml(clientId)}</strong> wants to access a resource on your behalf.</p>
<dl class="facts">
<dt>Application</dt><dd>${escapeHtml(clientId)}</dd>
<dt>Resource</dt><dd id="resource">${escapeHtml(resource)}</dd>${live ? `\n<dt>Mode</dt><dd id="mode">${escapeHtml(mode)}</dd>` : ''}
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

    const attrText = attributes(attrs);
    const body = `<main class="card" id="ave-connect"${attrText}>
${brand()}
${inner}
</main>`;
    sendPage(req, res, 200, { title: 'Authorize access · Ave (mock)', theme, body, script: 'connect.js' });
  }

  function runtimePage(req, res, q) {
    const target = q.get('target') || 'resource';
    const mode = q.get('mode') || '';
    // No client here: the global profile decides the handshake.
    const attrs = { ...flowAttrs(openFlow('runtime', null, q)), 'data-target': target, 'data-mode': mode };
    if (switches.profile === 'aveid.net') attrs['data-profile'] = 'aveid.net';
    const listenerDelay = switches.runtimeListenerDelayMs ?? (switches.profile === 'aveid.net' ? LIVE_RUNTIME_LISTENER_DELAY_MS : null);
    if (listenerDelay !== null) attrs['data-listener-delay-ms'] = String(listenerDelay);
    if (runtimeScript) attrs['data-script'] = JSON.stringify(runtimeScript);
    const body = `<main class="runtime" id="ave-runtime"${attributes(attrs)}>
<p class="status" id="status" role="status">Runtime (${escapeHtml(target)}): waiting for host…</p>
</main>`;
    sendPage(req, res, 200, { title: 'Ave runtime (mock)', theme: q.get('theme'), body, script: 'runtime.js', bodyClass: 'runtime-body' });
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
    const live = profileOf(clientId) === 'aveid.net';
    const attrs = { ...redirectPageAttrs('signin', clientId, redirectUri, q), 'data-code': code };
    if (live) attrs['data-embed'] = q.get('embed') === '1' ? '1' : '0';
    if (state) attrs['data-state'] = state;

    const extras = [...q].filter(([k]) => !SIGNIN_PARAMS.has(k));
    const extraRows = extras
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd data-param="${escapeHtml(k)}">${escapeHtml(v)}</dd>`)
      .join('\n');
    const scopes = splitScopes(scope);
    // With the authRequired switch on, the script decides (iframe → auth_required).
    // aveid.net profile: the script always decides (gate, silent sign-in or chooser).
    const hidden = client?.authRequired || live ? ' hidden' : '';
    const attrText = attributes(attrs);
    const body = `<main class="card" id="ave-signin"${attrText}>
${brand()}
${live ? storageGate(clientId) : ''}<section id="chooser"${hidden}>
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
    sendPage(req, res, 200, { title: 'Sign in · Ave (mock)', theme, body, script: 'signin.js' });
  }

  function signPage(req, res, q) {
    const theme = q.get('theme');
    const requestId = q.get('requestId') ?? '';
    if (!requestId.trim()) return errorPage(req, res, theme, 'Missing requestId.');
    // A fake, deterministic "signature" of the request.
    const signature = createHash('sha256').update(`ave-mock-signature\0${requestId}`, 'utf8').digest('base64url');
    const message = `Ave (mock) signing request\nRequest: ${requestId}\nAccount: ${ACCOUNT.email}\nI approve this request.`;
    // The per-client switches of the client whose id is the requestId.
    const live = profileOf(requestId) === 'aveid.net';
    const attrs = {
      ...flowAttrs(openFlow('sign', requestId, q)),
      'data-request-id': requestId,
      'data-signature': signature,
      'data-auth-required': switches.signAuthRequired ? '1' : '0',
      ...liveAttrs(requestId),
    };
    if (live) attrs['data-embed'] = q.get('embed') === '1' ? '1' : '0';
    const attrText = attributes(attrs);
    // The script shows #request once it knows where to answer (basic:
    // document.referrer; aveid.net: redirect_uri, parent_origin, else "*").
    const body = `<main class="card" id="ave-sign"${attrText}>
${brand()}
<h1>Signing request</h1>
${live ? storageGate('', 'h2') : ''}<section id="request" hidden>
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
    sendPage(req, res, 200, { title: 'Signing request · Ave (mock)', theme, body, script: 'sign.js' });
  }

  /**
   * `next` of /login: a URL on this issuer (absolute or path-relative), as a
   * path + query; null otherwise (no open redirect).
   */
  function loginNext(req, next) {
    if (typeof next !== 'string' || next === '') return null;
    const self = `http://${req.headers.host}`;
    try {
      const url = new URL(next, `${self}/`);
      if (url.origin !== self) return null;
      return url;
    } catch {
      return null;
    }
  }

  /** aveid.net profile: the issuer's sign-in page the other pages send a signed-out user to. */
  function loginPage(req, res, q) {
    const theme = q.get('theme');
    const next = loginNext(req, q.get('next'));
    if (!next) return errorPage(req, res, theme, 'next must be a URL on this issuer.');
    const clientId = next.searchParams.get('client_id') ?? next.searchParams.get('requestId') ?? '';
    if (!clientId.trim()) return errorPage(req, res, theme, 'next has no client_id.');
    const attrs = { 'data-next': next.pathname + next.search, 'data-client-id': clientId };
    const attrText = attributes(attrs);
    const body = `<main class="card" id="ave-login"${attrText}>
${brand()}
<h1>Sign in to Ave</h1>
<p class="lead">to continue to <strong id="client-id">${escapeHtml(clientId)}</strong></p>
<div class="account" id="account">
<span class="avatar" aria-hidden="true">AL</span>
<span><span class="account-name">${escapeHtml(ACCOUNT.name)}</span><span class="account-email">${escapeHtml(ACCOUNT.email)}</span></span>
</div>
<p class="muted">(The mock's stand-in for a passkey sign-in.)</p>
<div class="actions">
<button type="button" id="login" class="primary">Sign in as ${escapeHtml(ACCOUNT.name)}</button>
</div>
<p class="status" id="status" role="status" aria-live="polite"></p>
</main>`;
    sendPage(req, res, 200, { title: 'Sign in · Ave (mock)', theme, body, script: 'login.js' });
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
<li><code>GET /login?next</code>, <code>POST /api/session</code> (aveid.net profile)</li>
<li><code>GET /__mock/flows/ID</code>, <code>POST /__mock/flows/ID/messages</code> (the pages' own channel)</li>
<li><code>GET /__mock/config?client_id&amp;authRequired|tamper|tokenStatus|tamperNonce|replayCode|profile|storageBlocked|storageAccess|session|emailVerified|returning|appKeys|decision|delayMs|silent|error|errorMessage</code>, <code>/__mock/config?signAuthRequired=1|0</code>, <code>/__mock/config?profile=aveid.net|basic</code>, <code>/__mock/config?runtimeListenerDelayMs=N|never|</code>, <code>/__mock/reset</code>, <code>/__mock/state</code></li>
</ul>
</main>`;
    sendPage(req, res, 200, { title: 'Mock Ave issuer', theme: target.query.get('theme'), body });
  }

  // ---------------------------------------------------------------- API

  /**
   * The JSON object body of a same-origin POST from one of the issuer's own
   * pages (`what` names the action in the 403), or undefined after answering
   * the error; `bad(message)` answers a 400.
   */
  async function samePagePost(req, res, what) {
    if (req.method !== 'POST') {
      methodNotAllowed(req, res, 'POST');
      return undefined;
    }
    const fail = (status, message) => {
      sendJson(req, res, status, { error: status === 403 ? 'forbidden' : 'invalid_request', message });
      return undefined;
    };
    // Same-origin only (a real issuer would also check the session).
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) return fail(403, `Cross-origin ${what} is not allowed`);
    let body;
    try {
      body = await readJsonBody(req);
    } catch (err) {
      return fail(err?.status ?? 400, err?.message ?? 'Bad body');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'Body must be a JSON object');
    return { body, bad: (message) => sendJson(req, res, 400, { error: 'invalid_request', message }) };
  }

  async function consentApi(req, res) {
    const post = await samePagePost(req, res, 'consent');
    if (!post) return;
    const { body, bad } = post;
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

  /**
   * aveid.net profile, /login's button: `{client_id, framed?}` → 204; the
   * user is now signed in (session=1) for that client. Inside an iframe
   * while third-party storage is blocked the session cookie cannot be set:
   * 401, the live page's dead end.
   */
  async function sessionApi(req, res) {
    const post = await samePagePost(req, res, 'sign-in');
    if (!post) return;
    const { body, bad } = post;
    const { client_id: clientId, framed = false } = body;
    if (typeof clientId !== 'string' || !clientId.trim()) return bad('client_id must be a non-empty string');
    if (typeof framed !== 'boolean') return bad('framed must be a boolean');
    const c = getClient(clientId);
    if (framed && c.storageBlocked) {
      return sendJson(req, res, 401, { error: 'unauthorized', message: 'No session cookie: third-party storage is blocked in this frame' });
    }
    c.session = true;
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

    // Test switch: the endpoint fails for this client (the code is not
    // consumed): 500 with an OAuth error, 503 with a body that is not
    // JSON (a proxy's error page), 0 by dropping the connection.
    const client = getClient(clientId, false);
    if (client?.tokenStatus === 0) return req.socket.destroy();
    if (client?.tokenStatus === 503) return send(req, res, 503, 'Service Unavailable', { ...cors, 'Content-Type': 'text/plain' });
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

  /**
   * Applies the switches in `q` (URLSearchParams: `/__mock/config`'s query,
   * or what `MockIssuer.configure` turned an object into) for `clientId`
   * (per-client switches) or globally. Everything is validated before
   * anything is applied: returns an error message and changes nothing, or
   * null.
   */
  function configure(clientId, q) {
    const known = [
      'client_id', 'authRequired', 'tamper', 'tokenStatus', 'tamperNonce', 'replayCode', 'signAuthRequired',
      'profile', 'storageBlocked', 'storageAccess', 'session', 'emailVerified', 'returning', 'appKeys', 'decision', 'delayMs',
      'silent', 'error', 'errorMessage', 'runtimeListenerDelayMs',
    ];
    const unknown = [...q.keys()].find((k) => !known.includes(k));
    if (unknown !== undefined) return `unknown switch: ${unknown.slice(0, 40)}`;
    const boolFlag = (name) => {
      const v = q.get(name);
      if (v === null) return { set: false };
      if (!['0', '1', 'true', 'false'].includes(v)) return { error: `${name} must be 1 or 0` };
      return { set: true, value: v === '1' || v === 'true' };
    };
    const flags = {};
    for (const name of ['authRequired', 'tamperNonce', 'replayCode', 'signAuthRequired', 'storageBlocked', 'session', 'emailVerified', 'returning', 'silent']) {
      flags[name] = boolFlag(name);
      if (flags[name].error) return flags[name].error;
    }
    // `tamper` simulates a compromised issuer page (for the SDK's redirect checks):
    // origin → redirectUrl on another origin, path → another path, state → wrong state.
    const tamper = q.get('tamper');
    if (tamper !== null && !['', 'origin', 'path', 'state'].includes(tamper)) return 'tamper must be origin, path or state';
    const tokenStatus = q.get('tokenStatus');
    if (tokenStatus !== null && !['200', '500', '503', '0'].includes(tokenStatus)) return 'tokenStatus must be 200, 500, 503 or 0';
    // The behaviour profile: with client_id for that client, without it the global default.
    const profile = q.get('profile');
    if (profile !== null && !PROFILES.includes(profile)) return 'profile must be aveid.net or basic';
    const appKeysRaw = q.get('appKeys');
    const appKeys = new Map([['1', '1'], ['true', '1'], ['raw', 'raw'], ['0', '0'], ['false', '0']]).get(appKeysRaw);
    if (appKeysRaw !== null && appKeys === undefined) return 'appKeys must be 1, raw or 0';
    // Scripted pages: the decision a page takes by itself, how long it
    // loads first, a page that never answers, an issuer error.
    const decision = q.get('decision');
    if (decision !== null && !['', 'approve', 'deny', 'cancel'].includes(decision)) return 'decision must be approve, deny, cancel or empty';
    const delayMs = q.get('delayMs');
    if (delayMs !== null && !(/^\d{1,5}$/.test(delayMs) && Number(delayMs) <= MAX_DELAY_MS)) return `delayMs must be an integer 0..${MAX_DELAY_MS}`;
    const error = q.get('error');
    if (error !== null && !/^[a-z0-9_]{0,64}$/.test(error)) return 'error must be an OAuth-style code ([a-z0-9_], at most 64) or empty';
    const errorMessage = q.get('errorMessage');
    if (errorMessage !== null && errorMessage.length > 200) return 'errorMessage must be at most 200 characters';
    // What the browser answers the gate's document.requestStorageAccess().
    const storageAccess = q.get('storageAccess');
    if (storageAccess !== null && !['grant', 'refuse'].includes(storageAccess)) return 'storageAccess must be grant or refuse';
    // When the runtime page listens: ms after its load, 'never', or '' (the profile's default).
    const listenerDelay = q.get('runtimeListenerDelayMs');
    if (listenerDelay !== null && !(listenerDelay === '' || listenerDelay === 'never' || (/^\d{1,5}$/.test(listenerDelay) && Number(listenerDelay) <= MAX_DELAY_MS))) {
      return `runtimeListenerDelayMs must be an integer 0..${MAX_DELAY_MS}, never, or empty`;
    }

    const perClient = ['authRequired', 'tamperNonce', 'replayCode', 'storageBlocked', 'session', 'emailVerified', 'returning', 'silent'].some((n) => flags[n].set) ||
      [tamper, tokenStatus, appKeysRaw, decision, delayMs, error, errorMessage, storageAccess].some((v) => v !== null);
    const global = flags.signAuthRequired.set || profile !== null || listenerDelay !== null;
    if (!clientId && (perClient || !global)) return 'client_id is required';

    if (flags.signAuthRequired.set) switches.signAuthRequired = flags.signAuthRequired.value;
    if (profile !== null && !clientId) switches.profile = profile;
    if (listenerDelay !== null) switches.runtimeListenerDelayMs = listenerDelay === '' ? null : listenerDelay === 'never' ? 'never' : Number(listenerDelay);
    if (clientId) {
      const c = getClient(clientId);
      for (const name of ['authRequired', 'tamperNonce', 'replayCode', 'storageBlocked', 'session', 'emailVerified', 'returning', 'silent']) {
        if (flags[name].set) c[name] = flags[name].value;
      }
      if (tamper !== null) c.tamper = tamper;
      if (tokenStatus !== null) c.tokenStatus = Number(tokenStatus);
      if (profile !== null) c.profile = profile;
      if (appKeys !== undefined) c.appKeys = appKeys;
      if (decision !== null) c.decision = decision;
      if (delayMs !== null) c.delayMs = Number(delayMs);
      if (error !== null) c.error = error;
      if (errorMessage !== null) c.errorMessage = errorMessage;
      if (storageAccess !== null) c.storageAccess = storageAccess;
    }
    return null;
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
        const error = configure(clientId, q);
        return error ? sendJson(req, res, 400, { ok: false, error }, CORS) : sendJson(req, res, 200, { ok: true }, CORS);
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
    if (first === 'static') return serveStatic(req, res, staticDir, target.segments.slice(1));
    if (first === '__mock' && second === 'flows' && target.segments.length <= 4) return flowApi(req, res, target.segments[2], target.segments[3]);
    if (first === '__mock' && target.segments.length === 2) return mockApi(req, res, second, target.query);
    keep(records.requests, { method: req.method, path: p, query: Object.fromEntries(target.query), at: Date.now() });
    if (p === '/api/consent') return consentApi(req, res);
    if (p === '/api/session') return sessionApi(req, res);
    if (p === '/api/oauth/token') return tokenApi(req, res);
    if (p === '/favicon.ico') return allowGet(req, res) && send(req, res, 204);
    if (!allowGet(req, res)) return;
    if (p === '/') return indexPage(req, res, target);
    if (p === '/connect') return connectPage(req, res, target.query);
    if (p === '/connect/runtime') return runtimePage(req, res, target.query);
    if (p === '/signin') return signinPage(req, res, target);
    if (p === '/sign') return signPage(req, res, target.query);
    if (p === '/login') return loginPage(req, res, target.query);
    return notFound(req, res);
  }

  return {
    handle,
    reset,
    state: clientState,
    configure,
    decide,
    codes,
    flows: () => [...flows.values()],
    records,
    flowListeners,
    /** The runtime page's script from its next render on (null: the default answers). */
    setRuntimeScript(script) {
      runtimeScript = script;
    },
  };
}
