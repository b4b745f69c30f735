/**
 * The list of files the user added (TASKPANE.md "Behaviour"): files are known by their input, not
 * their name. The same name with the same bytes changes nothing; the same name with other bytes (a
 * unit's corrected resend) is a new input listed as "name (2).xlsx"; the same bytes under another
 * name are added, and the core flags them V-DUP-02. The open workbook read again replaces its
 * earlier reading (its bytes change as the user edits it).
 */
import { withSuffix } from "../../core/pipeline";
import { nfc } from "../../core/text";
import type { StoredFile } from "../api";

/** A file as it arrives: from the file picker, a drop, or the open workbook. */
export interface IncomingFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
  /** SHA-256 of the bytes (hex), computed by the caller (Pipeline.sha256 or the core's sha256Hex). */
  readonly sha256: string;
  readonly source?: StoredFile["source"];
  readonly received?: string | null;
  /** Over the size limit: `bytes` is empty and this is the file's size (its `sha256` read in chunks). */
  readonly unreadSize?: number;
}

export interface AddOutcome {
  readonly list: readonly StoredFile[];
  /** The files added, in the order they came. */
  readonly added: readonly StoredFile[];
  /** How many incoming files were already in the list (same name, same bytes). */
  readonly unchanged: number;
}

/** The first of "name", "name (2)", "name (3)", … that no file of the list is shown as. */
function freeName(name: string, taken: ReadonlySet<string>): string {
  let shown = name;
  for (let n = 2; taken.has(shown); n++) shown = withSuffix(name, n);
  return shown;
}

export function addToList(list: readonly StoredFile[], incoming: readonly IncomingFile[], newId: () => string): AddOutcome {
  const result = [...list];
  const added: StoredFile[] = [];
  let unchanged = 0;
  for (const file of incoming) {
    const name = nfc(file.name);
    if (result.some((f) => f.originalName === name && f.sha256 === file.sha256)) {
      unchanged++;
      continue;
    }
    const source = file.source ?? "file";
    // The open workbook read again is its current state: it replaces the earlier reading.
    const earlier = source === "workbook" ? result.findIndex((f) => f.source === "workbook" && f.originalName === name) : -1;
    if (earlier >= 0) result.splice(earlier, 1);
    const stored: StoredFile = {
      id: newId(),
      name: freeName(name, new Set(result.map((f) => f.name))),
      originalName: name,
      size: file.unreadSize ?? file.bytes.byteLength,
      sha256: file.sha256,
      source,
      received: file.received ?? null,
      bytes: file.bytes,
      ...(file.unreadSize !== undefined ? { unread: true as const } : {}),
    };
    result.push(stored);
    added.push(stored);
  }
  return { list: result, added, unchanged };
}

/** The list without the file of this id (the × on its row). */
export function removeFromList(list: readonly StoredFile[], id: string): StoredFile[] {
  return list.filter((f) => f.id !== id);
}

/** The list with a received date typed for one file (yyyy-MM-dd, or null to clear it). */
export function setReceived(list: readonly StoredFile[], id: string, received: string | null): StoredFile[] {
  return list.map((f) => (f.id === id ? { ...f, received } : f));
}
