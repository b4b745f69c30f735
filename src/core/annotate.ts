/**
 * The return file for a unit (CLI `annotate`): a copy of its workbook with each finding on its
 * cell (fill colour and a Vietnamese note) and a first sheet `LoiPhatHien` listing every finding.
 * The unit's own bytes are never changed: the copy is rewritten by exceljs, which may drop objects
 * it cannot carry; the first sheet says so when the original had any.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { SEVERITY_VI, type Finding } from "./findings";
import { normalisePackage } from "./xlsx/deterministic";
import { THIN_BORDER, font } from "./xlsx/layout";

export const ANNOTATION_SHEET = "LoiPhatHien";

const FILL: Readonly<Record<Finding["severity"], string>> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};

const SEVERITY_RANK: Readonly<Record<Finding["severity"], number>> = { error: 0, warning: 1, info: 2 };

/** Parts exceljs does not carry through a rewrite (CLI.md `annotate`). */
const DROPPABLE: ReadonlyArray<{ readonly prefix: string; readonly vi: string }> = [
  { prefix: "xl/charts/", vi: "biểu đồ" },
  { prefix: "xl/drawings/", vi: "hình vẽ, hình ảnh" },
  { prefix: "xl/pivotTables/", vi: "bảng tổng hợp (pivot)" },
  { prefix: "xl/ctrlProps/", vi: "điều khiển biểu mẫu" },
  { prefix: "xl/threadedComments/", vi: "chú thích dạng hội thoại" },
];

function droppedObjects(bytes: Uint8Array): string[] {
  try {
    const names = Object.keys(unzipSync(bytes, { filter: (f) => DROPPABLE.some((d) => f.name.startsWith(d.prefix)) }));
    return DROPPABLE.filter((d) => names.some((n) => n.startsWith(d.prefix))).map((d) => d.vi);
  } catch {
    return [];
  }
}

export interface AnnotateOptions {
  /** ISO 8601 UTC timestamp written in the copy (deterministic output). */
  readonly creationTime: string;
}

/** Build the annotated copy of `bytes` with `findings` (those of this file). */
export async function annotateWorkbook(bytes: Uint8Array, findings: readonly Finding[], options: AnnotateOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

  // Group the findings of each cell: one note, the worst severity's colour.
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.sheet || !f.cell || !wb.getWorksheet(f.sheet)) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  for (const [key, list] of byCell) {
    const [sheet = "", address = ""] = key.split("\u0000");
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const cell = ws.getCell(address);
    const worst = [...list].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
    if (!worst) continue;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL[worst.severity] } };
    const text = list.map((f) => `[${SEVERITY_VI[f.severity]}] ${f.message.vi} (${f.rule})`).join("\n");
    const previous = typeof cell.note === "string" ? cell.note : cell.note?.texts?.map((t) => t.text).join("") ?? "";
    cell.note = previous ? `${previous}\n${text}` : text;
  }

  let name = ANNOTATION_SHEET;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${ANNOTATION_SHEET} (${i})`;
  const ws = wb.addWorksheet(name, { properties: { tabColor: { argb: "FFC00000" } } });
  // exceljs orders sheets by orderNo: put the findings first.
  const first = Math.min(...wb.worksheets.map((w) => (w as unknown as { orderNo: number }).orderNo));
  (ws as unknown as { orderNo: number }).orderNo = first - 1;
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];

  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 14;
  ws.getColumn(4).width = 8;
  ws.getColumn(5).width = 18;
  ws.getColumn(6).width = 70;
  ws.getColumn(7).width = 60;
  const title = ws.getCell("A1");
  title.value = "KẾT QUẢ KIỂM TRA BÁO CÁO";
  title.font = font({ size: 14, bold: true });
  const counts = (sev: Finding["severity"]): number => findings.filter((f) => f.severity === sev).length;
  ws.getCell("A2").value = `${counts("error")} lỗi, ${counts("warning")} cảnh báo, ${counts("info")} thông tin. Ô có lỗi được tô màu và có ghi chú; đề nghị sửa và gửi lại.`;
  ws.getCell("A2").font = font({ italic: true });
  let row = 3;
  const dropped = droppedObjects(bytes);
  if (dropped.length > 0) {
    ws.getCell(row, 1).value = `Lưu ý: bản sao này có thể không còn các đối tượng của tệp gốc: ${dropped.join(", ")}. Tệp gốc của đơn vị không bị thay đổi.`;
    ws.getCell(row, 1).font = font({ italic: true, color: "FFC00000" });
    row++;
  }
  row++;
  const header = ["STT", "Mức độ", "Trang tính", "Ô", "Mã quy tắc", "Nội dung", "Message (EN)"];
  header.forEach((h, i) => {
    const c = ws.getCell(row, i + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.border = THIN_BORDER;
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  // Findings without a cell first (they have no cell to sit on), then the others in order.
  const listed = [...findings.filter((f) => !f.cell), ...findings.filter((f) => f.cell)];
  listed.forEach((f, i) => {
    const r = row + 1 + i;
    const values = [i + 1, SEVERITY_VI[f.severity], f.sheet ?? "", f.cell ?? "", f.rule, f.message.vi, f.message.en];
    values.forEach((v, j) => {
      const c = ws.getCell(r, j + 1);
      c.value = v;
      c.font = font();
      c.border = THIN_BORDER;
      c.alignment = { vertical: "top", wrapText: j >= 5 };
      if (j === 1) c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL[f.severity] } };
    });
  });
  ws.views = [{ state: "frozen", ySplit: row }];

  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  return normalisePackage(raw, options.creationTime);
}
