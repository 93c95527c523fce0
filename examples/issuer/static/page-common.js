// Mock Ave issuer — helpers shared by the page scripts (connect.js, signin.js,
// sign.js). Loaded first (all page scripts are `defer`, so they run in order).
(function () {
  'use strict';

  // The host is the embedding page (iframe) or the window that opened us (popup).
  const inFrame = window.parent !== window;
  const host = inFrame ? window.parent : window.opener;
  const statusEl = document.getElementById('status');

  function setStatus(text) {
    if (statusEl) statusEl.textContent = text;
  }

  /** Absolute http(s) URL or null. */
  function parseHttpUrl(value) {
    if (typeof value !== 'string' || value === '') return null;
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
    } catch {
      return null;
    }
  }

  /** A `post(message)` that only ever targets `targetOrigin` (never "*"). */
  function poster(targetOrigin) {
    return function post(message) {
      if (!host || !targetOrigin || targetOrigin === 'null') return false;
      try {
        host.postMessage(message, targetOrigin);
        return true;
      } catch {
        return false;
      }
    };
  }

  /**
   * `redirectHref` plus `params` (URL API: existing query parameters are kept),
   * plus `state` when one was received. `tamper` is the mock's test switch
   * (/__mock/config?tamper=…) simulating a compromised issuer page:
   * origin → another origin, path → another path, state → wrong state.
   */
  function redirectUrlWith(redirectHref, params, { state, tamper } = {}) {
    const url = new URL(redirectHref);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    if (state !== undefined) url.searchParams.set('state', state);
    if (tamper === 'origin') url.host = `${url.hostname === 'localhost' ? '127.0.0.2' : 'localhost'}:${url.port}`;
    if (tamper === 'path') url.pathname = '/elsewhere';
    if (tamper === 'state') url.searchParams.set('state', `${state ?? ''}-tampered`);
    return url.href;
  }

  /** Disables `buttons` on the first call and returns true; false afterwards. */
  function once(buttons) {
    let done = false;
    return function decide() {
      if (done) return false;
      done = true;
      for (const b of buttons) b.disabled = true;
      return true;
    };
  }

  /**
   * The page's root element (`#rootId`) with its data attributes, and a
   * `post` bound to the origin of its `data-redirect-uri`; null when either
   * is missing (the server already refuses such requests: post nothing).
   */
  function redirectPage(rootId) {
    const root = document.getElementById(rootId);
    const redirect = root && parseHttpUrl(root.dataset.redirectUri);
    if (!redirect) return null;
    // Messages only ever go to the origin of redirect_uri, never "*".
    return { root, data: root.dataset, redirect, post: poster(redirect.origin) };
  }

  window.AveMockPage = Object.freeze({ inFrame, host, setStatus, parseHttpUrl, poster, redirectUrlWith, once, redirectPage });
})();
