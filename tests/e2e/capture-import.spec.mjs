// A capture read into the course build's lab: picked from the share menu or dropped on the
// page, it is drawn read-only in a dialog with the states `finwait import` infers from the same
// file (the kernel's own captures in tests/captures/), and the lab's session is untouched. A
// file that is not a capture, one cut short, and one too large each get their sentence beside
// the file's name, in the reader's language.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { COURSE_LAB, axeViolations, open, expectStates, step } from "./helpers.mjs";

/** What `finwait import` says of `file` seen on the wire: each host's walk and the end. */
function cli(file) {
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  const out = execFileSync("target/debug/finwait", ["import", file, "--at", "wire"], { encoding: "utf8" });
  const start = out.match(/^start: A (\S+), B (\S+)$/m);
  const walk = { A: [start[1]], B: [start[2]] };
  for (const [, host, , to] of out.matchAll(/^(?:\s+|after .+?\s\s)([AB]): (\S+) → (\S+)/gm)) walk[host].push(to);
  const end = out.match(/^end: A (\S+), B (\S+)$/m);
  return { walk, end: `A ${end[1]}, B ${end[2]}` };
}

/** The states the dialog's diagram notes beside each lifeline, in order. */
async function drawnWalk(page) {
  return page.locator("#import-dialog svg text.note-state").evaluateAll((notes) => {
    const walk = { A: [], B: [] };
    // A state reached by a reset is marked ↯ on the diagram.
    for (const n of notes) walk[n.getAttribute("text-anchor") === "end" ? "A" : "B"].push(n.textContent.replace(/ ↯$/, ""));
    return walk;
  });
}

/** Drops a file of `bytes` named `name` on the page, as a file dragged from the desktop. */
async function drop(page, name, bytes) {
  const transfer = await page.evaluateHandle(([name, bytes]) => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(bytes)], name));
    return t;
  }, [name, [...bytes]]);
  await page.dispatchEvent("main.lab", "dragover", { dataTransfer: transfer });
  await page.dispatchEvent("main.lab", "drop", { dataTransfer: transfer });
}

