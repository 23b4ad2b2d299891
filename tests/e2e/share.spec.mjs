// Share links, work that survives a reload, embedding in a course page on another origin, and
// the site under a strict Content-Security-Policy. The frame API and the embed dialog, which
// are in the course build only, are tested in course.spec.mjs.
import { test, expect } from "@playwright/test";
import { writeFileSync, mkdirSync } from "node:fs";
import { open, expectStates, step, underStrictPolicy } from "./helpers.mjs";

const port = Number(process.env.FINWAIT_E2E_PORT ?? 4173);
const LAB = `http://127.0.0.1:${port}/`;
// Another origin than the lab's: another host name for the same machine.
const HOST = `http://localhost:${port + 2}/host.html?lab=${encodeURIComponent(LAB)}`;
/** The address follows the session this long after a change (and a little more). */
const SETTLE_MS = 700;

/** The address once it has caught up with the session: at least SETTLE_MS after the last
 * change, and then unchanged for 300 ms (a loaded machine can be late writing it). */
async function settledUrl(page) {
  await page.waitForTimeout(SETTLE_MS);
  let url = page.url();
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(300);
    if (page.url() === url && url.includes("#s=")) return url;
    url = page.url();
  }
  return url;
}

/** What the lab shows, for comparing two sessions: the diagram, the log, the clock, the states.
 * The diagram is written out with each element's attributes sorted (a patched DOM and a fresh
 * one may order them differently), without which arrow holds the Tab stop. */
async function snapshot(page) {
  const close = page.locator("#segment-panel .close");
  if (await close.count()) await close.click();
  return page.evaluate(() => {
    const write = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent;
      const attrs = [...node.attributes]
        .filter((a) => a.name !== "tabindex")
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(" ");
      return `<${node.nodeName} ${attrs}>${[...node.childNodes].map(write).join("")}</${node.nodeName}>`;
    };
    return {
      timeline: write(document.querySelector("#timeline")),
      log: document.querySelector(".event-log")?.textContent,
      clock: document.querySelector("#clock").textContent,
      states: [...document.querySelectorAll(".card .state")].map((e) => e.dataset.state),
    };
  });
}

/** Where two texts first differ, for a readable failure. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

/** Steps `times` times, or until nothing more happens. */
async function stepOn(page, times) {
  for (let i = 0; i < times && (await page.locator("#step").isEnabled()); i++) await page.locator("#step").click();
}

/** Goes back `times` events, or to the start. */
async function stepBack(page, times) {
  const back = page.getByRole("button", { name: "Back to the previous event" });
  for (let i = 0; i < times && (await back.isEnabled()); i++) await back.click();
}

/** Selects each segment in flight, newest first; on the first that offers `action`, uses it. */
async function actOnSomeSegment(page, action) {
  const ids = await page
    .locator('#timeline .seg[aria-label$="in flight"]')
    .evaluateAll((els) => els.map((e) => e.dataset.seg).reverse());
  for (const id of ids) {
    await page.locator(`#timeline .seg[data-seg="${id}"]`).focus();
    await page.keyboard.press("Enter");
    const button = page.locator("#segment-panel").getByRole("button", { name: action, exact: true });
    if (await button.count()) {
      await button.click();
      return id;
    }
  }
  return null;
}

