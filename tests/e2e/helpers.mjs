// Shared steps for the end-to-end tests: read what the cards and the timeline show, and drive
// the lab through its real controls (buttons, selects, the keyboard).
import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** axe-core's WCAG 2.2 AA rules (target-size is only run when asked for). */
const WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** What axe finds on the page as it is, one line per rule broken. */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG22_AA).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
}

/** The course build (dist-course/), served beside the standard site. */
export const COURSE_LAB = `http://127.0.0.1:${Number(process.env.FINWAIT_E2E_PORT ?? 4173) + 3}/`;

/** Serves everything under `base` with the strict Content-Security-Policy course platforms set
 *  (docs/embedding.md): no inline script or style, nothing from other origins. */
export async function underStrictPolicy(page, base) {
  const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  await page.route(`${base}**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
  });
}

/** Opens the lab (the standard site, or the one at `base`) with `hash` (or a query) after its
 *  address; returns the page's errors as they come. */
export async function open(page, hash = "", base = "./") {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(base + hash);
  await expect(page.locator("#timeline")).toBeVisible();
  return errors;
}

export const state = (page, host) => page.locator(`#card-${host} .state`).getAttribute("data-state");
export const arrows = (page) => page.locator("#timeline .seg").count();
export const clock = (page) => page.locator("#clock").textContent();

export async function expectStates(page, a, b) {
  await expect(page.locator("#card-A .state")).toHaveAttribute("data-state", a);
  await expect(page.locator("#card-B .state")).toHaveAttribute("data-state", b);
}

export async function step(page, times = 1) {
  for (let i = 0; i < times; i++) await page.locator("#step").click();
}

/** Steps until `host` is in `wanted` (at most `limit` steps). */
export async function stepUntil(page, host, wanted, limit = 30) {
  for (let i = 0; i < limit; i++) {
    if ((await state(page, host)) === wanted) return;
    await step(page);
  }
  await expect(page.locator(`#card-${host} .state`)).toHaveAttribute("data-state", wanted);
}

export async function call(page, host, name) {
  await page.locator(`#card-${host} button[data-call="${name}"]`).click();
}

/** Selects a segment from the keyboard: focus its arrow, press Enter. */
export async function selectSegment(page, id) {
  await page.locator(`#timeline .seg[data-seg="${id}"]`).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#segment-panel h2")).toContainText(`#${id}`);
}

export async function segmentAction(page, name) {
  await page.locator("#segment-panel").getByRole("button", { name, exact: true }).click();
}

export async function loadPreset(page, tag) {
  const value = await page.locator("#preset option", { hasText: tag }).first().getAttribute("value");
  await page.selectOption("#preset", value);
}

/** The presets' values in the picker (each option's value), and the blank lab. */
export async function presetValues(page) {
  return page.locator("#preset option:not([disabled])").evaluateAll((options) => options.map((o) => o.value));
}

export async function runToEnd(page) {
  if (await page.locator("#to-end").isEnabled()) await page.locator("#to-end").click();
}

/** Opens the preset `value` from the picker, runs it to the end, and selects its first segment
 *  (so that the segment's sheet is on the page too). */
export async function presetAtItsEnd(page, value) {
  await page.selectOption("#preset", value);
  await runToEnd(page);
  if ((await page.locator("#timeline .seg").count()) > 0) {
    await page.locator("#timeline .seg").first().focus();
    await page.keyboard.press("Enter");
  }
}

export async function shot(page, name) {
  await page.screenshot({ path: `artifacts/screenshots/${name}.png`, fullPage: true });
}

/** Pairs of segment labels that cover each other as the browser draws them (`#3 and #5`), over
 *  the whole diagram: it is scrolled through chunk by chunk so that every label is drawn. */
export async function overlappingLabels(page) {
  return page.evaluate(async () => {
    const scroller = document.querySelector(".timeline-scroll");
    const boxes = new Map();
    for (let top = 0; ; top += scroller.clientHeight / 2) {
      scroller.scrollTop = top;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const label of document.querySelectorAll("#timeline .seg-label")) {
        const id = label.parentElement.dataset.seg;
        // The label's own box, turned as it is drawn: its four corners on the page.
        const b = label.getBBox();
        const m = label.getScreenCTM();
        const corner = (x, y) => new DOMPoint(x, y).matrixTransform(m);
        boxes.set(id, [corner(b.x, b.y), corner(b.x + b.width, b.y), corner(b.x + b.width, b.y + b.height), corner(b.x, b.y + b.height)].map((p) => [p.x, p.y + scroller.scrollTop]));
      }
      if (top + scroller.clientHeight >= scroller.scrollHeight) break;
    }
    // Separating axes: two boxes overlap unless some edge's normal separates them.
    const overlap = (a, b) => {
      for (const q of [a, b]) {
        for (let i = 0; i < 4; i++) {
          const [x0, y0] = q[i];
          const [x1, y1] = q[(i + 1) % 4];
          const nx = y0 - y1, ny = x1 - x0;
          const span = (r) => r.map(([x, y]) => x * nx + y * ny);
          const sa = span(a), sb = span(b);
          if (Math.max(...sa) <= Math.min(...sb) || Math.max(...sb) <= Math.min(...sa)) return false;
        }
      }
      return true;
    };
    const list = [...boxes.entries()];
    const hits = [];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) if (overlap(list[i][1], list[j][1])) hits.push(`#${list[i][0]} and #${list[j][0]}`);
    return hits;
  });
}
