import { describe, expect, it } from "vitest";
import { UserError } from "../src/core/findings";
import {
  allPeriodsOfYear,
  comparePeriods,
  daysLate,
  defaultPeriod,
  earlierInYear,
  isCumulative,
  isFlow,
  isLate,
  labelEn,
  labelVi,
  labelViSentence,
  labelViUpper,
  makePeriod,
  nestedEarlier,
  parsePeriod,
  parsePeriodText,
  periodId,
  periodWindow,
  preceding,
  sameTypeHistory,
  tryParsePeriod,
  unitDeadline,
  windowLine,
  yearToDateLine,
  yearToDateWindow,
  type Period,
} from "../src/core/periods";

const ids = (list: readonly Period[]): string[] => list.map((p) => p.id);

function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw new Error(`expected a UserError, got ${String(error)}`);
  }
  throw new Error("expected a UserError, nothing was thrown");
}

describe("period identifiers (§1)", () => {
  it.each([
    ["2023-M08", 2023, "M", 8],
    ["2023-M01", 2023, "M", 1],
    ["2023-M12", 2023, "M", 12],
    ["2023-Q1", 2023, "Q", 1],
    ["2023-Q4", 2023, "Q", 4],
    ["2023-H1", 2023, "H1", 0],
    ["2023-9M", 2023, "9M", 0],
    ["2024-Y", 2024, "Y", 0],
  ])("parses %s", (id, year, type, part) => {
    expect(parsePeriod(id)).toEqual({ id, year, type, part });
  });

  it("normalises lower case", () => {
    expect(parsePeriod("2023-q3").id).toBe("2023-Q3");
    expect(parsePeriod("2023-m08").id).toBe("2023-M08");
    expect(parsePeriod("2023-9m").id).toBe("2023-9M");
    expect(parsePeriod("2023-h1").id).toBe("2023-H1");
    expect(parsePeriod("2023-y").id).toBe("2023-Y");
  });

  it.each(["2023-Q5", "2023-Q0", "2023-H2", "23-Q1", "", "2023-AUG", "2023-M13", "2023-M00", "2023-M8", "1999-Y", "2023Q3", "2023-Q3 ", "Q3-2023"])(
    "rejects %j in tryParsePeriod unless it is only padded",
    (id) => {
      expect(tryParsePeriod(id)).toEqual(id === "2023-Q3 " ? parsePeriod("2023-Q3") : null);
    },
  );

  it.each(["2023-Q5", "2023-H2", "23-Q1", "", "   ", "2023-AUG", "2023-M8", "2023-M13", "abc"])(
    "throws a two-language UserError for %j",
    (id) => {
      const error = userErrorOf(() => parsePeriod(id));
      expect(error.localised.vi).toMatch(/kỳ báo cáo/iu);
      expect(error.localised.en).toMatch(/reporting period/iu);
      expect(error.localised.vi).toContain("2023-M08, 2023-Q3, 2023-H1, 2023-9M hoặc 2023-Y");
      expect(error.localised.en).toContain("2023-M08, 2023-Q3, 2023-H1, 2023-9M or 2023-Y");
      expect(error.message).toBe(error.localised.en);
    },
  );

  it("words the invalid-ID message as agreed", () => {
    expect(userErrorOf(() => parsePeriod("2023-Q5")).localised).toEqual({
      vi: 'Kỳ báo cáo "2023-Q5" không hợp lệ. Dùng dạng 2023-M08, 2023-Q3, 2023-H1, 2023-9M hoặc 2023-Y.',
      en: 'Reporting period "2023-Q5" is not valid. Use the form 2023-M08, 2023-Q3, 2023-H1, 2023-9M or 2023-Y.',
    });
  });

  it("explains that H2 is not supported in v1", () => {
    const error = userErrorOf(() => parsePeriod("2023-H2"));
    expect(error.localised.vi).toContain("6 tháng cuối năm");
    expect(error.localised.vi).toContain("phiên bản 1");
    expect(error.localised.en).toContain("not supported in v1");
  });

  it("suggests the ID for near misses", () => {
    expect(userErrorOf(() => parsePeriod("2023-AUG")).localised.vi).toContain('"2023-M08"');
    expect(userErrorOf(() => parsePeriod("2023-M8")).localised.en).toContain('Did you mean "2023-M08"?');
    expect(userErrorOf(() => parsePeriod("23-Q1")).localised.en).not.toContain("Did you mean");
  });

  it("makes periods and IDs", () => {
    expect(makePeriod(2023, "M", 8)).toEqual(parsePeriod("2023-M08"));
    expect(makePeriod(2023, "Q", 3).id).toBe("2023-Q3");
    expect(makePeriod(2023, "9M").id).toBe("2023-9M");
    expect(periodId({ year: 2023, type: "M", part: 1 })).toBe("2023-M01");
    expect(periodId({ year: 2023, type: "Y", part: 0 })).toBe("2023-Y");
    expect(() => makePeriod(2023, "M", 13)).toThrow(UserError);
    expect(() => makePeriod(2023, "Q", 0)).toThrow(UserError);
    expect(() => makePeriod(2023, "H1", 2)).toThrow(UserError);
    expect(() => makePeriod(1999, "Y")).toThrow(UserError);
    expect(() => makePeriod(2023.5, "Y")).toThrow(UserError);
  });

  it("lists every period of a year in picker order", () => {
    expect(ids(allPeriodsOfYear(2023))).toEqual([
      "2023-M01", "2023-M02", "2023-M03", "2023-M04", "2023-M05", "2023-M06",
      "2023-M07", "2023-M08", "2023-M09", "2023-M10", "2023-M11", "2023-M12",
      "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2023-H1", "2023-9M", "2023-Y",
    ]);
    for (const p of allPeriodsOfYear(2023)) expect(parsePeriod(p.id)).toEqual(p);
  });
});

