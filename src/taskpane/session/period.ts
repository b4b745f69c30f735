/**
 * Which period the pane shows (TASKPANE.md §2): by default the latest period whose window has
 * ended; once files are added, the period most of them name; a period picked by hand stays.
 */
import { comparePeriods, defaultPeriod, tryParsePeriod, type Period } from "../../core/periods";
import type { FilePeriod, PeriodChoice } from "../api";

/**
 * The default period on `today` (yyyy-MM-dd, read once by the caller): the latest period whose
 * window has ended, the cumulative type first when windows end the same day (9M over Q3, Y over
 * Q4, H1 over Q2, Q over M).
 */
export function defaultPeriodId(today: string): string {
  return defaultPeriod(today).id;
}

/**
 * The period most files name (period ids, or `periodsOf`'s answers); a tie goes to the later
 * period; null when no file names one.
 */
export function followFiles(periods: readonly (string | null)[] | readonly FilePeriod[]): string | null {
  const counts = new Map<string, { period: Period; count: number }>();
  for (const item of periods) {
    const id = typeof item === "object" && item !== null ? item.period : item;
    const period = id === null ? null : tryParsePeriod(id);
    if (!period) continue;
    const entry = counts.get(period.id) ?? { period, count: 0 };
    entry.count++;
    counts.set(period.id, entry);
  }
  let best: { period: Period; count: number } | null = null;
  for (const entry of counts.values()) {
    if (!best || entry.count > best.count || (entry.count === best.count && comparePeriods(entry.period, best.period) > 0)) best = entry;
  }
  return best ? best.period.id : null;
}

/**
 * The period to show: a choice by hand is kept; otherwise the files' period when they name one,
 * else the default of `today`.
 */
export function choosePeriod(current: PeriodChoice | null, today: string, files: readonly FilePeriod[]): PeriodChoice {
  if (current?.source === "user") return current;
  const fromFiles = followFiles(files);
  if (fromFiles !== null) return { id: fromFiles, source: "files" };
  return { id: defaultPeriodId(today), source: "default" };
}
