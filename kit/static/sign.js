// Mock Ave issuer — signing request page (/sign?requestId&embed=1).
// Needs page-common.js (window.AveMockPage), loaded before it.
//
// Basic profile: there is no redirect_uri here: messages go to the origin of
// document.referrer (the embedding page of an iframe, the opener of a popup).
// No usable referrer → an error is shown and nothing is posted.
// aveid.net profile (the per-client switches of the client whose id is the
// requestId): target origin = redirect_uri, else parent_origin, else "*";
// storage-access gate in an iframe with third-party storage blocked.
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

  /** Where the live page posts: the origin of redirect_uri, else parent_origin, else "*". */
  function liveTargetOrigin() {
    const query = new URLSearchParams(window.location.search);
    const originOf = (value) => {
      const url = common.parseHttpUrl(value);
      return url && url.origin !== 'null' ? url.origin : null;
    };
    return originOf(query.get('redirect_uri')) || originOf(query.get('parent_origin')) || '*';
  }
  const referrerOrigin = common.parseHttpUrl(document.referrer)?.origin ?? null;

  common.start(main, data.profile === 'aveid.net' ? common.livePoster(liveTargetOrigin()) : common.poster(referrerOrigin));

  function main() {
    if (data.profile === 'aveid.net') {
      live();
      return;
    }

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

    // -------------------------------------------------------- aveid.net profile
    function live() {
      const livePost = common.livePoster(liveTargetOrigin());

      if (inFrame && !common.seesSession(data)) {
        // embed=1: the gate; the gate's fallback (no embed): sign in inside
        // the frame, which with storage blocked ends at /login's 401.
        if (data.embed === '1') common.storageGate(data, 'ave_signing', 500, 600);
        else common.toLogin();
        return;
      }
      if (request) request.hidden = false;
      if (!common.liveHost()) setStatus('No host window to notify.');

      const buttons = ['sign', 'deny', 'cancel'].map((id) => document.getElementById(id)).filter(Boolean);
      const decide = common.once(buttons);
      // In embed mode the live page stays open after its answer (the SDK
      // closes its own popup; the gate's popup waits for the user).
      const answer = (message, status) => {
        livePost(message);
        setStatus(status);
        if (data.embed !== '1') common.closeSoon();
      };

      document.getElementById('sign')?.addEventListener('click', () => {
        if (!decide()) return;
        answer({ type: 'ave:signed', payload: { requestId, signature: data.signature } }, 'Signed. You can close this window');
      });

      document.getElementById('deny')?.addEventListener('click', () => {
        if (!decide()) return;
        answer(
          { type: 'ave:denied', payload: { requestId, error: 'access_denied', message: 'The user declined to sign' } },
          'Declined. You can close this window',
        );
      });

      document.getElementById('cancel')?.addEventListener('click', () => {
        if (!decide()) return;
        answer({ type: 'ave:close' }, 'Cancelled. You can close this window');
      });
    }
  }
})();
