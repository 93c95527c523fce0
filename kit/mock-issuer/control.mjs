// /__mock/*: a test's HTTP handle on the issuer (config, reset, state), and
// the pages' own channel (a flow's decision, the messages a page saw).

import { allowGet, methodNotAllowed, notFound, send, sendJson } from '../http.mjs';
import { samePagePost } from './api.mjs';
import { keep, reset } from './state.mjs';
import { clientState, configure } from './switches.mjs';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/** What the pages tell about themselves: `GET /__mock/flows/ID` (the test's decision), `POST /__mock/flows/ID/messages`. */
export async function flowApi(state, req, res, id, what) {
  const flow = state.flows.get(id);
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
  keep(state.records.messages, { flowId: flow.id, kind: flow.kind, clientId: flow.clientId, direction: body.direction, origin: body.origin, data: body.data, at: Date.now() });
  send(req, res, 204);
}

export function mockApi(state, req, res, name, q) {
  if (req.method === 'OPTIONS') {
    return send(req, res, 204, '', { ...CORS, 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': '*' });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(req, res, 'GET, HEAD, OPTIONS');
  const clientId = q.get('client_id');
  const needClient = () => sendJson(req, res, 400, { ok: false, error: 'client_id is required' }, CORS);
  switch (name) {
    case 'config': {
      const error = configure(state, clientId, q);
      return error ? sendJson(req, res, 400, { ok: false, error }, CORS) : sendJson(req, res, 200, { ok: true }, CORS);
    }
    case 'reset':
      reset(state, clientId ?? undefined);
      return sendJson(req, res, 200, { ok: true }, CORS);
    case 'state':
      if (!clientId) return needClient();
      return sendJson(req, res, 200, clientState(state, clientId), CORS);
    default:
      return sendJson(req, res, 404, { ok: false, error: 'unknown mock endpoint' }, CORS);
  }
}
