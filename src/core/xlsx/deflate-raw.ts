/**
 * A raw deflate encoder (RFC 1951) of our own, for the report's parts. fflate's took ~0.4 s for
 * NguonSoLieu's 39 MB at 1,000 units, about as long at level 1 as at 4: its cost is per byte. This one
 * takes the longest of a few candidates at each position (greedy, no lazy matching), compares four
 * bytes at a time, and does not index the inside of long matches: XML rows repeat the row before in
 * long runs (DECISIONS.md, 2026-12-07, has the figures). It is pure JavaScript, so Node, the browser
 * and a worker give the same bytes.
 *
 * `deflateRaw(data, last)` is one stream of blocks: dynamic, fixed or stored, whichever is shortest
 * for each block; ended by a final block when `last`, else by an empty stored block (a sync flush) so
 * that another stream may follow on the next byte.
 */

const WINDOW = 32_768;
const WINDOW_MASK = WINDOW - 1;
const MIN_MATCH = 4; // matches are found by a hash of four bytes
const MAX_MATCH = 258;
const HASH_BITS = 15;
/** Candidates tried at a position: more finds longer matches in text that varies. */
const MAX_CHAIN = 8;
/** A match this long is taken without looking further. */
const NICE_MATCH = 64;
/**
 * The positions inside a match this short are indexed; inside a longer one only its last few are
 * (zlib's max_insert_length): enough for a run to go on matching at distance 1, not 258.
 */
const MAX_INSERT = 16;
const TAIL_INSERT = 3;
/** Symbols in a block: its codes fit the text they code. */
const BLOCK_SYMBOLS = 1 << 15;
/** A stored block's largest length. */
const MAX_STORED = 65_535;

// ── The alphabets (RFC 1951 §3.2.5) ───────────────────────────────────────────────────────────

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which the code-length code's lengths are sent. */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const LIT_CODES = 286;
const DIST_CODES = 30;
const END_OF_BLOCK = 256;

/** Length 3..258 → its code's index (0..28: symbol 257 + index). */
const LENGTH_CODE = new Uint8Array(MAX_MATCH + 1);
for (let code = 0; code < 29; code++) {
  const top = code === 28 ? MAX_MATCH : (LENGTH_BASE[code + 1] ?? 0) - 1;
  for (let len = LENGTH_BASE[code] ?? 0; len <= top; len++) LENGTH_CODE[len] = code;
}
// 258 has a code of its own (284's range stops at 257).
LENGTH_CODE[MAX_MATCH] = 28;

/** Distance 1..32768 → its code: `dist - 1` below 256 directly, above by `(dist - 1) >> 7`. */
const DIST_CODE_LOW = new Uint8Array(256);
const DIST_CODE_HIGH = new Uint8Array(256);
for (let code = 0; code < DIST_CODES; code++) {
  const first = DIST_BASE[code] ?? 1;
  const last = first + (1 << (DIST_EXTRA[code] ?? 0)) - 1;
  for (let d = first; d <= last; d++) {
    if (d <= 256) DIST_CODE_LOW[d - 1] = code;
    else DIST_CODE_HIGH[(d - 1) >> 7] = code;
  }
}

function distCode(dist: number): number {
  return dist <= 256 ? (DIST_CODE_LOW[dist - 1] ?? 0) : (DIST_CODE_HIGH[(dist - 1) >> 7] ?? 0);
}

/** The fixed codes' lengths (§3.2.6). */
const FIXED_LIT_LENGTHS = new Uint8Array(288).map((_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8));
const FIXED_DIST_LENGTHS = new Uint8Array(DIST_CODES).fill(5);

// ── Huffman codes ──────────────────────────────────────────────────────────────────────────────

/**
 * Code lengths for `freq` (symbols with a count of zero get none), at most `limit` bits. Huffman's
 * lengths, then, if any is longer than the limit, the counts per length moved under it and the
 * Kraft sum restored; the shortest lengths go to the most frequent symbols. At least two symbols get
 * a length, so every code is complete (an inflater may refuse a one-symbol code). Deterministic: ties
 * go by symbol.
 */
