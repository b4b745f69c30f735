/**
 * A small streaming XML scanner for the package parts (issue 9: measured about 3× faster than saxes on
 * worksheets, and it makes fewer objects). It reports open tags with their attributes, close tags and
 * text with the five predefined entities and character references decoded. It has no DTD: a DOCTYPE,
 * an unknown entity, a tag closed out of order or a document without a root element is an error, so
 * nothing is ever expanded and a malformed part is refused as saxes refuses it.
 *
 * Per tag it makes no objects: attributes are checked in place and kept as positions in the text, and a
 * value is cut out (and decoded) only when a handler asks for it. The tag handed to a handler is reused
 * for the next one: read what you need during the call, do not keep it.
 */
import { cutShort, detached, type Localised } from "../text";

export interface ScanTag {
  readonly name: string;
  /** An empty-element tag (`<c r="A1"/>`): its close follows at once. */
  readonly selfClosing: boolean;
  /** Every attribute as a record (made on each call: `attribute` is the cheap way to ask for one). */
  readonly attributes: Readonly<Record<string, string>>;
  /** One attribute's value by its exact name (prefix included), or undefined. */
  attribute(name: string): string | undefined;
  /** The text the tag was found in, and where `find` found an attribute's raw value in it. */
  readonly text: string;
  readonly foundStart: number;
  readonly foundEnd: number;
  /** Locate one attribute's raw (undecoded) value without cutting it out; false when absent. */
  find(name: string): boolean;
}

export interface ScanHandlers {
  /** Returns true to stop reading the part here: nothing after this tag is scanned or checked. */
  readonly open: (tag: ScanTag) => boolean | void;
  readonly close?: (tag: ScanTag) => void;
  readonly text?: (text: string) => void;
  /**
   * A handler's own reading of a whole element (a worksheet's cells, thousands per sheet), offered each
   * element inside the root at its `<` (`lt`): the index just after the element, or -1 to leave it to
   * the scanner. An element taken so must be complete in `s` and is checked by the handler as the
   * scanner would check it; the handler must have changed nothing when it returns -1.
   */
  readonly element?: (s: string, lt: number) => number;
}

/** Malformed XML, said in both languages (V-FILE-01's detail): the parser's own words were English only. */
export class XmlError extends Error {
  constructor(readonly said: Localised) {
    super(said.en);
  }
}

/** A name or reference taken from the file, as a message quotes it. */
const quoted = (text: string): string => cutShort(text, 40);

/** A name a tag may have (XML 1.0's, near enough: a letter, "_" or ":" first). */
function isXmlName(name: string): boolean {
  return /^[\p{L}_:][\p{L}\p{N}\p{M}_.:\-·]*$/u.test(name);
}

