/**
 * What a mutation-testing campaign on the reader (2026-12-08: small changes to src/core/read/ and the
 * reading rules of src/core/validate/) showed unpinned: behaviour WORKBOOKS.md §1 and FORMS.md §6 state,
 * each test failing on the change it was written for. Every workbook is laid out by hand here with exceljs
 * (an independent writer), so each case holds exactly the one layout decision it is about; the expected
 * values, cells and findings are read off the spec and the layout below, never off the reader.
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { Finding } from "../src/core/findings";
import { parsePeriod } from "../src/core/periods";
import { readSubmission } from "../src/core/read/reader";
import { WIDE_ROW, type FormRead, type Submission } from "../src/core/read/submission";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { validateSubmission } from "../src/core/validate/validate";

/** PERIODS.md: 9 tháng 2023, window 15/12/2022 – 14/09/2023; KH-TH's year-to-date line 01/01/2023 – 14/09/2023. */
const PERIOD = parsePeriod("2023-9M");
const FILE = "BM_VU-CAU-AU_2023-9M.xlsx";
const WINDOW_LINE = "Số liệu tính từ ngày 15/12/2022 đến ngày 14/09/2023";
const YTD_LINE = "Số liệu lũy kế từ ngày 01/01/2023 đến ngày 14/09/2023";

type Cells = Readonly<Record<string, ExcelJS.CellValue>>;

interface SheetSpec {
  readonly name: string;
  readonly cells: Cells;
  readonly state?: "visible" | "hidden" | "veryHidden";
}

/** A workbook of the given sheets, in that order. */
async function xlsx(sheets: readonly SheetSpec[], date1904 = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? "visible" });
    for (const [address, value] of Object.entries(s.cells)) ws.getCell(address).value = value;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** WORKBOOKS.md §1.2: ThongTin's labels in A3:A11, values in B3:B11 (the unit and period of this file). */
const THONG_TIN: Cells = {
  A1: "THÔNG TIN CHUNG VỀ BÁO CÁO",
  A3: "Mã đơn vị",
  B3: "VU-CAU-AU",
  A4: "Tên đơn vị",
  B4: "Vụ Châu Âu",
  A5: "Kỳ báo cáo",
  B5: "2023-9M",
  A6: "Từ ngày",
  B6: "15/12/2022",
  A7: "Đến ngày",
  B7: "14/09/2023",
  A11: "Phiên bản biểu mẫu",
  B11: "TT01_2024-v1",
};

const thongTin = (over: Cells = {}, name = "ThongTin"): SheetSpec => ({ name, cells: { ...THONG_TIN, ...over } });

/** Column letter of sheet column n (1-based, n ≤ 26). */
const letter = (n: number): string => String.fromCharCode(64 + n);

/**
 * A WIDE 01/TTr sheet (FORMS.md §4.1): label, window line, code row `MS | 1=2+3=4+5 | 2 | … | 18` in column A
 * onwards (so form column n is sheet column n + 1), the unit's data row right under it, the notes line two rows
 * below. `values`: form column → cell value of the data row.
 */
function ttr(o: { labelRow?: number; label?: string; codeRow?: number; values?: Readonly<Record<number, ExcelJS.CellValue>>; unit?: string | null; extra?: Cells; notes?: string } = {}): Cells {
  const labelRow = o.labelRow ?? 3;
  const codeRow = o.codeRow ?? 10;
  const cells: Record<string, ExcelJS.CellValue> = { [`A${labelRow}`]: o.label ?? "Biểu số: 01/TTr", [`A${labelRow + 2}`]: WINDOW_LINE, [`A${codeRow}`]: "MS" };
  const code: Record<number, string> = { 1: "1=2+3=4+5", 8: "8=10+12", 9: "9=11+13" };
  for (let no = 1; no <= 18; no++) cells[`${letter(no + 1)}${codeRow}`] = code[no] ?? String(no);
  if (o.unit !== null) cells[`A${codeRow + 1}`] = o.unit ?? "Vụ Châu Âu";
  for (const [no, v] of Object.entries(o.values ?? {})) cells[`${letter(Number(no) + 1)}${codeRow + 1}`] = v;
  cells[`A${codeRow + 3}`] = o.notes ?? "19. Ghi chú:";
  return { ...cells, ...o.extra };
}

