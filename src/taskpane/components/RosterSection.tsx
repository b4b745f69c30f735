/**
 * Danh sách đơn vị: the built-in roster ("Mặc định (47 đơn vị)") or a loaded CSV/XLSX roster; its errors
 * (nothing is consolidated until they are fixed) and the Decree 28/2025 warning.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { memo, useRef } from "react";
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

/**
 * A warning's lead word ("Lưu ý:", "Note:") as its MessageBar's title: the bar is a group named by its
 * title, and without one its `aria-labelledby` named nothing (a review of 2026-12-07).
 */
function Titled({ text }: { readonly text: string }) {
  const m = /^([^:]{1,12}):\s*/u.exec(text);
  if (!m) return <>{text}</>;
  return (
    <>
      <MessageBarTitle>{m[1]}</MessageBarTitle> {text.slice(m[0].length)}
    </>
  );
}

export const RosterSection = memo(function RosterSection({ t, lang, label, loaded, errors, warning, onLoad }: RosterSectionProps) {
  const styles = useStyles();
  const actions = useRef<HTMLDivElement | null>(null);
  // "Dùng danh sách mặc định" goes away once pressed: the focus goes to "Chọn tệp danh sách…", not to the page.
  const useDefault = (): void => {
    actions.current?.querySelector<HTMLElement>("button")?.focus();
    onLoad(null);
  };
  return (
    <Section id="roster" title={t.roster}>
      <div data-testid="roster-label">{label}</div>
      {warning && (
        <MessageBar intent="warning" layout="multiline" data-testid="roster-warning">
          <MessageBarBody>
            <Titled text={warning[lang]} />
          </MessageBarBody>
        </MessageBar>
      )}
      {errors.length > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="roster-errors">
          <MessageBarBody>
            <MessageBarTitle>{t.rosterErrorsTitle(errors.length)}</MessageBarTitle>
            <ul className={styles.list}>
              {errors.map((e, i) => (
                <li key={i}>{e[lang]}</li>
              ))}
            </ul>
            {t.rosterErrorsFix}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions} ref={actions}>
        <FilePicker label={t.rosterLoad} accept=".csv,.xlsx" testId="roster" onFiles={(files) => onLoad(files[0] ?? null)} />
        {loaded && (
          <Button appearance="subtle" onClick={useDefault} data-testid="roster-default">
            {t.rosterDefault}
          </Button>
        )}
      </div>
    </Section>
  );
});
