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
export function dosTimeFor(utc: Date): Date {
  return new Date(
    utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(),
    utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds(),
  );
}

const GUID_TEXT = "\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}";
/**
 * Only the GUIDs exceljs makes up: a data bar's `<x14:id>` and the matching `x14:cfRule id`.
 * Extension `uri` GUIDs are fixed names of Office's extensions and must stay as they are.
 */
const GENERATED_GUID = new RegExp(`(<x14:id>)(${GUID_TEXT})(</x14:id>)|(<x14:cfRule\\b[^>]*\\bid=")(${GUID_TEXT})(")`, "gu");

/** A GUID derived from the entry name and the GUID's position, in place of a random one. */
export function derivedGuid(entry: string, index: number): string {
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
 * worksheets derived from their position. `creationTime` is ISO 8601 UTC. `rewrite` edits named parts'
 * XML on the way.
 */
export function normalisePackage(bytes: Uint8Array, creationTime: string, rewrite: Readonly<Record<string, (xml: string) => string>> = {}): Uint8Array {
  const mtime = dosTimeFor(parseCreationTime(creationTime));
  const entries = unzipSync(bytes);
  const out: Zippable = {};
  for (const name of Object.keys(entries)) {
    let data = entries[name] ?? new Uint8Array(0);
    const edit = rewrite[name];
    if (edit) data = encoder.encode(edit(decoder.decode(data)));
    if (/^xl\/worksheets\/[^/]+\.xml$/u.test(name)) {
      const xml = decoder.decode(data);
      // The same made-up GUID links a rule to its extension: map each one to one derived GUID.
      const derived = new Map<string, string>();
      const fixed = xml.replace(GENERATED_GUID, (_m, a: string | undefined, g1: string | undefined, b: string | undefined, c: string | undefined, g2: string | undefined, d: string | undefined) => {
        const original = (g1 ?? g2 ?? "").toUpperCase();
        let guid = derived.get(original);
        if (!guid) {
          guid = derivedGuid(name, derived.size);
          derived.set(original, guid);
        }
        return g1 !== undefined ? `${a}${guid}${b}` : `${c}${guid}${d}`;
      });
      if (fixed !== xml) data = encoder.encode(fixed);
    }
    out[name] = [data, { level: 6, mtime }];
  }
  return zipSync(out, { level: 6, mtime });
}
