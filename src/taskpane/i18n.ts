/**
 * Every label and message of the pane in Vietnamese and English (TASKPANE.md). The words for statuses
 * and severities are the report's (WORKBOOKS.md §2.7–§2.9) and the CLI's English (CLI.md), so the pane,
 * the report and the console speak one language. The report itself is always Vietnamese.
 */
import { rateWithCounts } from "../core/aggregate/aggregate";
import type { Severity } from "../core/findings";
import type { PeriodType } from "../core/periods";
import type { InputStatus, RunSummary, UnitStatus } from "../core/validate/run";
import type { Lang, WorkProgress } from "./api";

/** What keeps "Tổng hợp" from running, most pressing first. */
export type ConsolidateBlock = "roster" | "checking" | "check-failed" | "none-accepted";

export type { Lang };

export interface PaneText {
  readonly title: string;
  readonly language: string;
  readonly help: string;

  readonly emptyTitle: string;
  readonly emptySteps: readonly [string, string, string];

  readonly period: string;
  readonly periodType: string;
  readonly periodTypes: Readonly<Record<PeriodType, string>>;
  readonly year: string;
  readonly month: string;
  readonly quarter: string;
  readonly monthName: (m: number) => string;
  readonly quarterName: (q: number) => string;
  readonly fromFiles: string;
  readonly deadlineLine: (date: string) => string;

  readonly roster: string;
  readonly rosterLoad: string;
  readonly rosterDefault: string;
  /** The roster line before the first check has named the roster. */
  readonly rosterDefaultLabel: string;
  readonly rosterErrorsFix: string;
  /** The title of the roster's errors (a MessageBar is named by its title). */
  readonly rosterErrorsTitle: (n: number) => string;
  /** Said when the user has emptied the file list. */
  readonly listEmptied: string;
  /** After a file refused for its size or a reading limit: how the unit can send it. */
  readonly tooLargeRemedy: string;
  /** "2 tệp không sử dụng", said after a check's counts. */
  readonly unusedCount: (n: number) => string;

  readonly files: string;
  readonly dropZone: string;
  readonly readWorkbook: string;
  readonly remove: (name: string) => string;
  readonly clearList: string;
  /** The confirmation "Xóa danh sách" asks first: question, what it does not do, the two answers. */
  readonly clearConfirm: { readonly title: (n: number) => string; readonly body: string; readonly yes: string; readonly no: string };
  readonly fileCount: (n: number) => string;
  readonly progress: (p: WorkProgress) => string;
  /** What a screen reader hears when a stage starts (the counts are on the bar, not read out each time). */
  readonly progressStarted: (p: WorkProgress) => string;
  readonly fromWorkbook: string;

  readonly options: string;
  /** The options in use, under Tùy chọn's header even when it is collapsed. */
  readonly inUse: (parts: readonly string[]) => string;
  readonly inUseAcceptWithErrors: string;
  readonly inUseReceipts: (name: string) => string;
  readonly inUseReceived: (n: number) => string;
  readonly inUseDeadline: (date: string) => string;
  readonly inUseHistory: (n: number) => string;
  readonly inUsePreparer: (name: string) => string;
  readonly inUseHead: (name: string) => string;
  readonly inUseSignDate: (date: string) => string;
  readonly receipts: string;
  readonly receiptsChoose: string;
  readonly receiptsRemove: string;
  readonly receivedDates: string;
  readonly receivedDateOf: (name: string) => string;
  readonly history: string;
  readonly historyChoose: string;
  readonly historyNotUsed: string;
  readonly deadline: string;
  readonly deadlineHint: string;
  readonly acceptWithErrors: string;
  readonly preparerName: string;
  readonly headName: string;
  readonly signDate: string;
  readonly none: string;

  readonly status: string;
  readonly summary: (s: RunSummary) => string;
  readonly unitStatus: Readonly<Record<UnitStatus, string>>;
  readonly inputStatus: Readonly<Record<InputStatus, string>>;
  readonly notExpected: string;
  readonly daysLate: (n: number) => string;
  readonly filterStatus: string;
  readonly all: string;
  readonly duplicate: string;
  readonly unused: string;
  readonly showMore: (n: number) => string;
  readonly errorsWarnings: (errors: number, warnings: number) => string;

