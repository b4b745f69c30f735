/**
 * A package as exceljs may be given it: rebuilt from its entries, each inflated no further than its
 * declared size and checked against it and its CRC-32. The reader inflates only the parts it needs, so a
 * part it never opened may lie about its size; exceljs (JSZip) would inflate such a part whole.
 */
import { Inflate, zipSync } from "fflate";
import { BYTES_PER_MB, DEFAULT_LIMITS } from "./limits";
import { crc32, entryRaw, readCentralDirectory } from "./package";

/** Compressed bytes pushed at a time: inflating stops within one slice of output past the declared size. */
const SLICE = 16 * 1024;

/** One entry's data, inflated in slices and given up as soon as it outgrows its declared size. */
function inflateDeclared(raw: Uint8Array, declared: number): Uint8Array | null {
  const out = new Uint8Array(declared);
  let length = 0;
  let lying = false;
  const inflater = new Inflate((chunk) => {
    if (lying || length + chunk.length > declared) {
      lying = true;
      return;
    }
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    for (let at = 0; at < raw.length && !lying; at += SLICE) inflater.push(raw.subarray(at, at + SLICE), at + SLICE >= raw.length);
  } catch {
    return null;
  }
  return lying || length !== declared ? null : out;
}

/**
 * The package rebuilt from its entries, each inflated no further than its declared size and checked
 * against it and its CRC-32; null when one lies or all together declare more than `maxExpandedBytes`.
 */
export function verifiedPackage(bytes: Uint8Array, maxExpandedBytes = DEFAULT_LIMITS.maxExpandedMB * BYTES_PER_MB): Uint8Array | null {
  const entries = readCentralDirectory(bytes);
  if (!entries || entries.reduce((sum, e) => sum + e.uncompressed, 0) > maxExpandedBytes) return null;
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) {
    const raw = entryRaw(bytes, e);
    if (!raw || (e.method !== 0 && e.method !== 8)) return null;
    const data = e.method === 0 ? raw : inflateDeclared(raw, e.uncompressed);
    if (!data || data.length !== e.uncompressed || crc32(data) !== e.crc) return null;
    files[e.name] = data;
  }
  return zipSync(files, { level: 0 });
}

