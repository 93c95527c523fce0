// FedCM: the issuer's side of the browser's own account chooser
// (`navigator.credentials.get({identity})`), as the live issuer serves it
// (docs in ../README.md "FedCM"): the well-known file, the config, the
// accounts list (needs the browser's session at the issuer: a cookie, and
// `Set-Login`), the client metadata, the assertion (a signed JWT carrying a
// one-time sign-in code of the mock's state) and its exchange for the
// usual tokens. Every FedCM fetch of the browser carries
// `Sec-Fetch-Dest: webidentity`; the accounts and assertion endpoints
// require it, as the live ones do.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { allowGet, methodNotAllowed, notFound, readFormBody, send, sendHtml, sendJson } from '../http.mjs';
import { ACCOUNT, SIGNIN_CODE_TTL_MS, findSigninCode, getClient, issueSigninCode } from './state.mjs';
import { APP_KEY_VALUES } from './switches.mjs';
import { b64urlJson, failedByTokenStatus, tokenRequest, tokenResponse } from './tokens.mjs';

/** The cookie of the browser's session at the issuer (what FedCM's accounts and assertion requests carry). */
const SESSION_COOKIE = 'ave_mock_idp';
const SESSION_MAX_AGE_S = 24 * 3600;
const ASSERTION_TTL_S = 5 * 60;
/** The live issuer's scope when the call's params have none. */
const DEFAULT_SCOPE = 'openid profile email';

const selfOrigin = (req) => `http://${req.headers.host}`;
const endpoint = (req, name) => `${selfOrigin(req)}/api/oauth/fedcm/${name}`;
const loginUrl = (req) => `${selfOrigin(req)}/login`;
const docsUrl = (req) => `${selfOrigin(req)}/docs`;

// ------------------------------------------------------------ the session

/**
 * Signs the browser in at the issuer: the headers of a response that sets
 * a new session cookie (`SameSite=None; Secure`: FedCM sends it
 * cross-site; Chromium takes Secure cookies on http://127.0.0.1 and
 * localhost) and tells the browser `Set-Login: logged-in`.
 */
export function idpLoginHeaders(state) {
  const id = randomBytes(18).toString('base64url');
  state.fedcm.sessions.add(id);
  return {
    'Set-Cookie': `${SESSION_COOKIE}=${id}; Path=/; Max-Age=${SESSION_MAX_AGE_S}; HttpOnly; Secure; SameSite=None`,
    'Set-Login': 'logged-in',
  };
}

/** The session id of the request's cookie, when the issuer knows it. */
function sessionOf(state, req) {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    const id = value.join('=');
    if (name === SESSION_COOKIE && state.fedcm.sessions.has(id)) return id;
  }
  return undefined;
}

const page = (title, text) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body><p id="status">${text}</p></body>
</html>
`;

/**
 * `GET /__mock/fedcm-login`: the browser that opens it is signed in at the
 * issuer; `GET /__mock/fedcm-logout`: signed out (the cookie cleared,
 * `Set-Login: logged-out`). A test opens them top-level in the app's
 * browser context (MockIssuer.fedcmLogin / fedcmLogout).
 */
export function fedcmSessionPage(state, req, res, action) {
  if (!allowGet(req, res)) return;
  if (action === 'login') {
    return sendHtml(req, res, 200, page('Signed in · Ave (mock)', 'Signed in at the mock issuer as Ada Lovelace (FedCM).'), idpLoginHeaders(state));
  }
  const id = sessionOf(state, req);
  if (id !== undefined) state.fedcm.sessions.delete(id);
  sendHtml(req, res, 200, page('Signed out · Ave (mock)', 'Signed out at the mock issuer (FedCM).'), {
    'Set-Cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=None`,
    'Set-Login': 'logged-out',
  });
}

// -------------------------------------------------------------- assertion

function sign(state, input) {
  return createHmac('sha256', state.fedcm.key).update(input, 'utf8').digest('base64url');
}

/** A JWT (HS256 with the mock's own key) of `claims`. */
function signedJwt(state, claims) {
  const input = `${b64urlJson({ alg: 'HS256', typ: 'JWT' })}.${b64urlJson(claims)}`;
  return `${input}.${sign(state, input)}`;
}