export function codeLengths(freq: ArrayLike<number>, limit: number): Uint8Array {
  const n = freq.length;
  const lengths = new Uint8Array(n);
  const used: number[] = [];
  for (let s = 0; s < n; s++) if ((freq[s] ?? 0) > 0) used.push(s);
  // Fewer than two symbols: pad with the first unused ones, each coded in one bit.
  for (let s = 0; used.length < 2 && s < n; s++) if (!used.includes(s)) used.push(s);
  used.sort((a, b) => (freq[a] ?? 0) - (freq[b] ?? 0) || a - b);
  const m = used.length;
  // Two queues: leaves in ascending weight, and internal nodes made in ascending weight.
  const weight = new Float64Array(2 * m);
  const parent = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) weight[k] = freq[used[k] ?? 0] ?? 0;
  let leaf = 0;
  let node = m;
  let made = m;
  const pick = (): number => (leaf < m && (node >= made || (weight[leaf] ?? 0) <= (weight[node] ?? 0)) ? leaf++ : node++);
  while (made < 2 * m - 1) {
    const a = pick();
    const b = pick();
    weight[made] = (weight[a] ?? 0) + (weight[b] ?? 0);
    parent[a] = made;
    parent[b] = made;
    made++;
  }
  // Depths from the root (the last node made) down: a parent is always made after its children.
  const depth = new Uint16Array(2 * m);
  const root = 2 * m - 2;
  for (let k = root - 1; k >= 0; k--) depth[k] = (depth[parent[k] ?? root] ?? 0) + 1;
  // A depth is below the number of symbols.
  const count = new Array<number>(Math.max(limit, m) + 1).fill(0);
  let longest = 0;
  for (let k = 0; k < m; k++) {
    const d = depth[k] ?? 0;
    count[d] = (count[d] ?? 0) + 1;
    if (d > longest) longest = d;
  }
  if (longest > limit) limitCounts(count, longest, limit);
  // Lengths by rank: the most frequent symbols (the end of `used`) take the shortest.
  let k = m - 1;
  for (let len = 1; len <= limit; len++) {
    for (let c = count[len] ?? 0; c > 0; c--) lengths[used[k--] ?? 0] = len;
  }
  return lengths;
}

/** Counts per length moved to at most `limit` bits, the Kraft sum made exact again (each step keeps the code complete). */
function limitCounts(count: number[], longest: number, limit: number): void {
  for (let len = limit + 1; len <= longest; len++) {
    count[limit] = (count[limit] ?? 0) + (count[len] ?? 0);
    count[len] = 0;
  }
  let total = 0;
  for (let len = 1; len <= limit; len++) total += (count[len] ?? 0) * 2 ** (limit - len);
  for (; total > 2 ** limit; total--) {
    count[limit] = (count[limit] ?? 0) - 1;
    for (let len = limit - 1; len > 0; len--) {
      if ((count[len] ?? 0) > 0) {
        count[len] = (count[len] ?? 0) - 1;
        count[len + 1] = (count[len + 1] ?? 0) + 2;
        break;
      }
    }
  }
}

/** Canonical codes for `lengths` (§3.2.2), bit-reversed: deflate sends a code's first bit first. */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const len of lengths) count[len] = (count[len] ?? 0) + 1;
  count[0] = 0;
  const next = new Uint16Array(16);
  let code = 0;
  for (let len = 1; len < 16; len++) {
    code = (code + (count[len - 1] ?? 0)) << 1;
    next[len] = code;
  }
  const codes = new Uint16Array(lengths.length);
  lengths.forEach((len, s) => {
    if (len === 0) return;
    const c = next[len] ?? 0;
    next[len] = c + 1;
    let reversed = 0;
    for (let b = 0; b < len; b++) reversed |= ((c >> b) & 1) << (len - 1 - b);
    codes[s] = reversed;
  });
  return codes;
}

// ── Output ─────────────────────────────────────────────────────────────────────────────────────

/** Bits written first-bit-first into bytes. */
class BitWriter {
  out: Uint8Array<ArrayBuffer>;
  pos = 0;
  private bits = 0;
  private count = 0;

  constructor(size: number) {
    this.out = new Uint8Array(size);
  }

  /** `n` bits of `value` (n ≤ 16). */
  write(value: number, n: number): void {
    this.bits |= value << this.count;
    this.count += n;
    while (this.count >= 8) {
      this.out[this.pos++] = this.bits & 0xff;
      this.bits >>>= 8;
      this.count -= 8;
    }
  }

