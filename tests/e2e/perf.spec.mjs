// Measurements, not pass/fail timings: first render after navigation (median of 5 loads) and
// click → updated DOM with more than 1,000 segments on the timeline (median of 25 clicks).
// Results are printed and written to artifacts/perf.json for the record.
import { test, expect } from "@playwright/test";
import { writeFileSync, mkdirSync } from "node:fs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};

test.afterAll(() => {
  mkdirSync("artifacts", { recursive: true });
  writeFileSync("artifacts/perf.json", JSON.stringify(results, null, 2) + "\n");
  console.log("perf:", JSON.stringify(results));
});

test("first render after navigation", async ({ page }) => {
  const loads = [];
  for (let i = 0; i < 5; i++) {
    await page.goto("./?load=" + i);
    await expect(page.locator("#timeline")).toBeVisible();
    const t = await page.evaluate(() => {
      const [mark] = performance.getEntriesByName("finwait-first-render");
      return mark ? mark.startTime : null;
    });
    expect(t).not.toBeNull();
    loads.push(t);
  }
  results.first_render_ms = { median: median(loads), loads };
});

test("click to updated DOM with 1,000+ segments", async ({ page }) => {
  await page.goto("./#stress");
  await expect(page.locator("#timeline")).toBeVisible();
  await page.locator("#to-end").click();
  await expect(page.locator("#card-A .state")).toHaveAttribute("data-state", "CLOSED", { timeout: 20_000 });
  const segments = await page.evaluate(() => document.querySelectorAll("#timeline .seg").length);
  const total = Number(await page.locator("#timeline").getAttribute("data-segments"));
  const clicks = await page.evaluate(async () => {
    const back = document.querySelector('button[aria-label="Back to the previous event"]');
    const clock = () => document.querySelector("#clock").textContent;
    const out = [];
    for (let i = 0; i < 25; i++) {
      const before = clock();
      const done = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (clock() !== before) {
            obs.disconnect();
            resolve(performance.now());
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const t0 = performance.now();
      back.click();
      out.push((await done) - t0);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return out;
  });
  results.click_to_dom_ms = {
    median: median(clicks),
    clicks: clicks.map((x) => Math.round(x * 10) / 10),
    segments_on_timeline: total,
    segments_drawn_in_view: segments,
  };
  expect(total).toBeGreaterThanOrEqual(1000);
});
