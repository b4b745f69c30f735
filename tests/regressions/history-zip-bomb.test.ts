/**
 * Regression: a zip bomb given as --history was inflated in full by exceljs (2.5 GiB: 13 s and 2.9 GB)
 * before being ignored, because history files skipped the size and format checks of other inputs.
 * History goes through the same checks now: the bomb is refused by its declared expanded size
 * (V-FILE-02, 200 MB, WORKBOOKS/FORMS) and listed as unreadable (CLI.md `history`).
 * Fixture: fixtures/history-zip-bomb.xlsx, made by fixtures/make-history-zip-bomb.mjs (300 MB of spaces
 * in one worksheet part, about 300 KB compressed). A second fixture made by the same script,
 * history-lying-zip.xlsx, declares its 300 MB part as 1 KB in a part the reader never opens: tried as a
 * report workbook, it must not be inflated either (exceljs would inflate it whole).
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { REPO, tempDir } from "../helpers/cli";

const BOMB = path.join(__dirname, "fixtures", "history-zip-bomb.xlsx");
const LYING = path.join(__dirname, "fixtures", "history-lying-zip.xlsx");
const CURRENT = path.join(__dirname, "..", "fixtures", "submissions", "more", "cases", "history-current.xlsx");

/** Run the installed binary under GNU time: exit code, wall seconds and peak resident memory (MB). */
function timedRun(argv: readonly string[]): Promise<{ code: number; seconds: number; peakMB: number; stdout: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    execFile("/usr/bin/time", ["-f", "PEAK_KB=%M", process.execPath, path.join(REPO, "bin", "tonghop.cjs"), ...argv], { cwd: REPO }, (error, stdout, stderr) => {
      const kb = Number(/PEAK_KB=(\d+)/u.exec(stderr)?.[1] ?? NaN);
      const code = error && typeof error.code === "number" ? error.code : error ? -1 : 0;
      resolve({ code, seconds: (Date.now() - started) / 1000, peakMB: kb / 1024, stdout });
    });
  });
}

describe("a zip bomb given as history", () => {
  it("is a real bomb: under 1 MB on disk, one part declared at 300 MB", async () => {
    const bytes = new Uint8Array(await readFile(BOMB));
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const declared: number[] = [];
    unzipSync(bytes, {
      filter: (f) => {
        declared.push(f.originalSize);
        return false; // list only: nothing is inflated here
      },
    });
    expect(Math.max(...declared)).toBeGreaterThanOrEqual(300 * 1024 * 1024);
  });

  it("is listed as unreadable, quickly and without inflating it", async () => {
    const dir = await tempDir();
    const json = path.join(dir, "r.json");
    const r = await timedRun(["validate", CURRENT, "--period", "2023-H1", "--history", BOMB, "--json", json, "--lang", "en"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(await readFile(json, "utf8")) as { history: Array<{ file: string; status: string }> };
    expect(out.history).toEqual([expect.objectContaining({ file: "history-zip-bomb.xlsx", status: "unreadable" })]);
    expect(r.stdout).toMatch(/Not used: history-zip-bomb\.xlsx \(unreadable\): .*too large/u);
    // Inflating the part alone would take 300 MB; a run of one small file stays near Node's own size.
    expect(r.peakMB).toBeLessThan(250);
    expect(r.seconds).toBeLessThan(20);
  });

  it("with sizes that lie, is listed without being inflated", async () => {
    const dir = await tempDir();
    const json = path.join(dir, "r.json");
    const r = await timedRun(["validate", CURRENT, "--period", "2023-H1", "--history", LYING, "--json", json, "--lang", "en"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(await readFile(json, "utf8")) as { history: Array<{ file: string; status: string }> };
    expect(out.history).toEqual([expect.objectContaining({ file: "history-lying-zip.xlsx", status: "not-a-submission" })]);
    expect(r.peakMB).toBeLessThan(250);
    expect(r.seconds).toBeLessThan(20);
  });
});