  /** To the next byte boundary (zero bits). */
  align(): void {
    if (this.count > 0) this.out[this.pos++] = this.bits & 0xff;
    this.bits = 0;
    this.count = 0;
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n + 8 <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.pos + n + 64));
    grown.set(this.out.subarray(0, this.pos));
    this.out = grown;
  }
}

// ── Blocks ─────────────────────────────────────────────────────────────────────────────────────

/** One block's symbols: a literal as its byte, a match as `length | distance << 16`. */
class Block {
  readonly symbols: Uint32Array;
  size = 0;
  readonly litFreq = new Uint32Array(LIT_CODES);
  readonly distFreq = new Uint32Array(DIST_CODES);
  /** The input bytes the block codes: from `start` (a stored block copies them). */
  start = 0;

  /** `room`: the symbols a block of this input can have (a small part's block is small). */
  constructor(room: number) {
    this.symbols = new Uint32Array(Math.min(BLOCK_SYMBOLS, room));
  }

  literal(byte: number): void {
    this.symbols[this.size++] = byte;
    this.litFreq[byte] = (this.litFreq[byte] ?? 0) + 1;
  }

  match(length: number, dist: number): void {
    this.symbols[this.size++] = length | (dist << 16);
    const lc = 257 + (LENGTH_CODE[length] ?? 0);
    this.litFreq[lc] = (this.litFreq[lc] ?? 0) + 1;
    const dc = distCode(dist);
    this.distFreq[dc] = (this.distFreq[dc] ?? 0) + 1;
  }

  get full(): boolean {
    return this.size >= this.symbols.length;
  }

  reset(start: number): void {
    this.size = 0;
    this.litFreq.fill(0);
    this.distFreq.fill(0);
    this.start = start;
  }
}

/** The bits a block's symbols take under these lengths (extra bits included, end of block included). */
function symbolBits(block: Block, litLengths: Uint8Array, distLengths: Uint8Array): number {
  let bits = litLengths[END_OF_BLOCK] ?? 0;
  for (let s = 0; s < 256; s++) bits += (block.litFreq[s] ?? 0) * (litLengths[s] ?? 0);
  for (let c = 0; c < 29; c++) bits += (block.litFreq[257 + c] ?? 0) * ((litLengths[257 + c] ?? 0) + (LENGTH_EXTRA[c] ?? 0));
  for (let c = 0; c < DIST_CODES; c++) bits += (block.distFreq[c] ?? 0) * ((distLengths[c] ?? 0) + (DIST_EXTRA[c] ?? 0));
  return bits;
}

/** A dynamic block's header: the two codes' lengths, run-length coded (§3.2.7). */
interface DynamicHeader {
  readonly hlit: number;
  readonly hdist: number;
  readonly hclen: number;
  readonly clLengths: Uint8Array;
  readonly clCodes: Uint16Array;
  /** The run-length symbols: code | extra << 8. */
  readonly runs: readonly number[];
  readonly bits: number;
}

function dynamicHeader(litLengths: Uint8Array, distLengths: Uint8Array): DynamicHeader {
  let hlit = LIT_CODES;
  while (hlit > 257 && litLengths[hlit - 1] === 0) hlit--;
  let hdist = DIST_CODES;
  while (hdist > 1 && distLengths[hdist - 1] === 0) hdist--;
  const all = [...litLengths.subarray(0, hlit), ...distLengths.subarray(0, hdist)];
  const runs: number[] = [];
  const clFreq = new Uint32Array(19);
  const put = (code: number, extra = 0): void => {
    runs.push(code | (extra << 8));
    clFreq[code] = (clFreq[code] ?? 0) + 1;
  };
  for (let i = 0; i < all.length; ) {
    const len = all[i] ?? 0;
    let run = 1;
    while (i + run < all.length && all[i + run] === len) run++;
    i += run;
    if (len === 0) {
      while (run >= 11) {
        const r = Math.min(run, 138);
        put(18, r - 11);
        run -= r;
      }
      if (run >= 3) {
        put(17, run - 3);
        run = 0;
      }
    } else {
      put(len);
      run--;
      while (run >= 3) {
        const r = Math.min(run, 6);
        put(16, r - 3);
        run -= r;
      }
    }
    for (; run > 0; run--) put(len);
  }
  const clLengths = codeLengths(clFreq, 7);
  let hclen = 19;
  while (hclen > 4 && clLengths[CL_ORDER[hclen - 1] ?? 0] === 0) hclen--;
  let bits = 5 + 5 + 4 + 3 * hclen;
  for (const r of runs) {
    const code = r & 0xff;
    bits += (clLengths[code] ?? 0) + (code === 16 ? 2 : code === 17 ? 3 : code === 18 ? 7 : 0);
  }
  return { hlit, hdist, hclen, clLengths, clCodes: canonicalCodes(clLengths), runs, bits };
}

