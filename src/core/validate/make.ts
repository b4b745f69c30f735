/** Building findings: one function, so every finding has the full shape and both messages. */
import type { Severity } from "../catalogue/types";
import type { Finding } from "../findings";
import { messageKeyOf, ruleMessage, RULE_MESSAGES, type MessageParam } from "../messages";
import { formatDateVi } from "../dates";
import { sheetRef } from "../read/grid";

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
}

export function defaultSeverity(rule: string): Severity {
  return RULE_MESSAGES[messageKeyOf(rule)]?.severity ?? "error";
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
  // Dates are ISO in the JSON and dd/MM/yyyy in messages (PERIODS.md §9).
  for (const key of ["value", "expected"] as const) {
    const v = params[key];
    if (typeof v === "string" && ISO_DATE.test(v)) params[key] = formatDateVi(v);
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
    message: ruleMessage(messageKeyOf(input.rule), params),
  };
}
