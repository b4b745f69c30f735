/**
 * Reporting periods (PERIODS.md): identifiers, data windows (the 15→14 rule), labels, related periods,
 * deadlines and the reading of "Kỳ báo cáo" text. Pure functions; dates are ISO `yyyy-MM-dd` strings.
 */
import { addDays, compareIso, daysBetween, formatDateVi, isIsoDate, makeIsoDate, type IsoDate } from "./dates";
import { UserError } from "./findings";
import { collapseSpaces, foldDiacritics, nfc, type Lang, type Localised } from "./text";

export type { IsoDate };

export type PeriodType = "M" | "Q" | "H1" | "9M" | "Y";

export interface Period {
  /** Canonical ID, e.g. `2023-M08`, `2023-Q3`, `2023-H1`, `2023-9M`, `2023-Y`. */
  readonly id: string;
  /** The reporting year (the year in the ID). */
  readonly year: number;
  readonly type: PeriodType;
  /** Month 1–12 for M, quarter 1–4 for Q, 0 otherwise. */
  readonly part: number;
}

/** A data window: Vietnam calendar dates, both ends inclusive. */
export interface Window {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** Period types from the shortest to the most cumulative: the tie-break order everywhere. */
export const PERIOD_TYPES: readonly PeriodType[] = ["M", "Q", "H1", "9M", "Y"];

const TYPE_RANK: Readonly<Record<PeriodType, number>> = { M: 0, Q: 1, H1: 2, "9M": 3, Y: 4 };

// The ID grammar only has years 20xx; related-period lists simply stop at its edges.
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

const ID_RE = /^(20\d{2})-(?:M(0[1-9]|1[0-2])|Q([1-4])|(H1|9M|Y))$/u;

const FORMS_HINT: Localised = {
  vi: "Dùng dạng 2023-M08, 2023-Q3, 2023-H1, 2023-9M hoặc 2023-Y.",
  en: "Use the form 2023-M08, 2023-Q3, 2023-H1, 2023-9M or 2023-Y.",
};

const ROMAN = ["I", "II", "III", "IV"] as const;

const MONTHS_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

function partSuffix(type: PeriodType, part: number): string {
  if (type === "M") return `M${String(part).padStart(2, "0")}`;
  if (type === "Q") return `Q${part}`;
  return type;
}

function validParts(type: PeriodType, part: number): boolean {
  if (!Number.isInteger(part)) return false;
  if (type === "M") return part >= 1 && part <= 12;
  if (type === "Q") return part >= 1 && part <= 4;
  return part === 0;
}

function inYearRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Build without checks; callers have validated. */
function build(year: number, type: PeriodType, part: number): Period {
  return Object.freeze({ id: `${year}-${partSuffix(type, part)}`, year, type, part });
}

/** The canonical ID of a period, computed from its fields. */
export function periodId(p: Pick<Period, "year" | "type" | "part">): string {
  return `${p.year}-${partSuffix(p.type, p.part)}`;
}

/**
 * A period from its parts (part = month for M, quarter for Q, 0 otherwise). Throws UserError when the
 * combination is not a period of the grammar (e.g. month 13, a part on H1, a year outside 2000–2099).
 */
export function makePeriod(year: number, type: PeriodType, part = 0): Period {
  if (!inYearRange(year) || !validParts(type, part)) {
    const shown = type === "M" || type === "Q" || part === 0 ? `${year}-${partSuffix(type, part)}` : `${year}-${type} (${part})`;
    throw new UserError(invalidIdMessage(shown, null));
  }
  return build(year, type, part);
}

/** The period of an ID such as `2023-Q3` (lower case accepted), or null. */
export function tryParsePeriod(id: string): Period | null {
  const match = ID_RE.exec(id.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] !== undefined) return build(year, "M", Number(match[2]));
  if (match[3] !== undefined) return build(year, "Q", Number(match[3]));
  const type = match[4];
  if (type === "H1" || type === "9M" || type === "Y") return build(year, type, 0);
  return null;
}

const MONTH_ABBR = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** A likely intended ID for a near miss (`2023-M8`, `2023-AUG`, `Quý III/2023`), to put in the message. */
function suggestionFor(text: string): string | null {
  const abbr = /^(20\d{2})-([A-Z]{3})$/u.exec(text.toUpperCase());
  if (abbr) {
    const month = MONTH_ABBR.indexOf(abbr[2] ?? "");
    if (month >= 0) return build(Number(abbr[1]), "M", month + 1).id;
  }
  return parsePeriodText(text)?.id ?? null;
}

