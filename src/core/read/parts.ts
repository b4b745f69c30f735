/**
 * The parts of an .xlsx package, each inflated once, in slices, and parsed as an XML stream. Sizes are
 * checked against the limits before inflating (the declared size) and while inflating (the real size), so
 * a zip bomb stops at its first slice beyond the limit. XML is scanned as a stream (xmlscan.ts) without
 * namespaces, DTD or entity expansion: a DOCTYPE makes the file unreadable, it is never processed.
 */
import { Inflate, inflateSync } from "fflate";
import { SNIFF_DETAIL, addPart, crc32, entryRaw, findPart, readCentralDirectory, type PartIndex, type ZipEntry } from "./package";
import { LimitExceeded, MalformedPart, UnreadablePart, type ReadBudget } from "./limits";
import { XmlError, XmlScanner, type ScanHandlers } from "./xmlscan";

/** Compressed bytes pushed at a time: at most ~1,000× that comes out of one push. */
const SLICE = 16 * 1024;
/** Parts declared this small are inflated at once into a buffer of the declared size, which they cannot outgrow. */
const AT_ONCE = 4 * 1024 * 1024;

/**
 * Compressed bytes inflated at once at most: deflate makes at most ~1,032 bytes of one, so whatever a part
 * declares, inflating it whole costs at most ~66 MB of output, as a few slices would.
 */
const AT_ONCE_COMPRESSED = 64 * 1024;

/**
 * Whether a part may be inflated at once: small in both sizes, and its compressed size one its declared size
 * can explain (deflate adds at most 5 bytes a block to what it cannot shrink). Any other part (a bomb whose
 * directory declares 15 KB, or 2 MB, for 1 MB of deflate that makes 1 GB) is read a slice at a time, so a lie
 * is seen after a slice: fflate's inflater, given a full buffer, goes on decoding the whole stream (2.4 s in
 * Node, ~10 s in the pane, for 1 GB).
 */
function atOnce(entry: ZipEntry): boolean {
  if (entry.method !== 8 || entry.uncompressed > AT_ONCE || entry.compressed > AT_ONCE_COMPRESSED) return false;
  return entry.compressed <= entry.uncompressed + Math.ceil(entry.uncompressed / 16_384) * 5 + 64;
}

const CORRUPT = new UnreadablePart(SNIFF_DETAIL["corrupt-zip"]);
const DUPLICATE = new UnreadablePart({ vi: "tệp nén có hai thành phần trùng tên", en: "the zip package holds two entries of the same name" });

export function unreadable(why: string): UnreadablePart {
  return new UnreadablePart({ vi: `nội dung không đọc được: ${why}`, en: `content cannot be read: ${why}` });
}

/**
 * Bytes a part's encoding cannot decode, in our words: TextDecoder's own message is the engine's ("The
 * encoded data was not valid for encoding utf-8" in Node, "Failed to execute 'decode' on 'TextDecoder'…"
 * in a browser), and the same file must give the same finding, and report, in the CLI and the pane.
 */
function invalidText(encoding: string): XmlError {
  const name = encoding.toUpperCase();
  // An XmlError, so the part, and for a sheet its sheet and cell, are named as for malformed XML.
  return new XmlError({ vi: `văn bản không đúng mã ${name}`, en: `the text is not valid ${name}` });
}

/** `decoder.decode`, its failure said the same way on every host. */
function decoded(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw invalidText(decoder.encoding);
  }
}

/**
 * A host's own raw-deflate inflater (Node's zlib is several times faster than fflate): the compressed
 * bytes in, at most `expandedSize` bytes out (more is an error it may throw). Parts are still checked
 * here, size and CRC, whatever inflated them.
 */
export type InflateRaw = (compressed: Uint8Array, expandedSize: number) => Uint8Array;

/** A host's own CRC-32 (zlib's: `crc32(data, crc)` continues `crc` over `data`), as package.ts's `crc32`. */
export type Crc32 = (data: Uint8Array, crc: number) => number;

/** What a host may do faster than the core's pure JavaScript (Node's zlib); the core's own without it. */
export interface ByteHost {
  readonly inflateRaw?: InflateRaw;
  readonly crc32?: Crc32;
  /**
   * UTF-8 bytes (whole characters, no byte order mark) as text, or null when they are not valid UTF-8:
   * a host's decoder faster than TextDecoder's streaming one (Node's). Invalid bytes are still refused
   * by TextDecoder, in our words (`invalidText`: its own message is the engine's).
   */
  readonly decodeUtf8?: (bytes: Uint8Array) => string | null;
}

/** The package: its entries by name, and the budget every part is inflated under. */
export class Package {
  /** By name as written and lower-cased: a part is found whatever the case its link spells it in (OPC part names ignore case). */
  private readonly parts: PartIndex = { exact: new Map(), lower: new Map() };

