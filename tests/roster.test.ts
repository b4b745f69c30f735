import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Finding } from "../src/core/findings";
import {
  DEFAULT_ROSTER,
  KHOI_LABEL_VI,
  UNIT_CODE_PATTERN,
  UNIT_TYPE_LABEL_VI,
  findUnit,
  isActive,
  isKnownCode,
  parseRosterCsv,
  rosterErrorText,
  unitsActiveIn,
  unitsExpectedIn,
  type Roster,
  type RosterResult,
} from "../src/core/roster";
import { parseRoster, parseRosterXlsx } from "../src/core/read/roster";

const HEADER = "ma_dv,ten_dv,loai_dv,khoi,hieu_luc_tu,hieu_luc_den";
const Q1_2025 = { from: "2024-12-15", to: "2025-03-14" };
const Q2_2025 = { from: "2025-03-15", to: "2025-06-14" };
const Q3_2025 = { from: "2025-06-15", to: "2025-09-14" };
const Y_2025 = { from: "2024-12-15", to: "2025-12-14" };

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function csv(lines: readonly string[], eol = "\n"): Uint8Array {
  return utf8(lines.join(eol) + eol);
}

function okRoster(result: RosterResult): Roster {
  expect(result.errors).toEqual([]);
  expect(result.roster).not.toBeNull();
  if (result.roster === null) throw new Error("no roster");
  return result.roster;
}

function onlyError(result: RosterResult): Finding {
  expect(result.roster).toBeNull();
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors;
  if (error === undefined) throw new Error("no error");
  return error;
}

describe("default roster", () => {
  it("has the 47 units of UNITS.md §3, 27 domestic first", () => {
    expect(DEFAULT_ROSTER.rows).toHaveLength(47);
    expect(DEFAULT_ROSTER.isDefault).toBe(true);
    expect(DEFAULT_ROSTER.source).toBe("mặc định");
    expect(DEFAULT_ROSTER.rows.slice(0, 27).every((r) => r.khoi === "TRONG_NUOC")).toBe(true);
    expect(DEFAULT_ROSTER.rows.slice(27).every((r) => r.khoi === "NGOAI_NUOC")).toBe(true);
    expect(DEFAULT_ROSTER.rows.every((r) => r.validFrom === null && r.validTo === null)).toBe(true);
    expect(DEFAULT_ROSTER.rows.map((r) => r.line)).toEqual(Array.from({ length: 47 }, (_, i) => i + 2));
  });

  it("has exact names, types and codes", () => {
    const byCode = new Map(DEFAULT_ROSTER.rows.map((r) => [r.code, r]));
    expect(DEFAULT_ROSTER.rows[0]).toMatchObject({ code: "VU-CAU-AU", name: "Vụ Châu Âu", type: "VU" });
    expect(byCode.get("VU-DNA-NA-NTBD")?.name).toBe("Vụ Đông Nam Á - Nam Á - Nam Thái Bình Dương");
    expect(byCode.get("UB-NVNONN")).toMatchObject({ name: "Ủy ban Nhà nước về người Việt Nam ở nước ngoài", type: "UY_BAN" });
    expect(DEFAULT_ROSTER.rows[26]).toMatchObject({ code: "BAO-TGVN", name: "Báo Thế giới và Việt Nam", type: "BAO" });
    expect(DEFAULT_ROSTER.rows[27]).toMatchObject({ code: "CQDD-US-WAS", name: "Đại sứ quán Việt Nam tại Hoa Kỳ", type: "DSQ" });
    expect(byCode.get("CQDD-AU-CBR")?.name).toBe("Đại sứ quán Việt Nam tại Ô-xtrây-li-a");
    expect(DEFAULT_ROSTER.rows[46]).toMatchObject({
      code: "CQDD-ASEAN-JKT",
      name: "Phái đoàn đại diện thường trực Việt Nam tại ASEAN",
      type: "PDTT",
    });
    expect(DEFAULT_ROSTER.rows.filter((r) => r.type === "VU")).toHaveLength(15);
    expect(DEFAULT_ROSTER.rows.filter((r) => r.type === "TLSQ")).toHaveLength(6);
    expect(byCode.has("UBKT-DANG-UY-BO")).toBe(false);
  });

  it("uses valid, unique codes and NFC names", () => {
    const codes = DEFAULT_ROSTER.rows.map((r) => r.code);
    expect(new Set(codes).size).toBe(47);
    for (const code of codes) {
      expect(code).toMatch(UNIT_CODE_PATTERN);
      expect(code.length).toBeLessThanOrEqual(32);
    }
    for (const row of DEFAULT_ROSTER.rows) expect(row.name).toBe(row.name.normalize("NFC"));
  });

  it("is all active and expected in any window, in roster order", () => {
    const units = unitsExpectedIn(DEFAULT_ROSTER, Q1_2025);
    expect(units).toHaveLength(47);
    expect(units.map((u) => u.order)).toEqual(Array.from({ length: 47 }, (_, i) => i));
    expect(unitsActiveIn(DEFAULT_ROSTER, Q1_2025)).toEqual(units);
  });

  it("has labels", () => {
    expect(KHOI_LABEL_VI.TRONG_NUOC).toBe("I. Các đơn vị trong nước");
    expect(KHOI_LABEL_VI.NGOAI_NUOC).toBe("II. Các cơ quan đại diện ở nước ngoài");
    expect(UNIT_TYPE_LABEL_VI.VAN_PHONG).toBe("Văn phòng Bộ");
    expect(UNIT_TYPE_LABEL_VI.TLSQ).toBe("Tổng Lãnh sự quán");
  });
});

