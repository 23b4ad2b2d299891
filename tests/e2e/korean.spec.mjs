// The lab in Korean (the course build, which has the `ko` feature): the header's switch, `lang=`
// in the address, the browser's language on a first visit, the choice remembered; and every
// preset in Korean at 1440 and 390 px wide with no text outside its box, no two segment labels
// on each other, and no axe violation, with a screenshot of each in artifacts/screenshots/.
import { test, expect } from "@playwright/test";
import { COURSE_LAB, axeViolations, open, overlappingLabels, presetAtItsEnd, presetValues } from "./helpers.mjs";

const htmlLang = (page) => page.locator("html").getAttribute("lang");

test("the header's switch turns the lab Korean and back, and the choice outlives a reload", async ({ page }) => {
  const errors = await open(page, "?preset=S08", COURSE_LAB);
  expect(await htmlLang(page)).toBe("en");
  await expect(page.locator("#step")).toContainText("Step");
  await expect(page.locator("#lang")).toHaveText("한국어");

  await page.locator("#lang").click();
  expect(await htmlLang(page)).toBe("ko");
  await expect(page.locator("#step")).toContainText("다음");
  await expect(page.locator(".preset-info .title")).toHaveText("마지막 ACK 손실: TIME-WAIT가 있는 이유");
  await expect(page.locator("#preset option:checked")).toContainText("S08 · 마지막 ACK 손실");
  await expect(page).toHaveTitle(/TCP 연결은 어떻게 닫히는가/);
  // The hosts' default names follow the language; the protocol's names stay as the RFC has them.
  await expect(page.locator("#card-A input.name")).toHaveValue("클라이언트");
  await expect.poll(() => page.url()).toContain("#s=");
  const opened = page.url();
  await page.locator("#step").click();
  await expect(page.locator("#card-B .state")).toHaveText("CLOSE-WAIT");
  await expect(page.locator(".caption")).toContainText("RFC 9293 §3.10.7.4: ESTABLISHED에서 FIN 수신");
  await expect(page.locator("#lang")).toHaveText("English");

  // A reload keeps the language (and the session, once the address holds it).
  await expect.poll(() => page.url()).not.toBe(opened);
  await page.reload();
  await expect(page.locator("#timeline")).toBeVisible();
  expect(await htmlLang(page)).toBe("ko");
  await expect(page.locator("#card-B .state")).toHaveText("CLOSE-WAIT");
  expect(await page.evaluate(() => localStorage.getItem("finwait.lang"))).toBe("ko");

  // Keyboard: the switch is a button like any other.
  await page.locator("#lang").focus();
  await page.keyboard.press("Enter");
  expect(await htmlLang(page)).toBe("en");
  await expect(page.locator("#step")).toContainText("Step");
  expect(errors).toEqual([]);
});

test("a browser in Korean opens Korean on the first visit, and lang= in the address wins", async ({ browser }) => {
  const korean = await browser.newContext({ locale: "ko-KR" });
  const page = await korean.newPage();
  const errors = await open(page, "", COURSE_LAB);
  expect(await htmlLang(page)).toBe("ko");
  await expect(page.locator("#step")).toContainText("다음");
  await page.goto(COURSE_LAB + "?lang=en&preset=S03");
  await expect(page.locator("#timeline")).toBeVisible();
  expect(await htmlLang(page)).toBe("en");
  await expect(page.locator(".preset-info .title")).toHaveText("Simultaneous close");
  expect(errors).toEqual([]);
  await korean.close();

  // An English browser with lang=ko in the link.
  const english = await browser.newContext({ locale: "en-US" });
  const other = await english.newPage();
  await open(other, "?lang=ko&preset=S03", COURSE_LAB);
  expect(await htmlLang(other)).toBe("ko");
  await expect(other.locator(".preset-info .title")).toHaveText("동시 종료");
  await english.close();
});

/** Text that leaves its box: every piece of text on the page, measured as drawn, must lie
 *  across (left to right) inside the panel that holds it and inside any element of its own that
 *  clips; and the page must not scroll sideways. Text cut with an ellipsis on purpose, text
 *  for screen readers only, text not drawn (in a closed menu), and the pickers' options are
 *  left out. */
async function overflowingText(page) {
  return page.evaluate(() => {
    const PANELS = "header.top, .preset-info, .caption, .card, .stage, .panel, #segment-panel, .sheet";
    const found = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    const walker = document.createTreeWalker(document.querySelector(".app"), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      if (el.closest("select, option, .sr-only, svg")) continue;
      // Not drawn (a closed menu's content is still laid out, at whatever width, but unseen).
      if (!el.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      if (text.width === 0 || text.height === 0) continue;
      const boxes = [];
      const panel = el.closest(PANELS);
      if (panel) boxes.push(panel);
      for (let up = el; up && up !== panel; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.textOverflow === "ellipsis" || style.clip !== "auto") { boxes.length = 0; break; }
        if (style.overflowX !== "visible") boxes.push(up);
      }
      for (const box of boxes) {
        const r = box.getBoundingClientRect();
        if (text.left < r.left - 1 || text.right > r.right + 1) {
          found.push(`"${node.textContent.trim().slice(0, 40)}" (${Math.round(text.left)}–${Math.round(text.right)}) outside ${box.tagName.toLowerCase()}.${[...box.classList].join(".")} (${Math.round(r.left)}–${Math.round(r.right)})`);
          break;
        }
      }
    }
    return found;
  });
}

for (const [width, height] of [
  [1440, 900],
  [390, 844],
]) {
  test(`every preset in Korean at ${width}×${height}: text inside its box, labels apart, no axe violation`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width, height });
    const errors = await open(page, "?lang=ko", COURSE_LAB);
    expect(await htmlLang(page)).toBe("ko");
    const problems = [];
    for (const value of await presetValues(page)) {
      await presetAtItsEnd(page, value);
      for (const p of await overflowingText(page)) problems.push(`${value}: ${p}`);
      for (const hit of await overlappingLabels(page)) problems.push(`${value}: labels ${hit} overlap`);
      for (const v of await axeViolations(page)) problems.push(`${value}: ${v}`);
      await page.screenshot({ path: `artifacts/screenshots/ko-${width}-${value}.png` });
    }
    expect(problems, problems.join("\n")).toEqual([]);
    expect(errors).toEqual([]);
  });
}
