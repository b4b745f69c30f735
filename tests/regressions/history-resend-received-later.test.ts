/**
 * Regression (review of 2026-12-07): two history files of one unit and period (a unit's first 2023-H1
 * report and its resend) were chosen between by file name, so renaming a file changed the figures the
 * continuity rules compare with. WORKBOOKS.md §1.7 orders one unit's files of one period by received date
 * (for history: the file's `dcterms:modified`), then its UTC time, Ngày lập, file path, and V-OUTLIER-01
 * speaks of "an effective submission in the history": the one received last is used, as for the period's
 * own files. The files: the frozen sample (modified 2023-06-14) and a resend with another value and a
 * later modified time, named so that it sorts first.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { historyKey, readHistory } from "../../src/core/validate/history";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", "BM_BAO-TGVN_2023-H1.xlsx");

/** The sample with PCTN!D10 (P01) = `p01` and `dcterms:modified` = `modified`. */
function version(p01: number, modified: string): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const core = strFromU8(parts["docProps/core.xml"] ?? new Uint8Array());
  parts["docProps/core.xml"] = strToU8(core.replace(/(<dcterms:modified[^>]*>)[^<]*/u, `$1${modified}`));
  const sheet = strFromU8(parts["xl/worksheets/sheet9.xml"] ?? new Uint8Array());
  parts["xl/worksheets/sheet9.xml"] = strToU8(sheet.replace(/<c r="D10"( s="\d+")?><v>[^<]*<\/v><\/c>/u, (_m, s: string | undefined) => `<c r="D10"${s ?? ""}><v>${p01}</v></c>`));
  return zipSync(parts);
}

describe("history: one unit's files of one period", () => {
  it("the one received last is used, whatever the names", async () => {
    const first = version(7, "2023-06-14T08:11:49Z");
    const resend = version(8, "2023-06-20T02:00:00Z");
    // "a-…" sorts before "z-…": by name the first report (z) was used.
    const read = await readHistory([
      { file: "a-resend.xlsx", bytes: resend },
      { file: "z-first.xlsx", bytes: first },
    ]);
    expect(read.inputs.map((i) => `${i.file}:${i.status}`)).toEqual(["a-resend.xlsx:used", "z-first.xlsx:duplicate"]);
    expect(read.entries).toHaveLength(1);
    expect(read.entries[0]?.values.get(historyKey("PCTN-NB", "P01", 1))).toBe(8);
  });

  it("on the same day, the later time", async () => {
    const morning = version(7, "2023-06-20T01:00:00Z");
    const evening = version(8, "2023-06-20T09:00:00Z");
    const read = await readHistory([
      { file: "a-evening.xlsx", bytes: evening },
      { file: "b-morning.xlsx", bytes: morning },
    ]);
    expect(read.inputs.map((i) => i.status)).toEqual(["used", "duplicate"]);
  });
});