/** What is wrong with a part's XML, in the words a user reads in V-FILE-01. */
export const XML_WRONG = {
  ampersand: { vi: 'có ký tự "&" không có dấu ";" sau nó', en: 'an "&" is not followed by ";"' },
  entity: (ref: string): Localised => ({ vi: `tham chiếu &${quoted(ref)}; không được định nghĩa`, en: `the reference &${quoted(ref)}; is not defined` }),
  characterCode: (ref: string): Localised => ({ vi: `mã ký tự &${quoted(ref)}; không hợp lệ`, en: `the character code &${quoted(ref)}; is not a valid character` }),
  strayLt: { vi: 'có ký tự "<" trong văn bản không được viết thành &lt;', en: 'a "<" in a text is not written as &lt;' },
  noRoot: { vi: "không có phần tử gốc", en: "there is no root element" },
  unclosed: (name: string): Localised => ({ vi: `thẻ <${quoted(name)}> không được đóng`, en: `the tag <${quoted(name)}> is never closed` }),
  cutShort: { vi: "văn bản bị cắt giữa chừng", en: "the text ends in the middle of a tag" },
  pi: { vi: "chỉ thị xử lý <? không được đóng", en: "a processing instruction <? is never closed" },
  tagNotEnded: { vi: 'một thẻ không có dấu ">" kết thúc', en: 'a tag has no closing ">"' },
  twoRoots: { vi: "có hơn một phần tử gốc", en: "there is more than one root element" },
  emptyName: { vi: "có thẻ không có tên", en: "a tag has no name" },
  unquoted: { vi: "giá trị thuộc tính không nằm trong dấu ngoặc kép", en: "an attribute value is not in quotes" },
  attribute: { vi: "thuộc tính viết sai", en: "an attribute is malformed" },
  closeTag: (name: string, expected: string | undefined): Localised =>
    // "<2</v>": a "<" in a value read as the start of a tag, whose "name" no tag could have.
    !isXmlName(name) || (expected !== undefined && !isXmlName(expected))
      ? XML_WRONG.strayLt
      : expected === undefined
      ? { vi: `thẻ đóng </${quoted(name)}> không có thẻ mở`, en: `the closing tag </${quoted(name)}> has no opening tag` }
      : { vi: `thẻ đóng </${quoted(name)}> không khớp với thẻ mở <${quoted(expected)}>`, en: `the closing tag </${quoted(name)}> does not match the opening tag <${quoted(expected)}>` },
  textOutside: { vi: "có văn bản nằm ngoài phần tử gốc", en: "there is text outside the root element" },
  comment: { vi: "chú thích <!-- không được đóng", en: "a comment <!-- is never closed" },
  cdata: { vi: "đoạn CDATA không được đóng", en: "a CDATA section is never closed" },
  cdataOutside: { vi: "có đoạn CDATA nằm ngoài phần tử gốc", en: "a CDATA section is outside the root element" },
  doctype: { vi: "có khai báo DOCTYPE, loại khai báo không bao giờ được đọc", en: "it holds a DOCTYPE declaration, which is never read" },
  empty: { vi: "thành phần trống", en: "the part is empty" },
} as const;

/** Whether handlers' `element` readings are used (a test reads every fixture both ways, with and without). */
export const wholeElements = { enabled: true };

const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Text with its entity and character references decoded; an unknown reference is an error. */
export function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&<]*);?/gu, (whole, ref: string) => {
    if (!whole.endsWith(";")) throw new XmlError(XML_WRONG.ampersand);
    const named = NAMED[ref];
    if (named !== undefined) return named;
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
      throw new XmlError(XML_WRONG.characterCode(ref));
    }
    throw new XmlError(XML_WRONG.entity(ref));
  });
}

/** White space as String.prototype.trim removes it (attribute and close-tag names are trimmed so). */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** Attributes found in a text, as [name start, name end, value start, value end] positions: no object per attribute. */
export class AttributeSpans {
  count = 0;
  spans = new Int32Array(64);

  /** Record one attribute's positions (its value already checked). */
  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    if (4 * this.count + 4 > this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    const at = 4 * this.count++;
    this.spans[at] = nameStart;
    this.spans[at + 1] = nameEnd;
    this.spans[at + 2] = valueStart;
    this.spans[at + 3] = valueEnd;
  }
}

/**
 * The tag being reported: its name and its attributes' positions in `text`, found and checked once, cut
 * out only when asked for.
 */
class Tag extends AttributeSpans implements ScanTag {
  name = "";
  selfClosing = false;
  text = "";

  get attributes(): Readonly<Record<string, string>> {
    if (this.count === 0) return NO_ATTRIBUTES;
    // No prototype: an attribute named "__proto__" is a value like any other.
    const attributes = Object.create(null) as Record<string, string>;
    for (let k = 0; k < this.count; k++) attributes[this.nameAt(k)] = this.valueAt(k);
    return attributes;
  }

