/**
 * What must reach the pane's state before its last save when the page goes (pagehide): a field still
 * being typed in. The pane's save on closing asks these first; listeners of their own would run in the
 * order they were added, after that save (seen in Chromium).
 */
const drafts = new Set<() => void>();

/** `commit` runs as the pane closes, before the last save; the function returned removes it. */
export function onPaneClosing(commit: () => void): () => void {
  drafts.add(commit);
  return () => {
    drafts.delete(commit);
  };
}

/** Every field's typed text into the state, drawn at once (each commit uses flushSync). */
export function commitDrafts(): void {
  for (const commit of drafts) commit();
}
