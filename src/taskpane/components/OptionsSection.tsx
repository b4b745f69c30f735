/**
 * Tùy chọn, collapsed by default: receipt log, received date per file, earlier-period files, deadline,
 * "Chấp nhận cả báo cáo có lỗi", signer names and signing date. They mean what the CLI options mean.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Checkbox, Field, Input } from "@fluentui/react-components";
import { memo, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { formatDateVi } from "../../core/dates";
import type { Localised } from "../../core/text";
import type { PaneFile, PaneSettings } from "../api";
import type { SettableOptions } from "../state/reducer";
import type { Lang, PaneText } from "../i18n";
import { onPaneClosing } from "../state/closing";
import { FilePicker } from "./FilePicker";
import { focusAfterRemoving } from "./FilesSection";
import { ShowMore, usePaged } from "./ShowMore";
import { useStyles } from "./styles";

export interface OptionsSectionProps {
  readonly t: PaneText;
  readonly lang: Lang;
  readonly options: Omit<PaneSettings, "deadline">;
  readonly files: readonly PaneFile[];
  readonly history: readonly PaneFile[];
  readonly historyNotUsed: readonly { readonly file: string; readonly reason: Localised }[];
  /** What the receipt log says of the files (rows naming none, two dates for one file). */
  readonly receiptNotes: readonly Localised[];
  /** The deadline in force (yyyy-MM-dd), shown as the placeholder of the deadline field. */
  readonly deadline: string;
  /** The deadline typed for the period shown (yyyy-MM-dd), null when none was typed for it. */
  readonly typedDeadline: string | null;
  readonly onOptions: (options: Partial<SettableOptions>) => void;
  /** A deadline typed for the period shown (null: cleared). */
  readonly onDeadline: (date: string | null) => void;
  readonly onReceipts: (file: File | null) => void;
  readonly onReceived: (id: string, date: string | null) => void;
  readonly onAddHistory: (files: readonly File[]) => void;
  readonly onRemoveHistory: (id: string) => void;
}

/** A pause in typing after which a name is taken as typed (a check runs; the pane keeps it). */
const TYPING_PAUSE_MS = 1000;

/**
 * A text field that reports its value when the user leaves it, presses Enter, pauses typing, or closes
 * the pane: a name typed and the pane closed without leaving the field was lost (a review of 2026-12-07).
 * Not on every key: each report checks the files again.
 */
function CommitInput({ label, value, testId, onCommit }: { readonly label: string; readonly value: string; readonly testId: string; readonly onCommit: (v: string) => void }) {
  const styles = useStyles();
  const [draft, setDraft] = useState<{ readonly from: string; readonly text: string } | null>(null);
  const text = draft && draft.from === value ? draft.text : value;
  const latest = useRef({ text, value, onCommit });
  latest.current = { text, value, onCommit };
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
    setDraft(null);
  };
  // Taken while the field keeps what was typed (a trailing space stays until the field is left).
  useEffect(() => {
    if (!draft || draft.from !== value || draft.text.trim() === value) return;
    const timer = setTimeout(() => {
      const trimmed = draft.text.trim();
      setDraft({ from: trimmed, text: draft.text });
      latest.current.onCommit(trimmed);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);
  // The pane closing: reported and drawn at once, so the pane's last save has it.
  useEffect(
    () =>
      onPaneClosing(() => {
        const { text: now, value: was, onCommit: report } = latest.current;
        if (now.trim() !== was) flushSync(() => report(now.trim()));
      }),
    [],
  );
  return (
    <Field label={label}>
      <Input
        className={styles.field}
        input={{ className: styles.fieldInput }}
        value={text}
        data-testid={testId}
        onChange={(_, d) => setDraft({ from: value, text: d.value })}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
    </Field>
  );
}

function DateInput({ label, value, testId, onDate }: { readonly label: string; readonly value: string; readonly testId: string; readonly onDate: (d: string | null) => void }) {
  const styles = useStyles();
  return (
    <Field label={label}>
      <Input type="date" className={styles.field} input={{ className: styles.fieldInput }} value={value} data-testid={testId} onChange={(_, d) => onDate(d.value === "" ? null : d.value)} />
    </Field>
  );
}

function ReceivedDates({ t, files, onReceived }: Pick<OptionsSectionProps, "t" | "files" | "onReceived">) {
  const styles = useStyles();
  const paged = usePaged(files.length, "received", 20);
  if (files.length === 0) return null;
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.subheading}>{t.receivedDates}</legend>
      {files.slice(0, paged.shown).map((f) => (
        <DateInput key={f.id} label={t.receivedDateOf(f.name)} value={f.received ?? ""} testId="received-date" onDate={(d) => onReceived(f.id, d)} />
      ))}
      <ShowMore left={files.length - paged.shown} label={t.showMore} onMore={paged.more} />
    </fieldset>
  );
}

/**
 * An earlier period's file taken away by its ×: the focus goes to the next file's ×, else the previous
 * one's, else "Chọn tệp kỳ trước…", as in the list of the period's files (it was left on nothing).
 */
