// "Quiz yourself" in the course build: the questions of a `quiz=` link are those `finwait quiz`
// writes for the same seed, count and scenario; right and wrong answers get their feedback and
// the score; the lab stands before each question's moment and plays it on the answer; a reload
// goes on where the student was, and a second browser gets the same questions; it can be done
// with the keyboard alone, with no axe violation; in a course page's frame, each answer and the
// end are posted to the page.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { COURSE_LAB, axeViolations, open } from "./helpers.mjs";

const LINK = "?lang=en&quiz=7.5.active-close";

/** The questions `finwait quiz` writes for seed 7, five on active-close: stem, options, right one. */
function cliQuestions() {
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  const out = execFileSync("target/debug/finwait", ["quiz", "--presets", "active-close", "--seed", "7", "--count", "5"], { encoding: "utf8" });
  const [asked, answers] = out.split("\nAnswers:\n");
  const questions = asked.trim().split(/\n\n/).map((block) => {
    const [stem, ...options] = block.split("\n");
    return { stem: stem.replace(/^\d+\. /, ""), options: options.map((o) => o.replace(/^\s+[a-d]\) /, "")) };
  });
  answers.trim().split("\n").forEach((line, i) => {
    questions[i].right = line.match(/^\d+\. ([a-d])\)/)[1].charCodeAt(0) - 97;
  });
  return questions;
}

const card = (page) => page.locator(".quiz-card");

/** Answers the question on the card with option `k`, by clicking. */
async function answer(page, k) {
  await card(page).locator(".quiz-option").nth(k).click();
  await card(page).locator("#answer-question").click();
}

test("a quiz link asks the command line's questions, scores them, and survives a reload", async ({ page, browser }) => {
  const expected = cliQuestions();
  const errors = await open(page, LINK, COURSE_LAB);
  await expect(card(page).locator("legend")).toHaveText(expected[0].stem);
  expect(await card(page).locator(".quiz-option").allTextContents()).toEqual(expected[0].options);
  await expect(card(page).locator(".quiz-progress")).toHaveText("0 of 5 answered · 0 right");
  // While a question is asked, neither the caption nor the hosts' cards give the answer away.
  await expect(page.locator(".caption-next")).toBeHidden();
  await expect(page.locator("#card-A .state")).toBeHidden();
  await expect(page.locator("#card-A .vars")).toBeHidden();

  // Right, then wrong.
  await answer(page, expected[0].right);
  await expect(card(page).locator(".quiz-feedback")).toHaveText(/^Right\. /);
  await expect(page.locator("#card-A .state")).toBeVisible();
  await expect(card(page).locator(".quiz-progress")).toHaveText("1 of 5 answered · 1 right");
  await card(page).locator("#next-question").click();
  await expect(card(page).locator("legend")).toHaveText(expected[1].stem);
  // Before its moment: the segment that answers it has not been sent yet.
  const before = await page.locator("#timeline .seg").count();
  const wrong = (expected[1].right + 1) % expected[1].options.length;
  await answer(page, wrong);
  await expect(card(page).locator(".quiz-feedback")).toHaveText(/^Not this one\. /);
  await expect(card(page).locator(".quiz-right")).toHaveText(`The answer: ${expected[1].options[expected[1].right]}`);
  await expect(card(page).locator(".quiz-progress")).toHaveText("2 of 5 answered · 1 right");
  // The answer played the moment: the segment is on the timeline now.
  expect(await page.locator("#timeline .seg").count()).toBeGreaterThan(before);

  // A reload goes on at the third question, with the score kept.
  await card(page).locator("#next-question").click();
  await page.reload();
  await expect(card(page).locator("legend")).toHaveText(expected[2].stem);
  await expect(card(page).locator(".quiz-progress")).toHaveText("2 of 5 answered · 1 right");

  // Another browser with the same link gets the same first question.
  const other = await browser.newContext();
  const second = await other.newPage();
  await open(second, LINK, COURSE_LAB);
  await expect(card(second).locator("legend")).toHaveText(expected[0].stem);
  await other.close();

  for (const i of [2, 3, 4]) {
    await answer(page, expected[i].right);
    await card(page).locator("#next-question").click();
  }
  await expect(card(page).locator("h2")).toHaveText("You got 4 of 5 right.");
  await expect(card(page).locator(".quiz-summary li.wrong")).toHaveCount(1);
  // "Try it in the lab" opens that question's scenario before its moment.
  await card(page).locator(".quiz-summary li.wrong button").click();
  await expect(page.locator(".preset-info .title")).toContainText("Active close");
  expect(errors).toEqual([]);
});