for (const name of ["normal-close", "simultaneous-close", "close-with-unread-data"]) {
  test(`the kernel's ${name} capture, opened from the share menu, shows the states finwait import infers`, async ({ page }) => {
    const errors = await open(page, "?lang=en&preset=active-close", COURSE_LAB);
    await step(page, 1);
    await expectStates(page, "FIN-WAIT-1", "CLOSE-WAIT");
    const file = `tests/captures/${name}.pcapng`;
    const expected = cli(file);
    await page.locator(".share summary").click();
    const chooser = page.waitForEvent("filechooser");
    await page.locator("#open-capture").click();
    await (await chooser).setFiles(file);
    const dialog = page.locator("#import-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.locator("h2")).toHaveText(`Capture: ${name}.pcapng`);
    await expect(dialog.locator(".import-end")).toHaveText(`At the end: ${expected.end}`);
    // The connection has closed: the lab cannot take it over, and says when it could.
    await expect(dialog.locator("#continue-capture")).toHaveCount(0);
    await expect(dialog.locator(".import-continue")).toContainText("ends with the connection open");
    expect(await drawnWalk(page)).toEqual(expected.walk);
    // The file's connection is one: no picker; the hosts are named by their addresses.
    await expect(dialog.getByRole("combobox", { name: "Connection" })).toHaveCount(0);
    await expect(dialog.locator("svg text.host-name").first()).toContainText(/A · 10\.\d+\.\d+\.\d+:\d+/);
    expect(await axeViolations(page)).toEqual([]);
    // The diagram scrolls by keyboard too.
    await dialog.locator(".import-diagram").focus();
    await expect(dialog.locator(".import-diagram")).toBeFocused();
    // Closed with the keyboard, the lab is as it was.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expectStates(page, "FIN-WAIT-1", "CLOSE-WAIT");
    expect(errors).toEqual([]);
  });
}

test("a capture dropped on the lab opens; where it was taken changes the inference", async ({ page }) => {
  const errors = await open(page, "?lang=en&preset=active-close", COURSE_LAB);
  await drop(page, "simultaneous-close.pcapng", readFileSync("tests/captures/simultaneous-close.pcapng"));
  const dialog = page.locator("#import-dialog");
  await expect(dialog).toBeVisible();
  const onWire = await drawnWalk(page);
  await dialog.getByRole("combobox", { name: "Where the capture is taken" }).selectOption({ label: "captured at A" });
  await expect.poll(() => drawnWalk(page)).not.toEqual(onWire);
  // At A, B's FIN reaches A before A's own FIN is acknowledged: a simultaneous close at A.
  expect((await drawnWalk(page)).A).toContain("CLOSING");
  expect(errors).toEqual([]);
});

test("files that are not captures are refused beside their name, in Korean too", async ({ page }) => {
  const errors = await open(page, "?lang=en&preset=active-close", COURSE_LAB);
  const dialog = page.locator("#import-dialog");
  await drop(page, "notes.json", Buffer.from('{"version": 1}'));
  await expect(dialog.locator("h2")).toHaveText("Capture: notes.json");
  await expect(dialog.getByRole("alert")).toHaveText("not a pcap or pcapng file (its first bytes are neither format's)");
  await page.keyboard.press("Escape");
  // Cut short inside a packet: what came before it is read, and the cut is said.
  const whole = readFileSync("tests/captures/normal-close.pcapng");
  await drop(page, "cut.pcapng", whole.subarray(0, whole.length - 30));
  await expect(dialog.locator(".import-body")).toContainText(/ends inside/);
  await page.keyboard.press("Escape");
  // Too large: refused before it is read.
  await page.evaluate(() => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array((32 << 20) + 1)], "huge.pcapng"));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: t, cancelable: true }));
  });
  await expect(dialog.getByRole("alert")).toContainText("the file is 32 MB; captures of up to 32 MB are read");
  await page.keyboard.press("Escape");

  await page.goto(`${COURSE_LAB}?lang=ko&preset=active-close`);
  await drop(page, "notes.json", Buffer.from("hello"));
  await expect(dialog.getByRole("alert")).toHaveText("pcap이나 pcapng 파일이 아닙니다(첫 바이트가 두 형식 어느 것과도 맞지 않음)");
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test("a capture that ends with the connection open continues in the lab, and undo gives the lab back", async ({ page }) => {
  // A sends 40 bytes, B reads them and acknowledges: both ESTABLISHED, nothing in flight.
  mkdirSync("artifacts/captures", { recursive: true });
  const scenario = "artifacts/captures/open-connection.scenario.json";
  writeFileSync(scenario, JSON.stringify({
    version: 1, name: "open-connection", title: "A request, acknowledged", profile: "linux",
    actions: [{ at: 0, do: "send", host: "A", bytes: 40 }, { at: 100, do: "read", host: "B" }],
  }));
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  const file = "artifacts/captures/open-connection.pcapng";
  writeFileSync(file, execFileSync("target/debug/finwait", ["run", scenario, "--format", "pcapng", "--at", "a"]));

  const errors = await open(page, "?lang=en&preset=active-close", COURSE_LAB);
  await drop(page, "open-connection.pcapng", readFileSync(file));
  const dialog = page.locator("#import-dialog");
  await expect(dialog.locator(".import-end")).toHaveText("At the end: A ESTABLISHED, B ESTABLISHED");
  await dialog.locator("#continue-capture").click();
  await expect(dialog).toBeHidden();
  // The lab starts where the capture ended: A's next byte is past the 40 it sent.
  await expectStates(page, "ESTABLISHED", "ESTABLISHED");
  await expect(page.locator("#card-A")).toContainText("1041");
  await expect(page.locator("#card-A input").first()).toHaveValue(/^\d+\.\d+\.\d+\.\d+:\d+$/);
  // Closing it is the student's to do.
  await page.locator("#card-A").getByRole("button", { name: "close()" }).click();
  await step(page, 1);
  await expectStates(page, "FIN-WAIT-1", "CLOSE-WAIT");
  // Undo, back past the close and the capture, gives the lab as it was.
  const undo = page.getByRole("button", { name: "Undo your last action" });
  while (await undo.isEnabled()) await undo.click();
  await expect(page.locator(".preset-info .title")).toContainText("Active close");
  expect(errors).toEqual([]);
});
