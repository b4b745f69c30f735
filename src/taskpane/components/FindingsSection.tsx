/**
 * Kết quả kiểm tra: findings grouped by unit with counts in the group header, filtered by severity and
 * unit, drawn a page at a time. Findings of the open workbook select their cell on click.
 * "Tải tệp trả lại cho đơn vị" gives the annotated copies as one .zip.
 */
import { Badge, Button, Field, Select, ToggleButton, makeStyles, tokens, type BadgeProps, mergeClasses } from "@fluentui/react-components";
import { memo, useMemo } from "react";
import type { Severity } from "../../core/findings";
import { cutShort } from "../../core/text";
import type { FindingView } from "../api";
import type { Lang, PaneText } from "../i18n";
import type { Filters } from "../state/reducer";
import { Section } from "./Section";
import { ShowMore, usePaged } from "./ShowMore";
import { useStyles } from "./styles";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const SEVERITY_COLOUR: Readonly<Record<Severity, BadgeProps["color"]>> = { error: "danger", warning: "warning", info: "informative" };
const GROUPS_PAGE = 20;
const ROWS_FIRST = 10;

/**
 * A unit code as shown: the code a file gives may be anything typed (a review's file gave 5,000 characters,
 * which made its group 2,700 px tall); the findings' messages say it whole.
 */
export function shownCode(code: string): string {
  return cutShort(code, 40);
}

const useFindingStyles = makeStyles({
  // The severity, the place and the rule on one line while they fit; in a pane too narrow for them the rule
  // goes to the next line rather than squeezing the place to a character or two a line (a review: 200 %
  // zoom in Office's narrowest pane stacked "KH_TH!C15" one letter over another).
  head: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS, alignItems: "center", minWidth: 0 },
  at: { flexGrow: 1, minWidth: "9ch", overflowWrap: "anywhere" },
  // A shown severity's button: a check mark and the brand's border, not only Fluent's pale grey fill (1.2:1
  // against the white of a hidden one; WCAG 1.4.11 wants a cue of 3:1).
  shown: {
    borderTopColor: tokens.colorBrandStroke1,
    borderRightColor: tokens.colorBrandStroke1,
    borderBottomColor: tokens.colorBrandStroke1,
    borderLeftColor: tokens.colorBrandStroke1,
  },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingTop: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  selectableItem: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  rowButton: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    width: "100%",
    padding: `${tokens.spacingVerticalXS} 0`,
    textAlign: "left",
    borderTopStyle: "none",
    borderRightStyle: "none",
    borderBottomStyle: "none",
    borderLeftStyle: "none",
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: "transparent",
    color: "inherit",
    fontFamily: "inherit",
    fontSize: "inherit",
    lineHeight: "inherit",
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
});

export interface FindingsSectionProps {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly findings: readonly FindingView[];
  /** Unit names by code, for the group headers. */
  readonly unitNames: ReadonlyMap<string, string>;
  /** Inputs read from the open workbook: their findings select the cell on click. */
  readonly selectable: ReadonlySet<string>;
  readonly filters: Filters;
  readonly canReturn: boolean;
  readonly returning: boolean;
  /** Shown beside "Tải tệp trả lại cho đơn vị" where a download may save nothing (desktop Excel); null elsewhere. */
  readonly downloadNote: string | null;
  readonly onFilters: (filters: Partial<Filters>) => void;
  readonly onSelectCell: (sheet: string, cell: string) => void;
  readonly onReturnFiles: () => void;
}

interface Group {
  readonly unit: string;
  readonly findings: readonly FindingView[];
  readonly counts: Readonly<Record<Severity, number>>;
}

/** Groups in the findings' own (KiemTra) order: the first finding of a unit places its group. */
function groupByUnit(findings: readonly FindingView[]): Group[] {
  const groups = new Map<string, { unit: string; findings: FindingView[]; counts: Record<Severity, number> }>();
  for (const f of findings) {
    const key = f.unit ?? "";
    let group = groups.get(key);
    if (!group) {
      group = { unit: key, findings: [], counts: { error: 0, warning: 0, info: 0 } };
      groups.set(key, group);
    }
    group.findings.push(f);
    group.counts[f.severity]++;
  }
  return [...groups.values()];
}

function where(f: FindingView): string | null {
  if (f.sheet && f.cell) return `${f.sheet}!${f.cell}`;
  return f.sheet ?? f.file;
}

function FindingRow(props: {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly finding: FindingView;
  /** The unit's findings come from more than one of its files (a resend): each row names its file. */
  readonly showFile: boolean;
  readonly canSelect: boolean;
  readonly onSelectCell: (sheet: string, cell: string) => void;
}) {
  const { t, lang, finding, canSelect, onSelectCell } = props;
  const styles = useStyles();
  const own = useFindingStyles();
  const at = where(finding);
  const body = (
    <>
      {props.showFile && finding.file && (
        <span className={styles.muted} data-testid="finding-file">
          {finding.file}
        </span>
      )}
      <span className={own.head}>
        <Badge className={styles.nowrap} appearance="tint" color={SEVERITY_COLOUR[finding.severity]}>
          {t.severity[finding.severity]}
        </Badge>
        {at && (
          <span className={mergeClasses(styles.mono, own.at)} data-testid="finding-place">
            {at}
          </span>
        )}
        <span className={mergeClasses(styles.muted, styles.nowrap)}>{finding.rule}</span>
      </span>
      <span>{finding.message[lang]}</span>
    </>
  );
  const data = { "data-testid": "finding-row", "data-rule": finding.rule, "data-severity": finding.severity, "data-unit": finding.unit ?? "" };
  if (canSelect && finding.sheet && finding.cell) {
    const { sheet, cell } = finding;
    return (
      <li className={own.selectableItem}>
        <button type="button" className={own.rowButton} title={t.selectCell(`${sheet}!${cell}`)} onClick={() => onSelectCell(sheet, cell)} {...data}>
          {body}
        </button>
      </li>
    );
  }
  return (
    <li className={own.row} {...data}>
      {body}
    </li>
  );
}

