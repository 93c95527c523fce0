// Mock Ave issuer — connector consent page (/connect).
// Loaded as an external script so the page works under a strict CSP.
(function () {
  'use strict';

  const root = document.getElementById('ave-connect');
  if (!root) return;
  const data = root.dataset;
  const statusEl = document.getElementById('status');

  // The host is the embedding page (iframe) or the window that opened us (popup).
  const inFrame = window.parent !== window;
  const host = inFrame ? window.parent : window.opener;

  let redirect;
  try {
    redirect = new URL(data.redirectUri);
  } catch {
    return; // the server already refuses this; post nothing
  }
  if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') return;
  // Messages only ever go to the origin of redirect_uri, never "*".
  const targetOrigin = redirect.origin;

  function setStatus(text) {
    if (statusEl) statusEl.textContent = text;
  }

  function post(message) {
    if (!host) return false;
    try {
      host.postMessage(message, targetOrigin);
      return true;
    } catch {
      return false;
    }
  }

  function redirectUrlWith(params) {
    const url = new URL(redirect.href);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    if ('state' in data) url.searchParams.set('state', data.state);
    // Test switch of the mock (/__mock/config?tamper=…): a compromised issuer page.
    if (data.tamper === 'origin') url.host = `${url.hostname === 'localhost' ? '127.0.0.2' : 'localhost'}:${url.port}`;
    if (data.tamper === 'path') url.pathname = '/elsewhere';
    if (data.tamper === 'state') url.searchParams.set('state', `${data.state ?? ''}-tampered`);
    return url.href;
  }

  // ------------------------------------------------------------ background
  if (data.mode === 'background') {
    if (data.approved === '1' && data.code) {
      post({ type: 'ave:success', payload: { redirectUrl: redirectUrlWith({ code: data.code }) } });
      setStatus(host ? 'Authorized.' : 'Authorized (no host window to notify).');
    } else {
      post({ type: 'ave:auth_required' });
      setStatus(host ? 'Authorization required.' : 'Authorization required (no host window to notify).');
    }
    return;
  }

  // ---------------------------------------------------------- user_present
  const consent = document.getElementById('consent');
  if (data.authRequired === '1' && inFrame) {
    post({ type: 'ave:auth_required' });
    setStatus('Sign-in needs a top-level window');
    return;
  }
  if (consent) consent.hidden = false;

  const buttons = ['approve', 'deny', 'cancel'].map((id) => document.getElementById(id)).filter(Boolean);
  let decided = false;

  function decide() {
    if (decided) return false;
    decided = true;
    for (const b of buttons) b.disabled = true;
    return true;
  }

  function finished() {
    setStatus('You can close this window');
  }

  document.getElementById('approve')?.addEventListener('click', async () => {
    if (!decide()) return;
    setStatus('Approving…');
    let ok = false;
    try {
      const response = await fetch('/api/consent', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: data.clientId, resource: data.resource, scope: data.scope, code: data.code }),
      });
      ok = response.ok;
    } catch {
      ok = false;
    }
    if (!ok) {
      post({ type: 'ave:error', payload: { error: 'server_error', message: 'The consent could not be recorded' } });
      setStatus('Something went wrong. You can close this window');
      return;
    }
    const redirectUrl = redirectUrlWith({ code: data.code });
    if (!host) {
      window.location.assign(redirectUrl);
      return;
    }
    post({ type: 'ave:success', payload: { redirectUrl } });
    finished();
  });

  document.getElementById('deny')?.addEventListener('click', () => {
    if (!decide()) return;
    if (!host) {
      window.location.assign(redirectUrlWith({ error: 'access_denied' }));
      return;
    }
    post({ type: 'ave:error', payload: { error: 'access_denied', message: 'The user denied access' } });
    finished();
  });

  document.getElementById('cancel')?.addEventListener('click', () => {
    if (!decide()) return;
    post({ type: 'ave:close' });
    finished();
  });
})();
