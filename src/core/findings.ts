/**
 * A finding: one thing a check found, at one place, in both languages (FORMS.md §6.1, CLI.md).
 * Every field that does not apply is null, so the JSON shape is always the same.
 */
import type { Severity } from "./catalogue/types";
import type { Localised } from "./text";

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
