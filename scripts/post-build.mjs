// Trunk post-build hook, for every build:
// 1. Release builds only: minifies the wasm-bindgen JavaScript glue with terser (Trunk's own
//    minifier stops at the glue's `export default`).
// 2. Moves the inline `<script type="module">` that Trunk writes to start the app into a file
//    of its own, so the page runs under a strict Content-Security-Policy
//    (`script-src 'self' 'wasm-unsafe-eval'`, no 'unsafe-inline'), as course platforms set.
// Then brings the page's subresource-integrity hashes up to date.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: run me as a Trunk hook (TRUNK_STAGING_DIR is not set)");
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === "release";
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");

if (release) {
  for (const name of readdirSync(staging).filter((f) => f.endsWith(".js"))) {
    const path = join(staging, name);
    const before = readFileSync(path);
    const result = await minify(before.toString("utf8"), {
      module: true,
      compress: { passes: 2 },
      mangle: true,
      format: { comments: false },
    });
    if (typeof result.code !== "string") throw new Error(`post-build: terser gave no output for ${name}`);
    writeFileSync(path, result.code);
    const old = sri(before);
    if (html.includes(old)) html = html.replaceAll(old, sri(Buffer.from(result.code)));
    console.log(`post-build: minified ${name} ${before.length} → ${result.code.length} bytes`);
  }
}

// The loader: `<script type=module>import init … </script>` (attribute quoting varies with
// minification).
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) throw new Error("post-build: the page has no inline module script to move (did Trunk change?)");
const code = Buffer.from(found[1].trim() + "\n");
const name = `start-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(staging, name), code);
html = html.replace(inline, `<script type="module" src="./${name}" integrity="${sri(code)}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html) || /\son[a-z]+=/.test(html)) {
  throw new Error("post-build: the page still has an inline script or event handler");
}
writeFileSync(htmlPath, html);
console.log(`post-build: the loader is ${name}`);
