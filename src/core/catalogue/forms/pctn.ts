/**
 * PCTN-NB: the ministry's internal anti-corruption indicators (FORMS.md §5) [DESIGN]. Not the
 * official 01/PCTN biểu of 01/2024/TT-TTCP.
 */
import type { FormDef, RowDef } from "../types";

const section = (code: string, label: string): RowDef => ({ code, label, gloss: "section", role: "section" });

export const PCTN_NB: FormDef = {
  code: "PCTN-NB",
  sheet: "PCTN",
  label: "Biểu số: PCTN-NB",
  title: "MỘT SỐ CHỈ TIÊU VỀ CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG, TIÊU CỰC",
  altTitles: [],
  unitLine: "Đơn vị tính: ghi tại cột C",
  layout: "ROWS",
  headerDepth: 1,
  codeRow: ["A", "B", "C", "1", "2"],
  labelColumns: ["Mã số", "Chỉ tiêu", "Đơn vị tính"],
  columns: [
    // UoM, type and kind of the single numeric column are per row (column C, RowDef.type/kind);
    // the column carries the common case (INT, FLOW).
    { no: 1, headerPath: ["Số liệu"], gloss: "value", uom: "", type: "INT", kind: "FLOW" },
    { no: 2, headerPath: ["Ghi chú"], gloss: "notes", uom: "", type: "TEXT", kind: null },
  ],
  rows: [
    section("I", "I. XÂY DỰNG, HOÀN THIỆN QUY CHẾ, QUY ĐỊNH, QUY TRÌNH"),
    { code: "P01", label: "Số quy chế, quy định được ban hành mới", gloss: "regulations issued", role: "data", uom: "văn bản", type: "INT", kind: "FLOW" },
    { code: "P02", label: "Số quy trình được ban hành mới", gloss: "procedures issued", role: "data", uom: "văn bản", type: "INT", kind: "FLOW" },
    { code: "P03", label: "Số quy chế, quy định, quy trình nội bộ được rà soát", gloss: "internal rules reviewed", role: "data", uom: "văn bản", type: "INT", kind: "FLOW" },
    { code: "P04", label: "Số quy chế, quy định, quy trình nội bộ được sửa đổi, bổ sung", gloss: "internal rules amended", role: "data", uom: "văn bản", type: "INT", kind: "FLOW" },
    section("II", "II. CÔNG KHAI, MINH BẠCH"),
    { code: "P05", label: "Số nội dung được công khai theo quy định", gloss: "items made public as required", role: "data", uom: "nội dung", type: "INT", kind: "FLOW" },
    { code: "P06", label: "Số cuộc kiểm tra việc thực hiện công khai, minh bạch", gloss: "publicity/transparency checks", role: "data", uom: "cuộc", type: "INT", kind: "FLOW" },
    section("III", "III. KÊ KHAI TÀI SẢN, THU NHẬP"),
    // P07 and P10 are positions at the window end, the others events inside the window.
    { code: "P07", label: "Số người phải kê khai tài sản, thu nhập", gloss: "persons required to declare assets and income", role: "data", uom: "người", type: "INT", kind: "CLOSE" },
    { code: "P08", label: "Số người đã kê khai tài sản, thu nhập", gloss: "persons who declared", role: "data", uom: "người", type: "INT", kind: "FLOW" },
    { code: "P09", label: "Số người được xác minh tài sản, thu nhập", gloss: "persons whose declaration was verified", role: "data", uom: "người", type: "INT", kind: "FLOW" },
    section("IV", "IV. CHUYỂN ĐỔI VỊ TRÍ CÔNG TÁC"),
    { code: "P10", label: "Số người phải chuyển đổi vị trí công tác theo kế hoạch", gloss: "persons due for job rotation", role: "data", uom: "người", type: "INT", kind: "CLOSE" },
    { code: "P11", label: "Số người đã chuyển đổi vị trí công tác", gloss: "persons rotated", role: "data", uom: "người", type: "INT", kind: "FLOW" },
    section("V", "V. PHÁT HIỆN, XỬ LÝ THAM NHŨNG, TIÊU CỰC"),
    { code: "P12", label: "Số vụ việc tham nhũng, tiêu cực được phát hiện", gloss: "corruption cases detected", role: "data", uom: "vụ việc", type: "INT", kind: "FLOW" },
    { code: "P13", label: "Số người có hành vi tham nhũng, tiêu cực bị phát hiện", gloss: "persons involved", role: "data", uom: "người", type: "INT", kind: "FLOW" },
    { code: "P14", label: "Số người bị xử lý kỷ luật", gloss: "persons disciplined", role: "data", uom: "người", type: "INT", kind: "FLOW" },
    { code: "P15", label: "Số vụ việc chuyển cơ quan điều tra", gloss: "cases referred to investigators", role: "data", uom: "vụ việc", type: "INT", kind: "FLOW" },
    { code: "P16", label: "Số tiền phải thu hồi", gloss: "money to be recovered", role: "data", uom: "triệu đồng", type: "MONEY", kind: "FLOW" },
    { code: "P17", label: "Số tiền đã thu hồi", gloss: "money recovered", role: "data", uom: "triệu đồng", type: "MONEY", kind: "FLOW" },
    section("VI", "VI. TUYÊN TRUYỀN, PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT VỀ PCTN"),
    { code: "P18", label: "Số hội nghị, lớp tuyên truyền, phổ biến", gloss: "dissemination conferences/classes", role: "data", uom: "hội nghị", type: "INT", kind: "FLOW" },
    { code: "P19", label: "Số lượt người tham dự", gloss: "participants", role: "data", uom: "lượt người", type: "INT", kind: "FLOW" },
  ],
  // All rules name rows (a bare row code means its column 1), so each runs once per submission.
  rules: [
    { id: "V-REL-PCTN-NB-1", expr: "P04 <= P03", severity: "warning" },
    { id: "V-REL-PCTN-NB-2", expr: "P08 <= P07", severity: "warning" },
    { id: "V-REL-PCTN-NB-3", expr: "P09 <= P08", severity: "warning" },
    { id: "V-REL-PCTN-NB-4", expr: "P11 <= P10", severity: "warning" },
    { id: "V-REL-PCTN-NB-5", expr: "P13 > 0 => P12 >= 1", severity: "warning" },
    { id: "V-REL-PCTN-NB-6", expr: "P14 <= P13", severity: "warning" },
    { id: "V-REL-PCTN-NB-7", expr: "P15 <= P12", severity: "warning" },
    { id: "V-REL-PCTN-NB-8", expr: "P17 <= P16", severity: "warning" },
    { id: "V-REL-PCTN-NB-9", expr: "P18 = 0 => P19 = 0", severity: "warning" },
  ],
  notesNo: 3,
  status: "DESIGN",
};
