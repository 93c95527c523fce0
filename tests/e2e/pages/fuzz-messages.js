// Seeded generator of hostile messages (shared by fuzz.js in hostile frames
// and by the host page itself). Reproducible: the same seed gives the same
// messages. Defines globalThis.fuzzMessages(seed, count) → [message, transfer][]
(() => {
  function rng(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const TYPES = [
    "ave:success", "ave:error", "ave:close", "ave:auth_required", "ave:signed", "ave:denied",
    "ave:connector:ready", "ave:connector:event", "ave:connector:error", "ave:connector:init",
    "ave:connector:request", "AVE:SUCCESS", "ave:success ", "ave:", "", "__proto__", "constructor",
  ];
  globalThis.fuzzMessages = (seed, count, appOrigin) => {
    const r = rng(seed);
    const pick = (xs) => xs[Math.floor(r() * xs.length)];
    const str = (n) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(r() * 95))).join("");
    const deep = (n) => { let o = { leaf: true }; for (let i = 0; i < n; i++) o = { payload: o, type: pick(TYPES) }; return o; };
    const redirect = () => pick([
      `${appOrigin}/connector/callback?code=forged&state=${str(8)}`,
      `${appOrigin}/callback?code=forged`,
      `https://evil.example/connector/callback?code=x`,
      `javascript:alert(1)`,
      str(20),
      42,
      null,
      { toString: "x" },
    ]);
    const payload = () => {
      switch (Math.floor(r() * 14)) {
        case 0: return undefined;
        case 1: return null;
        case 2: return r() * 1e9;
        case 3: return str(Math.floor(r() * 50));
        case 4: return { redirectUrl: redirect() };
        case 5: return { redirectUrl: redirect(), extra: deep(5) };
        case 6: return JSON.parse('{"__proto__": {"redirectUrl": "x", "polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
        case 7: return [1, "two", { redirectUrl: redirect() }];
        case 8: return { error: pick([42, null, str(10), { nested: true }]), message: str(30) };
        case 9: return deep(200);
        case 10: return "x".repeat(50000);
        case 11: return { id: str(8), type: pick(["response", "complete", "error"]), data: str(10) };
        case 12: return new Date(0);
        default: return { delegatedToken: str(10), targetOrigin: "*" };
      }
    };
    const out = [];
    for (let i = 0; i < count; i++) {
      const kind = r();
      let message;
      let transfer = [];
      if (kind < 0.6) message = { type: pick(TYPES), payload: payload() };
      else if (kind < 0.7) message = { type: str(12), payload: payload() };
      else if (kind < 0.78) message = payload();
      else if (kind < 0.84) message = [pick(TYPES), payload()];
      else if (kind < 0.9) {
        const buf = new ArrayBuffer(16);
        const channel = new MessageChannel();
        message = { type: pick(TYPES), payload: { buf, port: channel.port1 } };
        transfer = [buf, channel.port1];
      } else if (kind < 0.95) message = JSON.parse(`{"type":"${pick(TYPES)}","__proto__":{"type":"ave:success"}}`);
      else message = { type: { toString: null }, payload: payload() };
      out.push([message, transfer]);
    }
    return out;
  };
})();
