/**
 * Tệp báo cáo của đơn vị: the drop zone, "Đọc từ sổ làm việc đang mở" (in Excel only), the list with ×
 * on each row, "Xóa danh sách" and the progress bar ("Đang đọc 37/52 tệp…"). Once × has taken a file
 * away, the focus goes to the next file's ×, else the previous one's, else the drop zone; after
 * "Xóa danh sách", to the drop zone. "Xóa danh sách" asks first (a list of a hundred files is a morning's
 * gathering, and one click took it all, with the received dates typed beside it); "Hủy" or Esc keeps it.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, ProgressBar, mergeClasses } from "@fluentui/react-components";
import { memo, useEffect, useRef, useState } from "react";
import type { InputView, PaneFile, WorkProgress } from "../api";
import type { PaneText } from "../i18n";
import { DropZone } from "./DropZone";
import { shownCode } from "./FindingsSection";
import { Section } from "./Section";
import { ShowMore, usePaged } from "./ShowMore";
import { useStyles } from "./styles";

export interface FilesSectionProps {
  readonly t: PaneText;
  readonly files: readonly PaneFile[];
  /** The last check's view of each file, by file id. */
  readonly inputs: ReadonlyMap<string, InputView>;
  readonly inExcel: boolean;
  readonly adding: boolean;
  readonly readingWorkbook: boolean;
  readonly checking: boolean;
  readonly progress: WorkProgress | null;
  readonly onAdd: (files: readonly File[]) => void;
  readonly onReadWorkbook: () => void;
  readonly onRemove: (id: string) => void;
  readonly onClear: () => void;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  // A file over the limit is shown in MB (it was "292969 KB").
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Math.round(bytes / (1024 * 1024))} MB`;
}

function Progress({ t, progress, checking }: { readonly t: PaneText; readonly progress: WorkProgress | null; readonly checking: boolean }) {
  if (!progress && !checking) return null;
  const text = progress ? t.progress(progress) : t.checking;
  const value = progress && progress.total > 0 ? progress.done / progress.total : undefined;
  return (
    <Field validationMessage={text} validationState="none" data-testid="progress">
      <ProgressBar value={value} aria-label={text} thickness="large" />
    </Field>
  );
}

/** "Xóa danh sách" and its confirmation (an alert dialog: Esc or "Hủy" closes it, the focus back on the button). */
function ClearList({ t, count, onClear }: { readonly t: PaneText; readonly count: number; readonly onClear: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog modalType="alert" open={open} onOpenChange={(_event, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="subtle" size="small" data-testid="clear-list">
          {t.clearList}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.clearConfirm.title(count)}</DialogTitle>
          <DialogContent>{t.clearConfirm.body}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" data-testid="clear-list-cancel">
                {t.clearConfirm.no}
              </Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              data-testid="clear-list-confirm"
              onClick={() => {
                setOpen(false);
                onClear();
              }}
            >
              {t.clearConfirm.yes}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * The item whose button takes the focus once `id` has gone: the next in the list, else the previous; null:
 * none left (the files' ×, the earlier period's files' ×, the messages' "Đóng").
 */
export function focusAfterRemoving<K>(items: ReadonlyArray<{ readonly id: K }>, id: K): K | null {
  const at = items.findIndex((item) => item.id === id);
  if (at < 0) return null;
  return (items[at + 1] ?? items[at - 1])?.id ?? null;
}

export const FilesSection = memo(function FilesSection(props: FilesSectionProps) {
  const { t, files, inputs, inExcel, adding, readingWorkbook, checking, progress, onRemove, onClear } = props;
  const styles = useStyles();
  // Ten first: the status list below says the rest unit by unit.
  const paged = usePaged(files.length, "files", 10);
  const dropZone = useRef<HTMLButtonElement>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  // Where the focus goes once the list has changed: a file's × (its id) or the drop zone (null).
  const focusNext = useRef<{ readonly id: string | null } | null>(null);
  useEffect(() => {
    const pending = focusNext.current;
    if (!pending) return;
    focusNext.current = null;
    const target = (pending.id === null ? undefined : removeButtons.current.get(pending.id)) ?? dropZone.current;
    target?.focus();
  }, [files]);
  const remove = (id: string) => {
    focusNext.current = { id: focusAfterRemoving(files, id) };
    onRemove(id);
  };
  const clear = () => {
    focusNext.current = { id: null };
    onClear();
  };
  return (
    <Section id="files" title={t.files}>
      <DropZone label={t.dropZone} disabled={adding} onFiles={props.onAdd} buttonRef={dropZone} />
      {inExcel && (
        <Button onClick={props.onReadWorkbook} disabledFocusable={readingWorkbook} data-testid="read-workbook">
          {t.readWorkbook}
        </Button>
      )}
      <Progress t={t} progress={progress} checking={checking} />
      {files.length > 0 && (
        <>
          <div className={styles.itemLine}>
            <span className={styles.name} data-testid="file-count">
              {t.fileCount(files.length)}
            </span>
            <ClearList t={t} count={files.length} onClear={clear} />
          </div>
          <ul className={styles.list} aria-label={t.files}>
            {files.slice(0, paged.shown).map((file) => {
              const input = inputs.get(file.id);
              return (
                <li key={file.id} className={styles.item} data-testid="file-row" data-file={file.name}>
                  <div className={styles.itemLine}>
                    <span className={styles.name}>
                      {file.name}
                      {file.source === "workbook" && <span className={styles.muted}> ({t.fromWorkbook})</span>}
                    </span>
                    <span className={mergeClasses(styles.muted, styles.nowrap)}>{sizeText(file.size)}</span>
                    <Button
                      appearance="subtle"
                      size="small"
                      aria-label={t.remove(file.name)}
                      title={t.remove(file.name)}
                      onClick={() => remove(file.id)}
                      data-testid="file-remove"
                      ref={(button: HTMLButtonElement | null) => {
                        if (button) removeButtons.current.set(file.id, button);
                        else removeButtons.current.delete(file.id);
                      }}
                      icon={<span aria-hidden="true">×</span>}
                    />
                  </div>
                  {input && (
                    <span className={styles.muted}>
                      {[input.unit === null ? null : shownCode(input.unit), t.inputStatus[input.status], input.errors + input.warnings > 0 ? t.errorsWarnings(input.errors, input.warnings) : null]
                        .filter((part) => part)
                        .join(" · ")}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <ShowMore left={files.length - paged.shown} label={t.showMore} onMore={paged.more} />
        </>
      )}
    </Section>
  );
});
