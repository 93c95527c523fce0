// The mock issuer's one state, which every route module reads and changes:
// the clients (their switches, approvals and codes), the global switches,
// the flows (pages rendered) and the records. Its functions take it first;
// mock-issuer.mjs creates it and wires the routes over it.

import { randomBytes } from 'node:crypto';

const MAX_CODES_PER_CLIENT = 200;
/** How long a sign-in code (redirect or FedCM) can be exchanged. */
export const SIGNIN_CODE_TTL_MS = 10 * 60 * 1000;
const MAX_RECORDS = 10000;
/** The one account every flow signs in as. */
export const ACCOUNT = { sub: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' };
/** What a test can decide for a page, and the button each kind of page has for it. */
export const DECISION_BUTTONS = {
  signin: { approve: 'continue', cancel: 'cancel' },
  connect: { approve: 'approve', deny: 'deny', cancel: 'cancel' },
  sign: { approve: 'sign', deny: 'deny', cancel: 'cancel' },
};

/** `defaultProfile`: the global profile, to which a full reset goes back. */
export function createState(defaultProfile) {
  return {
    defaultProfile,
    /**
     * client_id → { authRequired, tamper, tokenStatus, tamperNonce, replayCode,
     *   profile (null = the global one), storageBlocked, storageAccess
     *   ('grant' | 'refuse'), session, emailVerified, returning,
     *   appKeys ('0' | '1' | 'raw'), fedcm ('approve' | 'error'), fedcmError,
     *   approvals: Map<resource, Set<scope>>, codes: Map<code, record> (connector),
     *   signinCodes: Map<code, record> (sign-in, single use) }
     */
    clients: new Map(),
    /**
     * Global switches (not per client). `runtimeListenerDelayMs`: when the
     * runtime page listens, in ms after its `load`, or 'never' (null: the
     * profile's default — aveid.net 300 ms, basic at once, before `load`).
     */
    switches: { signAuthRequired: false, profile: defaultProfile, runtimeListenerDelayMs: null },
    /**
     * The runtime page's script (it has no client): `events` answer each
     * request of the live shape, or `error` fails it (MockIssuer.runtime).
     */
    runtimeScript: null,
    /** flow id → every issuer page rendered (sign-in, connect, sign, runtime): what a test decides and asserts on. */
    flows: new Map(),
    flowCount: 0,
    /** Called with each new flow (MockIssuer.nextFlow). */
    flowListeners: new Set(),
    /** What happened, oldest first (each list keeps the last MAX_RECORDS). */
    records: { requests: [], messages: [] },
    /**
     * FedCM (fedcm.mjs): the browser sessions at the issuer (the ids in
     * their cookies), the clients an assertion was issued to (the account's
     * `approved_clients`), and the key the assertions are signed with.
     */
    fedcm: { sessions: new Set(), approvedClients: new Set(), key: randomBytes(32) },
  };
}

export function getClient(state, clientId, create = true) {
  let c = state.clients.get(clientId);
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
      fedcm: 'approve',
      fedcmError: '',
      approvals: new Map(),
      codes: new Map(),
      signinCodes: new Map(),
    };
    state.clients.set(clientId, c);
  }
  return c;
}

/** The profile a client's pages follow: its own, else the global one. */
export function profileOf(state, clientId) {
  return getClient(state, clientId, false)?.profile ?? state.switches.profile;
}

export function splitScopes(scope) {
  return String(scope ?? '').split(/\s+/).filter(Boolean);
}

export function isApproved(state, clientId, resource, scope) {
  const granted = getClient(state, clientId, false)?.approvals.get(resource);
  if (!granted) return false;
  return splitScopes(scope).every((s) => granted.has(s));
}

export function recordApproval(state, clientId, resource, scope) {
  const c = getClient(state, clientId);
  let granted = c.approvals.get(resource);
  if (!granted) c.approvals.set(resource, (granted = new Set()));
  for (const s of splitScopes(scope)) granted.add(s);
}

function newCode() {
  return randomBytes(24).toString('base64url'); // 32 url-safe characters
}

export function issueCode(state, clientId, fields) {
  const c = getClient(state, clientId);
  const code = newCode();
  c.codes.set(code, { client_id: clientId, ...fields, issuedAt: Date.now() });
  while (c.codes.size > MAX_CODES_PER_CLIENT) c.codes.delete(c.codes.keys().next().value);
  return code;
}

/** A single-use sign-in code bound to the /signin request. */
export function issueSigninCode(state, clientId, fields) {
  const c = getClient(state, clientId);
  const code = newCode();
  c.signinCodes.set(code, { client_id: clientId, ...fields, used: false, issuedAt: Date.now() });
  while (c.signinCodes.size > MAX_CODES_PER_CLIENT) c.signinCodes.delete(c.signinCodes.keys().next().value);
  return code;
}

/** Codes are unique across clients; the client is checked by the caller. */
export function findSigninCode(state, code) {
  for (const c of state.clients.values()) {
    const record = c.signinCodes.get(code);
    if (record) return record;
  }
  return undefined;
}

/** Without a client id: everything, including the global switches. */
export function reset(state, clientId) {
  if (clientId === undefined || clientId === null) {
    state.clients.clear();
    state.switches.signAuthRequired = false;
    state.switches.profile = state.defaultProfile;
    state.switches.runtimeListenerDelayMs = null;
    state.runtimeScript = null;
    state.flows.clear();
    state.records.requests.length = 0;
    state.records.messages.length = 0;
    state.fedcm.sessions.clear();
    state.fedcm.approvedClients.clear();
  } else {
    state.clients.delete(clientId);
    state.fedcm.approvedClients.delete(clientId);
  }
}

// ---------------------------------------------------------------- flows

/** Appends `entry`, keeping the last MAX_RECORDS of `list`. */
export function keep(list, entry) {
  list.push(entry);
  if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
}

/** A flow for a page being rendered; its id goes into the page (`data-flow-id`). */
export function openFlow(state, kind, clientId, query) {
  state.flowCount += 1;
  const flow = { id: `flow-${state.flowCount}`, kind, clientId, query: Object.fromEntries(query), openedAt: Date.now(), decision: null, decidedAt: null };
  state.flows.set(flow.id, flow);
  if (state.flows.size > MAX_RECORDS) state.flows.delete(state.flows.keys().next().value);
  for (const listener of state.flowListeners) listener(flow);
  return flow;
}

/**
 * The test decides for the user of an open page (it clicks the button
 * within ~200 ms, as soon as the button shows). Throws for a flow that
 * does not exist, a page without that decision, or a second decision.
 */
export function decide(state, flowId, decision) {
  const flow = state.flows.get(flowId);
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

/** Every code issued (sign-in and connector), with whether and when it was exchanged. */
export function codes(state) {
  const list = [];
  for (const [clientId, c] of state.clients) {
    for (const [code, r] of c.signinCodes) {
      list.push({ kind: 'signin', code, clientId, redirectUri: r.redirect_uri, scope: r.scope, nonce: r.nonce, fedcm: r.fedcm === true, issuedAt: r.issuedAt, exchanged: r.used, exchangedAt: r.usedAt });
    }
    for (const [code, r] of c.codes) {
      list.push({ kind: 'connector', code, clientId, redirectUri: r.redirect_uri, resource: r.resource, scope: r.scope, approved: r.approved, issuedAt: r.issuedAt });
    }
  }
  return list.sort((a, b) => a.issuedAt - b.issuedAt);
}
