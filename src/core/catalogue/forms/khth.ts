/** KH-TH: implementation of the inspection, check and supervision plan (FORMS.md §3) [DESIGN]. */
import type { FormDef, RowDef, RuleDef } from "../types";

const ROWS: readonly RowDef[] = [
  { code: "A", label: "A. THANH TRA, KIỂM TRA", gloss: "inspection and checks (group)", role: "group", members: ["A1", "A2", "A3"] },
  { code: "A1", label: "Thanh tra hành chính theo kế hoạch", gloss: "administrative inspection (annual inspection plan)", role: "data" },
  { code: "A2", label: "Thanh tra chuyên ngành", gloss: "specialised inspection", role: "data" },
  { code: "A3", label: "Kiểm tra nội bộ, kiểm tra công vụ", gloss: "internal / public-service checks", role: "data" },
  { code: "B", label: "B. KIỂM TRA, GIÁM SÁT CỦA ĐẢNG", gloss: "Party inspection and supervision (group)", role: "group", members: ["B1", "B2", "B3", "B4", "B5", "B6"] },
  { code: "B1", label: "Kiểm tra tổ chức đảng theo chương trình", gloss: "inspection of Party organisations under the programme", role: "data" },
  { code: "B2", label: "Kiểm tra khi có dấu hiệu vi phạm – đảng viên", gloss: "inspection on signs of violation: Party members", role: "data", adHoc: true },
  { code: "B3", label: "Kiểm tra khi có dấu hiệu vi phạm – tổ chức đảng", gloss: "inspection on signs of violation: Party organisations", role: "data", adHoc: true },
  { code: "B4", label: "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật trong Đảng", gloss: "inspection of how inspection, supervision and discipline duties are carried out", role: "data" },
  { code: "B5", label: "Kiểm tra tài chính đảng", gloss: "inspection of Party finances", role: "data" },
  { code: "B6", label: "Giám sát chuyên đề", gloss: "thematic supervision", role: "data" },
];

/**
 * V-REL-KH-TH-5 as one rule per group row and column (A, B × c1…c10), all with the same id and
 * `groupCheck`: the grammar has no "for each N", and a finding must point at one group cell.
 * Derived from the group rows' members so the two cannot drift apart.
 */
const GROUP_RULES: readonly RuleDef[] = ROWS.filter((r) => r.role === "group").flatMap((group) =>
  Array.from({ length: 10 }, (_, k): RuleDef => {
    const n = k + 1;
    return {
      id: "V-REL-KH-TH-5",
      expr: `${group.code}.c${n} = ${(group.members ?? []).map((m) => `${m}.c${n}`).join(" + ")}`,
      severity: "warning",
      groupCheck: true,
      note: "a filled group cell must equal the sum of its data rows; groups are always recomputed",
    };
  }),
);

export const KH_TH: FormDef = {
  code: "KH-TH",
  sheet: "KH_TH",
  label: "Biểu số: KH-TH",
  title: "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH THANH TRA, KIỂM TRA, GIÁM SÁT",
  altTitles: [],
  unitLine: "Đơn vị tính: cuộc; tổ chức; người; đối tượng",
  layout: "ROWS",
  headerDepth: 2,
  codeRow: ["A", "B", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"],
  labelColumns: ["Mã số", "Loại hoạt động"],
  columns: [
    { no: 1, headerPath: ["Kế hoạch năm (số cuộc được phê duyệt)"], gloss: "rounds in the approved annual plan/programme", uom: "cuộc", type: "INT", kind: "PLAN" },
    { no: 2, headerPath: ["Tiến độ thực hiện kế hoạch", "Đã hoàn thành (lũy kế)"], gloss: "planned rounds completed, cumulative", uom: "cuộc", type: "INT", kind: "CUM" },
    { no: 3, headerPath: ["Tiến độ thực hiện kế hoạch", "Đang thực hiện"], gloss: "planned rounds in progress at window end", uom: "cuộc", type: "INT", kind: "CLOSE" },
    { no: 4, headerPath: ["Tiến độ thực hiện kế hoạch", "Chưa triển khai"], gloss: "planned rounds not started at window end", uom: "cuộc", type: "INT", kind: "CLOSE" },
    { no: 5, headerPath: ["Ngoài kế hoạch, đột xuất (lũy kế)"], gloss: "unplanned / ad-hoc rounds started, cumulative", uom: "cuộc", type: "INT", kind: "CUM" },
    { no: 6, headerPath: ["Số đối tượng", "Tổ chức"], gloss: "subjects: organisations / Party organisations", uom: "tổ chức", type: "INT", kind: "CUM" },
    { no: 7, headerPath: ["Số đối tượng", "Cá nhân, đảng viên"], gloss: "subjects: individuals / Party members", uom: "người", type: "INT", kind: "CUM" },
    { no: 8, headerPath: ["Kết quả", "Số có vi phạm, khuyết điểm"], gloss: "subjects found with violations or shortcomings", uom: "đối tượng", type: "INT", kind: "CUM" },
    { no: 9, headerPath: ["Kết quả", "Số phải xử lý, thi hành kỷ luật"], gloss: "subjects to be handled / disciplined", uom: "đối tượng", type: "INT", kind: "CUM" },
    { no: 10, headerPath: ["Kết quả", "Số đã xử lý, thi hành kỷ luật"], gloss: "subjects handled / disciplined", uom: "đối tượng", type: "INT", kind: "CUM" },
    { no: 11, headerPath: ["Ghi chú"], gloss: "notes", uom: "", type: "TEXT", kind: null },
  ],
  rows: ROWS,
  rules: [
    {
      id: "V-ID-KH-TH-1",
      expr: "c1 = c2 + c3 + c4",
      severity: "error",
      // On-signs inspections are unplanned by nature and may exceed the plan.
      severityByRow: { B2: "warning", B3: "warning" },
      note: "planned = completed + in progress + not started",
    },
    { id: "V-REL-KH-TH-1", expr: "c8 <= c6 + c7", severity: "error", note: "violators are among the subjects" },
    { id: "V-REL-KH-TH-2", expr: "c9 <= c8", severity: "error", note: "only violators are handled" },
    { id: "V-REL-KH-TH-3", expr: "c10 <= c9", severity: "warning", note: "handling may conclude cases found in an earlier year" },
    {
      id: "V-REL-KH-TH-4",
      expr: "c2 + c5 = 0 => c6 + c7 + c8 + c9 + c10 = 0",
      severity: "warning",
      note: "results reported without any concluded round",
    },
    ...GROUP_RULES,
  ],
  notesNo: 12,
  status: "DESIGN",
};
