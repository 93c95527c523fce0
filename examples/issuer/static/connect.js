// Mock Ave issuer — connector consent page (/connect).
// Loaded as an external script so the page works under a strict CSP.
// Needs page-common.js (window.AveMockPage), loaded before it.
(function () {
  'use strict';

  const common = window.AveMockPage;
  const page = common && common.redirectPage('ave-connect');
  if (!page) return;
  const { data, redirect, post } = page;
  const { inFrame, host, setStatus } = common;

  function redirectUrlWith(params) {
    return common.redirectUrlWith(redirect.href, params, { state: data.state, tamper: data.tamper });
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
  const decide = common.once(buttons);

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
