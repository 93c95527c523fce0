// The package's idle warm-up (pkg-template/index.js `warmUp`), watched from
// the page, for the e2e and engine tests. Imported on a page that has not
// imported the package yet (bench.html), `watchWarmUp` records every change
// to the page's DOM and every inert document the SDK makes, with the SDK's
// nodes added to and removed from it; then imports the package, runs
// `atReady(Ave)` right at its ready mark (before the page's first idle
// period) or `afterFirstStep(Ave)` in the idle task right after the
// warm-up's first step, and resolves once the warm-up has ended (its mark
// "ave-embed-wasm:warm"), or, when the page called first, once the next
// idle period has passed.
export async function watchWarmUp({ atReady, afterFirstStep } = {}) {
  const pageMutations = [];
  new MutationObserver((records) => pageMutations.push(...records.map((r) => `${r.type} ${r.target.nodeName}`)))
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const inert = [];
  const make = DOMImplementation.prototype.createHTMLDocument;
  DOMImplementation.prototype.createHTMLDocument = function (...args) {
    const doc = make.apply(this, args);
    const seen = { doc, added: [], removed: [] };
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.dataset?.aveEmbed) seen.added.push(n.dataset.aveEmbed);
        for (const n of r.removedNodes) if (n.dataset?.aveEmbed) seen.removed.push(n.dataset.aveEmbed);
      }
    }).observe(doc, { subtree: true, childList: true });
    inert.push(seen);
    return doc;
  };
  const Ave = await import("/pkg/index.js");
  await mark("ave-embed-wasm:ready");
  atReady?.(Ave);
  if (afterFirstStep) {
    // The warm-up's first step makes its inert document.
    await new Promise(function poll(resolve) {
      idle(() => (inert.length ? resolve() : poll(resolve)));
    });
    afterFirstStep(Ave);
  }
  // A warm-up that went on would be done within these idle periods.
  if (atReady || afterFirstStep) for (let i = 0; i < 6; i++) await new Promise((resolve) => idle(() => setTimeout(resolve, 10)));
  else await mark("ave-embed-wasm:warm");
  return { Ave, pageMutations, inert };
}

const idle = (run) => (window.requestIdleCallback ?? setTimeout)(run);

/** Resolves at the User Timing mark `name` (at once if it is already there). */
function mark(name) {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName(name).length) {
        observer.disconnect();
        resolve();
      }
    }).observe({ type: "mark", buffered: true });
  });
}
