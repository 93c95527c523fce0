// The package's idle warm-up (pkg-template/index.js `warmUp`), watched from
// the page, for the e2e and engine tests. Imported on a page that has not
// imported the package yet (bench.html), `watchWarmUp` records every change
// to the page's DOM and every inert document the SDK makes, with the SDK's
// nodes added to and removed from it; then imports the package, runs
// `atReady(Ave)` right at its ready mark (before the page's first idle
// period), and resolves once the next idle period, where the warm-up runs,
// has passed.
export async function watchWarmUp({ atReady } = {}) {
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
  await new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("ave-embed-wasm:ready").length) { observer.disconnect(); resolve(); }
    }).observe({ type: "mark", buffered: true });
  });
  atReady?.(Ave);
  // The warm-up is queued at the ready mark for the page's next idle period.
  await new Promise((resolve) => (window.requestIdleCallback ?? setTimeout)(() => setTimeout(resolve, 50)));
  return { Ave, pageMutations, inert };
}
