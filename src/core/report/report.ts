/**
 * The report workbook (WORKBOOKS.md §2): sheets in the order of §2.1, values only, written by the
 * report's own SpreadsheetML writer (xlsx/writer.ts), byte-identical by construction. Totals are re-checked after the
 * printable sheets are laid out, so their findings can name report cells; the cover, which counts
 * all findings, is written last and moved first.
 */
import type { Finding } from "../findings";
import { consolidate, type AggregateOptions, type Consolidation } from "../aggregate/aggregate";
import { recheckTotals } from "../aggregate/recheck";
import { periodWindow } from "../periods";
import { sortFindings, type ValidationRun } from "../validate/run";
import type { ValidationOptions } from "../validate/validate";
import { WriterWorkbook, type WriteOptions } from "../xlsx/writer";
import { addFindingsSheet, addProvenanceSheet, addSubmissionStatusSheet } from "./audit";
import { DEFAULT_REPORT_OPTIONS, ReportCells, type ReportContext, type ReportOptions } from "./cells";
import { addCoverSheet } from "./cover";
import { addFormSheets } from "./forms";
import { addKhthSheet } from "./khth";

import { REPORT_SHEETS } from "./sheets";
export { REPORT_SHEETS };

export interface ReportInput {
  readonly run: ValidationRun;
  readonly options?: Partial<ReportOptions> & AggregateOptions & Pick<ValidationOptions, "ruleSeverity">;
  readonly roster?: { readonly source: string; readonly sha256: string | null };
  /** The options as canonical JSON for NguonSoLieu. */
  readonly optionsJson?: string;
  /** How the workbook is zipped (xlsx/writer.ts): a host's choice, the bytes are the same. */
  readonly write?: WriteOptions;
}

export interface Report {
  readonly bytes: Uint8Array;
  readonly consolidation: Consolidation;
  /** Findings on the totals (FORMS.md §7.5). */
  readonly totalFindings: readonly Finding[];
  /** Every finding, in KiemTra order. */
  readonly findings: readonly Finding[];
  readonly fileName: string;
}

export async function buildReport(input: ReportInput): Promise<Report> {
  const run = input.run;
  const creationTime = input.options?.creationTime ?? `${periodWindow(run.period).to}T00:00:00Z`;
  const options: ReportOptions = { ...DEFAULT_REPORT_OPTIONS, ...input.options, creationTime };
  const consolidation = consolidate(run, { rateRows: input.options?.rateRows, includeMissingUnits: options.includeMissingUnits });
  const cells = new ReportCells();
  cells.sheetOrder.push(...REPORT_SHEETS);

  const wb = new WriterWorkbook();

  // Printable sheets first (they lay out the totals), then the re-check, then the rest.
  const pending: { findings: Finding[] } = { findings: [] };
  const ctx: ReportContext = {
    consolidation,
    cells,
    options,
    get findings() {
      return pending.findings;
    },
    roster: input.roster ?? { source: run.roster.source, sha256: null },
    optionsJson: input.optionsJson ?? "{}",
  };
  addKhthSheet(wb, ctx);
  addFormSheets(wb, ctx);
  // KiemTra order of the totals' findings: scope, then sheet in report order, cell, rule (§2.8).
  const totalFindings = sortFindings(
    recheckTotals(consolidation, (form, scope, row, col) => cells.totalAddress(form, scope, row, col), input.options?.ruleSeverity),
    new Map(),
    (_file, sheet) => REPORT_SHEETS.indexOf(sheet as (typeof REPORT_SHEETS)[number]),
  );
  pending.findings = [...run.findings, ...totalFindings];

  addCoverSheet(wb, ctx);
  addSubmissionStatusSheet(wb, ctx);
  addFindingsSheet(wb, ctx);
  addProvenanceSheet(wb, ctx);
  // The audit sheets print too: A4 landscape; NopBaoCao and KiemTra one page wide. NguonSoLieu is
  // a data sheet whose long unit lists would shrink a fitted page to nothing: it keeps 100 %.
  for (const name of ["NopBaoCao", "KiemTra", "NguonSoLieu"]) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: "landscape",
      fitToPage: name !== "NguonSoLieu",
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
    ws.headerFooter = { oddFooter: "Trang &P/&N" };
  }
  // The cover goes first (§2.1), though it is written last.
  wb.orderSheets(REPORT_SHEETS);
  return {
    bytes: await wb.writeAsync({ creator: options.author, created: creationTime }, input.write),
    consolidation,
    totalFindings,
    findings: pending.findings,
    fileName: `BaoCaoTongHop_${run.period.id}.xlsx`,
  };
}