/** A ROWS PCTN-NB sheet (FORMS.md §5): code row `A | B | C | 1 | 2` on row 8, the given rows from row 9. */
function pctn(rows: ReadonlyArray<readonly [string, ExcelJS.CellValue?]>, o: { codeRow?: Cells } = {}): Cells {
  const cells: Record<string, ExcelJS.CellValue> = { A3: "Biểu số: PCTN-NB", A5: WINDOW_LINE, A8: "A", B8: "B", C8: "C", D8: "1", E8: "2", ...o.codeRow };
  rows.forEach(([code, value], i) => {
    cells[`A${9 + i}`] = code;
    cells[`B${9 + i}`] = "chỉ tiêu";
    if (value !== undefined) cells[`D${9 + i}`] = value;
  });
  return cells;
}

/** A ROWS KH-TH sheet (FORMS.md §3): code row `A | B | 1 | … | 11` on row 9, the given rows (code, column 1) from row 10. */
function khth(rows: ReadonlyArray<readonly [string, number?]>, windowLine = YTD_LINE): Cells {
  const cells: Record<string, ExcelJS.CellValue> = { A3: "Biểu số: KH-TH", A5: windowLine, A9: "A", B9: "B" };
  for (let no = 1; no <= 11; no++) cells[`${letter(no + 2)}9`] = String(no);
  rows.forEach(([code, value], i) => {
    cells[`A${10 + i}`] = code;
    cells[`B${10 + i}`] = "loại hoạt động";
    if (value !== undefined) cells[`C${10 + i}`] = value;
  });
  return cells;
}

async function read(bytes: Uint8Array): Promise<Submission> {
  const outcome = await readSubmission(bytes, FILE);
  if (outcome.kind !== "submission") throw new Error(`read as ${outcome.kind}`);
  return outcome.submission;
}

/** Every finding of the file: the reader's and validation's (FORMS.md §6). */
async function findingsOf(bytes: Uint8Array): Promise<Finding[]> {
  return validateSubmission(await read(bytes), { roster: DEFAULT_ROSTER, period: PERIOD, options: {} });
}

/** `sheet!cell` of each finding of `rule`. */
function where(findings: readonly Finding[], rule: string): string[] {
  return findings.filter((f) => f.rule === rule).map((f) => `${f.sheet ?? ""}!${f.cell ?? ""}`);
}

function form(sub: Submission, code: string): FormRead {
  const f = sub.forms.find((x) => x.form.code === code);
  if (!f) throw new Error(`form ${code} not read`);
  return f;
}

/** The data row's cell of column `no` of a WIDE form. */
const wide = (sub: Submission, code: string, no: number) => form(sub, code).cells.get(WIDE_ROW)?.get(no);

describe("WORKBOOKS.md §1.2: ThongTin is found by its label texts", () => {
  it('"Thông tin" is the ThongTin sheet, though an earlier sheet has a "Mã đơn vị" label', async () => {
    // §1.2: "The sheet is the one named ThongTin (compared with diacritics folded, spaces and case ignored, so
    // "Thông tin" matches). Otherwise it is the first sheet, in workbook order, that has a "Mã đơn vị" label."
    const sub = await read(await xlsx([{ name: "DanhMuc", cells: { A1: "Mã đơn vị", B1: "VU-KHAC" } }, thongTin({}, "Thông tin")]));
    expect(sub.thongTin.sheet).toBe("Thông tin");
    expect(sub.unit).toBe("VU-CAU-AU");
  });

  it("the value is the first non-empty cell to the right, at most 5 columns away", async () => {
    // §1.2: "at most 5 columns away": A3's value in F3 (5 away) is read; A5's in G5 (6 away) is not.
    const sub = await read(await xlsx([thongTin({ B3: null, F3: "VU-CAU-AU", B5: null, G5: "2023-9M" })]));
    expect(sub.thongTin.fields["Mã đơn vị"]).toMatchObject({ cell: "F3", text: "VU-CAU-AU" });
    expect(sub.thongTin.fields["Kỳ báo cáo"]?.text).toBe("");
  });

  it("a bare number under Từ ngày is a serial of the workbook's own date system (1904 here)", async () => {
    // §1.2 "Từ ngày: date"; the file's date system decides (§1 "dates in both date systems"). 15/12/2022 is
    // serial 44910 in the 1900 system and 44910 − 1462 = 43448 in the 1904 system (by hand: days since 1904-01-01).
    const bytes = await xlsx([thongTin({ B6: 43448 })], true);
    expect((await read(bytes)).thongTin.fields["Từ ngày"]?.date).toBe("2022-12-15");
    expect(where(await findingsOf(bytes), "V-PERIOD-03")).toEqual([]);
  });

  it('date1904="true" (xsd:boolean, as some writers spell it) is the 1904 system as "1" is', async () => {
    // §1: "dates in both date systems"; the same 1904 serial 43448 as above, the flag written "true".
    const parts = unzipSync(await xlsx([thongTin({ B6: 43448 })], true));
    const xml = strFromU8(parts["xl/workbook.xml"] ?? new Uint8Array());
    expect(xml).toMatch(/date1904="1"/u);
    parts["xl/workbook.xml"] = strToU8(xml.replace(/date1904="1"/u, 'date1904="true"'));
    expect((await read(zipSync(parts))).thongTin.fields["Từ ngày"]?.date).toBe("2022-12-15");
  });

  it("a Từ ngày that is no date at all differs from the window: V-PERIOD-03 at its cell", async () => {
    // FORMS.md §6.2 V-PERIOD-03: "Từ ngày / Đến ngày differ from the window"; §6.1: at the value's cell.
    const findings = await findingsOf(await xlsx([thongTin({ B6: "không rõ" })]));
    expect(findings.filter((f) => f.rule === "V-PERIOD-03").map((f) => [f.cell, f.value])).toEqual([["B6", "không rõ"]]);
  });
});

