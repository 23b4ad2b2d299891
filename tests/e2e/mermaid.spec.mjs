// `finwait run --format mermaid` must be valid Mermaid: every preset's diagram is parsed and
// rendered by the real Mermaid library (from node_modules, no network) in Chromium.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

test("every preset's Mermaid diagram parses and renders", async ({ page }) => {
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  const finwait = "target/debug/finwait";
  const presets = execFileSync(finwait, ["presets"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+/)[0]);
  expect(presets.length).toBeGreaterThanOrEqual(23);
  const diagrams = presets.map((name) => ({
    name,
    text: execFileSync(finwait, ["run", "--preset", name, "--format", "mermaid"], { encoding: "utf8" }),
  }));

  await page.goto("about:blank");
  await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
  const failures = await page.evaluate(async (diagrams) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const failed = [];
    for (const [i, d] of diagrams.entries()) {
      try {
        await mermaid.parse(d.text);
        const { svg } = await mermaid.render(`d${i}`, d.text);
        if (!svg.includes("<svg")) failed.push(`${d.name}: no SVG`);
      } catch (e) {
        failed.push(`${d.name}: ${e.message ?? e}`);
      }
    }
    return failed;
  }, diagrams);
  expect(failures).toEqual([]);
});
