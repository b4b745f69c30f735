/**
 * Byte-identical packages (WORKBOOKS.md §2.10). exceljs stamps every ZIP entry with the current
 * time and gives data bars random GUIDs, so its output is re-zipped here: same entry order, one
 * pure-JS deflate (fflate, same in Node and the browser), every entry dated `creationTime`.
 */
import { unzipSync, zipSync, type Zippable } from "fflate";

/** Parse an ISO 8601 UTC timestamp `yyyy-MM-ddTHH:mm:ssZ` (seconds optional). */
export function parseCreationTime(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z$/u.exec(iso);
  if (!m) throw new Error(`creationTime must be ISO 8601 UTC (yyyy-MM-ddTHH:mm:ssZ), got "${iso}"`);
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? "0")));
}

/**
 * fflate converts `mtime` with local-time getters, so the Date it is given must have local
 * components equal to the UTC components of the creation time, whatever the machine's time zone.
 */
function dosTimeFor(utc: Date): Date {
  return new Date(
    utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(),
    utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds(),
  );
}

const GUID = /\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}/giu;

/** A GUID derived from the entry name and the GUID's position, in place of a random one. */
function derivedGuid(entry: string, index: number): string {
  // FNV-1a over "entry#index", spread over 128 bits by four seeds.
  const words: string[] = [];
  for (let seed = 0; seed < 4; seed++) {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (const ch of `${entry}#${index}#${seed}`) {
      h ^= ch.codePointAt(0) ?? 0;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    words.push(h.toString(16).toUpperCase().padStart(8, "0"));
  }
  const hex = words.join("");
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Re-zip an exceljs package deterministically: fixed timestamps, fixed compression, GUIDs in
 * worksheets derived from their position. `creationTime` is ISO 8601 UTC.
 */
export function normalisePackage(bytes: Uint8Array, creationTime: string): Uint8Array {
  const mtime = dosTimeFor(parseCreationTime(creationTime));
  const entries = unzipSync(bytes);
  const out: Zippable = {};
  for (const name of Object.keys(entries)) {
    let data = entries[name] ?? new Uint8Array(0);
    if (/^xl\/worksheets\/[^/]+\.xml$/u.test(name)) {
      const xml = decoder.decode(data);
      let index = 0;
      const fixed = xml.replace(GUID, () => derivedGuid(name, index++));
      if (fixed !== xml) data = encoder.encode(fixed);
    }
    out[name] = [data, { level: 6, mtime }];
  }
  return zipSync(out, { level: 6, mtime });
}
