/**
 * The session functions the pane's state needs (the file list, the period that follows the files),
 * behind one import so the reducer does not depend on where they live.
 * TEMPORARY local versions until src/taskpane/session/ lands; then this file re-exports those.
 */
import { comparePeriods, defaultPeriod as corePeriod, tryParsePeriod } from "../../core/periods";
import type { FilePeriod, PeriodChoice, StoredFile } from "../api";

/** A file as it comes in, before it gets an id and a unique display name. */
export interface IncomingFile {
  readonly originalName: string;
  readonly bytes: ArrayBuffer;
  readonly sha256: string;
  readonly source: StoredFile["source"];
  readonly received: string | null;
}

function withSuffix(name: string, n: number): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/** Add one file: same name and bytes changes nothing; same name, other bytes is "name (2).xlsx". */
export function addToList(list: readonly StoredFile[], incoming: IncomingFile, newId: () => string): readonly StoredFile[] {
  if (list.some((f) => f.originalName === incoming.originalName && f.sha256 === incoming.sha256)) return list;
  const names = new Set(list.map((f) => f.name));
  let name = incoming.originalName;
  for (let n = 2; names.has(name); n++) name = withSuffix(incoming.originalName, n);
  return [...list, { id: newId(), name, size: incoming.bytes.byteLength, ...incoming }];
}

export function defaultPeriod(today: string): PeriodChoice {
  return { id: corePeriod(today).id, source: "default" };
}

/** The period most files name; a tie goes to the later period; null when no file names one. */
export function followFiles(periods: readonly FilePeriod[]): string | null {
  const counts = new Map<string, number>();
  for (const p of periods) if (p.period) counts.set(p.period, (counts.get(p.period) ?? 0) + 1);
  let best: string | null = null;
  for (const [id, n] of counts) {
    if (best === null) {
      best = id;
      continue;
    }
    const m = counts.get(best) ?? 0;
    const a = tryParsePeriod(id);
    const b = tryParsePeriod(best);
    if (n > m || (n === m && a && b && comparePeriods(a, b) > 0)) best = id;
  }
  return best;
}