  attribute(name: string): string | undefined {
    const { spans, text } = this;
    // The last of two attributes of one name wins, as in the record.
    for (let k = this.count - 1; k >= 0; k--) {
      const start = spans[4 * k] ?? 0;
      if ((spans[4 * k + 1] ?? 0) - start === name.length && text.startsWith(name, start)) return this.valueAt(k);
    }
    return undefined;
  }

  /** Where `find` found the raw (undecoded) value in `text`. */
  foundStart = 0;
  foundEnd = 0;

  /**
   * One attribute's raw value located in `text` without cutting it out (foundStart, foundEnd), for
   * callers that read a value in place (a cell's "r" and "s", thousands per sheet); false when absent.
   * The raw value may hold references: such a caller falls back to `attribute`.
   */
  find(name: string): boolean {
    const { spans, text } = this;
    for (let k = this.count - 1; k >= 0; k--) {
      const start = spans[4 * k] ?? 0;
      if ((spans[4 * k + 1] ?? 0) - start === name.length && text.startsWith(name, start)) {
        this.foundStart = spans[4 * k + 2] ?? 0;
        this.foundEnd = spans[4 * k + 3] ?? 0;
        return true;
      }
    }
    return false;
  }

  private nameAt(k: number): string {
    return this.text.slice(this.spans[4 * k], this.spans[4 * k + 1]);
  }

  private valueAt(k: number): string {
    return decodeEntities(this.text.slice(this.spans[4 * k + 2], this.spans[4 * k + 3]));
  }
}

/** A close tag: a name and no attributes. */
class CloseTag implements ScanTag {
  name = "";
  readonly selfClosing = false;
  readonly attributes = NO_ATTRIBUTES;
  readonly text = "";
  readonly foundStart = 0;
  readonly foundEnd = 0;
  attribute(): string | undefined {
    return undefined;
  }
  find(): boolean {
    return false;
  }
}

/**
 * What the text held back at the end of a piece waits for, told a piece at a time: `ends` is true once a
 * piece may complete it. A piece that cannot is kept unscanned: a token longer than a piece (a text of
 * millions of characters, an attribute of 50 MB) was scanned again from its start at every 8 KB piece, time
 * growing with the square of its length (a review of 2026-12-07: a 50 MB attribute read for hours). Only
 * when it is scanned changes: a piece taken for a possible end that is not one costs one scan more.
 */
interface Waiting {
  ends(piece: string): boolean;
  /** Characters looked at so far (the scanner's `scanned` counts them too). */
  readonly looked: number;
}

/** A text: ended by the next `<`. */
class TextWait implements Waiting {
  looked = 0;
  ends(piece: string): boolean {
    this.looked += piece.length;
    return piece.includes("<");
  }
}

/** A comment, CDATA section or processing instruction: ended by its terminator, which may span two pieces. */
class TerminatorWait implements Waiting {
  looked = 0;
  private tail: string;
  constructor(
    private readonly terminator: string,
    held: string,
  ) {
    this.tail = this.tailOf(held);
  }
  ends(piece: string): boolean {
    const joined = this.tail + piece;
    this.looked += joined.length;
    if (joined.includes(this.terminator)) return true;
    this.tail = this.tailOf(joined);
    return false;
  }
  /** The characters a terminator cut by the piece's end may have begun with (none for a one-character one: `slice(-0)` is all of it). */
  private tailOf(text: string): string {
    return this.terminator.length > 1 ? text.slice(-(this.terminator.length - 1)) : "";
  }
}

/** A tag: ended by a `>` outside its attributes' quoted values. */
class TagWait implements Waiting {
  looked = 0;
  private quote = 0;
  constructor(held: string) {
    this.ends(held.slice(1));
  }
  ends(piece: string): boolean {
    this.looked += piece.length;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (this.quote !== 0) {
        if (c === this.quote) this.quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        this.quote = c;
      } else if (c === 0x3e) {
        return true;
      }
    }
    return false;
  }
}

