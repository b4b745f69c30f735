/**
 * The rule catalogue's messages (FORMS.md §6.2, UNITS.md §4): one place for every rule id, its
 * default severity and its Vietnamese and English message templates.
 */
import type { Severity } from "./catalogue/types";
import { fillTemplate, formatNumber, type Lang, type Localised } from "./text";

export interface RuleMessage {
  readonly severity: Severity;
  readonly vi: string;
  readonly en: string;
}

export const RULE_MESSAGES: Readonly<Record<string, RuleMessage>> = {
  "V-FILE-01": { severity: "error", vi: "Tệp {file} không đọc được dưới dạng .xlsx ({detail}). Đề nghị lưu lại bằng Excel (định dạng .xlsx) và gửi lại.", en: "File {file} cannot be read as .xlsx ({detail}). Save it as .xlsx in Excel and send it again." },
  "V-FILE-02": { severity: "error", vi: "Tệp {file} quá lớn ({value} MB; giới hạn {expected} MB).", en: "File {file} is too large ({value} MB; limit {expected} MB)." },
  "V-FILE-03": { severity: "error", vi: "Tệp {file} không phải là báo cáo theo mẫu (không có trang ThongTin và không có biểu nào).", en: "File {file} is not a submission (no ThongTin sheet and no known form)." },
  "V-FILE-05": { severity: "info", vi: "Tệp {file}: còn {value} phát hiện {detail} khác không được liệt kê (mỗi quy tắc chỉ liệt kê {expected} phát hiện đầu tiên của một tệp).", en: "File {file}: {value} more {detail} findings are not listed (only the first {expected} of a rule are listed for one file)." },
  "V-FILE-04": { severity: "error", vi: "Tệp {file} vượt giới hạn đọc ({detail}: {value}; giới hạn {expected}). Đề nghị xóa các trang, ô hoặc nội dung không cần thiết rồi gửi lại.", en: "File {file} exceeds a reading limit ({detail}: {value}; limit {expected}). Remove the sheets, cells or text that are not needed and send it again." },
  "V-UNIT-01": { severity: "error", vi: "Không tìm thấy \"Mã đơn vị\" trong trang ThongTin.", en: "\"Mã đơn vị\" (unit code) not found on the ThongTin sheet." },
  "V-UNIT-02": { severity: "error", vi: "Mã đơn vị \"{value}\" không có trong danh sách đơn vị.", en: "Unit code \"{value}\" is not in the unit roster." },
  "V-UNIT-03": { severity: "error", vi: "Đơn vị {unit} không thuộc danh sách đơn vị của kỳ {period}.", en: "Unit {unit} is not in the unit roster of period {period}." },
  "V-UNIT-04": { severity: "warning", vi: "Tên đơn vị \"{value}\" khác với danh sách đơn vị (\"{expected}\").", en: "Unit name \"{value}\" differs from the roster (\"{expected}\")." },
  "V-UNIT-05": { severity: "warning", vi: "Mã đơn vị được lấy từ tên tệp: {value}.", en: "Unit code taken from the file name: {value}." },
  "V-UNIT-06": { severity: "info", vi: "Biểu {form} không bắt buộc đối với đơn vị; số liệu vẫn được tổng hợp.", en: "Form {form} is not required for this unit; its data is still aggregated." },
  "V-PERIOD-01": { severity: "error", vi: "Không xác định được kỳ báo cáo ({at}: \"{value}\").", en: "Cannot determine the reporting period ({at}: \"{value}\")." },
  "V-PERIOD-02": { severity: "error", vi: "Tệp thuộc kỳ {value}, không phải kỳ đang tổng hợp ({expected}).", en: "The file is for period {value}, not the period being consolidated ({expected})." },
  "V-PERIOD-03": { severity: "warning", vi: "{at}: ngày {value} khác với thời gian chốt số liệu của kỳ ({expected}).", en: "{at}: date {value} differs from the period's data window ({expected})." },
  "V-PERIOD-04": { severity: "warning", vi: "{at}: dòng thời gian số liệu ghi \"{value}\", đúng ra là \"{expected}\".", en: "{at}: the data-window line reads \"{value}\", expected \"{expected}\"." },
  "V-PERIOD-05": { severity: "warning", vi: "Báo cáo nhận ngày {value}, sau hạn nộp {expected}.", en: "Received on {value}, after the deadline {expected}." },
  "V-PERIOD-06": { severity: "info", vi: "Không xác định được ngày nhận tệp {file}; coi là nộp đúng hạn.", en: "Received date of {file} unknown; treated as on time." },
  "V-VER-01": { severity: "warning", vi: "Phiên bản biểu mẫu \"{value}\" không xác định; số liệu được đọc theo bố cục trang tính.", en: "Form version \"{value}\" is missing or unknown; data is read from the sheet layout." },
  "V-VER-02": { severity: "error", vi: "Phiên bản biểu mẫu \"{value}\" thuộc chế độ báo cáo khác; đề nghị dùng mẫu {expected}.", en: "Form version \"{value}\" belongs to another reporting regime; use template {expected}." },
  "V-LAYOUT-01": { severity: "error", vi: "Không tìm thấy biểu {form} trong tệp.", en: "Form {form} not found in the file." },
  "V-LAYOUT-02": { severity: "error", vi: "Trang {sheet}: không tìm thấy dòng mã số cột (\"MS\" hoặc \"A, B\").", en: "Sheet {sheet}: column-code row (\"MS\" or \"A, B\") not found." },
  "V-LAYOUT-03": { severity: "error", vi: "Trang {sheet}: thiếu cột ({col}) của biểu {form}.", en: "Sheet {sheet}: column ({col}) of form {form} is missing." },
  "V-LAYOUT-04": { severity: "error", vi: "{at}: cột số ({value}) không thuộc biểu {form} theo mẫu {expected}; có thể đã dùng sai mẫu biểu.", en: "{at}: column ({value}) is not part of form {form} in template {expected}; the wrong template may have been used." },
  "V-LAYOUT-05": { severity: "warning", vi: "Trang {sheet}: không có dòng \"Biểu số: {form}\"; biểu được nhận theo {detail}.", en: "Sheet {sheet}: no \"Biểu số: {form}\" line; recognised by {detail}." },
  "V-LAYOUT-06": { severity: "warning", vi: "{at}: mã dòng \"{value}\" không có trong biểu {form}; dòng bị bỏ qua.", en: "{at}: row code \"{value}\" is not in form {form}; row ignored." },
  "V-LAYOUT-07": { severity: "warning", vi: "Biểu {form} thiếu dòng {row}; coi như không có số liệu.", en: "Form {form} lacks row {row}; treated as blank." },
  "V-LAYOUT-08": { severity: "warning", vi: "{at}: có số liệu ngoài dòng số liệu của đơn vị; dòng này bị bỏ qua.", en: "{at}: data outside the unit's data row; row ignored." },
  "V-LAYOUT-09": { severity: "warning", vi: "{at}: vùng gộp ô trải trên nhiều ô số liệu; giá trị chỉ tính cho ô đầu tiên.", en: "{at}: a merged range spans several data cells; the value counts for the first cell only." },
  "V-LAYOUT-10": { severity: "info", vi: "{at}: ô nằm trong dòng/cột/trang ẩn và vẫn được đọc.", en: "{at}: the cell is in a hidden row/column/sheet and was read." },
  "V-DUP-01": { severity: "info", vi: "Tệp {file} được thay thế bởi tệp {expected} nhận sau.", en: "File {file} is superseded by {expected}, received later." },
  "V-DUP-02": { severity: "info", vi: "Tệp {file} trùng nội dung với tệp {expected}; bỏ qua.", en: "File {file} is identical to {expected}; ignored." },
  "V-DUP-03": { severity: "error", vi: "Biểu {form} xuất hiện ở hai trang: {value} và {expected}.", en: "Form {form} appears on two sheets: {value} and {expected}." },
  "V-DUP-04": { severity: "error", vi: "{at}: mã dòng {row} đã có ở ô {expected}.", en: "{at}: row code {row} already appears at {expected}." },
  "V-DUP-05": { severity: "error", vi: "{at}: cột số ({col}) đã có ở ô {expected}.", en: "{at}: column number ({col}) already appears at {expected}." },
  "V-TYPE-01": { severity: "error", vi: "{at}: \"{value}\" không phải là số.", en: "{at}: \"{value}\" is not a number." },
  "V-TYPE-02": { severity: "error", vi: "{at}: giá trị {value} không hợp lệ; cần nhập số.", en: "{at}: value {value} is not valid; a number is required." },
  "V-TYPE-03": { severity: "info", vi: "{at}: số nhập dạng văn bản \"{value}\", đọc là {expected}.", en: "{at}: number stored as text \"{value}\", read as {expected}." },
  "V-TYPE-04": { severity: "warning", vi: "{at}: \"{value}\" có thể hiểu theo hai cách; đã đọc theo quy ước Việt Nam là {expected}.", en: "{at}: \"{value}\" is ambiguous; read by the Vietnamese convention as {expected}." },
  "V-TYPE-05": { severity: "warning", vi: "{at}: \"{value}\" viết theo quy ước tiếng Anh; đã đọc là {expected}.", en: "{at}: \"{value}\" uses the English convention; read as {expected}." },
  "V-TYPE-06": { severity: "info", vi: "{at}: dấu \"{value}\" được đọc là 0.", en: "{at}: dash \"{value}\" read as 0." },
  "V-TYPE-07": { severity: "error", vi: "{at}: số {value} quá lớn (tối đa {expected}); không tính vào tổng.", en: "{at}: {value} is too large (at most {expected}); not counted in the totals." },
  "V-NEG-01": { severity: "error", vi: "{at}: số âm ({value}) không hợp lệ.", en: "{at}: negative number ({value}) is not allowed." },
  "V-INT-01": { severity: "error", vi: "{at}: {value} phải là số nguyên.", en: "{at}: {value} must be a whole number." },
  "V-DEC-01": { severity: "warning", vi: "{at}: {value} có quá {detail} chữ số thập phân; đã làm tròn thành {expected}.", en: "{at}: {value} has more than {detail} decimals; rounded to {expected}." },
  "V-FORMULA-01": { severity: "error", vi: "{at}: công thức chưa có kết quả tính. Đề nghị mở tệp bằng Excel, lưu lại rồi gửi lại.", en: "{at}: the formula has no calculated result. Open the file in Excel, save it and send it again." },
  "V-FORMULA-02": { severity: "error", vi: "{at}: ô có lỗi {value}.", en: "{at}: the cell holds the error {value}." },
  "V-FORMULA-03": { severity: "info", vi: "{at}: công thức liên kết tới tệp khác; dùng giá trị đã lưu {value}.", en: "{at}: formula links to another file; stored value {value} used." },
  "V-BLANK-01": { severity: "info", vi: "Biểu {form} để trống: coi là không phát sinh số liệu.", en: "Form {form} is blank: nothing to report." },
  // Every V-ID-<form>-<n> / V-REL-<form>-<n> rule: pick the entry by prefix (messageKeyOf); its
  // severity comes from the catalogue rule (the values here are the official defaults).
  "V-ID": { severity: "error", vi: "{at}: {lhs} = {value}, {rhs} = {expected}: không đúng quan hệ {identity}.", en: "{at}: {lhs} = {value}, {rhs} = {expected}: rule {identity} does not hold." },
  "V-REL": { severity: "warning", vi: "{at}: {lhs} = {value}, {rhs} = {expected}: không đúng quan hệ {identity}.", en: "{at}: {lhs} = {value}, {rhs} = {expected}: rule {identity} does not hold." },
  "V-X-01": { severity: "warning", vi: "{at}: số vụ việc được tiếp ở biểu 02/TCD ({value}) lớn hơn ở biểu 01/TCD ({expected}).", en: "{at}: cases in 02/TCD ({value}) exceed those in 01/TCD ({expected})." },
  "V-X-02": { severity: "warning", vi: "{at}: số cuộc đã ban hành kết luận ({value}) ít hơn số cuộc thanh tra hành chính đã hoàn thành theo kế hoạch ({expected}).", en: "{at}: conclusions issued ({value}) are fewer than planned administrative inspections completed ({expected})." },
  "V-PLAN-01": { severity: "warning", vi: "{at}: kế hoạch năm dòng {row} là {value}, khác kỳ {detail} ({expected}); đề nghị ghi rõ văn bản điều chỉnh kế hoạch.", en: "{at}: annual plan of row {row} is {value}, differing from {detail} ({expected}); cite the plan amendment." },
  "V-PLAN-02": { severity: "warning", vi: "{at}: số cuộc thanh tra theo kế hoạch ({value}) vượt kế hoạch năm ({expected}).", en: "{at}: planned inspections conducted ({value}) exceed the annual plan ({expected})." },
  "V-PLAN-03": { severity: "info", vi: "{at}: còn {value} cuộc theo kế hoạch chưa triển khai đến cuối năm (dòng {row}).", en: "{at}: {value} planned rounds not started by year end (row {row})." },
  "V-CONT-01": { severity: "warning", vi: "{at}: giá trị lũy kế {value} nhỏ hơn kỳ {detail} ({expected}).", en: "{at}: cumulative value {value} is lower than in {detail} ({expected})." },
  "V-CONT-02": { severity: "warning", vi: "{at}: số đơn kỳ trước chuyển sang ({value}) khác số đơn chưa xử lý của kỳ {detail} ({expected}).", en: "{at}: petitions carried over ({value}) differ from those not handled in {detail} ({expected})." },
  "V-CONT-03": { severity: "warning", vi: "{at}: số liệu đầu kỳ {value} khác kỳ {detail} ({expected}).", en: "{at}: opening value {value} differs from {detail} ({expected})." },
  "V-CONT-04": { severity: "info", vi: "{at}: số cuộc chuyển sang ({value}) khác số cuộc chưa kết luận của kỳ {detail} ({expected}).", en: "{at}: inspections carried over ({value}) differ from those not concluded in {detail} ({expected})." },
  "V-OUTLIER-01": { severity: "info", vi: "{at}: {value} khác thường so với các kỳ trước của đơn vị (trung bình {expected}).", en: "{at}: {value} is unusual against the unit's earlier periods (mean {expected})." },
  "V-ROSTER-01": { severity: "error", vi: "Không đọc được danh sách đơn vị: {detail}.", en: "Cannot read the unit roster: {detail}." },
  "V-ROSTER-02": { severity: "error", vi: "Danh sách đơn vị, dòng {row}: thiếu {detail}.", en: "Unit roster, row {row}: {detail} is empty." },
  "V-ROSTER-03": { severity: "error", vi: "Danh sách đơn vị, dòng {row}: mã \"{value}\" không hợp lệ.", en: "Unit roster, row {row}: code \"{value}\" is not valid." },
  "V-ROSTER-04": { severity: "error", vi: "Danh sách đơn vị, dòng {row}: giá trị \"{value}\" không hợp lệ ở cột {detail}.", en: "Unit roster, row {row}: value \"{value}\" is not valid in column {detail}." },
  "V-ROSTER-05": { severity: "error", vi: "Danh sách đơn vị, dòng {row}: ngày hiệu lực không hợp lệ ({value}).", en: "Unit roster, row {row}: invalid validity dates ({value})." },
  "V-ROSTER-06": { severity: "error", vi: "Mã đơn vị \"{value}\" có các khoảng hiệu lực chồng nhau (dòng {row} và {expected}).", en: "Unit code \"{value}\" has overlapping validity (rows {row} and {expected})." },
};

