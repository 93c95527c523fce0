// Server-side rendering check: this module is bundled by each bundler's
// server build and run with plain `node` (no window, no document, nothing
// defined globally). Importing the package and the seed's hooks must not
// throw; it prints the package's export names, one per line.
import * as Ave from "@ave-id/embed";
import * as connector from "../src/useConnectorAuth.jsx";
import * as runtime from "../src/useAveRuntime.jsx";

const hooks = [...Object.keys(connector), ...Object.keys(runtime)];
if (hooks.some((name) => typeof { ...connector, ...runtime }[name] !== "function")) {
  throw new Error("the seed's hooks did not load");
}
for (const name of Object.keys(Ave).sort()) console.log(name);
