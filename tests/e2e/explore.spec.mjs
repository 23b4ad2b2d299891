// "What could happen here?" in the course build: the lab lists the outcomes the command line's
// `finwait explore` lists, word for word; "Try it in the lab" opens a witness's faults in the
// lab, undoably; the panel passes axe and works from the keyboard.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { COURSE_LAB, axeViolations, open } from "./helpers.mjs";

/** What the command line says for `preset` with up to `faults` faults from the start. */
function cli(preset, faults) {
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  return execFileSync("target/debug/finwait", ["explore", "--preset", preset, "--faults", String(faults)], { encoding: "utf8" });
}

test("the lab finds the outcomes the command line finds, and a witness opens in the lab", async ({ page }) => {
  const errors = await open(page, "?lang=en&preset=active-close", COURSE_LAB);
  const panel = page.locator(".what-could-happen");
  await page.locator("#find-outcomes").click();
  const expected = cli("active-close", 1).trim().split("\n");
  await expect(panel.locator(".status")).toHaveText(expected[0]);
  const outcomes = await panel.locator(".outcomes > li .outcome").allTextContents();
  expect(outcomes).toEqual(expected.filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. /, "")));

  // Up to two faults: more outcomes, as the command line says.
  await panel.locator("select").selectOption({ label: "up to two faults" });
  await page.locator("#find-outcomes").click();
  await expect(panel.locator(".status")).toHaveText(cli("active-close", 2).split("\n")[0]);

  // Another moment: the outcomes were the last one's, and go.
  await page.locator("#step").click();
  await expect(panel.locator(".outcomes")).toHaveCount(0);
  await page.getByRole("button", { name: "Back to the start" }).click();

  // The run where the final ACK is lost: B waits in LAST-ACK and sends its FIN again.
  await panel.locator("select").selectOption({ label: "one fault" });
  await page.locator("#find-outcomes").click();
  const lostAck = panel.locator(".outcomes > li", { hasText: "drop #4 ACK seq=1002 ack=5002 (A→B) at 150 ms" });
  await lostAck.getByRole("button", { name: "Try it in the lab" }).click();
  await page.locator("#to-end").click();
  await expect(page.locator("#timeline .seg")).toHaveCount(6);
  await expect(page.locator("#card-B .state")).toHaveAttribute("data-state", "CLOSED");
  // Undo brings back the run as it was.
  await page.getByRole("button", { name: "Undo your last action" }).click();
  await page.locator("#to-end").click();
  await expect(page.locator("#timeline .seg")).toHaveCount(4);
  expect(errors).toEqual([]);
});

test("from the keyboard, and axe finds nothing in the panel's results (Korean)", async ({ page }) => {
  const errors = await open(page, "?lang=ko&preset=lost-final-ack", COURSE_LAB);
  await page.locator("#find-outcomes").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".what-could-happen .status")).toContainText("나올 수 있는 결과");
  await expect(page.locator("#find-outcomes")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator(".what-could-happen .outcomes button").first()).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
