/**
 * Each file read once while the worker keeps its bytes: the pane checks again whenever anything changes
 * (a file removed, an option, "Tổng hợp"), and reading is most of a check's time. A file is known by its
 * kept buffer (files.ts keeps one per id), its name in the run (findings carry it) and the reading limits;
 * the same three give the same outcome, so a run is what it would be read afresh. A file that hit a limit
 * (the time budget among them) is not read again either: a hostile file costs its time once, not at every
 * removal of another file (a review of 2026-12-07: 20 hostile files beside 99 clean ones made every × wait).
 */
import { ReadBudget } from "../../core/read/limits";
import { readInThread, type ReadInput } from "../../core/validate/run";

export function rememberingReader(read: ReadInput = readInThread): ReadInput {
  // Weak: a buffer the worker forgets (its file removed) takes its outcomes with it.
  const remembered = new WeakMap<ArrayBufferLike, Map<string, ReturnType<ReadInput>>>();
  return (input, options) => {
    const key = `${input.file}\u0000${JSON.stringify(new ReadBudget(options).limits)}`;
    let outcomes = remembered.get(input.bytes.buffer);
    if (!outcomes) {
      outcomes = new Map();
      remembered.set(input.bytes.buffer, outcomes);
    }
    const known = outcomes.get(key);
    if (known) return known;
    const reading = read(input, options);
    outcomes.set(key, reading);
    // A read that failed is not kept: the next run tries again.
    reading.catch(() => outcomes?.delete(key));
    return reading;
  };
}

