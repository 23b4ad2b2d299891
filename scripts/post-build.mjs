// Trunk post-build hook, for every build:
// 1. Release builds only: minifies the wasm-bindgen JavaScript glue with terser (Trunk's own
//    minifier stops at the glue's `export default`), then gives the wasm's imports and exports
//    short names in both files (binaryen's --minify-imports-and-exports-and-modules, as Emscripten
//    does):
//    wasm-bindgen names each one `__wbg_<method>_<16 hex digits>`, which no compressor can
//    shrink, and each name is written twice, once in the wasm and once in the glue.
// 2. Moves the inline `<script type="module">` that Trunk writes to start the app into a file
//    of its own, so the page runs under a strict Content-Security-Policy
//    (`script-src 'self' 'wasm-unsafe-eval'`, no 'unsafe-inline'), as course platforms set.
// 3. The course build (`course` among TRUNK_BUILD_FEATURES; see scripts/build-course) gets
//    static/finwait-resize.js, the resizer a course page includes to size the frame to the
//    lab's `resize` events, which only the course build sends; a build with `ko` gets
//    static/ko.css (Korean fonts and line breaking), one with `capture` static/capture.css,
//    one with `explore` static/explore.css, one with `mermaid` static/mermaid.css, one with
//    `picture` static/picture.css;
//    and the course build static/course.css, the
//    embed dialog's styles.
// Then brings the page's subresource-integrity hashes up to date.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: run me as a Trunk hook (TRUNK_STAGING_DIR is not set)");
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === "release";
const features = (process.env.TRUNK_BUILD_FEATURES ?? "").split(",");
const course = features.includes("course");
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
  shortenWasmNames();
}

/** Renames the wasm's imports and exports to binaryen's short names and the glue's uses of
 * them to match; brings both files' integrity hashes up to date. */
function shortenWasmNames() {
  const wasmName = readdirSync(staging).find((f) => f.endsWith("_bg.wasm"));
  if (!wasmName) throw new Error("post-build: no _bg.wasm in the build");
  const glueName = wasmName.replace(/_bg\.wasm$/, ".js");
  const wasmPath = join(staging, wasmName);
  const gluePath = join(staging, glueName);
  const oldWasm = readFileSync(wasmPath);
  const oldGlue = readFileSync(gluePath, "utf8");
  const local = join(process.env.TRUNK_SOURCE_DIR ?? ".", "node_modules/.bin/wasm-opt");
  const wasmOpt = existsSync(local) ? local : "wasm-opt";
  const out = execFileSync(wasmOpt, [wasmPath, "--minify-imports-and-exports-and-modules", "-o", wasmPath], {
    encoding: "utf8",
  });
  const map = JSON.parse(out.slice(out.indexOf("{")));
  let glue = oldGlue;
  const swap = (pattern, old, replacement, required) => {
    const before = glue;
    glue = glue.replace(pattern, replacement);
    if (required && glue === before) throw new Error(`post-build: the glue never names ${old}`);
  };
  const identifier = (name) => /^[A-Za-z_$][\w$]*$/.test(name);
  // Every import comes from the glue's one module object, which binaryen renames to "a".
  const modules = new Set(map.imports.map(([module]) => module));
  if (modules.size !== 1) throw new Error(`post-build: imports from ${modules.size} modules, expected one`);
  const [module] = modules;
  swap(`${JSON.stringify(module)}:`, module, `"a":`, true);
  // Imports are keys of the glue's import object: `__wbg_x_0123…:function(…)`.
  for (const [, old, short] of map.imports) {
    const key = identifier(short) ? short : JSON.stringify(short);
    swap(new RegExp(`(?<=[{,])${escape(old)}(?=:)`), old, key, true);
  }
  // Exports are read as properties of the instance's exports: `x.__wbindgen_malloc`. Some
  // (`main`, which `__wbindgen_start` calls) are never read by the glue.
  for (const [old, short] of map.exports) {
    const access = identifier(short) ? `.${short}` : `[${JSON.stringify(short)}]`;
    swap(new RegExp(`\\.${escape(old)}(?![\\w$])`, "g"), old, access, false);
  }
  writeFileSync(gluePath, glue);
  html = html.replaceAll(sri(oldWasm), sri(readFileSync(wasmPath)));
  html = html.replaceAll(sri(Buffer.from(oldGlue)), sri(Buffer.from(glue)));
  console.log(`post-build: ${map.imports.length} imports and ${map.exports.length} exports renamed`);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const source = (name) => readFileSync(join(process.env.TRUNK_SOURCE_DIR ?? ".", "static", name), "utf8");
if (course) {
  let resizer = source("finwait-resize.js");
  if (release) resizer = (await minify(resizer, { compress: true, mangle: true })).code;
  writeFileSync(join(staging, "finwait-resize.js"), resizer);
}
// A feature's own styles, after the page's: the embed dialog's (course.css), Korean's (ko.css)
// the capture download's (capture.css), "what could happen here?"'s (explore.css), "copy as
// Mermaid"'s (mermaid.css) and the picture's (picture.css), so that a build without the
// feature carries none.
for (const feature of ["course", "ko", "capture", "explore", "mermaid", "picture", "quiz"].filter((f) => features.includes(f))) {
  const css = Buffer.from(source(`${feature}.css`));
  const cssName = `${feature}-${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
  writeFileSync(join(staging, cssName), css);
  const link = `<link rel="stylesheet" href="./${cssName}" integrity="${sri(css)}">`;
  if (!html.includes("</head>")) throw new Error(`post-build: the page has no </head> for ${feature}.css`);
  html = html.replace("</head>", `${link}</head>`);
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
