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

  common.start(main, data.profile === 'aveid.net' ? common.livePoster(redirect.origin) : post);

  function main() {
    function redirectUrlWith(params) {
      return common.redirectUrlWith(redirect.href, params, { state: data.state, tamper: data.tamper });
    }

    /** The success redirect: code (+ state), then the app-keys fragment (if on). */
    function successUrl() {
      return common.withFragment(redirectUrlWith({ code: data.code }), data.appKeyFragment);
    }

    if (data.profile === 'aveid.net') {
      live();
      return;
    }

    // ------------------------------------------------------------ background
    if (data.mode === 'background') {
      if (data.approved === '1' && data.code) {
        post({ type: 'ave:success', payload: { redirectUrl: successUrl() } });
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
      if (!(await recordConsent())) {
        post({ type: 'ave:error', payload: { error: 'server_error', message: 'The consent could not be recorded' } });
        setStatus('Something went wrong. You can close this window');
        return;
      }
      const redirectUrl = successUrl();
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

    /** Records the approval at /api/consent; false when that failed. */
    async function recordConsent() {
      try {
        const response = await fetch('/api/consent', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ client_id: data.clientId, resource: data.resource, scope: data.scope, code: data.code }),
        });
        return response.ok;
      } catch {
        return false;
      }
    }

    // -------------------------------------------------------- aveid.net profile
    // docs/protocol.md#how-the-live-issuer-behaves:
    // without a session the page posts ave:auth_required twice (iframe, or
    // SDK popup) and goes to /login, which comes back here; with one, an
    // unverified email is a dead end ("Verify your email", nothing posted),
    // else the consent is ALWAYS shown — `mode` is only the grant's
    // communication mode, nothing completes without Approve.
    function live() {
      const livePost = common.livePoster(redirect.origin);

      if (!common.seesSession(data)) {
        if (!common.liveHost()) {
          common.toLogin();
          return;
        }
        livePost({ type: 'ave:auth_required' });
        livePost({ type: 'ave:auth_required' });
        setStatus('Sign in to Ave to continue…');
        setTimeout(common.toLogin, 100);
        return;
      }
      if (data.emailVerified !== '1') {
        const verify = document.getElementById('verify-email');
        if (verify) verify.hidden = false;
        return;
      }

      const consent = document.getElementById('consent');
      if (consent) consent.hidden = false;
      const buttons = ['approve', 'deny', 'cancel'].map((id) => document.getElementById(id)).filter(Boolean);
      const decide = common.once(buttons);

      /** Posts the result (a popup then closes itself); with no host window, redirects. */
      function result(message, redirectUrl) {
        if (!common.liveHost()) {
          if (redirectUrl) window.location.assign(redirectUrl);
          else setStatus('Cancelled.');
          return;
        }
        livePost(message);
        setStatus('You can close this window');
        common.closeSoon();
      }

      document.getElementById('approve')?.addEventListener('click', async () => {
        if (!decide()) return;
        setStatus('Approving…');
        if (!(await recordConsent())) {
          livePost({ type: 'ave:error', payload: { error: 'server_error', message: 'The consent could not be recorded' } });
          setStatus('Something went wrong. You can close this window');
          common.closeSoon();
          return;
        }
        const redirectUrl = successUrl();
        result({ type: 'ave:success', payload: { redirectUrl } }, redirectUrl);
      });

      document.getElementById('deny')?.addEventListener('click', () => {
        if (!decide()) return;
        result(
          { type: 'ave:error', payload: { error: 'access_denied', message: 'The user denied access' } },
          redirectUrlWith({ error: 'access_denied' }),
        );
      });

      document.getElementById('cancel')?.addEventListener('click', () => {
        if (!decide()) return;
        result({ type: 'ave:close' }, null);
      });
    }
  }
})();
