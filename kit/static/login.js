// Mock Ave issuer — aveid.net profile: the issuer's own sign-in (/login?next).
// Needs page-common.js (window.AveMockPage), loaded before it.
// The button stands for the live passkey sign-in: it records a session for the
// client (POST /api/session, same origin) and goes back to `next`.
(function () {
  'use strict';

  const common = window.AveMockPage;
  const root = document.getElementById('ave-login');
  const button = document.getElementById('login');
  if (!common || !root || !button) return;
  const { next, clientId } = root.dataset;
  const { inFrame, setStatus } = common;

  button.addEventListener('click', async () => {
    button.disabled = true;
    setStatus('Signing in…');
    let ok = false;
    try {
      const response = await fetch('/api/session', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: clientId, framed: inFrame }),
      });
      ok = response.ok;
    } catch {
      ok = false;
    }
    if (!ok) {
      button.disabled = false;
      setStatus('Sign-in failed. Try again.');
      return;
    }
    // `next` was checked by the server: a path on this issuer.
    window.location.assign(next);
  });
})();
