// "Download .pcapng" in the course build's share menu: the file the lab saves is the one
// `finwait run --format pcapng` writes for the same run, byte for byte; with the student's own
// drop in it, Wireshark's dissector (tshark) reads it and marks the retransmission, and every
// packet carries its comment in the reader's language.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { COURSE_LAB, open, selectSegment, segmentAction } from "./helpers.mjs";

const DIR = "artifacts/captures";

/** Downloads the run's capture taken where `where` says (the picker's label); returns its path. */
async function download(page, where, name) {
  await page.locator(".share summary").click();
  await page.locator(".capture-export select").selectOption({ label: where });
  const saved = page.waitForEvent("download");
  await page.locator("#download-capture").click();
  const file = await saved;
  mkdirSync(DIR, { recursive: true });
  const path = `${DIR}/${name}`;
  await file.saveAs(path);
  return { path, suggested: file.suggestedFilename() };
}

/** tshark's view of a capture: one row per packet (its flags, whether tshark calls it a
 *  retransmission, its TCP checksum's status — 1 is good — and its comment). */
function tshark(path) {
  const out = execFileSync(
    "tshark",
    ["-r", path, "-o", "tcp.check_checksum:TRUE", "-T", "fields", "-E", "separator=/t",
      "-e", "tcp.flags.str", "-e", "tcp.analysis.retransmission", "-e", "tcp.checksum.status", "-e", "frame.comment"],
    { encoding: "utf8" },
  );
  return out.trim().split("\n").map((line) => {
    const [flags, retransmission, checksum, comment] = line.split("\t");
    return { flags, retransmission: retransmission !== "", checksum, comment };
  });
}

test("the lab saves the same capture as the command line", async ({ page }) => {
  const errors = await open(page, "?lang=en&preset=lost-final-ack", COURSE_LAB);
  const { path, suggested } = await download(page, "captured at A", "lab-lost-final-ack-at-a.pcapng");
  expect(suggested).toBe("finwait-lost-final-ack-at-a.pcapng");
  execFileSync("cargo", ["build", "-q", "-p", "finwait-cli"], { stdio: "inherit" });
  const cli = execFileSync("target/debug/finwait", ["run", "--preset", "lost-final-ack", "--format", "pcapng", "--at", "a"]);
  expect(Buffer.compare(readFileSync(path), cli)).toBe(0);
  expect(errors).toEqual([]);
});

test("a student's drop is in the capture: tshark marks the retransmission, comments in Korean", async ({ page }) => {
  const errors = await open(page, "?lang=ko&preset=active-close", COURSE_LAB);
  // Drop A's FIN (#1): A sends it again when its retransmission timer fires.
  await selectSegment(page, 1);
  await segmentAction(page, "버리기");
  const { path, suggested } = await download(page, "회선에서 캡처", "lab-active-close-dropped-fin-wire.pcapng");
  expect(suggested).toBe("finwait-active-close-wire.pcapng");
  const rows = tshark(path);
  // On the wire: the handshake, the lost FIN and its retransmission, and the rest of the close.
  expect(rows.filter((r) => r.flags.includes("F")).length).toBeGreaterThanOrEqual(3);
  expect(rows.filter((r) => r.retransmission).length).toBeGreaterThanOrEqual(1);
  expect(rows.every((r) => r.checksum === "1"), JSON.stringify(rows)).toBe(true);
  expect(rows.every((r) => r.comment.length > 0)).toBe(true);
  expect(rows.some((r) => r.comment.includes("A: ESTABLISHED → FIN-WAIT-1 (RFC 9293 §3.10.4: ESTABLISHED에서 close()"))).toBe(true);
  expect(errors).toEqual([]);
});
