/** The receipt log (PERIODS.md §7): CSV reading, matching rows to input files, the received-date order. */
import { strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { matchReceipt, parseReceiptLog, RECEIVED_SOURCE_VI, resolveReceived, type ReceiptEntry } from "../src/core/read/receipts";

function log(text: string): Uint8Array {
  return strToU8(text);
}

function entry(file: string, date: string, line: number): ReceiptEntry {
  return { file, date, time: null, timestampUtc: null, line };
}

describe("parseReceiptLog", () => {
  it("reads a UTF-8 log with BOM, CRLF, both date formats and a time, columns in any order", () => {
    const text =
      "\ufeffghi_chu,ngay_nhan,tep\r\n" +
      "đúng hạn,2023-09-15,BM_VU-CAU-AU_2023-9M.xlsx\r\n" +
      '"nộp qua thư, bản 2",16/09/2023 18:30,thang9/BM_VU-ASEAN_2023-9M.xlsx\r\n' +
      "\r\n" +
      ',17/09/2023,"BM_""la""_2023-9M.xlsx"\r\n';
    const { entries, errors } = parseReceiptLog(log(text), "so_nhan.csv");
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { file: "BM_VU-CAU-AU_2023-9M.xlsx", date: "2023-09-15", time: null, timestampUtc: null, line: 2 },
      { file: "thang9/BM_VU-ASEAN_2023-9M.xlsx", date: "2023-09-16", time: "18:30", timestampUtc: "2023-09-16T11:30:00Z", line: 3 },
      { file: 'BM_"la"_2023-9M.xlsx', date: "2023-09-17", time: null, timestampUtc: null, line: 5 },
    ]);
  });

  it("converts an early-morning Vietnam time to the previous UTC day and accepts yyyy-MM-dd HH:mm", () => {
    const { entries } = parseReceiptLog(log("tep,ngay_nhan\na.xlsx,2023-09-16 05:00\nb.xlsx,2023-09-16 7:05:09\n"), "log.csv");
    expect(entries.map((e) => [e.date, e.time, e.timestampUtc])).toEqual([
      ["2023-09-16", "05:00", "2023-09-15T22:00:00Z"],
      ["2023-09-16", "07:05", "2023-09-16T00:05:09Z"],
    ]);
  });

  it("reports a bad date with its line and skips the row; a quoted line break counts its lines", () => {
    const text =
      "tep,ngay_nhan\n" +
      "a.xlsx,31/02/2023\n" +
      '"b\nc.xlsx",2023-09-16\n' +
      "d.xlsx,9/16/2023\n" +
      "e.xlsx,16/09/2023 25:00\n" +
      "f.xlsx,\n" +
      "g.xlsx,2023-09-18\n";
    const { entries, errors } = parseReceiptLog(log(text), "log.csv");
    expect(entries.map((e) => [e.file, e.line])).toEqual([
      ["b\nc.xlsx", 3],
      ["g.xlsx", 8],
    ]);
    expect(errors.map((e) => e.line)).toEqual([2, 5, 6, 7]);
    expect(errors[0]?.message.vi).toContain("31/02/2023");
    expect(errors[0]?.message.vi).toContain("dòng 2");
    expect(errors[0]?.message.en).toContain("line 2");
  });

  it("gives one error when a column is missing", () => {
    const { entries, errors } = parseReceiptLog(log("tep,ngay\na.xlsx,2023-09-16\n"), "log.csv");
    expect(entries).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(1);
    expect(errors[0]?.message.en).toContain("ngay_nhan");
    expect(parseReceiptLog(new Uint8Array(0), "log.csv").errors).toHaveLength(1);
  });

  it("accepts semicolon-separated logs with Vietnamese headers", () => {
    const { entries, errors } = parseReceiptLog(log("Tệp;Ngày nhận\nBM_A.xlsx;16/09/2023\n"), "log.csv");
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.file, e.date])).toEqual([["BM_A.xlsx", "2023-09-16"]]);
  });

  it("reports a log that is not UTF-8 and still reads its ASCII rows", () => {
    const bytes = new Uint8Array([...strToU8("tep,ngay_nhan,ghi_chu\na.xlsx,2023-09-16,ok\nb.xlsx,2023-09-17,V"), 0xf5, 0x0a]);
    const { entries, errors } = parseReceiptLog(bytes, "log.csv");
    expect(entries.map((e) => e.file)).toEqual(["a.xlsx", "b.xlsx"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(3);
    expect(errors[0]?.message.en).toContain("UTF-8");
  });

  it("reports an unclosed quotation mark", () => {
    const { entries, errors } = parseReceiptLog(log('tep,ngay_nhan\na.xlsx,2023-09-16\n"b.xlsx,2023-09-17\n'), "log.csv");
    expect(entries.map((e) => e.file)).toEqual(["a.xlsx"]);
    expect(errors.map((e) => e.line)).toEqual([3]);
  });
});

