/**
 * The report writer's large sheets deflated in worker threads (`writeAsync` with `offThread`, as the CLI
 * writes the report, issue 9 item 3) give the very bytes written in one thread: the same deflater (fflate)
 * gets the same chunks in the same order, only elsewhere; Node's CRC-32 is the core's. The zip is also checked by another code base,
 * Python's zipfile, which inflates every entry and checks its CRC.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateChunks, type PartDeflater } from "../src/core/xlsx/deflate";
import { cellStyle, offThreadParts, OFF_THREAD_ROWS, WriterWorkbook } from "../src/core/xlsx/writer";

const PROPS = { creator: "Thanh tra Bộ", created: "2023-07-14T00:00:00Z" };

/** A short sheet that stays here, one long enough to go to a worker (after it, as NguonSoLieu in the report), and another short one. */
function workbook(): WriterWorkbook {
  const wb = new WriterWorkbook();
  wb.addWorksheet("TongHop").getCell(1, 1).value = "Tổng hợp";
  const long = wb.addWorksheet("NguonSoLieu");
  const style = cellStyle({});
  for (let r = 1; r <= OFF_THREAD_ROWS + 5_000; r++) {
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

describe("large sheets deflated off this thread", () => {
  it("give the bytes of the one-thread writer, one part deflated in a worker", { timeout: 60_000 }, async () => {
    const here = workbook().write(PROPS);
    const before = offThreadParts.count;
    // As the CLI writes it: in a worker, and every part's CRC-32 by Node's zlib.
    const elsewhere = await workbook().writeAsync(PROPS, { offThread: true, crc32 });
    expect(offThreadParts.count - before).toBe(1);
    expect(Buffer.compare(Buffer.from(elsewhere), Buffer.from(here))).toBe(0);
    // Without the option nothing leaves this thread, and the bytes are the same again.
    expect(Buffer.compare(Buffer.from(await workbook().writeAsync(PROPS)), Buffer.from(here))).toBe(0);
    expect(offThreadParts.count - before).toBe(1);

    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "tonghop-off-thread-")), "r.xlsx");
    await writeFile(file, elsewhere);
    const [status, entries, expanded, sheets] = (await zipEntries(file)).split(" ");
    expect(status).toBe("ok");
    expect(Number(entries)).toBe(12);
    // In the workbook's order, though the short sheet before the long one was deflated after it (WORKBOOKS.md §2.10: a fixed order).
    expect(sheets).toBe("xl/worksheets/sheet1.xml,xl/worksheets/sheet2.xml,xl/worksheets/sheet3.xml");
    expect(await cellsRead(file)).toBe("Tổng hợp|Đơn vị 1|25000|BÁO CÁO TỔNG HỢP");
    // Every distinct text met in order (the short sheets' two, the long one's 997 units and 40 cells), none before its turn.
    expect(await stringsOutOfOrder(file)).toBe("1039 0");
    // 25,000 rows of four cells each: megabytes of XML, deflated to a fraction of that.
    expect(Number(expanded)).toBeGreaterThan(2_000_000);
    expect(elsewhere.length).toBeLessThan(Number(expanded) / 4);
  });

  it("give the same bytes with the other parts deflated by the host's deflater, which answers out of order", { timeout: 60_000 }, async () => {
    const here = workbook().write(PROPS);
    const handed: string[] = [];
    // The CLI's deflater is its read worker; this one answers the parts in the reverse order they were handed over.
    const waiting: Array<() => void> = [];
    const deflate: PartDeflater = (chunks) => {
      handed.push(`${chunks.length}:${chunks.reduce((n, c) => n + c.length, 0)}`);
      return new Promise((resolve) => {
        waiting.push(() => resolve(deflateChunks(chunks)));
        setTimeout(() => waiting.splice(0).reverse().forEach((answer) => answer()), 20);
      });
    };
    const before = offThreadParts.count;
    const bytes = await workbook().writeAsync(PROPS, { offThread: true, crc32, deflate });
    // The long sheet still streams to fflate's worker; the two short sheets and the shared strings went to the host.
    expect(offThreadParts.count - before).toBe(1);
    expect(handed).toHaveLength(3);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(here))).toBe(0);

    // A sheet of a few megabytes but below the worker's rows goes to the host in several chunks (the sink's
    // megabyte each): fflate's output depends on where they end, so the host must be pushed the very same ones.
    const wide = (): WriterWorkbook => {
      const wb = workbook();
      const sheet = wb.addWorksheet("KiemTra");
      const style = cellStyle({});
      for (let r = 1; r <= OFF_THREAD_ROWS - 1_000; r++) sheet.putRow(r, [`Lỗi ${r} ở ô C${r}: ${"x".repeat(r % 200)}`, r, `01_TCD!D${r % 70}`], [style, style, style]);
      return wb;
    };
    handed.length = 0;
    const wideBytes = await wide().writeAsync(PROPS, { offThread: true, crc32, deflate });
    expect(handed.filter((h) => Number(h.split(":")[0]) >= 2).length).toBeGreaterThanOrEqual(1);
    expect(Buffer.compare(Buffer.from(wideBytes), Buffer.from(wide().write(PROPS)))).toBe(0);

    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "tonghop-host-deflate-")), "r.xlsx");
    await writeFile(file, bytes);
    expect((await zipEntries(file)).split(" ")[0]).toBe("ok");
    expect(await cellsRead(file)).toBe("Tổng hợp|Đơn vị 1|25000|BÁO CÁO TỔNG HỢP");
  });

  it("fail the write when the host's deflater fails", async () => {
    const deflate: PartDeflater = () => Promise.reject(new Error("worker gone"));
    await expect(workbook().writeAsync(PROPS, { offThread: true, crc32, deflate })).rejects.toThrow(/worker gone/u);
  });
});
