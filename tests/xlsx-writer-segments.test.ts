/**
 * The report writer's parts deflated in segments (deflate.ts), some by the host's deflater (`writeAsync`
 * with `deflate`, as the CLI writes the report with its read worker, issue 9 item 3), give the very bytes
 * written in one thread: each segment is deflated by the same code from the same chunks, wherever it is
 * deflated and in whatever order the answers come; Node's CRC-32 is the core's. The zip is also checked by
 * other code bases: Python's zipfile inflates every entry and checks its CRC, Node's zlib inflates the
 * joined segments, openpyxl reads the cells.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateSegment, type SegmentDeflater } from "../src/core/xlsx/deflate";
import { cellStyle, hostSegments, WriterWorkbook } from "../src/core/xlsx/writer";

const PROPS = { creator: "Thanh tra Bộ", created: "2023-07-14T00:00:00Z" };

/** A short sheet, a long one of several segments (as NguonSoLieu in the report), and another short one. */
function workbook(): WriterWorkbook {
  const wb = new WriterWorkbook();
  wb.addWorksheet("TongHop").getCell(1, 1).value = "Tổng hợp";
  const long = wb.addWorksheet("NguonSoLieu");
  const style = cellStyle({});
  for (let r = 1; r <= 25_000; r++) {
    long.putRow(r, [`Đơn vị ${r % 997}`, r, r * 1.5, `01_TTr!C${(r % 40) + 10}`], [style, style, style, style]);
  }
  const short = wb.addWorksheet("BiaBaoCao");
  short.getCell(1, 1).value = "BÁO CÁO TỔNG HỢP";
  return wb;
}

/** What a Python script prints about `file` (its first argument), trimmed. */
function python(script: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", script, file], (err, stdout) => (err ? reject(err) : resolve(stdout.trim())));
  });
}

/** Python's zipfile: whether every entry inflates to its CRC, how many there are, their expanded size, and the sheets' entries in the zip's order. */
const zipEntries = (file: string): Promise<string> =>
  python(
    "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nbad = z.testzip()\n" +
      "print('bad' if bad else 'ok', len(z.namelist()), sum(i.file_size for i in z.infolist()), ','.join(n for n in z.namelist() if n.startswith('xl/worksheets/')))",
    file,
  );

/** openpyxl, another reader: the first cell of each short sheet, and the first and last rows of the long one. */
const cellsRead = (file: string): Promise<string> =>
  python(
    "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n" +
      "print('|'.join(str(v) for v in [wb['TongHop']['A1'].value, wb['NguonSoLieu']['A1'].value, wb['NguonSoLieu']['B25000'].value, wb['BiaBaoCao']['A1'].value]))",
    file,
  );

/**
 * WORKBOOKS.md §2.10: shared strings in first-use order, sheets in order, row-major. Python reads each
 * sheet's cells in the workbook's order and counts string indexes met before their turn.
 */
const stringsOutOfOrder = (file: string): Promise<string> =>
  python(
    [
      "import sys, zipfile, re",
      "z = zipfile.ZipFile(sys.argv[1])",
      "n = len(re.findall(r'<sheet ', z.read('xl/workbook.xml').decode()))",
      "nxt, bad = 0, 0",
      "for k in range(1, n + 1):",
      "    for m in re.finditer(r'<c [^>]*t=\"s\"[^>]*><v>(\\d+)</v>', z.read('xl/worksheets/sheet%d.xml' % k).decode()):",
      "        i = int(m.group(1))",
      "        if i == nxt: nxt += 1",
      "        elif i > nxt: bad += 1",
      "print(nxt, bad)",
    ].join("\n"),
    file,
  );

/** A host's deflater that takes every segment and answers them in the reverse order, a little later. */
function reversingHost(): { deflate: SegmentDeflater; taken: number[] } {
  const taken: number[] = [];
  const waiting: Array<() => void> = [];
  const deflate: SegmentDeflater = (chunks, last) => {
    taken.push(chunks.reduce((n, c) => n + c.length, 0));
    const out = deflateSegment(chunks, last);
    return new Promise((resolve) => {
      waiting.push(() => resolve(out));
      setTimeout(() => waiting.splice(0).reverse().forEach((answer) => answer()), 20);
    });
  };
  return { deflate, taken };
}

