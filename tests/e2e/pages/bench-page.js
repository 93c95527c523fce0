// Bench page: the SDK and the baseline side by side (no import until asked,
// so start-up can be measured from the import itself).
window.config = await (await fetch("/config.json")).json();
window.__ready = true;