function invalidIdMessage(shown: string, suggestion: string | null): Localised {
  const hint: Localised =
    suggestion === null
      ? FORMS_HINT
      : { vi: `Có phải là "${suggestion}"? ${FORMS_HINT.vi}`, en: `Did you mean "${suggestion}"? ${FORMS_HINT.en}` };
  return {
    vi: `Kỳ báo cáo "${shown}" không hợp lệ. ${hint.vi}`,
    en: `Reporting period "${shown}" is not valid. ${hint.en}`,
  };
}

/**
 * The period of an ID (PERIODS.md §1). Lower case is accepted and normalised (`2023-q3` → `2023-Q3`).
 * Throws UserError with a two-language message for anything else.
 */
export function parsePeriod(id: string): Period {
  const parsed = tryParsePeriod(id);
  if (parsed) return parsed;
  const shown = id.trim();
  if (shown === "") {
    throw new UserError({
      vi: `Chưa có kỳ báo cáo. ${FORMS_HINT.vi}`,
      en: `The reporting period is missing. ${FORMS_HINT.en}`,
    });
  }
  if (/^20\d{2}-H2$/iu.test(shown)) {
    throw new UserError({
      vi: `Kỳ báo cáo "${shown}" (6 tháng cuối năm) không được hỗ trợ trong phiên bản 1: chế độ báo cáo của Thanh tra Chính phủ không có kỳ này. ${FORMS_HINT.vi}`,
      en: `Reporting period "${shown}" (second half of the year) is not supported in v1: the Government Inspectorate's reporting regime has no such period. ${FORMS_HINT.en}`,
    });
  }
  throw new UserError(invalidIdMessage(shown, suggestionFor(shown)));
}

/** The data window of a period (PERIODS.md §2: from the 15th to the 14th, the year starting 15/12). */
export function periodWindow(p: Period): Window {
  const y = p.year;
  const yearStart = makeIsoDate(y - 1, 12, 15);
  switch (p.type) {
    case "M":
      return { from: p.part === 1 ? yearStart : makeIsoDate(y, p.part - 1, 15), to: makeIsoDate(y, p.part, 14) };
    case "Q":
      return { from: p.part === 1 ? yearStart : makeIsoDate(y, 3 * (p.part - 1), 15), to: makeIsoDate(y, 3 * p.part, 14) };
    case "H1":
      return { from: yearStart, to: makeIsoDate(y, 6, 14) };
    case "9M":
      return { from: yearStart, to: makeIsoDate(y, 9, 14) };
    case "Y":
      return { from: yearStart, to: makeIsoDate(y, 12, 14) };
  }
}

/** Year-to-date window of form KH-TH (PERIODS.md §5): 01/01 of the year to the period's window end. */
export function yearToDateWindow(p: Period): Window {
  return { from: makeIsoDate(p.year, 1, 1), to: periodWindow(p).to };
}

// ---------------------------------------------------------------------------------------------------
// Labels (PERIODS.md §3)

/** Vietnamese label at the start of a line: "Quý III năm 2023", "Tháng 8 năm 2023". */
export function labelVi(p: Period): string {
  switch (p.type) {
    case "M":
      return `Tháng ${p.part} năm ${p.year}`;
    case "Q":
      return `Quý ${ROMAN[p.part - 1] ?? String(p.part)} năm ${p.year}`;
    case "H1":
      return `6 tháng đầu năm ${p.year}`;
    case "9M":
      return `9 tháng năm ${p.year}`;
    case "Y":
      return `Năm ${p.year}`;
  }
}