  readonly findings: string;
  readonly severity: Readonly<Record<Severity, string>>;
  readonly filterSeverity: string;
  readonly filterUnit: string;
  readonly allUnits: string;
  readonly noUnit: string;
  readonly groupCounts: (counts: Readonly<Record<Severity, number>>) => string;
  readonly noFindings: string;
  /** Instead of the status and the findings while the roster has errors. */
  readonly notCheckedRoster: string;
  /** Instead of the status and the findings when the check could not run (a receipt log's bad date…). */
  readonly notChecked: (why: string) => string;
  /** Findings there are, but the severity and unit filters show none. */
  readonly noFindingsShown: string;
  readonly selectCell: (at: string) => string;
  readonly returnFiles: string;

  readonly consolidate: string;
  /** Why "Tổng hợp" cannot run now: the roster's errors, a check not finished, no accepted submission. */
  readonly consolidateHint: Readonly<Record<ConsolidateBlock, string>>;
  readonly consolidating: string;
  readonly inspectionRate: string;
  readonly partyRate: string;
  readonly rateValue: (completed: number, planned: number, rate: number | null) => string;
  readonly openReport: string;
  readonly insertReport: string;
  readonly download: string;
  readonly done: string;

  readonly templates: string;
  /** Beside the .zip downloads in desktop Excel, whose pane may save nothing (docs/DEPLOY.md §4). */
  readonly downloadNote: string;
  readonly version: (v: string) => string;

