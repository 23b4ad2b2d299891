// Shared steps for the end-to-end tests: read what the cards and the timeline show, and drive
// the lab through its real controls (buttons, selects, the keyboard).
import { expect } from "@playwright/test";

export async function open(page, hash = "") {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto("./" + hash);
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

export async function shot(page, name) {
  await page.screenshot({ path: `artifacts/screenshots/${name}.png`, fullPage: true });
}