describe("matchReceipt", () => {
  const files = ["thang9/BM_A.xlsx", "thang9/BM_B.xlsx", "cu/BM_B.xlsx", "BM_C.xlsx"];

  it("matches the path exactly, else a bare name that only one input file has", () => {
    const entries = [entry("thang9/BM_A.xlsx", "2023-09-15", 2), entry("BM_B.xlsx", "2023-09-16", 3), entry("BM_C.xlsx", "2023-09-17", 4)];
    expect(matchReceipt(entries, "thang9/BM_A.xlsx", files)?.line).toBe(2);
    expect(matchReceipt(entries, "BM_C.xlsx", files)?.line).toBe(4);
    // Two inputs are named BM_B.xlsx: the bare name is ambiguous and matches neither.
    expect(matchReceipt(entries, "thang9/BM_B.xlsx", files)).toBeNull();
    expect(matchReceipt(entries, "cu/BM_B.xlsx", files)).toBeNull();
    // A path in the log ending with an input's name names it when no other input could be meant (a file
    // PATH's input is its base name: `validate khac/BM_C.xlsx` with the log's "khac/BM_C.xlsx").
    expect(matchReceipt([entry("khac/BM_C.xlsx", "2023-09-17", 2)], "BM_C.xlsx", files)?.line).toBe(2);
    // … but not another folder's file of the same name.
    expect(matchReceipt([entry("khac/BM_A.xlsx", "2023-09-17", 2)], "thang9/BM_A.xlsx", files)).toBeNull();
  });

  it("matches by base name when unique, and the exact path beats the base name", () => {
    const entries = [entry("BM_A.xlsx", "2023-09-14", 2), entry("cu/BM_B.xlsx", "2023-09-10", 3)];
    expect(matchReceipt(entries, "thang9/BM_A.xlsx", files)?.date).toBe("2023-09-14");
    expect(matchReceipt(entries, "cu/BM_B.xlsx", files)?.date).toBe("2023-09-10");
    const both = [entry("thang9/BM_A.xlsx", "2023-09-15", 2), entry("BM_A.xlsx", "2023-09-20", 3)];
    expect(matchReceipt(both, "thang9/BM_A.xlsx", files)?.line).toBe(2);
  });

  it("lets the last of several matching rows win", () => {
    const entries = [entry("BM_C.xlsx", "2023-09-15", 2), entry("BM_A.xlsx", "2023-09-15", 3), entry("BM_C.xlsx", "2023-09-18", 4)];
    expect(matchReceipt(entries, "BM_C.xlsx", files)?.line).toBe(4);
  });

  it("compares in NFC and accepts backslashes typed on Windows", () => {
    const nfd = "thang9/Vụ_Á.xlsx".normalize("NFD");
    const nfcFiles = ["thang9/Vụ_Á.xlsx"];
    expect(matchReceipt([entry(nfd, "2023-09-16", 2)], "thang9/Vụ_Á.xlsx", nfcFiles)?.line).toBe(2);
    expect(matchReceipt([entry("thang9\\Vụ_Á.xlsx", "2023-09-16", 2)], nfd, nfcFiles)?.line).toBe(2);
    expect(matchReceipt([entry("Vụ_Á.xlsx".normalize("NFD"), "2023-09-16", 2)], "thang9/Vụ_Á.xlsx", nfcFiles)?.line).toBe(2);
  });
});

describe("resolveReceived", () => {
  const receipt: ReceiptEntry = { file: "a.xlsx", date: "2023-09-16", time: "18:30", timestampUtc: "2023-09-16T11:30:00Z", line: 2 };

  it("takes the receipt log first, then dcterms:modified, then Ngày lập", () => {
    expect(resolveReceived({ receipt, modified: "2023-09-20T01:00:00Z", ngayLap: "2023-09-10" })).toEqual({
      date: "2023-09-16", timestampUtc: "2023-09-16T11:30:00Z", source: "receipt",
    });
    expect(resolveReceived({ receipt: null, modified: "2023-09-16T20:00:00Z", ngayLap: "2023-09-10" })).toEqual({
      date: "2023-09-17", timestampUtc: "2023-09-16T20:00:00Z", source: "properties",
    });
    expect(resolveReceived({ receipt: null, modified: null, ngayLap: "2023-09-10" })).toEqual({
      date: "2023-09-10", timestampUtc: null, source: "ngay-lap",
    });
    expect(resolveReceived({ receipt: null, modified: null, ngayLap: null })).toEqual({ date: null, timestampUtc: null, source: "unknown" });
  });

  it("normalises modified to UTC and skips an unreadable one", () => {
    expect(resolveReceived({ receipt: null, modified: "2023-09-16T20:00:00+02:00", ngayLap: null })).toEqual({
      date: "2023-09-17", timestampUtc: "2023-09-16T18:00:00Z", source: "properties",
    });
    expect(resolveReceived({ receipt: null, modified: " 2023-09-16T08:30:00.123Z ", ngayLap: null }).timestampUtc).toBe("2023-09-16T08:30:00Z");
    expect(resolveReceived({ receipt: null, modified: "2023-09-16T23:30:00-05:00", ngayLap: null })).toEqual({
      date: "2023-09-17", timestampUtc: "2023-09-17T04:30:00Z", source: "properties",
    });
    expect(resolveReceived({ receipt: null, modified: "2023-09-16", ngayLap: null })).toEqual({
      date: "2023-09-16", timestampUtc: null, source: "properties",
    });
    expect(resolveReceived({ receipt: null, modified: "hôm qua", ngayLap: "2023-09-10" }).source).toBe("ngay-lap");
  });

  it("names the sources as NguonSoLieu does", () => {
    expect(RECEIVED_SOURCE_VI).toEqual({ receipt: "Sổ nhận", properties: "Thuộc tính tệp", "ngay-lap": "Ngày lập", unknown: "Không rõ" });
  });
});
