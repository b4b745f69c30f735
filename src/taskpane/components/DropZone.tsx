/** "Kéo thả tệp vào đây hoặc Chọn tệp…": a drop target that is also a button opening the file chooser. */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState, type DragEvent, type Ref } from "react";
import { useStyles } from "./styles";

const useDropStyles = makeStyles({
  zone: {
    width: "100%",
    minHeight: "72px",
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
  },
  /** Busy (files being read): it keeps the keyboard's focus (a disabled button drops it to the page), and takes nothing. */
  busy: { cursor: "default", color: tokens.colorNeutralForegroundDisabled, ":hover": { backgroundColor: tokens.colorNeutralBackground1 } },
  over: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
});

export interface DropZoneProps {
  readonly label: string;
  readonly disabled?: boolean;
  readonly onFiles: (files: readonly File[]) => void;
  /** The zone's button, for moving the focus to it. */
  readonly buttonRef?: Ref<HTMLButtonElement>;
}

/**
 * Files dropped beside the zone (it is 72 px of a 350 px pane): the browser's own answer is to open the file
 * in the pane, which leaves it, or to download it. The drop is refused there (the pointer shows it); the
 * zone, which takes the drop first, is not concerned. Returns the listeners' removal.
 */
export function refuseDropsBeside(target: Window): () => void {
  const refuse = (e: globalThis.DragEvent): void => {
    if (e.defaultPrevented || !e.dataTransfer || !Array.from(e.dataTransfer.types).includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "none";
  };
  target.addEventListener("dragover", refuse);
  target.addEventListener("drop", refuse);
  return () => {
    target.removeEventListener("dragover", refuse);
    target.removeEventListener("drop", refuse);
  };
}

export function DropZone({ label, disabled, onFiles, buttonRef }: DropZoneProps) {
  const styles = useStyles();
  const own = useDropStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
  useEffect(() => refuseDropsBeside(window), []);
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={mergeClasses(own.zone, over && own.over, disabled && own.busy)}
        aria-disabled={disabled === true ? true : undefined}
        data-testid="drop-zone"
        onClick={() => {
          if (!disabled) input.current?.click();
        }}
        onDragOver={(e) => {
          // Busy: not taken here, so the page refuses it (refuseDropsBeside).
          if (disabled || !hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (disabled) return;
          const files = Array.from(e.dataTransfer.files);
          if (files.length > 0) onFiles(files);
        }}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        className={styles.hidden}
        tabIndex={-1}
        aria-label={label}
        data-testid="file-input"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