describe("WORKBOOKS.md §1.4 step 1: the form by its Biểu số label", () => {
  it("a full-width colon after Biểu số is the label (no V-LAYOUT-05)", async () => {
    // §1.4: the label pattern is ^\s*Bi(ể|e)u\s*s(ố|o)\s*[:：]?\s*(\S+).
    const bytes = await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ label: "Biểu số：01/TTr", values: { 1: 4, 2: 1, 3: 3, 4: 4 } }) }]);
    const sub = await read(bytes);
    expect(wide(sub, "01/TTr", 1)?.value).toBe(4);
    expect(where(sub.findings, "V-LAYOUT-05")).toEqual([]);
  });

  it('the code is cut at "(": "01/TTr(TT01/2024)" is 01/TTr by its label', async () => {
    // §1.4: "The captured code, cut at "(" and normalised as in FORMS.md §2, identifies the form."
    const sub = await read(await xlsx([thongTin(), { name: "Sheet1", cells: ttr({ label: "Biểu số: 01/TTr(TT01/2024)", values: { 1: 4 } }) }]));
    expect(form(sub, "01/TTr").sheet).toBe("Sheet1");
    expect(where(sub.findings, "V-LAYOUT-05")).toEqual([]);
  });

  it("a label on row 20 is still the label (rows 1–20 are scanned)", async () => {
    // §1.4: "scan rows 1–20 for a cell matching …". Label on row 20, code row on row 27.
    const sub = await read(await xlsx([thongTin(), { name: "Sheet1", cells: ttr({ labelRow: 20, codeRow: 27, values: { 1: 4 } }) }]));
    expect(wide(sub, "01/TTr", 1)).toMatchObject({ value: 4, cell: "B28" });
    expect(where(sub.findings, "V-LAYOUT-05")).toEqual([]);
  });

  it("a sheet without label or code identities is recognised by its title on row 15 (V-LAYOUT-05, by title)", async () => {
    // §1.4: "then by title (a cell in rows 1–20 whose text … equals the catalogue title …)"; FORMS.md §2: the
    // 01/TTr title; V-LAYOUT-05's {detail} "tiêu đề" / "title". The code row here has plain numbers only.
    const cells: Record<string, ExcelJS.CellValue> = { A15: "TỔNG HỢP KẾT QUẢ THANH TRA HÀNH CHÍNH", A20: "MS", A21: "Vụ Châu Âu", B21: 4 };
    for (let no = 1; no <= 18; no++) cells[`${letter(no + 1)}20`] = no;
    const sub = await read(await xlsx([thongTin(), { name: "Sheet1", cells }]));
    const found = sub.findings.filter((f) => f.rule === "V-LAYOUT-05");
    expect(found.map((f) => [f.form, f.sheet, f.message.en])).toEqual([["01/TTr", "Sheet1", 'Sheet Sheet1: no "Biểu số: 01/TTr" line; recognised by title.']]);
    expect(wide(sub, "01/TTr", 1)?.value).toBe(4);
  });
});

