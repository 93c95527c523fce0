// Mock Ave issuer — sign-in account chooser (/signin without `resource`).
// Needs page-common.js (window.AveMockPage), loaded before it.
(function () {
  'use strict';

  const common = window.AveMockPage;
  const page = common && common.redirectPage('ave-signin');
  if (!page) return;
  const { data, redirect, post } = page;
  const { inFrame, host, setStatus } = common;

  // Per-client switch (/__mock/config?authRequired=1): an embedded page needs a
  // top-level window. In a popup the chooser is shown as usual.
  if (data.authRequired === '1' && inFrame) {
    post({ type: 'ave:auth_required' });
    setStatus('Sign-in needs a top-level window');
    return;
  }
  const chooser = document.getElementById('chooser');
  if (chooser) chooser.hidden = false;

  const buttons = ['continue', 'cancel'].map((id) => document.getElementById(id)).filter(Boolean);
  const decide = common.once(buttons);

  document.getElementById('continue')?.addEventListener('click', () => {
    if (!decide()) return;
    // The code was issued (single use, bound to client/redirect/PKCE/nonce)
    // when the server rendered this page.
    const redirectUrl = common.redirectUrlWith(redirect.href, { code: data.code }, { state: data.state, tamper: data.tamper });
    if (!host) {
      // Not embedded and no opener: a classic full-page redirect.
      window.location.assign(redirectUrl);
      return;
    }
    post({ type: 'ave:success', payload: { redirectUrl } });
    setStatus('Signed in. You can close this window');
  });

  document.getElementById('cancel')?.addEventListener('click', () => {
    if (!decide()) return;
    post({ type: 'ave:close' });
    setStatus('Cancelled. You can close this window');
  });
})();
