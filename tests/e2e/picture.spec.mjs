// "Picture of the diagram" in the course build's share menu: the SVG is a file that stands on
// its own (well-formed XML, no stylesheet) and, opened in Chromium, draws the same picture as
// the page; the PNG is that picture at twice its size; "what is in view" is the part on the
// screen; under a policy that forbids drawing it the PNG says so and the SVG still works.
import { test, expect } from "@playwright/test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { COURSE_LAB, axeViolations, open, runToEnd, underStrictPolicy } from "./helpers.mjs";

const DIR = "artifacts/pictures";

/** Downloads the picture (`format` "SVG" or "PNG", of `part`); returns its bytes and name. */
async function download(page, format, name, part = "the whole run") {
  const share = page.locator(".share");
  if ((await share.getAttribute("open")) === null) await share.locator("summary").click();
  await page.locator(".picture-export select").selectOption({ label: part });
  const saved = page.waitForEvent("download");
  await page.locator(`#download-${format.toLowerCase()}`).click();
  const file = await saved;
  mkdirSync(DIR, { recursive: true });
  const path = `${DIR}/${name}`;
  await file.saveAs(path);
  return { bytes: readFileSync(path), suggested: file.suggestedFilename() };
}

/** What Chromium's XML parser makes of `text`: the root's name, its size, how many lines and
 *  texts it draws, whether it needs a stylesheet, and the parser's error if any. */
async function readSvg(page, text) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const error = doc.querySelector("parsererror");
    const root = doc.documentElement;
    return {
      error: error ? error.textContent : null,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
      polylines: doc.querySelectorAll("polyline").length,
      texts: [...doc.querySelectorAll("text")].map((t) => t.textContent),
      classes: doc.querySelectorAll("[class]").length,
      styleSheets: doc.querySelectorAll("style, link").length,
      // A picture of a part shows it through a nested <svg>: the heights it shows.
      part: [...doc.querySelectorAll("svg svg")].map((s) => s.getAttribute("viewBox").split(" ").map(Number)),
    };
  }, text);
}

/** The share of pixels, right of `left`, that one of two PNG screenshots of the same size
 *  has and the other has nowhere within a pixel (no channel more than 48 apart): a mark that
 *  is missing, added, moved or recoloured counts; text drawn a pixel higher (browsers place
 *  glyphs on the pixel grid a little differently in a page and in an image) does not. */
async function differingShare(page, a, b, left) {
  return page.evaluate(async ([a, b, left]) => {
    const pixels = async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height);
    };
    const [p, q] = [await pixels(a), await pixels(b)];
    if (p.width !== q.width || p.height !== q.height) return `sizes ${p.width}×${p.height} and ${q.width}×${q.height}`;
    const { width, height } = p;
    const near = (x, y, from, to) => {
      const i = (y * width + x) * 4;
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const [u, v] = [x + dx, y + dy];
          if (u < 0 || v < 0 || u >= width || v >= height) continue;
          const j = (v * width + u) * 4;
          if ([0, 1, 2].every((c) => Math.abs(from.data[i + c] - to.data[j + c]) <= 48)) return true;
        }
      }
      return false;
    };
    let differ = 0;
    for (let y = 0; y < height; y += 1) {
      for (let x = left; x < width; x += 1) {
        if (!near(x, y, p, q) || !near(x, y, q, p)) differ += 1;
      }
    }
    return differ / ((width - left) * height);
  }, [a.toString("base64"), b.toString("base64"), left]);
}