  constructor(
    readonly bytes: Uint8Array,
    readonly budget: ReadBudget,
    private readonly host: ByteHost = {},
  ) {
    const entries = readCentralDirectory(bytes);
    if (!entries) throw CORRUPT;
    let total = 0;
    for (const e of entries) {
      // Two entries of one part (part names ignore case): which one Excel shows is not defined, so neither is read.
      if (this.parts.lower.has(e.name.replace(/^\/+/u, "").toLowerCase())) throw DUPLICATE;
      addPart(this.parts, e);
      total += e.uncompressed;
    }
    budget.checkDeclaredTotal(total);
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  private entry(name: string): ZipEntry | undefined {
    return findPart(this.parts, name);
  }

  /** A part's XML as a stream of events, or null when the package has no such part. */
  xml(name: string, handlers: XmlHandlers): XmlPart | null {
    const entry = this.entry(name);
    if (!entry) return null;
    return new XmlPart(new PartReader(this.bytes, entry, this.budget, this.host), handlers, this.host.decodeUtf8 ?? null);
  }

  /** A whole part as XML events at once (small parts: workbook, relationships, styles). */
  parseAll(name: string, handlers: XmlHandlers): boolean {
    const part = this.xml(name, handlers);
    if (!part) return false;
    while (part.pump());
    return true;
  }
}

/** One entry's bytes, inflated a slice at a time, its size and CRC checked by the end. */
class PartReader {
  private readonly raw: Uint8Array;
  private offset = 0;
  private produced = 0;
  private crc = 0;
  private readonly inflate: Inflate | null;
  /** The part comes as one chunk, all of it (`all`). */
  readonly atOnce: boolean;
  /** The part's name in the package, for messages. */
  readonly name: string;
  private out: Uint8Array[] = [];
  done = false;

  constructor(
    bytes: Uint8Array,
    private readonly entry: ZipEntry,
    private readonly budget: ReadBudget,
    private readonly host: ByteHost,
  ) {
    const raw = entryRaw(bytes, entry);
    if (!raw || (entry.method !== 0 && entry.method !== 8)) throw CORRUPT;
    budget.checkPart(entry.uncompressed);
    this.raw = raw;
    this.name = entry.name.replace(/^\/+/u, "");
    // Small parts are inflated at once (`all`): no streaming inflater is made for them.
    this.atOnce = atOnce(entry);
    this.inflate = entry.method === 8 && !this.atOnce ? new Inflate((chunk) => void this.out.push(chunk)) : null;
  }

  /** The read's time budget, checked between pieces of a part inflated at once (no slice between). */
  checkTime(): void {
    this.budget.checkTime();
  }

  /** The next expanded bytes (possibly none), or null once the part is finished. */
  next(): Uint8Array[] | null {
    if (this.done) return null;
    if (this.atOnce) return this.all();
    const end = Math.min(this.raw.length, this.offset + SLICE);
    const slice = this.raw.subarray(this.offset, end);
    this.offset = end;
    const final = end >= this.raw.length;
    let chunks: Uint8Array[];
    if (this.inflate) {
      this.out = [];
      try {
        this.inflate.push(slice, final);
      } catch {
        throw CORRUPT;
      }
      chunks = this.out;
    } else {
      chunks = [slice];
    }
    for (const chunk of chunks) this.account(chunk);
    if (final) this.finish();
    return chunks;
  }

  private all(): Uint8Array[] {
    let data: Uint8Array;
    try {
      // One byte of room past the declared size: fflate stops silently at the end of `out`, so a stream
      // longer than its part says must be seen to overflow (as zlib's maxOutputLength refuses it).
      data = this.host.inflateRaw ? this.host.inflateRaw(this.raw, this.entry.uncompressed) : inflateSync(this.raw, { out: new Uint8Array(this.entry.uncompressed + 1) });
    } catch {
      throw CORRUPT;
    }
    this.offset = this.raw.length;
    this.account(data);
    this.finish();
    return [data];
  }

  private account(chunk: Uint8Array): void {
    this.produced += chunk.length;
    // More than declared: the directory lies (a bomb, or damage). Stop before inflating further.
    if (this.produced > this.entry.uncompressed) {
      this.budget.checkPart(this.produced);
      throw CORRUPT;
    }
    this.budget.addExpanded(chunk.length);
    this.crc = (this.host.crc32 ?? crc32)(chunk, this.crc);
  }

