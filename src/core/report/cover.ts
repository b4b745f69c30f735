/**
 * The report's cover sheet `BiaBaoCao` (WORKBOOKS.md §2.3): document header, title lines, the three
 * tables of key figures (plan completion, unit counts, other rates, findings), signature block.
 * Every figure is registered in the cell registry for NguonSoLieu block 3.
 */
import type ExcelJS from "exceljs";
import type { WriterSheet, WriterWorkbook } from "../xlsx/writer";
import type { Rate } from "../aggregate/aggregate";
import { documentDateLine, formatDateVi } from "../dates";
import { labelVi } from "../periods";
import { formatNumber } from "../text";
import type { UnitRecord, UnitStatus } from "../validate/run";
import {
  DEFAULT_SIGNATURE,
  NUMBER_FORMAT,
  RATE_FORMAT,
  THIN_BORDER,
  TIEU_NGU,
  a1,
  applyPageSetup,
  font,
  mergeIfWide,
  narrowestCentredRun,
  styleRange,
  wrappedLines,
  writeNationalHeader,
  writeSignatureBlock,
  type FontSpec,
  align,
} from "../xlsx/layout";
import type { ReportContext } from "./cells";
import { cellText } from "../xlsx/celltext";

export const COVER_SHEET = "BiaBaoCao";

/** STT | Chỉ tiêu | Giá trị | Diễn giải. */
// Wide enough that no label or explanation wraps, so the cover stays short.
const COVER_WIDTHS: readonly number[] = [6, 72, 14, 48];
const N = COVER_WIDTHS.length;

export const COVER_TITLE = "BÁO CÁO TỔNG HỢP";
export const COVER_SUBTITLE =
  "Kết quả công tác thanh tra, kiểm tra, giám sát; tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng, tiêu cực";

const COUNT_FORMAT = NUMBER_FORMAT.INT;

/** One row of a cover table: a rate or a count. */
type CoverRow =
  | { readonly kind: "rate"; readonly label: string; readonly id: string; readonly rate: Rate; readonly note: string }
  | { readonly kind: "count"; readonly label: string; readonly value: number; readonly note: string; readonly units: readonly string[] };

interface CoverTable {
  readonly title: string;
  readonly rows: readonly CoverRow[];
}

/** Cover tables of WORKBOOKS.md §2.3, from the consolidation and the findings. */
function coverTables(ctx: ReportContext): CoverTable[] {
  const c = ctx.consolidation;
  const run = c.run;
  const s = run.summary;
  const expected = run.units.filter((u) => u.expected);
  // Units counted by a figure, in roster order: they are its provenance in NguonSoLieu.
  const codes = (pick: (u: UnitRecord) => boolean): string[] =>
    [...expected].sort((a, b) => a.unit.order - b.unit.order).filter(pick).map((u) => u.unit.code);
  const withStatus = (...statuses: UnitStatus[]) => (u: UnitRecord): boolean => u.status !== null && statuses.includes(u.status);
  // Vietnamese digit groups, as the console and the pane write the same counts ("1.244/2.018").
  const ratio = (r: Rate): string => `${formatNumber(r.numerator, "vi")}/${formatNumber(r.denominator, "vi")}`;
  const planned = (r: Rate): string => `Hoàn thành ${ratio(r)} cuộc`;
  const inspection = c.rates.inspection.byScope.TOTAL;
  const party = c.rates.party.byScope.TOTAL;
  const count = (label: string, value: number, units: readonly string[], note = ""): CoverRow => ({ kind: "count", label, value, units, note });
  const severities = { error: 0, warning: 0, info: 0 };
  for (const f of ctx.findings) severities[f.severity]++;
  return [
    {
      title: "I. CÁC CHỈ TIÊU CHÍNH",
      rows: [
        { kind: "rate", label: "Tỷ lệ hoàn thành kế hoạch thanh tra, kiểm tra", id: "R-KH-A", rate: inspection, note: planned(inspection) },
        { kind: "rate", label: "Tỷ lệ hoàn thành chương trình kiểm tra, giám sát của Đảng", id: "R-KH-B", rate: party, note: planned(party) },
        count("Số đơn vị phải báo cáo", s.expected, codes(() => true)),
        count("Số đơn vị đã nộp", s.received, codes(withStatus("on-time", "late", "rejected")), "Được chấp nhận + bị trả lại"),
        count("Số đơn vị được chấp nhận", s.accepted, codes(withStatus("on-time", "late")), "Đúng hạn + nộp muộn"),
        count("Số đơn vị nộp muộn", s.late, codes(withStatus("late")), `Được chấp nhận, nhận sau hạn nộp ${formatDateVi(run.deadline)}`),
        count("Số đơn vị chưa nộp", s.missing.length, codes(withStatus("missing"))),
        count("Số đơn vị bị trả lại", s.rejected, codes(withStatus("rejected"))),
      ],
    },
    {
      title: "II. CÁC TỶ LỆ KHÁC",
      rows: [
        { kind: "rate", label: "Tỷ lệ đơn đã xử lý", id: "R-XLD", rate: c.rates.xld, note: ratio(c.rates.xld) },
        { kind: "rate", label: "Tỷ lệ giải quyết vụ việc khiếu nại", id: "R-KN", rate: c.rates.kn, note: ratio(c.rates.kn) },
        { kind: "rate", label: "Tỷ lệ giải quyết vụ việc tố cáo", id: "R-TC", rate: c.rates.tc, note: ratio(c.rates.tc) },
        { kind: "rate", label: "Tỷ lệ kê khai tài sản, thu nhập", id: "R-KKTS", rate: c.rates.kkts, note: ratio(c.rates.kkts) },
      ],
    },
    {
      title: "III. KIỂM TRA SỐ LIỆU",
      rows: [
        count("Số lỗi", severities.error, [], "Xem trang tính KiemTra"),
        count("Số cảnh báo", severities.warning, [], "Xem trang tính KiemTra"),
        count("Số thông tin", severities.info, [], "Xem trang tính KiemTra"),
      ],
    },
  ];
}

