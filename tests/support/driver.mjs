// One small driver interface over three browser engines, so that the
// scenarios of tests/engines/engines.test.mjs are written once:
//   chromium  playwright-core + Debian's /usr/bin/chromium
//   firefox   puppeteer-core over WebDriver BiDi + Debian's firefox-esr
//   webkit    W3C WebDriver (Debian's WebKitWebDriver driving MiniBrowser) on
//             a virtual display (Xvfb): MiniBrowser has no headless mode
// Every engine runs with its real popup blocker. Nothing leaves the machine:
// Chromium gets a dead proxy (lean-browser.mjs), Firefox and MiniBrowser
// only ever load the loopback origins of the test servers.
//
// A tab is one page of the app origin; places inside it are named by
// `where`: `null` (the page), `{ frame: "<css of an iframe in the page>" }`
// or `{ popup }` (a value returned by `tab.popupFrom`, or `tab.openPopup()` for one already open). `tab.click(where,
// selector, { ends: true })` marks a click that ends the flow: its frame is
// removed, or its popup closes itself, while the click may still be going on.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { expectGone, offlineArgs } from "./lean-browser.mjs";

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check()` until it returns a truthy value. Errors, and attempts that
 * take over 2 s (an evaluation caught in a navigation), count as "not yet".
 */
export async function poll(check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let lastError;
  for (;;) {
    const value = await Promise.race([check(), sleep(2000).then(() => undefined)]).catch((e) => {
      lastError = e;
    });
    if (value) return value;
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message ?? lastError})` : ""}`);
    }
    await sleep(50);
  }
}


/** Whether an engine can run here, and why not. */
export function available(name) {
  const need = {
    chromium: ["/usr/bin/chromium"],
    firefox: ["/usr/bin/firefox-esr"],
    webkit: ["/usr/bin/WebKitWebDriver", MINIBROWSER, "/usr/bin/Xvfb"],
  }[name];
  const missing = need.filter((p) => !existsSync(p));
  return missing.length ? `not installed: ${missing.join(", ")}` : null;
}

/** Launches `name`; returns `{ name, version, newTab(url), close() }`. */
export async function launch(name) {
  if (name === "chromium") return launchChromium();
  if (name === "firefox") return launchFirefox();
  if (name === "webkit") return launchWebKit();
  throw new Error(`unknown engine ${name}`);
}

/** Clicks that end a flow may lose their frame or window mid-click: that counts as done. */
async function clickAllowingGone(click) {
  try {
    await Promise.race([click(), sleep(5000)]);
  } catch (e) {
    if (!/detached|closed|navigat|no such (window|frame)|Target|destroyed|discarded/i.test(String(e?.message ?? e))) throw e;
  }
}

// ------------------------------------------------------------- Chromium

async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    ignoreDefaultArgs: ["--disable-popup-blocking"],
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", ...(await offlineArgs())],
  });
  return {
    name: "chromium",
    version: browser.version(),
    async newTab(url) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      return playwrightLikeTab({
        page,
        frameOf: async (sel) => (await page.waitForSelector(sel)).contentFrame(),
        nextPopup: () => context.waitForEvent("page"),
        pages: () => context.pages().length,
        others: () => context.pages().filter((p) => p !== page),
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}

/** Playwright and Puppeteer share the shape of Page / Frame: one tab type for both. */
function playwrightLikeTab({ page, frameOf, nextPopup, pages, others, close }) {
  const target = async (where) => (where?.frame ? frameOf(where.frame) : where?.popup ?? page);
  return {
    evaluate: async (where, fn, arg) => (await target(where)).evaluate(fn, arg),
    async click(where, selector) {
      // A popup may still be swapping its first about:blank document for the page: look again.
      const t = await poll(async () => {
        const t = await target(where);
        await t.waitForSelector(selector, { visible: true, state: "visible", timeout: 1500 });
        return t;
      }, selector);
      await clickAllowingGone(() => t.click(selector));
    },
    async popupFrom(action) {
      const [popup] = await Promise.all([nextPopup(), action()]);
      return popup;
    },
    /** A real key press on the page (`"Escape"`, `"Tab"`). */
    press: (key) => page.keyboard.press(key),
    /** Closes a popup as its user would. */
    closePopup: (popup) => popup.close(),
    windowCount: async () => pages(),
    /** The one popup open now (opened by whatever), or null. */
    async openPopup() {
      const open = await others();
      if (open.length > 1) throw new Error(`${open.length} popups open`);
      return open[0] ?? null;
    },
    close,
  };
}

// -------------------------------------------------------------- Firefox

async function launchFirefox() {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    // A real popup blocker, as in a user's browser (puppeteer's default prefs let scripts open windows).
    extraPrefsFirefox: { "dom.disable_open_during_load": true },
  });
  return {
    name: "firefox",
    version: await browser.version(),
    async newTab(url) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(url);
      return playwrightLikeTab({
        page,
        frameOf: async (sel) => (await (await page.waitForSelector(sel)).contentFrame()),
        nextPopup: () => new Promise((resolve) => {
          const onTarget = async (t) => {
            if (t.type() !== "page") return;
            context.off("targetcreated", onTarget);
            resolve(await t.page());
          };
          context.on("targetcreated", onTarget);
        }),
        pages: async () => (await context.pages()).length,
        others: async () => (await context.pages()).filter((p) => p !== page),
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}

// --------------------------------------------------------------- WebKit

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function launchWebKit() {
  const display = `:${90 + Math.floor(Math.random() * 9)}${Math.floor(Math.random() * 10)}`;
  const xvfb = spawn("/usr/bin/Xvfb", [display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: "ignore" });
  const port = await freePort();
  const driver = spawn("/usr/bin/WebKitWebDriver", [`--port=${port}`, "--replace-on-new-session"], {
    stdio: "ignore",
    env: { ...process.env, DISPLAY: display },
  });
  const base = `http://127.0.0.1:${port}`;
  const wd = async (method, path, body) => {
    const r = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    const j = await r.json();
    if (j.value?.error) throw new Error(`${method} ${path}: ${j.value.error}: ${j.value.message}`);
    return j.value;
  };
  const stop = () => {
    driver.kill();
    xvfb.kill();
  };
  const newSession = () => poll(() => wd("POST", "/session", {
    capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } } },
  }), "WebKitWebDriver", 20000);
  let session;
  try {
    session = await newSession();
  } catch (e) {
    stop();
    throw e;
  }
  let S = `/session/${session.sessionId}`;
  const version = session.capabilities?.browserVersion ?? "?";
  const elementId = (ref) => Object.values(ref)[0];
  return {
    name: "webkit",
    version,
    async newTab(url) {
      // A session the driver deleted (its page crashed or hung) fails the test it happened in,
      // not every later one: the next tab gets a new session.
      const main = await wd("GET", `${S}/window`).catch(async () => {
        session = await newSession();
        S = `/session/${session.sessionId}`;
        return wd("GET", `${S}/window`);
      });
      // One window per session: earlier tests' popups are closed, the page reloaded.
      for (const h of await wd("GET", `${S}/window/handles`)) {
        if (h !== main) {
          await wd("POST", `${S}/window`, { handle: h });
          await wd("DELETE", `${S}/window`).catch(expectGone);
        }
      }
      await wd("POST", `${S}/window`, { handle: main });
      await wd("POST", `${S}/url`, { url });
      // Moves the driver's context to `where` (the page, an iframe of it, or a popup).
      const enter = async (where) => {
        await wd("POST", `${S}/window`, { handle: where?.popup ?? main });
        await wd("POST", `${S}/frame`, { id: null });
        if (where?.frame) {
          const frame = await poll(() => wd("POST", `${S}/element`, { using: "css selector", value: where.frame }), where.frame);
          await wd("POST", `${S}/frame`, { id: frame });
        }
      };
      const evaluate = async (where, fn, arg) => {
        await enter(where);
        return wd("POST", `${S}/execute/sync`, { script: `return (${fn}).apply(null, arguments)`, args: [arg ?? null] });
      };
      return {
        evaluate,
        async click(where, selector, { ends = false } = {}) {
          await enter(where);
          const el = await poll(async () => {
            const ref = await wd("POST", `${S}/element`, { using: "css selector", value: selector });
            const shown = await wd("GET", `${S}/element/${elementId(ref)}/displayed`);
            return shown && ref;
          }, selector);
          if (ends) {
            // WebKitWebDriver waits for the page to acknowledge a click; when the click removes
            // its element's frame (or the sheet), it can take the page for hung and delete the
            // session (seen once in four runs). So a click that ends the flow is the element's
            // own click(), dispatched just after this script returns; it opens no window, so it
            // needs no user activation.
            await wd("POST", `${S}/execute/sync`, {
              script: "const el = arguments[0]; setTimeout(() => el.click(), 0); return true;",
              args: [el],
            });
            return;
          }
          await clickAllowingGone(() => wd("POST", `${S}/element/${elementId(el)}/click`, {}));
        },
        async popupFrom(action) {
          const before = new Set(await wd("GET", `${S}/window/handles`));
          await action();
          const handle = await poll(async () => (await wd("GET", `${S}/window/handles`)).find((h) => !before.has(h)), "a popup");
          return handle;
        },
        async press(key) {
          await enter(null);
          const value = { Escape: "\uE00C", Tab: "\uE004", Enter: "\uE007" }[key] ?? key;
          await wd("POST", `${S}/actions`, {
            actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value }, { type: "keyUp", value }] }],
          });
          await wd("DELETE", `${S}/actions`).catch(expectGone);
        },
        async closePopup(handle) {
          await wd("POST", `${S}/window`, { handle });
          await wd("DELETE", `${S}/window`);
          await wd("POST", `${S}/window`, { handle: main });
        },
        windowCount: async () => (await wd("GET", `${S}/window/handles`)).length,
        async openPopup() {
          const open = (await wd("GET", `${S}/window/handles`)).filter((h) => h !== main);
          if (open.length > 1) throw new Error(`${open.length} popups open`);
          return open[0] ?? null;
        },
        close: async () => {},
      };
    },
    async close() {
      await fetch(base + S, { method: "DELETE" }).catch(expectGone);
      stop();
    },
  };
}