/** The claims of an assertion this issuer signed and that has not expired, else null. */
function verifiedAssertion(state, token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const expected = Buffer.from(sign(state, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!claims || typeof claims !== 'object' || claims.typ !== 'ave_fedcm') return null;
  if (!(claims.exp > Date.now() / 1000)) return null;
  return claims;
}

/** The app-key claims of an assertion for the client's `appKeys` switch (the six values, and `app_key_reset` with `1`). */
function appKeyClaims(client) {
  const mode = client?.appKeys ?? '0';
  if (mode === '0') return {};
  return { ...APP_KEY_VALUES, ...(mode === '1' ? { app_key_reset: true } : {}) };
}

function absoluteHttpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The one account, as the accounts endpoint lists it. */
function account(state) {
  const approved = new Set(state.fedcm.approvedClients);
  for (const [clientId, c] of state.clients) if (c.returning) approved.add(clientId);
  return {
    id: ACCOUNT.sub,
    given_name: ACCOUNT.name.split(' ')[0],
    name: ACCOUNT.name,
    email: ACCOUNT.email,
    approved_clients: [...approved],
    login_hints: [ACCOUNT.email, ACCOUNT.sub],
  };
}

async function assertionApi(state, req, res, record) {
  const origin = typeof req.headers.origin === 'string' && req.headers.origin !== '' ? req.headers.origin : undefined;
  // The browser reads the answer only with both (credentialed CORS).
  const cors = origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {};
  if (req.method === 'OPTIONS') {
    return send(req, res, 204, '', { ...cors, 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': 'content-type' });
  }
  if (req.method !== 'POST') return methodNotAllowed(req, res, 'POST, OPTIONS');
  const fail = (status, code, url, headers = {}) => sendJson(req, res, status, { error: { code, url } }, { ...cors, ...headers });
  if (req.headers['sec-fetch-dest'] !== 'webidentity') {
    return sendJson(req, res, 400, { error: 'invalid_request', error_description: 'FedCM requests must carry Sec-Fetch-Dest: webidentity' }, cors);
  }
  let form;
  try {
    form = await readFormBody(req);
  } catch (err) {
    return fail(err?.status ?? 400, 'invalid_request', docsUrl(req));
  }
  record.form = Object.fromEntries(form);
  if (!origin) return fail(403, 'access_denied', docsUrl(req));
  if (sessionOf(state, req) === undefined) return fail(401, 'access_denied', loginUrl(req), { 'Set-Login': 'logged-out' });

  const clientId = form.get('client_id') ?? '';
  if (!clientId.trim()) return fail(400, 'invalid_request', docsUrl(req));
  let params = {};
  const rawParams = form.get('params');
  if (rawParams) {
    try {
      params = JSON.parse(rawParams);
    } catch {
      return fail(400, 'invalid_request', docsUrl(req));
    }
    if (!params || typeof params !== 'object' || Array.isArray(params)) return fail(400, 'invalid_request', docsUrl(req));
  }
  const redirect = absoluteHttpUrl(params.redirectUri);
  if (!redirect) return fail(400, 'invalid_request', docsUrl(req));
  // The live issuer takes the call only from an origin of the app (its redirect URIs' origins).
  if (redirect.origin !== origin) return fail(403, 'access_denied', docsUrl(req));
  if (form.get('account_id') !== ACCOUNT.sub) return fail(403, 'access_denied', loginUrl(req));

  const client = getClient(state, clientId, false);
  // Test switch: the issuer answers an error (IdentityCredentialError in the page).
  if (client?.fedcm === 'error') return fail(400, client.fedcmError || 'server_error', docsUrl(req), { 'Set-Login': 'logged-in' });

  const scope = typeof params.scope === 'string' ? params.scope : DEFAULT_SCOPE;
  const oauthState = typeof params.state === 'string' && params.state !== '' ? params.state : undefined;
  const nonce = typeof params.nonce === 'string' ? params.nonce : form.get('nonce') || undefined;
  const code = issueSigninCode(state, clientId, { redirect_uri: params.redirectUri, scope, nonce, state: oauthState, fedcm: true });
  state.fedcm.approvedClients.add(clientId);
  const iat = Math.floor(Date.now() / 1000);
  const claims = {
    iss: selfOrigin(req),
    aud: clientId,
    sub: ACCOUNT.sub,
    typ: 'ave_fedcm',
    code,
    client_id: clientId,
    redirect_uri: params.redirectUri,
    ...(oauthState !== undefined ? { state: oauthState } : {}),
    ...(nonce !== undefined ? { nonce } : {}),
    ...appKeyClaims(client),
    iat,
    exp: iat + ASSERTION_TTL_S,
  };
  sendJson(req, res, 200, { token: signedJwt(state, claims) }, { ...cors, 'Set-Login': 'logged-in' });
}

// --------------------------------------------------------------- exchange

async function exchangeApi(state, req, res) {
  const request = await tokenRequest(req, res);
  if (!request) return;
  const { body, cors, fail } = request;
  const { assertion, clientId } = body;
  for (const [name, value] of [['assertion', assertion], ['clientId', clientId]]) {
    if (typeof value !== 'string' || value === '') return fail(400, 'invalid_request', `${name} must be a non-empty string`);
  }
  // Test switch `tokenStatus`, as at /api/oauth/token (the code is not consumed).
  if (failedByTokenStatus(req, res, getClient(state, clientId, false), cors)) return;

  const claims = verifiedAssertion(state, assertion);
  if (!claims) return fail(400, 'invalid_grant', 'Invalid FedCM assertion');
  if (claims.client_id !== clientId) return fail(400, 'invalid_client', 'Client mismatch');
  if (typeof claims.code !== 'string' || typeof claims.redirect_uri !== 'string') return fail(400, 'invalid_request', 'Malformed FedCM assertion');
  const record = findSigninCode(state, claims.code);
  if (!record || record.fedcm !== true) return fail(400, 'invalid_grant', 'Authorization code not found');
  if (record.used) return fail(400, 'invalid_grant', 'Authorization code already used');
  record.used = true; // single use: consumed by its first exchange attempt, success or not
  record.usedAt = Date.now();
  if (Date.now() - record.issuedAt > SIGNIN_CODE_TTL_MS) return fail(400, 'invalid_grant', 'Authorization code expired');
  if (record.client_id !== clientId || record.redirect_uri !== claims.redirect_uri) {
    return fail(400, 'invalid_grant', 'FedCM assertion does not match authorization');
  }
  sendJson(req, res, 200, tokenResponse(req, record, getClient(state, record.client_id, false)), cors);
}

// ----------------------------------------------------------------- routes

/** The FedCM paths (mock-issuer.mjs routes them here). */
export function isFedcmPath(pathname) {
  return pathname === '/.well-known/web-identity' || pathname.startsWith('/api/oauth/fedcm/');
}

/** Answers a FedCM path; `record`: the request's entry in `requests()`, where the assertion's form is kept. */
export async function fedcmApi(state, req, res, pathname, record) {
  const name = pathname.slice('/api/oauth/fedcm/'.length);
  if (name === 'assertion') return assertionApi(state, req, res, record);
  if (name === 'exchange') return exchangeApi(state, req, res);
  if (!allowGet(req, res)) return;
  if (pathname === '/.well-known/web-identity') {
    return sendJson(req, res, 200, {
      provider_urls: [endpoint(req, 'config')],
      accounts_endpoint: endpoint(req, 'accounts'),
      login_url: loginUrl(req),
    });
  }
  if (name === 'config') {
    return sendJson(req, res, 200, {
      accounts_endpoint: endpoint(req, 'accounts'),
      id_assertion_endpoint: endpoint(req, 'assertion'),
      client_metadata_endpoint: endpoint(req, 'client-metadata'),
      login_url: loginUrl(req),
    });
  }
  if (name === 'client-metadata') {
    return sendJson(req, res, 200, { privacy_policy_url: `${selfOrigin(req)}/privacy`, terms_of_service_url: `${selfOrigin(req)}/terms` });
  }
  if (name === 'accounts') {
    if (req.headers['sec-fetch-dest'] !== 'webidentity') {
      return sendJson(req, res, 400, { error: 'invalid_request', error_description: 'FedCM requests must carry Sec-Fetch-Dest: webidentity' });
    }
    if (sessionOf(state, req) === undefined) return sendJson(req, res, 401, { accounts: [] }, { 'Set-Login': 'logged-out' });
    return sendJson(req, res, 200, { accounts: [account(state)] }, { 'Set-Login': 'logged-in' });
  }
  return notFound(req, res);
}
