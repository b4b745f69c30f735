/** Matching findings against the fixture expectations (tests/fixtures/submissions/…/expectations.json). */

export interface ExpectedFinding {
  readonly rule: string;
  readonly severity: string;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly value?: unknown;
  readonly expected?: unknown;
  /** CLI fields that tell findings of one rule apart, when given (more/expectations.json). */
  readonly form?: string | null;
  readonly row?: string | null;
  readonly column?: number | null;
}

interface FindingLike {
  readonly rule: string;
  readonly severity: string;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly value: unknown;
  readonly expected: unknown;
  readonly form: string | null;
  readonly row: string | null;
  readonly column: number | null;
}

/** The finding that meets an expectation: rule, severity, sheet, cell, and value/expected/form/row/column when given. */
export function findExpected<F extends FindingLike>(findings: readonly F[], want: ExpectedFinding): F | undefined {
  return findings.find(
    (f) =>
      f.rule === want.rule &&
      f.severity === want.severity &&
      f.sheet === want.sheet &&
      f.cell === want.cell &&
      (want.value === undefined || f.value === want.value) &&
      (want.expected === undefined || f.expected === want.expected) &&
      (want.form === undefined || f.form === want.form) &&
      (want.row === undefined || f.row === want.row) &&
      (want.column === undefined || f.column === want.column),
  );
}
