// Page states for tests/page-states/ (a classic script: it runs before any
// module, so before the package is imported). The query says which:
//   state=before-ready    the background start never finishes (its compile
//                         is held), so a call takes the synchronous path
//   state=after-ready     idle callbacks are held until the page's call, so
//                         the call comes after the ready mark and before the
//                         idle warm-up
//   decompression=none    an engine without DecompressionStream (nor
//                         Uint8Array.fromBase64): Safari < 16.4, Chrome < 80
//   decompression=refuse  one whose DecompressionStream refuses "deflate-raw"
//                         (Chrome 80-102, Firefox < 113, Safari 16.4-16.x)
// and records what the test asserts: the SDK's callbacks (calls, events),
// how many inert documents the warm-up made (warmUps), and the state at
// the moment of the call (atCall, states-call.js).
(() => {
  const q = new URLSearchParams(location.search);
  window.calls = [];
  window.events = [];
  window.warmUps = 0;
  const make = DOMImplementation.prototype.createHTMLDocument;
  DOMImplementation.prototype.createHTMLDocument = function (...args) {
    window.warmUps += 1;
    return make.apply(this, args);
  };

  if (q.get("decompression") === "none") {
    delete window.DecompressionStream;
    delete Uint8Array.fromBase64;
  } else if (q.get("decompression") === "refuse") {
    const Native = window.DecompressionStream;
    window.DecompressionStream = class extends Native {
      constructor(format) {
        if (format === "deflate-raw") throw new TypeError(`Unsupported compression format: '${format}'`);
        super(format);
      }
    };
  }

  const state = q.get("state");
  if (state === "before-ready") {
    const never = () => new Promise(() => {});
    WebAssembly.compileStreaming = never;
    WebAssembly.compile = never;
  } else if (state === "after-ready") {
    const held = [];
    window.requestIdleCallback = (callback) => held.push(callback);
    window.releaseIdle = () => held.splice(0).forEach((callback) => setTimeout(callback));
  }
})();
