// ave-embed-wasm/testing: the mock Ave issuer for an app's own end-to-end
// tests (README "Testing your app", ./README.md). Node only, ESM, no
// dependency beyond Node's standard library. The SDK's own e2e suite runs
// on it (tests/support/server.mjs).

import { closeServer, createServer, listen, originOf } from './http.mjs';
import { APP_KEY_VALUES, PROFILES, createMockIssuer } from './mock-issuer.mjs';
import { fedcmChooser, fedcmSession } from './fedcm.mjs';
import { actAsUser } from './user.mjs';

export { APP_KEY_VALUES, fedcmChooser };

const OPTIONS = ['port', 'host', 'profile', 'routes', 'log'];
const FLOW_KINDS = ['signin', 'connect', 'sign', 'runtime'];
/** The issuer page's button for each thing a user does (`MockIssuer.approve` …). */
const USER_ACTIONS = {
  approve: ['#continue', '#approve', '#sign'],
  deny: ['#deny'],
  cancel: ['#cancel'],
  allowStorageAccess: ['#storage-access'],
  signInAtIssuer: ['#login'],
};
const DEFAULT_TIMEOUT_MS = 10000;

const describe = (value) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : String(value));

/**
 * Starts the mock issuer on loopback. Resolves to a `MockIssuer`; rejects
 * with a TypeError for a bad option and an Error when the port cannot be
 * used (never hangs).
 */
export async function startMockIssuer(options = {}) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('startMockIssuer: options must be an object');
  }
  const unknown = Object.keys(options).find((k) => !OPTIONS.includes(k));
  if (unknown !== undefined) throw new TypeError(`startMockIssuer: unknown option ${describe(unknown)} (options: ${OPTIONS.join(', ')})`);
  const { port = 0, host = '127.0.0.1', profile = 'aveid.net', routes, log = false } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`startMockIssuer: port must be an integer 0..65535 (0: a free port), got ${describe(port)}`);
  if (typeof host !== 'string' || host === '') throw new TypeError('startMockIssuer: host must be a non-empty string');
  if (!PROFILES.includes(profile)) throw new TypeError(`startMockIssuer: profile must be "aveid.net" or "basic", got ${describe(profile)}`);
  if (routes !== undefined && typeof routes !== 'function') throw new TypeError('startMockIssuer: routes must be a function (req, res, target) → handled?');

  const issuer = createMockIssuer({ profile });
  const server = createServer(
    'issuer',
    async (req, res, target) => {
      if (routes && (await routes(req, res, target))) return;
      await issuer.handle(req, res, target);
    },
    log,
  );
  let realPort;
  try {
    realPort = await listen(server, port, host);
  } catch (err) {
    const why = err?.code === 'EADDRINUSE' ? 'is already in use (port: 0 picks a free one)' : `cannot be used: ${err?.message ?? err}`;
    throw new Error(`startMockIssuer: port ${port} on ${host} ${why}`, { cause: err });
  }
  return mockIssuer(issuer, server, originOf(host, realPort), { host, port: realPort, profile });
}

