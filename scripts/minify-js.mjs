// Trunk post-build hook: minifies the wasm-bindgen JavaScript glue of a release build with
// terser (Trunk's own minifier stops at the glue's `export default`), then brings the page's
// subresource-integrity hashes up to date with the new file. Debug builds are left as they are.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("minify-js: run me as a Trunk hook (TRUNK_STAGING_DIR is not set)");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");

for (const name of readdirSync(staging).filter((f) => f.endsWith(".js"))) {
  const path = join(staging, name);
  const before = readFileSync(path);
  const result = await minify(before.toString("utf8"), {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (typeof result.code !== "string") throw new Error(`minify-js: terser gave no output for ${name}`);
  writeFileSync(path, result.code);
  const old = sri(before);
  if (html.includes(old)) html = html.replaceAll(old, sri(Buffer.from(result.code)));
  console.log(`minify-js: ${name} ${before.length} → ${result.code.length} bytes`);
}
writeFileSync(htmlPath, html);
