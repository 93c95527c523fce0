// Vite, for hooks/ (the package's `ave-embed-wasm/react`): built by build.mjs
// with NODE_ENV=development, so that React is its development build and
// <React.StrictMode> mounts, unmounts and mounts every effect, as it does in
// an app's dev server.
import { defineConfig } from "vite";

export default defineConfig({
  root: "hooks",
  base: "./", // served from /react/hooks/
  resolve: {
    // The package is a `file:` link to ../../dist/npm; its react.js must get
    // this app's React (as it does when installed from the registry), not
    // look for one above dist/npm.
    dedupe: ["react", "react-dom"],
  },
  build: {
    outDir: "../dist/hooks",
    emptyOutDir: true,
    minify: false,
  },
});
