/** What the CLI's read pool sends to a worker thread and gets back (structured-cloneable data only). */
import type { ReadLimitOptions } from "../../core/read/limits";

export interface ReadTask {
  /** The file on disk: the worker reads it itself, so its bytes never reach the main thread. */
  readonly full: string;
  /** The input's `file` (CLI.md), for the findings. */
  readonly file: string;
  /** The limits, without the clock: a function does not cross threads. */
  readonly limits: Omit<ReadLimitOptions, "now">;
  /** Whether to give the reader the worker's clock (the main thread had one: the time budget applies). */
  readonly timed: boolean;
}

const LIMIT_KEYS = ["maxFileSizeMB", "maxExpandedMB", "maxPartMB", "maxCells", "maxMerges", "maxSharedStrings", "maxTextLength", "maxReadMs"] as const;

/** Only the limit options, so the task clones (the run's options also hold functions and receipts). */
export function limitsOf(options: ReadLimitOptions): Omit<ReadLimitOptions, "now"> {
  const limits: Record<string, number> = {};
  for (const key of LIMIT_KEYS) {
    const value = options[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