function GroupView(props: {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly group: Group;
  /** The unit's counts over all its findings, whatever the filter shows (a hidden info still counts). */
  readonly counts: Readonly<Record<Severity, number>>;
  /** The unit's findings (all, not only those shown) come from more than one of its files. */
  readonly manyFiles: boolean;
  readonly name: string;
  readonly selectable: ReadonlySet<string>;
  readonly resetKey: string;
  readonly onSelectCell: (sheet: string, cell: string) => void;
}) {
  const { t, lang, group, name } = props;
  const styles = useStyles();
  const own = useFindingStyles();
  const paged = usePaged(group.findings.length, props.resetKey, ROWS_FIRST);
  const showFile = props.manyFiles;
  const headingId = `findings-${group.unit || "general"}`;
  return (
    <div className={own.group} data-testid="finding-group" data-unit={group.unit}>
      <h3 id={headingId} className={styles.subheading}>
        {group.unit ? <span className={styles.mono}>{shownCode(group.unit)}</span> : null} {name}
      </h3>
      <div className={styles.muted} data-testid="finding-group-counts">
        {t.groupCounts(props.counts)}
      </div>
      <ul className={styles.list} aria-labelledby={headingId}>
        {group.findings.slice(0, paged.shown).map((f, i) => (
          <FindingRow key={i} t={t} lang={lang} finding={f} showFile={showFile} canSelect={f.inputId !== null && props.selectable.has(f.inputId)} onSelectCell={props.onSelectCell} />
        ))}
      </ul>
      <ShowMore left={group.findings.length - paged.shown} label={t.showMore} onMore={paged.more} testId="findings-more" />
    </div>
  );
}

export const FindingsSection = memo(function FindingsSection(props: FindingsSectionProps) {
  const { t, lang, findings, filters, onFilters } = props;
  const styles = useStyles();
  const own = useFindingStyles();
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) c[f.severity]++;
    return c;
  }, [findings]);
  const allGroups = useMemo(() => groupByUnit(findings), [findings]);
  const units = useMemo(() => allGroups.map((g) => g.unit), [allGroups]);
  const unitCounts = useMemo(() => new Map(allGroups.map((g) => [g.unit, g.counts] as const)), [allGroups]);
  const manyFiles = useMemo(() => new Set(allGroups.filter((g) => new Set(g.findings.map((f) => f.file)).size > 1).map((g) => g.unit)), [allGroups]);
  const groups = useMemo(
    () =>
      groupByUnit(findings.filter((f) => filters.severities.includes(f.severity) && (filters.unit === "all" || (f.unit ?? "") === filters.unit))),
    [findings, filters],
  );
  const resetKey = `${filters.severities.join(",")}|${filters.unit}|${findings.length}`;
  const paged = usePaged(groups.length, resetKey, GROUPS_PAGE);
  const nameOf = (unit: string) => (unit === "" ? t.noUnit : props.unitNames.get(unit) ?? "");
  const toggle = (s: Severity) =>
    onFilters({ severities: filters.severities.includes(s) ? filters.severities.filter((x) => x !== s) : SEVERITIES.filter((x) => x === s || filters.severities.includes(x)) });
  return (
    <Section id="findings" title={t.findings}>
      <div role="group" aria-label={t.filterSeverity} className={styles.actions} data-testid="severity-filter">
        {SEVERITIES.map((s) => (
          <ToggleButton
            key={s}
            size="small"
            checked={filters.severities.includes(s)}
            className={filters.severities.includes(s) ? own.shown : undefined}
            icon={filters.severities.includes(s) ? <span aria-hidden="true">✓</span> : undefined}
            onClick={() => toggle(s)}
            data-testid={`severity-${s}`}
          >
            {t.severity[s]} ({counts[s]})
          </ToggleButton>
        ))}
      </div>
      <Field label={t.filterUnit} className={styles.fill}>
        <Select className={styles.fill} value={filters.unit} data-testid="unit-filter" onChange={(_, d) => onFilters({ unit: d.value })}>
          <option value="all">{t.allUnits}</option>
          {units.map((u) => (
            <option key={u || "general"} value={u}>
              {u === "" ? t.noUnit : `${shownCode(u)} ${nameOf(u)}`}
            </option>
          ))}
        </Select>
      </Field>
      {groups.length === 0 && (
        <div className={styles.muted} data-testid="no-findings">
          {findings.length === 0 ? t.noFindings : t.noFindingsShown}
        </div>
      )}
      {groups.slice(0, paged.shown).map((g) => (
        <GroupView key={g.unit || "general"} t={t} lang={lang} group={g} counts={unitCounts.get(g.unit) ?? g.counts} manyFiles={manyFiles.has(g.unit)} name={nameOf(g.unit)} selectable={props.selectable} resetKey={resetKey} onSelectCell={props.onSelectCell} />
      ))}
      <ShowMore left={groups.length - paged.shown} label={t.showMore} onMore={paged.more} testId="groups-more" />
      <div className={styles.actions}>
        <Button
          onClick={props.onReturnFiles}
          disabled={!props.canReturn && !props.returning}
          disabledFocusable={props.returning}
          data-testid="return-files"
          aria-describedby={props.downloadNote ? "return-files-note" : undefined}
        >
          {t.returnFiles}
        </Button>
      </div>
      {props.downloadNote && (
        <div id="return-files-note" className={styles.muted} data-testid="download-note">
          {props.downloadNote}
        </div>
      )}
    </Section>
  );
});