describe("parts deflated in segments", () => {
  it("give the bytes of the one-thread writer with every segment deflated by a host that answers out of order", { timeout: 60_000 }, async () => {
    const here = workbook().write(PROPS);
    const host = reversingHost();
    const before = hostSegments.count;
    const elsewhere = await workbook().writeAsync(PROPS, { crc32, deflate: host.deflate });
    expect(Buffer.compare(Buffer.from(elsewhere), Buffer.from(here))).toBe(0);
    // Every part went to the host, the long sheet in several segments of two chunks (up to 1 MB each).
    expect(hostSegments.count - before).toBe(host.taken.length);
    expect(host.taken.filter((n) => n > 2 ** 20).length).toBeGreaterThanOrEqual(1);

    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "tonghop-segments-")), "r.xlsx");
    await writeFile(file, elsewhere);
    const [status, entries, expanded, sheets] = (await zipEntries(file)).split(" ");
    expect(status).toBe("ok");
    expect(Number(entries)).toBe(12);
    // In the workbook's order, though the answers came in reverse (WORKBOOKS.md §2.10: a fixed order).
    expect(sheets).toBe("xl/worksheets/sheet1.xml,xl/worksheets/sheet2.xml,xl/worksheets/sheet3.xml");
    expect(await cellsRead(file)).toBe("Tổng hợp|Đơn vị 1|25000|BÁO CÁO TỔNG HỢP");
    // Every distinct text met in order (the short sheets' two, the long one's 997 units and 40 cells), none before its turn.
    expect(await stringsOutOfOrder(file)).toBe("1039 0");
    // 25,000 rows of four cells each: megabytes of XML, deflated to a fraction of that.
    expect(Number(expanded)).toBeGreaterThan(2_000_000);
    expect(elsewhere.length).toBeLessThan(Number(expanded) / 4);
  });

  it("are chunks of 1 MB but the part's last, though a part's buffer starts small (chunks end where a full buffer ends them)", async () => {
    const chunks: Array<{ sizes: number[]; last: boolean }> = [];
    const recording: SegmentDeflater = (parts, last) => {
      chunks.push({ sizes: parts.map((c) => c.length), last });
      return Promise.resolve(deflateSegment(parts, last));
    };
    await workbook().writeAsync(PROPS, { crc32, deflate: recording });
    // The long sheet: its segments before its last hold two chunks each, each within a row of 1 MB.
    const full = chunks.filter((c) => !c.last);
    expect(full.length).toBeGreaterThanOrEqual(1);
    for (const c of full) {
      expect(c.sizes).toHaveLength(2);
      for (const size of c.sizes) {
        expect(size).toBeGreaterThan(2 ** 20 - 4096);
        expect(size).toBeLessThanOrEqual(2 ** 20);
      }
    }
  });

  it("give the same bytes when the host has room for only some segments (this thread deflates the rest)", async () => {
    const here = workbook().write(PROPS);
    let calls = 0;
    const host = reversingHost();
    // No room every other time, as the CLI's worker when two segments are already waiting.
    const deflate: SegmentDeflater = (chunks, last) => (calls++ % 2 === 1 ? null : host.deflate(chunks, last));
    const bytes = await workbook().writeAsync(PROPS, { crc32, deflate });
    expect(host.taken.length).toBeGreaterThan(1);
    expect(host.taken.length).toBeLessThan(calls);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(here))).toBe(0);
  });

  it("fail the write when the host's deflater fails, or answers what is not bytes", async () => {
    const failing: SegmentDeflater = () => Promise.reject(new Error("worker gone"));
    await expect(workbook().writeAsync(PROPS, { crc32, deflate: failing })).rejects.toThrow(/worker gone/u);
    const odd = (() => Promise.resolve(["not bytes"])) as unknown as SegmentDeflater;
    await expect(workbook().writeAsync(PROPS, { crc32, deflate: odd })).rejects.toThrow(/not a list of bytes/u);
    // A host that moved the chunks to another thread and then said "no room" would leave this thread nothing to deflate.
    const taking: SegmentDeflater = (chunks) => {
      for (const c of chunks) structuredClone(c.buffer, { transfer: [c.buffer] });
      return null;
    };
    await expect(workbook().writeAsync(PROPS, { crc32, deflate: taking })).rejects.toThrow(/took a segment it did not deflate/u);
  });
});
