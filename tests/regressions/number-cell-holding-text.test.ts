/**
 * Regression (review of 2026-12-07): a number cell (no `t`) whose stored value is not a number, as an
 * exporter in a Vietnamese locale writes it (`<v>12,5</v>`), or a hostile file: the reader took
 * parseFloat's leading digits, silently, into the totals: "12,5" was 12, "1.234.567" was 1.234 (V-INT-01
 * then quoted a value not in the file), "12abc" was 12, "0x10" was 0. WORKBOOKS.md §1.5 and the brief: read
 * it, or say why not, with the sheet and cell. Such a text is now read as the text it is, by §1.5's grammar
 * for numbers typed as text. The file: the frozen sample, PCTN's values edited in its XML.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

/** The sample with PCTN's (sheet9) cells given these stored values, `t` left out (a number cell). */
async function withStored(values: Record<string, string>): Promise<{ cells: Record<string, unknown>; findings: string[] }> {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  let xml = strFromU8(parts["xl/worksheets/sheet9.xml"] ?? new Uint8Array());
  for (const [ref, v] of Object.entries(values)) {
    const before = xml;
    xml = xml.replace(new RegExp(`<c r="${ref}"( s="\\d+")?><v>[^<]*</v></c>`, "u"), (_m, s: string | undefined) => `<c r="${ref}"${s ?? ""}><v>${v}</v></c>`);
    expect(xml, ref).not.toBe(before);
  }
  parts["xl/worksheets/sheet9.xml"] = strToU8(xml);
  const outcome = await readSubmission(zipSync(parts), FILE);
  if (outcome.kind !== "submission") throw new Error(outcome.kind);
  const pctn = outcome.submission.forms.find((f) => f.form.code === "PCTN-NB");
  const cells: Record<string, unknown> = {};
  for (const row of ["P03", "P04", "P16", "P17", "P06"]) cells[row] = pctn?.cells.get(row)?.get(1)?.value;
  const findings = outcome.submission.findings.filter((f) => f.sheet === "PCTN").map((f) => `${f.rule}@${f.cell ?? ""}`);
  return { cells, findings };
}

describe("a number cell holding a text", () => {
  it("Vietnamese decimals and thousands are read by the text grammar, and said (never their leading digits)", async () => {
    const got = await withStored({ D29: "12,5", D30: "7,25", D13: "1.234.567" });
    expect(got.cells).toMatchObject({ P16: 12.5, P17: 7.25, P04: 1234567 });
    expect(got.findings).toEqual(expect.arrayContaining(["V-TYPE-03@D29", "V-TYPE-03@D30", "V-TYPE-03@D13"]));
    expect(got.findings.some((f) => f.startsWith("V-INT-01"))).toBe(false);
  });

  it("a text that is no number is V-TYPE-01 at its cell, not counted", async () => {
    const got = await withStored({ D12: "12abc", D16: "0x10" });
    expect(got.findings).toEqual(expect.arrayContaining(["V-TYPE-01@D12", "V-TYPE-01@D16"]));
    expect(got.cells.P03).not.toBe(12);
    expect(got.cells.P06).not.toBe(16);
  });

  it("a stored number in any of SpreadsheetML's forms is the number, with no finding", async () => {
    const got = await withStored({ D12: "1.2E1", D13: " 7 ", D29: ".5" });
    expect(got.cells).toMatchObject({ P03: 12, P04: 7, P16: 0.5 });
    expect(got.findings.filter((f) => /@D1[23]$|@D29$/u.test(f))).toEqual([]);
  });

  it("a stored text of 200,000 spaces and a letter is read in linear time (a pattern with two space runs took 12 s at 100,000)", async () => {
    const started = performance.now();
    const got = await withStored({ D12: `${" ".repeat(200_000)}x` });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(got.findings).toContain("V-TYPE-01@D12");
  });
});
