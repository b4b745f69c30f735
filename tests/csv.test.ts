/** The shared CSV reader (src/core/csv.ts) behind the roster (UNITS.md §4) and the receipt log (PERIODS.md §7). */
import { describe, expect, it } from "vitest";
import { decodeUtf8, parseCsv, type CsvParse } from "../src/core/csv";

/** Records as [line, fields] pairs, for short expectations. */
function rows(parsed: CsvParse): [number, readonly string[]][] {
  return parsed.records.map((record) => [record.line, record.fields]);
}

describe("parseCsv", () => {
  it("splits plain records on commas, numbering lines from 1", () => {
    const parsed = parseCsv("a,b,c\n1,2,3\n", ",");
    expect(parsed.unclosedQuoteLine).toBeNull();
    expect(rows(parsed)).toEqual([
      [1, ["a", "b", "c"]],
      [2, ["1", "2", "3"]],
    ]);
  });

  it("keeps commas inside quoted fields and reads doubled quotes as one", () => {
    expect(rows(parseCsv('"a, b",c\n"say ""hi""",""\n', ","))).toEqual([
      [1, ["a, b", "c"]],
      [2, ['say "hi"', ""]],
    ]);
  });

  it("keeps line breaks inside quoted fields and counts them for the records after", () => {
    const parsed = parseCsv('h1,h2\n"two\nlines",x\n"three\r\nlines\rhere",y\nlast,z', ",");
    expect(rows(parsed)).toEqual([
      [1, ["h1", "h2"]],
      [2, ["two\nlines", "x"]],
      [4, ["three\r\nlines\rhere", "y"]],
      [7, ["last", "z"]],
    ]);
  });

  it("ends records at CRLF, LF or a lone CR alike", () => {
    expect(rows(parseCsv("a,b\r\nc,d\re,f\ng,h\r\n", ","))).toEqual([
      [1, ["a", "b"]],
      [2, ["c", "d"]],
      [3, ["e", "f"]],
      [4, ["g", "h"]],
    ]);
  });

  it("returns blank lines as records of one empty field, and reads no record after a final line break", () => {
    expect(rows(parseCsv("a\n\r\n\nb\n", ","))).toEqual([
      [1, ["a"]],
      [2, [""]],
      [3, [""]],
      [4, ["b"]],
    ]);
    expect(rows(parseCsv("", ","))).toEqual([]);
    expect(rows(parseCsv("\n", ","))).toEqual([[1, [""]]]);
  });

  it("reads a last record without its line break, a lone quoted empty field included", () => {
    expect(rows(parseCsv("a,b\nc,", ","))).toEqual([
      [1, ["a", "b"]],
      [2, ["c", ""]],
    ]);
    expect(rows(parseCsv('a\n""', ","))).toEqual([
      [1, ["a"]],
      [2, [""]],
    ]);
  });

  it("reports the line where an unclosed quote opens, with the records that ended before it", () => {
    const parsed = parseCsv('h\n"multi\nline"\nok,"never\nclosed\n', ",");
    expect(parsed.unclosedQuoteLine).toBe(4);
    expect(rows(parsed)).toEqual([
      [1, ["h"]],
      [2, ["multi\nline"]],
    ]);
  });

  it("is lenient: text after a closing quote is kept, a quote inside an unquoted field is a character", () => {
    expect(rows(parseCsv('"a"b,c"d"\n', ","))).toEqual([[1, ["ab", 'c"d"']]]);
  });

  it("splits on the delimiter it is given: ; and tab", () => {
    expect(rows(parseCsv('tep;ngay_nhan\n"a;b.xlsx";16/09/2023\nc,d;1\n', ";"))).toEqual([
      [1, ["tep", "ngay_nhan"]],
      [2, ["a;b.xlsx", "16/09/2023"]],
      [3, ["c,d", "1"]],
    ]);
    expect(rows(parseCsv("a\tb,c\n", "\t"))).toEqual([[1, ["a", "b,c"]]]);
  });

  it("rejects a delimiter that cannot separate fields", () => {
    for (const bad of ["", ",,", '"', "\n", "\r"]) expect(() => parseCsv("a", bad)).toThrow(RangeError);
  });
});

describe("decodeUtf8", () => {
  it("decodes UTF-8 and drops a leading BOM", () => {
    const bytes = new TextEncoder().encode("\ufeffma_dv,tên\n");
    expect(decodeUtf8(bytes)).toBe("ma_dv,tên\n");
  });

  it("gives null for bytes that are not UTF-8", () => {
    // "tên" in Windows-1258: 0xEA is not a UTF-8 sequence on its own.
    expect(decodeUtf8(new Uint8Array([0x74, 0xea, 0x6e]))).toBeNull();
  });
});
