/**
 * One input file read by this thread with Node's own byte work: the file from disk, SHA-256 by
 * `node:crypto`, parts inflated by `node:zlib` (the same bytes and digest as the core's pure-JS ones,
 * which the pane uses); the reader still checks every part's declared size and CRC. Used by the read
 * pool's workers and by the main thread when it reads beside them.
 */
import { isAscii, isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { crc32, inflateRawSync } from "node:zlib";
import type { ByteHost } from "../../core/read/parts";
import type { ReadOptions } from "../../core/read/reader";
import { readSubmission, tooLargeInput, unreadableInput } from "../../core/read/reader";
import { BYTES_PER_MB, ReadBudget } from "../../core/read/limits";
import { fileSha256 } from "../inputs";
import type { ReadOutcome } from "../../core/read/submission";

/** The largest output buffer made at once (the reader inflates parts of up to 4 MiB whole). */
const MAX_CHUNK = 4 * 1024 * 1024 + 1;

/** Never more than the part says it holds: a part that lies about its size fails here, not after. */
export function nodeInflateRaw(compressed: Uint8Array, expandedSize: number): Uint8Array {
  // One output buffer of the part's size (and a byte more, so a full one needs no next), not zlib's 16 KiB
  // chunks joined: the bench corpus's 17,982 parts inflated in 310 ms rather than 330 (570 → 340 cold).
  // At least 4 KiB: a smaller buffer would come from Node's shared pool, a view onto other allocations.
  const chunkSize = Math.min(Math.max(expandedSize + 1, 4096), MAX_CHUNK);
  const out = inflateRawSync(compressed, { maxOutputLength: Math.max(expandedSize, 1), chunkSize });
  // A view of zlib's buffer, not a copy of it.
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Valid UTF-8 as text by Node's own decoders, checked first (invalid bytes are TextDecoder's to refuse);
 * ASCII, most of a sheet's XML, copied a byte a character.
 */
export function nodeDecodeUtf8(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(bytes)) return buffer.toString("latin1");
  return isUtf8(bytes) ? buffer.toString("utf8") : null;
}

/** Node's own byte work for the reader: inflating, the CRC every part is checked against, UTF-8 decoding. */
export const NODE_BYTES: ByteHost = { inflateRaw: nodeInflateRaw, crc32, decodeUtf8: nodeDecodeUtf8 };

export async function readHere(full: string, file: string, options: ReadOptions): Promise<ReadOutcome> {
  let read: { readonly data: Buffer | null; readonly size: number };
  try {
    read = readWithin(full, new ReadBudget(options).limits.maxFileSizeMB * BYTES_PER_MB);
  } catch (err) {
    // Gone or unreadable since it was listed: a finding on this file, not the end of the run.
    return notReadFromDisk(file, err);
  }
  if (read.data === null) {
    // Too large to read: listed by its size, its SHA-256 streamed from the disk (never held whole).
    try {
      return tooLargeInput(file, read.size, options, await fileSha256(full));
    } catch (err) {
      return notReadFromDisk(file, err);
    }
  }
  const bytes = new Uint8Array(read.data.buffer, read.data.byteOffset, read.data.byteLength);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return readSubmission(bytes, file, { ...options, sha256, ...NODE_BYTES });
}

/**
 * The file's bytes, its size checked first on the open file (null bytes when over `maxBytes`). Read at
 * once: a submission is small and was just listed, and an asynchronous read is four round trips through
 * libuv's threads during which this thread waits (~0.7 ms a file). The size is asked here rather than of
 * every file before any is read: that pass held the first read back ~0.1 s for 1,000 files (more on a
 * network share), and the read asks the system for it anyway.
 */
function readWithin(full: string, maxBytes: number): { readonly data: Buffer | null; readonly size: number } {
  const fd = openSync(full, "r");
  try {
    const size = fstatSync(fd).size;
    return { data: size > maxBytes ? null : readFileSync(fd), size };
  } finally {
    closeSync(fd);
  }
}

function notReadFromDisk(file: string, err: unknown): ReadOutcome {
  const code = err instanceof Error && "code" in err ? String(err.code) : "?";
  return unreadableInput(file, { vi: `không đọc được tệp từ đĩa (${code})`, en: `the file could not be read from disk (${code})` });
}
