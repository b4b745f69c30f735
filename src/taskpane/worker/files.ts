/**
 * The files the worker was sent, kept by id so that their bytes cross from the main thread once
 * (issue 8: no main-thread copy of 100 files' bytes per check). A request names the files it
 * needs; those sent with bytes are kept, those sent without are taken from here.
 */
import type { StoredFile } from "../api";
import type { WireFile } from "./protocol";

export class KeptFiles {
  private readonly bytes = new Map<string, ArrayBuffer>();

  /** The files with their bytes; ids whose bytes are neither sent nor kept go to `missing`. */
  resolve(files: readonly WireFile[], missing: Set<string>): StoredFile[] {
    const out: StoredFile[] = [];
    for (const file of files) {
      if (file.bytes) this.bytes.set(file.id, file.bytes);
      const bytes = this.bytes.get(file.id);
      if (bytes) out.push({ ...file, bytes });
      else missing.add(file.id);
    }
    return out;
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.bytes.delete(id);
  }

  /** A kept file's buffer: never transferred back (that would detach it here). */
  has(buffer: ArrayBuffer): boolean {
    for (const b of this.bytes.values()) if (b === buffer) return true;
    return false;
  }

  get size(): number {
    return this.bytes.size;
  }
}
