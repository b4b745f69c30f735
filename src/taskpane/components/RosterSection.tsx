/**
 * Danh sách đơn vị: the built-in roster ("Mặc định (47 đơn vị)") or a loaded CSV/XLSX roster; its errors
 * (nothing is consolidated until they are fixed) and the Decree 28/2025 warning.
 */
import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { memo } from "react";
import type { Localised } from "../../core/text";
import type { Lang, PaneText } from "../i18n";
import { FilePicker } from "./FilePicker";
import { Section } from "./Section";
import { useStyles } from "./styles";

export interface RosterSectionProps {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly label: string;
  readonly loaded: boolean;
  readonly errors: readonly Localised[];
  readonly warning: Localised | null;
  readonly onLoad: (file: File | null) => void;
}

export const RosterSection = memo(function RosterSection({ t, lang, label, loaded, errors, warning, onLoad }: RosterSectionProps) {
  const styles = useStyles();
  return (
    <Section id="roster" title={t.roster}>
      <div data-testid="roster-label">{label}</div>
      {warning && (
        <MessageBar intent="warning" layout="multiline" data-testid="roster-warning">
          <MessageBarBody>{warning[lang]}</MessageBarBody>
        </MessageBar>
      )}
      {errors.length > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="roster-errors">
          <MessageBarBody>
            <ul className={styles.list}>
              {errors.map((e, i) => (
                <li key={i}>{e[lang]}</li>
              ))}
            </ul>
            {t.rosterErrorsFix}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <FilePicker label={t.rosterLoad} accept=".csv,.xlsx" testId="roster" onFiles={(files) => onLoad(files[0] ?? null)} />
        {loaded && (
          <Button appearance="subtle" onClick={() => onLoad(null)} data-testid="roster-default">
            {t.rosterDefault}
          </Button>
        )}
      </div>
    </Section>
  );
});
