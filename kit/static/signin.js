// Mock Ave issuer — sign-in account chooser (/signin without `resource`).
// Needs page-common.js (window.AveMockPage), loaded before it.
(function () {
  'use strict';

  const common = window.AveMockPage;
  const page = common && common.redirectPage('ave-signin');
  if (!page) return;
  const { data, redirect, post } = page;
  const { inFrame, host, setStatus } = common;

  // The page itself, as the test scripted it (page-common.js `start`).
  common.start(main, data.profile === 'aveid.net' ? common.livePoster(redirect.origin) : post);

  function main() {
    /** redirect_uri + code (+ state), the tamper switch, then the app-keys fragment (if on). */
    function successUrl() {
      const url = common.redirectUrlWith(redirect.href, { code: data.code }, { state: data.state, tamper: data.tamper });
      return common.withFragment(url, data.appKeyFragment);
    }

    /** Shows the account chooser; its Continue / Cancel run once (the buttons are then disabled). */
    function chooser(onContinue, onCancel) {
      const section = document.getElementById('chooser');
      if (section) section.hidden = false;
      const buttons = ['continue', 'cancel'].map((id) => document.getElementById(id)).filter(Boolean);
      const decide = common.once(buttons);
      document.getElementById('continue')?.addEventListener('click', () => decide() && onContinue());
      document.getElementById('cancel')?.addEventListener('click', () => decide() && onCancel());
    }

    if (data.profile === 'aveid.net') {
      live();
      return;
    }

    // ------------------------------------------------------------ basic profile

    // Per-client switch (/__mock/config?authRequired=1): an embedded page needs a
    // top-level window. In a popup the chooser is shown as usual.
    if (data.authRequired === '1' && inFrame) {
      post({ type: 'ave:auth_required' });
      setStatus('Sign-in needs a top-level window');
      return;
    }
    chooser(
      () => {
        // The code was issued (single use, bound to client/redirect/PKCE/nonce)
        // when the server rendered this page.
        const redirectUrl = successUrl();
        if (!host) {
          // Not embedded and no opener: a classic full-page redirect.
          window.location.assign(redirectUrl);
          return;
        }
        post({ type: 'ave:success', payload: { redirectUrl } });
        setStatus('Signed in. You can close this window');
      },
      () => {
        post({ type: 'ave:close' });
        setStatus('Cancelled. You can close this window');
      },
    );

    // -------------------------------------------------------- aveid.net profile
    // docs/protocol.md#how-the-live-issuer-behaves:
    // never ave:auth_required from an iframe; a storage-access gate when the
    // iframe cannot see the session (storage blocked, or signed out); a page
    // in a popup without a session posts ave:auth_required, then signs in
    // there; a returning user is signed in without a click; posts go to
    // opener.parent / opener / parent; a popup closes itself after its result.
    function live() {
      const livePost = common.livePoster(redirect.origin);
      const embedded = data.embed === '1';

      if (embedded && inFrame && !common.seesSession(data)) {
        common.storageGate(data, 'ave_auth', 450, 650);
        return;
      }
      // No session here (a popup signed out, or the non-embedded page in a
      // frame): sign in first. In a frame with storage blocked that ends at
      // /login's 401.
      if (!common.seesSession(data)) {
        if (common.isPopup()) livePost({ type: 'ave:auth_required' });
        setStatus('Sign in to Ave to continue…');
        setTimeout(common.toLogin, 100);
        return;
      }

      function complete() {
        const redirectUrl = successUrl();
        // Without embed=1 (the gate's fallback inside the iframe, or a plain
        // link) and with no host window: a full-page redirect to the app.
        if (!embedded || !common.liveHost()) {
          setStatus('Redirecting…');
          window.location.assign(redirectUrl);
          return;
        }
        livePost({ type: 'ave:success', payload: { redirectUrl } });
        setStatus('Signed in. You can close this window');
        common.closeSoon();
      }

      if (common.seesSession(data) && data.returning === '1') {
        // Authorized before: a short loading state, then the result, no click.
        setStatus('Signing you in…');
        setTimeout(complete, 300);
        return;
      }

      // The chooser stands for the live sign-in + consent.
      chooser(complete, () => {
        livePost({ type: 'ave:close' });
        setStatus('Cancelled. You can close this window');
        common.closeSoon();
      });
    }
  }
})();