function History(props: Pick<OptionsSectionProps, "t" | "lang" | "history" | "historyNotUsed" | "onAddHistory" | "onRemoveHistory">) {
  const { t, lang, history, historyNotUsed } = props;
  const styles = useStyles();
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  const chooser = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<{ readonly id: string | null } | null>(null);
  useEffect(() => {
    const pending = focusNext.current;
    if (!pending) return;
    focusNext.current = null;
    ((pending.id === null ? undefined : removeButtons.current.get(pending.id)) ?? chooser.current)?.focus();
  }, [history]);
  const remove = (id: string): void => {
    focusNext.current = { id: focusAfterRemoving(history, id) };
    props.onRemoveHistory(id);
  };
  return (
    <div className={styles.list}>
      <h3 className={styles.subheading}>{t.history}</h3>
      <ul className={styles.list} aria-label={t.history}>
        {history.map((f) => (
          <li key={f.id} className={styles.itemLine} data-testid="history-row">
            <span className={styles.name}>{f.name}</span>
            <Button
              ref={(button: HTMLButtonElement | null) => {
                if (button) removeButtons.current.set(f.id, button);
                else removeButtons.current.delete(f.id);
              }}
              appearance="subtle"
              size="small"
              aria-label={t.remove(f.name)}
              title={t.remove(f.name)}
              onClick={() => remove(f.id)}
              icon={<span aria-hidden="true">×</span>}
            />
          </li>
        ))}
      </ul>
      {historyNotUsed.length > 0 && (
        <>
          <div className={styles.muted}>{t.historyNotUsed}</div>
          <ul className={styles.list}>
            {historyNotUsed.map((h) => (
              <li key={h.file} className={styles.muted}>
                {h.file}: {h.reason[lang]}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className={styles.actions}>
        <FilePicker label={t.historyChoose} multiple testId="history" onFiles={props.onAddHistory} buttonRef={chooser} />
      </div>
    </div>
  );
}

/**
 * The options in use that change what the check and the report say, in words: shown under the collapsed
 * header, since the pane keeps them when it closes and a session reopened (by another officer, perhaps)
 * would otherwise accept submissions with errors with nothing on screen saying so (a review, 2026-12-07).
 */
export function optionsInUse(t: PaneText, props: Pick<OptionsSectionProps, "options" | "files" | "history" | "typedDeadline">): string[] {
  const parts: string[] = [];
  if (props.options.acceptWithErrors) parts.push(t.inUseAcceptWithErrors);
  if (props.options.receipts) parts.push(t.inUseReceipts(props.options.receipts.name));
  const typed = props.files.filter((f) => f.received !== null).length;
  if (typed > 0) parts.push(t.inUseReceived(typed));
  if (props.typedDeadline) parts.push(t.inUseDeadline(formatDateVi(props.typedDeadline)));
  if (props.history.length > 0) parts.push(t.inUseHistory(props.history.length));
  // Kept too, and printed on the report: a name or date of another period's report is seen before it is signed.
  if (props.options.preparerName) parts.push(t.inUsePreparer(props.options.preparerName));
  if (props.options.headName) parts.push(t.inUseHead(props.options.headName));
  if (props.options.signDate) parts.push(t.inUseSignDate(formatDateVi(props.options.signDate)));
  return parts;
}

export const OptionsSection = memo(function OptionsSection(props: OptionsSectionProps) {
  const { t, options, onOptions } = props;
  const styles = useStyles();
  const inUse = optionsInUse(t, props);
  // "Bỏ sổ nhận" goes with the log: the focus moves to "Chọn sổ nhận…" (it was left on nothing).
  const receiptsChooser = useRef<HTMLButtonElement>(null);
  const receiptsRemoved = useRef(false);
  useEffect(() => {
    if (!receiptsRemoved.current || options.receipts) return;
    receiptsRemoved.current = false;
    receiptsChooser.current?.focus();
  }, [options.receipts]);
  return (
    <Accordion collapsible data-testid="section-options">
      <AccordionItem value="options">
        <AccordionHeader as="h2" data-testid="options-toggle">
          {t.options}
        </AccordionHeader>
        {inUse.length > 0 && (
          <div className={styles.muted} data-testid="options-in-use">
            {t.inUse(inUse)}
          </div>
        )}
        <AccordionPanel>
          <div className={styles.options}>
            <h3 className={styles.subheading}>{t.receipts}</h3>
            <div className={styles.itemLine}>
              <span className={styles.name}>{options.receipts?.name ?? t.none}</span>
              {options.receipts && (
                <Button
                  appearance="subtle"
                  size="small"
                  onClick={() => {
                    receiptsRemoved.current = true;
                    props.onReceipts(null);
                  }}
                >
                  {t.receiptsRemove}
                </Button>
              )}
            </div>
            {props.receiptNotes.length > 0 && (
              <ul className={styles.list} data-testid="receipt-notes">
                {props.receiptNotes.map((note) => (
                  <li key={note.en} className={styles.muted}>
                    {note[props.lang]}
                  </li>
                ))}
              </ul>
            )}
            <div className={styles.actions}>
              <FilePicker label={t.receiptsChoose} accept=".csv,text/csv" testId="receipts" onFiles={(files) => props.onReceipts(files[0] ?? null)} buttonRef={receiptsChooser} />
            </div>
            <ReceivedDates t={t} files={props.files} onReceived={props.onReceived} />
            <History {...props} />
            <Field label={t.deadline} hint={t.deadlineHint}>
              <Input
                type="date"
                className={styles.field}
                input={{ className: styles.fieldInput }}
                value={props.typedDeadline ?? ""}
                placeholder={props.deadline}
                data-testid="option-deadline"
                onChange={(_, d) => props.onDeadline(d.value === "" ? null : d.value)}
              />
            </Field>
            <Checkbox
              label={t.acceptWithErrors}
              checked={options.acceptWithErrors}
              data-testid="option-accept-with-errors"
              onChange={(_, d) => onOptions({ acceptWithErrors: d.checked === true })}
            />
            <CommitInput label={t.preparerName} value={options.preparerName} testId="option-preparer" onCommit={(v) => onOptions({ preparerName: v })} />
            <CommitInput label={t.headName} value={options.headName} testId="option-head" onCommit={(v) => onOptions({ headName: v })} />
            <DateInput label={t.signDate} value={options.signDate} testId="option-sign-date" onDate={(d) => onOptions({ signDate: d ?? "" })} />
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
});
