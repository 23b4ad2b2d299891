// The course build (scripts/build-course, served from dist-course/): the frame API between
// the lab and a course page on another origin, and the embed dialog that writes the snippet.
import { test, expect } from "@playwright/test";

const port = Number(process.env.FINWAIT_E2E_PORT ?? 4173);
const LAB = `http://127.0.0.1:${port + 3}/`;
// Another origin than the lab's: another host name for the same machine.
const HOST = `http://localhost:${port + 2}/host.html?lab=${encodeURIComponent(LAB)}`;
const THIRD = `http://127.0.0.1:${port + 1}/third-origin.html`;

test("a course page on another origin embeds the lab, hears it, commands it, and sizes it", async ({ page }) => {
  const warnings = [];
  const errors = [];
  page.on("console", (m) => (m.type() === "warning" ? warnings : m.type() === "error" ? errors : []).push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(HOST);
  const lab = page.frameLocator("#lab");
  await expect(lab.locator("#card-A .state")).toHaveAttribute("data-state", "FIN-WAIT-1");
  await expect(page.locator('#events li[data-type="ready"]')).toHaveCount(1);

  // The instructor's locks: only Drop, one scenario.
  await expect(lab.locator("button[data-call]")).toHaveCount(0);
  await expect(lab.locator("#preset")).toHaveCount(0);
  await expect(lab.locator("#profile")).toHaveCount(0);
  await expect(lab.locator(".network-tools")).toHaveCount(0);

  // Commands from the page, and the events they cause.
  await page.click("#cmd-step");
  await expect(lab.locator("#card-B .state")).toHaveAttribute("data-state", "CLOSE-WAIT");
  await expect(page.locator('#events li[data-type="stateChanged"]').first()).toContainText("B ESTABLISHED → CLOSE-WAIT");
  await expect(page.locator('#events li[data-type="stateChanged"]').first()).toContainText("[by this page]");
  await expect(page.locator('#events li[data-type="segment"]').first()).toBeAttached();
  await page.click("#cmd-seek");
  await expect(lab.locator("#clock")).toHaveText("150 ms");
  // The student's own move, inside the frame: only Drop is offered.
  await lab.locator('#timeline .seg[data-seg="4"]').focus();
  await page.keyboard.press("Enter");
  await expect(lab.locator("#segment-panel").getByRole("button", { name: "Drop", exact: true })).toBeVisible();
  await expect(lab.locator("#segment-panel").getByRole("button", { name: "Duplicate", exact: true })).toHaveCount(0);
  await lab.locator("#segment-panel").getByRole("button", { name: "Drop", exact: true }).click();

  // getState, reset, setState: the student's drop comes back.
  await page.click("#cmd-get");
  await expect(page.locator("#saved")).not.toHaveText("none yet");
  await page.click("#cmd-reset");
  await expect(lab.locator("#clock")).toHaveText("0 ms");
  await page.click("#cmd-set");
  await expect(lab.locator("#clock")).toHaveText("150 ms");
  await expect(lab.locator('#timeline .seg[data-seg="4"] .cross')).toHaveCount(1);

  // The resizer sized the frame to its content.
  await expect.poll(() => page.locator("#lab").evaluate((f) => Math.round(f.getBoundingClientRect().height))).not.toBe(600);
  const content = await lab.locator("html").evaluate((h) => h.scrollHeight);
  expect(Math.abs((await page.locator("#lab").evaluate((f) => f.clientHeight)) - content)).toBeLessThanOrEqual(2);

  // A page on a third origin cannot command the lab.
  await page.evaluate((url) => {
    const f = document.createElement("iframe");
    f.src = url;
    document.body.append(f);
  }, THIRD);
  await expect.poll(() => warnings.filter((w) => w.includes("ignored a command")).length).toBe(2);
  await expect(lab.locator("#clock")).toHaveText("150 ms");
  expect(errors).toEqual([]);
});

test("the embed dialog writes the snippet for the locks the instructor picks, and copies it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${LAB}?preset=lost-final-ack`);
  await page.locator(".share summary").click();
  await page.locator("#open-embed").click();
  const dialog = page.locator("#embed-dialog");
  await expect(dialog).toBeVisible();
  const snippet = dialog.locator("#embed-snippet");
  await expect(snippet).toHaveValue(/<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1[^"]*#s=[^"]+" width="800" height="600" title="finwait: [^"]+" allow="fullscreen; clipboard-write" loading="lazy"/);
  // Only Drop for the students, the scenario kept, the smallest frame.
  for (const tool of ["calls", "delay", "duplicate", "hold", "inject", "timers", "network", "scenario", "profile"]) {
    await dialog.locator(`input[name="tool"][value="${tool}"]`).uncheck();
  }
  await dialog.locator('input[name="lock"]').check();
  await dialog.locator('select[name="size"]').selectOption("0");
  await expect(snippet).toHaveValue(/controls=drop&amp;lock=scenario/);
  await expect(snippet).toHaveValue(/width="640" height="480"/);
  // A course page's origin that is not one is said so, next to the field.
  await dialog.locator('input[name="origin"]').fill("lms");
  await dialog.locator('input[name="origin"]').dispatchEvent("change");
  await expect(dialog.locator("#embed-origin-error")).not.toBeEmpty();
  await dialog.locator("#copy-snippet").click();
  await expect(dialog.locator(".status")).toHaveText("Snippet copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.inputValue());
  // The snippet opens the lab it describes.
  const src = (await snippet.inputValue()).match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&");
  await page.keyboard.press("Escape");
  await page.goto(src);
  await expect(page.locator("button[data-call]")).toHaveCount(0);
  await expect(page.locator("#preset")).toHaveCount(0);
  expect(errors).toEqual([]);
});
