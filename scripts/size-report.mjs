// Prints the size of every file in a built dist/ folder (raw, gzip, brotli) and fails when the
// total brotli size exceeds the budget (175 KB); it also says how far the site is from the goal
// of 150 KB. Usage: node scripts/size-report.mjs dist [budget-bytes | none] (`none` reports
// without a budget, as for the course build).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const budget = process.argv[3] === "none" ? Infinity : Number(process.argv[3] ?? 175 * 1024);
const goal = 150 * 1024;

function* files(path) {
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

const rows = [];
for (const file of files(dir)) {
  const data = readFileSync(file);
  rows.push({
    file: relative(dir, file),
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  });
}
const total = rows.reduce(
  (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const width = Math.max(5, ...rows.map((r) => r.file.length));
console.log(`${"file".padEnd(width)} ${"raw".padStart(11)} ${"gzip".padStart(11)} ${"brotli".padStart(11)}`);
for (const r of rows) console.log(`${r.file.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
console.log(`${"total".padEnd(width)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
if (total.brotli > budget) {
  console.error(`size: total brotli ${kb(total.brotli).trim()} exceeds the budget of ${kb(budget).trim()}`);
  process.exit(1);
}
const limit = Number.isFinite(budget) ? `budget ${kb(budget).trim()}` : "no budget";
const toGoal = total.brotli <= goal ? `${kb(goal - total.brotli).trim()} under the goal` : `${kb(total.brotli - goal).trim()} over the goal`;
console.log(`size: total brotli ${kb(total.brotli).trim()} (${limit}; ${toGoal} of ${kb(goal).trim()})`);
