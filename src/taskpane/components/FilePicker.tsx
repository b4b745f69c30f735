/** A button that opens a hidden file input: the keyboard reaches the button, tests set the input. */
import { Button, type ButtonProps } from "@fluentui/react-components";
import { useRef, type Ref } from "react";
import { useStyles } from "./styles";

export interface FilePickerProps {
  readonly label: string;
  readonly multiple?: boolean;
  readonly accept?: string;
  readonly disabled?: boolean;
  readonly appearance?: ButtonProps["appearance"];
  readonly testId: string;
  readonly onFiles: (files: readonly File[]) => void;
  /** The button, for a caller that moves the focus to it (after what it chose is taken away). */
  readonly buttonRef?: Ref<HTMLButtonElement>;
}

export function FilePicker({ label, multiple = false, accept, disabled, appearance = "secondary", testId, onFiles, buttonRef }: FilePickerProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button ref={buttonRef} appearance={appearance} disabledFocusable={disabled} onClick={() => input.current?.click()} data-testid={`${testId}-button`}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        className={styles.hidden}
        multiple={multiple}
        accept={accept}
        tabIndex={-1}
        aria-label={label}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          // Cleared so that choosing the same file again is seen again.
          e.currentTarget.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
