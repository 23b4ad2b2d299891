import { test, expect } from "@playwright/test";

test("the page loads and its button works", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("./");
  await expect(page.locator("h1")).toHaveText("finwait");
  await page.locator("#step").click();
  await page.locator("#step").click();
  await expect(page.locator("#steps")).toHaveText("2 steps");
  await page.screenshot({ path: "artifacts/screenshots/smoke.png", fullPage: true });
  expect(errors).toEqual([]);
});
