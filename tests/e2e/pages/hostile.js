// Hostile values for tests/page-states/hostile.test.mjs (docs/security.md#hostile-values), run in
// /e2e/host.html: each `hammer…` makes `n` calls, cycling through the kinds
// of value below, and returns what came back that was not the SDK's
// TypeError with the expected message. An exception that crossed the wasm
// (the getter's own error, or a RuntimeError once the module is poisoned)
// is such a result.

/** The app's own error: it must never come out of an SDK call. */
const boom = () => {
  throw new Error("hostile: the app's getter or trap threw");
};
const BIG = "x".repeat(10 * 1024 * 1024);
const inline = () => document.getElementById("inline");

/** Every conversion to a primitive throws. */
const bomb = () => ({ [Symbol.toPrimitive]: boom, toString: boom, valueOf: boom, toJSON: boom });
class Bomb {
  [Symbol.toPrimitive]() { boom(); }
  toString() { boom(); }
  valueOf() { boom(); }
}
/** Every trap throws. */
const traps = (target = {}) => new Proxy(target, {
  get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom,
});
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const cycle = () => {
  const o = { a: "x" };
  o.self = o;
  return o;
};
const getter = (o, name) => Object.defineProperty(o, name, { get: boom, enumerable: true, configurable: true });

/** `extraParams` whose inside is hostile: a getter, a Proxy, a bomb, 10 MB. */
const EXTRA_PARAMS = [
  () => getter({ prompt: "login" }, "ui_locales"),
  () => new Proxy({ prompt: "login" }, { get: boom }),
  () => new Proxy({ prompt: "login" }, { getPrototypeOf: boom }),
  () => new Proxy({ prompt: "login" }, { ownKeys: boom }),
  () => ({ prompt: bomb() }),
  () => ({ prompt: BIG }),
  () => ({ [BIG]: "x" }),
];

/** Each kind: valid options `o` made hostile at the option `slot` (or as a whole). */
const KINDS = {
  "getter on the option": (o, slot) => getter(o, slot),
  "options: Proxy, every trap throws": (o) => traps(o),
  "options: Proxy, get trap throws on the option": (o, slot) => new Proxy(o, { get: (t, k, r) => (k === slot ? boom() : Reflect.get(t, k, r)) }),
  "options: revoked Proxy": () => revoked(),
  "options: Symbol.toPrimitive bomb": () => bomb(),
  "options: cyclic": (o, slot) => Object.assign(o, { self: o, [slot]: cycle() }),
  "value: revoked Proxy": (o, slot) => ({ ...o, [slot]: revoked() }),
  "value: Proxy, every trap throws": (o, slot) => ({ ...o, [slot]: traps() }),
  "value: Proxy, getPrototypeOf throws": (o, slot) => ({ ...o, [slot]: new Proxy({}, { getPrototypeOf: boom }) }),
  "value: Proxy-wrapped element": (o, slot) => ({ ...o, [slot]: new Proxy(inline(), {}) }),
  "value: Symbol.toPrimitive bomb": (o, slot) => ({ ...o, [slot]: bomb() }),
  "value: class with toString/valueOf bombs": (o, slot) => ({ ...o, [slot]: new Bomb() }),
  "value: cyclic": (o, slot) => ({ ...o, [slot]: cycle() }),
  "value: 10 MB string": (o, slot) => ({ ...o, [slot]: BIG }),
  "extraParams: hostile inside": (o, slot, i) => ({ ...o, extraParams: EXTRA_PARAMS[i % EXTRA_PARAMS.length]() }),
};

const CONNECTOR = ["clientId", "redirectUri", "resource", "scope", "mode", "issuer", "state", "timeoutMs", "onSuccess", "onError", "onClose"];
const SIGN_IN = ["clientId", "redirectUri", "scope", "theme", "issuer", "extraParams", "codeChallenge", "codeChallengeMethod", "onTokens", "onSuccess", "onError", "onClose"];
const RUNTIME = ["delegatedToken", "targetOrigin", "mode", "issuer", "container", "width", "height", "timeoutMs", "onReady", "onEvent", "onError"];
const SIGNING = ["requestId", "issuer", "onSigned", "onDenied", "onClose"];
const POPUP = ["width", "height"];

/** function → [valid options, the options it reads (each made hostile in turn)] */
const FUNCTIONS = {
  openAveConnectorSheet: [() => connectorOptions("hostile"), CONNECTOR],
  openAveConnectorPopup: [() => connectorOptions("hostile"), [...CONNECTOR, ...POPUP]],
  openAveConnectorRuntime: [() => runtimeOptions(), [...RUNTIME, "target"]],
  openIrisDelegatedRuntime: [() => runtimeOptions(), RUNTIME],
  openAveSigningSheet: [() => signingOptions("hostile"), SIGNING],
  openAveSigningPopup: [() => signingOptions("hostile"), [...SIGNING, ...POPUP]],
  mountAveEmbed: [() => signinOptions("hostile", { container: inline() }), [...SIGN_IN, "container", ...POPUP]],
  openAveSheet: [() => signinOptions("hostile"), SIGN_IN],
  openAvePopup: [() => signinOptions("hostile"), [...SIGN_IN, ...POPUP]],
  startAveAuth: [() => signinOptions("hostile"), [...SIGN_IN, "container"]],
};