test("the SVG stands on its own and draws what the page draws", async ({ page, browser }) => {
  // Tall enough for the whole diagram to be on the screen, to compare with.
  await page.setViewportSize({ width: 1440, height: 1200 });
  const errors = await open(page, "?lang=en&preset=lost-final-ack", COURSE_LAB);
  await runToEnd(page);
  const { bytes, suggested } = await download(page, "SVG", "lost-final-ack.svg");
  expect(suggested).toBe("finwait-lost-final-ack-diagram.svg");
  const text = bytes.toString("utf8");
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const svg = await readSvg(page, text);
  expect(svg.error).toBeNull();
  expect([svg.root, svg.ns]).toEqual(["svg", "http://www.w3.org/2000/svg"]);
  // Every segment's line, and nothing that needs the page: no classes, no stylesheet.
  expect(svg.polylines).toBe(await page.locator("#timeline .seg polyline.line").count());
  expect(svg.classes).toBe(0);
  expect(svg.styleSheets).toBe(0);
  // The host names, the states, the labels and the legend are all there.
  for (const word of ["A · client", "B · server", "TIME-WAIT", "LAST-ACK", "lost", "#6"]) {
    expect(svg.texts.some((t) => t.includes(word)), word).toBe(true);
  }

  // The same picture: the page's diagram (without its time cursor, which a picture has none
  // of) against the file drawn by Chromium at the page's scale, over the diagram's height.
  await page.locator(".share summary").click();
  await page.mouse.move(0, 0);
  await page.addStyleTag({ content: "#timeline .cursor { display: none }" });
  const onPage = page.locator("#timeline");
  const box = await onPage.boundingBox();
  const scroller = await page.locator(".timeline-scroll").evaluate((el) => [el.scrollHeight, el.clientHeight]);
  expect(scroller[0], "the whole diagram is in view").toBeLessThanOrEqual(scroller[1]);
  const pageShot = await onPage.screenshot();
  // The element's screenshot starts at whole pixels: the file is put at the same fraction of
  // a pixel, so that both are drawn on the same pixel grid.
  const [width, height] = [pageShot.readUInt32BE(16), pageShot.readUInt32BE(20)];
  const [dx, dy] = [box.x - Math.floor(box.x), box.y - Math.floor(box.y)];
  const viewer = await browser.newPage({ viewport: { width: width + 20, height: 1400 } });
  await viewer.setContent(
    `<body style="margin:0"><img id="p" style="display:block;position:absolute;left:${dx}px;top:${dy}px;width:${box.width}px" src="data:image/svg+xml;base64,${bytes.toString("base64")}"></body>`,
  );
  await viewer.locator("#p").evaluate((img) => img.decode());
  const fileShot = await viewer.screenshot({ clip: { x: 0, y: 0, width, height } });
  mkdirSync(DIR, { recursive: true });
  await viewer.screenshot({ path: `${DIR}/lost-final-ack-svg-in-chromium.png`, fullPage: true });
  writeFileSync(`${DIR}/lost-final-ack-page.png`, pageShot);
  writeFileSync(`${DIR}/lost-final-ack-file.png`, fileShot);
  // The time gutter is left out: the page hides the tick beside its cursor, the picture has
  // every tick. The rest may differ only where a glyph's edge falls.
  const gutter = await page.locator("#timeline .gutter-hit").boundingBox();
  const share = await differingShare(viewer, pageShot, fileShot, Math.ceil(gutter.width));
  expect(typeof share, String(share)).toBe("number");
  expect(share, `share of pixels that differ: ${share}`).toBeLessThan(0.002);
  await viewer.close();
  expect(errors).toEqual([]);
});

test("the PNG is the picture at twice its size", async ({ page }) => {
  const errors = await open(page, "?lang=en&preset=simultaneous-close", COURSE_LAB);
  await runToEnd(page);
  const svg = await readSvg(page, (await download(page, "SVG", "simultaneous-close.svg")).bytes.toString("utf8"));
  const { bytes, suggested } = await download(page, "PNG", "simultaneous-close.png");
  expect(suggested).toBe("finwait-simultaneous-close-diagram.png");
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, after the signature and the chunk's length and type.
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([svg.width * 2, svg.height * 2]);
  expect(errors).toEqual([]);
});

test("what is in view is the part on the screen, in Korean, by keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await open(page, "?lang=ko&preset=lost-final-ack", COURSE_LAB);
  await runToEnd(page);
  const whole = await readSvg(page, (await download(page, "SVG", "whole-ko.svg", "실행 전체")).bytes.toString("utf8"));
  // The screen shows part of the diagram: scroll to its middle.
  const [scrollHeight, clientHeight] = await page.locator(".timeline-scroll").evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    return [el.scrollHeight, el.clientHeight];
  });
  expect(scrollHeight, "the diagram is taller than its box at 1280×720").toBeGreaterThan(clientHeight);
  // By keyboard: the part, then the button.
  await page.locator(".picture-export select").focus();
  await page.locator(".picture-export select").selectOption({ label: "지금 보이는 부분" });
  const saved = page.waitForEvent("download");
  await page.keyboard.press("Tab");
  await expect(page.locator("#download-svg")).toBeFocused();
  await page.keyboard.press("Enter");
  mkdirSync(DIR, { recursive: true });
  await (await saved).saveAs(`${DIR}/in-view-ko.svg`);
  const part = await readSvg(page, readFileSync(`${DIR}/in-view-ko.svg`, "utf8"));
  expect(part.error).toBeNull();
  expect(part.width).toBe(whole.width);
  expect(part.height).toBeLessThan(whole.height);
  // The part is the screen's: below the diagram's top, and about as tall as the box (whose
  // pixels are a little larger than the diagram's units).
  expect(whole.part).toEqual([]);
  expect(part.part.length).toBe(1);
  const [, top, , tall] = part.part[0];
  expect(top).toBeGreaterThan(30);
  expect(tall).toBeGreaterThan(clientHeight * 0.8);
  expect(tall).toBeLessThan(clientHeight * 1.2);
  // The header and the Korean legend are still there.
  for (const word of ["A · 클라이언트", "B · 서버", "손실", "TIME-WAIT"]) {
    expect(part.texts.some((t) => t.includes(word)), word).toBe(true);
  }
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test("under a policy that forbids drawing images, the PNG says why and the SVG still saves", async ({ page }) => {
  await underStrictPolicy(page, COURSE_LAB);
  await open(page, "?lang=en&preset=active-close", COURSE_LAB);
  await page.locator(".share summary").click();
  await page.locator("#download-png").click();
  await expect(page.locator(".picture-export .status")).toContainText("security policy");
  // The lab is unharmed, and the SVG needs nothing the policy forbids.
  await expect(page.locator("#download-png")).toBeVisible();
  const { bytes } = await download(page, "SVG", "active-close-under-policy.svg");
  expect((await readSvg(page, bytes.toString("utf8"))).error).toBeNull();
});
