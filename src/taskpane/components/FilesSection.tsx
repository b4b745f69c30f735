/**
 * Tệp báo cáo của đơn vị: the drop zone, "Đọc từ sổ làm việc đang mở" (in Excel only), the list with ×
 * on each row, "Xóa danh sách" and the progress bar ("Đang đọc 37/52 tệp…").
 */
import { Button, Field, ProgressBar, mergeClasses } from "@fluentui/react-components";
import { memo } from "react";
import type { InputView, PaneFile, WorkProgress } from "../api";
import type { PaneText } from "../i18n";
import { DropZone } from "./DropZone";
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
  return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} KB`;
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

export const FilesSection = memo(function FilesSection(props: FilesSectionProps) {
  const { t, files, inputs, inExcel, adding, readingWorkbook, checking, progress } = props;
  const styles = useStyles();
  // Ten first: the status list below says the rest unit by unit.
  const paged = usePaged(files.length, "files", 10);
  return (
    <Section id="files" title={t.files}>
      <DropZone label={t.dropZone} disabled={adding} onFiles={props.onAdd} />
      {inExcel && (
        <Button onClick={props.onReadWorkbook} disabled={readingWorkbook} data-testid="read-workbook">
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
            <Button appearance="subtle" size="small" onClick={props.onClear} data-testid="clear-list">
              {t.clearList}
            </Button>
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
                      onClick={() => props.onRemove(file.id)}
                      data-testid="file-remove"
                      icon={<span aria-hidden="true">×</span>}
                    />
                  </div>
                  {input && (
                    <span className={styles.muted}>
                      {[input.unit, t.inputStatus[input.status], input.errors + input.warnings > 0 ? t.errorsWarnings(input.errors, input.warnings) : null]
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