describe("data windows (§2)", () => {
  it.each([
    ["2023-M08", "2023-07-15", "2023-08-14"],
    ["2023-M01", "2022-12-15", "2023-01-14"],
    ["2023-M03", "2023-02-15", "2023-03-14"],
    ["2023-M12", "2023-11-15", "2023-12-14"],
    ["2023-Q1", "2022-12-15", "2023-03-14"],
    ["2023-Q2", "2023-03-15", "2023-06-14"],
    ["2023-Q3", "2023-06-15", "2023-09-14"],
    ["2023-Q4", "2023-09-15", "2023-12-14"],
    ["2023-H1", "2022-12-15", "2023-06-14"],
    ["2023-9M", "2022-12-15", "2023-09-14"],
    ["2023-Y", "2022-12-15", "2023-12-14"],
  ])("%s runs %s – %s", (id, from, to) => {
    expect(periodWindow(parsePeriod(id))).toEqual({ from, to });
  });

  it("tiles the reporting year with months and with quarters", () => {
    for (const type of ["M", "Q"] as const) {
      const list = allPeriodsOfYear(2024).filter((p) => p.type === type);
      expect(periodWindow(list[0] ?? parsePeriod("2024-Y")).from).toBe("2023-12-15");
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const cur = list[i];
        if (!prev || !cur) throw new Error("unreachable");
        expect(periodWindow(cur).from).toBe(periodWindow(prev).to.replace(/-14$/u, "-15"));
      }
    }
  });

  it("gives the year-to-date window of KH-TH (§5)", () => {
    expect(yearToDateWindow(parsePeriod("2023-9M"))).toEqual({ from: "2023-01-01", to: "2023-09-14" });
    expect(yearToDateWindow(parsePeriod("2023-Q3"))).toEqual({ from: "2023-01-01", to: "2023-09-14" });
    expect(yearToDateWindow(parsePeriod("2023-M01"))).toEqual({ from: "2023-01-01", to: "2023-01-14" });
  });
});

