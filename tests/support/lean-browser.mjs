// A lean Chromium driver for the long leak runs: the browser is spawned
// directly and driven over the DevTools protocol on a pipe (fds 3 and 4,
// NUL-separated JSON), with no auto-attach. Playwright attaches to every
// target the page creates and instruments it (a session, domains enabled,
// init scripts) before letting it run; for 10 000 real popup windows that
// alone made each window.open ~3× slower and kept a page object per popup.
// Here nothing attaches to the popups: the only session is on the opener
// page, where the SDK's own listeners, timers, nodes and memory are counted.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Chromium flags that keep the browser offline: its proxy is a loopback
 * port where nothing listens, so no request leaves the machine.
 */
export async function offlineArgs() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return ["--disable-quic", `--proxy-server=http://127.0.0.1:${port}`];
}

/**
 * For clean-up of what may be gone already (a page or popup that closed
 * itself, a browser or driver that exited): those errors are expected; any
 * other is thrown.
 */
export function expectGone(e) {
  const gone = /no such window|invalid session id|session deleted|fetch failed|ECONNREFUSED|No target with given id|Failed to find browser context|browser exited/i;
  if (!gone.test(String(e?.message ?? e))) throw e;
}

/**
 * `Runtime.evaluate` of `expression` through `send(method, params)` (any
 * DevTools session), awaiting a Promise; returns its value, throws what it threw.
 */