/** What `held` (the start of a token the scan could not finish) waits for. */
function waitingFor(held: string): Waiting {
  if (held.charCodeAt(0) !== 0x3c) return new TextWait();
  if (held.startsWith("<!--")) return new TerminatorWait("-->", held);
  if (held.startsWith("<![CDATA[")) return new TerminatorWait("]]>", held);
  if (held.startsWith("<?")) return new TerminatorWait("?>", held);
  // "<", "<!", "<!-" …: too short to tell (a comment's quotes are not a tag's); any `>` may do.
  if (held === "<" || (held.length < 9 && held.startsWith("<!"))) return new TerminatorWait(">", held);
  return new TagWait(held);
}

/** Feed text with `write`, then `close`. Handlers are called as tags complete. */
export class XmlScanner {
  private buffer = "";
  /** Pieces kept since `buffer`, none of which could end it (`waiting`). */
  private held: string[] = [];
  private waiting: Waiting | null = null;
  private readonly stack: string[] = [];
  private rootSeen = false;
  /** Any text at all was given: a part of 0 bytes is said as such, not as "no root element". */
  private given = false;
  private readonly tag = new Tag();
  private readonly closeTag = new CloseTag();
  // The next `"` and `'` at or after the scan position (s.length when none): each quote is looked for once.
  private nextDouble = -1;
  private nextSingle = -1;
  private nextAmp = -1;
  /** Open elements whose name holds a quote (only the general path makes such names). */
  private quotedNames = 0;
  /** Set when a handler asked to stop (`open` returned true): the rest of the part is not read. */
  stopped = false;
  /** Characters scanned or looked at while held so far: about a part's own length when each is looked at once (a test counts them). */
  scanned = 0;

  constructor(private readonly handlers: ScanHandlers) {}

  write(chunk: string): void {
    if (this.stopped) return;
    if (chunk.length > 0) this.given = true;
    const waiting = this.waiting;
    if (waiting !== null) {
      const looked = waiting.looked;
      const ends = waiting.ends(chunk);
      this.scanned += waiting.looked - looked;
      if (!ends) {
        this.held.push(chunk);
        return;
      }
    }
    const s = this.joined(chunk);
    const consumed = this.scan(s, false);
    this.buffer = consumed >= s.length ? "" : s.slice(consumed);
    this.waiting = this.buffer === "" ? null : waitingFor(this.buffer);
  }

  close(): void {
    if (this.stopped) return;
    this.scan(this.joined(""), true);
    this.buffer = "";
    this.waiting = null;
    if (!this.rootSeen) throw new XmlError(this.given ? XML_WRONG.noRoot : XML_WRONG.empty);
    if (this.stack.length > 0) throw new XmlError(XML_WRONG.unclosed(this.stack[this.stack.length - 1] ?? ""));
  }

  /** The text held back and the pieces kept, then `chunk`, as one string. */
  private joined(chunk: string): string {
    let s = this.buffer;
    if (this.held.length > 0) {
      s += this.held.join("");
      this.held = [];
    }
    return s.length === 0 ? chunk : s + chunk;
  }