/**
 * Messages of a rule for a case its catalogue text misdescribes (same rule id, severity and status),
 * keyed "<rule id>/<case>": a consolidated report among the inputs has forms, so V-FILE-03's "no known
 * form" would be untrue of it; a file of 2 MB that unpacks to 250 MB is not "too large (250 MB)".
 */
export const RULE_MESSAGE_CASES: Readonly<Record<string, Omit<RuleMessage, "severity">>> = {
  "V-FILE-02/unpacked": {
    vi: "Tệp {file} quá lớn khi giải nén ({value} MB; giới hạn {expected} MB).",
    en: "File {file} is too large when unpacked ({value} MB; limit {expected} MB).",
  },
  "V-FILE-02/part": {
    vi: "Tệp {file} có một thành phần quá lớn khi giải nén ({value} MB; giới hạn {expected} MB).",
    en: "File {file} has a part too large when unpacked ({value} MB; limit {expected} MB).",
  },
  "V-FILE-03/report": {
    vi: "Tệp {file} là báo cáo tổng hợp (có các trang NopBaoCao, KiemTra, NguonSoLieu), không phải báo cáo của đơn vị; tệp không được tổng hợp.",
    en: "File {file} is a consolidated report (it has the sheets NopBaoCao, KiemTra and NguonSoLieu), not a unit's submission; it is not consolidated.",
  },
};

