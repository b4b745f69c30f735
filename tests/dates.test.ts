import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  compareIso,
  daysBetween,
  documentDateLine,
  excelSerialToIsoDate,
  formatDateVi,
  isIsoDate,
  isoDateToExcelSerial,
  isoParts,
  makeIsoDate,
  parseDateText,
  tryMakeIsoDate,
  tryVietnamDateOfTimestamp,
  vietnamDateOfTimestamp,
} from "../src/core/dates";

describe("ISO dates", () => {
  it("recognises real calendar dates only", () => {
    expect(isIsoDate("2023-09-14")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-04-31")).toBe(false);
    expect(isIsoDate("2023-13-01")).toBe(false);
    expect(isIsoDate("2023-9-14")).toBe(false);
    expect(isIsoDate("14/09/2023")).toBe(false);
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });

  it("makes and splits dates", () => {
    expect(makeIsoDate(2023, 9, 4)).toBe("2023-09-04");
    expect(makeIsoDate(2024, 2, 29)).toBe("2024-02-29");
    expect(() => makeIsoDate(2023, 2, 29)).toThrow(RangeError);
    expect(() => makeIsoDate(2023, 0, 1)).toThrow(RangeError);
    expect(() => makeIsoDate(2023, 1, 1.5)).toThrow(RangeError);
    expect(tryMakeIsoDate(2023, 2, 31)).toBeNull();
    expect(isoParts("2023-09-14")).toEqual({ year: 2023, month: 9, day: 14 });
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2023-09-14", 2)).toBe("2023-09-16");
    expect(addDays("2023-12-14", 2)).toBe("2023-12-16");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2023-01-01", -1)).toBe("2022-12-31");
    expect(addDays("2023-05-05", 0)).toBe("2023-05-05");
    expect(() => addDays("2023-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2023-01-01", 0.5)).toThrow(RangeError);
  });

  it("counts days between dates (b − a) and compares", () => {
    expect(daysBetween("2023-09-16", "2023-09-18")).toBe(2);
    expect(daysBetween("2023-09-18", "2023-09-16")).toBe(-2);
    expect(daysBetween("2022-12-15", "2023-12-14")).toBe(364);
    expect(daysBetween("2023-12-15", "2024-12-14")).toBe(365);
    expect(compareIso("2023-01-01", "2023-01-02")).toBeLessThan(0);
    expect(compareIso("2023-01-02", "2023-01-01")).toBeGreaterThan(0);
    expect(compareIso("2023-01-02", "2023-01-02")).toBe(0);
    expect(["2023-03-01", "2022-12-31", "2023-01-15"].sort(compareIso)).toEqual(["2022-12-31", "2023-01-15", "2023-03-01"]);
  });

  it("agrees with Date.UTC on every day from 1899 to 2101", () => {
    let iso = "1899-01-01";
    let ms = Date.UTC(1899, 0, 1);
    for (let i = 0; i < 203 * 366; i++) {
      const d = new Date(ms);
      const expected = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
      if (iso !== expected) expect(iso).toBe(expected);
      iso = addDays(iso, 1);
      ms += 86_400_000;
    }
    expect(iso > "2101-01-01").toBe(true);
  });
});

describe("parseDateText (PERIODS.md §9)", () => {
  it.each([
    ["14/09/2023", "2023-09-14"],
    ["4/9/2023", "2023-09-04"],
    ["04/09/2023", "2023-09-04"],
    ["14-09-2023", "2023-09-14"],
    ["14.09.2023", "2023-09-14"],
    ["2023-09-14", "2023-09-14"],
    ["  16/09/2023 ", "2023-09-16"],
    ["29/02/2024", "2024-02-29"],
    // Day first, never US month first.
    ["05/02/2024", "2024-02-05"],
    ["12/01/2023", "2023-01-12"],
  ])("reads %j as %s", (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it.each([
    "31/02/2023",
    "29/02/2023",
    "13/13/2023",
    "00/01/2023",
    "09/14/2023",
    "2023-9-14",
    "2023-02-30",
    "14/09/23",
    "14/09-2023",
    "14 09 2023",
    "2023/09/14",
    "14/09/2023 10:00",
    "",
    "ngày 14/09/2023",
  ])("rejects %j", (text) => {
    expect(parseDateText(text)).toBeNull();
  });
});

describe("Excel serials", () => {
  it("reads the 1900 system, including the fictitious 1900-02-29", () => {
    expect(excelSerialToIsoDate(1, false)).toBe("1900-01-01");
    expect(excelSerialToIsoDate(31, false)).toBe("1900-01-31");
    expect(excelSerialToIsoDate(59, false)).toBe("1900-02-28");
    expect(excelSerialToIsoDate(60, false)).toBe("1900-03-01");
    expect(excelSerialToIsoDate(61, false)).toBe("1900-03-01");
    expect(excelSerialToIsoDate(62, false)).toBe("1900-03-02");
    expect(excelSerialToIsoDate(0, false)).toBe("1899-12-31");
    expect(excelSerialToIsoDate(45000, false)).toBe("2023-03-15");
    expect(excelSerialToIsoDate(45183, false)).toBe("2023-09-14");
    expect(excelSerialToIsoDate(2958465, false)).toBe("9999-12-31");
  });

  it("drops the time of day", () => {
    expect(excelSerialToIsoDate(45000.999, false)).toBe("2023-03-15");
    expect(excelSerialToIsoDate(45000.25, true)).toBe("2027-03-16");
  });

  it("reads the 1904 system (serial 0 = 1904-01-01, 1462 days after the 1900 count)", () => {
    expect(excelSerialToIsoDate(0, true)).toBe("1904-01-01");
    expect(excelSerialToIsoDate(1, true)).toBe("1904-01-02");
    expect(excelSerialToIsoDate(45000 - 1462, true)).toBe("2023-03-15");
    expect(excelSerialToIsoDate(45000, true)).toBe("2027-03-16");
  });

  it("rejects serials that are not dates", () => {
    expect(() => excelSerialToIsoDate(-1, false)).toThrow(RangeError);
    expect(() => excelSerialToIsoDate(-0.5, true)).toThrow(RangeError);
    expect(() => excelSerialToIsoDate(Number.NaN, false)).toThrow(RangeError);
    expect(() => excelSerialToIsoDate(Number.POSITIVE_INFINITY, false)).toThrow(RangeError);
    expect(() => excelSerialToIsoDate(2958466, false)).toThrow(RangeError);
  });

  it("writes serials in both systems", () => {
    expect(isoDateToExcelSerial("2023-03-15", false)).toBe(45000);
    expect(isoDateToExcelSerial("2023-03-15", true)).toBe(45000 - 1462);
    expect(isoDateToExcelSerial("1900-01-01", false)).toBe(1);
    expect(isoDateToExcelSerial("1900-02-28", false)).toBe(59);
    expect(isoDateToExcelSerial("1900-03-01", false)).toBe(61);
    expect(isoDateToExcelSerial("1899-12-31", false)).toBe(0);
    expect(isoDateToExcelSerial("1904-01-01", true)).toBe(0);
    expect(() => isoDateToExcelSerial("1899-12-30", false)).toThrow(RangeError);
    expect(() => isoDateToExcelSerial("1903-12-31", true)).toThrow(RangeError);
    expect(() => isoDateToExcelSerial("2023-02-29", false)).toThrow(RangeError);
  });

  it("round-trips every serial except the fictitious 60", () => {
    for (let serial = 0; serial <= 80_000; serial++) {
      if (serial === 60) continue;
      const back1900 = isoDateToExcelSerial(excelSerialToIsoDate(serial, false), false);
      if (back1900 !== serial) expect(back1900).toBe(serial);
      const back1904 = isoDateToExcelSerial(excelSerialToIsoDate(serial, true), true);
      if (back1904 !== serial) expect(back1904).toBe(serial);
    }
  });
});

describe("formatting", () => {
  it("formats dd/MM/yyyy", () => {
    expect(formatDateVi("2023-09-04")).toBe("04/09/2023");
    expect(formatDateVi("2022-12-15")).toBe("15/12/2022");
    expect(() => formatDateVi("2023-9-4")).toThrow(RangeError);
  });

  it("writes document date lines per Decree 30/2020", () => {
    expect(documentDateLine("Hà Nội", "2024-02-05")).toBe("Hà Nội, ngày 05 tháng 02 năm 2024");
    expect(documentDateLine("Hà Nội", "2023-09-16")).toBe("Hà Nội, ngày 16 tháng 9 năm 2023");
    expect(documentDateLine("Hà Nội", "2023-01-10")).toBe("Hà Nội, ngày 10 tháng 01 năm 2023");
    expect(documentDateLine("Hà Nội", "2023-03-09")).toBe("Hà Nội, ngày 09 tháng 3 năm 2023");
    expect(documentDateLine("Hà Nội", "2023-12-25")).toBe("Hà Nội, ngày 25 tháng 12 năm 2023");
    expect(documentDateLine("Hà Nội", "2023-10-01")).toBe("Hà Nội, ngày 01 tháng 10 năm 2023");
  });

  it("leaves ellipses when there is no date", () => {
    const line = documentDateLine("Hà Nội", null);
    expect(line).toBe("Hà Nội, ngày \u2026 tháng \u2026 năm \u2026");
    expect(line).not.toContain("...");
    expect(documentDateLine("", "2023-09-16")).toBe("ngày 16 tháng 9 năm 2023");
  });
});

describe("vietnamDateOfTimestamp", () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  const cases: readonly (readonly [string, string])[] = [
    ["2023-09-16T18:00:00Z", "2023-09-17"],
    ["2023-09-16T18:30:00Z", "2023-09-17"],
    ["2023-09-16T16:59:59Z", "2023-09-16"],
    ["2023-09-16T17:00:00Z", "2023-09-17"],
    ["2023-09-16T00:00:00Z", "2023-09-16"],
    ["2023-12-31T17:00:00Z", "2024-01-01"],
    ["2024-02-28T20:00:00Z", "2024-02-29"],
    ["2023-09-16T18:00:00.123Z", "2023-09-17"],
    ["2023-09-16T01:00:00+07:00", "2023-09-16"],
    ["2023-09-17T00:30:00+08:00", "2023-09-16"],
    ["2023-09-16T20:00:00-05:00", "2023-09-17"],
    ["2023-09-16T09:00:00-0500", "2023-09-16"],
    ["2023-09-16T18:00:00", "2023-09-17"],
    ["2023-09-16T18:00Z", "2023-09-17"],
    ["2023-09-16", "2023-09-16"],
  ];

  it.each(cases)("%s → %s", (ts, iso) => {
    expect(vietnamDateOfTimestamp(ts)).toBe(iso);
  });

  it("does not depend on the machine's time zone", () => {
    for (const tz of ["UTC", "America/Los_Angeles", "Asia/Ho_Chi_Minh", "Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
      process.env.TZ = tz;
      for (const [ts, iso] of cases) expect(vietnamDateOfTimestamp(ts)).toBe(iso);
    }
  });

  it("rejects text that is not a timestamp", () => {
    for (const bad of ["", "16/09/2023", "2023-09-16T25:00:00Z", "2023-02-30T10:00:00Z", "2023-09-16T10:00:00+7", "yesterday"]) {
      expect(tryVietnamDateOfTimestamp(bad)).toBeNull();
      expect(() => vietnamDateOfTimestamp(bad)).toThrow(RangeError);
    }
  });
});
