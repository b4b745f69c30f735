/** A titled part of the pane, in the order of the work (TASKPANE.md "Layout"). */
import type { ReactNode } from "react";
import { useStyles } from "./styles";

export interface SectionProps {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
}

export function Section({ id, title, children }: SectionProps) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <h2 id={`${id}-title`} className={styles.heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}
