#!/usr/bin/env node
// The TypeScript examples of docs/ (```ts and ```tsx blocks), written out
// one file each to target/doc-snippets/, so that the types layer of
// `make test` compiles them (tests/types/docs/tsconfig.json): an example
// in the docs that stops compiling against index.d.ts fails the tests.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "target", "doc-snippets");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let count = 0;
for (const doc of readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md"))) {
  const text = readFileSync(path.join(root, "docs", doc), "utf8");
  let n = 0;
  for (const [, lang, body] of text.matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)) {
    writeFileSync(path.join(out, `${path.basename(doc, ".md")}-${++n}.${lang}`), body);
    count++;
  }
}
console.log(`doc-snippets: ${count} TypeScript examples of docs/ in target/doc-snippets/`);