/** Vietnamese label inside a sentence: "quý III năm 2023". */
export function labelViSentence(p: Period): string {
  const label = labelVi(p);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Vietnamese label in an upper-case title: "QUÝ III NĂM 2023". */
export function labelViUpper(p: Period): string {
  return nfc(labelVi(p).toUpperCase());
}

/** English label: "Q3 2023", "August 2023", "First half of 2023". */
export function labelEn(p: Period): string {
  switch (p.type) {
    case "M":
      return `${MONTHS_EN[p.part - 1] ?? String(p.part)} ${p.year}`;
    case "Q":
      return `Q${p.part} ${p.year}`;
    case "H1":
      return `First half of ${p.year}`;
    case "9M":
      return `First nine months of ${p.year}`;
    case "Y":
      return `Year ${p.year}`;
  }
}

/** The label in the given language (labelVi or labelEn). */
export function label(p: Period, lang: Lang): string {
  return lang === "vi" ? labelVi(p) : labelEn(p);
}

function rangeLine(w: Window, lang: Lang, vi: string, en: string): string {
  return lang === "vi"
    ? `${vi} từ ngày ${formatDateVi(w.from)} đến ngày ${formatDateVi(w.to)}`
    : `${en} from ${formatDateVi(w.from)} to ${formatDateVi(w.to)}`;
}

/** The window line of every form sheet except KH_TH: "Số liệu tính từ ngày 15/12/2022 đến ngày 14/09/2023". */
export function windowLine(p: Period, lang: Lang): string {
  return rangeLine(periodWindow(p), lang, "Số liệu tính", "Data");
}

/** The KH_TH line (PERIODS.md §5): "Số liệu lũy kế từ ngày 01/01/2023 đến ngày 14/09/2023". */
export function yearToDateLine(p: Period, lang: Lang): string {
  return rangeLine(yearToDateWindow(p), lang, "Số liệu lũy kế", "Year-to-date data");
}

// ---------------------------------------------------------------------------------------------------
// Flows, cumulative periods and related periods (PERIODS.md §4, §6)

/** H1, 9M and Y run from the start of the reporting year. */
export function isCumulative(p: Period): boolean {
  return p.type === "H1" || p.type === "9M" || p.type === "Y";
}

/** M and Q cover only their own month or quarter. */
export function isFlow(p: Period): boolean {
  return p.type === "M" || p.type === "Q";
}

/** Every period of a year: M01–M12, Q1–Q4, H1, 9M, Y (the picker order). */
export function allPeriodsOfYear(year: number): Period[] {
  if (!inYearRange(year)) return [];
  const list: Period[] = [];
  for (let m = 1; m <= 12; m++) list.push(build(year, "M", m));
  for (let q = 1; q <= 4; q++) list.push(build(year, "Q", q));
  list.push(build(year, "H1", 0), build(year, "9M", 0), build(year, "Y", 0));
  return list;
}

/** Chronological order of window end, then M, Q, H1, 9M, Y. */
export function comparePeriods(a: Period, b: Period): number {
  return compareIso(periodWindow(a).to, periodWindow(b).to) || TYPE_RANK[a.type] - TYPE_RANK[b.type];
}

function sorted(list: Period[]): Period[] {
  return list.sort(comparePeriods);
}

/** A period of a type shifted by whole steps of that type (months, quarters or years). */
function shifted(p: Period, steps: number): Period | null {
  const perYear = p.type === "M" ? 12 : p.type === "Q" ? 4 : 1;
  const index = p.year * perYear + (perYear === 1 ? 0 : p.part - 1) + steps;
  const year = Math.floor(index / perYear);
  if (!inYearRange(year)) return null;
  return build(year, p.type, perYear === 1 ? 0 : (index % perYear) + 1);
}

/**
 * The period(s) whose window ends the day before p's starts, in order of preference (PERIODS.md §6):
 * M and Q → the previous month or quarter; H1, 9M and Y → `(YYYY−1)-Y`, then `(YYYY−1)-Q4` (same end
 * date) for when the history has no annual report. Empty before the first year of the grammar.
 */
export function preceding(p: Period): Period[] {
  if (isFlow(p)) {
    const previous = shifted(p, -1);
    return previous ? [previous] : [];
  }
  if (!inYearRange(p.year - 1)) return [];
  return [build(p.year - 1, "Y", 0), build(p.year - 1, "Q", 4)];
}

/** Periods of p's reporting year and the one before: every window that can start or end near p's. */
function neighbourhood(p: Period): Period[] {
  return [...allPeriodsOfYear(p.year - 1), ...allPeriodsOfYear(p.year)];
}

/** Periods with the same window start and an earlier window end (for `2023-9M`: M01, Q1, H1). */
export function nestedEarlier(p: Period): Period[] {
  const w = periodWindow(p);
  return sorted(
    neighbourhood(p).filter((q) => {
      const v = periodWindow(q);
      return v.from === w.from && compareIso(v.to, w.to) < 0;
    }),
  );
}

/** Periods of the same reporting year whose window ends earlier, of any type. */
export function earlierInYear(p: Period): Period[] {
  const end = periodWindow(p).to;
  return sorted(allPeriodsOfYear(p.year).filter((q) => compareIso(periodWindow(q).to, end) < 0));
}

/** The 4 periods of p's type immediately before p, oldest first (for `2023-Q3`: 2022-Q3 … 2023-Q2). */
export function sameTypeHistory(p: Period): Period[] {
  const list: Period[] = [];
  for (let step = -4; step <= -1; step++) {
    const q = shifted(p, step);
    if (q) list.push(q);
  }
  return list;
}

// ---------------------------------------------------------------------------------------------------
// Deadlines and timeliness (PERIODS.md §7)

export interface DeadlineOptions {
  /** Calendar days after the window end; default 2. Weekends and holidays are not skipped. */
  readonly deadlineOffsetDays?: number;
  /** Explicit deadline per period ID, e.g. `{ "2023-9M": "2023-09-18" }`; wins over the offset. */
  readonly deadlines?: Readonly<Record<string, IsoDate>>;
}

export const DEFAULT_DEADLINE_OFFSET_DAYS = 2;

/** The unit deadline (hạn nộp của đơn vị) of a period: window end + offset, unless set explicitly. */
export function unitDeadline(p: Period, options?: DeadlineOptions): IsoDate {
  const deadlines = options?.deadlines ?? {};
  // Keys are matched as period IDs, so `"2023-9m"` in a hand-written options file also counts.
  for (const [key, value] of Object.entries(deadlines)) {
    if (tryParsePeriod(key)?.id !== p.id) continue;
    if (!isIsoDate(value)) {
      throw new UserError({
        vi: `Hạn nộp của kỳ ${p.id} không hợp lệ: "${value}". Dùng dạng yyyy-MM-dd, ví dụ 2023-09-18.`,
        en: `The deadline for period ${p.id} is not valid: "${value}". Use yyyy-MM-dd, e.g. 2023-09-18.`,
      });
    }
    return value;
  }
  const offset = options?.deadlineOffsetDays ?? DEFAULT_DEADLINE_OFFSET_DAYS;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new UserError({
      vi: `Số ngày hạn nộp sau kỳ báo cáo không hợp lệ: ${offset}. Dùng một số nguyên không âm.`,
      en: `The deadline offset is not valid: ${offset}. Use a whole number of days, 0 or more.`,
    });
  }
  return addDays(periodWindow(p).to, offset);
}

