/**
 * Kỳ báo cáo: period type, year and part; the window as the forms print it and the unit deadline;
 * "Theo kỳ ghi trong tệp đã thêm" while the period follows the files.
 */
import { Field, Select } from "@fluentui/react-components";
import { memo, useCallback, useEffect, useRef, useState } from "react";
import { compareIso, isIsoDate, isoParts } from "../../core/dates";
import { PERIOD_TYPES, latestEndedOfType, makePeriod, periodWindow, tryParsePeriod, type Period, type PeriodType } from "../../core/periods";
import type { PeriodChoice } from "../api";
import type { PaneText } from "../i18n";
import { Section } from "./Section";
import { useStyles } from "./styles";

export interface PeriodSectionProps {
  readonly t: PaneText;
  readonly period: PeriodChoice;
  /** The window line in the pane's language ("Số liệu tính từ ngày … đến ngày …"). */
  readonly windowText: string;
  /** dd/MM/yyyy */
  readonly deadline: string;
  readonly years: readonly number[];
  /** Today (yyyy-MM-dd), read once by the pane: a type switched to is one whose window has ended. */
  readonly today: string;
  readonly onPick: (periodId: string) => void;
}

function isPeriodType(value: string): value is PeriodType {
  return (PERIOD_TYPES as readonly string[]).includes(value);
}

/**
 * Switching type keeps the window's end month: 9 months of 2023 → September, Q3. A period of that type
 * whose window has not ended by today (Tháng 11/2026 → Quý 4/2026 on 07/12/2026) gives way to the latest
 * one that has, as the default period does (TASKPANE.md §2): nobody reports on an open period.
 */
export function switchType(current: Period, type: PeriodType, today: string): Period {
  const endMonth = isoParts(periodWindow(current).to).month;
  const year = current.year;
  const kept =
    type === "M" ? makePeriod(year, "M", current.type === "Y" ? 12 : endMonth) : type === "Q" ? makePeriod(year, "Q", current.type === "Y" ? 4 : Math.ceil(endMonth / 3)) : makePeriod(year, type, 0);
  if (!isIsoDate(today) || compareIso(periodWindow(kept).to, today) < 0) return kept;
  return latestEndedOfType(today, type) ?? kept;
}

function partsOf(type: PeriodType): readonly number[] {
  if (type === "M") return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (type === "Q") return [1, 2, 3, 4];
  return [];
}

/** A choice made with the arrow keys is applied once the keys rest this long (or the list loses focus). */
export const KEYBOARD_PICK_MS = 700;

/**
 * `onPick` at once for a choice made with the mouse; for one made with the arrow keys (which change a
 * closed list's value at each press), once the keys rest or the list is left: browsing "Loại kỳ" with the
 * arrows neither rechecks every file at each step nor takes each step for the user's pick (a review of
 * 2026-12-07). The choice waiting is what the lists show.
 */
function useKeyboardPick(currentId: string, onPick: (periodId: string) => void): { readonly waiting: string | null; pick(periodId: string): void; flush(): void; keyDown(): void } {
  const [waiting, setWaiting] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastKey = useRef(-Infinity);
  const latest = useRef<string | null>(null);
  const current = useRef(currentId);
  current.current = currentId;
  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const id = latest.current;
    latest.current = null;
    setWaiting(null);
    // Back where the keys started: nothing was picked (the period still follows the files).
    if (id !== null && id !== current.current) onPick(id);
  }, [onPick]);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  return {
    waiting,
    keyDown: () => {
      lastKey.current = performance.now();
    },
    flush,
    pick: (periodId) => {
      // A change that follows a key press within a moment is the keyboard's.
      if (performance.now() - lastKey.current > 200) {
        latest.current = periodId;
        flush();
        return;
      }
      latest.current = periodId;
      setWaiting(periodId);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, KEYBOARD_PICK_MS);
    },
  };
}

export const PeriodSection = memo(function PeriodSection({ t, period, windowText, deadline, years, today, onPick }: PeriodSectionProps) {
  const styles = useStyles();
  const keyed = useKeyboardPick(period.id, onPick);
  const listProps = { onKeyDown: keyed.keyDown, onBlur: keyed.flush };
  const current = tryParsePeriod(keyed.waiting ?? period.id) ?? makePeriod(years[years.length - 1] ?? 2024, "Y", 0);
  // A type is switched from the period in force, not from one the arrow keys passed: Năm 2022 passed on the
  // way from 9 tháng 2023 would take the year back to 9 tháng 2022.
  const applied = tryParsePeriod(period.id) ?? current;
  const parts = partsOf(current.type);
  const yearChoices = years.includes(current.year) ? years : [...years, current.year].sort((a, b) => a - b);
  return (
    <Section id="period" title={t.period}>
      <div className={styles.row}>
        <Field label={t.periodType} className={styles.grow}>
          <Select
            value={current.type}
            data-testid="period-type"
            {...listProps}
            onChange={(_, d) => isPeriodType(d.value) && keyed.pick(switchType(applied, d.value, today).id)}
          >
            {PERIOD_TYPES.map((type) => (
              <option key={type} value={type}>
                {t.periodTypes[type]}
              </option>
            ))}
          </Select>
        </Field>
        {parts.length > 0 && (
          <Field label={current.type === "M" ? t.month : t.quarter} className={styles.grow}>
            <Select
              value={String(current.part)}
              data-testid="period-part"
              {...listProps}
              onChange={(_, d) => keyed.pick(makePeriod(current.year, current.type, Number(d.value)).id)}
            >
              {parts.map((part) => (
                <option key={part} value={part}>
                  {current.type === "M" ? t.monthName(part) : t.quarterName(part)}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t.year} className={styles.grow}>
          <Select
            value={String(current.year)}
            data-testid="period-year"
            {...listProps}
            onChange={(_, d) => keyed.pick(makePeriod(Number(d.value), current.type, current.part).id)}
          >
            {yearChoices.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {period.source === "files" && (
        <div className={styles.muted} data-testid="period-from-files">
          {t.fromFiles}
        </div>
      )}
      <div data-testid="period-window">{windowText}</div>
      <div data-testid="period-deadline">{t.deadlineLine(deadline)}</div>
    </Section>
  );
});
