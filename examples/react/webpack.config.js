// webpack 5: nothing wasm-specific (no experiments, no .wasm rules: the
// package inlines its wasm). Two named configurations:
//   webpack --config-name client   → dist/webpack/main.js (browser, production)
//   webpack --config-name ssr      → dist/ssr-webpack/entry.cjs (target: "node")
import path from "node:path";
import { fileURLToPath } from "node:url";
import webpack from "webpack";

const here = path.dirname(fileURLToPath(import.meta.url));

const jsx = {
  test: /\.jsx?$/,
  exclude: /node_modules/,
  loader: "esbuild-loader",
  options: { loader: "jsx", jsx: "automatic", target: "es2020" },
};

const define = (bundler) =>
  new webpack.DefinePlugin({
    "process.env.REACT_APP_AVE_CLIENT_ID": JSON.stringify("react-demo"),
    "process.env.REACT_APP_BUNDLER": JSON.stringify(bundler),
  });

export default [
  {
    name: "client",
    mode: "production",
    entry: "./src/main.jsx",
    output: { path: path.join(here, "dist/webpack"), filename: "main.js", clean: true },
    module: { rules: [jsx] },
    plugins: [define("webpack 5")],
    performance: { hints: false }, // the package carries ~310 kB of inlined wasm: expected
  },
  {
    name: "ssr",
    mode: "production",
    target: "node",
    entry: "./ssr/entry.jsx",
    output: { path: path.join(here, "dist/ssr-webpack"), filename: "entry.cjs", clean: true },
    module: { rules: [jsx] },
    plugins: [define("webpack 5")],
    optimization: { minimize: false },
    performance: { hints: false },
  },
];