  /** Scan complete tokens of `s`; returns how far it got (the rest waits for more text). */
  private scan(s: string, last: boolean): number {
    this.scanned += s.length;
    const { open, close, text } = this.handlers;
    this.nextDouble = -1;
    this.nextSingle = -1;
    this.nextAmp = -1;
    let i = 0;
    const n = s.length;
    while (i < n) {
      const lt = s.indexOf("<", i);
      if (lt < 0) {
        // Text up to the end: keep it until its end is known, unless this is all there is.
        if (!last) return i;
        this.text(s, i, n, text);
        return n;
      }
      if (lt > i) this.text(s, i, lt, text);
      i = lt;
      const next = s.charCodeAt(i + 1);
      if (Number.isNaN(next)) return last ? this.fail(XML_WRONG.cutShort) : i;
      if (next === 0x21 /* ! */) {
        const end = this.special(s, i, last);
        if (end < 0) return i;
        i = end;
        continue;
      }
      if (next === 0x3f /* ? */) {
        const end = s.indexOf("?>", i + 2);
        if (end < 0) return last ? this.fail(XML_WRONG.pi) : i;
        i = end + 2;
        continue;
      }
      if (next !== 0x2f && this.stack.length > 0 && this.handlers.element && wholeElements.enabled) {
        const end = this.handlers.element(s, i);
        if (end >= 0) {
          i = end;
          continue;
        }
      }
      // Tags as Excel and every other writer make them take the plain path; anything else the general one.
      const plain = next === 0x2f ? this.plainCloseTag(s, i + 2) : this.plainOpenTag(s, i + 1);
      const gt = plain >= 0 ? plain : this.tagEnd(s, i + 1);
      if (gt < 0) return last ? this.fail(XML_WRONG.tagNotEnded) : i;
      if (next === 0x2f /* / */) {
        const tag = this.closeTag;
        tag.name = plain >= 0 ? this.popPlain() : this.closeName(s, i + 2, gt);
        close?.(tag);
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
        const tag = plain >= 0 ? this.tag : this.openTag(s, i + 1, selfClosing ? gt - 1 : gt);
        tag.selfClosing = selfClosing;
        if (open(tag) === true) {
          this.stopped = true;
          return n;
        }
        if (selfClosing) close?.(tag);
        else if (plain >= 0) this.stack.push(tag.name); // a plain name holds no quote
        else this.push(tag.name);
      }
      i = gt + 1;
    }
    return n;
  }

