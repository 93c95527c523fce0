// Mock Ave issuer — protected runtime frame (/connect/runtime).
// The delegated token is kept in this closure only: never logged, never put in
// the DOM, never sent anywhere.
(function () {
  'use strict';

  const statusEl = document.getElementById('status');
  const target = document.getElementById('ave-runtime')?.dataset.target || 'resource';
  const MAX_STREAM = 1000000;

  let hostOrigin = null;
  let delegatedToken = null;
  let targetOrigin = null;

  function setStatus(text) {
    if (statusEl) statusEl.textContent = text;
  }

  if (window.parent === window) {
    setStatus('Runtime (' + target + '): must be embedded in a host page');
    return;
  }

  function toHost(message) {
    if (hostOrigin) window.parent.postMessage(message, hostOrigin);
  }

  function event(payload) {
    toHost({ type: 'ave:connector:event', payload });
  }

  function fail(id, message) {
    toHost({ type: 'ave:connector:error', payload: { id, error: 'unsupported_op', message } });
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

  function infer(id, prompt) {
    const parts = chunk(fakeAnswer(prompt));
    let i = 0;
    const step = () => {
      if (i < parts.length) {
        event({ id, type: 'response', data: parts[i] });
        i += 1;
        setTimeout(step, 5 + ((i * 7) % 20));
      } else {
        event({ id, type: 'complete' });
      }
    };
    setTimeout(step, 0);
  }

  function handleRequest(msg) {
    if (!msg || typeof msg !== 'object' || Array.isArray(msg)) {
      return fail(null, 'Request must be an object');
    }
    const id = typeof msg.id === 'string' || typeof msg.id === 'number' ? msg.id : null;
    if (id === null) return fail(null, 'Request needs an id');
    const payload = msg.payload;
    switch (msg.op) {
      case 'infer':
        if (!payload || typeof payload.prompt !== 'string') return fail(id, 'infer needs payload.prompt (string)');
        return infer(id, payload.prompt);
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
        for (const e of events) toHost({ type: 'ave:connector:event', payload: e });
        return event({ id, type: 'complete' });
      }
      case 'reload':
        setStatus('Runtime (' + target + '): reloading…');
        return window.location.reload();
      default:
        return fail(id, 'Unsupported op: ' + String(msg.op).slice(0, 40));
    }
  }

  window.addEventListener('message', (e) => {
    if (e.source !== window.parent) return;
    const data = e.data;
    if (!data || typeof data !== 'object') return;

    if (data.type === 'ave:connector:init') {
      if (e.origin === 'null') return; // opaque host: nowhere safe to answer
      if (hostOrigin && e.origin !== hostOrigin) return; // host already bound
      const p = data.payload;
      if (!p || typeof p !== 'object' || typeof p.delegatedToken !== 'string' || p.delegatedToken === '') {
        window.parent.postMessage(
          { type: 'ave:connector:error', payload: { error: 'invalid_init', message: 'init needs payload.delegatedToken' } },
          e.origin,
        );
        return;
      }
      hostOrigin = e.origin;
      delegatedToken = p.delegatedToken;
      targetOrigin = typeof p.targetOrigin === 'string' ? p.targetOrigin : null;
      setStatus('Runtime (' + target + '): connected');
      toHost({ type: 'ave:connector:ready' });
      return;
    }

    if (data.type === 'ave:connector:request') {
      if (!hostOrigin || e.origin !== hostOrigin) return;
      handleRequest(data.payload);
    }
  });
})();
