/**
 * Regression (review of 2026-12-07, third round): `annotate` refused ("cấu trúc của bảng tính này không ghi
 * lại được", exit 2) files the reader reads well, so a unit that sent one could not be sent a marked copy:
 * - SpreadsheetML under a prefix (`<x:worksheet xmlns:x="…/main">`, what tools on the Open XML SDK write);
 * - parts in UTF-16 (with a byte-order mark);
 * - cells without `r` (ECMA-376 allows it: a cell follows the one before);
 * - a core property date that is no date (`dcterms:modified` "16/09/2023").
 * Each is now put in Excel's form before exceljs loads the package (xlsx/for-exceljs.ts). The copy's sheets
 * are read back by openpyxl and compared, cell by cell, with the unchanged sample read by openpyxl.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

type Parts = Record<string, Uint8Array>;

function eachXml(parts: Parts, test: (name: string) => boolean, f: (xml: string) => string): void {
  for (const name of Object.keys(parts).filter(test)) parts[name] = strToU8(f(strFromU8(parts[name] ?? new Uint8Array())));
}

/** Every unprefixed element of SpreadsheetML's namespace under `x:`. */
function prefixed(xml: string): string {
  if (!xml.includes(`xmlns="${MAIN}"`)) return xml;
  return xml.replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s>/])/gu, "<$1x:$2").replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`);
}

/** `r` left out of every cell that directly follows the cell before in its row (so its place is unchanged). */
function withoutCellRefs(xml: string): string {
  let row = "";
  let col = 0;
  return xml.replace(/<(row|c)\b([^>]*?)\sr="([A-Z]*)(\d+)"/gu, (whole, name: string, before: string, letters: string, digits: string) => {
    if (name === "row") {
      row = digits;
      col = 0;
      return whole;
    }
    let n = 0;
    for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
    const follows = digits === row && n === col + 1;
    col = n;
    return follows ? `<c${before}` : whole;
  });
}

const VARIANTS: Record<string, (parts: Parts) => void> = {
  "prefix x:": (parts) => eachXml(parts, (n) => /^xl\/(?:workbook|sharedStrings|styles|worksheets\/sheet\d+)\.xml$/u.test(n), prefixed),
  "UTF-16 parts": (parts) => {
    for (const name of Object.keys(parts).filter((n) => /\.(?:xml|rels)$/u.test(n))) {
      const text = strFromU8(parts[name] ?? new Uint8Array()).replace('encoding="UTF-8"', 'encoding="UTF-16"');
      parts[name] = new Uint8Array(Buffer.from(`\uFEFF${text}`, "utf16le"));
    }
  },
  "cells without r": (parts) => eachXml(parts, (n) => /^xl\/worksheets\/sheet\d+\.xml$/u.test(n), withoutCellRefs),
  "a core date that is no date": (parts) => eachXml(parts, (n) => n === "docProps/core.xml", (xml) => xml.replace(/(<dcterms:modified[^>]*>)[^<]*/u, "$116/09/2023")),
};

const VALUES = [
  "import json, sys, warnings, openpyxl",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "out = {ws.title: {c.coordinate: str(c.value) for row in ws.iter_rows() for c in row if c.value is not None} for ws in wb.worksheets if ws.title != 'LoiPhatHien'}",
  "print(json.dumps(out))",
].join("\n");

function values(file: string): Promise<Record<string, Record<string, string>>> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", VALUES, file], { maxBuffer: 1 << 26 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Record<string, Record<string, string>>)));
  });
}

describe("annotate on packages other tools write", () => {
  it.each(Object.keys(VARIANTS))("%s: the copy is written, every value of every sheet as in the sample", async (variant) => {
    const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
    VARIANTS[variant]?.(parts);
    const dir = await tempDir("tonghop-annot-tools-");
    const input = path.join(dir, FILE);
    writeFileSync(input, zipSync(parts));
    const out = path.join(dir, "copy.xlsx");
    const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out, "--created", "2023-07-01"]);
    expect(r.stderr).not.toContain("Không ghi được");
    expect(r.code).toBeLessThan(2);
    expect(await values(out)).toEqual(await values(SAMPLE));
  }, 60_000);
});
