// Mock Ave issuer for local demos and end-to-end tests.
//
// Close to the real issuer's observable behaviour (see docs/protocol.md#how-the-live-issuer-behaves): the
// sign-in account chooser at /signin (and its /signin → /connect redirect for
// connector requests), the token endpoint at /api/oauth/token, the connector
// consent page at /connect, the signing page at /sign and the protected
// runtime frame at /connect/runtime, and FedCM (the browser's own account
// chooser: /.well-known/web-identity, /api/oauth/fedcm/*). All state lives in memory and is keyed by
// client_id so tests can run in isolation; /__mock/* endpoints let tests
// configure, inspect and reset it.
//
// Two behaviour profiles (README.md): "basic" (the default, simplified pages)
// and "aveid.net" (the live issuer's pages as docs/protocol.md#how-the-live-issuer-behaves
// describes them: the storage-access gate whose popup opens only after the awaited
// storage-access request, /login, ave:auth_required from popups, silent
// sign-in of a returning user, consent always shown and only for a verified
// email, app-key fragment, the runtime's late listener and live handshake).
// A client's profile is its own `profile` switch, else the global one.
//
// The routes live in mock-issuer/, one module per group over one state
// (state.mjs): pages.mjs (what a user sees), api.mjs (the POSTs: consent,
// session, token), fedcm.mjs (FedCM, and the browser's session at the
// issuer it needs), control.mjs (/__mock/*: what tests script and read);
// tokens.mjs is what both code exchanges share; switches.mjs validates and
// reports the switches. This file wires them.

import { fileURLToPath } from 'node:url';
import { allowGet, notFound, send, serveStatic } from './http.mjs';
import { consentApi, sessionApi, tokenApi } from './mock-issuer/api.mjs';
import { flowApi, mockApi } from './mock-issuer/control.mjs';
import { fedcmApi, fedcmSessionPage, isFedcmPath } from './mock-issuer/fedcm.mjs';
import { connectPage, indexPage, loginPage, runtimePage, signPage, signinPage } from './mock-issuer/pages.mjs';
import { codes, createState, decide, keep, reset } from './mock-issuer/state.mjs';
import { clientState, configure } from './mock-issuer/switches.mjs';

export { APP_KEY_VALUES, PROFILES, appKeyFragment } from './mock-issuer/switches.mjs';

/**
 * The issuer's state and its HTTP handler (`handle(req, res, target)`, see
 * http.mjs `parseTarget`). `profile` is the global default profile, to
 * which a full reset goes back. index.mjs serves it (`startMockIssuer`).
 */
export function createMockIssuer({ profile: defaultProfile = 'basic' } = {}) {
  const staticDir = fileURLToPath(new URL('./static/', import.meta.url));
  const state = createState(defaultProfile);

  async function handle(req, res, target) {
    const [first, second] = target.segments;
    const p = target.pathname;
    if (first === 'static') return serveStatic(req, res, staticDir, target.segments.slice(1));
    if (first === '__mock' && second === 'flows' && target.segments.length <= 4) return flowApi(state, req, res, target.segments[2], target.segments[3]);
    if (first === '__mock' && (second === 'fedcm-login' || second === 'fedcm-logout') && target.segments.length === 2) {
      return fedcmSessionPage(state, req, res, second.slice('fedcm-'.length));
    }
    if (first === '__mock' && target.segments.length === 2) return mockApi(state, req, res, second, target.query);
    const record = {
      method: req.method,
      path: p,
      query: Object.fromEntries(target.query),
      // FedCM's fetches say `webidentity`; a page `document`, a fetch() `empty`.
      secFetchDest: req.headers['sec-fetch-dest'] ?? null,
      at: Date.now(),
    };
    keep(state.records.requests, record);
    if (isFedcmPath(p)) return fedcmApi(state, req, res, p, record);
    if (p === '/api/consent') return consentApi(state, req, res);
    if (p === '/api/session') return sessionApi(state, req, res);
    if (p === '/api/oauth/token') return tokenApi(state, req, res);
    if (p === '/favicon.ico') return allowGet(req, res) && send(req, res, 204);
    if (!allowGet(req, res)) return;
    if (p === '/') return indexPage(req, res, target);
    if (p === '/connect') return connectPage(state, req, res, target.query);
    if (p === '/connect/runtime') return runtimePage(state, req, res, target.query);
    if (p === '/signin') return signinPage(state, req, res, target);
    if (p === '/sign') return signPage(state, req, res, target.query);
    if (p === '/login') return loginPage(req, res, target.query);
    return notFound(req, res);
  }

  return {
    handle,
    reset: (clientId) => reset(state, clientId),
    state: (clientId) => clientState(state, clientId),
    configure: (clientId, q) => configure(state, clientId, q),
    decide: (flowId, decision) => decide(state, flowId, decision),
    codes: () => codes(state),
    flows: () => [...state.flows.values()],
    records: state.records,
    flowListeners: state.flowListeners,
    /** The runtime page's script from its next render on (null: the default answers). */
    setRuntimeScript(script) {
      state.runtimeScript = script;
    },
  };
}
