// What the two code exchanges share: the app's token exchange at
// /api/oauth/token (api.mjs) and the FedCM exchange at
// /api/oauth/fedcm/exchange (fedcm.mjs) answer with the same CORS, fail
// the same way for the `tokenStatus` switch, and build the same tokens.

import { randomBytes } from 'node:crypto';
import { readJsonBody, send, sendJson } from '../http.mjs';
import { ACCOUNT } from './state.mjs';

const TOKEN_TTL_S = 3600;

/** base64url (no padding) of a JSON value. */
export function b64urlJson(value) {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** CORS of the exchanges: the request's Origin is reflected. */
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

/**
 * Test switch `tokenStatus` of `client` (the exchange fails; the code is
 * not consumed): 500 with an OAuth error, 503 with a body that is not
 * JSON (a proxy's error page), 0 by dropping the connection. Returns true
 * when it answered.
 */
export function failedByTokenStatus(req, res, client, cors) {
  if (!client || client.tokenStatus === 200) return false;
  if (client.tokenStatus === 0) req.socket.destroy();
  else if (client.tokenStatus === 503) send(req, res, 503, 'Service Unavailable', { ...cors, 'Content-Type': 'text/plain' });
  else sendJson(req, res, client.tokenStatus, { error: 'server_error', error_description: 'Mock token endpoint failure' }, cors);
  return true;
}

/**
 * An unsigned test JWT (header.claims. with an empty signature) for the
 * code `record`; `nonce` as the code was issued with, or tampered
 * (`tamperNonce` of its client).
 */
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
  return `${b64urlJson({ alg: 'none', typ: 'JWT' })}.${b64urlJson(claims)}.`;
}

/** The 200 answer of an exchange of the sign-in code `record` (its client: `owner`). */
export function tokenResponse(req, record, owner) {
  return {
    access_token: randomBytes(32).toString('base64url'),
    token_type: 'Bearer',
    expires_in: TOKEN_TTL_S,
    scope: record.scope,
    id_token: idToken(req, record, owner),
  };
}

/**
 * The JSON object body of an app's POST to a token endpoint (the code
 * exchange, FedCM's exchange), with its CORS answers: `{ body, cors, fail }`,
 * or undefined after answering the preflight, a wrong method or a bad body
 * (`fail(status, error, description?)` answers an OAuth error).
 */
export async function tokenRequest(req, res) {
  const cors = tokenCors(req);
  const fail = (status, error, description) =>
    sendJson(req, res, status, description === undefined ? { error } : { error, error_description: description }, cors);
  if (req.method === 'OPTIONS') return void send(req, res, 204, '', { ...cors, 'Access-Control-Max-Age': '600' });
  if (req.method !== 'POST') {
    return void sendJson(req, res, 405, { error: 'invalid_request', error_description: 'Use POST' }, { ...cors, Allow: 'POST, OPTIONS' });
  }
  const type = String(req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
  let body;
  try {
    body = await readJsonBody(req);
  } catch (err) {
    return void fail(err?.status ?? 400, 'invalid_request', err?.message ?? 'Bad body');
  }
  if (type !== 'application/json') return void fail(400, 'invalid_request', 'Content-Type must be application/json');
  if (!body || typeof body !== 'object' || Array.isArray(body)) return void fail(400, 'invalid_request', 'Body must be a JSON object');
  return { body, cors, fail };
}
