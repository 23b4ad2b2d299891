// The flagship lesson — the final ACK lost, and why TIME-WAIT waits — done as a new user would,
// at every screen size: close from A, step, select the in-flight final ACK by clicking the
// middle of its line, drop it, play on and read the caption for B's retransmission. At each
// step the diagram, the caption and the selected segment's actions must be on the screen
// without scrolling. Then the same lesson with the keyboard only.
import { test, expect } from "@playwright/test";
import { open, expectStates } from "./helpers.mjs";

/** What the user sees: the viewport only. */
const shot = (page, name) => page.screenshot({ path: `artifacts/screenshots/${name}.png` });

const SIZES = [
  [1440, 900],
  [1280, 720],
  [1024, 768],
  [768, 1024],
  [390, 844],
];

/** Fails unless the whole of `locator`'s box is inside the viewport. */
async function inView(page, locator, what) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  expect(box, `${what} is shown`).not.toBeNull();
  const inside = box.x >= -1 && box.y >= -1 && box.x + box.width <= width + 1 && box.y + box.height <= height + 1;
  expect(inside, `${what} inside the ${width}×${height} viewport: ${JSON.stringify(box)}`).toBe(true);
}

/** Fails unless at least `min` px of `locator` (the diagram) are visible. */
async function visiblePart(page, locator, what, min) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  const top = Math.max(0, box.y);
  const bottom = Math.min(height, box.y + box.height);
  expect(bottom - top, `${what}: ${Math.round(bottom - top)} px of it on screen at ${width}×${height}`).toBeGreaterThanOrEqual(min);
  expect(box.x >= -1 && box.x + box.width <= width + 1, `${what} within the width`).toBe(true);
}

/** Clicks a call on a host's card, opening the card first where it is folded (a phone). */
async function callOn(page, host, name) {
  const button = page.locator(`#card-${host} button[data-call="${name}"]`);
  if (!(await button.isVisible())) await page.locator(`#card-${host} .expand`).click();
  await button.click();
  // Fold it again where it folds, so the diagram keeps the screen.
  const expand = page.locator(`#card-${host} .expand`);
  if ((await expand.isVisible()) && (await expand.getAttribute("aria-expanded")) === "true") await expand.click();
}

/** The middle of a segment's whole line (its path from sender to receiver), in page pixels. */
async function middleOf(page, id) {
  return page.evaluate((id) => {
    const line = document.querySelector(`#timeline .seg[data-seg="${id}"] polyline.hit`);
    const points = line.points;
    const a = points.getItem(0);
    const b = points.getItem(points.numberOfItems - 1);
    const svg = line.ownerSVGElement;
    const mid = svg.createSVGPoint();
    mid.x = (a.x + b.x) / 2;
    mid.y = (a.y + b.y) / 2;
    const p = mid.matrixTransform(line.getScreenCTM());
    return { x: p.x, y: p.y };
  }, id);
}

async function checkScreen(page, withActions) {
  await visiblePart(page, page.locator(".timeline-scroll"), "the diagram", 120);
  await inView(page, page.locator("#caption"), "the caption");
  if (withActions) await inView(page, page.locator("#segment-panel .seg-tools"), "the segment's actions");
}

