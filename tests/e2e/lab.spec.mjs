// The lab in a real browser: each scenario the web app promises, driven through its controls,
// checking the states on both cards and the arrows on the timeline.
import { test, expect } from "@playwright/test";
import { open, expectStates, arrows, step, stepUntil, call, selectSegment, segmentAction, loadPreset, shot, clock } from "./helpers.mjs";

test("close from A: the four-way close, one click at a time", async ({ page }) => {
  const errors = await open(page);
  await page.selectOption("#preset", "blank");
  await expectStates(page, "ESTABLISHED", "ESTABLISHED");
  expect(await arrows(page)).toBe(0);

  await call(page, "A", "close");
  await expectStates(page, "FIN-WAIT-1", "ESTABLISHED");
  expect(await arrows(page)).toBe(1);

  await step(page);
  await expectStates(page, "FIN-WAIT-1", "CLOSE-WAIT");
  await step(page);
  await expectStates(page, "FIN-WAIT-2", "CLOSE-WAIT");

  await call(page, "B", "close");
  await expectStates(page, "FIN-WAIT-2", "LAST-ACK");
  await stepUntil(page, "A", "TIME-WAIT");
  await stepUntil(page, "B", "CLOSED");
  expect(await arrows(page)).toBe(4);
  await expect(page.locator("#card-A .timers")).toContainText("TIME-WAIT");
  await shot(page, "1-active-close-time-wait");
  expect(errors).toEqual([]);
});

test("drop B's ACK: A retransmits its FIN", async ({ page }) => {
  const errors = await open(page);
  await page.selectOption("#preset", "blank");
  await call(page, "A", "close");
  await step(page); // 50 ms: B's ACK (#2) is on its way
  await selectSegment(page, 2);
  await segmentAction(page, "Drop");
  await expect(page.locator('#timeline .seg[data-seg="2"] .cross')).toHaveCount(1);

  await step(page); // the retransmission timer fires at 1 s
  await expect(page.locator("#clock")).toHaveText("1 s");
  expect(await arrows(page)).toBe(3);
  await expectStates(page, "FIN-WAIT-1", "CLOSE-WAIT");
  await stepUntil(page, "A", "FIN-WAIT-2");
  expect(await arrows(page)).toBe(4);
  await selectSegment(page, 3);
  await expect(page.locator("#segment-panel")).toContainText("retransmission timeout");
  expect(errors).toEqual([]);
});

test("hold a data segment past the FIN (S10)", async ({ page }) => {
  const errors = await open(page);
  await page.selectOption("#preset", "blank");
  await call(page, "A", "close");
  await stepUntil(page, "A", "FIN-WAIT-2");
  await call(page, "B", "send"); // 100 bytes: segment #3
  await selectSegment(page, 3);
  await segmentAction(page, "Hold");
  await call(page, "B", "close"); // FIN #4 overtakes the held data
  await step(page);
  // The FIN is out of order: A holds it and stays in FIN-WAIT-2, asking for 5001 again.
  await expectStates(page, "FIN-WAIT-2", "LAST-ACK");
  await selectSegment(page, 5);
  await expect(page.locator("#segment-panel h2")).toContainText("ack=5001");
  await selectSegment(page, 3);
  await segmentAction(page, "Release");
  await stepUntil(page, "A", "TIME-WAIT");
  await stepUntil(page, "B", "CLOSED");
  expect(await arrows(page)).toBe(6);
  await shot(page, "2-data-held-past-the-fin");
  expect(errors).toEqual([]);
});

test("simultaneous close: both go through CLOSING to TIME-WAIT", async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, "S03");
  await expectStates(page, "FIN-WAIT-1", "FIN-WAIT-1");
  await step(page);
  await expectStates(page, "CLOSING", "CLOSING");
  await step(page);
  await expectStates(page, "TIME-WAIT", "TIME-WAIT");
  expect(await arrows(page)).toBe(4);
  await expect(page.locator('.state-diagram .marker[data-host="A"]')).toHaveAttribute("data-state", "TIME-WAIT");
  expect(errors).toEqual([]);
});

test("going back in time and branching; undo restores the first future", async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, "S01");
  await stepUntil(page, "A", "TIME-WAIT");
  expect(await arrows(page)).toBe(4);

  // Back to 0 ms, while A's FIN is in flight, and drop it.
  for (let i = 0; i < 5 && (await clock(page)) !== "0 ms"; i++) {
    await page.getByRole("button", { name: "Back to the previous event" }).click();
  }
  await expect(page.locator("#clock")).toHaveText("0 ms");
  await expectStates(page, "FIN-WAIT-1", "ESTABLISHED");
  await selectSegment(page, 1);
  await segmentAction(page, "Drop");
  expect(await arrows(page)).toBe(1); // the old future is gone

  // B never hears A's FIN; its scripted close at 100 ms makes B the first to close, as far as
  // it knows — so A receives a FIN while its own is unacknowledged: CLOSING.
  await stepUntil(page, "A", "CLOSING");
  await expect(page.locator("#card-B .state")).toHaveAttribute("data-state", /FIN-WAIT/);

  await page.getByRole("button", { name: "Undo your last action" }).click();
  await expect(page.locator("#clock")).toHaveText("0 ms");
  expect(await arrows(page)).toBe(4);
  expect(errors).toEqual([]);
});

test("switching profile recomputes the run: Linux delays the ACK and waits 60 s", async ({ page }) => {
  const errors = await open(page);
  await loadPreset(page, "S01");
  await stepUntil(page, "A", "TIME-WAIT");
  await expect(page.locator("#card-A .timers")).toContainText("4 min");
  await page.selectOption("#profile", "linux");
  await expectStates(page, "TIME-WAIT", "LAST-ACK");
  await expect(page.locator("#card-A .timers")).toContainText("1 min");
  expect(await arrows(page)).toBe(4);
  await selectSegment(page, 2);
  await expect(page.locator("#segment-panel")).toContainText("delayed-ACK timer fired");
  await shot(page, "3-linux-profile");
  expect(errors).toEqual([]);
});

test("refused input keeps the lab as it was and says why", async ({ page }) => {
  const errors = await open(page);
  await page.selectOption("#preset", "blank");
  await page.locator("#card-A .bytes input").fill("-3");
  await call(page, "A", "send");
  await expect(page.locator("#card-A .flash")).toContainText("whole number");
  expect(await arrows(page)).toBe(0);
  // A call that is an error in this state is still made, and its error is shown.
  await call(page, "A", "close");
  await call(page, "A", "close");
  await expect(page.locator("#card-A .last-call")).toContainText("connection closing");
  expect(await arrows(page)).toBe(1);
  expect(errors).toEqual([]);
});