  readonly checking: string;
  readonly dismiss: string;
  readonly errorFixHint: string;
  readonly errorWorkbook: string;
  readonly errorStore: string;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ROMAN = ["I", "II", "III", "IV"];

/**
 * "75,0% (45/60 cuộc)"; no rate when nothing was planned. Rounded on the exact ratio, as the CLI and
 * Excel show it (1003/2000 is 50,2%; the double's toFixed gave 50,1).
 */
function rateValue(lang: Lang) {
  // The core's one wording, as the CLI prints it (nothing planned: no rate, and no division by zero).
  return (completed: number, planned: number): string => rateWithCounts(completed, planned, lang);
}

const PHASE_VI: Readonly<Record<WorkProgress["phase"], string>> = {
  add: "Đang đọc",
  history: "Đang đọc tệp kỳ trước",
  read: "Đang kiểm tra",
  report: "Đang lập báo cáo",
  zip: "Đang nén",
};
const PHASE_EN: Readonly<Record<WorkProgress["phase"], string>> = {
  add: "Reading",
  history: "Reading earlier-period files",
  read: "Checking",
  report: "Writing the report",
  zip: "Zipping",
};

export const VI: PaneText = {
  title: "Tổng hợp báo cáo",
  language: "Ngôn ngữ",
  help: "Hướng dẫn",

  emptyTitle: "Bắt đầu trong ba bước",
  emptySteps: [
    "Chọn kỳ báo cáo (mặc định là kỳ vừa kết thúc).",
    "Kéo thả các tệp báo cáo mà đơn vị gửi vào ô bên dưới, hoặc bấm để chọn tệp.",
    "Xem đơn vị nào chưa nộp, lỗi ở đâu, rồi bấm \"Tổng hợp\" để lập báo cáo.",
  ],

  period: "Kỳ báo cáo",
  periodType: "Loại kỳ",
  periodTypes: { M: "Tháng", Q: "Quý", H1: "6 tháng", "9M": "9 tháng", Y: "Năm" },
  year: "Năm",
  month: "Tháng",
  quarter: "Quý",
  monthName: (m) => `Tháng ${m}`,
  quarterName: (q) => `Quý ${ROMAN[q - 1] ?? q}`,
  fromFiles: "Theo kỳ ghi trong tệp đã thêm",
  deadlineLine: (date) => `Hạn nộp của đơn vị: ${date}`,

  roster: "Danh sách đơn vị",
  rosterLoad: "Chọn tệp danh sách…",
  rosterDefault: "Dùng danh sách mặc định",
  rosterDefaultLabel: "Mặc định",
  rosterErrorsFix: "Sửa tệp danh sách đơn vị rồi chọn lại; chưa tổng hợp được cho đến khi hết lỗi.",
  rosterErrorsTitle: (n) => `Danh sách đơn vị có ${n} lỗi`,
  listEmptied: "Danh sách tệp đã trống.",
  tooLargeRemedy: "Đề nghị đơn vị xóa các trang tính, hình ảnh và dữ liệu không thuộc mẫu biểu, lưu lại rồi gửi lại.",
  unusedCount: (n) => `${n} tệp không sử dụng`,

  files: "Tệp báo cáo của đơn vị",
  dropZone: "Kéo thả tệp vào đây hoặc Chọn tệp…",
  readWorkbook: "Đọc từ sổ làm việc đang mở",
  remove: (name) => `Bỏ ${name} khỏi danh sách`,
  clearList: "Xóa danh sách",
  clearConfirm: {
    title: (n) => `Xóa cả ${n} tệp khỏi danh sách?`,
    body: "Các tệp trên máy không bị xóa; muốn kiểm tra lại phải thêm chúng lại.",
    yes: "Xóa danh sách",
    no: "Hủy",
  },
  fileCount: (n) => `${n} tệp`,
  // Two bars in turn when files are added, each named (the first is TASKPANE.md's "Đang đọc 37/52 tệp…"): taking the files in, then checking them.
  // A stage of one step has no count to show ("Đang lập báo cáo 0/1…" said nothing).
  progress: (p) => (p.phase === "add" || p.phase === "read" ? `${PHASE_VI[p.phase]} ${p.done}/${p.total} tệp…` : p.total > 1 ? `${PHASE_VI[p.phase]} ${p.done}/${p.total}…` : `${PHASE_VI[p.phase]}…`),
  progressStarted: (p) => (p.phase === "add" || p.phase === "read" ? `${PHASE_VI[p.phase]} ${p.total} tệp…` : `${PHASE_VI[p.phase]}…`),
  fromWorkbook: "sổ làm việc đang mở",

  options: "Tùy chọn",
  inUse: (parts) => `Đang dùng: ${parts.join("; ")}.`,
  inUseAcceptWithErrors: "chấp nhận cả báo cáo có lỗi",
  inUseReceipts: (name) => `sổ nhận ${name}`,
  inUseReceived: (n) => `ngày nhận gõ cho ${n} tệp`,
  inUseDeadline: (date) => `hạn nộp ${date}`,
  inUseHistory: (n) => `${n} tệp kỳ trước`,
  inUsePreparer: (name) => `người lập biểu ${name}`,
  inUseHead: (name) => `thủ trưởng ${name}`,
  inUseSignDate: (date) => `ngày ký ${date}`,
  receipts: "Sổ nhận báo cáo (CSV)",
  receiptsChoose: "Chọn sổ nhận…",
  receiptsRemove: "Bỏ sổ nhận",
  receivedDates: "Ngày nhận từng tệp",
  receivedDateOf: (name) => `Ngày nhận ${name}`,
  history: "Tệp các kỳ trước",
  historyChoose: "Chọn tệp kỳ trước…",
  historyNotUsed: "Tệp kỳ trước không sử dụng",
  deadline: "Hạn nộp",
  deadlineHint: "Để trống: 2 ngày sau khi kết thúc kỳ.",
  acceptWithErrors: "Chấp nhận cả báo cáo có lỗi",
  preparerName: "Người lập biểu",
  headName: "Thủ trưởng đơn vị",
  signDate: "Ngày ký",
  none: "Chưa có",

  status: "Tình hình nộp",
  summary: (s) =>
    `Phải nộp ${s.expected} · Đã nộp ${s.received} · Được chấp nhận ${s.accepted} · Nộp muộn ${s.late} · Chưa nộp ${s.missing.length} · Bị trả lại ${s.rejected}`,
  unitStatus: { "on-time": "Đúng hạn", late: "Nộp muộn", rejected: "Bị trả lại", missing: "Chưa nộp" },
  inputStatus: {
    accepted: "Được sử dụng",
    rejected: "Bị trả lại",
    duplicate: "Trùng lặp",
    unreadable: "Không đọc được",
    "not-a-submission": "Không phải báo cáo",
  },
  notExpected: "Không thuộc diện phải nộp",
  daysLate: (n) => `muộn ${n} ngày`,
  filterStatus: "Lọc theo trạng thái",
  all: "Tất cả",
  duplicate: "Trùng lặp",
  unused: "Tệp không sử dụng",
  showMore: (n) => `Xem thêm (còn ${n})`,
  errorsWarnings: (e, w) => `${e} lỗi, ${w} cảnh báo`,

  findings: "Kết quả kiểm tra",
  severity: { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" },
  filterSeverity: "Mức độ",
  filterUnit: "Đơn vị",
  allUnits: "Tất cả đơn vị",
  noUnit: "Chung",
  groupCounts: (c) => `${c.error} lỗi · ${c.warning} cảnh báo · ${c.info} thông tin`,
  noFindings: "Không có phát hiện nào.",
  notChecked: (why) => `Các tệp chưa được kiểm tra: ${why}`,
  notCheckedRoster: "Các tệp chưa được kiểm tra: danh sách đơn vị có lỗi (xem mục Danh sách đơn vị). Sửa danh sách hoặc dùng danh sách mặc định, các tệp sẽ được kiểm tra lại.",
  noFindingsShown: "Không có phát hiện nào khớp bộ lọc: chọn thêm mức độ hoặc đơn vị ở trên.",
  selectCell: (at) => `Chọn ô ${at} trong sổ làm việc`,
  returnFiles: "Tải tệp trả lại cho đơn vị",

  consolidate: "Tổng hợp",
  consolidateHint: {
    roster: "Sửa các lỗi của danh sách đơn vị (ở trên) trước khi tổng hợp.",
    checking: "Đang kiểm tra các tệp; chờ kiểm tra xong rồi tổng hợp.",
    "check-failed": "Chưa kiểm tra được các tệp: sửa lỗi nêu ở trên rồi tổng hợp.",
    "none-accepted": "Cần ít nhất một báo cáo được chấp nhận.",
  },
  consolidating: "Đang lập báo cáo…",
  inspectionRate: "Hoàn thành kế hoạch thanh tra, kiểm tra",
  partyRate: "Hoàn thành chương trình kiểm tra, giám sát",
  rateValue: rateValue("vi"),
  openReport: "Mở báo cáo trong Excel",
  insertReport: "Chèn vào sổ làm việc này",
  download: "Tải về (.xlsx)",
  done: "Đã lập báo cáo",

  templates: "Tải mẫu biểu trống cho các đơn vị",
  downloadNote:
    "Excel cài trên máy có thể không cho ngăn tác vụ tải tệp về (trên máy Mac thì không bao giờ). Nếu không thấy tệp được lưu, hãy dùng Excel trên web hoặc mở địa chỉ của ngăn tác vụ trong trình duyệt.",
  version: (v) => `tonghop ${v}`,

  checking: "Đang kiểm tra…",
  dismiss: "Đóng",
  errorFixHint: "Kiểm tra lại tệp rồi thử lại.",
  errorWorkbook: "Không đọc được sổ làm việc đang mở. Đề nghị lưu sổ làm việc rồi thử lại.",
  errorStore: "Không lưu được danh sách trên máy này; tệp vẫn dùng được cho đến khi đóng ngăn tác vụ.",
};

export const EN: PaneText = {
  title: "Report consolidation",
  language: "Language",
  help: "Help",

  emptyTitle: "Three steps",
  emptySteps: [
    "Choose the reporting period (the one that just ended is chosen for you).",
    "Drag the report files the units sent into the box below, or click it to choose them.",
    "See which units have not sent anything and what is wrong where, then click \"Consolidate\".",
  ],

  period: "Reporting period",
  periodType: "Period type",
  periodTypes: { M: "Month", Q: "Quarter", H1: "6 months", "9M": "9 months", Y: "Year" },
  year: "Year",
  month: "Month",
  quarter: "Quarter",
  monthName: (m) => MONTHS_EN[m - 1] ?? String(m),
  quarterName: (q) => `Q${q}`,
  fromFiles: "From the files added",
  deadlineLine: (date) => `Unit deadline: ${date}`,

  roster: "Unit roster",
  rosterLoad: "Choose a roster file…",
  rosterDefault: "Use the default roster",
  rosterDefaultLabel: "Default",
  rosterErrorsFix: "Fix the roster file and choose it again; nothing is consolidated until it has no errors.",
  rosterErrorsTitle: (n) => `The unit roster has ${n} ${n === 1 ? "error" : "errors"}`,
  listEmptied: "The file list is empty.",
  tooLargeRemedy: "Ask the unit to delete the sheets, pictures and data that are not part of the forms, save the file and send it again.",
  unusedCount: (n) => `${n} ${n === 1 ? "file" : "files"} not used`,

  files: "Unit files",
  dropZone: "Drag files here or Choose files…",
  readWorkbook: "Read from the open workbook",
  remove: (name) => `Remove ${name} from the list`,
  clearList: "Clear list",
  clearConfirm: {
    title: (n) => (n === 1 ? "Remove the file from the list?" : `Remove all ${n} files from the list?`),
    body: "The files themselves are not deleted; to check them again you would add them again.",
    yes: "Clear list",
    no: "Cancel",
  },
  fileCount: (n) => (n === 1 ? "1 file" : `${n} files`),
  progress: (p) => (p.phase === "add" || p.phase === "read" ? `${PHASE_EN[p.phase]} ${p.done}/${p.total} files…` : p.total > 1 ? `${PHASE_EN[p.phase]} ${p.done}/${p.total}…` : `${PHASE_EN[p.phase]}…`),
  progressStarted: (p) => (p.phase === "add" || p.phase === "read" ? `${PHASE_EN[p.phase]} ${p.total} ${p.total === 1 ? "file" : "files"}…` : `${PHASE_EN[p.phase]}…`),
  fromWorkbook: "open workbook",

  options: "Options",
  inUse: (parts) => `In use: ${parts.join("; ")}.`,
  inUseAcceptWithErrors: "accepting submissions with errors",
  inUseReceipts: (name) => `receipt log ${name}`,
  inUseReceived: (n) => `received dates typed for ${n} ${n === 1 ? "file" : "files"}`,
  inUseDeadline: (date) => `deadline ${date}`,
  inUseHistory: (n) => `${n} earlier-period ${n === 1 ? "file" : "files"}`,
  inUsePreparer: (name) => `prepared by ${name}`,
  inUseHead: (name) => `head ${name}`,
  inUseSignDate: (date) => `signed ${date}`,
  receipts: "Receipt log (CSV)",
  receiptsChoose: "Choose a receipt log…",
  receiptsRemove: "Remove the receipt log",
  receivedDates: "Received date per file",
  receivedDateOf: (name) => `Received date of ${name}`,
  history: "Earlier-period files",
  historyChoose: "Choose earlier-period files…",
  historyNotUsed: "Earlier-period files not used",
  deadline: "Deadline",
  deadlineHint: "Empty: 2 days after the period ends.",
  acceptWithErrors: "Accept submissions with errors",
  preparerName: "Prepared by",
  headName: "Head of unit",
  signDate: "Signing date",
  none: "None",

  status: "Submission status",
  summary: (s) =>
    `Expected ${s.expected} · Submitted ${s.received} · Accepted ${s.accepted} · Late ${s.late} · Missing ${s.missing.length} · Rejected ${s.rejected}`,
  unitStatus: { "on-time": "On time", late: "Late", rejected: "Rejected", missing: "Missing" },
  inputStatus: {
    accepted: "Used",
    rejected: "Rejected",
    duplicate: "Duplicate",
    unreadable: "Unreadable",
    "not-a-submission": "Not a report",
  },
  notExpected: "Not required to report",
  daysLate: (n) => (n === 1 ? "1 day late" : `${n} days late`),
  filterStatus: "Filter by status",
  all: "All",
  duplicate: "Duplicate",
  unused: "Files not used",
  showMore: (n) => `Show more (${n} left)`,
  errorsWarnings: (e, w) => `${e} ${e === 1 ? "error" : "errors"}, ${w} ${w === 1 ? "warning" : "warnings"}`,

  findings: "Check results",
  severity: { error: "Error", warning: "Warning", info: "Info" },
  filterSeverity: "Severity",
  filterUnit: "Unit",
  allUnits: "All units",
  noUnit: "General",
  groupCounts: (c) => `${c.error} ${c.error === 1 ? "error" : "errors"} · ${c.warning} ${c.warning === 1 ? "warning" : "warnings"} · ${c.info} info`,
  noFindings: "Nothing found.",
  notChecked: (why) => `The files are not checked: ${why}`,
  notCheckedRoster: "The files are not checked: the unit roster has errors (see Unit roster). Fix the roster or use the default one, and the files are checked again.",
  noFindingsShown: "No findings match the filters: choose more severities or units above.",
  selectCell: (at) => `Select cell ${at} in the workbook`,
  returnFiles: "Download return files",

  consolidate: "Consolidate",
  consolidateHint: {
    roster: "Fix the unit roster's errors (above) before consolidating.",
    checking: "The files are being checked; consolidate once the check is done.",
    "check-failed": "The files could not be checked: fix the error shown above, then consolidate.",
    "none-accepted": "At least one submission must be accepted.",
  },
  consolidating: "Writing the report…",
  inspectionRate: "Inspection plan completed",
  partyRate: "Inspection and supervision programme completed",
  rateValue: rateValue("en"),
  openReport: "Open the report in Excel",
  insertReport: "Insert into this workbook",
  download: "Download (.xlsx)",
  done: "Report ready",

  templates: "Download blank templates for all units",
  downloadNote:
    "Excel on the desktop may not allow downloads from a pane (on Mac it never does). If nothing is saved, use Excel on the web or open the pane's address in a browser.",
  version: (v) => `tonghop ${v}`,

  checking: "Checking…",
  dismiss: "Dismiss",
  errorFixHint: "Check the file and try again.",
  errorWorkbook: "The open workbook could not be read. Save the workbook and try again.",
  errorStore: "The list could not be saved on this machine; the files stay usable until the pane is closed.",
};

export function textFor(lang: Lang): PaneText {
  return lang === "vi" ? VI : EN;
}
