/**
 * The options of WORKBOOKS.md §3, read from a JSON object (CLI `--config`, the task pane's
 * settings). Unknown keys and wrong types are errors the user can fix, never silently ignored.
 */
import type { Severity } from "./catalogue/types";
import { isIsoDate } from "./dates";
import { UserError } from "./findings";

export interface Options {
  readonly regime?: string;
  readonly deadlineOffsetDays?: number;
  readonly deadlines?: Readonly<Record<string, string>>;
  readonly requiredForms?: Readonly<Record<string, readonly string[]>>;
  readonly requiredFormsByUnit?: Readonly<Record<string, readonly string[]>>;
  readonly rateRows?: Readonly<{ A?: readonly string[]; B?: readonly string[] }>;
  readonly ruleSeverity?: Readonly<Record<string, Severity | "off">>;
  readonly acceptWithErrors?: boolean;
  readonly outlier?: Readonly<{ minHistory?: number; z?: number; minAbs?: number }>;
  readonly maxFileSizeMB?: number;
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

type Check = (key: string, value: unknown) => void;

const text: Check = (key, v) => {
  if (typeof v !== "string") throw bad(key, { vi: "cần một chuỗi ký tự", en: "a string is required" });
};
const nonNegative: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw bad(key, { vi: "cần một số không âm", en: "a non-negative number is required" });
};
const bool: Check = (key, v) => {
  if (typeof v !== "boolean") throw bad(key, { vi: "cần true hoặc false", en: "true or false is required" });
};
const formMap: Check = (key, v) => {
  if (!isRecord(v) || !Object.values(v).every(isStringList)) {
    throw bad(key, { vi: "cần dạng {\"loại\": [\"mã biểu\", …]}", en: "expected {\"type\": [\"form code\", …]}" });
  }
};
const isoDate: Check = (key, v) => {
  if (typeof v !== "string" || !isIsoDate(v)) throw bad(key, { vi: "cần ngày dạng yyyy-MM-dd", en: "a yyyy-MM-dd date is required" });
};

const CHECKS: Readonly<Record<keyof Options, Check>> = {
  regime: (key, v) => {
    if (v !== "TT01_2024") throw bad(key, { vi: "chỉ hỗ trợ TT01_2024", en: "only TT01_2024 is supported" });
  },
  deadlineOffsetDays: (key, v) => {
    nonNegative(key, v);
    if (!Number.isInteger(v)) throw bad(key, { vi: "cần số nguyên", en: "a whole number is required" });
  },
  deadlines: (key, v) => {
    if (!isRecord(v)) throw bad(key, { vi: "cần dạng {\"2023-9M\": \"2023-09-18\"}", en: "expected {\"2023-9M\": \"2023-09-18\"}" });
    for (const [k, d] of Object.entries(v)) isoDate(`${key}.${k}`, d);
  },
  requiredForms: formMap,
  requiredFormsByUnit: formMap,
  rateRows: (key, v) => {
    if (!isRecord(v) || !Object.entries(v).every(([k, rows]) => (k === "A" || k === "B") && isStringList(rows))) {
      throw bad(key, { vi: "cần dạng {\"A\": [\"A1\", …], \"B\": [\"B1\", …]}", en: "expected {\"A\": [\"A1\", …], \"B\": [\"B1\", …]}" });
    }
  },
  ruleSeverity: (key, v) => {
    const ok = ["error", "warning", "info", "off"];
    if (!isRecord(v) || !Object.values(v).every((s) => typeof s === "string" && ok.includes(s))) {
      throw bad(key, { vi: "mức độ là error, warning, info hoặc off", en: "severities are error, warning, info or off" });
    }
  },
  acceptWithErrors: bool,
  outlier: (key, v) => {
    if (!isRecord(v)) throw bad(key, { vi: "cần dạng {\"minHistory\": 3, \"z\": 3, \"minAbs\": 10}", en: "expected {\"minHistory\": 3, \"z\": 3, \"minAbs\": 10}" });
    for (const [k, n] of Object.entries(v)) {
      if (!["minHistory", "z", "minAbs"].includes(k)) throw bad(`${key}.${k}`, { vi: "không có tùy chọn này", en: "no such option" });
      nonNegative(`${key}.${k}`, n);
    }
  },
  maxFileSizeMB: nonNegative,
  includeMissingUnits: bool,
  agencyName: text,
  reportingUnitName: text,
  place: text,
  signDate: isoDate,
  documentNumber: text,
  preparerName: text,
  headName: text,
  creationTime: (key, v) => {
    if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/u.test(v)) {
      throw bad(key, { vi: "cần thời điểm UTC dạng yyyy-MM-ddTHH:mm:ssZ", en: "an ISO 8601 UTC time yyyy-MM-ddTHH:mm:ssZ is required" });
    }
  },
  author: text,
};

/** Validate a parsed JSON object as options; throws UserError naming the first bad key. */
export function parseOptions(value: unknown): Options {
  if (!isRecord(value)) {
    throw new UserError({ vi: "Tệp cấu hình phải là một đối tượng JSON.", en: "The configuration file must hold a JSON object." });
  }
  for (const [key, v] of Object.entries(value)) {
    const check = CHECKS[key as keyof Options];
    if (!check) throw bad(key, { vi: "không có tùy chọn này", en: "no such option" });
    check(key, v);
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
