// Mock Ave issuer — protected runtime frame (/connect/runtime).
// The delegated token is kept in this closure only: never logged, never put in
// the DOM, never sent anywhere.
//
// Requests, in both profiles:
// - test ops `{id, op, payload}`: infer / stream / echo / whoami / raw / reload;
// - the live shape `{id?, mode: "stream" | "json", messages: [{role, content}], model?}`:
//   stream → `{id, type: "token", content}` … `{id, type: "done", content}`,
//   json → `{id, type: "result", content, metadata}`; errors →
//   ave:connector:error `{id, status, error, message}`.
// A test's script (data-script, MockIssuer.runtime) replaces the live-shape answers.
// Handshake: basic profile → init only from window.parent; aveid.net profile
// (data-profile, the global profile) → the live one: init from any origin and
// source pins that origin, requests before init → `not_initialized`, and the
// listener only comes after `load` (data-listener-delay-ms).
(function () {
  'use strict';

  const statusEl = document.getElementById('status');
  const root = document.getElementById('ave-runtime');
  const target = root?.dataset.target || 'resource';
  const live = root?.dataset.profile === 'aveid.net';
  const MAX_STREAM = 1000000;
  const MAX_MESSAGES = 1000;
  // MockIssuer.runtime({events | error}): how requests of the live shape are answered.
  let script = null;
  try {
    script = JSON.parse(root?.dataset.script || 'null');
  } catch {
    // no script
  }

  let hostOrigin = null;
  let delegatedToken = null;
  let targetOrigin = null;

  function setStatus(text) {
    if (statusEl) statusEl.textContent = text;
  }

  if (!live && window.parent === window) {
    setStatus('Runtime (' + target + '): must be embedded in a host page');
    return;
  }

  /** Basic profile: everything goes to window.parent, to the bound origin. */
  function toHost(message) {
    if (hostOrigin) window.parent.postMessage(message, hostOrigin);
  }

  /** Where a request's answers go: basic → the host; aveid.net → the request's source, pinned origin. */
  function replier(source) {
    if (!live) return toHost;
    return (message) => {
      try {
        source.postMessage(message, hostOrigin);
      } catch {
        // the source went away
      }
    };
  }

  // A deterministic fake answer, cut into ~5–10 word chunks.
  function fakeAnswer(prompt) {
    const clean = prompt.trim().replace(/\s+/g, ' ');
    const shown = clean.length > 60 ? clean.slice(0, 57) + '...' : clean;
    return 'Mock answer to "' + shown + '": the Ave runtime read ' + clean.length +
      ' characters and streamed this reply back in small chunks.';
  }

  function chunk(text) {
    const words = text.match(/\S+\s*/g) || [text];
    const size = Math.ceil(words.length / Math.min(8, words.length));
    const out = [];
    for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
    return out;
  }

  /** Posts `parts` one by one (as `eventOf(part)`), then `last()`. */
  function trickle(reply, parts, eventOf, last) {
    let i = 0;
    const step = () => {
      if (i < parts.length) {
        reply({ type: 'ave:connector:event', payload: eventOf(parts[i]) });
        i += 1;
        setTimeout(step, 5 + ((i * 7) % 20));
      } else {
        reply({ type: 'ave:connector:event', payload: last() });
      }
    };
    setTimeout(step, 0);
  }

  // ------------------------------------------------------------ test ops

  function handleOp(msg, reply) {
    const event = (payload) => reply({ type: 'ave:connector:event', payload });
    const fail = (id, message) => reply({ type: 'ave:connector:error', payload: { id, error: 'unsupported_op', message } });
    const id = typeof msg.id === 'string' || typeof msg.id === 'number' ? msg.id : null;
    if (id === null) return fail(null, 'Request needs an id');
    const payload = msg.payload;
    switch (msg.op) {
      case 'infer':
        if (!payload || typeof payload.prompt !== 'string') return fail(id, 'infer needs payload.prompt (string)');
        return trickle(reply, chunk(fakeAnswer(payload.prompt)), (data) => ({ id, type: 'response', data }), () => ({ id, type: 'complete' }));
      case 'stream': {
        const count = payload ? payload.count : undefined;
        if (!Number.isInteger(count) || count < 0 || count > MAX_STREAM) {
          return fail(id, 'stream needs payload.count (integer 0..' + MAX_STREAM + ')');
        }
        for (let i = 0; i < count; i += 1) event({ id, type: 'response', data: i, seq: i });
        return event({ id, type: 'complete', count });
      }
      case 'echo':
        event({ id, type: 'response', data: payload });
        return event({ id, type: 'complete' });
      case 'whoami':
        // Test op: what the init message carried (never the token itself).
        event({ id, type: 'response', data: { target, targetOrigin, hostOrigin, tokenLength: delegatedToken.length } });
        return event({ id, type: 'complete' });
      case 'raw': {
        // Test op: posts each of payload.events verbatim as an event payload
        // (numbers, strings, arrays, null…), to test the SDK's plain-object rule.
        const events = payload && Array.isArray(payload.events) ? payload.events : [];
        for (const e of events) reply({ type: 'ave:connector:event', payload: e });
        return event({ id, type: 'complete' });
      }
      case 'reload':
        setStatus('Runtime (' + target + '): reloading…');
        return window.location.reload();
      default:
        return fail(id, 'Unsupported op: ' + String(msg.op).slice(0, 40));
    }
  }

  // ------------------------------------------------------- the live shape

  function handleChat(msg, reply) {
    const hasId = typeof msg.id === 'string' || typeof msg.id === 'number';
    const tag = (payload) => (hasId ? { id: msg.id, ...payload } : payload);
    const error = (status, code, message) => reply({ type: 'ave:connector:error', payload: tag({ status, error: code, message }) });

    const messages = msg.messages;
    if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_MESSAGES) {
      return error(400, 'invalid_request', 'messages must be a non-empty array of {role, content}');
    }
    if (!messages.every((m) => m && typeof m === 'object' && typeof m.role === 'string' && typeof m.content === 'string')) {
      return error(400, 'invalid_request', 'every message needs a string role and a string content');
    }
    const mode = msg.mode === undefined ? 'json' : msg.mode;
    if (mode !== 'stream' && mode !== 'json') return error(400, 'invalid_request', 'mode must be "stream" or "json"');
    if (msg.model !== undefined && typeof msg.model !== 'string') return error(400, 'invalid_request', 'model must be a string');
    const model = msg.model || 'ave-mock-1';
    // Test hook: model "error:<status>" → the upstream model fails with that status.
    const upstream = /^error:([1-5]\d\d)$/.exec(model);
    if (upstream) return error(Number(upstream[1]), 'upstream_error', 'Mock upstream error ' + upstream[1]);

    // The test's script (MockIssuer.runtime): its error, or its events.
    if (script && script.error) {
      return error(script.error.status, script.error.error || 'upstream_error', script.error.message || 'Mock runtime error ' + script.error.status);
    }
    if (script && Array.isArray(script.events)) {
      script.events.forEach((event, i) => setTimeout(() => reply({ type: 'ave:connector:event', payload: tag(event) }), i));
      return;
    }

    const question = [...messages].reverse().find((m) => m.role === 'user') || messages[messages.length - 1];
    const content = fakeAnswer(question.content);
    if (mode === 'json') {
      return reply({
        type: 'ave:connector:event',
        payload: tag({ type: 'result', content, metadata: { model, target, finish_reason: 'stop', messages: messages.length } }),
      });
    }
    return trickle(reply, chunk(content), (part) => tag({ type: 'token', content: part }), () => tag({ type: 'done', content }));
  }

  function handleRequest(msg, reply) {
    if (!msg || typeof msg !== 'object' || Array.isArray(msg)) {
      return reply({ type: 'ave:connector:error', payload: { id: null, error: 'unsupported_op', message: 'Request must be an object' } });
    }
    // `{id, op, payload}` are the mock's test ops; anything else is the live shape.
    return 'op' in msg ? handleOp(msg, reply) : handleChat(msg, reply);
  }

  // ------------------------------------------------------------ handshake

  /** The init's token, or null (then `invalid_init` is answered). */
  function tokenOf(data) {
    const p = data.payload;
    if (!p || typeof p !== 'object' || typeof p.delegatedToken !== 'string' || p.delegatedToken === '') return null;
    return p;
  }

  function invalidInit(source, origin) {
    source.postMessage(
      { type: 'ave:connector:error', payload: { error: 'invalid_init', message: 'init needs payload.delegatedToken' } },
      origin,
    );
  }

  function basicMessage(e, data) {
    if (e.source !== window.parent) return;
    if (data.type === 'ave:connector:init') {
      if (e.origin === 'null') return; // opaque host: nowhere safe to answer
      if (hostOrigin && e.origin !== hostOrigin) return; // host already bound
      const p = tokenOf(data);
      if (!p) return invalidInit(window.parent, e.origin);
      hostOrigin = e.origin;
      delegatedToken = p.delegatedToken;
      targetOrigin = typeof p.targetOrigin === 'string' ? p.targetOrigin : null;
      setStatus('Runtime (' + target + '): connected');
      toHost({ type: 'ave:connector:ready' });
      return;
    }
    if (data.type === 'ave:connector:request') {
      if (!hostOrigin || e.origin !== hostOrigin) return;
      handleRequest(data.payload, toHost);
    }
  }

  // The live runtime: the first init (any origin, any source) pins its origin.
  function liveMessage(e, data) {
    const source = e.source;
    if (!source || e.origin === 'null') return; // nowhere to answer
    if (data.type === 'ave:connector:init') {
      if (hostOrigin && e.origin !== hostOrigin) return; // pinned to another origin
      const p = tokenOf(data);
      if (!p) return invalidInit(source, e.origin);
      hostOrigin = e.origin;
      delegatedToken = p.delegatedToken;
      targetOrigin = typeof p.targetOrigin === 'string' ? p.targetOrigin : null;
      setStatus('Runtime (' + target + '): connected');
      source.postMessage({ type: 'ave:connector:ready' }, hostOrigin);
      return;
    }
    if (data.type === 'ave:connector:request') {
      if (!hostOrigin) {
        const id = data.payload && (typeof data.payload.id === 'string' || typeof data.payload.id === 'number') ? data.payload.id : undefined;
        const payload = { error: 'not_initialized', message: 'Send ave:connector:init first' };
        source.postMessage({ type: 'ave:connector:error', payload: id === undefined ? payload : { id, ...payload } }, e.origin);
        return;
      }
      if (e.origin !== hostOrigin) return;
      handleRequest(data.payload, replier(source));
    }
  }

  if (live) setStatus('Runtime (' + target + '): waiting for ave:connector:init…');

  function listen() {
    window.addEventListener('message', (e) => {
      const data = e.data;
      if (!data || typeof data !== 'object') return;
      if (live) liveMessage(e, data);
      else basicMessage(e, data);
    });
  }

  // When the page starts listening (data-listener-delay-ms: the global switch
  // runtimeListenerDelayMs, 300 by default in the aveid.net profile): the
  // live page is a hydrated single-page app that adds its listener after
  // hydration, 150–520 ms after the frame's `load`; whatever arrives before
  // is lost. Without the attribute: at once, before `load`; 'never': never.
  const listenerDelay = root?.dataset.listenerDelayMs;
  if (listenerDelay === undefined) listen();
  else if (listenerDelay !== 'never') {
    const later = () => setTimeout(listen, Number(listenerDelay) || 0);
    if (document.readyState === 'complete') later();
    else window.addEventListener('load', later, { once: true });
  }
})();