function writeHeader(w: BitWriter, h: DynamicHeader): void {
  w.write(h.hlit - 257, 5);
  w.write(h.hdist - 1, 5);
  w.write(h.hclen - 4, 4);
  for (let k = 0; k < h.hclen; k++) w.write(h.clLengths[CL_ORDER[k] ?? 0] ?? 0, 3);
  for (const r of h.runs) {
    const code = r & 0xff;
    w.write(h.clCodes[code] ?? 0, h.clLengths[code] ?? 0);
    if (code === 16) w.write(r >> 8, 2);
    else if (code === 17) w.write(r >> 8, 3);
    else if (code === 18) w.write(r >> 8, 7);
  }
}

function writeSymbols(w: BitWriter, block: Block, litLengths: Uint8Array, litCodes: Uint16Array, distLengths: Uint8Array, distCodes: Uint16Array): void {
  const { symbols, size } = block;
  for (let k = 0; k < size; k++) {
    const sym = symbols[k] ?? 0;
    if (sym < 256) {
      w.write(litCodes[sym] ?? 0, litLengths[sym] ?? 0);
      continue;
    }
    const length = sym & 0xffff;
    const dist = sym >>> 16;
    const lc = LENGTH_CODE[length] ?? 0;
    w.write(litCodes[257 + lc] ?? 0, litLengths[257 + lc] ?? 0);
    const le = LENGTH_EXTRA[lc] ?? 0;
    if (le > 0) w.write(length - (LENGTH_BASE[lc] ?? 0), le);
    const dc = distCode(dist);
    w.write(distCodes[dc] ?? 0, distLengths[dc] ?? 0);
    const de = DIST_EXTRA[dc] ?? 0;
    if (de > 0) w.write(dist - (DIST_BASE[dc] ?? 0), de);
  }
  w.write(litCodes[END_OF_BLOCK] ?? 0, litLengths[END_OF_BLOCK] ?? 0);
}

const FIXED_LIT_CODES = canonicalCodes(FIXED_LIT_LENGTHS);
const FIXED_DIST_CODES = canonicalCodes(FIXED_DIST_LENGTHS);

/** One block out, as the shortest of dynamic, fixed and stored; `final` sets BFINAL. */
function writeBlock(w: BitWriter, block: Block, data: Uint8Array, end: number, final: boolean): void {
  block.litFreq[END_OF_BLOCK] = 1;
  const litLengths = codeLengths(block.litFreq, 15);
  const distLengths = codeLengths(block.distFreq, 15);
  const header = dynamicHeader(litLengths, distLengths);
  const dynamicBits = 3 + header.bits + symbolBits(block, litLengths, distLengths);
  const fixedBits = 3 + symbolBits(block, FIXED_LIT_LENGTHS, FIXED_DIST_LENGTHS);
  const length = end - block.start;
  // Stored: at most a byte of header and padding, then 4 bytes of lengths and the bytes, per 65,535
  // (a little over: close calls go to the coded blocks).
  const storedBits = 8 * (length + 5 * Math.max(1, Math.ceil(length / MAX_STORED))) + 7;
  w.reserve((Math.min(dynamicBits, fixedBits, storedBits) >> 3) + 16);
  if (storedBits < dynamicBits && storedBits < fixedBits) {
    writeStored(w, data, block.start, end, final);
  } else if (fixedBits <= dynamicBits) {
    w.write(final ? 1 : 0, 1);
    w.write(1, 2);
    writeSymbols(w, block, FIXED_LIT_LENGTHS, FIXED_LIT_CODES, FIXED_DIST_LENGTHS, FIXED_DIST_CODES);
  } else {
    w.write(final ? 1 : 0, 1);
    w.write(2, 2);
    writeHeader(w, header);
    writeSymbols(w, block, litLengths, canonicalCodes(litLengths), distLengths, canonicalCodes(distLengths));
  }
}

