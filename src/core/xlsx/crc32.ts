/**
 * CRC-32 of the zip format, in pure JavaScript: the reader checks every part it inflates against it,
 * and the report writer stamps every part it zips with it (a host may pass its own, Node's zlib).
 */

let crcTables: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (crcTables) return crcTables;
  const tables = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) {
      const prev = tables[(t - 1) * 256 + n]!;
      tables[t * 256 + n] = (prev >>> 8) ^ tables[prev & 0xff]!;
    }
  }
  crcTables = tables;
  return tables;
}

/**
 * CRC-32 (the zip polynomial), slicing by 8: checking every entry of a large package must stay cheap.
 * `crc` is the running value of the data before (0 to start), so a part can be checked chunk by chunk.
 */
export function crc32(data: Uint8Array, crc = 0): number {
  const T = crcTable();
  crc = (crc ^ 0xffffffff) >>> 0;
  let i = 0;
  const end8 = data.length - (data.length % 8);
  for (; i < end8; i += 8) {
    const lo = (crc ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    crc =
      T[1792 + (lo & 0xff)]! ^ T[1536 + ((lo >>> 8) & 0xff)]! ^ T[1280 + ((lo >>> 16) & 0xff)]! ^ T[1024 + (lo >>> 24)]! ^
      T[768 + data[i + 4]!]! ^ T[512 + data[i + 5]!]! ^ T[256 + data[i + 6]!]! ^ T[data[i + 7]!]!;
  }
  for (; i < data.length; i++) crc = T[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
