/** "Tải mẫu biểu trống cho các đơn vị" (.zip) and the product version. */
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
  readonly onTemplates: () => void;
}

export const Footer = memo(function Footer({ t, version, busy, onTemplates }: FooterProps) {
  const styles = useStyles();
  const own = useFooterStyles();
  return (
    <footer className={own.footer}>
      <Button onClick={onTemplates} disabled={busy} data-testid="templates">
        {t.templates}
      </Button>
      <span className={styles.muted} data-testid="version">
        {version}
      </span>
    </footer>
  );
});
