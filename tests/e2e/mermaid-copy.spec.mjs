// "Copy as Mermaid" in the course build's share menu: what lands on the clipboard is the text
// `finwait run --format mermaid` prints for the same run, with the student's own faults in it
// and in the lab's language; where the page may not copy, the text is shown instead.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { COURSE_LAB, open, selectSegment, segmentAction, stepUntil } from "./helpers.mjs";

function cli(args) {
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  return execFileSync("target/debug/finwait", args, { encoding: "utf8" });
}

test("the lab copies the command line's Mermaid diagram", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: COURSE_LAB });
  const errors = await open(page, "?lang=en&preset=lost-final-ack", COURSE_LAB);
  await page.locator(".share summary").click();
  await page.locator("#copy-mermaid").click();
  await expect(page.locator(".copy-mermaid .status")).toHaveText("The diagram is copied as Mermaid text.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(cli(["run", "--preset", "lost-final-ack", "--format", "mermaid"]));
  expect(copied.startsWith("sequenceDiagram\n")).toBe(true);
  expect(errors).toEqual([]);
});

test("with the student's drop, and in Korean; refused, the text is shown to copy by hand", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: COURSE_LAB });
  const errors = await open(page, "?lang=ko&preset=active-close", COURSE_LAB);
  // At 150 ms A's final ACK (#4) is in flight.
  await stepUntil(page, "A", "TIME-WAIT");
  await selectSegment(page, 4);
  await segmentAction(page, "버리기");
  await page.locator(".share summary").click();
  await page.locator("#copy-mermaid").click();
  await expect(page.locator(".copy-mermaid .status")).toHaveText("다이어그램을 Mermaid 텍스트로 복사했습니다.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // What the student did is in it: the final ACK lost, then B's FIN again and A's answer.
  expect(copied).toContain("seg 4 ACK seq=1002 ack=5002 (t=150 ms");
  expect(copied).toMatch(/A-xB: seg 4 [^\n]*버려짐/);
  expect(copied).toContain("Note over A: t=150 ms TIME-WAIT");

  // The browser refuses (as in a frame without clipboard-write): the text appears in the menu.
  await page.evaluate(() =>
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) } }),
  );
  await page.locator("#copy-mermaid").click();
  await expect(page.locator(".copy-mermaid textarea")).toHaveValue(copied);
  writeFileSync("artifacts/active-close-dropped-ack.mmd", copied);
  expect(errors).toEqual([]);
});
