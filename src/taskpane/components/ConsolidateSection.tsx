/**
 * Tổng hợp: the primary button (enabled when at least one submission is accepted), both headline rates
 * when done, and the exports: open in Excel (ExcelApi 1.8), insert into this workbook (1.13 only),
 * download (.xlsx) where a download saves a file (Excel on the web, the standalone page).
 */
import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import { memo, useId } from "react";
import type { ConsolidateView, HeadlineRate, WorkProgress } from "../api";
import type { ConsolidateBlock, PaneText } from "../i18n";
import { Section } from "./Section";
import { useStyles } from "./styles";

const useConsolidateStyles = makeStyles({
  rates: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  rateValue: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});

export interface ConsolidateSectionProps {
  readonly t: PaneText;
  readonly canConsolidate: boolean;
  /** Why it cannot run now, said under the button; null when it can. */
  readonly blocked: ConsolidateBlock | null;
  readonly busy: boolean;
  /** The worker's progress while consolidating. */
  readonly progress: WorkProgress | null;
  readonly exporting: boolean;
  readonly result: ConsolidateView | null;
  readonly canOpen: boolean;
  readonly canInsert: boolean;
  readonly canDownload: boolean;
  readonly onConsolidate: () => void;
  readonly onOpen: () => void;
  readonly onInsert: () => void;
  readonly onDownload: () => void;
}

function Rate({ label, rate, t, testId }: { readonly label: string; readonly rate: HeadlineRate; readonly t: PaneText; readonly testId: string }) {
  const own = useConsolidateStyles();
  return (
    <div data-testid={testId}>
      <dt>{label}:</dt>
      <dd className={own.rateValue}>{t.rateValue(rate.completed, rate.planned, rate.rate)}</dd>
    </div>
  );
}

export const ConsolidateSection = memo(function ConsolidateSection(props: ConsolidateSectionProps) {
  const { t, result } = props;
  const styles = useStyles();
  const own = useConsolidateStyles();
  const hintId = useId();
  return (
    <Section id="consolidate" title={t.consolidate}>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          // Disabled but focusable, while it works (a disabled button drops the focus to the page) and while it
          // cannot run: the keyboard reaches it and hears why (the hint), as TASKPANE.md wants every action reached.
          disabledFocusable={!props.canConsolidate || props.busy}
          aria-describedby={props.blocked !== null ? hintId : undefined}
          onClick={props.onConsolidate}
          data-testid="consolidate"
        >
          {t.consolidate}
        </Button>
      </div>
      {props.blocked !== null && (
        <div className={styles.muted} id={hintId} data-testid="consolidate-hint">
          {t.consolidateHint[props.blocked]}
        </div>
      )}
      {props.busy && (
        <Field validationMessage={props.progress ? t.progress(props.progress) : t.consolidating} validationState="none" data-testid="consolidate-progress">
          <ProgressBar
            value={props.progress && props.progress.total > 0 ? props.progress.done / props.progress.total : undefined}
            aria-label={t.consolidating}
          />
        </Field>
      )}
      {result && (
        <>
          {/* Said by the pane's live region (App's `announcement`), with both rates. */}
          <div className={styles.muted} data-testid="report-name">
            {t.done}: {result.fileName}
          </div>
          <dl className={own.rates} data-testid="rates">
            <Rate label={t.inspectionRate} rate={result.rates.inspection} t={t} testId="rate-inspection" />
            <Rate label={t.partyRate} rate={result.rates.party} t={t} testId="rate-party" />
          </dl>
          <div className={styles.actions}>
            {props.canOpen && (
              <Button onClick={props.onOpen} disabledFocusable={props.exporting} data-testid="export-open">
                {t.openReport}
              </Button>
            )}
            {props.canInsert && (
              <Button onClick={props.onInsert} disabledFocusable={props.exporting} data-testid="export-insert">
                {t.insertReport}
              </Button>
            )}
            {props.canDownload && (
              <Button onClick={props.onDownload} data-testid="export-download">
                {t.download}
              </Button>
            )}
          </div>
        </>
      )}
    </Section>
  );
});
