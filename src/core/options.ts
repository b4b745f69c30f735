/**
 * The options of WORKBOOKS.md §3, read from a JSON object (CLI `--config`, the task pane's
 * settings). Unknown keys and wrong types are errors the user can fix, never silently ignored.
 */
import { FORMS, KH_TH, formByCode } from "./catalogue";
import type { Severity } from "./catalogue/types";
import { isIsoDate, isRealUtcTime } from "./dates";
import { UserError } from "./findings";
import { RULE_MESSAGES } from "./messages";
import { tryParsePeriod } from "./periods";
import { UNIT_TYPES } from "./roster";

/** The reader's limits (WORKBOOKS.md §3 and docs/DECISIONS.md; src/core/read/limits.ts applies them), all optional. */
export interface ReaderLimits {
  /** V-FILE-02: the file itself, checked before anything is read (default 10). */
  readonly maxFileSizeMB?: number;
  /** V-FILE-02: all parts together once expanded, declared and real (default 200). */
  readonly maxExpandedMB?: number;
  /** V-FILE-02: one part once expanded, declared and real (default 100). */
  readonly maxPartMB?: number;
  /**
   * V-FILE-04: cells read in one sheet (default 500,000). A sheet over it stops being read; only if it is
   * ThongTin or a form is the file unreadable: other sheets are ignored (WORKBOOKS.md §1.4).
   */
  readonly maxCells?: number;
  /**
   * V-FILE-04: cells read in all sheets of one file together (default 1,000,000): sheets each under
   * `maxCells` still cost memory as they are read (about 200 bytes a cell), so a file of six such sheets
   * took 570 MB; past this the file is unreadable.
   */
  readonly maxFileCells?: number;
  /** V-FILE-04: merged ranges over all sheets (default 1,000,000: kept as ranges, never expanded, they cost little). */
  readonly maxMerges?: number;
  /** V-FILE-04: shared strings loaded (default 200,000). */
  readonly maxSharedStrings?: number;
  /**
   * V-FILE-04: characters of one text (default 4,000,000): well above Excel's 32,767, since a unit's long
   * text is carried and cut only when written to a cell (WORKBOOKS.md §2.1).
   */
  readonly maxTextLength?: number;
  /** V-FILE-04: milliseconds spent on one file (default 10,000), measured only when `now` is given. */
  readonly maxReadMs?: number;
}

export interface Options extends ReaderLimits {
  readonly deadlineOffsetDays?: number;
  readonly deadlines?: Readonly<Record<string, string>>;
  readonly requiredForms?: Readonly<Record<string, readonly string[]>>;
  readonly requiredFormsByUnit?: Readonly<Record<string, readonly string[]>>;
  readonly rateRows?: Readonly<{ A?: readonly string[]; B?: readonly string[] }>;
  readonly ruleSeverity?: Readonly<Record<string, Severity | "off">>;
  readonly acceptWithErrors?: boolean;
  readonly outlier?: Readonly<{ minHistory?: number; z?: number; minAbs?: number }>;
  readonly includeMissingUnits?: boolean;
  readonly agencyName?: string;
  readonly reportingUnitName?: string;
  readonly place?: string;
  readonly signDate?: string;
  readonly documentNumber?: string;
  readonly preparerName?: string;
  readonly headName?: string;
  readonly creationTime?: string;
  readonly author?: string;
}

function bad(key: string, what: { vi: string; en: string }): UserError {
  return new UserError({ vi: `Tùy chọn "${key}" không hợp lệ: ${what.vi}.`, en: `Option "${key}" is not valid: ${what.en}.` });
}

const NO_SUCH_OPTION = { vi: "không có tùy chọn này", en: "no such option" };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * Keys that would reach an object's prototype when a config is merged or looked up: refused at any
 * depth. JSON.parse makes `"__proto__"` an own property, so it is found by Object.keys.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

function refusePrototypeKeys(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => refusePrototypeKeys(item, `${where}[${i}]`));
    return;
  }
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const path = where === "" ? key : `${where}.${key}`;
    if (PROTOTYPE_KEYS.has(key)) throw bad(path, { vi: "tên khóa không được phép", en: "this key name is not allowed" });
    refusePrototypeKeys(value[key], path);
  }
}

type Check = (key: string, value: unknown) => void;