describe("WORKBOOKS.md §1.4 steps 2–5: columns, rows and notes", () => {
  it("a code-row number above notesNo is V-LAYOUT-04 at its cell (01/TTr: notesNo 19, so 20)", async () => {
    // §1.4 step 3: "any number above notesNo gives V-LAYOUT-04"; column 20 is in T10, right of (18) in S10 and (19) nowhere.
    const sub = await read(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ extra: { T10: "20" } }) }]));
    expect(sub.findings.filter((f) => f.rule === "V-LAYOUT-04").map((f) => [f.cell, f.value])).toEqual([["T10", 20]]);
  });

  it('an inserted column labelled "3a" is skipped, not read as a second column (3)', async () => {
    // §1.4 step 2: "a label's number is the integer before the first = (text) …; blank or non-numeric labels are
    // skipped, so inserted columns are tolerated". "3a" has no "=" and is no integer: no V-DUP-05, (3) stays D11.
    const sub = await read(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ values: { 3: 2 }, extra: { T10: "3a", T11: 9 } }) }]));
    expect(where(sub.findings, "V-DUP-05")).toEqual([]);
    expect(wide(sub, "01/TTr", 3)).toMatchObject({ value: 2, cell: "D11" });
  });

  it("a missing TEXT column gives no V-LAYOUT-03 (PCTN-NB without its column (2))", async () => {
    // §1.4 step 3: "a missing TEXT column gives no finding (its text reads as empty)"; FORMS.md §5: PCTN-NB (2) is the notes TEXT column.
    const sub = await read(await xlsx([thongTin(), { name: "PCTN", cells: pctn([["P01", 3]], { codeRow: { E8: null } }) }]));
    expect(where(sub.findings, "V-LAYOUT-03")).toEqual([]);
    expect(form(sub, "PCTN-NB").cells.get("P01")?.get(1)).toMatchObject({ value: 3, cell: "D9" });
  });

  it("WIDE: the data row is found by a filled mapped cell even when its label cell is empty", async () => {
    // §1.4 step 4: "the first row below the code row whose label cell (the column of MS) or any mapped cell is non-empty".
    const sub = await read(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ unit: null, values: { 1: 7, 2: 7, 3: 0, 4: 7, 5: 0 } }) }]));
    expect(wide(sub, "01/TTr", 1)).toMatchObject({ value: 7, filled: true, cell: "B11" });
  });

  it("WIDE: text under the data row before the notes line gives no V-LAYOUT-08", async () => {
    // §1.4 step 4: "only a row with a filled mapped numeric cell (§1.5) gives V-LAYOUT-08, so signature rows and other text … give nothing".
    const sub = await read(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ values: { 1: 1, 2: 0, 3: 1, 4: 1, 5: 0 }, extra: { A12: "Người lập biểu", C12: "ký tên" } }) }]));
    expect(where(sub.findings, "V-LAYOUT-08")).toEqual([]);
  });

  it('ROWS: a row code is trimmed, upper-cased and loses a trailing "." (" a1. " is A1)', async () => {
    // §1.4 step 4: "whose code cell (the column of A; trimmed, upper-cased, a trailing "." removed) equals a catalogue row code".
    const sub = await read(await xlsx([thongTin(), { name: "KH_TH", cells: khth([[" a1. ", 5]]) }]));
    expect(form(sub, "KH-TH").cells.get("A1")?.get(1)).toMatchObject({ value: 5, cell: "C10" });
  });

  it("ROWS: an unknown row code with no filled number gives no V-LAYOUT-06; with one it does", async () => {
    // §1.4 step 4: "A row with another non-empty code gives V-LAYOUT-06 only when one of its mapped numeric cells is filled".
    const sub = await read(await xlsx([thongTin(), { name: "PCTN", cells: pctn([["P01", 1], ["X9"], ["X8", 2]]) }]));
    expect(where(sub.findings, "V-LAYOUT-06")).toEqual(["PCTN!A11"]);
  });

  it('the notes line may be written without diacritics: "19. Ghi chu: …"', async () => {
    // §1.4 step 4: the notes line matches ^\s*\d*\.?\s*Ghi\s*ch(ú|u); step 5: its text after "Ghi chú:" is the notes.
    const sub = await read(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ notes: "19. Ghi chu: không phát sinh" }) }]));
    expect(form(sub, "01/TTr").notes).toBe("không phát sinh");
  });
});

