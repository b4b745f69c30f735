/** "Tổng hợp báo cáo", the VI | EN switch (every label and message of the pane) and the help link. */
import { Link, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang, PaneText } from "../i18n";

/** The user's guide (src/taskpane/help.html), copied next to the pane by the build. */
export const HELP_URL = "help.html";

const useHeaderStyles = makeStyles({
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
  title: {
    margin: 0,
    flexGrow: 1,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  switch: { display: "flex", gap: tokens.spacingHorizontalXXS },
});

export interface HeaderProps {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly onLang: (lang: Lang) => void;
}

export function Header({ t, lang, onLang }: HeaderProps) {
  const styles = useHeaderStyles();
  const choice = (value: Lang, label: string, name: string) => (
    <ToggleButton
      size="small"
      appearance={lang === value ? "primary" : "subtle"}
      checked={lang === value}
      onClick={() => onLang(value)}
      title={name}
      data-testid={`lang-${value}`}
      lang={value}
    >
      {label}
    </ToggleButton>
  );
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>{t.title}</h1>
      <div role="group" aria-label={t.language} className={styles.switch} data-testid="lang-switch">
        {choice("vi", "VI", "Tiếng Việt")}
        {choice("en", "EN", "English")}
      </div>
      <Link href={HELP_URL} target="_blank" rel="noopener">
        {t.help}
      </Link>
    </header>
  );
}