for (const [width, height] of SIZES) {
  test(`the lost final ACK on one screen at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const errors = await open(page);
    await page.selectOption("#preset", "blank");
    await expectStates(page, "ESTABLISHED", "ESTABLISHED");
    await checkScreen(page, false);

    await callOn(page, "A", "close");
    await page.locator("#step").click(); // 50 ms: B has the FIN, its ACK is on the way
    await page.locator("#step").click(); // 100 ms: A in FIN-WAIT-2
    await expectStates(page, "FIN-WAIT-2", "CLOSE-WAIT");
    await callOn(page, "B", "close");
    await page.locator("#step").click(); // 150 ms: A has B's FIN; its final ACK #4 is on the way
    await expectStates(page, "TIME-WAIT", "LAST-ACK");
    await checkScreen(page, false);

    // The key click: the middle of the in-flight final ACK's line.
    const mid = await middleOf(page, 4);
    await page.mouse.click(mid.x, mid.y);
    await expect(page.locator("#segment-panel h2")).toContainText("#4 A → B: ACK seq=1002 ack=5002");
    await expect(page.locator("#clock")).toHaveText("150 ms"); // the click selected; time did not move
    await checkScreen(page, true);
    await shot(page, `lesson-${width}x${height}-1-selected`);

    await page.locator("#segment-panel").getByRole("button", { name: "Drop", exact: true }).click();
    await expect(page.locator('#timeline .seg[data-seg="4"] .cross')).toHaveCount(1);
    await checkScreen(page, false);

    // Play on until B sends its FIN again, and pause there (as a reader would, while playback
    // rests on that step).
    await page.selectOption("#speed", { label: "2×" });
    await page.locator(".playback .play").click();
    await page.waitForFunction(
      () => {
        const caption = document.querySelector("#caption")?.textContent ?? "";
        if (!caption.includes("retransmission timeout")) return false;
        document.querySelector(".playback .play").click();
        return true;
      },
      null,
      { polling: "raf", timeout: 20_000 },
    );
    await expect(page.locator("#caption")).toContainText("sends #5 FIN,ACK seq=5001 ack=1002");
    await checkScreen(page, false);
    await shot(page, `lesson-${width}x${height}-2-retransmission`);
    expect(errors).toEqual([]);
  });
}

/** Presses Tab until the focused element matches `selector` (at most 80 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

test("the same lesson with the keyboard only", async ({ page }) => {
  const errors = await open(page);
  // The first Tab offers a way past the controls, straight into the diagram.
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText("Go to the diagram");
  await page.keyboard.press("Enter");
  await expect(page.locator(":focus")).toHaveAttribute("data-seg", /\d+/);

  await tabTo(page, "#preset");
  await page.keyboard.press("End"); // the last choice: the blank lab
  await expectStates(page, "ESTABLISHED", "ESTABLISHED");

  await tabTo(page, '#card-A button[data-call="close"]');
  await page.keyboard.press("Enter");
  await tabTo(page, "#step");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expectStates(page, "FIN-WAIT-2", "CLOSE-WAIT");
  await tabTo(page, '#card-B button[data-call="close"]');
  await page.keyboard.press("Enter");
  await tabTo(page, "#step");
  await page.keyboard.press("Enter");
  await expectStates(page, "TIME-WAIT", "LAST-ACK");

  // One Tab stop into the diagram; the arrow keys move between segments.
  await tabTo(page, "#timeline .seg");
  await page.keyboard.press("End");
  await expect(page.locator("#timeline .seg:focus")).toHaveAttribute("data-seg", "4");
  await page.keyboard.press("ArrowUp");
  await expect(page.locator("#timeline .seg:focus")).toHaveAttribute("data-seg", "3");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter"); // the segment's actions take the focus
  await expect(page.locator("#segment-panel h2")).toContainText("#4 A → B");
  await expect(page.locator(":focus")).toHaveText("Drop");
  await page.keyboard.press("Enter");
  await expect(page.locator('#timeline .seg[data-seg="4"] .cross')).toHaveCount(1);

  await tabTo(page, "#step");
  for (let i = 0; i < 6 && !(await page.locator("#caption").textContent()).includes("retransmission timeout"); i++) {
    await page.keyboard.press("Enter");
  }
  await expect(page.locator("#caption")).toContainText("sends #5 FIN,ACK seq=5001 ack=1002");
  // The Tab stop stayed one: every segment but one is out of the Tab order.
  expect(await page.locator('#timeline .seg[tabindex="0"]').count()).toBe(1);
  expect(errors).toEqual([]);
});
