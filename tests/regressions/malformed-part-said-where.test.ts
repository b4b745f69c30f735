/**
 * Regression (a review of 2026-12-07): a part whose XML is malformed made the file V-FILE-01 with the
 * parser's English words alone ("content cannot be read: unexpected close tag row"), in Vietnamese too,
 * naming neither the part, nor the sheet, nor where in it. The brief: say clearly why not, in Vietnamese
 * and English, with sheet and cell. Now the detail names the sheet, the part, the cell reading had
 * reached, and what is wrong, in both languages; the finding stays on the file (no sheet, no cell), as
 * the hostile fixtures' expectations have it for every V-FILE-01.
 *
 * Fixture: the folder's BM_CQDD-AU-CBR_2023-H1.xlsx (openpyxl-written), one part edited per case. Its
 * workbook links 01_TTr to xl/worksheets/sheet3.xml and ThongTin to sheet1.xml; row 10 of 01_TTr is the
 * column-number row, A10 to S10, and B4 of ThongTin holds the unit's name (read from the file by hand).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { NODE_BYTES } from "../../src/cli/pool/read-here";
import { readSubmission } from "../../src/core/read/reader";

const FILE = path.join(__dirname, "..", "fixtures", "submissions", "folder-2023-H1", "BM_CQDD-AU-CBR_2023-H1.xlsx");

function edited(part: string, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(FILE)));
  const xml = parts[part];
  if (!xml) throw new Error(`no ${part}`);
  const changed = edit(strFromU8(xml));
  if (changed === strFromU8(xml)) throw new Error(`${part}: the edit changed nothing`);
  parts[part] = strToU8(changed);
  return zipSync(parts);
}

async function detailOf(bytes: Uint8Array, host: object = {}): Promise<{ vi: string; en: string; sheet: string | null; cell: string | null }> {
  const outcome = await readSubmission(bytes, "BM_CQDD-AU-CBR_2023-H1.xlsx", host);
  if (outcome.kind !== "unreadable") throw new Error(`read as ${outcome.kind}`);
  const [finding, ...more] = outcome.findings;
  if (!finding || more.length > 0 || finding.rule !== "V-FILE-01") throw new Error(JSON.stringify(outcome.findings.map((f) => f.rule)));
  return { ...finding.message, sheet: finding.sheet, cell: finding.cell };
}

describe("malformed XML is said with its sheet, part and cell, in both languages", () => {
  it("the file as sent reads (the edits are the cause)", async () => {
    expect((await readSubmission(new Uint8Array(readFileSync(FILE)), "BM_CQDD-AU-CBR_2023-H1.xlsx")).kind).toBe("submission");
  });

  // C10 left open: the row's other cells nest in it, and the row's end is where the parser sees it.
  const cellLeftOpen = (): Uint8Array => edited("xl/worksheets/sheet3.xml", (xml) => xml.replace('<c r="C10"', '<c r="C10" t="n"><v>1</v><c r="C10"'));

  it.each([
    ["the core's decoder (the pane)", {}],
    ["Node's (the CLI)", NODE_BYTES],
  ])("a cell left open in 01_TTr: the whole message, with %s", async (_host, host) => {
    expect(await detailOf(cellLeftOpen(), host)).toEqual({
      vi: 'Tệp BM_CQDD-AU-CBR_2023-H1.xlsx không đọc được dưới dạng .xlsx (nội dung không đọc được: trang tính "01_TTr", thành phần xl/worksheets/sheet3.xml, gần ô S10: thẻ đóng </row> không khớp với thẻ mở <c>). Đề nghị lưu lại bằng Excel (định dạng .xlsx) và gửi lại.',
      en: 'File BM_CQDD-AU-CBR_2023-H1.xlsx cannot be read as .xlsx (content cannot be read: sheet "01_TTr", part xl/worksheets/sheet3.xml, near cell S10: the closing tag </row> does not match the opening tag <c>). Save it as .xlsx in Excel and send it again.',
      sheet: null,
      cell: null,
    });
  });

  it("an unknown reference in ThongTin's B4: near B4", async () => {
    const bytes = edited("xl/worksheets/sheet1.xml", (xml) => xml.replace(/(<c r="B4"[^>]*><is><t>)/u, "$1&nbsp;"));
    const said = await detailOf(bytes);
    expect(said.en).toContain('(content cannot be read: sheet "ThongTin", part xl/worksheets/sheet1.xml, near cell B4: the reference &nbsp; is not defined)');
    expect(said.vi).toContain('(nội dung không đọc được: trang tính "ThongTin", thành phần xl/worksheets/sheet1.xml, gần ô B4: tham chiếu &nbsp; không được định nghĩa)');
  });

  it('a "<" typed into a value, and a character code of no character: said as such, not as tags', async () => {
    const lt = await detailOf(edited("xl/worksheets/sheet1.xml", (xml) => xml.replace(/(<c r="B4"[^>]*><is><t>)/u, "$1a<2 b")));
    expect(lt.en).toContain('near cell B4: a "<" in a text is not written as &lt;)');
    expect(lt.vi).toContain('gần ô B4: có ký tự "<" trong văn bản không được viết thành &lt;)');
    const code = await detailOf(edited("xl/worksheets/sheet1.xml", (xml) => xml.replace(/(<c r="B4"[^>]*><is><t>)/u, "$1&#xD800;")));
    expect(code.en).toContain("near cell B4: the character code &#xD800; is not a valid character)");
    expect(code.vi).toContain("gần ô B4: mã ký tự &#xD800; không hợp lệ)");
  });

  it("bytes that are not UTF-8 in a sheet: the sheet and part named", async () => {
    const parts = unzipSync(new Uint8Array(readFileSync(FILE)));
    const sheet = parts["xl/worksheets/sheet1.xml"] ?? new Uint8Array(0);
    const at = strFromU8(sheet).indexOf("</sheetData>");
    parts["xl/worksheets/sheet1.xml"] = new Uint8Array([...sheet.subarray(0, at), 0xff, 0xfe, ...sheet.subarray(at)]);
    const said = await detailOf(zipSync(parts), NODE_BYTES);
    expect(said.en).toMatch(/\(content cannot be read: sheet "ThongTin", part xl\/worksheets\/sheet1\.xml(, near cell [A-Z]+\d+)?: the text is not valid UTF-8\)/u);
  });

  it("a sheet part of 0 bytes: the part is empty, before any cell", async () => {
    const said = await detailOf(edited("xl/worksheets/sheet3.xml", () => ""));
    expect(said.en).toContain('(content cannot be read: sheet "01_TTr", part xl/worksheets/sheet3.xml: the part is empty)');
    expect(said.vi).toContain('(nội dung không đọc được: trang tính "01_TTr", thành phần xl/worksheets/sheet3.xml: thành phần trống)');
  });

  it("the styles part cut short: the part, no sheet", async () => {
    const said = await detailOf(edited("xl/styles.xml", (xml) => xml.slice(0, xml.indexOf("<cellXfs") + 5)));
    expect(said.en).toContain("(content cannot be read: part xl/styles.xml: a tag has no closing \">\")");
    expect(said.vi).toContain("(nội dung không đọc được: thành phần xl/styles.xml: một thẻ không có dấu \">\" kết thúc)");
  });

  it("a name taken from the file is cut short in the message (a hostile tag of 100,000 characters)", async () => {
    const long = "x".repeat(100_000);
    const said = await detailOf(edited("xl/worksheets/sheet3.xml", (xml) => xml.replace("</sheetData>", `</${long}>`)));
    expect(said.en).toContain(`the closing tag </${"x".repeat(40)}…> does not match the opening tag <sheetData>`);
    expect(said.en.length).toBeLessThan(400);
  });
});
