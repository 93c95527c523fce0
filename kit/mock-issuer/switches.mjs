// The switches a test sets (../README.md "Switches"): `configure` validates and
// applies them (MockIssuer.configure, /__mock/config), `clientState` reads
// them back (MockIssuer.state, /__mock/state).

import { createHash } from 'node:crypto';
import { getClient, profileOf } from './state.mjs';

export const PROFILES = Object.freeze(['aveid.net', 'basic']);
const MAX_DELAY_MS = 60000;
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

export function clientState(state, clientId) {
  const c = getClient(state, clientId, false);
  return {
    ok: true,
    client_id: clientId,
    authRequired: c?.authRequired ?? false,
    tamper: c?.tamper ?? '',
    tokenStatus: c?.tokenStatus ?? 200,
    tamperNonce: c?.tamperNonce ?? false,
    replayCode: c?.replayCode ?? false,
    signAuthRequired: state.switches.signAuthRequired,
    // `profile` is the effective one (the client's own, else the global one).
    profile: profileOf(state, clientId),
    clientProfile: c?.profile ?? null,
    globalProfile: state.switches.profile,
    storageBlocked: c?.storageBlocked ?? false,
    storageAccess: c?.storageAccess ?? 'grant',
    session: c?.session ?? true,
    emailVerified: c?.emailVerified ?? true,
    runtimeListenerDelayMs: state.switches.runtimeListenerDelayMs,
    returning: c?.returning ?? false,
    appKeys: c?.appKeys ?? '0',
    appKeyValues: { ...APP_KEY_VALUES },
    appKeyFragment: appKeyFragment(c?.appKeys ?? '0'),
    decision: c?.decision ?? '',
    delayMs: c?.delayMs ?? 0,
    silent: c?.silent ?? false,
    error: c?.error ?? '',
    errorMessage: c?.errorMessage ?? '',
    fedcm: c?.fedcm ?? 'approve',
    fedcmError: c?.fedcmError ?? '',
    approvals: c ? [...c.approvals].map(([resource, scopes]) => ({ resource, scopes: [...scopes] })) : [],
    codes: c ? [...c.codes].map(([code, r]) => ({ code, ...r })) : [],
    // Everything the code is bound to, plus `used`. Verifiers are never stored.
    signinCodes: c ? [...c.signinCodes].map(([code, r]) => ({ code, ...r })) : [],
  };
}

/**
 * Applies the switches in `q` (URLSearchParams: `/__mock/config`'s query,
 * or what `MockIssuer.configure` turned an object into) for `clientId`
 * (per-client switches) or globally. Everything is validated before
 * anything is applied: returns an error message and changes nothing, or
 * null.
 */
export function configure(state, clientId, q) {
  const known = [
    'client_id', 'authRequired', 'tamper', 'tokenStatus', 'tamperNonce', 'replayCode', 'signAuthRequired',
    'profile', 'storageBlocked', 'storageAccess', 'session', 'emailVerified', 'returning', 'appKeys', 'decision', 'delayMs',
    'silent', 'error', 'errorMessage', 'runtimeListenerDelayMs', 'fedcm', 'fedcmError',
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
  // FedCM: what the assertion endpoint answers a signed-in user (fedcm.mjs).
  const fedcm = q.get('fedcm');
  if (fedcm !== null && !['approve', 'error'].includes(fedcm)) return 'fedcm must be approve or error';
  const fedcmError = q.get('fedcmError');
  if (fedcmError !== null && !/^[a-z0-9_]{0,64}$/.test(fedcmError)) return 'fedcmError must be an OAuth-style code ([a-z0-9_], at most 64) or empty';
  // What the browser answers the gate's document.requestStorageAccess().
  const storageAccess = q.get('storageAccess');
  if (storageAccess !== null && !['grant', 'refuse'].includes(storageAccess)) return 'storageAccess must be grant or refuse';
  // When the runtime page listens: ms after its load, 'never', or '' (the profile's default).
  const listenerDelay = q.get('runtimeListenerDelayMs');
  if (listenerDelay !== null && !(listenerDelay === '' || listenerDelay === 'never' || (/^\d{1,5}$/.test(listenerDelay) && Number(listenerDelay) <= MAX_DELAY_MS))) {
    return `runtimeListenerDelayMs must be an integer 0..${MAX_DELAY_MS}, never, or empty`;
  }

  const perClient = ['authRequired', 'tamperNonce', 'replayCode', 'storageBlocked', 'session', 'emailVerified', 'returning', 'silent'].some((n) => flags[n].set) ||
    [tamper, tokenStatus, appKeysRaw, decision, delayMs, error, errorMessage, storageAccess, fedcm, fedcmError].some((v) => v !== null);
  const global = flags.signAuthRequired.set || profile !== null || listenerDelay !== null;
  if (!clientId && (perClient || !global)) return 'client_id is required';

  if (flags.signAuthRequired.set) state.switches.signAuthRequired = flags.signAuthRequired.value;
  if (profile !== null && !clientId) state.switches.profile = profile;
  if (listenerDelay !== null) state.switches.runtimeListenerDelayMs = listenerDelay === '' ? null : listenerDelay === 'never' ? 'never' : Number(listenerDelay);
  if (clientId) {
    const c = getClient(state, clientId);
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
    if (fedcm !== null) c.fedcm = fedcm;
    if (fedcmError !== null) c.fedcmError = fedcmError;
  }
  return null;
}
