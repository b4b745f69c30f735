/**
 * "Tải mẫu biểu trống cho các đơn vị" (.zip) and the product version; in desktop Excel, a note that the
 * pane may save nothing there (no other route gives the templates).
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { memo } from "react";
import type { PaneText } from "../i18n";
import { useStyles } from "./styles";

const useFooterStyles = makeStyles({
  footer: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface FooterProps {
  readonly t: PaneText;
  readonly version: string;
  readonly busy: boolean;
  /** Shown beside the button where a download may save nothing (desktop Excel); null elsewhere. */
  readonly downloadNote: string | null;
  readonly onTemplates: () => void;
}

export const Footer = memo(function Footer({ t, version, busy, downloadNote, onTemplates }: FooterProps) {
  const styles = useStyles();
  const own = useFooterStyles();
  return (
    <footer className={own.footer}>
      <Button onClick={onTemplates} disabledFocusable={busy} data-testid="templates" aria-describedby={downloadNote ? "templates-note" : undefined}>
        {t.templates}
      </Button>
      {downloadNote && (
        <span id="templates-note" className={styles.muted} data-testid="download-note">
          {downloadNote}
        </span>
      )}
      <span className={styles.muted} data-testid="version">
        {version}
      </span>
    </footer>
  );
});
