/** 01/XLD: petition handling, TT01_2024 variant (FORMS.md §4.4) [OFFICIAL-IMPL]. */
import type { FormDef } from "../types";

/**
 * Only the TT01_2024 variant (22 columns); the 26-column 2021 variant is rejected by V-LAYOUT-04.
 * The group over columns 1–3 uses the implementation's header, not the template's mislabel.
 */
export const XLD_01: FormDef = {
  code: "01/XLD",
  sheet: "01_XLD",
  label: "Biểu số: 01/XLD",
  title: "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN",
  altTitles: [],
  unitLine: "Đơn vị tính: đơn; vụ việc; văn bản",
  layout: "WIDE",
  headerDepth: 3,
  codeRow: ["MS", "1=2+3=4+5", "2", "3", "4", "5", "6=8+9+10=11+12+13=14+18", "7", "8", "9", "10", "11", "12", "13", "14=15+16+17", "15", "16", "17", "18=19+20+21", "19", "20", "21", "22"],
  labelColumns: ["Đơn vị"],
  columns: [
    { no: 1, headerPath: ["Tổng số đơn phải xử lý", "Tổng số"], gloss: "petitions to handle, total", uom: "đơn", type: "INT", kind: "CUM" },
    { no: 2, headerPath: ["Tổng số đơn phải xử lý", "Kỳ trước chuyển sang"], gloss: "carried over", uom: "đơn", type: "INT", kind: "OPEN" },
    { no: 3, headerPath: ["Tổng số đơn phải xử lý", "Tiếp nhận trong kỳ"], gloss: "received in the window", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 4, headerPath: ["Số đơn đã xử lý"], gloss: "handled", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 5, headerPath: ["Số đơn chưa xử lý (chuyển kỳ sau xử lý)"], gloss: "not yet handled (carried forward)", uom: "đơn", type: "INT", kind: "CLOSE" },
    { no: 6, headerPath: ["Đủ điều kiện xử lý", "Số đơn"], gloss: "eligible: petitions", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 7, headerPath: ["Đủ điều kiện xử lý", "Số vụ việc"], gloss: "eligible: cases", uom: "vụ việc", type: "INT", kind: "FLOW" },
    { no: 8, headerPath: ["Phân loại đơn theo nội dung", "Khiếu nại"], gloss: "by content: complaints", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 9, headerPath: ["Phân loại đơn theo nội dung", "Tố cáo"], gloss: "by content: denunciations", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 10, headerPath: ["Phân loại đơn theo nội dung", "Kiến nghị, phản ánh"], gloss: "by content: recommendations/feedback", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 11, headerPath: ["Phân loại đơn theo tình trạng giải quyết", "Đã giải quyết", "Lần đầu"], gloss: "already settled: first time", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 12, headerPath: ["Phân loại đơn theo tình trạng giải quyết", "Đã giải quyết", "Nhiều lần"], gloss: "already settled: repeatedly", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 13, headerPath: ["Phân loại đơn theo tình trạng giải quyết", "Chưa giải quyết xong"], gloss: "not yet settled", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 14, headerPath: ["Kết quả xử lý đơn", "Đơn thuộc thẩm quyền", "Tổng số"], gloss: "within competence, total", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 15, headerPath: ["Kết quả xử lý đơn", "Đơn thuộc thẩm quyền", "Khiếu nại"], gloss: "within competence: complaints", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 16, headerPath: ["Kết quả xử lý đơn", "Đơn thuộc thẩm quyền", "Tố cáo"], gloss: "within competence: denunciations", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 17, headerPath: ["Kết quả xử lý đơn", "Đơn thuộc thẩm quyền", "Kiến nghị, phản ánh"], gloss: "within competence: recommendations", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 18, headerPath: ["Kết quả xử lý đơn", "Đơn không thuộc thẩm quyền", "Tổng số"], gloss: "outside competence, total", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 19, headerPath: ["Kết quả xử lý đơn", "Đơn không thuộc thẩm quyền", "Hướng dẫn"], gloss: "guided", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 20, headerPath: ["Kết quả xử lý đơn", "Đơn không thuộc thẩm quyền", "Chuyển đơn"], gloss: "forwarded", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 21, headerPath: ["Kết quả xử lý đơn", "Đơn không thuộc thẩm quyền", "Đôn đốc giải quyết"], gloss: "settlement urged", uom: "đơn", type: "INT", kind: "FLOW" },
    { no: 22, headerPath: ["Số văn bản phúc đáp nhận được do chuyển đơn"], gloss: "replies received for forwarded petitions", uom: "văn bản", type: "INT", kind: "FLOW" },
  ],
  rows: [],
  rules: [
    { id: "V-ID-01/XLD-1", expr: "c1 = c2 + c3", severity: "error" },
    { id: "V-ID-01/XLD-2", expr: "c1 = c4 + c5", severity: "error" },
    { id: "V-ID-01/XLD-3", expr: "c6 = c8 + c9 + c10", severity: "error" },
    { id: "V-ID-01/XLD-4", expr: "c6 = c11 + c12 + c13", severity: "error" },
    { id: "V-ID-01/XLD-5", expr: "c6 = c14 + c18", severity: "error" },
    { id: "V-ID-01/XLD-6", expr: "c14 = c15 + c16 + c17", severity: "error" },
    { id: "V-ID-01/XLD-7", expr: "c18 = c19 + c20 + c21", severity: "error" },
    { id: "V-REL-01/XLD-1", expr: "c6 <= c4", severity: "warning", note: "eligible petitions are among those handled" },
    { id: "V-REL-01/XLD-2", expr: "c7 <= c6", severity: "warning", note: "several petitions may concern one case" },
  ],
  notesNo: 23,
  status: "OFFICIAL-IMPL",
};
