/**
 * Errors the user can act on, each saying how to fix it, and notices (a file already listed); dismissed one by one. Kept in view at the top of
 * the pane while it scrolls: an action far down (a download, "Mở báo cáo trong Excel") failed 5,000 px
 * above where the user clicked, with nothing seen to change.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useLayoutEffect, useRef, type RefObject } from "react";
import type { Lang, PaneText } from "../i18n";
import type { PaneError } from "../state/reducer";

const useErrorStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    position: "sticky",
    top: 0,
    zIndex: 1,
    maxHeight: "50vh",
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: "anywhere",
  },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export interface ErrorListProps {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly errors: readonly PaneError[];
  readonly onDismiss: (id: number) => void;
}

/**
 * While the list is shown, the page keeps its height clear at the top when it scrolls a control into view
 * (Tab, a focus moved by the pane): a focused control never sits under the list (WCAG 2.4.11).
 */
function useScrollClearOf(list: RefObject<HTMLDivElement>, shown: boolean): void {
  useLayoutEffect(() => {
    const element = list.current;
    const root = document.documentElement;
    if (!shown || element === null) return;
    const clear = (): void => void (root.style.scrollPaddingTop = `${element.offsetHeight}px`);
    clear();
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(clear);
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      root.style.scrollPaddingTop = "";
    };
  }, [list, shown]);
}

export function ErrorList({ t, lang, errors, onDismiss }: ErrorListProps) {
  const styles = useErrorStyles();
  const list = useRef<HTMLDivElement>(null);
  useScrollClearOf(list, errors.length > 0);
  if (errors.length === 0) return null;
  const bar = (e: PaneError) => (
    <MessageBar key={e.id} intent={e.intent ?? "error"} layout="multiline" data-testid={e.intent === "info" ? "notice" : "error"}>
      <MessageBarBody>{e.message[lang]}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="transparent" onClick={() => onDismiss(e.id)}>
          {t.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
  const alerts = errors.filter((e) => e.intent !== "info");
  const notices = errors.filter((e) => e.intent === "info");
  // Errors are alerts (read out at once); a notice ("already in the list") is a status, read out politely.
  return (
    <div ref={list} className={styles.list} data-testid="errors">
      {alerts.length > 0 && (
        <div role="alert" className={styles.group}>
          {alerts.map(bar)}
        </div>
      )}
      {notices.length > 0 && (
        <div role="status" className={styles.group}>
          {notices.map(bar)}
        </div>
      )}
    </div>
  );
}