export type MessageParam = string | number | Localised | null | undefined;

function paramText(value: MessageParam, lang: Lang): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, lang);
  if (typeof value === "string") return value;
  return value[lang];
}

/** Build the two-language message of a rule from its catalogue templates. */
export function ruleMessage(rule: string, params: Readonly<Record<string, MessageParam>>): Localised {
  const entry = RULE_MESSAGES[rule] ?? RULE_MESSAGE_CASES[rule];
  if (!entry) throw new Error(`No message for rule ${rule}`);
  const render = (lang: Lang): string => {
    const texts: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) texts[key] = paramText(value, lang);
    return fillTemplate(entry[lang], texts);
  };
  return { vi: render("vi"), en: render("en") };
}

/**
 * The RULE_MESSAGES key of a rule id: catalogue rules `V-ID-01/TCD-1`, `V-REL-KH-TH-5` share the
 * templates "V-ID" and "V-REL"; every other id is its own key.
 */
export function messageKeyOf(rule: string): string {
  if (rule.startsWith("V-ID-")) return "V-ID";
  if (rule.startsWith("V-REL-")) return "V-REL";
  return rule;
}

export function ruleSeverity(rule: string): Severity {
  const entry = RULE_MESSAGES[rule];
  if (!entry) throw new Error(`No message for rule ${rule}`);
  return entry.severity;
}