  /**
   * A plain open tag from `from` (after its `<`): an ASCII name, then `name="value"` attributes without
   * references, white space, and `>` or `/>`. Returns its `>` with `tag` filled in, or -1 when the tag is
   * anything else (or not complete): the general path then reads it, with the same result for a plain tag.
   */
  private plainOpenTag(s: string, from: number): number {
    let p = from;
    while (isPlainNameChar(s.charCodeAt(p))) p++;
    if (p === from) return -1;
    const nameEnd = p;
    const tag = this.tag;
    tag.count = 0;
    tag.text = s;
    p = plainAttributes(s, p, tag);
    if (p < 0) return -1;
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail(XML_WRONG.twoRoots);
      this.rootSeen = true;
    }
    tag.name = internedName(s, from, nameEnd);
    return p;
  }

  /** A plain close tag from `from` (after its `</`): the open element's name and `>`. Its `>`, or -1. */
  private plainCloseTag(s: string, from: number): number {
    const expected = this.stack[this.stack.length - 1];
    // A name with a quote (read by the general path) has its close tag read so too: quotes change where a tag ends.
    if (expected === undefined || this.quotedNames > 0 || !s.startsWith(expected, from)) return -1;
    const gt = from + expected.length;
    return s.charCodeAt(gt) === 0x3e ? gt : -1;
  }

  private popPlain(): string {
    return this.stack.pop() ?? "";
  }

  private push(name: string): void {
    if (hasQuote(name)) this.quotedNames++;
    this.stack.push(name);
  }

  /** The tag whose text (name and attributes) is s[from, end), its attributes checked. */
  private openTag(s: string, from: number, end: number): Tag {
    let nameEnd = from;
    while (nameEnd < end && s.charCodeAt(nameEnd) > 0x20) nameEnd++;
    if (nameEnd === from) this.fail(XML_WRONG.emptyName);
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail(XML_WRONG.twoRoots);
      this.rootSeen = true;
    }
    const tag = this.tag;
    tag.name = s.slice(from, nameEnd);
    tag.text = s;
    tag.count = 0;
    if (nameEnd < end) this.attributes(s, nameEnd + 1, end, tag);
    return tag;
  }

  /**
   * The attributes of s[p, end): each `name = "value"` (or 'value'); text without `=` after the last
   * is ignored. A value without quotes or without its closing quote, or a value without a name, is an
   * error, and so is an unknown entity in a value.
   */
  private attributes(s: string, p: number, end: number, tag: Tag): void {
    for (;;) {
      // Looked for within the tag only: a search to the next "=" of the document would cost the rest of it per tag.
      let eq = p;
      while (eq < end && s.charCodeAt(eq) !== 0x3d) eq++;
      if (eq >= end) return;
      let nameStart = p;
      let nameEnd = eq;
      while (nameStart < nameEnd && isTrimmed(s.charCodeAt(nameStart))) nameStart++;
      while (nameEnd > nameStart && isTrimmed(s.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (q < end && s.charCodeAt(q) <= 0x20) q++;
      const quote = q < end ? s.charCodeAt(q) : 0;
      if (quote !== 0x22 && quote !== 0x27) this.fail(XML_WRONG.unquoted);
      const close = s.indexOf(quote === 0x22 ? '"' : "'", q + 1);
      if (close < 0 || close >= end || nameStart === nameEnd) this.fail(XML_WRONG.attribute);
      // A value with a reference is decoded now, so that an unknown entity refuses the part whether or not it is asked for.
      if (this.nextAmp <= q) this.nextAmp = indexOrEnd(s, "&", q + 1);
      if (this.nextAmp < close) decodeEntities(s.slice(q + 1, close));
      tag.add(nameStart, nameEnd, q + 1, close);
      p = close + 1;
    }
  }

  /** The name of the close tag s[from, end), which must be the open element's. */
  private closeName(s: string, from: number, end: number): string {
    let start = from;
    let stop = end;
    while (start < stop && isTrimmed(s.charCodeAt(start))) start++;
    while (stop > start && isTrimmed(s.charCodeAt(stop - 1))) stop--;
    const expected = this.stack.pop();
    if (expected !== undefined && hasQuote(expected)) this.quotedNames--;
    if (expected === undefined || stop - start !== expected.length || !s.startsWith(expected, start)) this.fail(XML_WRONG.closeTag(s.slice(start, stop), expected));
    return expected;
  }

  /**
   * The `>` that ends the tag starting before `from`, skipping quoted attribute values; -1 if not in `s`.
   * Each quote character is searched for once per scan (`nextDouble`, `nextSingle`), not once per tag.
   */
  private tagEnd(s: string, from: number): number {
    let p = from;
    for (;;) {
      const gt = s.indexOf(">", p);
      if (gt < 0) return -1;
      if (this.nextDouble < p) this.nextDouble = indexOrEnd(s, '"', p);
      if (this.nextSingle < p) this.nextSingle = indexOrEnd(s, "'", p);
      const quote = Math.min(this.nextDouble, this.nextSingle);
      if (quote > gt) return gt;
      const close = s.indexOf(quote === this.nextDouble ? '"' : "'", quote + 1);
      if (close < 0) return -1;
      p = close + 1;
    }
  }

  /** Text s[from, to): handed over decoded when a handler wants it; outside the root only white space. */
  private text(s: string, from: number, to: number, handler: ((text: string) => void) | undefined): void {
    if (this.stack.length === 0) {
      // Only white space may stand outside the root element.
      for (let k = from; k < to; k++) if (!isTrimmed(s.charCodeAt(k))) this.fail(XML_WRONG.textOutside);
      return;
    }
    if (handler) handler(decodeEntities(s.slice(from, to)));
  }

  /** `<!--…-->`, `<![CDATA[…]]>`; a DOCTYPE is refused. Returns the end, or -1 to wait for more text. */
  private special(s: string, i: number, last: boolean): number {
    if (s.startsWith("<!--", i)) {
      const end = s.indexOf("-->", i + 4);
      if (end < 0) return last ? this.fail(XML_WRONG.comment) : -1;
      return end + 3;
    }
    if (s.startsWith("<![CDATA[", i)) {
      const end = s.indexOf("]]>", i + 9);
      if (end < 0) return last ? this.fail(XML_WRONG.cdata) : -1;
      if (this.stack.length === 0) this.fail(XML_WRONG.cdataOutside);
      this.handlers.text?.(s.slice(i + 9, end));
      return end + 3;
    }
    if (s.length - i < 9 && !last) return -1;
    throw new DoctypeRefused();
  }

  private fail(why: Localised): never {
    throw new XmlError(why);
  }
}

/** A DOCTYPE (or any other `<!` declaration): never processed. */
export class DoctypeRefused extends XmlError {
  constructor() {
    super(XML_WRONG.doctype);
  }
}

/**
 * Tag names met lately, by a hash of their length and end characters: a sheet has thousands of tags
 * and a handful of names, so the name is usually found here rather than cut out of the text again.
 */
const NAMES: Array<string | undefined> = new Array<string | undefined>(64).fill(undefined);

/** s[from, end) as a string, the same one each time it is met (equal to `s.slice(from, end)`). */
function internedName(s: string, from: number, end: number): string {
  const length = end - from;
  const first = s.charCodeAt(from);
  const slot = (length * 31 + first * 7 + s.charCodeAt(end - 1)) & 63;
  const known = NAMES[slot];
  if (known !== undefined && known.length === length && known.charCodeAt(0) === first && (length === 1 || s.startsWith(known, from))) return known;
  // Kept past this text: detached from it, or a long name would keep the whole part's XML alive.
  const name = detached(s.slice(from, end));
  NAMES[slot] = name;
  return name;
}

/** A character of a name on the plain path: printable ASCII other than quotes, `<`, `=`, `>` and `/`. */
function isPlainNameChar(c: number): boolean {
  return c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x27 && c !== 0x3c && c !== 0x3d && c !== 0x3e && c !== 0x2f;
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Set by `plainAttributes`: whether the tag it read ended with `/>`. */
export const plainEnd = { selfClosing: false };

/**
 * Plain attributes from `p` (just after a tag's name) to the tag's end: `name="value"` (or '…') without
 * references, white space, then `>` or `/>`; each attribute is added to `found`. Returns the index of the
 * tag's `>` (`plainEnd.selfClosing` when `/>`), or -1 when anything is not plain or the text ends first:
 * the scanner's general path then reads the tag, with the same result for a plain one.
 */
export function plainAttributes(s: string, p: number, found: AttributeSpans): number {
  for (;;) {
    const c = s.charCodeAt(p);
    if (c === 0x3e /* > */) {
      plainEnd.selfClosing = false;
      return p;
    }
    if (c === 0x2f /* / */) {
      if (s.charCodeAt(p + 1) !== 0x3e) return -1;
      plainEnd.selfClosing = true;
      return p + 1;
    }
    if (isSpace(c)) {
      p++;
      continue;
    }
    const nameStart = p;
    while (isPlainNameChar(s.charCodeAt(p))) p++;
    if (p === nameStart) return -1;
    const nameEnd = p;
    while (isSpace(s.charCodeAt(p))) p++;
    if (s.charCodeAt(p) !== 0x3d /* = */) return -1;
    p++;
    while (isSpace(s.charCodeAt(p))) p++;
    const quote = s.charCodeAt(p);
    if (quote !== 0x22 && quote !== 0x27) return -1;
    let close = p + 1;
    for (;;) {
      const q = s.charCodeAt(close);
      if (q === quote) break;
      // The end of the text (NaN), or a reference (decoded on the general path).
      if (q !== q || q === 0x26 /* & */) return -1;
      close++;
    }
    found.add(nameStart, nameEnd, p + 1, close);
    p = close + 1;
  }
}

function hasQuote(name: string): boolean {
  return name.includes('"') || name.includes("'");
}

/** The index of `c` in `s` from `from`, or `s.length` when there is none. */
function indexOrEnd(s: string, c: string, from: number): number {
  const at = s.indexOf(c, from);
  return at < 0 ? s.length : at;
}
