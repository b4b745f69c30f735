/**
 * Regression (a review of 2026-12-07): files that are not workbooks were said wrongly in V-FILE-01's
 * detail: a PNG or a 2-byte "PK" was "a text file, perhaps CSV", a Word document "Excel workbook parts
 * are missing", an intact zip compressed with bzip2 "damaged or truncated"; and the .xls/.ods details
 * held parentheses inside the message's own. Each is now said for what it is, without nested brackets.
 * Files are made here by their first bytes and parts, as the formats define them (PNG and PDF
 * signatures, a .docx's word/document.xml, the zip method field at offsets 8 and 10 of its headers).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const HOSTILE = path.join(__dirname, "..", "fixtures", "hostile");

async function said(bytes: Uint8Array, name = "BM_VU-DBA_2023-H1.xlsx"): Promise<string> {
  const outcome = await readSubmission(bytes, name);
  if (outcome.kind !== "unreadable") throw new Error(outcome.kind);
  expect(outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
  const { vi, en } = outcome.findings[0]?.message ?? { vi: "", en: "" };
  // No brackets but the message's own (FORMS.md's Vietnamese also has "(định dạng .xlsx)" in its advice).
  expect(vi.split("(").length - 1, vi).toBe(2);
  expect(en.split("(").length - 1, en).toBe(1);
  return `${vi} | ${en}`;
}

/** A zip of one stored entry whose method field (local header and directory) says `method`. */
function zipWithMethod(method: number): Uint8Array {
  const zip = zipSync({ "[Content_Types].xml": [strToU8("<Types/>"), { level: 0 }], "xl/workbook.xml": [strToU8("<workbook/>"), { level: 0 }] });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint16(i + 8, method, true);
    if (sig === 0x02014b50) view.setUint16(i + 10, method, true);
  }
  return zip;
}

describe("other documents given an .xlsx name are said for what they are", () => {
  it("a PNG image", async () => {
    expect(await said(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...strToU8("IHDR and some bytes")]))).toContain("(đây là tệp ảnh, không phải sổ tính Excel)");
  });

  it("a PDF", async () => {
    expect(await said(strToU8("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toContain("(this is a PDF file, not an Excel workbook)");
  });

  it("a Word document (its zip holds word/document.xml)", async () => {
    const docx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") });
    expect(await said(docx)).toContain("(đây là tài liệu Word, không phải sổ tính Excel)");
  });

  it("a zip cut after its first two bytes", async () => {
    expect(await said(strToU8("PK"))).toContain("(tệp nén bị hỏng hoặc không đầy đủ)");
  });

  it("an intact zip compressed by bzip2 (method 12)", async () => {
    expect(await said(zipWithMethod(12))).toContain("(the zip package uses a compression method Excel does not use)");
  });

  it(".xls and .ods, their format named without brackets inside the message's", async () => {
    expect(await said(new Uint8Array(readFileSync(path.join(HOSTILE, "html-table-named.xls"))))).toContain("tệp văn bản HTML/XML");
    const ole2 = new Uint8Array(4096);
    ole2.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await said(ole2)).toContain("(định dạng .xls của Excel 97-2003)");
    const ods = zipSync({ mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }], "content.xml": strToU8("<office:document-content/>") });
    expect(await said(ods)).toContain("(the OpenDocument .ods format)");
  });
});
