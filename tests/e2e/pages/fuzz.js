// A hostile frame: posts `count` generated messages (seeded) to its parent
// with target "*", then "forge:done". URL: fuzz.html#seed=N&count=M&app=ORIGIN
const params = new URLSearchParams(location.hash.slice(1));
const seed = Number(params.get("seed"));
const count = Number(params.get("count"));
for (const [message, transfer] of fuzzMessages(seed, count, params.get("app"))) {
  try {
    parent.postMessage(message, "*", transfer);
  } catch {
    // Not cloneable (e.g. a function-valued field): the browser refuses it; fine.
  }
}
parent.postMessage({ type: "forge:done" }, "*");