/** A few calls at a time, then a task boundary: the page stays responsive (WebKit's driver takes a busy page for hung). */
const breathe = () => new Promise((r) => setTimeout(r, 0));

/** Records `e` unless it is a TypeError whose message starts with `prefix`. */
function check(bad, what, e, prefix) {
  if (e instanceof TypeError && typeof e.message === "string" && e.message.startsWith(prefix)) return;
  bad.push(`${what}: ${e?.constructor?.name}: ${e?.message ?? String(e)}`);
  bad.classes[e?.constructor?.name] = (bad.classes[e?.constructor?.name] ?? 0) + 1;
}

/** Records a call that did not throw. */
function noError(bad, what) {
  bad.push(`${what}: no error`);
  bad.classes["no error"] = (bad.classes["no error"] ?? 0) + 1;
}

/** A list of what went wrong, counted by the class of what was thrown. */
const wrongs = () => Object.assign([], { classes: {} });

/** Result of a batch: how many calls, which kinds, what went wrong (the first few), DOM and callbacks left. */
function summary(n, kinds, bad) {
  return {
    calls: n,
    kinds,
    wrong: bad.length,
    wrongByClass: bad.classes,
    firstWrong: bad.slice(0, 5),
    nodes: document.querySelectorAll("[data-ave-embed], iframe").length,
    callbacks: window.calls.length,
  };
}

/** `n` calls of `fn` with hostile options (sync functions throw, async ones reject). */
export async function hammer(fn, n) {
  const [valid, slots] = FUNCTIONS[fn];
  const kinds = Object.entries(KINDS).filter(([k]) => !k.startsWith("extraParams") || slots.includes("extraParams"));
  const prefix = `${fn}: option \``;
  const bad = wrongs();
  for (let i = 0; i < n; i++) {
    const [kind, make] = kinds[i % kinds.length];
    const slot = slots[Math.floor(i / kinds.length) % slots.length];
    const options = make(valid(), slot, Math.floor(i / kinds.length));
    try {
      const handle = window.Ave[fn](options);
      if (handle instanceof Promise) await handle;
      noError(bad, `${kind} at ${slot}`);
    } catch (e) {
      check(bad, `${kind} at ${slot}`, e, prefix);
    }
    if (i % 250 === 249) await breathe();
  }
  return summary(n, kinds.length, bad);
}

/** `send(message)` values that must be refused. */
const MESSAGES = {
  "getter": () => getter({ mode: "stream" }, "messages"),
  "getter inside": () => ({ mode: "stream", messages: [getter({ role: "user" }, "content")] }),
  "Proxy, every trap throws": () => traps({ mode: "stream" }),
  "Proxy, getPrototypeOf throws, inside": () => ({ mode: "stream", messages: [new Proxy({}, { getPrototypeOf: boom })] }),
  "revoked Proxy": () => revoked(),
  "revoked Proxy inside": () => ({ mode: "stream", messages: [revoked()] }),
  "Symbol.toPrimitive bomb (class)": () => new Bomb(),
  "bomb inside": () => ({ mode: "stream", messages: [{ role: "user", content: new Bomb() }] }),
  "cyclic": () => {
    const m = { mode: "stream", messages: [] };
    m.messages.push(m);
    return m;
  },
  "10 MB string": () => ({ mode: "stream", messages: [{ role: "user", content: BIG }] }),
  "10 MB key": () => ({ mode: "stream", [BIG]: 1 }),
  "array of length 2³²−1": () => ({ mode: "stream", messages: new Array(2 ** 32 - 1) }),
  "10 000 levels deep": () => {
    let m = { content: "x" };
    for (let i = 0; i < 10000; i++) m = { m };
    return m;
  },
  "function inside": () => ({ mode: "stream", onDone: () => {} }),
  "not a plain object": () => new Date(0),
  "a string": () => "hello",
};

/** `n` hostile `send()` calls on the runtime handle `rt` of `fn`. */
export const hammerSend = (rt, fn, n) => hammerMethod(MESSAGES, `${fn}: send(message) `, n, (m) => rt.send(m));

/** Payloads the browser cannot clone for the inline handle's `postMessage`. */
const PAYLOADS = {
  "getter": () => getter({ a: 1 }, "b"),
  "Proxy, every trap throws": () => traps({ a: 1 }),
  "revoked Proxy": () => revoked(),
  "Symbol.toPrimitive bomb": () => bomb(),
  "function": () => () => {},
};

/** `n` hostile `postMessage()` calls on the inline handle of `fn`. */
export const hammerPost = (handle, fn, n) => hammerMethod(PAYLOADS, `${fn}: postMessage(payload) `, n, (p) => handle.postMessage(p));

/** `n` calls of `call` with the values of `table` in turn, each of which must throw the TypeError starting with `prefix`. */
async function hammerMethod(table, prefix, n, call) {
  const kinds = Object.entries(table);
  const bad = wrongs();
  for (let i = 0; i < n; i++) {
    const [kind, make] = kinds[i % kinds.length];
    try {
      call(make());
      noError(bad, kind);
    } catch (e) {
      check(bad, kind, e, prefix);
    }
    if (i % 250 === 249) await breathe();
  }
  return summary(n, kinds.length, bad);
}