  private finish(): void {
    this.done = true;
    if (this.produced !== this.entry.uncompressed || this.crc !== this.entry.crc) throw CORRUPT;
  }
}

export type XmlHandlers = ScanHandlers;

/** The local name of a tag (`x:c` → `c`): namespaces are not processed, prefixes are ignored. */
export function localName(name: string): string {
  // "c", "v", "f", "t", "r": too short for a prefix (the most frequent names, asked for per tag).
  if (name.length < 3) return name;
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** One part's XML, parsed as far as it has been pumped. */
export class XmlPart {
  private readonly parser: XmlScanner;
  private decoder: TextDecoder | null = null;
  private finished = false;

  constructor(
    private readonly reader: PartReader,
    handlers: XmlHandlers,
    private readonly decodeUtf8: ((bytes: Uint8Array) => string | null) | null = null,
  ) {
    this.parser = new XmlScanner(handlers);
  }

  /** Parse the next slice; false once the part is finished. */
  pump(): boolean {
    if (this.finished) return false;
    const chunks = this.reader.next();
    try {
      if (chunks) for (const chunk of chunks) this.write(chunk);
      // A handler that has all it needs stops the part: the rest is not decoded or scanned, but a part read
      // in slices is still inflated to its end, within the limits, so its size and CRC are checked as ever.
      if (this.parser.stopped) {
        while (this.reader.next() !== null);
        this.finished = true;
        return false;
      }
      if (this.reader.done) {
        this.finished = true;
        this.write(new Uint8Array(0), true);
        this.parser.close();
      }
    } catch (err) {
      if (err instanceof XmlError) throw new MalformedPart(this.reader.name, err.said);
      if (err instanceof Error && !(err instanceof UnreadablePart) && !(err instanceof LimitExceeded)) {
        throw unreadable(err.message.slice(0, 120));
      }
      throw err;
    }
    return !this.finished;
  }

  private write(chunk: Uint8Array, last = false): void {
    if (!this.decoder) {
      if (chunk.length === 0 && !last) return;
      // XML parts are UTF-8; UTF-16 is allowed and announced by its byte order mark.
      const label = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : "utf-8";
      // fatal: bytes that are not valid in the encoding make the part unreadable rather than become U+FFFD.
      this.decoder = new TextDecoder(label, { fatal: true });
    }
    if (this.decoder.encoding === "utf-8") {
      if (this.decodeUtf8 && this.reader.atOnce && chunk.length > 0) this.writeWhole(chunk, this.decodeUtf8);
      else this.writeUtf8(chunk, last);
      return;
    }
    const text = decoded(this.decoder, chunk, !last);
    if (text !== "") this.parser.write(text);
  }

  /**
   * A whole part, UTF-8, decoded by the host's decoder in the pieces `writeUtf8` cuts (each ends after a
   * `>`, so whole characters); a byte order mark is dropped as TextDecoder drops it. From a piece the host
   * cannot take (invalid, or no `>` within reach) to the end, TextDecoder's way, which refuses invalid bytes.
   */
  private writeWhole(chunk: Uint8Array, decode: (bytes: Uint8Array) => string | null): void {
    let from = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    while (from < chunk.length && !this.parser.stopped) {
      let end = chunk.length;
      if (end - from > PIECE) {
        const gt = lastGtIn(chunk, from);
        if (gt < from) break;
        end = gt + 1;
      }
      const text = decode(chunk.subarray(from, end));
      if (text === null) break;
      if (text !== "") this.parser.write(text);
      from = end;
      this.reader.checkTime();
    }
    if (from < chunk.length && !this.parser.stopped) {
      // Mid-part (or after the mark dropped above), U+FEFF is a character: a decoder that keeps it.
      this.decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
      this.writeUtf8(chunk.subarray(from), false);
    }
  }

  /**
   * UTF-8 text handed over in pieces that end just after a `>`. A JavaScript string is stored with two
   * bytes a character as soon as one character needs it: a sheet whose data validations carry one
   * Vietnamese prompt would be twice its size in memory, and scanned so, for the sake of its last lines.
   * Cut after a `>` (never inside a character, nor inside most tokens), the plain piece stays one byte a
   * character and the scanner has nothing left over to join to the next piece.
   */
  private writeUtf8(chunk: Uint8Array, last: boolean): void {
    const decoder = this.decoder;
    if (!decoder) return;
    let from = 0;
    while (chunk.length - from > PIECE && !this.parser.stopped) {
      const gt = lastGtIn(chunk, from);
      const end = gt >= from ? gt + 1 : from + PIECE;
      const text = decoded(decoder, chunk.subarray(from, end), true);
      if (text !== "") this.parser.write(text);
      from = end;
      this.reader.checkTime();
    }
    if (this.parser.stopped) return;
    const text = decoded(decoder, from === 0 ? chunk : chunk.subarray(from), !last);
    if (text !== "") this.parser.write(text);
  }
}

/** Bytes decoded at a time (a piece ends at the last `>` within them). */
const PIECE = 8 * 1024;

/**
 * The last `>` in the piece from `from`, or -1: looked for within the piece only (`lastIndexOf` from its end
 * would go on to the part's start, every piece of a long run without one: time with the square of its length).
 */
function lastGtIn(chunk: Uint8Array, from: number): number {
  const at = chunk.subarray(from, from + PIECE).lastIndexOf(0x3e);
  return at < 0 ? -1 : from + at;
}