function put(ws: WriterSheet, row: number, from: number, to: number, text: string, f: FontSpec, alignment: Partial<ExcelJS.Alignment>): void {
  ws.getCell(row, from).value = cellText(text);
  styleRange(ws, row, from, row, to, (cell) => {
    cell.font = font(f);
    cell.alignment = { vertical: "middle", ...alignment };
  });
  mergeIfWide(ws, row, from, row, to);
}

/** Add the `BiaBaoCao` sheet (WORKBOOKS.md §2.3). */
export function addCoverSheet(wb: WriterWorkbook, ctx: ReportContext): void {
  const ws = wb.addWorksheet(COVER_SHEET);
  COVER_WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const { options } = ctx;
  const run = ctx.consolidation.run;
  // In capitals, as writeNationalHeader prints it: row 3 is centred on the same run.
  const unitName = options.reportingUnitName.toUpperCase();
  writeNationalHeader(ws, COVER_WIDTHS, { agency: options.agencyName, unit: unitName, leftRule: true });

  // Row 3 sits under row 2's texts: the same centring rule as the header's short rules.
  const leftEnd = Math.max(1, Math.ceil(0.4 * N));
  const number = `Số: ${options.documentNumber}`;
  const dateLine = documentDateLine(options.place, options.signDate);
  const left = narrowestCentredRun(COVER_WIDTHS, 1, leftEnd, Math.max([...unitName].length, [...number].length));
  const right = narrowestCentredRun(COVER_WIDTHS, leftEnd + 1, N, Math.max([...TIEU_NGU].length, [...dateLine].length));
  put(ws, 3, left.from, left.to, number, { size: 12 }, { horizontal: "center" });
  put(ws, 3, right.from, right.to, dateLine, { size: 12, italic: true }, { horizontal: "center" });
  ws.getRow(3).height = 18;

  put(ws, 4, 1, N, COVER_TITLE, { size: 14, bold: true }, { horizontal: "center" });
  ws.getRow(4).height = 22;
  put(ws, 5, 1, N, COVER_SUBTITLE, { size: 13, bold: true }, { horizontal: "center", wrapText: true });
  // 13 pt characters are wider than the 11 pt width unit: count lines on a proportionally narrower row.
  const totalWidth = COVER_WIDTHS.reduce((a, b) => a + b, 0);
  ws.getRow(5).height = 18 * wrappedLines(COVER_SUBTITLE, (totalWidth * 11) / 13);
  const w = run.window;
  const periodLine = `Kỳ báo cáo: ${labelVi(run.period)} (số liệu tính từ ngày ${formatDateVi(w.from)} đến ngày ${formatDateVi(w.to)})`;
  put(ws, 6, 1, N, periodLine, { size: 12, italic: true }, { horizontal: "center", wrapText: true });
  ws.getRow(6).height = 18;

  let row = 8;
  for (const table of coverTables(ctx)) {
    put(ws, row, 1, N, table.title, { size: 12, bold: true }, { horizontal: "left" });
    row++;
    ["STT", "Chỉ tiêu", "Giá trị", "Diễn giải"].forEach((text, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = cellText(text);
      cell.font = font({ bold: true });
      cell.alignment = align("center", "middle", true);
      cell.border = THIN_BORDER;
    });
    row++;
    table.rows.forEach((item, i) => {
      const stt = ws.getCell(row, 1);
      stt.value = i + 1;
      stt.alignment = align("center", "middle");
      const label = ws.getCell(row, 2);
      label.value = cellText(item.label);
      label.alignment = align("left", "middle", true);
      const value = ws.getCell(row, 3);
      const note = ws.getCell(row, 4);
      note.value = item.note === "" ? null : cellText(item.note);
      note.alignment = align("left", "middle", true);
      const address = a1(row, 3);
      if (item.kind === "rate" && item.rate.rate === null) {
        value.value = "-";
        value.alignment = align("center", "middle");
      } else {
        value.value = item.kind === "rate" ? item.rate.rate : item.value;
        value.numFmt = item.kind === "rate" ? RATE_FORMAT : COUNT_FORMAT;
        value.alignment = align("right", "middle");
      }
      ctx.cells.addComputed({
        sheet: COVER_SHEET,
        cell: address,
        form: null,
        row: null,
        column: item.kind === "rate" ? item.id : item.label,
        scope: "TOTAL",
        value: item.kind === "rate" ? item.rate.rate ?? "-" : item.value,
        numerator: item.kind === "rate" ? item.rate.numerator : null,
        denominator: item.kind === "rate" ? item.rate.denominator : null,
        units: item.kind === "rate" ? item.rate.units : item.units,
      });
      styleRange(ws, row, 1, row, N, (cell) => {
        cell.font = font();
        cell.border = THIN_BORDER;
      });
      const lines = Math.max(wrappedLines(item.label, COVER_WIDTHS[1] ?? 72), wrappedLines(item.note, COVER_WIDTHS[3] ?? 48));
      ws.getRow(row).height = Math.min(150, 15 * lines);
      row++;
    });
    row++; // one blank row between tables
  }

  // `row` is now two rows below the last table's last row (WORKBOOKS.md §2.2).
  writeSignatureBlock(ws, row, N, {
    ...DEFAULT_SIGNATURE,
    dateLine: null,
    leftName: options.preparerName,
    rightName: options.headName,
  });
  applyPageSetup(ws, { printTitlesTo: 6, freezeRow: 6, freezeCol: 0 });
}

