// The testing kit's FedCM side in the browser: headless Chromium shows its
// FedCM dialogs (the account chooser, the "sign in to the IdP" prompt, the
// error dialog) to nobody, so a test answers them over the DevTools
// protocol's FedCm domain. Duck-typed Playwright (a Page whose context
// opens CDP sessions); no import of Playwright.

const DEFAULT_TIMEOUT_MS = 10000;

/**
 * Watches the FedCM dialogs of Playwright `page` (Chromium only): opens a
 * CDP session on it and enables the FedCm domain with
 * `disableRejectionDelay` (a dismissed or failed call rejects at once).
 * Resolves to a chooser: `nextDialog({timeoutMs})`, `selectAccount(i)`,
 * `dismiss()`, `clickButton(name)`, `resetCooldown()`, `dialogs()`,
 * `close()`. Call it before the page calls `navigator.credentials.get`.
 */
export async function fedcmChooser(page, { disableRejectionDelay = true } = {}) {
  if (!page || typeof page.context !== 'function' || typeof page.context()?.newCDPSession !== 'function') {
    throw new TypeError('fedcmChooser: pass a Playwright Page of Chromium (its context opens CDP sessions)');
  }
  const cdp = await page.context().newCDPSession(page);
  /** Every dialog shown, oldest first: { dialogId, dialogType, accounts, title, subtitle, closed }. */
  const shown = [];
  /** Dialogs not yet returned by nextDialog(). */
  const unread = [];
  const waiting = new Set();
  let current;
  let closed = false;

  cdp.on('FedCm.dialogShown', (event) => {
    const dialog = {
      dialogId: event.dialogId,
      dialogType: event.dialogType,
      accounts: event.accounts ?? [],
      title: event.title,
      ...(event.subtitle !== undefined ? { subtitle: event.subtitle } : {}),
      closed: false,
    };
    shown.push(dialog);
    const w = waiting.values().next().value;
    if (w) {
      w.done();
      current = dialog;
      w.resolve(view(dialog));
    } else {
      unread.push(dialog);
    }
  });
  cdp.on('FedCm.dialogClosed', (event) => {
    const dialog = shown.find((d) => d.dialogId === event.dialogId);
    if (dialog) dialog.closed = true;
  });
  await cdp.send('FedCm.enable', { disableRejectionDelay });

  const view = (d) => structuredClone(d);
  const alive = (what) => {
    if (closed) throw new Error(`fedcmChooser.${what}: closed`);
  };
  /** The dialog an answer goes to: the last one nextDialog() returned, else the next one shown. */
  const target = async (what) => {
    alive(what);
    if (current && !current.closed) return current;
    if (unread.length > 0 || !current) return chooser.nextDialog().then(() => current);
    throw new Error(`fedcmChooser.${what}: the last dialog (${current.dialogType}) is closed; call nextDialog() first`);
  };

  const chooser = {
    /**
     * The oldest dialog shown that no earlier nextDialog() returned (shown
     * before or after the call): `{dialogId, dialogType, accounts, title,
     * subtitle?}`; `dialogType`: "AccountChooser", "AutoReauthn",
     * "ConfirmIdpLogin" or "Error". Rejects after `timeoutMs` (10 000).
     */
    nextDialog({ timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
      if (!Number.isFinite(timeoutMs) || timeoutMs < 0) return Promise.reject(new TypeError('nextDialog: timeoutMs must be a number ≥ 0'));
      if (closed) return Promise.reject(new Error('fedcmChooser.nextDialog: closed'));
      if (unread.length > 0) {
        current = unread.shift();
        return Promise.resolve(view(current));
      }
      return new Promise((resolve, reject) => {
        const w = { resolve, reject };
        w.timer = setTimeout(() => {
          w.done();
          reject(new Error(`nextDialog: no FedCM dialog shown within ${timeoutMs} ms`));
        }, timeoutMs);
        w.done = () => {
          clearTimeout(w.timer);
          waiting.delete(w);
        };
        waiting.add(w);
      });
    },

    /** Picks account `index` (default 0) in the account chooser (waits for it when none was returned yet). */
    async selectAccount(index = 0) {
      if (!Number.isInteger(index) || index < 0) throw new TypeError('selectAccount: index must be an integer ≥ 0');
      const dialog = await target('selectAccount');
      if (index >= dialog.accounts.length) throw new RangeError(`selectAccount: the ${dialog.dialogType} dialog lists ${dialog.accounts.length} account(s), no index ${index}`);
      await cdp.send('FedCm.selectAccount', { dialogId: dialog.dialogId, accountIndex: index });
    },

    /** Closes the dialog as the user would (the page's call then rejects with a NetworkError), without a cool-down. */
    async dismiss() {
      const dialog = await target('dismiss');
      await cdp.send('FedCm.dismissDialog', { dialogId: dialog.dialogId, triggerCooldown: false });
    },

    /** Clicks a dialog button: "ConfirmIdpLoginContinue", "ErrorGotIt", "ErrorMoreDetails". */
    async clickButton(name) {
      if (typeof name !== 'string' || name === '') throw new TypeError('clickButton: name must be a dialog button name, e.g. "ErrorGotIt"');
      const dialog = await target('clickButton');
      await cdp.send('FedCm.clickDialogButton', { dialogId: dialog.dialogId, dialogButton: name });
    },

    /** Ends the browser's cool-down after dismissed dialogs (a call during one rejects without a dialog). */
    async resetCooldown() {
      alive('resetCooldown');
      await cdp.send('FedCm.resetCooldown');
    },

    /** Every dialog shown so far, oldest first, with `closed` (the browser's dialogClosed event seen). */
    dialogs() {
      return shown.map(view);
    },

    /** Disables the FedCm domain and detaches; pending nextDialog() calls reject. */
    async close() {
      if (closed) return;
      closed = true;
      for (const w of [...waiting]) {
        w.done();
        w.reject(new Error('fedcmChooser: closed while waiting for a dialog'));
      }
      try {
        await cdp.send('FedCm.disable');
        await cdp.detach();
      } catch {
        // the page or the browser is already gone: nothing is left to detach
      }
    },
  };
  return chooser;
}

/**
 * Signs the browser context of Playwright `page` in at the issuer `url`
 * (the cookie FedCM sends, `Set-Login: logged-in`) or out: a page of the
 * same context opens `/__mock/fedcm-login` (`-logout`) top-level, then
 * closes.
 */
export async function fedcmSession(page, url, action) {
  const what = action === 'login' ? 'fedcmLogin' : 'fedcmLogout';
  if (!page || typeof page.context !== 'function' || typeof page.context()?.newPage !== 'function') {
    throw new TypeError(`${what}: pass a Playwright Page (a page of its context visits the issuer)`);
  }
  const visit = await page.context().newPage();
  try {
    const response = await visit.goto(`${url}/__mock/fedcm-${action}`);
    if (!response || response.status() !== 200) throw new Error(`${what}: the issuer answered ${response ? response.status() : 'nothing'}`);
  } finally {
    await visit.close();
  }
}