test("a quiz started from the lab can be taken with the keyboard alone, with no axe violation", async ({ page }) => {
  const errors = await open(page, "?lang=en&preset=simultaneous-close", COURSE_LAB);
  await page.locator(".quiz-start select").first().focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.locator("#start-quiz")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(card(page).locator("legend")).toContainText("S03");
  expect(page.url()).toMatch(/[?&]quiz=\d+\.5\.simultaneous-close/);
  expect(await axeViolations(page)).toEqual([]);
  for (let i = 0; i < 5; i++) {
    // The first option, chosen with the keyboard, then the answer button.
    await card(page).locator(".quiz-option input").first().focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await expect(card(page).locator("#answer-question")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(card(page).locator(".quiz-feedback")).toBeVisible();
    if (i === 0) expect(await axeViolations(page)).toEqual([]);
    await card(page).locator("#next-question").focus();
    await page.keyboard.press("Enter");
  }
  await expect(card(page).locator("h2")).toHaveText(/^You got \d of 5 right\.$/);
  expect(await axeViolations(page)).toEqual([]);
  // Stopping takes the quiz out of the address and the card off the page.
  await card(page).locator("#stop-quiz").click();
  await expect(card(page)).toHaveCount(0);
  expect(page.url()).not.toContain("quiz=");
  expect(errors).toEqual([]);
});

test("in a course page's frame, each answer and the end are posted to the page", async ({ page }) => {
  const expected = cliQuestions();
  // A course page on another origin (the examples' server, as localhost), framing the lab.
  const port = Number(process.env.FINWAIT_E2E_PORT ?? 4173);
  await page.goto(`http://localhost:${port + 2}/host.html`);
  await page.setContent(
    `<body><iframe id="f" src="${COURSE_LAB}?embed=1&lang=en&quiz=7.5.active-close" width="900" height="700"></iframe></body>`,
  );
  await page.evaluate(() => {
    window.heard = [];
    window.addEventListener("message", (e) => e.data?.source === "finwait" && ["answered", "completed"].includes(e.data.type) && window.heard.push(e.data));
  });
  const lab = page.frameLocator("#f");
  for (let i = 0; i < 5; i++) {
    await expect(lab.locator(".quiz-card legend")).toHaveText(expected[i].stem);
    await lab.locator(".quiz-card .quiz-option").nth(expected[i].right).click();
    await lab.locator("#answer-question").click();
    await lab.locator("#next-question").click();
  }
  await expect.poll(() => page.evaluate(() => window.heard.length)).toBe(6);
  const heard = await page.evaluate(() => window.heard);
  expect(heard[0]).toMatchObject({ type: "answered", question: 1, of: 5, success: true, score: 1, text: expected[0].stem, response: expected[0].options[expected[0].right] });
  expect(heard[5]).toMatchObject({ type: "completed", quiz: "7.5.active-close", score: 5, of: 5, success: true, percent: 100 });
});

test("a quiz on two scenarios downloads as the same Moodle and Canvas files finwait quiz writes", async ({ page }) => {
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  const errors = await open(page, "?lang=en&quiz=3.6.S01,lost-final-ack", COURSE_LAB);
  await card(page).locator(".quiz-files summary").click();
  for (const [label, format, name] of [
    ["Moodle (GIFT)", "gift", "gift.txt"],
    ["Moodle XML", "moodle-xml", "moodle.xml"],
    ["Canvas (QTI 1.2, .zip)", "qti12", "qti.zip"],
  ]) {
    await card(page).locator(".quiz-files select").selectOption({ label });
    const saved = page.waitForEvent("download");
    await card(page).locator("#download-quiz").click();
    const file = await saved;
    expect(file.suggestedFilename()).toBe(`finwait-quiz-3-6-active-close-lost-final-ack-${name}`);
    const path = `artifacts/quiz-3-6.${name}`;
    await file.saveAs(path);
    const cli = execFileSync("target/debug/finwait", ["quiz", "--presets", "active-close,lost-final-ack", "--seed", "3", "--count", "6", "--format", format]);
    expect(Buffer.compare(readFileSync(path), cli), format).toBe(0);
  }
  expect(errors).toEqual([]);
});
