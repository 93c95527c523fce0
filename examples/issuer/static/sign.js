// Mock Ave issuer — signing request page (/sign?requestId&embed=1).
// Needs page-common.js (window.AveMockPage), loaded before it.
//
// There is no redirect_uri here: messages go to the origin of
// document.referrer (the embedding page of an iframe, the opener of a popup).
// No usable referrer → an error is shown and nothing is posted.
(function () {
  'use strict';

  const root = document.getElementById('ave-sign');
  const common = window.AveMockPage;
  if (!root || !common) return;
  const data = root.dataset;
  const { inFrame, host, setStatus } = common;
  const requestId = data.requestId;
  const request = document.getElementById('request');
  const problem = document.getElementById('sign-error');

  function fail(message) {
    if (request) request.hidden = true;
    if (problem) {
      problem.textContent = message;
      problem.hidden = false;
    }
  }

  const referrer = common.parseHttpUrl(document.referrer);
  if (!referrer || referrer.origin === 'null') {
    fail('Cannot tell which page asked for this signature (no referrer). Nothing was sent.');
    return;
  }
  const post = common.poster(referrer.origin);

  // Global switch (/__mock/config?signAuthRequired=1): embedded → needs a top-level window.
  if (data.authRequired === '1' && inFrame) {
    post({ type: 'ave:auth_required' });
    setStatus('Signing needs a top-level window');
    return;
  }
  if (request) request.hidden = false;
  if (!host) setStatus('No host window to notify.');

  const buttons = ['sign', 'deny', 'cancel'].map((id) => document.getElementById(id)).filter(Boolean);
  const decide = common.once(buttons);

  document.getElementById('sign')?.addEventListener('click', () => {
    if (!decide()) return;
    post({ type: 'ave:signed', payload: { requestId, signature: data.signature } });
    setStatus('Signed. You can close this window');
  });

  document.getElementById('deny')?.addEventListener('click', () => {
    if (!decide()) return;
    post({ type: 'ave:denied', payload: { requestId, error: 'access_denied', message: 'The user declined to sign' } });
    setStatus('Declined. You can close this window');
  });

  document.getElementById('cancel')?.addEventListener('click', () => {
    if (!decide()) return;
    post({ type: 'ave:close' });
    setStatus('Cancelled. You can close this window');
  });
})();
