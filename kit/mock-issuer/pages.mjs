// The pages a user sees: /signin, /connect, /connect/runtime, /sign, /login
// and the index. Each page a test can act on opens a flow, and its data
// attributes carry what the page script needs (the client's switches).

import { createHash } from 'node:crypto';
import { escapeHtml, send } from '../http.mjs';
import { attributes, brand, errorPage, sendPage, storageGate } from './html.mjs';
import { ACCOUNT, DECISION_BUTTONS, getClient, isApproved, issueCode, issueSigninCode, openFlow, profileOf, splitScopes } from './state.mjs';
import { appKeyFragment } from './switches.mjs';

// Query parameters of /signin that are not "extra" (docs/protocol.md#sign-in-page).
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
/** aveid.net profile: the runtime page adds its listener this long after `load` (the live one: 150–520 ms after hydration). */
const LIVE_RUNTIME_LISTENER_DELAY_MS = 300;

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

/**
 * The data attributes the page scripts of the aveid.net profile read (none
 * in the basic profile: its pages stay exactly as they were).
 */
function liveAttrs(state, clientId) {
  if (profileOf(state, clientId) !== 'aveid.net') return {};
  const c = getClient(state, clientId, false);
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
function appKeyAttrs(state, clientId) {
  const fragment = appKeyFragment(getClient(state, clientId, false)?.appKeys ?? '0');
  return fragment ? { 'data-app-key-fragment': fragment } : {};
}

/**
 * The data attributes of a page that answers to a redirect_uri (sign-in,
 * connect): its flow, the client, where it posts, and the client's switches.
 */
function redirectPageAttrs(state, kind, clientId, redirectUri, q) {
  const client = getClient(state, clientId, false);
  return {
    ...flowAttrs(state, openFlow(state, kind, clientId, q)),
    'data-client-id': clientId,
    'data-redirect-uri': redirectUri,
    'data-auth-required': client?.authRequired ? '1' : '0',
    'data-tamper': client?.tamper ?? '',
    ...liveAttrs(state, clientId),
    ...appKeyAttrs(state, clientId),
  };
}

/** The data attributes of a flow's page: its id, its buttons, and the client's scripted behaviour. */
function flowAttrs(state, flow) {
  const c = getClient(state, flow.clientId, false);
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

export function connectPage(state, req, res, q) {
  const theme = q.get('theme');
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  const resource = q.get('resource') ?? '';
  const scope = q.get('scope') ?? '';
  const mode = q.get('mode') || 'user_present';
  const oauthState = q.get('state');

  if (!clientId.trim()) return errorPage(req, res, theme, 'Missing client_id.');
  if (!parseHttpUrl(redirectUri)) return errorPage(req, res, theme, 'redirect_uri must be an absolute http(s) URL.');
  if (!resource.trim()) return errorPage(req, res, theme, 'Missing resource.');
  if (mode !== 'user_present' && mode !== 'background') return errorPage(req, res, theme, 'Unsupported mode.');

  const client = getClient(state, clientId, false);
  const live = profileOf(state, clientId) === 'aveid.net';
  const attrs = {
    ...redirectPageAttrs(state, 'connect', clientId, redirectUri, q),
    'data-mode': mode,
    'data-resource': resource,
    'data-scope': scope,
  };
  if (oauthState) attrs['data-state'] = oauthState;

  let inner;
  if (mode === 'background' && !live) {
    const approved = isApproved(state, clientId, resource, scope);
    attrs['data-approved'] = approved ? '1' : '0';
    if (approved) attrs['data-code'] = issueCode(state, clientId, { redirect_uri: redirectUri, resource, scope, approved: true, mode });
    inner = `<p class="status" id="status" role="status">Checking authorization…</p>`;
  } else {
    attrs['data-code'] = issueCode(state, clientId, { redirect_uri: redirectUri, resource, scope, approved: false, mode });
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

export function runtimePage(state, req, res, q) {
  const target = q.get('target') || 'resource';
  const mode = q.get('mode') || '';
  // No client here: the global profile decides the handshake.
  const attrs = { ...flowAttrs(state, openFlow(state, 'runtime', null, q)), 'data-target': target, 'data-mode': mode };
  if (state.switches.profile === 'aveid.net') attrs['data-profile'] = 'aveid.net';
  const listenerDelay = state.switches.runtimeListenerDelayMs ?? (state.switches.profile === 'aveid.net' ? LIVE_RUNTIME_LISTENER_DELAY_MS : null);
  if (listenerDelay !== null) attrs['data-listener-delay-ms'] = String(listenerDelay);
  if (state.runtimeScript) attrs['data-script'] = JSON.stringify(state.runtimeScript);
  const body = `<main class="runtime" id="ave-runtime"${attributes(attrs)}>
<p class="status" id="status" role="status">Runtime (${escapeHtml(target)}): waiting for host…</p>
</main>`;
  sendPage(req, res, 200, { title: 'Ave runtime (mock)', theme: q.get('theme'), body, script: 'runtime.js', bodyClass: 'runtime-body' });
}

export function signinPage(state, req, res, target) {
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
  const oauthState = q.get('state');

  if (!clientId.trim()) return errorPage(req, res, theme, 'Missing client_id.');
  if (!parseHttpUrl(redirectUri)) return errorPage(req, res, theme, 'redirect_uri must be an absolute http(s) URL.');
  if (method !== null && method !== 'S256' && method !== 'plain') {
    return errorPage(req, res, theme, 'code_challenge_method must be S256 or plain.');
  }
  if (method !== null && !challenge) return errorPage(req, res, theme, 'code_challenge_method needs a code_challenge.');
  if (challenge === '') return errorPage(req, res, theme, 'code_challenge must not be empty.');
  if (challenge !== null && method === null) method = 'plain'; // RFC 7636 default

  const client = getClient(state, clientId, false);
  // Test switch `replayCode`: hand out this client's most recent code again
  // (typically already exchanged) instead of a fresh one.
  let code = client?.replayCode ? [...client.signinCodes.keys()].pop() : undefined;
  code ??= issueSigninCode(state, clientId, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: challenge ?? undefined,
    code_challenge_method: challenge !== null ? method : undefined,
    nonce,
  });
  const live = profileOf(state, clientId) === 'aveid.net';
  const attrs = { ...redirectPageAttrs(state, 'signin', clientId, redirectUri, q), 'data-code': code };
  if (live) attrs['data-embed'] = q.get('embed') === '1' ? '1' : '0';
  if (oauthState) attrs['data-state'] = oauthState;

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

export function signPage(state, req, res, q) {
  const theme = q.get('theme');
  const requestId = q.get('requestId') ?? '';
  if (!requestId.trim()) return errorPage(req, res, theme, 'Missing requestId.');
  // A fake, deterministic "signature" of the request.
  const signature = createHash('sha256').update(`ave-mock-signature\0${requestId}`, 'utf8').digest('base64url');
  const message = `Ave (mock) signing request\nRequest: ${requestId}\nAccount: ${ACCOUNT.email}\nI approve this request.`;
  // The per-client switches of the client whose id is the requestId.
  const live = profileOf(state, requestId) === 'aveid.net';
  const attrs = {
    ...flowAttrs(state, openFlow(state, 'sign', requestId, q)),
    'data-request-id': requestId,
    'data-signature': signature,
    'data-auth-required': state.switches.signAuthRequired ? '1' : '0',
    ...liveAttrs(state, requestId),
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
export function loginPage(req, res, q) {
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

export function indexPage(req, res, target) {
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
