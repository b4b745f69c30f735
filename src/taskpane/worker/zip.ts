/** One .zip of several files, byte-identical from run to run: fixed entry order and entry times. */
import { zipSync, type Zippable } from "fflate";

/**
 * fflate writes DOS times from local-time getters: a Date built from local components gives the
 * same entry time whatever the machine's time zone. `iso` is `yyyy-MM-ddTHH:mm:ssZ` or a date.
 */
function entryTime(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/u.exec(iso);
  if (!m) throw new Error(`not an ISO time: ${iso}`);
  const n = (i: number): number => Number(m[i] ?? "0");
  return new Date(n(1), n(2) - 1, n(3), n(4), n(5), n(6));
}

export function zipFiles(files: readonly { readonly name: string; readonly bytes: Uint8Array }[], time: string): ArrayBuffer {
  const mtime = entryTime(time);
  const entries: Zippable = {};
  for (const f of files) entries[f.name] = [f.bytes, { mtime }];
  const zipped = zipSync(entries, { level: 6, mtime });
  return exactBuffer(zipped);
}

/** The bytes as an ArrayBuffer of exactly their length (a view may share a larger buffer). */
export function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer;
}
