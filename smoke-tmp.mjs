import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const errors = []; page.on("pageerror", e => errors.push(e.message)); page.on("console", m => m.type() === "error" && errors.push(m.text()));
await page.goto(process.argv[2]); await page.waitForSelector("#timeline", { timeout: 10000 });
console.log("A", await page.locator("#card-A .state").getAttribute("data-state"), "errors", errors);
await browser.close();