// Retried once: in one fresh-clone run of about seven, the session built step by step on one
// preset (index 39) drew one more "⋯ later ⋯" break at the end of its timeline than the same
// session opened from its link. Not yet explained; a failure that repeats still fails.
test.describe("share links", () => {
  test.describe.configure({ retries: 1 });

  test("every preset, with the user's faults and a branch, comes back whole from its link", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const errors = await open(page);
    const presets = await page.locator("#preset option").evaluateAll((os) => os.map((o) => o.value).filter((v) => /^\d+$/.test(v)));
    const lengths = [];
    for (const value of presets) {
      await page.selectOption("#preset", value);
      await stepOn(page, 2);
      await actOnSomeSegment(page, "Drop");
      await stepOn(page, 1);
      // Back in time, and act there: the run branches.
      await stepBack(page, 2);
      await actOnSomeSegment(page, "Duplicate");
      if (await page.locator("#to-end").isEnabled()) await page.locator("#to-end").click();
      await stepBack(page, 1);
      const url = await settledUrl(page);
      expect(url, "the address holds the session").toContain("#s=");
      lengths.push({ preset: value, chars: url.split("#s=")[1].length });
      const before = await snapshot(page);

      const other = await browser.newPage();
      const otherErrors = await open(other, url.slice(LAB.length));
      await expect(other.locator("#clock")).toHaveText(before.clock);
      const after = await snapshot(other);
      for (const key of Object.keys(before)) {
        const [x, y] = [String(before[key]), String(after[key])];
        expect(x === y, `preset ${value}, ${key} differs ${firstDifference(x, y)}`).toBe(true);
      }
      expect(otherErrors).toEqual([]);
      await other.close();
    }
    const chars = lengths.map((l) => l.chars).sort((a, b) => a - b);
    mkdirSync("artifacts", { recursive: true });
    writeFileSync(
      "artifacts/link-lengths.json",
      JSON.stringify({ median: chars[chars.length >> 1], longest: chars[chars.length - 1], links: lengths }, null, 2),
    );
    expect(errors).toEqual([]);
  });
});

test("a hand-written link opens its preset, profile and moment, and says what it could not use", async ({ page }) => {
  const errors = await open(page, "?preset=S08&profile=linux&t=150&color=blue");
  await expectStates(page, "TIME-WAIT", "LAST-ACK");
  await expect(page.locator("#clock")).toHaveText("150 ms");
  await expect(page.locator("#profile")).toHaveValue("linux");
  await expect(page.locator("header .flash")).toContainText("“color”");
  expect(errors).toEqual([]);
});

/** Base64url of bytes, as the link format writes them. */
const b64 = (bytes) => Buffer.from(bytes).toString("base64url");
const unb64 = (text) => [...Buffer.from(text, "base64url")];

test("200 damaged links each say what is wrong, and the lab opens normally", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = await open(page, "?preset=lost-final-ack");
  await step(page, 3);
  await actOnSomeSegment(page, "Drop");
  const good = (await settledUrl(page)).split("#s=")[1];
  const bytes = unb64(good);
  const bad = [];
  for (let i = 1; i <= 80; i++) bad.push(good.slice(0, 1 + Math.floor(((good.length - 2) * i) / 81)));
  for (let i = 0; i < 40; i++) {
    const at = Math.floor((good.length * i) / 40);
    bad.push(good.slice(0, at) + "*!.~é%"[i % 6] + good.slice(at));
  }
  for (let v = 2; v < 32; v++) bad.push(b64([v, ...bytes.slice(1)]));
  for (let p = 2; p < 22; p++) bad.push(b64([bytes[0], p, ...bytes.slice(2)]));
  for (let t = 0; t < 30; t++) bad.push(b64([1, 0, 8 + t * 8, ...bytes.slice(3)]));
  expect(bad.length).toBe(200);
  for (const [i, text] of bad.entries()) {
    await page.goto(`${LAB}?t=${i}#s=${text}`);
    // A generous wait: 200 page loads in a row from a one-process file server can stall once.
    await expect(page.locator("header .flash"), `link ${i}: ${text}`).toContainText("This link could not be opened", {
      timeout: 15_000,
    });
    await expect(page.locator("#card-A .state")).toBeVisible();
  }
  // The lab works after all that.
  await page.locator("#step").click();
  expect(errors).toEqual([]);
});

test("a reload keeps the work, and a damaged kept session is set aside with a notice", async ({ page }) => {
  const errors = await open(page, "?preset=active-close");
  await step(page, 2);
  await actOnSomeSegment(page, "Drop");
  await step(page);
  await settledUrl(page);
  const before = await snapshot(page);
  await page.reload();
  await expect(page.locator("#card-A .state")).toBeVisible();
  expect(await snapshot(page)).toEqual(before);
  // Opening finwait again without an address continues from storage.
  await page.goto(LAB);
  await expect(page.locator("#clock")).toHaveText(before.clock);
  expect(await snapshot(page)).toEqual(before);
  // A kept session that no longer reads: a notice, and a working lab.
  await page.evaluate(() => localStorage.setItem("finwait.session", "AQ*broken"));
  await page.goto(LAB);
  await expect(page.locator("header .flash")).toContainText("Your last session could not be restored");
  await expectStates(page, "FIN-WAIT-1", "ESTABLISHED");
  expect(await page.evaluate(() => localStorage.getItem("finwait.session"))).not.toBe("AQ*broken");
  expect(errors).toEqual([]);
});

