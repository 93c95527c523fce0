// The app under test: a small static server for the demo (examples/demo),
// with the SDK from this folder's node_modules (as any app would install
// it) and a /config.json that points the demo at the issuer the test
// started. Only what the demo needs; zero dependencies.
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const demoDir = path.join(here, "..", "demo");
const sdkDir = path.join(here, "node_modules", "ave-embed-wasm");
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

/** The file `rest` inside `dir`, or null (never outside it). */
function fileIn(dir, rest) {
  const file = path.resolve(dir, `.${path.posix.normalize(`/${rest}`)}`);
  try {
    return file.startsWith(dir + path.sep) && statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** Starts the app on a free port of localhost; `issuerUrl` is where its sign-in goes. */
export async function startApp({ issuerUrl }) {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://localhost");
    if (pathname === "/config.json") {
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ issuerOrigin: issuerUrl }));
    }
    if (pathname === "/callback" || pathname === "/connector/callback") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      return res.end("callback");
    }
    const file = pathname === "/" ? path.join(demoDir, "index.html")
      : pathname.startsWith("/demo/") ? fileIn(demoDir, pathname.slice(6))
      : pathname.startsWith("/pkg/") ? fileIn(sdkDir, pathname.slice(5))
      : null;
    if (!file) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "localhost", resolve));
  return {
    url: `http://localhost:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
