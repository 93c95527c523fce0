// Vite: nothing wasm-specific (the package inlines its wasm).
import { defineConfig } from "vite";

export default defineConfig({
  base: "./", // served from /react/vite/
  define: {
    "process.env.REACT_APP_AVE_CLIENT_ID": JSON.stringify("react-demo"),
    "process.env.REACT_APP_BUNDLER": JSON.stringify("Vite"),
  },
  build: {
    outDir: "dist/vite",
    emptyOutDir: true,
  },
});
