// Mock Ave issuer — helpers shared by the page scripts (connect.js, signin.js,
// sign.js). Loaded first (all page scripts are `defer`, so they run in order).
(function () {
  'use strict';

  // The host is the embedding page (iframe) or the window that opened us (popup).
  const inFrame = window.parent !== window;
  const host = inFrame ? window.parent : window.opener;
  const statusEl = document.getElementById('status');
  // The flow this page is (server: `openFlow`): its id, its buttons and what
  // the test scripted for its client (../README.md "Scripted pages").
  const flowData = document.querySelector('[data-flow-id]')?.dataset ?? {};
  const silent = flowData.silent === '1';

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

  /**
   * A `post(message)` to the window `hostOf()` returns (looked up at each
   * post), with `targetOrigin`; false when it posted nothing (no host, no
   * origin, a silent page). Each post is recorded.
   */
  function posterTo(hostOf, targetOrigin) {
    return function post(message) {
      const target = hostOf();
      if (silent || !target || !targetOrigin || targetOrigin === 'null') return false;
      try {
        target.postMessage(message, targetOrigin);
      } catch {
        return false;
      }
      record('posted', targetOrigin, message);
      return true;
    };
  }

  /** A `post(message)` to the host that only ever targets `targetOrigin` (never "*"). */
  function poster(targetOrigin) {
    return posterTo(() => host, targetOrigin);
  }

  // ------------------------------------------------ the testing kit

  /**
   * Tells the issuer (its records, `MockIssuer.messages()`) about a message
   * this page received or posted. The runtime's delegated token never
   * leaves the page: only its length is told.
   */
  function record(direction, origin, data) {
    if (!flowData.flowId) return;
    let told = data;
    if (data && data.type === 'ave:connector:init' && data.payload && typeof data.payload.delegatedToken === 'string') {
      told = { ...data, payload: { ...data.payload, delegatedToken: `[${data.payload.delegatedToken.length} characters]` } };
    }
    let body;
    try {
      body = JSON.stringify({ direction, origin, data: told });
    } catch {
      return; // not JSON (a cycle, a BigInt): not recorded
    }
    fetch(`/__mock/flows/${encodeURIComponent(flowData.flowId)}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      keepalive: body.length < 16000,
    }).catch(() => {});
  }
  window.addEventListener('message', (e) => record('received', e.origin, e.data));

  /**
   * Runs the page (`main`) as scripted: after `delayMs` (a slow page); not
   * at all when silent (a page that never answers); or, instead, posts
   * `ave:error` with `post` (an issuer error). Then takes the decision the
   * test scripted (`decision`) or sends (`MockIssuer.decide`) by clicking
   * its button once that shows.
   */
  function start(main, post) {
    const run = () => {
      if (silent) return;
      if (flowData.error) {
        post({ type: 'ave:error', payload: { error: flowData.error, message: flowData.errorMessage } });
        setStatus('Something went wrong.');
        closeSoon();
        return;
      }
      main();
      followDecisions();
    };
    const delay = Number(flowData.delayMs) || 0;
    if (delay > 0) {
      setStatus('Loading…');
      setTimeout(run, delay);
    } else {
      run();
    }
  }

  /** Clicks the button of the scripted decision, or of the test's decision once it is sent (polled every 200 ms). */
  function followDecisions() {
    let buttons;
    try {
      buttons = JSON.parse(flowData.buttons || 'null');
    } catch {
      return;
    }
    if (!buttons) return;
    let decision = flowData.decision || null;
    const tick = async () => {
      if (!decision) {
        try {
          const answer = await fetch(`/__mock/flows/${encodeURIComponent(flowData.flowId)}`, { cache: 'no-store' });
          if (answer.status === 404) return; // the issuer was reset
          decision = (await answer.json()).decision;
        } catch {
          // the issuer is gone or busy: ask again
        }
      }
      const button = decision && document.getElementById(buttons[decision]);
      if (button && !button.disabled && button.getClientRects().length > 0) {
        button.click();
        return;
      }
      setTimeout(tick, 200);
    };
    tick();
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

  // ------------------------------------------------ aveid.net profile
  // The live issuer's pages (docs/protocol.md#how-the-live-issuer-behaves).

  /**
   * Where a live page posts: `opener.parent` when the page has an opener
   * whose parent is reachable, else `opener`, else `parent` (framed), else
   * null. Looked up at each post (an opener can go away).
   */
  function liveHost() {
    const opener = window.opener;
    if (opener) {
      try {
        const parent = opener.parent;
        if (parent) return parent;
      } catch {
        // not reachable: the opener itself
      }
      return opener;
    }
    return inFrame ? window.parent : null;
  }

  /** A page in a popup: it has an opener and is top-level. */
  function isPopup() {
    return !!window.opener && !inFrame;
  }

  /** A `post(message)` to liveHost() with `targetOrigin` (the live signing page may use "*"). */
  function livePoster(targetOrigin) {
    return posterTo(liveHost, targetOrigin);
  }

  /** A live page in a popup closes its window 50 ms after posting its result. */
  function closeSoon() {
    if (isPopup()) setTimeout(() => window.close(), 50);
  }

  /**
   * Whether the page sees the user's Ave session: top-level when signed in;
   * in an iframe only when signed in and third-party storage is not blocked
   * (a frame cannot sign in by itself then: /login answers 401 there).
   */
  function seesSession(data) {
    if (!inFrame) return data.session === '1';
    return data.session === '1' && data.storageBlocked !== '1';
  }

  /** Goes to the issuer's own sign-in, which comes back to this page. */
  function toLogin() {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.href)}`);
  }

  /** `href` with the success fragment (the app-keys switch), if any: `url.hash = fragment`. */
  function withFragment(href, fragment) {
    if (!fragment) return href;
    const url = new URL(href);
    url.hash = fragment;
    return url.href;
  }

  /** `href` without its `embed` parameter. */
  function withoutEmbed(href) {
    const url = new URL(href);
    url.searchParams.delete('embed');
    return url.href;
  }

  /** window.open features of a width × height popup centred over the browser window. */
  function popupFeatures(width, height) {
    const left = Math.max(0, Math.round((window.screenX || 0) + ((window.outerWidth || width) - width) / 2));
    const top = Math.max(0, Math.round((window.screenY || 0) + ((window.outerHeight || height) - height) / 2));
    return `width=${width},height=${height},left=${left},top=${top},resizable=yes,scrollbars=yes`;
  }

  /** Resolves to `value` after `ms`. */
  function later(ms, value) {
    return new Promise((resolve) => setTimeout(() => resolve(value), ms));
  }

  /**
   * The Storage Access API as the client's switches answer it, after short
   * waits like the browser's: `hasStorageAccess()` is true where third-party
   * storage is not blocked; else `requestStorageAccess()` is granted or
   * refused (`storageAccess`). The mock never calls the real API: what a
   * browser answers (and whether it prompts) differs between engines.
   */
  async function storageAccess(data) {
    if (await later(5, data.storageBlocked !== '1')) return true;
    return later(20, data.storageAccess !== 'refuse');
  }

  /**
   * The "storage access" gate of an embedded page that cannot see the
   * session (third-party storage blocked, or signed out). As the live page,
   * the click first awaits the storage-access check and request; granted,
   * it then opens this same page as a popup from this iframe (`name`,
   * width × height). A refusal spends the click's user activation in a
   * real browser, so that the popup is blocked: the mock does not open it
   * then. Without a popup the iframe navigates itself to the same URL
   * without `embed=1`.
   */
  function storageGate(data, name, width, height) {
    const gate = document.getElementById('storage-gate');
    const button = document.getElementById('storage-access');
    if (!gate || !button) return;
    gate.hidden = false;
    setStatus('');
    button.addEventListener('click', async () => {
      button.disabled = true;
      setStatus('Checking access…');
      const granted = await storageAccess(data);
      const popup = granted ? window.open(location.href, name, popupFeatures(width, height)) : null;
      if (popup) {
        button.disabled = false;
        setStatus('Continue in the Ave window…');
        return;
      }
      setStatus('Opening Ave…');
      window.location.assign(withoutEmbed(location.href));
    });
  }

  window.AveMockPage = Object.freeze({
    inFrame,
    host,
    setStatus,
    parseHttpUrl,
    poster,
    redirectUrlWith,
    once,
    redirectPage,
    liveHost,
    isPopup,
    livePoster,
    closeSoon,
    seesSession,
    toLogin,
    withFragment,
    withoutEmbed,
    popupFeatures,
    storageGate,
    start,
  });
})();