describe("labels (§3)", () => {
  it.each([
    ["2023-M08", "Tháng 8 năm 2023", "tháng 8 năm 2023", "THÁNG 8 NĂM 2023", "August 2023"],
    ["2023-Q1", "Quý I năm 2023", "quý I năm 2023", "QUÝ I NĂM 2023", "Q1 2023"],
    ["2023-Q3", "Quý III năm 2023", "quý III năm 2023", "QUÝ III NĂM 2023", "Q3 2023"],
    ["2023-H1", "6 tháng đầu năm 2023", "6 tháng đầu năm 2023", "6 THÁNG ĐẦU NĂM 2023", "First half of 2023"],
    ["2023-9M", "9 tháng năm 2023", "9 tháng năm 2023", "9 THÁNG NĂM 2023", "First nine months of 2023"],
    ["2023-Y", "Năm 2023", "năm 2023", "NĂM 2023", "Year 2023"],
  ])("%s", (id, vi, sentence, upper, en) => {
    const p = parsePeriod(id);
    expect(labelVi(p)).toBe(vi);
    expect(labelViSentence(p)).toBe(sentence);
    expect(labelViUpper(p)).toBe(upper);
    expect(labelEn(p)).toBe(en);
  });

  it("uses Roman numerals, no leading zero and full English month names", () => {
    expect(labelVi(parsePeriod("2023-Q2"))).toBe("Quý II năm 2023");
    expect(labelVi(parsePeriod("2023-Q4"))).toBe("Quý IV năm 2023");
    expect(labelVi(parsePeriod("2023-M01"))).toBe("Tháng 1 năm 2023");
    expect(labelVi(parsePeriod("2023-M12"))).toBe("Tháng 12 năm 2023");
    expect(labelEn(parsePeriod("2023-M01"))).toBe("January 2023");
    expect(labelEn(parsePeriod("2023-M12"))).toBe("December 2023");
    expect(labelEn(parsePeriod("2023-Q4"))).toBe("Q4 2023");
  });

  it("writes labels in NFC", () => {
    for (const p of allPeriodsOfYear(2023)) {
      for (const text of [labelVi(p), labelViSentence(p), labelViUpper(p)]) expect(text).toBe(text.normalize("NFC"));
    }
  });

  it("writes the window lines", () => {
    const p = parsePeriod("2023-9M");
    expect(windowLine(p, "vi")).toBe("Số liệu tính từ ngày 15/12/2022 đến ngày 14/09/2023");
    expect(windowLine(p, "en")).toBe("Data from 15/12/2022 to 14/09/2023");
    expect(windowLine(parsePeriod("2023-M08"), "vi")).toBe("Số liệu tính từ ngày 15/07/2023 đến ngày 14/08/2023");
    expect(yearToDateLine(p, "vi")).toBe("Số liệu lũy kế từ ngày 01/01/2023 đến ngày 14/09/2023");
    expect(yearToDateLine(parsePeriod("2023-Q3"), "vi")).toBe("Số liệu lũy kế từ ngày 01/01/2023 đến ngày 14/09/2023");
    expect(yearToDateLine(p, "en")).toBe("Year-to-date data from 01/01/2023 to 14/09/2023");
  });
});

describe("flows and cumulative periods (§4)", () => {
  it("classifies period types", () => {
    expect(["M", "Q", "H1", "9M", "Y"].map((t) => isCumulative(parsePeriod(`2023-${t === "M" ? "M01" : t === "Q" ? "Q1" : t}`)))).toEqual([
      false, false, true, true, true,
    ]);
    expect(isFlow(parsePeriod("2023-M05"))).toBe(true);
    expect(isFlow(parsePeriod("2023-Q2"))).toBe(true);
    expect(isFlow(parsePeriod("2023-Y"))).toBe(false);
  });
});

