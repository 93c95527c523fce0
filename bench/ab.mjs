// Builds side by side: `node bench/ab.mjs A/index.js B/index.js …` measures
// what a person feels (bench/felt.mjs) for two or more builds of the ESM
// entry and the plain-JS baseline in one run, each page round in turn
// (the order reversed every other round), so that the machine's load
// weighs on every build alike. `make bench` compares one build with the
// baseline, and on this shared machine its ratios move by 0.1–0.3× from
// run to run; a change worth a few milliseconds only shows against the
// build before it, measured in the same run (docs/performance.md, "Where
// the time goes").
//
// AB_ROWS=warm1,warm4,tap (default warm1,tap): a warm open at CPU 1× / 4×
// (5 taps per page, click → the sheet's first frame) and the first tap as
// soon as the handler exists at CPU 4× (Event Timing duration).
// AB_PAGES=N (default 10) pages per build and row. Exits non-zero when a
// page fails: a call that threw is an error of the run, never a row.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { firstTapOnce, median, startFeltServer, warmOpenOnce } from "./felt.mjs";
import { launchLean, leanExecutable, offlineArgs } from "../tests/support/lean-browser.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const builds = process.argv.slice(2);
if (builds.length < 1) {
  console.error("usage: node bench/ab.mjs BUILD/index.js [BUILD/index.js …]");
  process.exit(2);
}
const ROWS = (process.env.AB_ROWS ?? "warm1,tap").split(",");
const PAGES = Number(process.env.AB_PAGES ?? 10);
const baselineFile = path.join(root, "tests/e2e/pages/bench-baseline.js");

/** What one page of a row gives: its samples (ms). */
const rows = {
  warm1: { what: "warm open, CPU 1×: click → first frame", once: (browser, origin, kind) => warmOpenOnce(browser, origin, kind, { cpu: 1 }) },
  warm4: { what: "warm open, CPU 4×: click → first frame", once: (browser, origin, kind) => warmOpenOnce(browser, origin, kind, { cpu: 4 }) },
  tap: {
    what: "first tap at load, CPU 4×: Event Timing duration",
    once: async (browser, origin, kind) => {
      const { duration } = await firstTapOnce(browser, origin, kind, { cpu: 4, when: "handler" });
      if (duration === null) throw new Error("the tap has no Event Timing entry");
      return [duration];
    },
  },
};
for (const row of ROWS) if (!rows[row]) throw new Error(`unknown row ${row} (warm1, warm4, tap)`);

const browser = await launchLean({ executablePath: leanExecutable(), args: ["--site-per-process", ...(await offlineArgs())] });
const servers = await Promise.all(builds.map((sdkFile) => startFeltServer({ sdkFile, baselineFile })));
try {
  const { product } = await browser.send("Browser.getVersion");
  console.log(`bench/ab: ${product}, ${PAGES} pages per build and row`);
  for (const name of ROWS) {
    const { what, once } = rows[name];
    // Side 0 is the baseline (served by the first build's server), 1… the builds.
    const samples = [[], ...builds.map(() => [])];
    for (let page = 0; page < PAGES; page++) {
      const order = samples.map((_, side) => side);
      if (page % 2) order.reverse();
      for (const side of order) {
        const origin = servers[Math.max(0, side - 1)].origin;
        samples[side].push(...(await once(browser, origin, side === 0 ? "baseline" : "sdk")));
      }
    }
    const base = median(samples[0]);
    console.log(`${what} (median of ${samples[0].length} samples per side)`);
    console.log(`  baseline${" ".repeat(32)} ${base.toFixed(2)} ms`);
    const first = median(samples[1]);
    builds.forEach((file, i) => {
      const m = median(samples[i + 1]);
      const vsFirst = i === 0 ? "" : `, ${(m / first).toFixed(3)}× the first build`;
      console.log(`  ${file.padEnd(40)} ${m.toFixed(2)} ms: ${(m / base).toFixed(3)}× the baseline${vsFirst}`);
    });
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
