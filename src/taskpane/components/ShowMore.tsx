/** "Xem thêm": long lists draw a page at a time, never a thousand rows at once. */
import { Button } from "@fluentui/react-components";
import { useLayoutEffect, useRef, useState } from "react";

export const PAGE = 50;

/** How many rows to show, and a way to show more; starts again when `resetKey` changes. */
export function usePaged(total: number, resetKey: string, first = PAGE): { readonly shown: number; more(): void } {
  const [state, setState] = useState({ key: resetKey, shown: first });
  const shown = state.key === resetKey ? state.shown : first;
  return {
    shown: Math.min(shown, total),
    more: () => setState({ key: resetKey, shown: shown + PAGE }),
  };
}

export interface ShowMoreProps {
  readonly left: number;
  readonly label: (left: number) => string;
  readonly onMore: () => void;
  readonly testId?: string;
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Where the list shown above the button was when it was pressed: the list element and its item count, or
 * (items drawn as the button's own siblings) the last item.
 */
type Before = { readonly list: Element; readonly count: number } | { readonly last: Element };

/** The first item drawn since `before`, or null. */
function firstNew(before: Before): HTMLElement | null {
  const item = "list" in before ? before.list.children[before.count] : before.last.nextElementSibling;
  return item instanceof HTMLElement ? item : null;
}

/**
 * The button, and once pressed, focus on the first item it showed (its first control, else the item): the
 * button may be gone (nothing left) and focus would fall to the page, and the next Tab would skip the items
 * just shown (WCAG 2.4.3; a review of 2026-12-07).
 */
export function ShowMore({ left, label, onMore, testId }: ShowMoreProps) {
  const button = useRef<HTMLButtonElement | null>(null);
  const pending = useRef<Before | null>(null);
  useLayoutEffect(() => {
    const before = pending.current;
    if (before === null) return;
    pending.current = null;
    const item = firstNew(before);
    if (item === null) return;
    const control = item.matches(FOCUSABLE) ? item : item.querySelector<HTMLElement>(FOCUSABLE);
    if (control) {
      control.focus();
    } else {
      item.tabIndex = -1;
      item.focus();
    }
  });
  if (left <= 0) return null;
  const more = (): void => {
    const previous = button.current?.previousElementSibling ?? null;
    if (previous !== null) pending.current = previous.tagName === "UL" || previous.tagName === "OL" ? { list: previous, count: previous.children.length } : { last: previous };
    onMore();
  };
  return (
    <Button appearance="subtle" size="small" onClick={more} data-testid={testId} ref={button}>
      {label(left)}
    </Button>
  );
}
