/**
 * SHA-256 (FIPS 180-4) in plain TypeScript. The file hash identifies input files (identical files are one
 * file, WORKBOOKS.md §1.7) and is printed in the report, so it must be computed the same way in Node, the
 * browser and a Web Worker; WebCrypto's digest is asynchronous and absent from some hosts, hence our own.
 */

// Int32 throughout: a Uint32Array read above 2^31 is a double in optimised code, an Int32Array read never is.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Compress the 64-byte blocks of `view` from `offset` (a multiple of 64 bytes, `count` blocks) into `h`. */
function compress(h: Int32Array, w: Int32Array, view: DataView, offset: number, count: number): void {
  let h0 = h[0]!, h1 = h[1]!, h2 = h[2]!, h3 = h[3]!, h4 = h[4]!, h5 = h[5]!, h6 = h[6]!, h7 = h[7]!;
  for (let block = 0; block < count; block++) {
    const base = offset + block * 64;
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(base + t * 4, false);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[t]! + w[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + hh) | 0;
  }
  h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7;
}

/**
 * SHA-256 computed as the bytes come (a file read in chunks is hashed once, without holding it whole):
 * `update` with each chunk in order, then `hex`.
 */
export class Sha256 {
  private readonly h = new Int32Array(H0);
  private readonly w = new Int32Array(64);
  /** Bytes of an incomplete block carried to the next update. */
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private length = 0;

  update(bytes: Uint8Array): this {
    this.length += bytes.length;
    let offset = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, bytes.length);
      this.pending.set(bytes.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < 64) return this;
      compress(this.h, this.w, new DataView(this.pending.buffer), 0, 1);
      this.pendingLength = 0;
    }
    const blocks = Math.floor((bytes.length - offset) / 64);
    // Whole blocks are read in place (respecting a subarray's byteOffset): no copy of a large file.
    if (blocks > 0) compress(this.h, this.w, new DataView(bytes.buffer, bytes.byteOffset + offset, blocks * 64), 0, blocks);
    const rest = bytes.subarray(offset + blocks * 64);
    this.pending.set(rest, 0);
    this.pendingLength = rest.length;
    return this;
  }

  /** The digest as 64 lower-case hex digits; the hash cannot be updated after. */
  hex(): string {
    // Tail: the remaining bytes, 0x80, zeros, and the bit length as a 64-bit big-endian number.
    const rest = this.pendingLength;
    const tail = new Uint8Array(rest < 56 ? 64 : 128);
    tail.set(this.pending.subarray(0, rest));
    tail[rest] = 0x80;
    const tailView = new DataView(tail.buffer);
    // Bit length split without 64-bit integers: length * 8 may exceed 2^32.
    tailView.setUint32(tail.length - 8, Math.floor(this.length / 0x20000000), false);
    tailView.setUint32(tail.length - 4, (this.length * 8) >>> 0, false);
    compress(this.h, this.w, tailView, 0, tail.length / 64);
    let hex = "";
    for (let i = 0; i < 8; i++) hex += (this.h[i]! >>> 0).toString(16).padStart(8, "0");
    return hex;
  }
}

/** The SHA-256 of `bytes` as 64 lower-case hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
  return new Sha256().update(bytes).hex();
}
