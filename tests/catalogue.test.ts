/**
 * The form catalogue checked against itself and against FORMS.md (the expected values below are
 * copied from the spec, so a transcription slip in either place fails here).
 */
import { describe, expect, it } from "vitest";
import {
  codeRowIdentities,
  identityNotation,
  parseRule,
  renderRule,
  ruleTerms,
  sideNotation,
  type Term,
} from "../src/core/catalogue/expr";
import {
  CATALOGUE_VERSION,
  FORMS,
  RATE_ROWS_DEFAULT,
  TT01_2024,
  columnByNo,
  dataRows,
  findFormByCodeOrSheet,
  formByCode,
  normaliseFormCode,
  numericColumns,
  requiredFormsFor,
} from "../src/core/catalogue/index";
import type { FormDef, RuleDef } from "../src/core/catalogue/types";
import { RULE_MESSAGES, messageKeyOf, ruleMessage } from "../src/core/messages";

function form(code: string): FormDef {
  const found = formByCode(code);
  if (!found) throw new Error(`no form ${code}`);
  return found;
}

function ruleById(f: FormDef, id: string): RuleDef {
  const found = f.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** FORMS.md §2 and §3–§5: code, sheet, title, layout, status, column count, notesNo, headerDepth. */
const SPEC: readonly (readonly [string, string, string, "WIDE" | "ROWS", "DESIGN" | "OFFICIAL-IMPL", number, number, number])[] = [
  ["KH-TH", "KH_TH", "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH THANH TRA, KIỂM TRA, GIÁM SÁT", "ROWS", "DESIGN", 11, 12, 2],
  ["01/TTr", "01_TTr", "TỔNG HỢP KẾT QUẢ THANH TRA HÀNH CHÍNH", "WIDE", "OFFICIAL-IMPL", 18, 19, 3],
  ["01/TCD", "01_TCD", "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT", "WIDE", "OFFICIAL-IMPL", 29, 30, 4],
  ["02/TCD", "02_TCD", "TỔNG HỢP KẾT QUẢ PHÂN LOẠI, XỬ LÝ ĐƠN QUA TIẾP CÔNG DÂN", "WIDE", "OFFICIAL-IMPL", 17, 18, 4],
  ["01/XLD", "01_XLD", "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN", "WIDE", "OFFICIAL-IMPL", 22, 23, 3],
  ["01/KQGQ", "01_KQGQ", "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI THUỘC THẨM QUYỀN", "WIDE", "OFFICIAL-IMPL", 26, 27, 4],
  ["03/KQGQ", "03_KQGQ", "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO THUỘC THẨM QUYỀN", "WIDE", "OFFICIAL-IMPL", 31, 32, 4],
  ["PCTN-NB", "PCTN", "MỘT SỐ CHỈ TIÊU VỀ CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG, TIÊU CỰC", "ROWS", "DESIGN", 2, 3, 1],
];

const UNIT_LINES: Readonly<Record<string, string>> = {
  "KH-TH": "Đơn vị tính: cuộc; tổ chức; người; đối tượng",
  "01/TTr": "Đơn vị tính: Tiền (triệu đồng); đất (m²)",
  "01/TCD": "Đơn vị tính: lượt; người; vụ việc; kỳ; đoàn",
  "02/TCD": "Đơn vị tính: đơn; vụ việc; văn bản",
  "01/XLD": "Đơn vị tính: đơn; vụ việc; văn bản",
  "01/KQGQ": "Đơn vị tính: Tiền (triệu đồng); đất (m²)",
  "03/KQGQ": "Đơn vị tính: Tiền (triệu đồng); đất (m²)",
  "PCTN-NB": "Đơn vị tính: ghi tại cột C",
};

describe("regime and form list (FORMS.md §2)", () => {
  it("lists the eight forms in sheet order under TT01_2024-v1", () => {
    expect(TT01_2024.id).toBe("TT01_2024");
    expect(TT01_2024.version).toBe("TT01_2024-v1");
    expect(CATALOGUE_VERSION).toBe("TT01_2024-v1");
    expect(TT01_2024.forms).toBe(FORMS);
    expect(FORMS.map((f) => f.code)).toEqual(SPEC.map((s) => s[0]));
  });

  it.each(SPEC)("%s: sheet, label, title, layout, status, unit line", (code, sheet, title, layout, status) => {
    const f = form(code);
    expect(f.code).toBe(code);
    expect(f.sheet).toBe(sheet);
    expect(f.label).toBe(`Biểu số: ${code}`);
    expect(f.title).toBe(title);
    expect(f.layout).toBe(layout);
    expect(f.status).toBe(status);
    expect(f.unitLine).toBe(UNIT_LINES[code]);
    // A sheet name is the code with "/" replaced by "_", except KH_TH and PCTN (given explicitly).
    if (code !== "KH-TH" && code !== "PCTN-NB") expect(f.sheet).toBe(code.replace("/", "_"));
  });

  it("has alternative titles only for 01/KQGQ", () => {
    for (const f of FORMS) {
      expect(f.altTitles).toEqual(f.code === "01/KQGQ" ? ["TỔNG HỢP KẾT QUẢ GIẢI QUYẾT THUỘC THẨM QUYỀN"] : []);
    }
  });

  it("holds only NFC text", () => {
    const texts = FORMS.flatMap((f) => [
      f.title,
      f.label,
      f.unitLine,
      ...f.altTitles,
      ...f.labelColumns,
      ...f.columns.flatMap((c) => [...c.headerPath, c.uom]),
      ...f.rows.flatMap((r) => [r.label, r.uom ?? ""]),
    ]);
    for (const t of texts) expect(t).toBe(t.normalize("NFC"));
  });
});

describe("columns", () => {
  it.each(SPEC)("%s: columns 1..n, n as in FORMS.md, notesNo and headerDepth", (code, _s, _t, _l, _st, count, notesNo, depth) => {
    const f = form(code);
    expect(f.columns.map((c) => c.no)).toEqual(Array.from({ length: count }, (_, k) => k + 1));
    expect(f.notesNo).toBe(notesNo);
    expect(f.notesNo).toBe((f.columns[f.columns.length - 1]?.no ?? 0) + 1);
    expect(f.headerDepth).toBe(depth);
    expect(f.headerDepth).toBe(Math.max(...f.columns.map((c) => c.headerPath.length)));
  });

  it("has sane column records: TEXT ⇔ no kind, no empty header text", () => {
    for (const f of FORMS) {
      for (const c of f.columns) {
        expect(c.kind === null, `${f.code} c${c.no}`).toBe(c.type === "TEXT");
        expect(c.headerPath.length).toBeGreaterThan(0);
        for (const h of c.headerPath) expect(h.trim()).toBe(h);
        for (const h of c.headerPath) expect(h).not.toBe("");
        expect(c.gloss).not.toBe("");
        if (c.type === "MONEY") expect(c.uom).toBe("triệu đồng");
        if (c.type === "LAND") expect(c.uom).toBe("m²");
        // The spec's abbreviations must have been written out.
        expect(c.headerPath[0]).not.toMatch(/^(KQ|PT)$/u);
      }
    }
  });

  it("has TEXT notes columns exactly where FORMS.md prints them", () => {
    const textCols = FORMS.map((f) => [f.code, f.columns.filter((c) => c.type === "TEXT").map((c) => c.no)]);
    expect(textCols).toEqual([
      ["KH-TH", [11]],
      ["01/TTr", []],
      ["01/TCD", []],
      ["02/TCD", [17]],
      ["01/XLD", []],
      ["01/KQGQ", []],
      ["03/KQGQ", []],
      ["PCTN-NB", [2]],
    ]);
    expect(numericColumns(form("KH-TH")).map((c) => c.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("spells header paths as FORMS.md does (spot checks)", () => {
    const path = (code: string, no: number): readonly string[] | undefined => columnByNo(form(code), no)?.headerPath;
    expect(path("01/KQGQ", 9)).toEqual(["Kết quả giải quyết", "Trả lại cho tổ chức, cá nhân", "Tổ chức", "Tiền (Trđ)"]);
    expect(path("01/KQGQ", 26)).toEqual(["Phân tích kết quả giải quyết (vụ việc)", "Chấp hành thời hạn giải quyết", "Không đúng quy định"]);
    expect(path("01/TCD", 12)).toEqual(["Tiếp định kỳ và đột xuất của Thủ trưởng", "Thủ trưởng tiếp", "Số kỳ tiếp"]);
    expect(path("01/TCD", 6)).toEqual(["Tiếp thường xuyên", "Số vụ việc", "Tiếp lần đầu"]);
    expect(path("01/TCD", 29)).toEqual(["Tiếp định kỳ và đột xuất của Thủ trưởng", "Ủy quyền tiếp", "Trong đó đoàn đông người", "Tiếp nhiều lần"]);
    expect(path("01/TCD", 1)).toEqual(["Tổng số lượt tiếp"]);
    expect(path("01/TTr", 1)).toEqual(["Số cuộc thanh tra thực hiện trong kỳ", "Tổng số"]);
    expect(path("01/TTr", 2)).toEqual(["Số cuộc thanh tra thực hiện trong kỳ", "Phân loại", "Triển khai từ kỳ trước chuyển sang"]);
    expect(path("02/TCD", 12)).toEqual(["Phân loại theo thẩm quyền", "Không thuộc thẩm quyền", "Số vụ việc", "Tổng"]);
    expect(path("01/XLD", 1)).toEqual(["Tổng số đơn phải xử lý", "Tổng số"]);
    expect(path("01/XLD", 5)).toEqual(["Số đơn chưa xử lý (chuyển kỳ sau xử lý)"]);
    expect(path("03/KQGQ", 29)).toEqual(["Phân tích kết quả giải quyết (vụ việc)", "Trong đó tố cáo tiếp có đúng, có sai"]);
    expect(path("03/KQGQ", 30)).toEqual(["Chấp hành thời hạn giải quyết", "Đúng quy định"]);
    expect(path("KH-TH", 2)).toEqual(["Tiến độ thực hiện kế hoạch", "Đã hoàn thành (lũy kế)"]);
    expect(path("PCTN-NB", 1)).toEqual(["Số liệu"]);
    expect(path("PCTN-NB", 2)).toEqual(["Ghi chú"]);
  });

  it("has the types and kinds of FORMS.md (spot checks)", () => {
    const col = (code: string, no: number): readonly [string | undefined, string | null | undefined, string | undefined] => {
      const c = columnByNo(form(code), no);
      return [c?.type, c?.kind, c?.uom];
    };
    expect(col("KH-TH", 1)).toEqual(["INT", "PLAN", "cuộc"]);
    expect(col("KH-TH", 3)).toEqual(["INT", "CLOSE", "cuộc"]);
    expect(col("KH-TH", 11)).toEqual(["TEXT", null, ""]);
    expect(col("01/TTr", 2)).toEqual(["INT", "OPEN", "cuộc"]);
    expect(col("01/TTr", 8)).toEqual(["MONEY", "FLOW", "triệu đồng"]);
    expect(col("01/TTr", 13)).toEqual(["LAND", "FLOW", "m²"]);
    expect(col("01/XLD", 5)).toEqual(["INT", "CLOSE", "đơn"]);
    expect(col("01/KQGQ", 1)).toEqual(["INT", "CUM", "đơn"]);
    expect(col("03/KQGQ", 5)).toEqual(["INT", "CUM", "vụ việc"]);
    expect(col("03/KQGQ", 21)).toEqual(["INT", "FLOW", "vụ"]);
    expect(col("01/TCD", 12)).toEqual(["INT", "FLOW", "kỳ"]);
    expect(col("01/TCD", 17)).toEqual(["INT", "FLOW", "đoàn"]);
    expect(col("01/TCD", 2)).toEqual(["INT", "FLOW", "người"]);
    expect(col("01/TCD", 3)).toEqual(["INT", "FLOW", "vụ việc"]);
    expect(columnByNo(form("01/TCD"), 3)?.headerPath).toEqual(["Tổng số vụ việc tiếp"]);
    expect(col("PCTN-NB", 1)).toEqual(["INT", "FLOW", ""]);
    expect(col("PCTN-NB", 2)).toEqual(["TEXT", null, ""]);
    for (const c of form("01/TCD").columns) expect([c.type, c.kind]).toEqual(["INT", "FLOW"]);
  });
});

describe("code rows", () => {
  it("start with the label columns and then number every column", () => {
    for (const f of FORMS) {
      expect(f.codeRow.length, f.code).toBe(f.labelColumns.length + f.columns.length);
      const labels = f.codeRow.slice(0, f.labelColumns.length);
      const numbers = f.codeRow.slice(f.labelColumns.length).map((t) => Number(t.split("=")[0]));
      expect(numbers).toEqual(f.columns.map((c) => c.no));
      if (f.layout === "WIDE") {
        expect(labels).toEqual(["MS"]);
        expect(f.labelColumns).toEqual(["Đơn vị"]);
      }
    }
    expect(form("KH-TH").codeRow).toEqual(["A", "B", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
    expect(form("KH-TH").labelColumns).toEqual(["Mã số", "Loại hoạt động"]);
    expect(form("PCTN-NB").codeRow).toEqual(["A", "B", "C", "1", "2"]);
    expect(form("PCTN-NB").labelColumns).toEqual(["Mã số", "Chỉ tiêu", "Đơn vị tính"]);
  });

  it("print the identities of FORMS.md §4 literally", () => {
    const printed = (code: string): string[] => form(code).codeRow.filter((t) => t.includes("="));
    expect(printed("01/TTr")).toEqual(["1=2+3=4+5", "8=10+12", "9=11+13"]);
    expect(printed("01/TCD")).toEqual(["1=4+13+22", "2=5+14+23", "3=6+7+15+16+24+25"]);
    expect(printed("02/TCD")).toEqual(["1=3+5+7=9+11", "2=4+6+8=10+12"]);
    expect(printed("01/XLD")).toEqual(["1=2+3=4+5", "6=8+9+10=11+12+13=14+18", "14=15+16+17", "18=19+20+21"]);
    expect(printed("01/KQGQ")).toEqual(["1=2+3", "5=20+..+24"]);
    expect(printed("03/KQGQ")).toEqual(["1=2+3", "6=7+..+10=24+26+28=30+31", "8=25+27+29"]);
    expect(printed("KH-TH")).toEqual([]);
    expect(printed("PCTN-NB")).toEqual([]);
  });

  // KH-TH's V-ID is a [DESIGN] identity that its plain code row does not print, so only the official
  // biểu are held to "code row = V-ID rules"; their order also fixes the V-ID numbering.
  it.each(FORMS.filter((f) => f.status === "OFFICIAL-IMPL").map((f) => [f.code, f] as const))(
    "%s: the code-row identities are exactly its V-ID rules, in order",
    (_code, f) => {
      const fromCodeRow = f.codeRow.flatMap(codeRowIdentities);
      const vIds = f.rules.filter((r) => r.id.startsWith("V-ID-")).map((r) => r.expr);
      expect(fromCodeRow.length).toBeGreaterThan(0);
      expect(vIds).toEqual(fromCodeRow);
    },
  );
});

describe("rows of ROWS forms", () => {
  it("KH-TH: groups A, B with their members, B2 and B3 ad hoc", () => {
    const f = form("KH-TH");
    expect(f.rows.map((r) => r.code)).toEqual(["A", "A1", "A2", "A3", "B", "B1", "B2", "B3", "B4", "B5", "B6"]);
    expect(f.rows.filter((r) => r.role === "group").map((r) => [r.code, r.members])).toEqual([
      ["A", ["A1", "A2", "A3"]],
      ["B", ["B1", "B2", "B3", "B4", "B5", "B6"]],
    ]);
    expect(f.rows.filter((r) => r.adHoc).map((r) => r.code)).toEqual(["B2", "B3"]);
    expect(dataRows(f).map((r) => r.code)).toEqual(["A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5", "B6"]);
    expect(f.rows.find((r) => r.code === "A")?.label).toBe("A. THANH TRA, KIỂM TRA");
    expect(f.rows.find((r) => r.code === "B2")?.label).toBe("Kiểm tra khi có dấu hiệu vi phạm – đảng viên");
    expect(f.rows.find((r) => r.code === "B4")?.label).toBe(
      "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật trong Đảng",
    );
  });

  it("KH-TH: default rate rows are data rows, B2 and B3 left out", () => {
    const codes = dataRows(form("KH-TH")).map((r) => r.code);
    expect(RATE_ROWS_DEFAULT).toEqual({ A: ["A1", "A2", "A3"], B: ["B1", "B4", "B5", "B6"] });
    for (const c of [...RATE_ROWS_DEFAULT.A, ...RATE_ROWS_DEFAULT.B]) expect(codes).toContain(c);
  });

  it("PCTN-NB: sections I…VI and P01…P19 with UoM, type and kind", () => {
    const f = form("PCTN-NB");
    expect(f.rows.filter((r) => r.role === "section").map((r) => r.code)).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    expect(dataRows(f).map((r) => r.code)).toEqual(Array.from({ length: 19 }, (_, k) => `P${String(k + 1).padStart(2, "0")}`));
    expect(f.rows.map((r) => r.code).join(" ")).toBe(
      "I P01 P02 P03 P04 II P05 P06 III P07 P08 P09 IV P10 P11 V P12 P13 P14 P15 P16 P17 VI P18 P19",
    );
    for (const r of dataRows(f)) {
      expect(r.type, r.code).toBe(r.code === "P16" || r.code === "P17" ? "MONEY" : "INT");
      expect(r.kind, r.code).toBe(r.code === "P07" || r.code === "P10" ? "CLOSE" : "FLOW");
      expect(r.uom, r.code).toBeTruthy();
    }
    expect(f.rows.find((r) => r.code === "P16")?.uom).toBe("triệu đồng");
    expect(f.rows.find((r) => r.code === "P19")?.uom).toBe("lượt người");
    expect(f.rows.find((r) => r.code === "VI")?.label).toBe("VI. TUYÊN TRUYỀN, PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT VỀ PCTN");
  });

  it("row codes are unique; WIDE forms have none", () => {
    for (const f of FORMS) {
      const codes = f.rows.map((r) => r.code);
      expect(new Set(codes).size, f.code).toBe(codes.length);
      if (f.layout === "WIDE") expect(codes).toEqual([]);
      else expect(codes.length).toBeGreaterThan(0);
    }
  });
});

/** Check that a term names a cell that exists; returns a problem or null. */
function termProblem(f: FormDef, rule: RuleDef, t: Term): string | null {
  if (t.kind === "const") return null;
  const target = t.form === null ? f : findFormByCodeOrSheet(t.form);
  if (!target) return `unknown form ${t.form}`;
  const column = columnByNo(target, t.col);
  if (!column || column.type === "TEXT") return `no numeric column ${t.col}`;
  if (t.row === null) {
    if (target.layout === "ROWS" && rule.rows) {
      for (const r of rule.rows) if (!dataRows(target).some((d) => d.code === r)) return `no data row ${r}`;
    }
    return null;
  }
  if (target.layout !== "ROWS") return `row ${t.row} on WIDE form`;
  const row = target.rows.find((r) => r.code === t.row);
  if (!row) return `no row ${t.row}`;
  if (row.role === "section") return `section row ${t.row}`;
  if (row.role === "group" && !rule.groupCheck) return `group row ${t.row} outside the group rule`;
  return null;
}

describe("rules", () => {
  const all = FORMS.flatMap((f) => f.rules.map((r) => [f.code, r.id, r.expr, f, r] as const));

  it.each(all)("%s %s `%s` parses and names existing cells", (_code, _id, _expr, f, r) => {
    const rule = parseRule(r.expr);
    for (const t of ruleTerms(rule)) expect(termProblem(f, r, t), JSON.stringify(t)).toBeNull();
    // Expressions are stored in canonical spacing (the code-row comparison relies on it).
    if (f.layout === "WIDE") expect(renderRule(rule)).toBe(r.expr);
    // Named rows and the row being checked do not mix (a rule naming rows runs once).
    const terms = ruleTerms(rule).filter((t) => t.kind === "cell");
    const named = terms.filter((t) => t.kind === "cell" && t.row !== null).length;
    expect(named === 0 || named === terms.length).toBe(true);
  });

  it("ids follow V-ID/V-REL-<form code>-<n>, numbered 1..k in order", () => {
    for (const f of FORMS) {
      for (const prefix of ["V-ID", "V-REL"]) {
        const ids = f.rules.filter((r) => r.id.startsWith(`${prefix}-`) && !r.groupCheck).map((r) => r.id);
        expect(ids, `${f.code} ${prefix}`).toEqual(ids.map((_, k) => `${prefix}-${f.code}-${k + 1}`));
      }
      for (const r of f.rules) expect(r.id).toMatch(/^V-(ID|REL)-/u);
    }
  });

  it("ids are unique, except the 20 group-check rules of V-REL-KH-TH-5 (unique by their group cell)", () => {
    const plain = FORMS.flatMap((f) => f.rules.filter((r) => !r.groupCheck).map((r) => r.id));
    expect(new Set(plain).size).toBe(plain.length);
    const groupRules = FORMS.flatMap((f) => f.rules.filter((r) => r.groupCheck));
    expect(groupRules.length).toBe(20);
    expect(new Set(groupRules.map((r) => r.id))).toEqual(new Set(["V-REL-KH-TH-5"]));
    expect(plain).not.toContain("V-REL-KH-TH-5");
    expect(new Set(groupRules.map((r) => r.expr)).size).toBe(20);
  });

  it("V-REL-KH-TH-5: A.cN = A1.cN + A2.cN + A3.cN and B.cN = B1.cN + … + B6.cN, N = 1…10", () => {
    const f = form("KH-TH");
    const exprs = f.rules.filter((r) => r.groupCheck).map((r) => r.expr);
    const expected = ["A", "B"].flatMap((g) => {
      const members = g === "A" ? ["A1", "A2", "A3"] : ["B1", "B2", "B3", "B4", "B5", "B6"];
      return Array.from({ length: 10 }, (_, k) => `${g}.c${k + 1} = ${members.map((m) => `${m}.c${k + 1}`).join(" + ")}`);
    });
    expect(exprs).toEqual(expected);
    for (const r of f.rules.filter((x) => x.groupCheck)) expect(r.severity).toBe("warning");
  });

  it("severities as FORMS.md says", () => {
    for (const f of FORMS) {
      for (const r of f.rules) {
        if (f.code === "KH-TH") continue;
        expect(r.severity, r.id).toBe(r.id.startsWith("V-ID-") ? "error" : "warning");
        expect(r.severityByRow).toBeUndefined();
      }
    }
    const kh = form("KH-TH");
    const sev = (id: string): string => ruleById(kh, id).severity;
    expect(sev("V-ID-KH-TH-1")).toBe("error");
    expect(ruleById(kh, "V-ID-KH-TH-1").severityByRow).toEqual({ B2: "warning", B3: "warning" });
    expect(sev("V-REL-KH-TH-1")).toBe("error");
    expect(sev("V-REL-KH-TH-2")).toBe("error");
    expect(sev("V-REL-KH-TH-3")).toBe("warning");
    expect(sev("V-REL-KH-TH-4")).toBe("warning");
    expect(sev("V-REL-KH-TH-5")).toBe("warning");
  });

  it("has the relations of FORMS.md (spot checks, including ';'-expanded ids)", () => {
    expect(ruleById(form("01/TCD"), "V-REL-01/TCD-3").expr).toBe("c10 + c11 <= c6 + c7");
    expect(ruleById(form("01/TCD"), "V-REL-01/TCD-11").expr).toBe("c22 > 0 => c21 >= 1");
    expect(ruleById(form("01/TTr"), "V-REL-01/TTr-2").expr).toBe("c17 >= c16");
    expect(ruleById(form("01/KQGQ"), "V-REL-01/KQGQ-4").expr).toBe("c25 + c26 = c5 + c6");
    expect(ruleById(form("03/KQGQ"), "V-REL-03/KQGQ-8").expr).toBe("c29 <= c28");
    expect(ruleById(form("02/TCD"), "V-REL-02/TCD-1").expr).toBe("c12 = c13 + c14 + c15");
    expect(ruleById(form("01/XLD"), "V-REL-01/XLD-2").expr).toBe("c7 <= c6");
    expect(ruleById(form("KH-TH"), "V-REL-KH-TH-4").expr).toBe("c2 + c5 = 0 => c6 + c7 + c8 + c9 + c10 = 0");
    expect(ruleById(form("PCTN-NB"), "V-REL-PCTN-NB-5").expr).toBe("P13 > 0 => P12 >= 1");
    expect(ruleById(form("PCTN-NB"), "V-REL-PCTN-NB-9").expr).toBe("P18 = 0 => P19 = 0");
    const counts = FORMS.map((f) => [
      f.code,
      f.rules.filter((r) => r.id.startsWith("V-ID-")).length,
      f.rules.filter((r) => r.id.startsWith("V-REL-")).length,
    ]);
    expect(counts).toEqual([
      ["KH-TH", 1, 24],
      ["01/TTr", 4, 3],
      ["01/TCD", 3, 11],
      ["02/TCD", 4, 1],
      ["01/XLD", 7, 2],
      ["01/KQGQ", 2, 4],
      ["03/KQGQ", 5, 8],
      ["PCTN-NB", 0, 9],
    ]);
  });
});

/**
 * The tables of FORMS.md §3–§5, copied verbatim (backticks written as '), parsed independently of
 * how the catalogue files are built: every column, row and rule is compared with them.
 */
const SPEC_TABLES = `
# KH-TH
| 'A' | A. THANH TRA, KIỂM TRA | inspection and checks (group) | group = A1+A2+A3, computed | – | – |
| 'A1' | Thanh tra hành chính theo kế hoạch | administrative inspection (annual inspection plan) | data | no | R-KH-A |
| 'A2' | Thanh tra chuyên ngành | specialised inspection | data | no | R-KH-A |
| 'A3' | Kiểm tra nội bộ, kiểm tra công vụ | internal / public-service checks | data | no | R-KH-A |
| 'B' | B. KIỂM TRA, GIÁM SÁT CỦA ĐẢNG | Party inspection and supervision (group) | group = B1+…+B6, computed | – | – |
| 'B1' | Kiểm tra tổ chức đảng theo chương trình | inspection of Party organisations under the programme | data | no | R-KH-B |
| 'B2' | Kiểm tra khi có dấu hiệu vi phạm – đảng viên | inspection on signs of violation: Party members | data | **yes** | – |
| 'B3' | Kiểm tra khi có dấu hiệu vi phạm – tổ chức đảng | inspection on signs of violation: Party organisations | data | **yes** | – |
| 'B4' | Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật trong Đảng | inspection of how inspection, supervision and discipline duties are carried out | data | no | R-KH-B |
| 'B5' | Kiểm tra tài chính đảng | inspection of Party finances | data | no | R-KH-B |
| 'B6' | Giám sát chuyên đề | thematic supervision | data | no | R-KH-B |
| 1 | Kế hoạch năm (số cuộc được phê duyệt) | rounds in the approved annual plan/programme | cuộc | INT | PLAN |
| 2 | Tiến độ thực hiện kế hoạch › Đã hoàn thành (lũy kế) | planned rounds completed, cumulative | cuộc | INT | CUM |
| 3 | Tiến độ thực hiện kế hoạch › Đang thực hiện | planned rounds in progress at window end | cuộc | INT | CLOSE |
| 4 | Tiến độ thực hiện kế hoạch › Chưa triển khai | planned rounds not started at window end | cuộc | INT | CLOSE |
| 5 | Ngoài kế hoạch, đột xuất (lũy kế) | unplanned / ad-hoc rounds started, cumulative | cuộc | INT | CUM |
| 6 | Số đối tượng › Tổ chức | subjects: organisations / Party organisations | tổ chức | INT | CUM |
| 7 | Số đối tượng › Cá nhân, đảng viên | subjects: individuals / Party members | người | INT | CUM |
| 8 | Kết quả › Số có vi phạm, khuyết điểm | subjects found with violations or shortcomings | đối tượng | INT | CUM |
| 9 | Kết quả › Số phải xử lý, thi hành kỷ luật | subjects to be handled / disciplined | đối tượng | INT | CUM |
| 10 | Kết quả › Số đã xử lý, thi hành kỷ luật | subjects handled / disciplined | đối tượng | INT | CUM |
| 11 | Ghi chú | notes | – | TEXT | – |
| V-ID-KH-TH-1 | 'c1 = c2 + c3 + c4' on every data row | **error**; **warning** on rows B2, B3 | planned = completed + in progress + not started. On-signs inspections (KTDHVP) are unplanned by nature and may exceed the plan |
| V-REL-KH-TH-1 | 'c8 <= c6 + c7' on every data row | error | violators are among the subjects |
| V-REL-KH-TH-2 | 'c9 <= c8' on every data row | error | only violators are handled |
| V-REL-KH-TH-3 | 'c10 <= c9' on every data row | warning | handling may conclude cases found in an earlier year |
| V-REL-KH-TH-4 | 'c2 + c5 = 0 => c6 + c7 + c8 + c9 + c10 = 0' on every data row | warning | results reported without any concluded round |
| V-REL-KH-TH-5 | where the submitted group cell is filled: 'A.cN = A1.cN + A2.cN + A3.cN', 'B.cN = B1.cN + … + B6.cN', N = 1…10 | warning | group rows A and B are read only for this rule (WORKBOOKS.md §1.4); the product always recomputes groups from data rows |
# 01/TTr
| 1 | Số cuộc thanh tra thực hiện trong kỳ › Tổng số | inspections conducted in the window | cuộc | INT | CUM |
| 2 | Số cuộc thanh tra thực hiện trong kỳ › Phân loại › Triển khai từ kỳ trước chuyển sang | carried over | cuộc | INT | OPEN |
| 3 | Số cuộc thanh tra thực hiện trong kỳ › Phân loại › Triển khai trong kỳ | started in the window | cuộc | INT | FLOW |
| 4 | Số cuộc thanh tra thực hiện trong kỳ › Phân loại › Theo kế hoạch | under the plan | cuộc | INT | CUM |
| 5 | Số cuộc thanh tra thực hiện trong kỳ › Phân loại › Đột xuất | ad hoc | cuộc | INT | CUM |
| 6 | Đã ban hành kết luận | conclusions issued | cuộc | INT | FLOW |
| 7 | Số đơn vị được thanh tra | entities inspected | đơn vị | INT | FLOW |
| 8 | Tổng vi phạm về kinh tế › Tiền và tài sản quy thành tiền | economic violations: money and assets | triệu đồng | MONEY | FLOW |
| 9 | Tổng vi phạm về kinh tế › Đất (m²) | economic violations: land | m² | LAND | FLOW |
| 10 | Kiến nghị xử lý › Thu hồi về NSNN › Tiền (Tr.đ) | recommended recovery to the state budget: money | triệu đồng | MONEY | FLOW |
| 11 | Kiến nghị xử lý › Thu hồi về NSNN › Đất (m²) | recovery to the state budget: land | m² | LAND | FLOW |
| 12 | Kiến nghị xử lý › Xử lý khác về kinh tế › Tiền (Tr.đ) | other economic handling: money | triệu đồng | MONEY | FLOW |
| 13 | Kiến nghị xử lý › Xử lý khác về kinh tế › Đất (m²) | other economic handling: land | m² | LAND | FLOW |
| 14 | Kiến nghị xử lý › Hành chính › Tổ chức | administrative handling: organisations | tổ chức | INT | FLOW |
| 15 | Kiến nghị xử lý › Hành chính › Cá nhân | administrative handling: individuals | người | INT | FLOW |
| 16 | Kiến nghị xử lý › Chuyển cơ quan điều tra › Vụ | referred to investigators: cases | vụ | INT | FLOW |
| 17 | Kiến nghị xử lý › Chuyển cơ quan điều tra › Đối tượng | referred to investigators: persons | người | INT | FLOW |
| 18 | Kiến nghị xử lý › Hoàn thiện cơ chế, chính sách (số văn bản) | policy-improvement recommendations | văn bản | INT | FLOW |
| V-ID-01/TTr-1 | 'c1 = c2 + c3' | error | code row '1=2+3=4+5' |
| V-ID-01/TTr-2 | 'c1 = c4 + c5' | error | code row '1=2+3=4+5' |
| V-ID-01/TTr-3 | 'c8 = c10 + c12' | error | code row '8=10+12' |
| V-ID-01/TTr-4 | 'c9 = c11 + c13' | error | code row '9=11+13' |
| V-REL-01/TTr-1 … -3 | 'c6 <= c1'; 'c17 >= c16'; 'c6 > 0 => c7 >= 1' | warning | conclusions only for inspections conducted; a referred case has a person; a conclusion implies an inspected entity |
# 01/TCD
| Số kỳ tiếp | reception sessions | kỳ | – | 12 | 21 |
| Số lượt tiếp | receptions | lượt | 4 | 13 | 22 |
| Số người được tiếp | persons received | người | 5 | 14 | 23 |
| Số vụ việc › Tiếp lần đầu | cases, first time | vụ việc | 6 | 15 | 24 |
| Số vụ việc › Tiếp nhiều lần | cases, repeated | vụ việc | 7 | 16 | 25 |
| Trong đó đoàn đông người › Số đoàn được tiếp | crowd delegations received | đoàn | 8 | 17 | 26 |
| Trong đó đoàn đông người › Số người được tiếp | persons in delegations | người | 9 | 18 | 27 |
| Trong đó đoàn đông người › Tiếp lần đầu | delegation cases, first time | vụ việc | 10 | 19 | 28 |
| Trong đó đoàn đông người › Tiếp nhiều lần | delegation cases, repeated | vụ việc | 11 | 20 | 29 |
| V-ID-01/TCD-1 | 'c1 = c4 + c13 + c22' | error |
| V-ID-01/TCD-2 | 'c2 = c5 + c14 + c23' | error |
| V-ID-01/TCD-3 | 'c3 = c6 + c7 + c15 + c16 + c24 + c25' | error |
| V-REL-01/TCD-1 … -3 | 'c8 <= c4'; 'c9 <= c5'; 'c10 + c11 <= c6 + c7' | warning |
| V-REL-01/TCD-4 … -6 | 'c17 <= c13'; 'c18 <= c14'; 'c19 + c20 <= c15 + c16' | warning |
| V-REL-01/TCD-7 … -9 | 'c26 <= c22'; 'c27 <= c23'; 'c28 + c29 <= c24 + c25' | warning |
| V-REL-01/TCD-10, -11 | 'c13 > 0 => c12 >= 1'; 'c22 > 0 => c21 >= 1' | warning |
# 02/TCD
| 1 | Tổng số đơn nhận được qua tiếp công dân | petitions received at reception | đơn | INT | FLOW |
| 2 | Tổng số vụ việc được tiếp | cases received | vụ việc | INT | FLOW |
| 3 | Phân loại theo nội dung › Khiếu nại › Số đơn | complaints: petitions | đơn | INT | FLOW |
| 4 | Phân loại theo nội dung › Khiếu nại › Số vụ việc | complaints: cases | vụ việc | INT | FLOW |
| 5 | Phân loại theo nội dung › Tố cáo › Số đơn | denunciations: petitions | đơn | INT | FLOW |
| 6 | Phân loại theo nội dung › Tố cáo › Số vụ việc | denunciations: cases | vụ việc | INT | FLOW |
| 7 | Phân loại theo nội dung › Phản ánh, kiến nghị › Số đơn | feedback/recommendations: petitions | đơn | INT | FLOW |
| 8 | Phân loại theo nội dung › Phản ánh, kiến nghị › Số vụ việc | feedback/recommendations: cases | vụ việc | INT | FLOW |
| 9 | Phân loại theo thẩm quyền › Thuộc thẩm quyền › Số đơn | within competence: petitions | đơn | INT | FLOW |
| 10 | Phân loại theo thẩm quyền › Thuộc thẩm quyền › Số vụ việc | within competence: cases | vụ việc | INT | FLOW |
| 11 | Phân loại theo thẩm quyền › Không thuộc thẩm quyền › Số đơn | outside competence: petitions | đơn | INT | FLOW |
| 12 | Phân loại theo thẩm quyền › Không thuộc thẩm quyền › Số vụ việc › Tổng | outside competence: cases, total | vụ việc | INT | FLOW |
| 13 | Phân loại theo thẩm quyền › Không thuộc thẩm quyền › Số vụ việc › Hướng dẫn | … guided to the competent body | vụ việc | INT | FLOW |
| 14 | Phân loại theo thẩm quyền › Không thuộc thẩm quyền › Số vụ việc › Chuyển đơn | … petition forwarded | vụ việc | INT | FLOW |
| 15 | Phân loại theo thẩm quyền › Không thuộc thẩm quyền › Số vụ việc › Đôn đốc giải quyết | … settlement urged | vụ việc | INT | FLOW |
| 16 | Số văn bản phúc đáp nhận được do chuyển đơn | replies received for forwarded petitions | văn bản | INT | FLOW |
| 17 | Ghi chú | notes | – | TEXT | – |
| V-ID-02/TCD-1 | 'c1 = c3 + c5 + c7' | error | '1=3+5+7=9+11' |
| V-ID-02/TCD-2 | 'c1 = c9 + c11' | error | '1=3+5+7=9+11' |
| V-ID-02/TCD-3 | 'c2 = c4 + c6 + c8' | error | '2=4+6+8=10+12' |
| V-ID-02/TCD-4 | 'c2 = c10 + c12' | error | '2=4+6+8=10+12' |
| V-REL-02/TCD-1 | 'c12 = c13 + c14 + c15' | warning | implied by the header ("Tổng"), not printed |
# 01/XLD
| 1 | Tổng số đơn phải xử lý › Tổng số | petitions to handle, total | đơn | INT | CUM |
| 2 | Tổng số đơn phải xử lý › Kỳ trước chuyển sang | carried over | đơn | INT | OPEN |
| 3 | Tổng số đơn phải xử lý › Tiếp nhận trong kỳ | received in the window | đơn | INT | FLOW |
| 4 | Số đơn đã xử lý | handled | đơn | INT | FLOW |
| 5 | Số đơn chưa xử lý (chuyển kỳ sau xử lý) | not yet handled (carried forward) | đơn | INT | CLOSE |
| 6 | Đủ điều kiện xử lý › Số đơn | eligible: petitions | đơn | INT | FLOW |
| 7 | Đủ điều kiện xử lý › Số vụ việc | eligible: cases | vụ việc | INT | FLOW |
| 8 | Phân loại đơn theo nội dung › Khiếu nại | by content: complaints | đơn | INT | FLOW |
| 9 | Phân loại đơn theo nội dung › Tố cáo | by content: denunciations | đơn | INT | FLOW |
| 10 | Phân loại đơn theo nội dung › Kiến nghị, phản ánh | by content: recommendations/feedback | đơn | INT | FLOW |
| 11 | Phân loại đơn theo tình trạng giải quyết › Đã giải quyết › Lần đầu | already settled: first time | đơn | INT | FLOW |
| 12 | Phân loại đơn theo tình trạng giải quyết › Đã giải quyết › Nhiều lần | already settled: repeatedly | đơn | INT | FLOW |
| 13 | Phân loại đơn theo tình trạng giải quyết › Chưa giải quyết xong | not yet settled | đơn | INT | FLOW |
| 14 | Kết quả xử lý đơn › Đơn thuộc thẩm quyền › Tổng số | within competence, total | đơn | INT | FLOW |
| 15 | Kết quả xử lý đơn › Đơn thuộc thẩm quyền › Khiếu nại | within competence: complaints | đơn | INT | FLOW |
| 16 | Kết quả xử lý đơn › Đơn thuộc thẩm quyền › Tố cáo | within competence: denunciations | đơn | INT | FLOW |
| 17 | Kết quả xử lý đơn › Đơn thuộc thẩm quyền › Kiến nghị, phản ánh | within competence: recommendations | đơn | INT | FLOW |
| 18 | Kết quả xử lý đơn › Đơn không thuộc thẩm quyền › Tổng số | outside competence, total | đơn | INT | FLOW |
| 19 | Kết quả xử lý đơn › Đơn không thuộc thẩm quyền › Hướng dẫn | guided | đơn | INT | FLOW |
| 20 | Kết quả xử lý đơn › Đơn không thuộc thẩm quyền › Chuyển đơn | forwarded | đơn | INT | FLOW |
| 21 | Kết quả xử lý đơn › Đơn không thuộc thẩm quyền › Đôn đốc giải quyết | settlement urged | đơn | INT | FLOW |
| 22 | Số văn bản phúc đáp nhận được do chuyển đơn | replies received for forwarded petitions | văn bản | INT | FLOW |
| V-ID-01/XLD-1 | 'c1 = c2 + c3' | error | '1=2+3=4+5' |
| V-ID-01/XLD-2 | 'c1 = c4 + c5' | error | '1=2+3=4+5' |
| V-ID-01/XLD-3 | 'c6 = c8 + c9 + c10' | error | '6=8+9+10=11+12+13=14+18' |
| V-ID-01/XLD-4 | 'c6 = c11 + c12 + c13' | error | same |
| V-ID-01/XLD-5 | 'c6 = c14 + c18' | error | same |
| V-ID-01/XLD-6 | 'c14 = c15 + c16 + c17' | error | '14=15+16+17' |
| V-ID-01/XLD-7 | 'c18 = c19 + c20 + c21' | error | '18=19+20+21' |
| V-REL-01/XLD-1, -2 | 'c6 <= c4'; 'c7 <= c6' | warning | eligible petitions are among those handled; several petitions may concern one case |
# 01/KQGQ
| 1 | Đơn khiếu nại thuộc thẩm quyền › Tổng số | complaint petitions within competence | đơn | INT | CUM |
| 2 | Đơn khiếu nại thuộc thẩm quyền › Kỳ trước chuyển sang | carried over | đơn | INT | OPEN |
| 3 | Đơn khiếu nại thuộc thẩm quyền › Tiếp nhận trong kỳ | received in the window | đơn | INT | FLOW |
| 4 | Tổng số vụ việc khiếu nại thuộc thẩm quyền | complaint cases within competence | vụ việc | INT | CUM |
| 5 | KQ › Đã giải quyết › Số vụ việc giải quyết bằng QĐ hành chính | settled by administrative decision | vụ việc | INT | FLOW |
| 6 | KQ › Đã giải quyết › Số vụ việc rút đơn thông qua giải thích, thuyết phục | withdrawn after explanation | vụ việc | INT | FLOW |
| 7 | KQ › Kiến nghị thu hồi cho NN › Tiền (Trđ) | recommended recovery to the State: money | triệu đồng | MONEY | FLOW |
| 8 | KQ › Kiến nghị thu hồi cho NN › Đất (m²) | recovery to the State: land | m² | LAND | FLOW |
| 9 | KQ › Trả lại cho tổ chức, cá nhân › Tổ chức › Tiền (Trđ) | returned to organisations: money | triệu đồng | MONEY | FLOW |
| 10 | KQ › Trả lại cho tổ chức, cá nhân › Tổ chức › Đất (m²) | returned to organisations: land | m² | LAND | FLOW |
| 11 | KQ › Trả lại cho tổ chức, cá nhân › Cá nhân › Tiền (Trđ) | returned to individuals: money | triệu đồng | MONEY | FLOW |
| 12 | KQ › Trả lại cho tổ chức, cá nhân › Cá nhân › Đất (m²) | returned to individuals: land | m² | LAND | FLOW |
| 13 | KQ › Trả lại cho tổ chức, cá nhân › Số tổ chức được trả lại quyền lợi | organisations whose rights were restored | tổ chức | INT | FLOW |
| 14 | KQ › Trả lại cho tổ chức, cá nhân › Số cá nhân được trả lại quyền lợi | individuals whose rights were restored | người | INT | FLOW |
| 15 | KQ › Kiến nghị xử lý hành chính › Tổng số người bị kiến nghị xử lý | persons recommended for administrative handling | người | INT | FLOW |
| 16 | KQ › Kiến nghị xử lý hành chính › Trong đó số cán bộ, công chức, viên chức | of whom public employees | người | INT | FLOW |
| 17 | KQ › Chuyển cơ quan điều tra › Số vụ | referred to investigators: cases | vụ | INT | FLOW |
| 18 | KQ › Chuyển cơ quan điều tra › Tổng số người | referred: persons | người | INT | FLOW |
| 19 | KQ › Chuyển cơ quan điều tra › Trong đó số cán bộ, công chức, viên chức | of whom public employees | người | INT | FLOW |
| 20 | PT › Giải quyết lần đầu › Khiếu nại đúng | first settlement: complaint right | vụ việc | INT | FLOW |
| 21 | PT › Giải quyết lần đầu › Khiếu nại sai | first settlement: complaint wrong | vụ việc | INT | FLOW |
| 22 | PT › Giải quyết lần đầu › Khiếu nại đúng một phần | first settlement: partly right | vụ việc | INT | FLOW |
| 23 | PT › Giải quyết lần 2 › Công nhận QĐ g/q lần đầu | second settlement: first decision upheld | vụ việc | INT | FLOW |
| 24 | PT › Giải quyết lần 2 › Hủy, sửa QĐ g/q lần đầu | second settlement: first decision annulled/amended | vụ việc | INT | FLOW |
| 25 | PT › Chấp hành thời hạn giải quyết › Đúng quy định | settled within the time limit | vụ việc | INT | FLOW |
| 26 | PT › Chấp hành thời hạn giải quyết › Không đúng quy định | settled late | vụ việc | INT | FLOW |
| V-ID-01/KQGQ-1 | 'c1 = c2 + c3' | error | '1=2+3' |
| V-ID-01/KQGQ-2 | 'c5 = c20 + c21 + c22 + c23 + c24' | error | '5=20+..+24' |
| V-REL-01/KQGQ-1 … -4 | 'c5 + c6 <= c4'; 'c16 <= c15'; 'c19 <= c18'; 'c25 + c26 = c5 + c6' | warning | settled cases are among the cases; "trong đó"; every settled case is on time or late |
# 03/KQGQ
| 1 | Đơn tố cáo thuộc thẩm quyền › Tổng số | denunciation petitions within competence | đơn | INT | CUM |
| 2 | Đơn tố cáo thuộc thẩm quyền › Kỳ trước chuyển sang | carried over | đơn | INT | OPEN |
| 3 | Đơn tố cáo thuộc thẩm quyền › Tiếp nhận trong kỳ | received in the window | đơn | INT | FLOW |
| 4 | Tổng số vụ việc tố cáo thuộc thẩm quyền | denunciation cases within competence | vụ việc | INT | CUM |
| 5 | Trong đó số vụ việc tố cáo tiếp | of which repeat denunciations | vụ việc | INT | CUM |
| 6 | KQ › Đã giải quyết › Tổng số | settled, total | vụ việc | INT | FLOW |
| 7 | KQ › Đã giải quyết › Số vụ việc lần đầu | settled: first denunciations | vụ việc | INT | FLOW |
| 8 | KQ › Đã giải quyết › Số vụ việc tố cáo tiếp | settled: repeat denunciations | vụ việc | INT | FLOW |
| 9 | KQ › Đã giải quyết › Số vụ việc rút toàn bộ nội dung tố cáo | fully withdrawn | vụ việc | INT | FLOW |
| 10 | KQ › Đã giải quyết › Số vụ việc đình chỉ không do rút tố cáo | discontinued for other reasons | vụ việc | INT | FLOW |
| 11 | KQ › Kiến nghị thu hồi cho NN › Tiền (Trđ) | recovery to the State: money | triệu đồng | MONEY | FLOW |
| 12 | KQ › Kiến nghị thu hồi cho NN › Đất (m²) | recovery to the State: land | m² | LAND | FLOW |
| 13 | KQ › Trả lại cho tổ chức, cá nhân › Tổ chức › Tiền (Trđ) | returned to organisations: money | triệu đồng | MONEY | FLOW |
| 14 | KQ › Trả lại cho tổ chức, cá nhân › Tổ chức › Đất (m²) | returned to organisations: land | m² | LAND | FLOW |
| 15 | KQ › Trả lại cho tổ chức, cá nhân › Cá nhân › Tiền (Trđ) | returned to individuals: money | triệu đồng | MONEY | FLOW |
| 16 | KQ › Trả lại cho tổ chức, cá nhân › Cá nhân › Đất (m²) | returned to individuals: land | m² | LAND | FLOW |
| 17 | KQ › Số tổ chức được trả lại quyền lợi | organisations whose rights were restored | tổ chức | INT | FLOW |
| 18 | KQ › Số cá nhân được trả lại quyền lợi | individuals whose rights were restored | người | INT | FLOW |
| 19 | KQ › Kiến nghị xử lý hành chính › Số người bị kiến nghị xử lý | persons recommended for administrative handling | người | INT | FLOW |
| 20 | KQ › Kiến nghị xử lý hành chính › Trong đó số cán bộ, công chức, viên chức | of whom public employees | người | INT | FLOW |
| 21 | KQ › Chuyển cơ quan điều tra › Số vụ | referred to investigators: cases | vụ | INT | FLOW |
| 22 | KQ › Chuyển cơ quan điều tra › Số đối tượng | referred: persons | người | INT | FLOW |
| 23 | KQ › Chuyển cơ quan điều tra › Trong đó số cán bộ, công chức, viên chức | of whom public employees | người | INT | FLOW |
| 24 | PT › Tố cáo đúng | denunciation right | vụ việc | INT | FLOW |
| 25 | PT › Trong đó tố cáo tiếp đúng | of which repeat, right | vụ việc | INT | FLOW |
| 26 | PT › Tố cáo sai | denunciation wrong | vụ việc | INT | FLOW |
| 27 | PT › Trong đó tố cáo tiếp sai | of which repeat, wrong | vụ việc | INT | FLOW |
| 28 | PT › Tố cáo có đúng, có sai | partly right | vụ việc | INT | FLOW |
| 29 | PT › Trong đó tố cáo tiếp có đúng, có sai | of which repeat, partly right | vụ việc | INT | FLOW |
| 30 | Chấp hành thời hạn giải quyết › Đúng quy định | settled within the time limit | vụ việc | INT | FLOW |
| 31 | Chấp hành thời hạn giải quyết › Không đúng quy định | settled late | vụ việc | INT | FLOW |
| V-ID-03/KQGQ-1 | 'c1 = c2 + c3' | error | '1=2+3' |
| V-ID-03/KQGQ-2 | 'c6 = c7 + c8 + c9 + c10' | error | '6=7+..+10=24+26+28=30+31' |
| V-ID-03/KQGQ-3 | 'c6 = c24 + c26 + c28' | error | same |
| V-ID-03/KQGQ-4 | 'c6 = c30 + c31' | error | same |
| V-ID-03/KQGQ-5 | 'c8 = c25 + c27 + c29' | error | '8=25+27+29' |
| V-REL-03/KQGQ-1 … -3 | 'c5 <= c4'; 'c6 <= c4'; 'c8 <= c5' | warning | subsets |
| V-REL-03/KQGQ-4 … -8 | 'c20 <= c19'; 'c23 <= c22'; 'c25 <= c24'; 'c27 <= c26'; 'c29 <= c28' | warning | "trong đó" |
# PCTN-NB
| 'I' | I. XÂY DỰNG, HOÀN THIỆN QUY CHẾ, QUY ĐỊNH, QUY TRÌNH | section | – | – |
| 'P01' | Số quy chế, quy định được ban hành mới | regulations issued | văn bản | INT |
| 'P02' | Số quy trình được ban hành mới | procedures issued | văn bản | INT |
| 'P03' | Số quy chế, quy định, quy trình nội bộ được rà soát | internal rules reviewed | văn bản | INT |
| 'P04' | Số quy chế, quy định, quy trình nội bộ được sửa đổi, bổ sung | internal rules amended | văn bản | INT |
| 'II' | II. CÔNG KHAI, MINH BẠCH | section | – | – |
| 'P05' | Số nội dung được công khai theo quy định | items made public as required | nội dung | INT |
| 'P06' | Số cuộc kiểm tra việc thực hiện công khai, minh bạch | publicity/transparency checks | cuộc | INT |
| 'III' | III. KÊ KHAI TÀI SẢN, THU NHẬP | section | – | – |
| 'P07' | Số người phải kê khai tài sản, thu nhập | persons required to declare assets and income | người | INT |
| 'P08' | Số người đã kê khai tài sản, thu nhập | persons who declared | người | INT |
| 'P09' | Số người được xác minh tài sản, thu nhập | persons whose declaration was verified | người | INT |
| 'IV' | IV. CHUYỂN ĐỔI VỊ TRÍ CÔNG TÁC | section | – | – |
| 'P10' | Số người phải chuyển đổi vị trí công tác theo kế hoạch | persons due for job rotation | người | INT |
| 'P11' | Số người đã chuyển đổi vị trí công tác | persons rotated | người | INT |
| 'V' | V. PHÁT HIỆN, XỬ LÝ THAM NHŨNG, TIÊU CỰC | section | – | – |
| 'P12' | Số vụ việc tham nhũng, tiêu cực được phát hiện | corruption cases detected | vụ việc | INT |
| 'P13' | Số người có hành vi tham nhũng, tiêu cực bị phát hiện | persons involved | người | INT |
| 'P14' | Số người bị xử lý kỷ luật | persons disciplined | người | INT |
| 'P15' | Số vụ việc chuyển cơ quan điều tra | cases referred to investigators | vụ việc | INT |
| 'P16' | Số tiền phải thu hồi | money to be recovered | triệu đồng | MONEY |
| 'P17' | Số tiền đã thu hồi | money recovered | triệu đồng | MONEY |
| 'VI' | VI. TUYÊN TRUYỀN, PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT VỀ PCTN | section | – | – |
| 'P18' | Số hội nghị, lớp tuyên truyền, phổ biến | dissemination conferences/classes | hội nghị | INT |
| 'P19' | Số lượt người tham dự | participants | lượt người | INT |
Rules (all **warning**, column 1 implied): V-REL-PCTN-NB-1 'P04 <= P03'; -2 'P08 <= P07'; -3 'P09 <= P08'; -4 'P11 <= P10'; -5 'P13 > 0 => P12 >= 1'; -6 'P14 <= P13'; -7 'P15 <= P12'; -8 'P17 <= P16'; -9 'P18 = 0 => P19 = 0'.
`;

interface SpecColumn {
  no: number;
  path: string[];
  gloss: string;
  uom: string;
  type: string;
  kind: string | null;
}
interface SpecForm {
  columns: SpecColumn[];
  rows: { code: string; label: string; gloss: string; uom: string | null; type: string | null }[];
  rules: { id: string; expr: string; severity: string }[];
}

function parseSpecTables(): Map<string, SpecForm> {
  const forms = new Map<string, SpecForm>();
  let current: SpecForm | null = null;
  const KQ = "Kết quả giải quyết";
  const PT = "Phân tích kết quả giải quyết (vụ việc)";
  const TCD_BLOCKS = [
    ["Tiếp thường xuyên"],
    ["Tiếp định kỳ và đột xuất của Thủ trưởng", "Thủ trưởng tiếp"],
    ["Tiếp định kỳ và đột xuất của Thủ trưởng", "Ủy quyền tiếp"],
  ];
  for (const line of SPEC_TABLES.split("\n")) {
    if (line.startsWith("# ")) {
      current = { columns: [], rows: [], rules: [] };
      forms.set(line.slice(2), current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith("Rules (all")) {
      for (const m of line.matchAll(/-(\d+) '([^']+)'/gu)) {
        current.rules.push({ id: `V-REL-PCTN-NB-${m[1]}`, expr: m[2] ?? "", severity: "warning" });
      }
      continue;
    }
    const c = line.split("|").slice(1, -1).map((x) => x.trim());
    const [first = "", second = "", third = ""] = c;
    const dash = (x: string | undefined): string | null => (x === undefined || x === "–" ? null : x);
    if (/^\d+$/u.test(first)) {
      const path = second.split(" › ").map((h, k) => (k === 0 && h === "KQ" ? KQ : k === 0 && h === "PT" ? PT : h));
      current.columns.push({ no: Number(first), path, gloss: third, uom: dash(c[3]) ?? "", type: c[4] ?? "", kind: dash(c[5]) });
    } else if (/^'[A-Z][A-Z0-9]*'$/u.test(first)) {
      const pctn = c.length === 5;
      current.rows.push({ code: first.slice(1, -1), label: second, gloss: third, uom: pctn ? dash(c[3]) : null, type: pctn ? dash(c[4]) : null });
    } else if (first.startsWith("V-")) {
      const m = /^(V-(?:ID|REL)-.+?-)(\d+)/u.exec(first);
      if (!m || first === "V-REL-KH-TH-5") continue;
      const exprs = [...second.matchAll(/'([^']+)'/gu)].map((x) => x[1] ?? "");
      const severity = (third.replace(/\*/gu, "").split(";")[0] ?? "").trim();
      exprs.forEach((expr, k) => current?.rules.push({ id: `${m[1]}${Number(m[2]) + k}`, expr, severity }));
    } else if (c.length === 6) {
      // 01/TCD leaf table: one leaf in three blocks (TX, TT, UQ).
      [c[3], c[4], c[5]].forEach((no, k) => {
        if (dash(no) === null) return;
        const path = [...(TCD_BLOCKS[k] ?? []), ...first.split(" › ")];
        current?.columns.push({ no: Number(no), path, gloss: second, uom: third, type: "INT", kind: "FLOW" });
      });
    }
  }
  return forms;
}

describe("catalogue = the tables of FORMS.md", () => {
  const spec = parseSpecTables();

  it("covers every form", () => {
    expect([...spec.keys()]).toEqual(FORMS.map((f) => f.code));
    expect([...spec.values()].map((s) => s.rules.length)).toEqual([5, 7, 14, 5, 9, 6, 13, 9]);
  });

  it.each(FORMS.map((f) => [f.code, f] as const))("%s: every column of the spec table", (code, f) => {
    const s = spec.get(code);
    expect(s).toBeDefined();
    const cols = s?.columns ?? [];
    // Given in prose, checked in "columns": 01/TCD columns 1–3 and the two PCTN-NB columns.
    const prose = code === "01/TCD" ? 3 : code === "PCTN-NB" ? 2 : 0;
    expect(cols.length).toBe(f.columns.length - prose);
    for (const want of cols) {
      const got = columnByNo(f, want.no);
      expect(got?.headerPath, `${code} c${want.no}`).toEqual(want.path);
      expect([got?.uom, got?.type, got?.kind], `${code} c${want.no}`).toEqual([want.uom, want.type, want.kind]);
      // Glosses: 01/TCD prefixes its block, and the spec's "…" glosses of 02/TCD are written out.
      if (code === "01/TCD") expect(got?.gloss.endsWith(`: ${want.gloss}`)).toBe(true);
      else if (!want.gloss.startsWith("…")) expect(got?.gloss, `${code} c${want.no}`).toBe(want.gloss);
    }
  });

  it.each(FORMS.map((f) => [f.code, f] as const))("%s: every row of the spec table", (code, f) => {
    const want = spec.get(code)?.rows ?? [];
    expect(f.rows.map((r) => r.code)).toEqual(want.map((r) => r.code));
    for (const r of want) {
      const got = f.rows.find((x) => x.code === r.code);
      expect([got?.label, got?.gloss], r.code).toEqual([r.label, r.gloss]);
      if (r.uom !== null) expect([got?.uom, got?.type], r.code).toEqual([r.uom, r.type]);
    }
  });

  it.each(FORMS.map((f) => [f.code, f] as const))("%s: every rule of the spec table", (code, f) => {
    const want = spec.get(code)?.rules ?? [];
    const got = f.rules.filter((r) => !r.groupCheck).map((r) => ({ id: r.id, expr: r.expr, severity: r.severity }));
    expect(got).toEqual(want);
  });
});

describe("messages (FORMS.md §6.2)", () => {
  const SPEC_IDS = [
    "V-FILE-01", "V-FILE-02", "V-FILE-03", "V-FILE-04", "V-UNIT-01", "V-UNIT-02", "V-UNIT-03", "V-UNIT-04", "V-UNIT-05", "V-UNIT-06",
    "V-PERIOD-01", "V-PERIOD-02", "V-PERIOD-03", "V-PERIOD-04", "V-PERIOD-05", "V-PERIOD-06", "V-VER-01", "V-VER-02",
    "V-LAYOUT-01", "V-LAYOUT-02", "V-LAYOUT-03", "V-LAYOUT-04", "V-LAYOUT-05", "V-LAYOUT-06", "V-LAYOUT-07",
    "V-LAYOUT-08", "V-LAYOUT-09", "V-LAYOUT-10", "V-DUP-01", "V-DUP-02", "V-DUP-03", "V-DUP-04", "V-DUP-05",
    "V-TYPE-01", "V-TYPE-02", "V-TYPE-03", "V-TYPE-04", "V-TYPE-05", "V-TYPE-06", "V-NEG-01", "V-INT-01", "V-DEC-01",
    // Added by the project (docs/DECISIONS.md, 2026-12-07 (review)): a number beyond exact arithmetic.
    "V-TYPE-07",
    // Added by the project (docs/DECISIONS.md, seventh session): findings of one rule beyond 500 in a file.
    "V-FILE-05",
    "V-FORMULA-01", "V-FORMULA-02", "V-FORMULA-03", "V-BLANK-01", "V-ID", "V-REL", "V-X-01", "V-X-02", "V-PLAN-01",
    "V-PLAN-02", "V-PLAN-03", "V-CONT-01", "V-CONT-02", "V-CONT-03", "V-CONT-04", "V-OUTLIER-01",
  ];
  const ROSTER = ["V-ROSTER-01", "V-ROSTER-02", "V-ROSTER-03", "V-ROSTER-04", "V-ROSTER-05", "V-ROSTER-06"];

  it("has exactly the rules of §6.2 and UNITS.md §4", () => {
    expect(Object.keys(RULE_MESSAGES).sort()).toEqual([...SPEC_IDS, ...ROSTER].sort());
  });

  it("has a template for every catalogue rule id", () => {
    for (const f of FORMS) for (const r of f.rules) expect(RULE_MESSAGES[messageKeyOf(r.id)], r.id).toBeDefined();
    expect(messageKeyOf("V-ID-01/TCD-1")).toBe("V-ID");
    expect(messageKeyOf("V-REL-KH-TH-5")).toBe("V-REL");
    expect(messageKeyOf("V-X-01")).toBe("V-X-01");
  });

  it("has the severities of §6.2", () => {
    const bySeverity = (s: string): string[] => SPEC_IDS.filter((id) => RULE_MESSAGES[id]?.severity === s);
    expect(bySeverity("info")).toEqual([
      "V-UNIT-06", "V-PERIOD-06", "V-LAYOUT-10", "V-DUP-01", "V-DUP-02", "V-TYPE-03", "V-TYPE-06", "V-FILE-05", "V-FORMULA-03",
      "V-BLANK-01", "V-PLAN-03", "V-CONT-04", "V-OUTLIER-01",
    ]);
    expect(bySeverity("warning")).toEqual([
      "V-UNIT-04", "V-UNIT-05", "V-PERIOD-03", "V-PERIOD-04", "V-PERIOD-05", "V-VER-01", "V-LAYOUT-05", "V-LAYOUT-06",
      "V-LAYOUT-07", "V-LAYOUT-08", "V-LAYOUT-09", "V-TYPE-04", "V-TYPE-05", "V-DEC-01", "V-REL", "V-X-01", "V-X-02",
      "V-PLAN-01", "V-PLAN-02", "V-CONT-01", "V-CONT-02", "V-CONT-03",
    ]);
    expect(bySeverity("error").length).toBe(SPEC_IDS.length - 13 - 22);
  });

  it("copies the texts exactly (spot checks)", () => {
    expect(RULE_MESSAGES["V-LAYOUT-02"]?.vi).toBe('Trang {sheet}: không tìm thấy dòng mã số cột ("MS" hoặc "A, B").');
    expect(RULE_MESSAGES["V-UNIT-01"]?.en).toBe('"Mã đơn vị" (unit code) not found on the ThongTin sheet.');
    expect(RULE_MESSAGES["V-ID"]?.vi).toBe("{at}: {lhs} = {value}, {rhs} = {expected}: không đúng quan hệ {identity}.");
    expect(RULE_MESSAGES["V-REL"]?.en).toBe("{at}: {lhs} = {value}, {rhs} = {expected}: rule {identity} does not hold.");
    expect(RULE_MESSAGES["V-FORMULA-01"]?.vi).toBe(
      "{at}: công thức chưa có kết quả tính. Đề nghị mở tệp bằng Excel, lưu lại rồi gửi lại.",
    );
    expect(RULE_MESSAGES["V-OUTLIER-01"]?.en).toBe("{at}: {value} is unusual against the unit's earlier periods (mean {expected}).");
  });

  it("fills a catalogue-rule message with the notations of §6.1", () => {
    const rule = parseRule(ruleById(form("01/TCD"), "V-ID-01/TCD-1").expr);
    const msg = ruleMessage(messageKeyOf("V-ID-01/TCD-1"), {
      at: "01_TCD!B10",
      lhs: sideNotation(rule.then.lhs),
      rhs: sideNotation(rule.then.rhs),
      value: 1234,
      expected: 1200,
      identity: identityNotation(rule),
    });
    expect(msg.vi).toBe("01_TCD!B10: (1) = 1.234, (4)+(13)+(22) = 1.200: không đúng quan hệ 1=4+13+22.");
    expect(msg.en).toBe("01_TCD!B10: (1) = 1,234, (4)+(13)+(22) = 1,200: rule 1=4+13+22 does not hold.");
  });
});

describe("expression parser (FORMS.md §1.4)", () => {
  it("parses sums and all operators, two-character ones first", () => {
    expect(parseRule("c1 = c2 + c3")).toEqual({
      when: null,
      then: {
        lhs: [{ kind: "cell", form: null, row: null, col: 1 }],
        op: "=",
        rhs: [
          { kind: "cell", form: null, row: null, col: 2 },
          { kind: "cell", form: null, row: null, col: 3 },
        ],
      },
    });
    for (const op of ["=", "<=", ">=", "<", ">"]) expect(parseRule(`c1 ${op} c2`).then.op).toBe(op);
    expect(parseRule("c10<=c9").then.op).toBe("<=");
    expect(parseRule("c17>=c16").then.rhs).toEqual([{ kind: "cell", form: null, row: null, col: 16 }]);
  });

  it("parses implications with constants", () => {
    const r = parseRule("c2 + c5 = 0 => c6 + c7 + c8 + c9 + c10 = 0");
    expect(r.when?.lhs.length).toBe(2);
    expect(r.when?.rhs).toEqual([{ kind: "const", value: 0 }]);
    expect(r.then.lhs.map((t) => (t.kind === "cell" ? t.col : -1))).toEqual([6, 7, 8, 9, 10]);
    expect(parseRule("c6>0=>c7>=1").then).toEqual({
      lhs: [{ kind: "cell", form: null, row: null, col: 7 }],
      op: ">=",
      rhs: [{ kind: "const", value: 1 }],
    });
  });

  it("parses row, bare-row and cross-form terms", () => {
    expect(parseRule("A.c3 = A1.c3 + A2.c3").then.lhs).toEqual([{ kind: "cell", form: null, row: "A", col: 3 }]);
    expect(parseRule("P04 <= P03").then).toEqual({
      lhs: [{ kind: "cell", form: null, row: "P04", col: 1 }],
      op: "<=",
      rhs: [{ kind: "cell", form: null, row: "P03", col: 1 }],
    });
    expect(parseRule("02/TCD:c2 <= 01/TCD:c3").then).toEqual({
      lhs: [{ kind: "cell", form: "02/TCD", row: null, col: 2 }],
      op: "<=",
      rhs: [{ kind: "cell", form: "01/TCD", row: null, col: 3 }],
    });
    expect(parseRule("01/TTr:c6 >= KH-TH:A1.c2").then.rhs).toEqual([{ kind: "cell", form: "KH-TH", row: "A1", col: 2 }]);
    expect(parseRule("01/TTr:c4 <= KH-TH:A1.c1").then.lhs).toEqual([{ kind: "cell", form: "01/TTr", row: null, col: 4 }]);
  });

  it.each([
    ["", "expected a term"],
    ["c1", "expected =, <=, >=, < or >"],
    ["c1 = ", "expected a term"],
    ["c1 = c2 +", "expected a term"],
    ["c1 == c2", "expected a term"],
    ["c1 =< c2", "expected a term"],
    ["c1 = c2 c3", "unexpected text"],
    ["c0 = c1", "not a term"],
    ["c1 = -c2", "not a term"],
    ["c1 = 1.5", "not a term"],
    ["x1 = c2", "not a term"],
    ["a1.c1 = c2", "not a term"],
    ["c1 = c2 => ", "expected a term"],
    ["c1 = c2 => c3 = c4 => c5 = c6", "unexpected text"],
    ["c1 => c2", "expected =, <=, >=, < or >"],
    ["c1 = c2 * c3", "unexpected character"],
    ["02/TCD:P04 <= c1", "not a term"],
    [":c1 = c2", "not a form code"],
  ])("rejects %j (%s)", (expr, message) => {
    expect(() => parseRule(expr)).toThrow(message);
  });

  it("renders rules canonically", () => {
    expect(renderRule(parseRule("c1=c2+c3"))).toBe("c1 = c2 + c3");
    expect(renderRule(parseRule("c6>0=>c7>=1"))).toBe("c6 > 0 => c7 >= 1");
    expect(renderRule(parseRule("KH-TH:A1.c2>=P04"))).toBe("KH-TH:A1.c2 >= P04.c1");
  });
});

describe("code-row identities", () => {
  it("expands '=' chains and '..' ranges", () => {
    expect(codeRowIdentities("1=2+3=4+5")).toEqual(["c1 = c2 + c3", "c1 = c4 + c5"]);
    expect(codeRowIdentities("5=20+..+24")).toEqual(["c5 = c20 + c21 + c22 + c23 + c24"]);
    expect(codeRowIdentities("6=7+..+10=24+26+28=30+31")).toEqual([
      "c6 = c7 + c8 + c9 + c10",
      "c6 = c24 + c26 + c28",
      "c6 = c30 + c31",
    ]);
    expect(codeRowIdentities(" 1 = 4 + 13 + 22 ")).toEqual(["c1 = c4 + c13 + c22"]);
    expect(codeRowIdentities("5=20+…+24")).toEqual(["c5 = c20 + c21 + c22 + c23 + c24"]);
    expect(codeRowIdentities("3=1+...+2+5")).toEqual([]);
  });

  it("gives [] for plain numbers and other text", () => {
    for (const t of ["7", "MS", "", "1=", "=2+3", "1=2+", "1=2++3", "1=..+3", "A", "1=2+x"]) expect(codeRowIdentities(t)).toEqual([]);
  });
});

describe("notations of FORMS.md §6.1", () => {
  it("writes {identity} in code-row notation", () => {
    expect(identityNotation(parseRule("c1 = c4 + c5"))).toBe("1=4+5");
    expect(identityNotation(parseRule("c6 <= c1"))).toBe("6<=1");
    expect(identityNotation(parseRule("c1 = c2 + c3 + c4"), { row: "B2" })).toBe("B2: 1=2+3+4");
    expect(identityNotation(parseRule("A.c1 = A1.c1 + A2.c1 + A3.c1"), { row: "A1" })).toBe("A(1)=A1(1)+A2(1)+A3(1)");
    expect(identityNotation(parseRule("P04 <= P03"), { bareRows: true })).toBe("P04<=P03");
    expect(identityNotation(parseRule("c6 > 0 => c7 >= 1"))).toBe("(6)>0 => (7)>=1");
  });

  it("writes {lhs} and {rhs} with columns in parentheses", () => {
    const sides = (expr: string, bareRows = false): [string, string] => {
      const r = parseRule(expr);
      return [sideNotation(r.then.lhs, { bareRows }), sideNotation(r.then.rhs, { bareRows })];
    };
    expect(sides("c1 = c4 + c13 + c22")).toEqual(["(1)", "(4)+(13)+(22)"]);
    expect(sides("A.c1 = A1.c1 + A2.c1 + A3.c1")).toEqual(["A(1)", "A1(1)+A2(1)+A3(1)"]);
    expect(sides("P04 <= P03", true)).toEqual(["P04", "P03"]);
    expect(sides("c7 >= 1")).toEqual(["(7)", "1"]);
    expect(sides("02/TCD:c2 <= 01/TCD:c3")).toEqual(["02/TCD:(2)", "01/TCD:(3)"]);
  });
});

describe("form lookup and who submits", () => {
  it("normalises form codes as FORMS.md §2 says", () => {
    for (const t of ["01_TCD", "01/tcd", "01-TCD", " 01 / TCD ", "01\u00a0_tcd"]) expect(normaliseFormCode(t)).toBe("01/TCD");
    expect(normaliseFormCode("KH_TH")).toBe("KH/TH");
    expect(normaliseFormCode("KH_TH")).toBe(normaliseFormCode("KH-TH"));
    expect(normaliseFormCode("01/TTr")).toBe("01/TTR");
  });

  it("finds forms by code or canonical sheet name", () => {
    expect(findFormByCodeOrSheet("01_TCD")?.code).toBe("01/TCD");
    expect(findFormByCodeOrSheet("01-ttr")?.code).toBe("01/TTr");
    expect(findFormByCodeOrSheet("KH_TH")?.code).toBe("KH-TH");
    expect(findFormByCodeOrSheet("PCTN")?.code).toBe("PCTN-NB");
    expect(findFormByCodeOrSheet("pctn_nb")?.code).toBe("PCTN-NB");
    expect(findFormByCodeOrSheet("Sheet1")).toBeNull();
    expect(findFormByCodeOrSheet("")).toBeNull();
    expect(findFormByCodeOrSheet("01/XLD (TT01/2024)")).toBeNull();
    expect(formByCode("03/kqgq")?.code).toBe("03/KQGQ");
    expect(formByCode("PCTN")).toBeUndefined();
    expect(formByCode("04/TTr")).toBeUndefined();
  });

  it("requires every form by default; a unit entry overrides its type's entry", () => {
    const all = FORMS.map((f) => f.code);
    expect(requiredFormsFor("VU-CA", "VU", {}).map((f) => f.code)).toEqual(all);
    expect(requiredFormsFor("VU-CA", "VU").map((f) => f.code)).toEqual(all);
    const options = {
      requiredForms: { DSQ: ["PCTN-NB", "KH-TH", "01_TCD"], THANH_TRA: all },
      requiredFormsByUnit: { "CUC-LANH-SU": ["kh-th", "PCTN-NB", "01/TCD", "02/TCD", "01/XLD"], "DSQ-X": [] },
    };
    expect(requiredFormsFor("DSQ-ANH", "DSQ", options).map((f) => f.code)).toEqual(["KH-TH", "01/TCD", "PCTN-NB"]);
    expect(requiredFormsFor("TTB", "THANH_TRA", options).map((f) => f.code)).toEqual(all);
    expect(requiredFormsFor("CUC-LANH-SU", "CUC", options).map((f) => f.code)).toEqual([
      "KH-TH", "01/TCD", "02/TCD", "01/XLD", "PCTN-NB",
    ]);
    expect(requiredFormsFor("DSQ-X", "DSQ", options)).toEqual([]);
    // A type without an entry keeps the default.
    expect(requiredFormsFor("VU-CA", "VU", options).map((f) => f.code)).toEqual(all);
  });
});