describe("parseRosterCsv: reading", () => {
  const example = [
    HEADER,
    "VU-CAU-AU,Vụ Châu Âu,VU,TRONG_NUOC,,",
    "THANH-TRA-BO,Thanh tra Bộ,THANH_TRA,TRONG_NUOC,,",
    "CQDD-US-HOU,Tổng Lãnh sự quán Việt Nam tại Houston,TLSQ,NGOAI_NUOC,2010-03-25,",
  ];

  it("reads the UNITS.md example", () => {
    const roster = okRoster(parseRosterCsv(csv(example), "dv.csv"));
    expect(roster.source).toBe("dv.csv");
    expect(roster.isDefault).toBe(false);
    expect(roster.rows).toEqual([
      { code: "VU-CAU-AU", name: "Vụ Châu Âu", type: "VU", khoi: "TRONG_NUOC", validFrom: null, validTo: null, line: 2 },
      { code: "THANH-TRA-BO", name: "Thanh tra Bộ", type: "THANH_TRA", khoi: "TRONG_NUOC", validFrom: null, validTo: null, line: 3 },
      {
        code: "CQDD-US-HOU",
        name: "Tổng Lãnh sự quán Việt Nam tại Houston",
        type: "TLSQ",
        khoi: "NGOAI_NUOC",
        validFrom: "2010-03-25",
        validTo: null,
        line: 4,
      },
    ]);
  });

  it("reads a BOM and CRLF line endings, with or without a final line break", () => {
    const plain = okRoster(parseRosterCsv(csv(example), "a.csv")).rows;
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...csv(example, "\r\n")]);
    expect(okRoster(parseRosterCsv(bom, "a.csv")).rows).toEqual(plain);
    expect(okRoster(parseRosterCsv(utf8(example.join("\r\n")), "a.csv")).rows).toEqual(plain);
  });

  it("reads columns in any order, ignores unknown columns, skips blank lines", () => {
    const bytes = csv(["ghi_chu,khoi,ten_dv,ma_dv,loai_dv", "x,NGOAI_NUOC,Đại sứ quán Việt Nam tại Lào,CQDD-LA-VTE,DSQ", "", ",,,,", "y,TRONG_NUOC,Cục Lãnh sự,CUC-LANH-SU,CUC"]);
    const roster = okRoster(parseRosterCsv(bytes, "a.csv"));
    expect(roster.rows.map((r) => [r.code, r.name, r.type, r.khoi, r.validFrom, r.line])).toEqual([
      ["CQDD-LA-VTE", "Đại sứ quán Việt Nam tại Lào", "DSQ", "NGOAI_NUOC", null, 2],
      ["CUC-LANH-SU", "Cục Lãnh sự", "CUC", "TRONG_NUOC", null, 5],
    ]);
  });

  it("reads RFC 4180 quoting: commas, doubled quotes, line breaks", () => {
    const bytes = csv([
      HEADER,
      '"VU-A","Vụ A, B và ""C""",VU,TRONG_NUOC,,',
      '"VU-B","Vụ',
      'hai dòng",VU,TRONG_NUOC,"01/02/2024",""',
      "VU-C,Vụ C,VU,TRONG_NUOC,,",
    ]);
    const roster = okRoster(parseRosterCsv(bytes, "a.csv"));
    expect(roster.rows.map((r) => [r.code, r.name, r.validFrom, r.line])).toEqual([
      ["VU-A", 'Vụ A, B và "C"', null, 2],
      ["VU-B", "Vụ hai dòng", "2024-02-01", 3],
      ["VU-C", "Vụ C", null, 5],
    ]);
  });

  it("stores NFD names in NFC and trims codes and names", () => {
    const nfd = "Vụ Châu Âu".normalize("NFD");
    expect(nfd).not.toBe("Vụ Châu Âu");
    const roster = okRoster(parseRosterCsv(csv([HEADER, ` VU-CAU-AU ,  ${nfd} ,VU,TRONG_NUOC,,`]), "a.csv"));
    expect(roster.rows[0]?.code).toBe("VU-CAU-AU");
    expect(roster.rows[0]?.name).toBe("Vụ Châu Âu");
  });

  it("accepts yyyy-MM-dd and dd/MM/yyyy dates", () => {
    const roster = okRoster(parseRosterCsv(csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,29/02/2024,2025-02-28"]), "a.csv"));
    expect(roster.rows[0]).toMatchObject({ validFrom: "2024-02-29", validTo: "2025-02-28" });
  });

  it("accepts non-overlapping rows of one renamed unit", () => {
    const roster = okRoster(
      parseRosterCsv(
        csv([HEADER, "VU-A,Vụ Cũ,VU,TRONG_NUOC,,2025-02-28", "VU-B,Vụ B,VU,TRONG_NUOC,,", "VU-A,Vụ Mới,CUC,TRONG_NUOC,2025-03-01,"]),
        "a.csv",
      ),
    );
    expect(roster.rows).toHaveLength(3);
  });
});

