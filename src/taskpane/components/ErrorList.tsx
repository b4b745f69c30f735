/**
 * Errors the user can act on, each saying how to fix it, and notices (a file already listed); dismissed one by one. Kept in view at the top of
 * the pane while it scrolls: an action far down (a download, "Mở báo cáo trong Excel") failed 5,000 px
 * above where the user clicked, with nothing seen to change.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useLayoutEffect, useRef, type FocusEvent, type RefObject } from "react";
import type { Lang, PaneText } from "../i18n";
import type { PaneError } from "../state/reducer";
import { focusAfterRemoving } from "./FilesSection";

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
  // The live regions stay in the page with nothing in them: no padding, nothing drawn.
  empty: { padding: 0 },
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

/**
 * Where the focus goes once a message is dismissed: the next message's "Đóng", else back where the user
 * came from into the list, else the drop zone. It was left on nothing (the page), and the next Tab began
 * again at the top of the pane (a review of 2026-12-07, WCAG 2.4.3).
 */
function useFocusAfterDismiss(errors: readonly PaneError[], onDismiss: (id: number) => void) {
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const cameFrom = useRef<HTMLElement | null>(null);
  const pending = useRef<{ readonly id: number | null } | null>(null);
  useEffect(() => {
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    const back = cameFrom.current?.isConnected ? cameFrom.current : document.querySelector<HTMLElement>("[data-testid='drop-zone']");
    ((next.id === null ? undefined : buttons.current.get(next.id)) ?? back)?.focus();
  }, [errors]);
  return {
    dismiss: (shown: readonly PaneError[], id: number): void => {
      pending.current = { id: focusAfterRemoving(shown, id) };
      onDismiss(id);
    },
    /** The control the focus came from into the list, remembered when it enters. */
    entered: (e: FocusEvent<HTMLDivElement>): void => {
      const from = e.relatedTarget;
      if (from instanceof HTMLElement && !e.currentTarget.contains(from)) cameFrom.current = from;
    },
    buttonRef: (id: number) => (button: HTMLButtonElement | null) => {
      if (button) buttons.current.set(id, button);
      else buttons.current.delete(id);
    },
  };
}

export function ErrorList({ t, lang, errors, onDismiss }: ErrorListProps) {
  const styles = useErrorStyles();
  const list = useRef<HTMLDivElement>(null);
  useScrollClearOf(list, errors.length > 0);
  const focus = useFocusAfterDismiss(errors, onDismiss);
  const alerts = errors.filter((e) => e.intent !== "info");
  const notices = errors.filter((e) => e.intent === "info");
  // In the order they are shown: the errors, then the notices.
  const shown = [...alerts, ...notices];
  const bar = (e: PaneError) => (
    <MessageBar key={e.id} intent={e.intent ?? "error"} layout="multiline" data-testid={e.intent === "info" ? "notice" : "error"}>
      <MessageBarBody>{e.message[lang]}</MessageBarBody>
      <MessageBarActions>
        <Button ref={focus.buttonRef(e.id)} size="small" appearance="transparent" onClick={() => focus.dismiss(shown, e.id)}>
          {t.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
  // Errors are alerts (read out at once); a notice ("already in the list") is a status, read out politely.
  // Both regions are in the page from the start, empty: a region drawn together with its text is not read
  // out (a review of 2026-12-07, WCAG 4.1.3).
  return (
    <div ref={list} className={errors.length > 0 ? styles.list : styles.empty} data-testid="errors" onFocus={focus.entered}>
      <div role="alert" className={styles.group}>
        {alerts.map(bar)}
      </div>
      <div role="status" className={styles.group}>
        {notices.map(bar)}
      </div>
    </div>
  );
}
