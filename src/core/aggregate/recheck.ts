/** Re-checking the error rules on the consolidated totals (FORMS.md §7.5): the rules of validate/, run on sums. */
import { FORMS } from "../catalogue";
import type { FormDef } from "../catalogue/types";
import { makeFinding, type Finding } from "../findings";
import { checkForm, type ValueSource } from "../validate/rules";
import { applyRuleSeverity, type ValidationOptions } from "../validate/validate";
import { SCOPES, TOTAL_ROW, type Consolidation, type Scope } from "./aggregate";

/** Where the report shows a total, for findings on totals (§7.5): supplied by the report layout. */
export type TotalCellAddress = (form: FormDef, scope: Scope, row: string | null, col: number) => { sheet: string; cell: string } | null;

/**
 * Re-check the error rules on the totals (§7.5): the official biểu and PCTN on TỔNG CỘNG, I and
 * II; KH-TH on the TOTAL scope only (Table 2 data rows). Findings name the report cell. "Of severity
 * error" is the run's severity (option `ruleSeverity`, §6.1): a rule the user made a warning, or turned
 * off, is not an error on the units' files and is not one on their sums either; one made an error is.
 */
export function recheckTotals(c: Consolidation, address: TotalCellAddress, ruleSeverity?: ValidationOptions["ruleSeverity"]): Finding[] {
  const findings: Finding[] = [];
  for (const form of FORMS) {
    const scopes: readonly Scope[] = form.code === "KH-TH" ? ["TOTAL"] : SCOPES;
    for (const scope of scopes) {
      const rows = c.totals.get(form.code)?.[scope];
      if (!rows) continue;
      const source: ValueSource = {
        cell(target, row, col) {
          if (target.code !== form.code) return null;
          const key = form.layout === "WIDE" ? TOTAL_ROW : row ?? TOTAL_ROW;
          const sum = rows.get(key)?.get(col);
          const where = address(form, scope, form.layout === "WIDE" ? null : row, col);
          return { scaled: sum?.scaled ?? 0, filled: true, sheet: where?.sheet ?? null, cell: where?.cell ?? null };
        },
      };
      const failures = checkForm(form, source, (rule) => !rule.groupCheck);
      for (const f of failures) {
        findings.push(
          makeFinding(
            { file: null, unit: scope },
            {
              rule: f.rule.id,
              severity: f.severity,
              form: form.code,
              sheet: f.anchor.sheet,
              cell: f.anchor.cell,
              row: f.anchor.row,
              column: f.anchor.column,
              value: f.value,
              expected: f.expected,
              params: { identity: f.identity, lhs: f.lhs, rhs: f.rhs },
            },
          ),
        );
      }
    }
  }
  // V-ID-KH-TH-1 on B2, B3 is a warning (its row's severity): not re-checked unless the run makes it an error.
  return applyRuleSeverity(findings, ruleSeverity).filter((f) => f.severity === "error");
}
