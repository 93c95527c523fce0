// The testing kit's Playwright side (./index.mjs: MockIssuer.approve, …;
// the e2e harness's clickToEnd): clicks in issuer pages for the user. Only
// duck-typed Playwright objects, no import of Playwright.

/** Clicks the first visible, enabled `selectors` button in an issuer page of `page` or of its popups. */
export async function actAsUser(page, issuerUrl, action, selectors, timeoutMs) {
  if (!page || typeof page.frames !== 'function' || typeof page.context !== 'function' || typeof page.waitForFunction !== 'function') {
    throw new TypeError(`${action}: pass a Playwright Page (the app's page; its frames and popups are searched)`);
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new TypeError(`${action}: timeoutMs must be a number ≥ 0`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pages = [page, ...page.context().pages().filter((p) => p !== page && !p.isClosed())];
    const frames = pages.flatMap((p) => p.frames()).filter((f) => f.url().startsWith(`${issuerUrl}/`));
    for (const frame of frames) {
      for (const selector of selectors) {
        const button = frame.locator(selector);
        let ready = false;
        try {
          ready = (await button.isVisible()) && (await button.isEnabled());
        } catch {
          // the frame navigated or went away: look again
        }
        if (!ready) continue;
        try {
          await clickToEnd(frame, button);
          return;
        } catch {
          // the button went away or changed: look again
        }
      }
    }
    if (Date.now() >= deadline) {
      const seen = frames.map((f) => new URL(f.url()).pathname).join(', ') || 'none';
      throw new Error(`${action}: no issuer page showed ${selectors.join(' or ')} within ${timeoutMs} ms (issuer pages: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Clicks `button` (a Playwright Locator) in `frame` where the click may end
 * the flow: the SDK then removes the frame (or the popup closes itself),
 * maybe before Playwright has the click's acknowledgement from that frame's
 * process, which can hang a click. So the click also counts as done when
 * its frame is detached or its page closed (also when the click then fails
 * for that reason); any other failure is thrown. In the app's page the
 * sheet's slide-in is waited out first (a click into a moving iframe lands
 * where it was).
 */
export async function clickToEnd(frame, button, timeout = 5000) {
  const owner = frame.page();
  if (frame !== owner.mainFrame()) {
    await owner.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5000 }).catch(() => {});
  }
  let stop;
  const gone = new Promise((resolve) => {
    const onDetach = (f) => f === frame && resolve();
    owner.on('framedetached', onDetach);
    owner.once('close', resolve);
    stop = () => {
      owner.off('framedetached', onDetach);
      owner.off('close', resolve);
    };
  });
  const click = button.click({ timeout });
  click.catch(() => {}); // awaited below unless the frame went first
  try {
    await Promise.race([click, gone]);
  } catch (e) {
    if (!(frame.isDetached() || owner.isClosed())) throw e;
  } finally {
    stop();
  }
}