describe("WORKBOOKS.md §1.4 step 6: the window line (V-PERIOD-04)", () => {
  it("a window line ending with a full stop reads its dates: no V-PERIOD-04", async () => {
    // §1.4 step 6: the two dates are compared with the period's window (15/12/2022 – 14/09/2023): equal here.
    const findings = await findingsOf(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ extra: { A5: `${WINDOW_LINE}.` } }) }]));
    expect(where(findings, "V-PERIOD-04")).toEqual([]);
  });

  it("a wrong start date alone gives V-PERIOD-04", async () => {
    // §1.4 step 6: "a difference gives V-PERIOD-04, whose {expected} is the line the product writes".
    const findings = await findingsOf(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ extra: { A5: "Số liệu tính từ ngày 01/01/2023 đến ngày 14/09/2023" } }) }]));
    expect(findings.filter((f) => f.rule === "V-PERIOD-04").map((f) => [f.cell, f.expected])).toEqual([["A5", WINDOW_LINE]]);
  });

  it("KH_TH: the year-to-date line is right; a wrong one gives V-PERIOD-04 expecting the year-to-date line", async () => {
    // §1.4 step 6 and PERIODS.md §5: on KH-TH the dates are compared with 01/01/YYYY and the window end.
    const right = await findingsOf(await xlsx([thongTin(), { name: "KH_TH", cells: khth([["A1", 1]]) }]));
    expect(where(right, "V-PERIOD-04")).toEqual([]);
    const wrong = await findingsOf(await xlsx([thongTin(), { name: "KH_TH", cells: khth([["A1", 1]], "Số liệu lũy kế từ ngày 01/01/2023 đến ngày 30/09/2023") }]));
    expect(wrong.filter((f) => f.rule === "V-PERIOD-04").map((f) => [f.sheet, f.cell, f.expected])).toEqual([["KH_TH", "A5", YTD_LINE]]);
  });
});

describe("WORKBOOKS.md §1.5: hidden sheets and merged cells", () => {
  it("a typed -1 is a negative number: V-NEG-01 at its cell", async () => {
    // §1.5: a number "reads as the number … V-NEG-01 … as applicable"; FORMS.md §6.2 V-NEG-01: "negative number".
    const sub = await read(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ values: { 7: -1 } }) }]));
    expect(sub.findings.filter((f) => f.rule === "V-NEG-01").map((f) => [f.cell, f.value])).toEqual([["H11", -1]]);
  });


  it.each(["hidden", "veryHidden"] as const)("data read on a %s sheet gives V-LAYOUT-10 (info) at its cell", async (state) => {
    // §1.5: "Hidden rows, columns and sheets are read like visible ones. Data read there gives V-LAYOUT-10 (info)."
    const sub = await read(await xlsx([thongTin(), { name: "01_TTr", state, cells: ttr({ values: { 1: 2 } }) }]));
    expect(wide(sub, "01/TTr", 1)?.value).toBe(2);
    expect(sub.findings.filter((f) => f.rule === "V-LAYOUT-10").map((f) => [f.cell, f.severity])).toEqual([["B11", "info"]]);
  });

  /** The bytes with `ref` merged on the sheet part `sheet<n>.xml` (a value left in a covered cell, as other writers leave it). */
  function withMerge(bytes: Uint8Array, n: number, ref: string): Uint8Array {
    const parts = unzipSync(bytes);
    const part = `xl/worksheets/sheet${n}.xml`;
    const xml = strFromU8(parts[part] ?? new Uint8Array());
    expect(xml).toContain("</sheetData>");
    parts[part] = strToU8(xml.replace("</sheetData>", `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`));
    return zipSync(parts);
  }

  it("only the master cell of a merge holds its value: covered cells in its row read as empty", async () => {
    // §1.5: "Only the top-left (master) cell holds the value; the other cells of the range read as empty."
    // B11:D11 over (1), (2), (3) of 01_TTr holding 5, 6, 7: (1) is 5, (2) and (3) blank, and V-LAYOUT-09 at B11.
    const bytes = withMerge(await xlsx([thongTin(), { name: "01_TTr", cells: ttr({ values: { 1: 5, 2: 6, 3: 7 } }) }]), 2, "B11:D11");
    const sub = await read(bytes);
    expect([1, 2, 3].map((no) => [wide(sub, "01/TTr", no)?.value, wide(sub, "01/TTr", no)?.filled])).toEqual([[5, true], [0, false], [0, false]]);
    expect(where(sub.findings, "V-LAYOUT-09")).toEqual(["01_TTr!B11"]);
  });

  it("a merge over a section row and one data row covers one data cell: no V-LAYOUT-09", async () => {
    // §1.5: V-LAYOUT-09 is for "a merged range that covers more than one mapped data cell"; §1.4 step 4:
    // "Section rows I … VI carry no data". D9:D10 covers the section row I and P01's (1).
    const bytes = withMerge(await xlsx([thongTin(), { name: "PCTN", cells: pctn([["I"], ["P01", 3]]) }]), 2, "D9:D10");
    expect(where((await read(bytes)).findings, "V-LAYOUT-09")).toEqual([]);
  });
});
