// Loads the app's wasm (built by wasm-bindgen --target web into ./pkg) and
// mounts it. The issuer is read from the test server's /config.json (the
// mock issuer on another origin); a real app would use https://aveid.net.
import init, * as app from "./pkg/ave_rust_consumer.js";

const config = await (await fetch("/config.json")).json();
const clientId = new URLSearchParams(location.search).get("client") ?? "rust-consumer";
await init();
app.mount(config.issuerOrigin, clientId);
// For the end-to-end test: the module's exports (the app's own `open` among them).
window.app = app;
window.__ready = true;
