// Accessibility, checked in the browser: axe-core finds no WCAG 2.2 AA violation on any preset
// at two sizes; every element that takes the focus has a role and a name; no two segment
// labels cover each other on any preset under either profile, as the browser draws them.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { open, loadPreset } from "./helpers.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The presets' values in the picker (each option's value), and the blank lab. */
async function presetValues(page) {
  return page.locator("#preset option:not([disabled])").evaluateAll((options) => options.map((o) => o.value));
}

async function runToEnd(page) {
  if (await page.locator("#to-end").isEnabled()) await page.locator("#to-end").click();
}

for (const [width, height] of [
  [1280, 720],
  [390, 844],
]) {
  test(`axe finds no WCAG 2.2 AA violation on any preset at ${width}×${height}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height });
    const errors = await open(page);
    const found = [];
    for (const value of await presetValues(page)) {
      await page.selectOption("#preset", value);
      await runToEnd(page);
      // A segment selected, so the sheet with its actions is checked too.
      if ((await page.locator("#timeline .seg").count()) > 0) {
        await page.locator("#timeline .seg").first().focus();
        await page.keyboard.press("Enter");
      }
      const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const v of result.violations) {
        found.push(`${value}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
      }
    }
    expect(found, found.join("\n")).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test("every element that takes the focus has a role and a name", async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, "S08");
  await runToEnd(page);
  await page.locator("#timeline .seg").first().focus();
  await page.keyboard.press("Enter");
  const unnamed = await page.evaluate(() => {
    const focusable = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")].filter(
      (el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0,
    );
    const roleOf = (el) =>
      el.getAttribute("role") ||
      { A: "link", BUTTON: "button", SELECT: "combobox", TEXTAREA: "textbox", SUMMARY: "button" }[el.tagName] ||
      (el.tagName === "INPUT" ? el.type : null);
    const nameOf = (el) =>
      el.getAttribute("aria-label") ||
      (el.getAttribute("aria-labelledby") && document.getElementById(el.getAttribute("aria-labelledby"))?.textContent) ||
      (el.labels && [...el.labels].map((l) => l.textContent).join(" ")) ||
      el.getAttribute("title") ||
      el.textContent;
    return focusable
      .filter((el) => !roleOf(el) || !(nameOf(el) ?? "").trim())
      .map((el) => el.outerHTML.slice(0, 120));
  });
  expect(unnamed, unnamed.join("\n")).toEqual([]);
  expect(errors).toEqual([]);
});

for (const [width, height] of [
  [1440, 900],
  [1024, 768],
  [390, 844],
]) test(`no two segment labels cover each other, on any preset, under either profile, at ${width}×${height}`, async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width, height });
  const errors = await open(page);
  const overlaps = [];
  for (const value of await presetValues(page)) {
    for (const profile of ["rfc9293", "linux"]) {
      await page.selectOption("#preset", value);
      await page.selectOption("#profile", profile);
      await runToEnd(page);
      // Every label drawn: scroll through the diagram chunk by chunk.
      const found = await page.evaluate(async () => {
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
      for (const hit of found) overlaps.push(`${value} (${profile}): ${hit}`);
    }
  }
  expect(overlaps, overlaps.join("\n")).toEqual([]);
  expect(errors).toEqual([]);
});

test("switching profile and loading a scenario are undone, and the user's run comes back", async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, "S01");
  // The user's own move: drop A's FIN while it travels.
  await page.locator('#timeline .seg[data-seg="1"]').focus();
  await page.keyboard.press("Enter");
  await page.locator("#segment-panel").getByRole("button", { name: "Drop", exact: true }).click();
  await expect(page.locator('#timeline .seg[data-seg="1"] .cross')).toHaveCount(1);
  await page.selectOption("#profile", "linux");
  await loadPreset(page, "S03");
  await expect(page.locator("#card-A .state")).toHaveAttribute("data-state", "FIN-WAIT-1");
  const undo = page.getByRole("button", { name: "Undo your last action" });
  await undo.click(); // back to S01 under Linux, with the drop
  await expect(page.locator("#profile")).toHaveValue("linux");
  await expect(page.locator('#timeline .seg[data-seg="1"] .cross')).toHaveCount(1);
  await undo.click(); // back to RFC 9293
  await expect(page.locator("#profile")).toHaveValue("rfc9293");
  await expect(page.locator('#timeline .seg[data-seg="1"] .cross')).toHaveCount(1);
  await undo.click(); // the drop itself
  await expect(page.locator('#timeline .seg[data-seg="1"] .cross')).toHaveCount(0);
  expect(errors).toEqual([]);
});
