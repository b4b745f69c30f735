/**
 * Tình hình nộp: the summary line, the expected units with their status word and colour (filterable),
 * each unit's duplicates as "Trùng lặp", and the files not used with the reason.
 */
import { Badge, Field, Select, type BadgeProps, mergeClasses } from "@fluentui/react-components";
import { memo, useMemo } from "react";
import type { UnitStatus } from "../../core/validate/run";
import type { CheckView, InputView, UnitView } from "../api";
import type { Lang, PaneText } from "../i18n";
import { Section } from "./Section";
import { ShowMore, usePaged } from "./ShowMore";
import { useStyles } from "./styles";

const NONE: readonly InputView[] = [];

export const UNIT_STATUSES: readonly UnitStatus[] = ["on-time", "late", "rejected", "missing"];

/** The report's fills (WORKBOOKS.md §2.7): green, yellow, red, grey. */
export const STATUS_COLOUR: Readonly<Record<UnitStatus, BadgeProps["color"]>> = {
  "on-time": "success",
  late: "warning",
  rejected: "danger",
  missing: "informative",
};

export interface StatusSectionProps {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly check: CheckView;
  readonly filter: UnitStatus | "all";
  readonly onFilter: (status: UnitStatus | "all") => void;
}

function isStatusFilter(value: string): value is UnitStatus | "all" {
  return value === "all" || (UNIT_STATUSES as readonly string[]).includes(value);
}

/**
 * Files shown under a unit, each with its word: its superseded and identical files ("Trùng lặp"), and its
 * files not used (unreadable, not a submission, another period), named as NopBaoCao names them (WORKBOOKS.md
 * §1.7, §2.7) so nobody chases a unit for a file it sent; their reasons are under "Tệp không sử dụng".
 */
function FilesUnder({ files, word, testId }: { readonly files: readonly InputView[]; readonly word: (f: InputView) => string; readonly testId: string }) {
  const styles = useStyles();
  if (files.length === 0) return null;
  return (
    <ul className={mergeClasses(styles.list, styles.indent)}>
      {files.map((f) => (
        <li key={f.id} className={styles.muted} data-testid={testId}>
          {word(f)}: {f.file}
        </li>
      ))}
    </ul>
  );
}

function UnitRow({ t, unit, unused }: { readonly t: PaneText; readonly unit: UnitView; readonly unused: readonly InputView[] }) {
  const styles = useStyles();
  const effective = unit.effective;
  const details = [
    effective?.file,
    unit.status === "late" || (unit.status === "rejected" && unit.daysLate > 0) ? t.daysLate(unit.daysLate) : null,
    effective && effective.errors + effective.warnings > 0 ? t.errorsWarnings(effective.errors, effective.warnings) : null,
  ].filter((part): part is string => Boolean(part));
  return (
    <li className={styles.item} data-testid="unit-row" data-unit={unit.code} data-status={unit.status ?? "not-expected"}>
      <div className={styles.itemLine}>
        <span className={styles.name}>
          <span className={styles.mono}>{unit.code}</span> {unit.name}
        </span>
        {unit.status ? (
          <Badge className={styles.nowrap} appearance="tint" color={STATUS_COLOUR[unit.status]} data-testid="unit-status">
            {t.unitStatus[unit.status]}
          </Badge>
        ) : (
          <Badge className={styles.nowrap} appearance="outline" color="subtle" data-testid="unit-status">
            {t.notExpected}
          </Badge>
        )}
      </div>
      {details.length > 0 && <span className={styles.muted}>{details.join(" · ")}</span>}
      <FilesUnder files={unit.duplicates} word={() => t.duplicate} testId="duplicate-row" />
      <FilesUnder files={unused} word={(f) => t.inputStatus[f.status]} testId="unit-unused-row" />
    </li>
  );
}

/**
 * What to do about a file refused for its size (V-FILE-02) or a reading limit (V-FILE-04), whose messages
 * (FORMS.md's fixed wording) say what is wrong but not how to fix it (TASKPANE.md: "Errors a user can fix
 * say how"); said after the reason. None for other files: their messages say it.
 */
function remedyOf(t: PaneText, file: InputView): string {
  if (file.reasons.includes("V-FILE-02") || file.reasons.includes("V-FILE-04")) return ` ${t.tooLargeRemedy}`;
  return "";
}

function Unused({ t, lang, files }: { readonly t: PaneText; readonly lang: Lang; readonly files: readonly InputView[] }) {
  const styles = useStyles();
  const paged = usePaged(files.length, "unused");
  if (files.length === 0) return null;
  return (
    <>
      <h3 className={styles.subheading}>{t.unused}</h3>
      <ul className={styles.list} aria-label={t.unused}>
        {files.slice(0, paged.shown).map((f) => (
          <li key={f.id} className={styles.item} data-testid="unused-row" data-file={f.file} data-status={f.status}>
            <div className={styles.itemLine}>
              <span className={styles.name}>{f.file}</span>
              <Badge className={styles.nowrap} appearance="tint" color={f.status === "rejected" ? "danger" : "informative"}>
                {t.inputStatus[f.status]}
              </Badge>
            </div>
            {f.reason && (
              <span className={styles.muted}>
                {f.reason[lang]}
                {remedyOf(t, f)}
              </span>
            )}
          </li>
        ))}
      </ul>
      <ShowMore left={files.length - paged.shown} label={t.showMore} onMore={paged.more} />
    </>
  );
}

export const StatusSection = memo(function StatusSection({ t, lang, check, filter, onFilter }: StatusSectionProps) {
  const styles = useStyles();
  const counts = useMemo(() => {
    const c: Record<UnitStatus, number> = { "on-time": 0, late: 0, rejected: 0, missing: 0 };
    for (const u of check.units) if (u.status) c[u.status]++;
    return c;
  }, [check.units]);
  const units = useMemo(() => (filter === "all" ? check.units : check.units.filter((u) => u.status === filter)), [check.units, filter]);
  const paged = usePaged(units.length, `${check.periodId}|${filter}`);
  const unusedByUnit = useMemo(() => {
    const by = new Map<string, InputView[]>();
    for (const f of check.unused) if (f.unit !== null) by.set(f.unit, [...(by.get(f.unit) ?? []), f]);
    return by;
  }, [check.unused]);
  return (
    <Section id="status" title={t.status}>
      {/* Read out by the pane's one live region (App.tsx) when a check ends. */}
      <div data-testid="summary">
        {t.summary(check.summary)}
      </div>
      <Field label={t.filterStatus} className={styles.fill}>
        <Select className={styles.fill} value={filter} data-testid="status-filter" onChange={(_, d) => isStatusFilter(d.value) && onFilter(d.value)}>
          <option value="all">
            {t.all} ({check.units.length})
          </option>
          {UNIT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.unitStatus[s]} ({counts[s]})
            </option>
          ))}
        </Select>
      </Field>
      <ul className={styles.list} aria-label={t.status}>
        {units.slice(0, paged.shown).map((u) => (
          <UnitRow key={u.code} t={t} unit={u} unused={unusedByUnit.get(u.code) ?? NONE} />
        ))}
      </ul>
      <ShowMore left={units.length - paged.shown} label={t.showMore} onMore={paged.more} testId="units-more" />
      <Unused t={t} lang={lang} files={check.unused} />
    </Section>
  );
});
