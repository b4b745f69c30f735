/** "Xem thêm": long lists draw a page at a time, never a thousand rows at once. */
import { Button } from "@fluentui/react-components";
import { useState } from "react";

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

export function ShowMore({ left, label, onMore, testId }: ShowMoreProps) {
  if (left <= 0) return null;
  return (
    <Button appearance="subtle" size="small" onClick={onMore} data-testid={testId}>
      {label(left)}
    </Button>
  );
}
