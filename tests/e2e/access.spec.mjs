// Accessibility, checked in the browser: axe-core finds no WCAG 2.2 AA violation on any preset
// at two sizes; every element that takes the focus has a role and a name; no two segment
// labels cover each other on any preset under either profile, as the browser draws them.
import { test, expect } from "@playwright/test";
import { axeViolations, open, loadPreset, overlappingLabels, presetAtItsEnd, presetValues, runToEnd } from "./helpers.mjs";

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
      await presetAtItsEnd(page, value);
      for (const v of await axeViolations(page)) found.push(`${value}: ${v}`);
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
      const found = await overlappingLabels(page);
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