export async function cdpEvaluate(send, expression, { userGesture }) {
  const { result, exceptionDetails } = await send("Runtime.evaluate", {
    expression,
    awaitPromise: true,
    returnByValue: true,
    userGesture,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

/**
 * The browser for the leak run: Debian's chromium-headless-shell when it is
 * installed (scripts/setup.sh installs it), whose windows are ~5× cheaper to
 * create than the full headless Chromium's; else Chromium itself.
 */
export function leanExecutable() {
  if (process.env.LEAK_CHROMIUM) return process.env.LEAK_CHROMIUM;
  return existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : (process.env.CHROMIUM ?? "/usr/bin/chromium");
}

/** Launches the browser; returns { send, on, newPage, rssMB, windowCount, close }. */
export async function launchLean({ executablePath = leanExecutable(), args = [] } = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "ave-leaks-"));
  const proc = spawn(
    executablePath,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--disable-dev-shm-usage",
      "--disable-renderer-backgrounding",
      "--disable-background-timer-throttling",
      "--disable-backgrounding-occluded-windows",
      "--remote-debugging-pipe",
      `--user-data-dir=${userDataDir}`,
      ...args,
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  proc.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise((r) => proc.once("exit", r));
  const [, , , toBrowser, fromBrowser] = proc.stdio;

  let nextId = 0;
  const pending = new Map();
  const listeners = new Map();
  let buffer = "";
  let dead = null;
  fromBrowser.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const msg = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p?.resolve(msg.result);
      } else {
        for (const fn of listeners.get(msg.method) ?? []) fn(msg.params, msg.sessionId);
      }
    }
  });
  exited.then((code) => {
    dead = new Error(`browser exited (${code}): ${stderr.slice(-1000)}`);
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  });

  const send = (method, params = {}, sessionId) => {
    if (dead) return Promise.reject(dead);
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, method });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
    });
  };
  const on = (method, fn) => {
    if (!listeners.has(method)) listeners.set(method, []);
    listeners.get(method).push(fn);
  };

  await send("Browser.getVersion");

  /**
   * A blank window in a fresh browser context, attached: its session, a
   * `cdp(method, params)` bound to it, and `close()`, which disposes of both.
   */
  const openTarget = async () => {
    const { browserContextId } = await send("Target.createBrowserContext", { disposeOnDetach: true });
    const { targetId } = await send("Target.createTarget", { url: "about:blank", browserContextId });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    const cdp = (method, params) => send(method, params, sessionId);
    const close = async () => {
      // A page the test closed itself (or whose browser is gone) is not an error here.
      await send("Target.closeTarget", { targetId }).catch(expectGone);
      await send("Target.disposeBrowserContext", { browserContextId }).catch(expectGone);
    };
    return { sessionId, cdp, close };
  };

  /** Opens `url` in a new window (no auto-attach of what it opens) and waits for window.__ready. */
  const newPage = async (url) => {
    const { sessionId, cdp, close } = await openTarget();
    const problems = { pageErrors: [], consoleErrors: [] };
    on("Runtime.exceptionThrown", (p, s) => {
      if (s === sessionId) problems.pageErrors.push(p.exceptionDetails.exception?.description ?? p.exceptionDetails.text);
    });
    on("Runtime.consoleAPICalled", (p, s) => {
      if (s === sessionId && p.type === "error") problems.consoleErrors.push(p.args.map((a) => a.value ?? a.description).join(" "));
    });
    await cdp("Runtime.enable");
    await cdp("Page.enable");
    await cdp("Page.navigate", { url });
    /** Evaluates `expression` (awaiting a Promise) and returns its value. */
    const evaluate = (expression) => cdpEvaluate(cdp, expression, { userGesture: true });
    const deadline = Date.now() + 30000;
    let lastError;
    // Errors while the page is still loading (its context replaced) count as "not yet".
    while (!(await evaluate("window.__ready === true").catch((e) => ((lastError = e), false)))) {
      if (Date.now() > deadline) throw new Error(`page ${url} not ready${lastError ? ` (last error: ${lastError.message})` : ""}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { cdp, evaluate, problems, close };
  };

  /** Resident memory of the browser and all its processes, in MB (Linux /proc). */
  const rssMB = () => {
    const children = new Map();
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (!children.has(ppid)) children.set(ppid, []);
        children.get(ppid).push(Number(pid));
      } catch {
        // The process ended meanwhile.
      }
    }
    let kb = 0;
    const visit = (pid) => {
      try {
        kb += Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
      } catch {
        // The process ended meanwhile.
      }
      for (const c of children.get(pid) ?? []) visit(c);
    };
    visit(proc.pid);
    return Math.round(kb / 1024);
  };

  /** How many windows (page targets) the browser has open. */
  const windowCount = async () => (await send("Target.getTargets")).targetInfos.filter((t) => t.type === "page").length;

  const close = async () => {
    if (!dead) {
      send("Browser.close").catch(expectGone);
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { send, on, openTarget, newPage, rssMB, windowCount, close };
}

/** Counts `message`, `keydown` and `click` listeners on window and document through the DevTools protocol. */
export async function leanListenerCounts(page) {
  const on = async (expression) => {
    const { result } = await page.cdp("Runtime.evaluate", { expression });
    const { listeners } = await page.cdp("DOMDebugger.getEventListeners", { objectId: result.objectId });
    await page.cdp("Runtime.releaseObject", { objectId: result.objectId });
    return listeners;
  };
  const all = [...(await on("window")), ...(await on("document"))];
  const count = (type) => all.filter((l) => l.type === type).length;
  return { message: count("message"), keydown: count("keydown"), click: count("click") };
}

/** Byte sizes of every WebAssembly.Memory alive in the page (`page.cdp(method, params)`: any DevTools session). */
export async function leanWasmMemories(page) {
  await page.cdp("HeapProfiler.collectGarbage");
  const { result: proto } = await page.cdp("Runtime.evaluate", { expression: "WebAssembly.Memory.prototype" });
  const { objects } = await page.cdp("Runtime.queryObjects", { prototypeObjectId: proto.objectId });
  const { result } = await page.cdp("Runtime.callFunctionOn", {
    objectId: objects.objectId,
    functionDeclaration: "function () { return this.map((m) => m.buffer.byteLength); }",
    returnByValue: true,
  });
  await page.cdp("Runtime.releaseObject", { objectId: objects.objectId });
  await page.cdp("Runtime.releaseObject", { objectId: proto.objectId });
  return result.value;
}

/** JS heap used after a full garbage collection. */
export async function leanJsHeapAfterGc(page) {
  await page.cdp("HeapProfiler.collectGarbage");
  await page.cdp("HeapProfiler.collectGarbage");
  const { usedSize } = await page.cdp("Runtime.getHeapUsage");
  return usedSize;
}