/** data[from, to) as stored blocks (at least one, empty if the range is), the last `final` if asked. */
function writeStored(w: BitWriter, data: Uint8Array, from: number, to: number, final: boolean): void {
  let at = from;
  do {
    const n = Math.min(MAX_STORED, to - at);
    const last = at + n >= to;
    w.write(final && last ? 1 : 0, 1);
    w.write(0, 2);
    w.align();
    w.reserve(n + 4);
    w.out[w.pos++] = n & 0xff;
    w.out[w.pos++] = n >> 8;
    w.out[w.pos++] = ~n & 0xff;
    w.out[w.pos++] = (~n >> 8) & 0xff;
    w.out.set(data.subarray(at, at + n), w.pos);
    w.pos += n;
    at += n;
  } while (at < to);
}

// ── Matching ───────────────────────────────────────────────────────────────────────────────────

/** The hash of the four bytes at `i` (i + 4 ≤ the data's length). */
function hashAt(view: DataView, i: number): number {
  return Math.imul(view.getUint32(i, true), 0x9e3779b1) >>> (32 - HASH_BITS);
}

/**
 * `data` as one raw deflate stream: ended by a final block when `last`, else by a sync flush (an
 * empty stored block, byte-aligned), after which another stream may follow.
 */
export function deflateRaw(data: Uint8Array, last: boolean): Uint8Array<ArrayBuffer> {
  const n = data.length;
  // Room for a quarter of the data at first (XML deflates to a tenth); it grows if a block needs more.
  const w = new BitWriter((n >> 2) + 1024);
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  // A chain link per position of the window; a part shorter than the window needs fewer.
  const prev = new Int32Array(Math.max(1, Math.min(WINDOW, n)));
  const block = new Block(n + 1);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const insert = (i: number): number => {
    const h = hashAt(view, i);
    const first = head[h] ?? -1;
    head[h] = i;
    prev[i & WINDOW_MASK] = first;
    return first;
  };
  let i = 0;
  while (i < n) {
    if (block.full) {
      writeBlock(w, block, data, i, false);
      block.reset(i);
    }
    if (i + MIN_MATCH > n) {
      block.literal(data[i] ?? 0);
      i++;
      continue;
    }
    let candidate = insert(i);
    const limit = Math.min(MAX_MATCH, n - i);
    let best = 0;
    let bestDist = 0;
    for (let chain = MAX_CHAIN; candidate >= 0 && i - candidate <= WINDOW && chain > 0; chain--) {
      // The byte that would make the match longer than the best first: most candidates fail there.
      if (data[candidate + best] === data[i + best]) {
        let len = 0;
        // Four bytes at a time while they are there, then byte by byte.
        while (len + 4 <= limit && view.getUint32(candidate + len) === view.getUint32(i + len)) len += 4;
        while (len < limit && data[candidate + len] === data[i + len]) len++;
        if (len > best) {
          best = len;
          bestDist = i - candidate;
          if (len >= NICE_MATCH || len === limit) break;
        }
      }
      const next = prev[candidate & WINDOW_MASK] ?? -1;
      // A slot reused by a newer position (the window wrapped) ends the chain.
      if (next >= candidate) break;
      candidate = next;
    }
    if (best >= MIN_MATCH) {
      block.match(best, bestDist);
      const end = i + best;
      for (let k = best <= MAX_INSERT ? i + 1 : end - TAIL_INSERT; k < end && k + MIN_MATCH <= n; k++) insert(k);
      i = end;
    } else {
      block.literal(data[i] ?? 0);
      i++;
    }
  }
  // An empty block before a sync flush would only add its end code.
  if (block.size > 0 || last) writeBlock(w, block, data, n, last);
  if (last) w.align();
  else writeStored(w, data, n, n, false);
  return w.out.slice(0, w.pos);
}
