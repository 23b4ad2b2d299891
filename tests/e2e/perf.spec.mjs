// Measurements, not pass/fail timings: first render after navigation (median of 5 loads) and
// click → updated DOM with more than 1,000 segments on the timeline (median of 24 clicks, for
// looking back and for acting at the head, where the timeline is laid out anew); the same at
// 10,000 segments (p95 of 40 clicks each); and the wasm memory over 200 calls.
// Results are printed and written to artifacts/perf.json for the record; the tests fail only
// when a measurement could not be taken.
import { test, expect } from "@playwright/test";
import { writeFileSync, mkdirSync } from "node:fs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The value `p` per cent of `xs` are at or below (nearest rank). */
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
const round = (x) => Math.round(x * 10) / 10;
const results = {};
const FLOOR = `http://127.0.0.1:${Number(process.env.FINWAIT_E2E_PORT ?? 4173) + 1}/floor.html`;

test.afterAll(() => {
  mkdirSync("artifacts", { recursive: true });
  writeFileSync("artifacts/perf.json", JSON.stringify(results, null, 2) + "\n");
  console.log("perf:", JSON.stringify(results));
});

/** When host A's state was painted (Element Timing) and when the app's first render was
 *  committed to the DOM (its own mark), read after the load has settled so that the test's
 *  own page scripts do not compete with the page while it loads. */
async function loadTimes(page, url) {
  await page.goto(url);
  await page.waitForTimeout(500);
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const mark = performance.getEntriesByName("finwait-first-render")[0];
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntries().find((e) => e.identifier === "state-A");
          if (entry) {
            observer.disconnect();
            resolve({ paint: entry.renderTime || entry.loadTime, dom: mark ? mark.startTime : null });
          }
        }).observe({ type: "element", buffered: true });
      }),
  );
}

test("first render after navigation", async ({ page }) => {
  const painted = [];
  const built = [];
  const floor = [];
  // One load first, so every measured load finds the browser's caches as a returning visitor
  // would; then five of the app and five of the floor page, interleaved.
  await loadTimes(page, "./?warm");
  for (let i = 0; i < 5; i++) {
    const t = await loadTimes(page, "./?load=" + i);
    expect(t.paint).toBeGreaterThan(0);
    expect(t.dom).toBeGreaterThan(0);
    painted.push(round(t.paint));
    built.push(round(t.dom));
    floor.push(round((await loadTimes(page, `${FLOOR}?load=${i}`)).paint));
  }
  results.first_render_ms = { median: median(painted), loads: painted, what: "host A's state painted (Element Timing)" };
  results.first_dom_ms = { median: median(built), loads: built, what: "first render committed to the DOM (app mark)" };
  results.floor_paint_ms = { median: median(floor), loads: floor, what: "a one-line static page served the same way" };
});

/** Clicks each of `selectors` in turn, `count` clicks in all, and times each click until the
 *  text of `watch` changes. */
async function timeClicks(page, selectors, watch, count = 24) {
  return page.evaluate(
    async ({ selectors, watch, count }) => {
      const text = () => document.querySelector(watch)?.textContent;
      const out = [];
      for (let i = 0; i < count; i++) {
        const before = text();
        const done = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (text() !== before) {
              obs.disconnect();
              resolve(performance.now());
            }
          });
          obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        const t0 = performance.now();
        document.querySelector(selectors[i % selectors.length]).click();
        out.push((await done) - t0);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      return out;
    },
    { selectors, watch, count },
  );
}

/** Loads the stress run at `address`, plays it to its end, and times `count` clicks looking
 *  back (the time cursor moves over the computed run) and `count` calls at its head (each adds
 *  to the trace, so the timeline is laid out again). */
async function stressClicks(page, address, count, timeout) {
  await page.goto(address);
  await expect(page.locator("#timeline")).toBeVisible();
  const started = Date.now();
  await page.locator("#to-end").click();
  await expect(page.locator("#card-A .state")).toHaveAttribute("data-state", "CLOSED", { timeout });
  const toEnd = Date.now() - started;
  const total = Number(await page.locator("#timeline").getAttribute("data-segments"));
  const drawn = await page.evaluate(() => document.querySelectorAll("#timeline .seg").length);
  const back = await timeClicks(page, ['button[aria-label="Back to the previous event"]'], "#clock", count);
  await page.locator("#to-end").click();
  const calls = ['#card-A button[data-call="connect"]', '#card-A button[data-call="abort"]'];
  const act = await timeClicks(page, calls, "#card-A .last-call", count);
  return { back, act, total, drawn, toEnd };
}

