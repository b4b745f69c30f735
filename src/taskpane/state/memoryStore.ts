/** A session store in memory only: for tests, and for a page where IndexedDB cannot be opened. */
import type { SessionSnapshot } from "../api";
import type { PaneStore } from "./usePane";

export function memoryStore(initial: SessionSnapshot | null = null): PaneStore & { readonly saved: () => SessionSnapshot | null } {
  let snapshot = initial;
  return {
    load: () => Promise.resolve(snapshot),
    save: (next) => {
      snapshot = next;
      return Promise.resolve();
    },
    saved: () => snapshot,
  };
}
