/**
 * Regression (review of 2026-12-07): a `t="d"` cell holds an ISO 8601 date (Excel's Strict Open XML,
 * openpyxl's `iso_dates` and other writers give dates so). The reader read it as exceljs did,
 * parseFloat("2023-06-15"): the number 2023. So a date typed in a data cell was counted as 2023 with no
 * V-TYPE-02; ThongTin's Từ ngày / Đến ngày / Ngày lập became days of 1905 (false V-PERIOD-03, and a late
 * file on time); "Kỳ báo cáo" as a date became 2023-Y (V-PERIOD-02) instead of V-PERIOD-01. A `t="d"` cell
 * is a date now (WORKBOOKS.md §1.5, PERIODS.md §7–§9). Each case is one of the frozen sample files with
 * cells rewritten as `t="d"` in its XML. The same review met a second quirk on the way: a text that looks
 * like an ISO date but names no day ("2023-02-30"), typed in a numeric cell, made the whole file
 * unreadable (V-FILE-01): the finding's message tried to show it as a date.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import { DEFAULT_ROSTER } from "../../src/core/roster";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

/** The sample with `edits` made to the XML of its parts; `part` → [find, replace]. */
function edited(edits: Record<string, Array<[RegExp, string]>>): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  for (const [part, list] of Object.entries(edits)) {
    let xml = strFromU8(parts[part] ?? new Uint8Array());
    for (const [find, replace] of list) {
      expect(find.test(xml), `${part}: ${String(find)}`).toBe(true);
      xml = xml.replace(find, replace);
    }
    parts[part] = strToU8(xml);
  }
  return zipSync(parts);
}

/** The cell `ref` of ThongTin (sheet1) written as an ISO date, its style kept. */
const isoCell = (ref: string, iso: string): [RegExp, string] => [new RegExp(`<c r="${ref}" s="(\\d+)"[^>]*?(?:/>|>.*?</c>)`, "u"), `<c r="${ref}" s="$1" t="d"><v>${iso}</v></c>`];

/** PCTN's (sheet9's) first number cell: the whole element, its reference and its style. */
function firstNumberCell(): RegExpExecArray {
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(SAMPLE)))["xl/worksheets/sheet9.xml"] ?? new Uint8Array());
  const cell = /<c r="([C-Z]\d+)" s="(\d+)"><v>[1-9]\d*<\/v><\/c>/u.exec(xml);
  if (!cell) throw new Error("no number cell");
  return cell;
}

async function check(bytes: Uint8Array): Promise<{ status: string; findings: string[] }> {
  const { run } = await runPipeline({ inputs: [{ id: FILE, file: FILE, bytes }], period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, aggregate: false });
  return { status: run.inputs[0]?.status ?? "", findings: run.findings.map((f) => `${f.rule} ${f.sheet ?? ""}!${f.cell ?? ""}`) };
}

describe("t=\"d\" cells are dates", () => {
  it("the sample as it is: accepted, no period or type finding (the premise)", async () => {
    const r = await check(new Uint8Array(readFileSync(SAMPLE)));
    expect(r.status).toBe("accepted");
    expect(r.findings.filter((f) => /V-PERIOD-0[1-5]|V-TYPE-02/u.test(f))).toEqual([]);
  });

  it("a date in a data cell is V-TYPE-02 and not counted", async () => {
    // PCTN is sheet9 (this unit's only filled form): its first filled value becomes the date 2023-06-15.
    const cell = firstNumberCell();
    const r = await check(edited({ "xl/worksheets/sheet9.xml": [[new RegExp(cell[0], "u"), `<c r="${cell[1]}" s="${cell[2]}" t="d"><v>2023-06-15</v></c>`]] }));
    expect(r.findings).toContain(`V-TYPE-02 PCTN!${cell[1]}`);
    expect(r.status).toBe("rejected");
  });

  it("ThongTin's dates as ISO cells: the same window, and Ngày lập (the received date, no properties date) makes it late", async () => {
    const r = await check(
      edited({
        "xl/worksheets/sheet1.xml": [isoCell("B6", "2022-12-15T00:00:00"), isoCell("B7", "2023-06-14"), isoCell("B10", "2023-06-20T00:00:00Z")],
        "docProps/core.xml": [[/<dcterms:modified[^>]*>[^<]*<\/dcterms:modified>/u, ""]],
      }),
    );
    expect(r.findings.filter((f) => f.startsWith("V-PERIOD-03"))).toEqual([]);
    expect(r.findings.some((f) => f.startsWith("V-PERIOD-05"))).toBe(true);
  });

  it("Kỳ báo cáo as a date is V-PERIOD-01, not another period", async () => {
    const r = await check(edited({ "xl/worksheets/sheet1.xml": [isoCell("B5", "2023-06-01")] }));
    expect(r.findings).toContain("V-PERIOD-01 ThongTin!B5");
    expect(r.findings.some((f) => f.startsWith("V-PERIOD-02"))).toBe(false);
  });

  it("a t=\"d\" cell that is no date reads as its text (V-TYPE-01 in a numeric cell)", async () => {
    const cell = firstNumberCell();
    const r = await check(edited({ "xl/worksheets/sheet9.xml": [[new RegExp(cell[0], "u"), `<c r="${cell[1]}" s="${cell[2]}" t="d"><v>2023-02-30</v></c>`]] }));
    expect(r.findings).toContain(`V-TYPE-01 PCTN!${cell[1]}`);
  });

  it("a text \"2023-02-30\" typed in a numeric cell is V-TYPE-01 shown as typed, not an unreadable file", async () => {
    const cell = firstNumberCell();
    const r = await check(edited({ "xl/worksheets/sheet9.xml": [[new RegExp(cell[0], "u"), `<c r="${cell[1]}" s="${cell[2]}" t="inlineStr"><is><t>2023-02-30</t></is></c>`]] }));
    expect(r.findings).toContain(`V-TYPE-01 PCTN!${cell[1]}`);
    expect(r.findings.some((f) => f.startsWith("V-FILE-01"))).toBe(false);
  });
});
