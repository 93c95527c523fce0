// Loads the Yew app (built by wasm-bindgen --target web into ./pkg) and
// renders it. The issuer is read from the test server's /config.json (the
// mock issuer on another origin); a real app would use https://aveid.net.
import init, { run } from "./pkg/ave_yew_example.js";

const config = await (await fetch("/config.json")).json();
const clientId = new URLSearchParams(location.search).get("client") ?? "yew-example";
await init();
run(config.issuerOrigin, clientId);
window.__ready = true;