function mockIssuer(issuer, server, url, { host, port, profile }) {
  /** Pending nextFlow() calls: { matches, resolve, reject, timer }. */
  const waiting = new Set();
  /** Flows already handed out by nextFlow(). */
  const handedOut = new Set();
  let closed = false;

  const flowView = (flow) => ({
    id: flow.id,
    kind: flow.kind,
    clientId: flow.clientId,
    query: { ...flow.query },
    openedAt: flow.openedAt,
    decision: flow.decision,
    decide: (decision) => api.decide(flow.id, decision),
    messages: (filter = {}) => api.messages({ ...filter, flowId: flow.id }),
  });

  const flowFilter = (filter, what) => {
    if (filter === null || typeof filter !== 'object') throw new TypeError(`${what}: the filter must be an object`);
    const { kind, clientId } = filter;
    if (kind !== undefined && !FLOW_KINDS.includes(kind)) throw new TypeError(`${what}: kind must be one of ${FLOW_KINDS.join(', ')}, got ${describe(kind)}`);
    if (clientId !== undefined && typeof clientId !== 'string') throw new TypeError(`${what}: clientId must be a string`);
    return (flow) => (kind === undefined || flow.kind === kind) && (clientId === undefined || flow.clientId === clientId);
  };

  issuer.flowListeners.add((flow) => {
    for (const w of waiting) {
      if (!handedOut.has(flow.id) && w.matches(flow)) {
        handedOut.add(flow.id);
        w.done();
        w.resolve(flowView(flow));
        return;
      }
    }
  });

  const api = {
    url,
    origin: url,
    host,
    port,
    profile,

    /** Stops the server; pending nextFlow() calls reject. */
    async close() {
      closed = true;
      for (const w of [...waiting]) {
        w.done();
        w.reject(new Error('mock issuer: closed while waiting for a flow'));
      }
      await closeServer(server);
    },

    /** Forgets one client (its switches, sessions, codes), or everything, records included. */
    reset(clientId) {
      if (clientId !== undefined && typeof clientId !== 'string') throw new TypeError('reset: clientId must be a string');
      issuer.reset(clientId);
      if (clientId === undefined) handedOut.clear();
    },

    /**
     * Sets switches (./README.md "Switches") for `clientId`, or the
     * global ones (`profile`, `signAuthRequired`) with `null`. Values:
     * booleans, numbers or strings. Throws a TypeError and changes nothing
     * for an unknown switch or a bad value.
     */
    configure(clientId, switches) {
      if (clientId !== null && (typeof clientId !== 'string' || clientId === '')) throw new TypeError('configure: clientId must be a non-empty string, or null for the global switches');
      if (switches === null || typeof switches !== 'object' || Array.isArray(switches)) throw new TypeError('configure: switches must be an object');
      const q = new URLSearchParams();
      for (const [name, value] of Object.entries(switches)) {
        if (name === 'client_id') throw new TypeError('configure: unknown switch: client_id (the client is the first argument)');
        if (!['boolean', 'number', 'string'].includes(typeof value)) throw new TypeError(`configure: ${name} must be a boolean, a number or a string`);
        q.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
      }
      const error = issuer.configure(clientId ?? undefined, q);
      if (error) throw new TypeError(`configure: ${error}`);
    },

    /** A client's switches, sessions, approvals and codes (as `/__mock/state`). */
    state(clientId) {
      if (typeof clientId !== 'string' || clientId === '') throw new TypeError('state: clientId must be a non-empty string');
      return issuer.state(clientId);
    },

    /**
     * The test decides for the user of an open page: "approve", "deny"
     * (connect and sign pages) or "cancel". The page clicks that button
     * within ~200 ms, once it shows. Throws for a flow that does not exist.
     */
    decide(flowId, decision) {
      issuer.decide(flowId, decision);
    },

    /** The flows (pages rendered), oldest first; `filter`: { kind, clientId }. */
    flows(filter = {}) {
      const matches = flowFilter(filter, 'flows');
      return issuer.flows().filter(matches).map(flowView);
    },

    /**
     * The oldest flow matching `filter` ({ kind, clientId, timeoutMs }) that
     * no earlier nextFlow() returned, opened before or after the call.
     * Rejects after `timeoutMs` (default 10 s).
     */
    nextFlow(filter = {}) {
      const matches = flowFilter(filter, 'nextFlow');
      const { timeoutMs = DEFAULT_TIMEOUT_MS } = filter;
      if (!Number.isFinite(timeoutMs) || timeoutMs < 0) return Promise.reject(new TypeError('nextFlow: timeoutMs must be a number ≥ 0'));
      if (closed) return Promise.reject(new Error('mock issuer: closed'));
      const open = issuer.flows().find((f) => !handedOut.has(f.id) && matches(f));
      if (open) {
        handedOut.add(open.id);
        return Promise.resolve(flowView(open));
      }
      return new Promise((resolve, reject) => {
        const w = { matches, resolve, reject };
        w.timer = setTimeout(() => {
          w.done();
          reject(new Error(`nextFlow: no ${filter.kind ? `${filter.kind} ` : ''}flow${filter.clientId ? ` for ${describe(filter.clientId)}` : ''} opened within ${timeoutMs} ms`));
        }, timeoutMs);
        w.done = () => {
          clearTimeout(w.timer);
          waiting.delete(w);
        };
        waiting.add(w);
      });
    },

    /**
     * How the runtime page answers requests of the live shape from its next
     * load on: `{ events: [object, …] }` (each posted as an
     * `ave:connector:event`, with the request's id) or `{ error: { status,
     * error?, message? } }` (`ave:connector:error`); null: the default
     * answers.
     */
    runtime(script) {
      if (script !== null) {
        if (typeof script !== 'object' || Array.isArray(script)) throw new TypeError('runtime: the script must be an object or null');
        const keys = Object.keys(script);
        if (keys.length !== 1 || !['events', 'error'].includes(keys[0])) throw new TypeError('runtime: the script must have exactly one of events, error');
        if (script.events !== undefined && !(Array.isArray(script.events) && script.events.every((e) => e !== null && typeof e === 'object' && !Array.isArray(e)))) {
          throw new TypeError('runtime: events must be an array of objects');
        }
        const e = script.error;
        if (e !== undefined) {
          if (e === null || typeof e !== 'object' || !Number.isInteger(e.status) || e.status < 100 || e.status > 599) throw new TypeError('runtime: error.status must be an integer 100..599');
          if ((e.error !== undefined && typeof e.error !== 'string') || (e.message !== undefined && typeof e.message !== 'string')) throw new TypeError('runtime: error.error and error.message must be strings');
        }
        script = JSON.parse(JSON.stringify(script));
      }
      issuer.setRuntimeScript(script);
    },

    /** The HTTP requests the issuer served (pages, token endpoint, …; not /static or /__mock), oldest first. */
    requests(filter = {}) {
      return issuer.records.requests
        .filter((r) => filter.path === undefined || r.path === filter.path)
        .map((r) => ({ ...r, query: { ...r.query }, ...(r.form ? { form: { ...r.form } } : {}) }));
    },

    /**
     * The messages the issuer's pages received, and the results they posted
     * (`direction`), oldest first; `filter`: { flowId, kind, clientId,
     * direction, type }. Pages report them asynchronously: a message shows
     * here a few milliseconds after it was handled.
     */
    messages(filter = {}) {
      return issuer.records.messages
        .filter((m) => Object.entries(filter).every(([k, v]) => (k === 'type' ? m.data?.type === v : m[k] === v)))
        .map((m) => structuredClone(m));
    },

    /**
     * FedCM: signs the browser context of Playwright `page` in at the
     * issuer (the session cookie FedCM's requests carry, `Set-Login:
     * logged-in`): a page of that context visits /__mock/fedcm-login.
     */
    fedcmLogin(page) {
      return fedcmSession(page, url, 'login');
    },

    /** FedCM: signs that browser context out at the issuer (/__mock/fedcm-logout, `Set-Login: logged-out`). */
    fedcmLogout(page) {
      return fedcmSession(page, url, 'logout');
    },

    /** FedCM: `fedcmChooser(page)` (./fedcm.mjs): answers Chromium's FedCM dialogs of `page` over CDP. */
    fedcmChooser(page, options) {
      return fedcmChooser(page, options);
    },

    /** Every code issued, with whether it was exchanged (sign-in codes); `filter`: { clientId, kind }. */
    codes(filter = {}) {
      return issuer.codes().filter((c) => Object.entries(filter).every(([k, v]) => c[k] === v));
    },
  };

  // Playwright helpers: act for the user in whichever issuer page (the
  // sheet's or inline iframe, a popup, the storage-access popup) shows the
  // button, without the test knowing the issuer's DOM.
  for (const [action, selectors] of Object.entries(USER_ACTIONS)) {
    api[action] = (page, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) => actAsUser(page, url, action, selectors, timeoutMs);
  }
  return api;
}