test("a course page on another origin embeds the lab, locked to what the instructor chose", async ({ page }) => {
  const errors = [];
  // The example page asks for the resizer, which only the course build has (a 404 here).
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(HOST);
  const lab = page.frameLocator("#lab");
  await expect(lab.locator("#card-A .state")).toHaveAttribute("data-state", "FIN-WAIT-1");
  // The instructor's locks: only Drop, one scenario.
  await expect(lab.locator("button[data-call]")).toHaveCount(0);
  await expect(lab.locator("#preset")).toHaveCount(0);
  await expect(lab.locator("#profile")).toHaveCount(0);
  await expect(lab.locator(".network-tools")).toHaveCount(0);
  // The student's own move, inside the frame: only Drop is offered.
  await lab.locator('#timeline .seg[aria-label$="in flight"]').first().focus();
  await page.keyboard.press("Enter");
  await expect(lab.locator("#segment-panel").getByRole("button", { name: "Drop", exact: true })).toBeVisible();
  await expect(lab.locator("#segment-panel").getByRole("button", { name: "Duplicate", exact: true })).toHaveCount(0);
  // The standard site has no frame API: the page hears nothing, and the lab is unharmed.
  await page.click("#cmd-step");
  await expect(page.locator("#events li[data-type]")).toHaveCount(0);
  // No embed dialog either (it is in the course build).
  await expect(lab.locator("#open-embed")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the built site runs under a strict Content-Security-Policy", async ({ page }) => {
  await underStrictPolicy(page, LAB);
  const refused = [];
  page.on("console", (m) => /Content Security Policy|Refused to/i.test(m.text()) && refused.push(m.text()));
  const errors = await open(page, "?preset=active-close");
  await step(page, 1);
  await expectStates(page, "FIN-WAIT-1", "CLOSE-WAIT");
  // The crash dialog's button is wired without an inline handler.
  expect(await page.locator("#crash-reset").getAttribute("onclick")).toBeNull();
  expect(refused).toEqual([]);
  expect(errors).toEqual([]);
});

for (const [width, height] of [
  [640, 480],
  [800, 600],
]) {
  test(`an embed at ${width}×${height} shows the diagram and both hosts' states`, async ({ page }) => {
    await page.setViewportSize({ width: width + 40, height: height + 40 });
    await page.setContent(
      `<body style="margin:20px"><iframe id="f" src="${LAB}?preset=lost-final-ack&embed=1&t=150" width="${width}" height="${height}" style="border:0"></iframe></body>`,
    );
    const lab = page.frameLocator("#f");
    await expect(lab.locator("#card-B .state")).toHaveAttribute("data-state", "LAST-ACK");
    const frame = await page.locator("#f").boundingBox();
    const inside = async (locator, what) => {
      const box = await locator.boundingBox();
      expect(box, what).not.toBeNull();
      const ok = box.x >= frame.x - 1 && box.y >= frame.y - 1 && box.x + box.width <= frame.x + frame.width + 1 && box.y + box.height <= frame.y + frame.height + 1;
      expect(ok, `${what} inside the ${width}×${height} frame: ${JSON.stringify(box)}`).toBe(true);
    };
    await inside(lab.locator("#card-A .state"), "A's state");
    await inside(lab.locator("#card-B .state"), "B's state");
    await inside(lab.locator("#caption"), "the caption");
    const svg = await lab.locator("#timeline").boundingBox();
    expect(Math.min(svg.y + svg.height, frame.y + frame.height) - Math.max(svg.y, frame.y), "px of the diagram in the frame").toBeGreaterThan(150);
    await page.locator("#f").screenshot({ path: `artifacts/screenshots/embed-${width}x${height}.png` });
  });
}