const text: Check = (key, v) => {
  if (typeof v !== "string") throw bad(key, { vi: "cần một chuỗi ký tự", en: "a string is required" });
};
const nonNegative: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw bad(key, { vi: "cần một số không âm", en: "a non-negative number is required" });
};
const positive: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw bad(key, { vi: "cần một số lớn hơn 0", en: "a number greater than 0 is required" });
};
const positiveWhole: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) throw bad(key, { vi: "cần một số nguyên lớn hơn 0", en: "a whole number greater than 0 is required" });
};
const bool: Check = (key, v) => {
  if (typeof v !== "boolean") throw bad(key, { vi: "cần true hoặc false", en: "true or false is required" });
};
const isoDate: Check = (key, v) => {
  if (typeof v !== "string" || !isIsoDate(v)) throw bad(key, { vi: "cần ngày dạng yyyy-MM-dd", en: "a yyyy-MM-dd date is required" });
};

/** `{"<key>": ["form code", …]}`: every code names a form of the catalogue (FORMS.md §2). */
function formMap(keyOk: (k: string) => boolean, keyWhat: { vi: string; en: string }): Check {
  return (key, v) => {
    if (!isRecord(v) || !Object.values(v).every(isStringList)) {
      throw bad(key, { vi: "cần dạng {\"loại\": [\"mã biểu\", …]}", en: "expected {\"type\": [\"form code\", …]}" });
    }
    for (const [k, codes] of Object.entries(v)) {
      if (!keyOk(k)) throw bad(`${key}.${k}`, keyWhat);
      const unknown = (codes as string[]).find((c) => !formByCode(c));
      if (unknown !== undefined) {
        throw bad(`${key}.${k}`, { vi: `không có biểu "${unknown}" (các biểu: ${FORM_CODES})`, en: `there is no form "${unknown}" (forms: ${FORM_CODES})` });
      }
    }
  };
}

const FORM_CODES = FORMS.map((f) => f.code).join(", ");

/** Every rule id a finding can carry: the messages' ids and the catalogue's V-ID/V-REL ids. */
const RULE_IDS: readonly string[] = [
  ...Object.keys(RULE_MESSAGES).filter((id) => id !== "V-ID" && id !== "V-REL"),
  ...FORMS.flatMap((f) => f.rules.map((r) => r.id)),
];

/** A rule id, or a prefix ending in `*` that selects at least one (FORMS.md §6.1). */
function isRuleSelector(key: string): boolean {
  if (key.endsWith("*")) return RULE_IDS.some((id) => id.startsWith(key.slice(0, -1)));
  return RULE_IDS.includes(key);
}

/** KH-TH data rows of group A or B: what `rateRows.A` / `.B` may list (FORMS.md §3). */
function groupRows(group: "A" | "B"): readonly string[] {
  return KH_TH.rows.find((r) => r.code === group)?.members ?? [];
}

const OUTLIER_KEYS = ["minHistory", "z", "minAbs"];

