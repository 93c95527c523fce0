// The page's module imports the package statically; the call comes while
// this module evaluates (state=load), at DOMContentLoaded (state=dcl) or
// from a click on #go (the other states).
import * as Ave from "/pkg/index.js";
import { callFromQuery } from "/e2e/states-call.js";

const state = new URLSearchParams(location.search).get("state");
if (state === "load") {
  callFromQuery(Ave, "load");
} else if (state === "dcl") {
  document.addEventListener("DOMContentLoaded", () => callFromQuery(Ave, "dcl"));
} else {
  document.getElementById("go").addEventListener("click", () => callFromQuery(Ave, state));
}
window.__ready = true;