describe("related periods (§6)", () => {
  it("preceding", () => {
    expect(ids(preceding(parsePeriod("2023-M08")))).toEqual(["2023-M07"]);
    expect(ids(preceding(parsePeriod("2023-M01")))).toEqual(["2022-M12"]);
    expect(ids(preceding(parsePeriod("2023-Q3")))).toEqual(["2023-Q2"]);
    expect(ids(preceding(parsePeriod("2023-Q1")))).toEqual(["2022-Q4"]);
    for (const id of ["2023-H1", "2023-9M", "2023-Y"]) {
      expect(ids(preceding(parsePeriod(id)))).toEqual(["2022-Y", "2022-Q4"]);
    }
    expect(preceding(parsePeriod("2000-Q1"))).toEqual([]);
  });

  it("preceding windows end the day before p's window starts", () => {
    for (const year of [2023, 2024]) {
      for (const p of allPeriodsOfYear(year)) {
        const start = periodWindow(p).from;
        for (const q of preceding(p)) {
          const end = periodWindow(q).to;
          expect(new Date(`${end}T00:00:00Z`).getTime() + 86_400_000).toBe(new Date(`${start}T00:00:00Z`).getTime());
        }
      }
    }
  });

  it("nestedEarlier", () => {
    expect(ids(nestedEarlier(parsePeriod("2023-9M")))).toEqual(["2023-M01", "2023-Q1", "2023-H1"]);
    expect(ids(nestedEarlier(parsePeriod("2023-Y")))).toEqual(["2023-M01", "2023-Q1", "2023-H1", "2023-9M"]);
    expect(ids(nestedEarlier(parsePeriod("2023-H1")))).toEqual(["2023-M01", "2023-Q1"]);
    expect(ids(nestedEarlier(parsePeriod("2023-Q1")))).toEqual(["2023-M01"]);
    expect(ids(nestedEarlier(parsePeriod("2023-Q2")))).toEqual(["2023-M04"]);
    expect(ids(nestedEarlier(parsePeriod("2023-Q4")))).toEqual(["2023-M10"]);
    expect(nestedEarlier(parsePeriod("2023-M01"))).toEqual([]);
    expect(nestedEarlier(parsePeriod("2023-M08"))).toEqual([]);
  });

  it("earlierInYear", () => {
    expect(ids(earlierInYear(parsePeriod("2023-Q3")))).toEqual([
      "2023-M01", "2023-M02", "2023-M03", "2023-Q1", "2023-M04", "2023-M05", "2023-M06", "2023-Q2", "2023-H1",
      "2023-M07", "2023-M08",
    ]);
    expect(ids(earlierInYear(parsePeriod("2023-9M")))).toEqual(ids(earlierInYear(parsePeriod("2023-Q3"))));
    expect(earlierInYear(parsePeriod("2023-M01"))).toEqual([]);
    expect(ids(earlierInYear(parsePeriod("2023-Q1")))).toEqual(["2023-M01", "2023-M02"]);
    expect(earlierInYear(parsePeriod("2023-Y"))).toHaveLength(19 - 3);
    expect(earlierInYear(parsePeriod("2023-Y")).every((p) => p.year === 2023)).toBe(true);
  });

  it("sameTypeHistory", () => {
    expect(ids(sameTypeHistory(parsePeriod("2023-Q3")))).toEqual(["2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2"]);
    expect(ids(sameTypeHistory(parsePeriod("2023-Q1")))).toEqual(["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]);
    expect(ids(sameTypeHistory(parsePeriod("2023-M02")))).toEqual(["2022-M10", "2022-M11", "2022-M12", "2023-M01"]);
    expect(ids(sameTypeHistory(parsePeriod("2023-H1")))).toEqual(["2019-H1", "2020-H1", "2021-H1", "2022-H1"]);
    expect(ids(sameTypeHistory(parsePeriod("2023-9M")))).toEqual(["2019-9M", "2020-9M", "2021-9M", "2022-9M"]);
    expect(ids(sameTypeHistory(parsePeriod("2023-Y")))).toEqual(["2019-Y", "2020-Y", "2021-Y", "2022-Y"]);
    expect(ids(sameTypeHistory(parsePeriod("2001-Q2")))).toEqual(["2000-Q2", "2000-Q3", "2000-Q4", "2001-Q1"]);
    expect(ids(sameTypeHistory(parsePeriod("2001-Q1")))).toEqual(["2000-Q1", "2000-Q2", "2000-Q3", "2000-Q4"]);
    expect(ids(sameTypeHistory(parsePeriod("2000-Q2")))).toEqual(["2000-Q1"]);
  });

  it("orders periods by window end, then M, Q, H1, 9M, Y", () => {
    const list = ["2023-Y", "2023-Q4", "2023-M12", "2023-9M", "2023-Q3", "2023-M09", "2022-Y"].map(parsePeriod);
    expect(ids(list.sort(comparePeriods))).toEqual(["2022-Y", "2023-M09", "2023-Q3", "2023-9M", "2023-M12", "2023-Q4", "2023-Y"]);
  });
});

describe("deadlines (§7)", () => {
  it("defaults to window end + 2 days", () => {
    expect(unitDeadline(parsePeriod("2023-9M"))).toBe("2023-09-16");
    expect(unitDeadline(parsePeriod("2023-Q4"))).toBe("2023-12-16");
    expect(unitDeadline(parsePeriod("2023-M01"), {})).toBe("2023-01-16");
  });

  it("takes another offset", () => {
    expect(unitDeadline(parsePeriod("2023-9M"), { deadlineOffsetDays: 0 })).toBe("2023-09-14");
    expect(unitDeadline(parsePeriod("2023-Y"), { deadlineOffsetDays: 20 })).toBe("2024-01-03");
    expect(() => unitDeadline(parsePeriod("2023-Y"), { deadlineOffsetDays: -1 })).toThrow(UserError);
    expect(() => unitDeadline(parsePeriod("2023-Y"), { deadlineOffsetDays: 1.5 })).toThrow(UserError);
  });

  it("lets an explicit deadline for the period win", () => {
    const deadlines = { "2023-9M": "2023-09-18" };
    expect(unitDeadline(parsePeriod("2023-9M"), { deadlines })).toBe("2023-09-18");
    expect(unitDeadline(parsePeriod("2023-9M"), { deadlines, deadlineOffsetDays: 5 })).toBe("2023-09-18");
    expect(unitDeadline(parsePeriod("2023-Q3"), { deadlines })).toBe("2023-09-16");
    expect(unitDeadline(parsePeriod("2023-9M"), { deadlines: { "2023-9m": "2023-09-20" } })).toBe("2023-09-20");
    const error = userErrorOf(() => unitDeadline(parsePeriod("2023-9M"), { deadlines: { "2023-9M": "18/09/2023" } }));
    expect(error.localised.vi).toContain("18/09/2023");
    expect(error.localised.en).toContain("yyyy-MM-dd");
  });

  it("judges lateness", () => {
    expect(isLate("2023-09-16", "2023-09-16")).toBe(false);
    expect(isLate("2023-09-15", "2023-09-16")).toBe(false);
    expect(isLate("2023-09-17", "2023-09-16")).toBe(true);
    expect(isLate("2024-01-01", "2023-12-16")).toBe(true);
    expect(daysLate("2023-09-17", "2023-09-16")).toBe(1);
    expect(daysLate("2023-10-01", "2023-09-16")).toBe(15);
    expect(daysLate("2023-09-16", "2023-09-16")).toBe(0);
    expect(daysLate("2023-09-01", "2023-09-16")).toBe(0);
  });
});

describe('reading "Kỳ báo cáo" text (§8)', () => {
  it.each([
    ["2023-9M", "2023-9M"],
    ["2023-q3", "2023-Q3"],
    ["2023-M8", "2023-M08"],
    ["2023-m08", "2023-M08"],
    ["2023-H1", "2023-H1"],
    ["2023-y", "2023-Y"],
    ["Tháng 8 năm 2023", "2023-M08"],
    ["Tháng 08 năm 2023", "2023-M08"],
    ["Tháng 8/2023", "2023-M08"],
    ["08/2023", "2023-M08"],
    ["12/2023", "2023-M12"],
    ["Quý III năm 2023", "2023-Q3"],
    ["Quý 3 năm 2023", "2023-Q3"],
    ["Quý III/2023", "2023-Q3"],
    ["Q3/2023", "2023-Q3"],
    ["Q3 2023", "2023-Q3"],
    ["Quý IV năm 2023", "2023-Q4"],
    ["Quý I/2024", "2024-Q1"],
    ["6 tháng đầu năm 2023", "2023-H1"],
    ["6 tháng năm 2023", "2023-H1"],
    ["6 tháng/2023", "2023-H1"],
    ["9 tháng năm 2023", "2023-9M"],
    ["9 tháng đầu năm 2023", "2023-9M"],
    ["9 tháng/2023", "2023-9M"],
    ["Năm 2023", "2023-Y"],
    ["Cả năm 2023", "2023-Y"],
    ["2023", "2023-Y"],
    // Normalisation: case, diacritics, spaces, NFD, spaces around "/".
    ["QUÝ III NĂM 2023", "2023-Q3"],
    ["quy iii nam 2023", "2023-Q3"],
    ["  Quý   III\u00a0năm  2023 ", "2023-Q3"],
    ["Qu\u0079\u0301 III n\u0061\u0306m 2023", "2023-Q3"],
    ["Tháng 8 / 2023", "2023-M08"],
    ["Quý III / 2023", "2023-Q3"],
    ["6 tháng /2023", "2023-H1"],
    ["CẢ NĂM 2023", "2023-Y"],
  ])("reads %j as %s", (text, id) => {
    expect(parsePeriodText(text)?.id).toBe(id);
  });

  it.each([
    "14/06/2023",
    "14/06",
    "15/12/2022 - 14/09/2023",
    "2023-08-14",
    "6/2023",
    "13/2023",
    "Tháng 13 năm 2023",
    "Quý V năm 2023",
    "Quý 5 năm 2023",
    "Q5/2023",
    "Q3-2023",
    "Quý III-2023",
    "6 tháng cuối năm 2023",
    "2023-H2",
    "2023-AUG",
    "August 2023",
    "Q3 2023 (dự kiến)",
    "năm 23",
    "1999",
    "45183",
    "",
    "Kỳ báo cáo",
  ])("rejects %j", (text) => {
    expect(parsePeriodText(text)).toBeNull();
  });
});

describe("default period (TASKPANE.md item 2)", () => {
  it.each([
    ["2023-09-14", "2023-M08"], // the 9-month window is still open on its last day
    ["2023-09-15", "2023-9M"], // 9M over Q3 and M09
    ["2023-09-30", "2023-9M"],
    ["2023-10-20", "2023-M10"],
    ["2023-12-15", "2023-Y"], // Y over Q4
    ["2024-01-10", "2023-Y"],
    ["2024-01-15", "2024-M01"],
    ["2024-03-20", "2024-Q1"], // Q over M
    ["2024-06-15", "2024-H1"], // H1 over Q2
    ["2024-06-14", "2024-M05"],
  ])("on %s is %s", (today, id) => {
    expect(defaultPeriod(today).id).toBe(id);
  });

  it("rejects a malformed date", () => {
    expect(() => defaultPeriod("15/09/2023")).toThrow(RangeError);
  });
});
