/**
 * A finding: one thing a check found, at one place, in both languages (FORMS.md §6.1, CLI.md).
 * Every field that does not apply is null, so the JSON shape is always the same.
 */
import type { Severity } from "./catalogue/types";
import { cutShort, type Localised } from "./text";
import { messageKeyOf, ruleMessage, RULE_MESSAGES, type MessageParam } from "./messages";
import { formatDateVi, isIsoDate } from "./dates";

export type { Severity };

export interface Finding {
  readonly file: string | null;
  readonly unit: string | null;
  readonly severity: Severity;
  readonly rule: string;
  readonly form: string | null;
  readonly sheet: string | null;
  readonly cell: string | null;
  /** Row code of a ROWS form, or null. */
  readonly row: string | null;
  /** Catalogue column number, or null. */
  readonly column: number | null;
  readonly value: number | string | null;
  readonly expected: number | string | null;
  readonly message: Localised;
}

/** Vietnamese severity words, the same in the pane and the report (WORKBOOKS.md §2.8). */
export const SEVERITY_VI: Readonly<Record<Severity, string>> = {
  error: "Lỗi",
  warning: "Cảnh báo",
  info: "Thông tin",
};

/** An error the user can fix, raised with a message in both languages (CLI exit code 2). */
export class UserError extends Error {
  readonly localised: Localised;
  readonly findings: readonly Finding[];
  constructor(message: Localised, findings: readonly Finding[] = []) {
    super(message.en);
    this.name = "UserError";
    this.localised = message;
    this.findings = findings;
  }
}

/**
 * `sheet!A1` as Excel writes it: the sheet name quoted when it is not a plain name, or when it reads as a
 * reference, in A1 style ("AB12") or R1C1 style ("R1C1", "R2", "C", "RC": Excel quotes these too).
 */
export function sheetRef(sheet: string, cell: string | null): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/u.test(sheet) && !/^[A-Za-z]{1,3}\d+$/u.test(sheet) && !/^(?:R\d*(?:C\d*)?|C\d*)$/iu.test(sheet);
  const name = plain ? sheet : `'${sheet.replace(/'/gu, "''")}'`;
  return cell ? `${name}!${cell}` : name;
}

// Building findings: one function, so every finding has the full shape and both messages.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

export interface FindingContext {
  readonly file: string | null;
  readonly unit: string | null;
}

export interface FindingInput {
  readonly rule: string;
  readonly severity?: Severity;
  readonly form?: string | null;
  readonly sheet?: string | null;
  readonly cell?: string | null;
  readonly row?: string | null;
  readonly column?: number | null;
  readonly value?: number | string | null;
  readonly expected?: number | string | null;
  /** Further placeholders: detail, identity, lhs, rhs, period, … */
  readonly params?: Readonly<Record<string, MessageParam>>;
  /** The case whose own message the rule has (messages.ts RULE_MESSAGE_CASES), if any. */
  readonly messageCase?: string;
}

export function defaultSeverity(rule: string): Severity {
  return RULE_MESSAGES[messageKeyOf(rule)]?.severity ?? "error";
}

/** At most this many findings of one rule are listed for one file (V-FILE-05 counts the rest). */
export const MAX_FINDINGS_PER_RULE = 500;

/**
 * A file's findings with at most MAX_FINDINGS_PER_RULE of each rule, the first found, and for each rule
 * cut one V-FILE-05 saying how many more there were. A 2 MB file of 249,000 rows with an unknown code
 * made 249,000 findings: a run of 21 s and 1.2 GB, a console line each, a KiemTra row each, and before
 * that a stack overflow that ended the whole run (an outside review, 2026-12-07). The file's status and
 * counts are those of all its findings: the caller counts before cutting.
 */
export function listedFindings(findings: readonly Finding[], ctx: FindingContext): readonly Finding[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  if (![...counts.values()].some((n) => n > MAX_FINDINGS_PER_RULE)) return findings;
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    if (n <= MAX_FINDINGS_PER_RULE) out.push(f);
  }
  for (const [rule, n] of counts) {
    if (n > MAX_FINDINGS_PER_RULE) out.push(makeFinding(ctx, { rule: "V-FILE-05", value: n - MAX_FINDINGS_PER_RULE, expected: MAX_FINDINGS_PER_RULE, params: { detail: rule } }));
  }
  return out;
}

/** The longest text of the file quoted whole in a message. */
const MESSAGE_TEXT_MAX = 300;

/**
 * A finding's value as people read it: dates are ISO in the JSON and dd/MM/yyyy in messages (PERIODS.md
 * §9) and in KiemTra's value columns beside them. A real date only: a text typed "2023-02-30" is shown as
 * typed (formatting it threw, and the file was unreadable).
 */
export function dateAsShown<T extends number | string | null>(value: T): T | string {
  return typeof value === "string" && ISO_DATE.test(value) && isIsoDate(value) ? formatDateVi(value) : value;
}

export function makeFinding(ctx: FindingContext, input: FindingInput): Finding {
  const sheet = input.sheet ?? null;
  const cell = input.cell ?? null;
  const params: Record<string, MessageParam> = {
    at: sheet ? sheetRef(sheet, cell) : cell ?? "",
    file: ctx.file ?? "",
    unit: ctx.unit ?? "",
    sheet: sheet ?? "",
    form: input.form ?? "",
    row: input.row ?? "",
    col: input.column ?? null,
    value: input.value ?? "",
    expected: input.expected ?? "",
    ...input.params,
  };
  for (const key of ["value", "expected"] as const) {
    const v = params[key];
    if (typeof v === "string") params[key] = dateAsShown(v);
  }
  // A text from the file is cut in the message (the JSON's value keeps it whole): a unit name of a million
  // characters filled the console and KiemTra's cell (a review of 2026-12-07).
  for (const key of ["value", "expected"] as const) {
    const v = params[key];
    if (typeof v === "string") params[key] = cutShort(v, MESSAGE_TEXT_MAX);
  }
  // Column numbers are labels, not quantities: never "1.234"-formatted.
  if (typeof params.col === "number") params.col = String(params.col);
  return {
    file: ctx.file,
    unit: ctx.unit,
    severity: input.severity ?? defaultSeverity(input.rule),
    rule: input.rule,
    form: input.form ?? null,
    sheet,
    cell,
    row: input.row ?? null,
    column: input.column ?? null,
    value: input.value ?? null,
    expected: input.expected ?? null,
    message: ruleMessage(input.messageCase ? `${input.rule}/${input.messageCase}` : messageKeyOf(input.rule), params),
  };
}