describe("parseRosterCsv: V-ROSTER findings", () => {
  it("V-ROSTER-01: not UTF-8", () => {
    const error = onlyError(parseRosterCsv(new Uint8Array([...utf8(HEADER + "\nVU-A,V"), 0xc3, 0x28, 0x0a]), "a.csv"));
    expect(error).toMatchObject({ rule: "V-ROSTER-01", severity: "error", file: "a.csv", row: null, unit: null });
    expect(error.message.vi).toBe("Không đọc được danh sách đơn vị: tệp không phải UTF-8.");
    expect(error.message.en).toBe("Cannot read the unit roster: the file is not UTF-8.");
  });

  it("V-ROSTER-01: a missing column is named, in both languages", () => {
    const error = onlyError(parseRosterCsv(csv(["ma_dv,loai_dv,khoi", "VU-A,VU,TRONG_NUOC"]), "a.csv"));
    expect(error.rule).toBe("V-ROSTER-01");
    expect(error.message.vi).toBe("Không đọc được danh sách đơn vị: thiếu cột ten_dv.");
    expect(error.message.en).toBe("Cannot read the unit roster: column ten_dv is missing.");
    const two = onlyError(parseRosterCsv(csv(["ma_dv,loai_dv", "VU-A,VU"]), "a.csv"));
    expect(two.message.vi).toBe("Không đọc được danh sách đơn vị: thiếu cột ten_dv, khoi.");
    expect(two.message.en).toBe("Cannot read the unit roster: columns ten_dv, khoi are missing.");
  });

  it("V-ROSTER-01: header names are case-sensitive; empty file; unclosed quote; no unit", () => {
    expect(onlyError(parseRosterCsv(csv(["MA_DV,ten_dv,loai_dv,khoi"]), "a.csv")).message.vi).toContain("thiếu cột ma_dv");
    expect(onlyError(parseRosterCsv(new Uint8Array(), "a.csv")).rule).toBe("V-ROSTER-01");
    expect(onlyError(parseRosterCsv(csv([HEADER, 'VU-A,"Vụ A,VU,TRONG_NUOC,,']), "a.csv")).message.en).toBe(
      "Cannot read the unit roster: the quote opened on line 2 is never closed.",
    );
    expect(onlyError(parseRosterCsv(csv([HEADER]), "a.csv")).rule).toBe("V-ROSTER-01");
  });

  it("V-ROSTER-02: empty required value", () => {
    const error = onlyError(parseRosterCsv(csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,,", "VU-B,  ,VU,TRONG_NUOC,,"]), "a.csv"));
    expect(error).toMatchObject({ rule: "V-ROSTER-02", unit: "VU-B", row: null });
    expect(error.message.vi).toBe("Danh sách đơn vị, dòng 3: thiếu ten_dv.");
    expect(error.message.en).toBe("Unit roster, row 3: ten_dv is empty.");
  });

  it("V-ROSTER-03: lower-case or malformed code is not fixed silently", () => {
    const result = parseRosterCsv(
      csv([HEADER, "vu-cau-au,Vụ Châu Âu,VU,TRONG_NUOC,,", "VU--A,Vụ A,VU,TRONG_NUOC,,", `${"A".repeat(33)},Vụ X,VU,TRONG_NUOC,,`]),
      "a.csv",
    );
    expect(result.roster).toBeNull();
    expect(result.errors.map((e) => [e.rule, e.value, e.unit])).toEqual([
      ["V-ROSTER-03", "vu-cau-au", null],
      ["V-ROSTER-03", "VU--A", null],
      ["V-ROSTER-03", "A".repeat(33), null],
    ]);
    expect(result.errors[0]?.message.vi).toBe('Danh sách đơn vị, dòng 2: mã "vu-cau-au" không hợp lệ.');
  });

  it("V-ROSTER-04: unknown khoi or loai_dv", () => {
    const result = parseRosterCsv(csv([HEADER, "VU-A,Vụ A,VU,TRONG NUOC,,", "VU-B,Vụ B,vu,TRONG_NUOC,,"]), "a.csv");
    expect(result.roster).toBeNull();
    expect(result.errors.map((e) => [e.rule, e.unit, e.value])).toEqual([
      ["V-ROSTER-04", "VU-A", "TRONG NUOC"],
      ["V-ROSTER-04", "VU-B", "vu"],
    ]);
    expect(result.errors[0]?.message.vi).toBe('Danh sách đơn vị, dòng 2: giá trị "TRONG NUOC" không hợp lệ ở cột khoi.');
    expect(result.errors[1]?.message.en).toBe('Unit roster, row 3: value "vu" is not valid in column loai_dv.');
  });

  it("V-ROSTER-05: bad date, and end before start", () => {
    const result = parseRosterCsv(
      csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,31/02/2025,", "VU-B,Vụ B,VU,TRONG_NUOC,2025-03-01,2025-02-28", "VU-C,Vụ C,VU,TRONG_NUOC,,mai"]),
      "a.csv",
    );
    expect(result.roster).toBeNull();
    expect(result.errors.map((e) => [e.rule, e.unit])).toEqual([
      ["V-ROSTER-05", "VU-A"],
      ["V-ROSTER-05", "VU-B"],
      ["V-ROSTER-05", "VU-C"],
    ]);
    expect(result.errors[0]?.message.vi).toBe("Danh sách đơn vị, dòng 2: ngày hiệu lực không hợp lệ (hieu_luc_tu: 31/02/2025).");
    expect(result.errors[1]?.message.en).toBe(
      "Unit roster, row 3: invalid validity dates (hieu_luc_tu 2025-03-01 > hieu_luc_den 2025-02-28).",
    );
  });

  it("roster dates follow the one date grammar of PERIODS.md §9 (dd-MM-yyyy and dd.MM.yyyy too; never month first)", () => {
    const ok = okRoster(
      parseRosterCsv(csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,05-09-2023,31.12.2024", "VU-B,Vụ B,VU,TRONG_NUOC,5/9/2023,2024-12-31"]), "a.csv"),
    );
    expect(ok.rows.map((r) => [r.validFrom, r.validTo])).toEqual([
      ["2023-09-05", "2024-12-31"],
      ["2023-09-05", "2024-12-31"],
    ]);
    // Not a PERIODS.md §9 form: an ISO date without its leading zeros, and day 13 of a month-first reading.
    const bad = parseRosterCsv(csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,2023-9-5,", "VU-B,Vụ B,VU,TRONG_NUOC,09/13/2023,"]), "a.csv");
    expect(bad.errors.map((e) => [e.rule, e.unit])).toEqual([
      ["V-ROSTER-05", "VU-A"],
      ["V-ROSTER-05", "VU-B"],
    ]);
  });

  it("V-ROSTER-06: one code with overlapping validity", () => {
    const error = onlyError(
      parseRosterCsv(csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,,2025-03-01", "VU-B,Vụ B,VU,TRONG_NUOC,,", "VU-A,Vụ A mới,VU,TRONG_NUOC,2025-03-01,"]), "a.csv"),
    );
    expect(error).toMatchObject({ rule: "V-ROSTER-06", unit: "VU-A", value: "VU-A", expected: 2 });
    expect(error.message.vi).toBe('Mã đơn vị "VU-A" có các khoảng hiệu lực chồng nhau (dòng 4 và 2).');
    expect(error.message.en).toBe('Unit code "VU-A" has overlapping validity (rows 4 and 2).');
    // A plain duplicate (both open-ended) overlaps too.
    expect(onlyError(parseRosterCsv(csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,,", "VU-A,Vụ A,VU,TRONG_NUOC,,"]), "a.csv")).rule).toBe(
      "V-ROSTER-06",
    );
  });

  it("collects every problem, not only the first", () => {
    const result = parseRosterCsv(csv([HEADER, "vu-a,,VU,X,,", "VU-B,Vụ B,Y,TRONG_NUOC,1/13/2025,"]), "a.csv");
    expect(result.roster).toBeNull();
    expect(result.errors.map((e) => e.rule)).toEqual(["V-ROSTER-03", "V-ROSTER-02", "V-ROSTER-04", "V-ROSTER-04", "V-ROSTER-05"]);
    const text = rosterErrorText(result.errors, "vi").split("\n");
    expect(text).toHaveLength(5);
    expect(text[0]).toBe('a.csv: Danh sách đơn vị, dòng 2: mã "vu-a" không hợp lệ. (V-ROSTER-03)');
    expect(rosterErrorText(result.errors, "en").split("\n")[1]).toBe("a.csv: Unit roster, row 2: ten_dv is empty. (V-ROSTER-02)");
  });
});

describe("units in a window", () => {
  const roster = okRoster(
    parseRosterCsv(
      csv([
        HEADER,
        "VU-A,Vụ A cũ,VU,TRONG_NUOC,,2025-02-28",
        "VU-CLOSED,Vụ Giải thể,VU,TRONG_NUOC,,2025-02-28",
        "VU-NEW,Vụ Mới,VU,TRONG_NUOC,01/07/2025,",
        "CQDD-LA-VTE,Đại sứ quán Việt Nam tại Lào,DSQ,NGOAI_NUOC,,",
        "VU-A,Vụ A mới,CUC,TRONG_NUOC,2025-03-01,",
      ]),
      "a.csv",
    ),
  );

  it("a renamed unit resolves to the row valid at the window end", () => {
    const q1 = findUnit(roster, "VU-A", Q1_2025);
    expect(q1).toEqual({ code: "VU-A", name: "Vụ A mới", type: "CUC", khoi: "TRONG_NUOC", order: 4 });
    // Before the rename only the old row applies.
    expect(findUnit(roster, "VU-A", { from: "2024-12-15", to: "2025-01-14" })?.name).toBe("Vụ A cũ");
    const active = unitsActiveIn(roster, Q1_2025);
    expect(active.filter((u) => u.code === "VU-A")).toHaveLength(1);
    // Roster order is the position of the resolving row: the new VU-A row is last.
    expect(active.map((u) => u.code)).toEqual(["VU-CLOSED", "CQDD-LA-VTE", "VU-A"]);
  });

  it("a unit closed on 28/02/2025 is active in 2025-Q1 but not expected", () => {
    expect(isActive(roster, "VU-CLOSED", Q1_2025)).toBe(true);
    expect(unitsActiveIn(roster, Q1_2025).map((u) => u.code)).toContain("VU-CLOSED");
    expect(unitsExpectedIn(roster, Q1_2025).map((u) => u.code)).toEqual(["CQDD-LA-VTE", "VU-A"]);
    expect(findUnit(roster, "VU-CLOSED", Q1_2025)?.name).toBe("Vụ Giải thể");
    expect(isActive(roster, "VU-CLOSED", Q2_2025)).toBe(false);
    expect(findUnit(roster, "VU-CLOSED", Q2_2025)).toBeNull();
    expect(isKnownCode(roster, "VU-CLOSED")).toBe(true);
  });

  it("a unit created on 01/07/2025 is active and expected only from the window that reaches it", () => {
    expect(isActive(roster, "VU-NEW", Q2_2025)).toBe(false);
    expect(unitsActiveIn(roster, Q2_2025).map((u) => u.code)).not.toContain("VU-NEW");
    expect(isActive(roster, "VU-NEW", Q3_2025)).toBe(true);
    expect(unitsExpectedIn(roster, Q3_2025).map((u) => u.code)).toContain("VU-NEW");
    expect(unitsExpectedIn(roster, Y_2025).map((u) => u.code)).toEqual(["VU-NEW", "CQDD-LA-VTE", "VU-A"]);
    // A window that ends the day the unit starts already expects it.
    expect(unitsExpectedIn(roster, { from: "2025-06-15", to: "2025-07-01" }).map((u) => u.code)).toContain("VU-NEW");
    expect(unitsExpectedIn(roster, { from: "2025-06-15", to: "2025-06-30" }).map((u) => u.code)).not.toContain("VU-NEW");
  });

  it("a unit active only early in the window resolves to its last row valid in the window", () => {
    const r = okRoster(
      parseRosterCsv(csv([HEADER, "VU-X,Tên 1,VU,TRONG_NUOC,,2025-01-10", "VU-X,Tên 2,CUC,TRONG_NUOC,2025-01-11,2025-02-28"]), "a.csv"),
    );
    expect(findUnit(r, "VU-X", Q1_2025)).toEqual({ code: "VU-X", name: "Tên 2", type: "CUC", khoi: "TRONG_NUOC", order: 1 });
    expect(unitsExpectedIn(r, Q1_2025)).toEqual([]);
  });

  it("unknown codes", () => {
    expect(isKnownCode(roster, "VU-ZZZ")).toBe(false);
    expect(isKnownCode(roster, "vu-a")).toBe(false);
    expect(isActive(roster, "VU-ZZZ", Q1_2025)).toBe(false);
    expect(findUnit(roster, "VU-ZZZ", Q1_2025)).toBeNull();
  });
});

/** The XLSX roster reader (read/roster.ts, the streaming reader; rosters written by exceljs here). */
describe("parseRosterXlsx", () => {
  async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("reads sheet DanhSachDonVi with a Date cell and a rich-text name", async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet("Khac").addRow(["nothing"]);
      const ws = wb.addWorksheet("DanhSachDonVi");
      ws.addRow(["ma_dv", "ten_dv", "loai_dv", "khoi", "hieu_luc_tu", "hieu_luc_den"]);
      ws.addRow(["VU-CAU-AU", { richText: [{ text: "Vụ " }, { font: { bold: true }, text: "Châu Âu" }] }, "VU", "TRONG_NUOC", new Date(Date.UTC(2024, 0, 15)), "28/02/2025"]);
      ws.addRow([]);
      ws.addRow(["CQDD-US-HOU", "Tổng Lãnh sự quán Việt Nam tại Houston".normalize("NFD"), "TLSQ", { formula: '"NGOAI"&"_NUOC"', result: "NGOAI_NUOC" }, null, null]);
      ws.getCell("E2").numFmt = "dd/mm/yyyy";
    });
    const roster = okRoster(await parseRosterXlsx(bytes, "dv.xlsx"));
    expect(roster.source).toBe("dv.xlsx");
    expect(roster.rows).toEqual([
      { code: "VU-CAU-AU", name: "Vụ Châu Âu", type: "VU", khoi: "TRONG_NUOC", validFrom: "2024-01-15", validTo: "2025-02-28", line: 2 },
      {
        code: "CQDD-US-HOU",
        name: "Tổng Lãnh sự quán Việt Nam tại Houston",
        type: "TLSQ",
        khoi: "NGOAI_NUOC",
        validFrom: null,
        validTo: null,
        line: 4,
      },
    ]);
  });

  it("falls back to the first sheet and reports errors with the row number", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("Sheet1");
      ws.addRow(["khoi", "ma_dv", "ten_dv", "loai_dv"]);
      ws.addRow(["TRONG_NUOC", "VU-A", "Vụ A", "VU"]);
      ws.addRow(["TRONG_NUOC", "vu-b", "Vụ B", "VU"]);
    });
    const error = onlyError(await parseRoster(bytes, "DS.XLSX"));
    expect(error).toMatchObject({ rule: "V-ROSTER-03", value: "vu-b", file: "DS.XLSX" });
    expect(error.message.en).toBe('Unit roster, row 3: code "vu-b" is not valid.');
  });

  it("reads a cell covered by a merge as the merge's value (khối merged down two units)", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("DanhSachDonVi");
      ws.addRow(["ma_dv", "ten_dv", "loai_dv", "khoi"]);
      ws.addRow(["VU-A", "Vụ A", "VU", "TRONG_NUOC"]);
      ws.addRow(["VU-B", "Vụ B", "VU", null]);
      ws.mergeCells("D2:D3");
    });
    const roster = okRoster(await parseRosterXlsx(bytes, "a.xlsx"));
    expect(roster.rows.map((r) => [r.code, r.khoi])).toEqual([
      ["VU-A", "TRONG_NUOC"],
      ["VU-B", "TRONG_NUOC"],
    ]);
  });

  it("reads a plain number in a date column as an Excel serial, elsewhere as text", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("DanhSachDonVi");
      ws.addRow(["ma_dv", "ten_dv", "loai_dv", "khoi", "hieu_luc_den"]);
      ws.addRow([123, "Vụ Số", "VU", "TRONG_NUOC", 45716]);
    });
    const roster = okRoster(await parseRosterXlsx(bytes, "a.xlsx"));
    expect(roster.rows[0]).toMatchObject({ code: "123", validFrom: null, validTo: "2025-02-28" });
  });

  it("reports a missing column", async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet("DanhSachDonVi").addRow(["ma_dv", "ten_dv", "loai_dv"]);
    });
    expect(onlyError(await parseRosterXlsx(bytes, "a.xlsx")).message.vi).toBe("Không đọc được danh sách đơn vị: thiếu cột khoi.");
  });

  it("random bytes give V-ROSTER-01, not a throw", async () => {
    let seed = 42;
    const random = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed & 0xff;
    });
    const error = onlyError(await parseRosterXlsx(random, "a.xlsx"));
    expect(error.rule).toBe("V-ROSTER-01");
    expect(error.message.en).toBe("Cannot read the unit roster: the file is not a valid XLSX workbook.");
    expect(onlyError(await parseRosterXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "a.xlsx")).rule).toBe("V-ROSTER-01");
  });
});

describe("parseRoster", () => {
  it("dispatches by extension", async () => {
    const roster = okRoster(await parseRoster(csv([HEADER, "VU-A,Vụ A,VU,TRONG_NUOC,,"]), "Danh sach.CSV"));
    expect(roster.rows).toHaveLength(1);
    const error = onlyError(await parseRoster(csv([HEADER]), "a.txt"));
    expect(error.rule).toBe("V-ROSTER-01");
    expect(error.file).toBe("a.txt");
  });
});