/** Late when received after the deadline (both Vietnam calendar dates). */
export function isLate(received: IsoDate, deadline: IsoDate): boolean {
  return compareIso(received, deadline) > 0;
}

/** Days late = received − deadline; 0 when on time. */
export function daysLate(received: IsoDate, deadline: IsoDate): number {
  return Math.max(0, daysBetween(deadline, received));
}

// ---------------------------------------------------------------------------------------------------
// Reading "Kỳ báo cáo" text (PERIODS.md §8)

const ROMAN_VALUE: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** One accepted spelling: a pattern over the folded text and how to build the period from it. */
interface Spelling {
  readonly re: RegExp;
  readonly make: (m: RegExpExecArray) => Period | null;
}

const YEAR = "(20\\d{2})";
const MONTH = "(0?[1-9]|1[0-2])";
const QUARTER = "(i|ii|iii|iv|[1-4])";

function yearOf(m: RegExpExecArray, index: number): number {
  return Number(m[index]);
}

function quarterOf(text: string | undefined): number {
  if (text === undefined) return 0;
  return ROMAN_VALUE[text] ?? Number(text);
}

const SPELLINGS: readonly Spelling[] = [
  // The ID itself, also with a one-digit month.
  { re: new RegExp(`^${YEAR}-m${MONTH}$`, "u"), make: (m) => build(yearOf(m, 1), "M", Number(m[2])) },
  { re: new RegExp(`^${YEAR}-q([1-4])$`, "u"), make: (m) => build(yearOf(m, 1), "Q", Number(m[2])) },
  { re: new RegExp(`^${YEAR}-h1$`, "u"), make: (m) => build(yearOf(m, 1), "H1", 0) },
  { re: new RegExp(`^${YEAR}-9m$`, "u"), make: (m) => build(yearOf(m, 1), "9M", 0) },
  { re: new RegExp(`^${YEAR}-y$`, "u"), make: (m) => build(yearOf(m, 1), "Y", 0) },
  // Month: "Tháng 8 năm 2023", "Tháng 08 năm 2023", "Tháng 8/2023", "08/2023". The bare form needs two
  // digits: "6/2023" or "9/2023" could be meant as the 6- or 9-month report.
  { re: new RegExp(`^thang ${MONTH} nam ${YEAR}$`, "u"), make: (m) => build(yearOf(m, 2), "M", Number(m[1])) },
  { re: new RegExp(`^thang ${MONTH}/${YEAR}$`, "u"), make: (m) => build(yearOf(m, 2), "M", Number(m[1])) },
  { re: new RegExp(`^(0[1-9]|1[0-2])/${YEAR}$`, "u"), make: (m) => build(yearOf(m, 2), "M", Number(m[1])) },
  // Quarter: "Quý III năm 2023", "Quý 3 năm 2023", "Quý III/2023", "Q3/2023", "Q3 2023".
  { re: new RegExp(`^quy ${QUARTER} nam ${YEAR}$`, "u"), make: (m) => build(yearOf(m, 2), "Q", quarterOf(m[1])) },
  { re: new RegExp(`^quy ${QUARTER}/${YEAR}$`, "u"), make: (m) => build(yearOf(m, 2), "Q", quarterOf(m[1])) },
  { re: new RegExp(`^q([1-4])(?:/| )${YEAR}$`, "u"), make: (m) => build(yearOf(m, 2), "Q", Number(m[1])) },
  // H1: "6 tháng đầu năm 2023", "6 tháng năm 2023", "6 tháng/2023"; 9M likewise.
  { re: new RegExp(`^6 thang (?:dau )?nam ${YEAR}$`, "u"), make: (m) => build(yearOf(m, 1), "H1", 0) },
  { re: new RegExp(`^6 thang/${YEAR}$`, "u"), make: (m) => build(yearOf(m, 1), "H1", 0) },
  { re: new RegExp(`^9 thang (?:dau )?nam ${YEAR}$`, "u"), make: (m) => build(yearOf(m, 1), "9M", 0) },
  { re: new RegExp(`^9 thang/${YEAR}$`, "u"), make: (m) => build(yearOf(m, 1), "9M", 0) },
  // Year: "Năm 2023", "Cả năm 2023", "2023".
  { re: new RegExp(`^(?:ca )?nam ${YEAR}$`, "u"), make: (m) => build(yearOf(m, 1), "Y", 0) },
  { re: new RegExp(`^${YEAR}$`, "u"), make: (m) => build(yearOf(m, 1), "Y", 0) },
];

