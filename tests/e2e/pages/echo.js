// Echoes every message it receives back to its parent, tagged, so a test
// can see which messages reached a frame on this origin.
addEventListener("message", (e) => {
  parent.postMessage({ type: "echo", origin: location.origin, data: e.data }, "*");
});
parent.postMessage({ type: "echo:ready", origin: location.origin }, "*");
