/**
 * Regression (a review of 2026-12-07): a package missing a part its workbook needs was read as if the unit
 * had left things out. A sheet listed in workbook.xml whose part is gone gave "Form 01/TCD not found"; a
 * missing ThongTin part gave three findings about an empty ThongTin; without the workbook's relationships the
 * file was "not a submission"; without sharedStrings.xml every label was missing, 19 layout findings. Excel
 * calls each of these damaged (it offers to repair). Each is now V-FILE-01 naming the sheet and the part.
 *
 * Fixtures: the folder's BM_CQDD-AU-CBR_2023-H1.xlsx (openpyxl, inline strings; its workbook links
 * 01_TCD to xl/worksheets/sheet4.xml, ThongTin to sheet1.xml, by rId4 and rId1) and the cases'
 * ok-libreoffice-resaved.xlsx (LibreOffice, which writes xl/sharedStrings.xml), one part removed or unlinked.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const FIXTURES = path.join(__dirname, "..", "fixtures", "submissions");
const OPENPYXL = path.join(FIXTURES, "folder-2023-H1", "BM_CQDD-AU-CBR_2023-H1.xlsx");
const LIBREOFFICE = path.join(FIXTURES, "cases", "ok-libreoffice-resaved.xlsx");

function without(file: string, change: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  change(parts);
  return zipSync(parts);
}

async function detail(bytes: Uint8Array): Promise<string> {
  const outcome = await readSubmission(bytes, "BM_X_2023-H1.xlsx");
  if (outcome.kind !== "unreadable") throw new Error(`read as ${outcome.kind}`);
  expect(outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
  const { vi, en } = outcome.findings[0]?.message ?? { vi: "", en: "" };
  return `${vi} | ${en}`;
}

describe("a part the workbook needs is missing: V-FILE-01, the sheet and part named", () => {
  it("both files read as sent (the removals are the cause)", async () => {
    for (const file of [OPENPYXL, LIBREOFFICE]) expect((await readSubmission(new Uint8Array(readFileSync(file)), "BM_X_2023-H1.xlsx")).kind).toBe("submission");
  });

  it("01_TCD's part removed", async () => {
    const said = await detail(without(OPENPYXL, (p) => delete p["xl/worksheets/sheet4.xml"]));
    expect(said).toContain('(tệp bị hỏng: thiếu thành phần xl/worksheets/sheet4.xml của trang tính "01_TCD")');
    expect(said).toContain('(the file is damaged: part xl/worksheets/sheet4.xml of sheet "01_TCD" is missing)');
  });

  it("ThongTin's part removed", async () => {
    expect(await detail(without(OPENPYXL, (p) => delete p["xl/worksheets/sheet1.xml"]))).toContain('part xl/worksheets/sheet1.xml of sheet "ThongTin" is missing');
  });

  it("a sheet whose link is not among the workbook's relationships", async () => {
    const bytes = without(OPENPYXL, (p) => {
      const rels = strFromU8(p["xl/_rels/workbook.xml.rels"] ?? new Uint8Array(0));
      const cut = rels.replace(/<Relationship[^>]*Id="rId4"[^>]*\/>/u, "");
      expect(cut).not.toBe(rels);
      p["xl/_rels/workbook.xml.rels"] = strToU8(cut);
    });
    expect(await detail(bytes)).toContain('(tệp bị hỏng: trang tính "01_TCD" không có liên kết tới thành phần của nó)');
  });

  it("the workbook's relationships removed: the first sheet named", async () => {
    expect(await detail(without(OPENPYXL, (p) => delete p["xl/_rels/workbook.xml.rels"]))).toContain('(the file is damaged: sheet "ThongTin" has no link to its part)');
  });

  it("sharedStrings.xml removed from a file whose cells name shared strings", async () => {
    const said = await detail(without(LIBREOFFICE, (p) => delete p["xl/sharedStrings.xml"]));
    expect(said).toContain("(tệp bị hỏng: thiếu thành phần xl/sharedStrings.xml, nơi giữ văn bản của các ô)");
    expect(said).toContain("(the file is damaged: part xl/sharedStrings.xml, which holds the cells' texts, is missing)");
  });
});