/**
 * The period written in a "Kỳ báo cáo" cell (PERIODS.md §8), or null (rule V-PERIOD-01). Matching is
 * on NFC, trimmed, space-collapsed, case- and diacritic-folded text; spaces around "/" are ignored.
 */
export function parsePeriodText(text: string): Period | null {
  const key = foldDiacritics(collapseSpaces(nfc(text))).replace(/ ?\/ ?/gu, "/");
  for (const spelling of SPELLINGS) {
    const match = spelling.re.exec(key);
    if (match) return spelling.make(match);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Default period (TASKPANE.md item 2)

/** The latest period of `type` whose window ended before `today`, or null (none in this year or the last). */
export function latestEndedOfType(today: IsoDate, type: PeriodType): Period | null {
  const year = Number(today.slice(0, 4));
  let best: Period | null = null;
  for (const p of [...allPeriodsOfYear(year - 1), ...allPeriodsOfYear(year)]) {
    if (p.type !== type || compareIso(periodWindow(p).to, today) >= 0) continue;
    if (best === null || comparePeriods(p, best) > 0) best = p;
  }
  return best;
}

/**
 * The latest period whose window has ended by `today`, preferring the cumulative type when windows end
 * the same day (Y over Q4, 9M over Q3, H1 over Q2, Q over M). "Ended" means window end < today: the end
 * date is itself a data day, so on 14/09 the 9-month window is still open. Outside the years of the
 * grammar the result is clamped to its first or last period rather than failing in the task pane.
 */
export function defaultPeriod(today: IsoDate): Period {
  if (!isIsoDate(today)) throw new RangeError(`Not an ISO date (yyyy-MM-dd): "${today}"`);
  const year = Number(today.slice(0, 4));
  const candidates = [...allPeriodsOfYear(year - 1), ...allPeriodsOfYear(year)].filter(
    (p) => compareIso(periodWindow(p).to, today) < 0,
  );
  let best: Period | null = null;
  for (const p of candidates) if (best === null || comparePeriods(p, best) > 0) best = p;
  if (best) return best;
  return year <= MIN_YEAR ? build(MIN_YEAR, "M", 1) : build(MAX_YEAR, "Y", 0);
}