test("click to updated DOM with 1,000+ segments", async ({ page }) => {
  const { back, act, total, drawn } = await stressClicks(page, "./#stress", 24, 20_000);
  results.click_to_dom_ms = {
    back_median: round(median(back)),
    back: back.map(round),
    act_at_head_median: round(median(act)),
    act_at_head: act.map(round),
    segments_on_timeline: total,
    segments_drawn_in_view: drawn,
  };
  expect(total).toBeGreaterThanOrEqual(1000);
});

test("click to updated DOM at 10,000 segments (p95)", async ({ page }) => {
  test.setTimeout(240_000);
  const { back, act, total, drawn, toEnd } = await stressClicks(page, "./#stress=10000", 40, 200_000);
  results.click_at_10000_segments_ms = {
    back_p95: round(percentile(back, 95)),
    back_median: round(median(back)),
    act_at_head_p95: round(percentile(act, 95)),
    act_at_head_median: round(median(act)),
    back: back.map(round),
    act_at_head: act.map(round),
    segments_on_timeline: total,
    segments_drawn_in_view: drawn,
    to_end_ms: toEnd,
  };
  expect(total).toBeGreaterThanOrEqual(20_000);
});

test("wasm memory over 200 actions", async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() =>
    addEventListener("TrunkApplicationStarted", (e) => {
      // The release build gives the exports short names; the memory is the one Memory.
      window.__finwaitMemory = Object.values(e.detail.wasm).find((v) => v instanceof WebAssembly.Memory);
    }),
  );
  await page.goto("./");
  await expect(page.locator("#timeline")).toBeVisible();
  const memory = () => page.evaluate(() => window.__finwaitMemory.buffer.byteLength);
  const segments = () => page.locator("#timeline").getAttribute("data-segments").then(Number);
  const segmentsBefore = await segments();
  const samples = [await memory()];
  for (let i = 0; i < 200; i++) {
    await page.locator(`#card-A button[data-call="${i % 2 ? "abort" : "connect"}"]`).click();
    if (i % 20 === 19) samples.push(await memory());
  }
  const kb = (x) => Math.round(x / 1024);
  // The same run opened afresh from the address: what the run itself takes, without the 200
  // steps that made it (the undo history, the replays).
  await expect.poll(() => page.url(), { timeout: 10_000 }).toContain("#s=");
  await page.waitForTimeout(1_000);
  const fresh = await page.context().newPage();
  await fresh.addInitScript(() =>
    addEventListener("TrunkApplicationStarted", (e) => {
      window.__finwaitMemory = Object.values(e.detail.wasm).find((v) => v instanceof WebAssembly.Memory);
    }),
  );
  await fresh.goto(page.url());
  await expect(fresh.locator("#timeline")).toHaveAttribute("data-segments", String(await segments()));
  const freshMemory = await fresh.evaluate(() => window.__finwaitMemory.buffer.byteLength);
  results.wasm_memory_over_200_actions_kb = {
    samples_every_20: samples.map(kb),
    growth_first_100_kb: kb(samples[5] - samples[0]),
    growth_last_100_kb: kb(samples[10] - samples[5]),
    // What the run itself gained: each call adds to the trace, and the timeline draws it.
    segments_before: segmentsBefore,
    segments_after: await segments(),
    same_run_opened_afresh_kb: kb(freshMemory),
  };
  expect(samples.length).toBe(11);
});

test("wasm memory over 200 actions that leave the run as long as it was", async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() =>
    addEventListener("TrunkApplicationStarted", (e) => {
      window.__finwaitMemory = Object.values(e.detail.wasm).find((v) => v instanceof WebAssembly.Memory);
    }),
  );
  // S01 at its start: A's FIN is in flight. Hold it and release it, again and again: every
  // click is an action (undoable, replayed from a checkpoint), and the run keeps its length.
  await page.goto("./?preset=active-close");
  await expect(page.locator("#timeline")).toBeVisible();
  const memory = () => page.evaluate(() => window.__finwaitMemory.buffer.byteLength);
  const segments = () => page.locator("#timeline").getAttribute("data-segments").then(Number);
  await page.locator('#timeline .seg[aria-label$="in flight"]').first().focus();
  await page.keyboard.press("Enter");
  const sheet = page.locator("#segment-panel");
  const segmentsBefore = await segments();
  const samples = [await memory()];
  for (let i = 0; i < 200; i++) {
    await sheet.getByRole("button", { name: i % 2 ? "Release" : "Hold", exact: true }).click();
    if (i % 20 === 19) samples.push(await memory());
  }
  const kb = (x) => Math.round(x / 1024);
  results.wasm_memory_over_200_hold_release_kb = {
    samples_every_20: samples.map(kb),
    growth_first_100_kb: kb(samples[5] - samples[0]),
    growth_last_100_kb: kb(samples[10] - samples[5]),
    segments_before: segmentsBefore,
    segments_after: await segments(),
  };
  expect(await segments()).toBe(segmentsBefore);
});
