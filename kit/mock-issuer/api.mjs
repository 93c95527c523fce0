// What the issuer answers to POSTs: its own pages' /api/consent and
// /api/session, and the app's token exchange at /api/oauth/token.

import { createHash, timingSafeEqual } from 'node:crypto';
import { methodNotAllowed, readJsonBody, send, sendJson } from '../http.mjs';
import { idpLoginHeaders } from './fedcm.mjs';
import { SIGNIN_CODE_TTL_MS, findSigninCode, getClient, recordApproval } from './state.mjs';
import { failedByTokenStatus, tokenRequest, tokenResponse } from './tokens.mjs';

/** Constant-time string comparison. */
function sameString(a, b) {
  const x = Buffer.from(String(a), 'utf8');
  const y = Buffer.from(String(b), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The JSON object body of a same-origin POST from one of the issuer's own
 * pages (`what` names the action in the 403), or undefined after answering
 * the error; `bad(message)` answers a 400.
 */
export async function samePagePost(req, res, what) {
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

export async function consentApi(state, req, res) {
  const post = await samePagePost(req, res, 'consent');
  if (!post) return;
  const { body, bad } = post;
  const { client_id: clientId, resource, scope = '', code } = body;
  if (typeof clientId !== 'string' || !clientId.trim()) return bad('client_id must be a non-empty string');
  if (typeof resource !== 'string' || !resource.trim()) return bad('resource must be a non-empty string');
  if (typeof scope !== 'string') return bad('scope must be a string');
  let codeRecord;
  if (code !== undefined) {
    codeRecord = typeof code === 'string' ? getClient(state, clientId, false)?.codes.get(code) : undefined;
    if (!codeRecord || codeRecord.resource !== resource || codeRecord.scope !== scope) return bad('Unknown code for this client/resource/scope');
  }
  recordApproval(state, clientId, resource, scope);
  if (codeRecord) codeRecord.approved = true;
  send(req, res, 204);
}

/**
 * aveid.net profile, /login's button: `{client_id, framed?}` → 204; the
 * user is now signed in (session=1) for that client, and the browser at
 * the issuer (the IdP session cookie FedCM sends, with `Set-Login:
 * logged-in`, fedcm.mjs). Inside an iframe
 * while third-party storage is blocked the session cookie cannot be set:
 * 401, the live page's dead end.
 */
export async function sessionApi(state, req, res) {
  const post = await samePagePost(req, res, 'sign-in');
  if (!post) return;
  const { body, bad } = post;
  const { client_id: clientId, framed = false } = body;
  if (typeof clientId !== 'string' || !clientId.trim()) return bad('client_id must be a non-empty string');
  if (typeof framed !== 'boolean') return bad('framed must be a boolean');
  const c = getClient(state, clientId);
  if (framed && c.storageBlocked) {
    return sendJson(req, res, 401, { error: 'unauthorized', message: 'No session cookie: third-party storage is blocked in this frame' });
  }
  c.session = true;
  send(req, res, 204, '', idpLoginHeaders(state));
}

function pkceOk(record, verifier) {
  if (record.code_challenge === undefined) return true;
  if (typeof verifier !== 'string' || verifier === '') return false;
  const expected = record.code_challenge_method === 'S256'
    ? createHash('sha256').update(verifier, 'ascii').digest('base64url')
    : verifier;
  return sameString(expected, record.code_challenge);
}

export async function tokenApi(state, req, res) {
  const request = await tokenRequest(req, res);
  if (!request) return;
  const { body, cors, fail } = request;
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

  // Test switch `tokenStatus`: the endpoint fails for this client (the code is not consumed).
  if (failedByTokenStatus(req, res, getClient(state, clientId, false), cors)) return;

  const record = findSigninCode(state, code);
  if (!record) return fail(400, 'invalid_grant', 'Unknown authorization code');
  if (record.used) return fail(400, 'invalid_grant', 'Authorization code already used');
  record.used = true; // single use: consumed by its first exchange attempt, success or not
  record.usedAt = Date.now();
  if (Date.now() - record.issuedAt > SIGNIN_CODE_TTL_MS) return fail(400, 'invalid_grant', 'Authorization code expired');
  if (record.client_id !== clientId) return fail(400, 'invalid_grant', 'Authorization code was issued to another client');
  if (record.redirect_uri !== redirectUri) return fail(400, 'invalid_grant', 'redirectUri does not match the authorization request');
  if (!pkceOk(record, codeVerifier)) return fail(400, 'invalid_grant', 'PKCE verification failed');

  return sendJson(req, res, 200, tokenResponse(req, record, getClient(state, record.client_id, false)), cors);
}