const CHECKS: Readonly<Record<keyof Options, Check>> = {
  deadlineOffsetDays: (key, v) => {
    nonNegative(key, v);
    if (!Number.isInteger(v)) throw bad(key, { vi: "cần số nguyên", en: "a whole number is required" });
  },
  deadlines: (key, v) => {
    if (!isRecord(v)) throw bad(key, { vi: "cần dạng {\"2023-9M\": \"2023-09-18\"}", en: "expected {\"2023-9M\": \"2023-09-18\"}" });
    for (const [k, d] of Object.entries(v)) {
      if (!tryParsePeriod(k)) throw bad(`${key}.${k}`, { vi: "khóa phải là mã kỳ, ví dụ 2023-9M", en: "the key must be a period id such as 2023-9M" });
      isoDate(`${key}.${k}`, d);
    }
  },
  requiredForms: formMap((k) => (UNIT_TYPES as readonly string[]).includes(k), {
    vi: `không có loại đơn vị này (các loại: ${UNIT_TYPES.join(", ")})`,
    en: `no such unit type (types: ${UNIT_TYPES.join(", ")})`,
  }),
  requiredFormsByUnit: formMap((k) => k.trim() !== "", { vi: "cần mã đơn vị", en: "a unit code is required" }),
  rateRows: (key, v) => {
    const shape = { vi: "cần dạng {\"A\": [\"A1\", …], \"B\": [\"B1\", …]}", en: "expected {\"A\": [\"A1\", …], \"B\": [\"B1\", …]}" };
    if (!isRecord(v)) throw bad(key, shape);
    for (const [k, rows] of Object.entries(v)) {
      if (k !== "A" && k !== "B") throw bad(`${key}.${k}`, NO_SUCH_OPTION);
      if (!isStringList(rows)) throw bad(`${key}.${k}`, shape);
      const allowed = groupRows(k);
      const stray = rows.find((r) => !allowed.includes(r));
      if (stray !== undefined) {
        throw bad(`${key}.${k}`, { vi: `dòng "${stray}" không thuộc nhóm ${k} của KH-TH (${allowed.join(", ")})`, en: `row "${stray}" is not in KH-TH group ${k} (${allowed.join(", ")})` });
      }
    }
  },
  ruleSeverity: (key, v) => {
    const ok = ["error", "warning", "info", "off"];
    if (!isRecord(v)) throw bad(key, { vi: "cần dạng {\"V-REL-*\": \"off\"}", en: "expected {\"V-REL-*\": \"off\"}" });
    for (const [rule, s] of Object.entries(v)) {
      if (!isRuleSelector(rule)) throw bad(`${key}.${rule}`, { vi: "không có quy tắc này", en: "no such rule" });
      if (typeof s !== "string" || !ok.includes(s)) {
        throw bad(`${key}.${rule}`, { vi: "mức độ là error, warning, info hoặc off", en: "severities are error, warning, info or off" });
      }
    }
  },
  acceptWithErrors: bool,
  outlier: (key, v) => {
    if (!isRecord(v)) throw bad(key, { vi: "cần dạng {\"minHistory\": 3, \"z\": 3, \"minAbs\": 10}", en: "expected {\"minHistory\": 3, \"z\": 3, \"minAbs\": 10}" });
    for (const [k, n] of Object.entries(v)) {
      if (!OUTLIER_KEYS.includes(k)) throw bad(`${key}.${k}`, NO_SUCH_OPTION);
      nonNegative(`${key}.${k}`, n);
      if (k === "minHistory" && (!Number.isInteger(n) || (n as number) < 1)) {
        throw bad(`${key}.${k}`, { vi: "cần số nguyên từ 1 trở lên", en: "a whole number of 1 or more is required" });
      }
    }
  },
  maxFileSizeMB: positive,
  maxExpandedMB: positive,
  maxPartMB: positive,
  maxCells: positiveWhole,
  maxFileCells: positiveWhole,
  maxMerges: positiveWhole,
  maxSharedStrings: positiveWhole,
  maxTextLength: positiveWhole,
  maxReadMs: positive,
  includeMissingUnits: bool,
  agencyName: text,
  reportingUnitName: text,
  place: text,
  signDate: isoDate,
  documentNumber: text,
  preparerName: text,
  headName: text,
  creationTime: (key, v) => {
    if (typeof v !== "string") throw bad(key, { vi: "cần thời điểm UTC dạng yyyy-MM-ddTHH:mm:ssZ", en: "an ISO 8601 UTC time yyyy-MM-ddTHH:mm:ssZ is required" });
    if (!isRealUtcTime(v)) throw bad(key, { vi: `"${v}" không phải một thời điểm có thật (yyyy-MM-ddTHH:mm:ssZ)`, en: `"${v}" is not a real time (yyyy-MM-ddTHH:mm:ssZ)` });
  },
  author: text,
};

/**
 * Options of WORKBOOKS.md §3 that a run takes from the host, not from the options object: the CLI
 * has a flag for each (docs/DECISIONS.md). `regime` has one value in v1 and is not an option.
 */
const HOST_KEYS: Readonly<Record<string, { vi: string; en: string }>> = {
  period: { vi: "dùng --period", en: "use --period" },
  roster: { vi: "dùng --units", en: "use --units" },
  receiptLog: { vi: "dùng --receipts", en: "use --receipts" },
  history: { vi: "dùng --history", en: "use --history" },
  regime: { vi: "phiên bản này chỉ có chế độ TT01_2024; bỏ khóa này đi", en: "this version has only regime TT01_2024; remove this key" },
};

/** Validate a parsed JSON object as options; throws UserError naming the first bad key. */
export function parseOptions(value: unknown): Options {
  if (!isRecord(value)) {
    throw new UserError({ vi: "Tệp cấu hình phải là một đối tượng JSON.", en: "The configuration file must hold a JSON object." });
  }
  refusePrototypeKeys(value, "");
  for (const key of Object.keys(value)) {
    const hint = Object.hasOwn(HOST_KEYS, key) ? HOST_KEYS[key] : undefined;
    if (hint) throw bad(key, { vi: `không đặt trong tệp cấu hình (${hint.vi})`, en: `not set in the configuration file (${hint.en})` });
    if (!Object.hasOwn(CHECKS, key)) throw bad(key, NO_SUCH_OPTION);
    CHECKS[key as keyof Options](key, value[key]);
  }
  return value as Options;
}

/** Canonical JSON (keys sorted, no insignificant white space): for NguonSoLieu `Tùy chọn`. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
