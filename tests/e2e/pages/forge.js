// A hostile frame: posts the messages in its URL fragment (JSON array) to
// its parent with target "*", then a "forge:done" marker so the test knows
// every forged message has been dispatched.
const messages = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "[]");
for (const m of messages) parent.postMessage(m, "*");
parent.postMessage({ type: "forge:done" }, "*");
