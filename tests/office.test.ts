/**
 * The Office module (src/taskpane/office.ts) against typed fakes of the few Office/Excel calls it
 * makes (office-addin-mock cannot fake collections). The fakes count `context.sync()`, including
 * the one `Excel.run` makes when its batch ends, and record what was asked of Excel.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  connectOffice,
  DEFAULT_WORKBOOK_NAME,
  drawWhenReady,
  makeOfficeHost,
  OfficeActionError,
  themeOf,
  toBase64,
  workbookName,
  type ExcelContextApi,
  type ExcelWorksheetApi,
  type OfficeApi,
  type OfficeFileApi,
} from "../src/taskpane/office";

const MiB = 1024 * 1024;

/** Excel as the fakes see it: sheets by name, what was inserted, created, selected, and the sync count. */
class FakeExcel {
  syncs = 0;
  readonly created: string[] = [];
  readonly inserted: { base64: string; positionType: string }[] = [];
  readonly selected: string[] = [];
  /** Times the sheets' names were asked for. */
  loads = 0;
  private pendingError: Error | null = null;

  constructor(private readonly sheets: readonly string[]) {}

  context(): ExcelContextApi {
    return {
      workbook: {
        worksheets: {
          getItem: (name) => this.sheet(name),
          load: () => void this.loads++,
          items: this.sheets.map((name) => ({ name })),
        },
        insertWorksheetsFromBase64: (base64, options) => {
          this.inserted.push({ base64, positionType: options.positionType });
          return { value: [] };
        },
      },
      // Like Excel, a queued call on a missing item fails at the sync, not when it is queued.
      sync: async () => {
        this.syncs++;
        const error = this.pendingError;
        this.pendingError = null;
        if (error) throw error;
      },
    };
  }

  private sheet(name: string): ExcelWorksheetApi {
    if (!this.sheets.includes(name)) this.pendingError = new Error(`ItemNotFound: ${name}`);
    return {
      activate: () => undefined,
      getRange: (address) => ({ select: () => void this.selected.push(`${name}!${address}`) }),
    };
  }
}

/** The open document, cut in slices as Office does (each slice a plain number array), failing at `failAt`. */
class FakeFile implements OfficeFileApi {
  closed = 0;
  readonly sliceCount: number;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly sliceSize: number,
    private readonly failAt: number | null = null,
  ) {
    this.sliceCount = Math.max(1, Math.ceil(bytes.length / sliceSize));
  }
  get size(): number {
    return this.bytes.length;
  }
  getSlice(index: number): Promise<ArrayLike<number>> {
    if (this.closed > 0) return Promise.reject(new Error("file already closed"));
    if (index === this.failAt) return Promise.reject(new Error("Internal Error (5001)"));
    return Promise.resolve(Array.from(this.bytes.subarray(index * this.sliceSize, (index + 1) * this.sliceSize)));
  }
  close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
}

interface FakeOptions {
  /** The highest ExcelApi minor version the fake Excel supports (ExcelApi 1.<n>). */
  excelApi?: number;
  file?: FakeFile;
  url?: string | null;
  theme?: string | null;
  sheets?: readonly string[];
}

function fakeOffice(options: FakeOptions = {}): { api: OfficeApi; excel: FakeExcel } {
  const excel = new FakeExcel(options.sheets ?? ["Sheet1"]);
  const top = options.excelApi ?? 13;
  const api: OfficeApi = {
    inHost: true,
    isSetSupported: (name, version) => name === "ExcelApi" && Number(version.split(".")[1]) <= top,
    themeBackground: options.theme ?? null,
    documentUrl: options.url ?? null,
    sliceSize: 4 * MiB,
    getCompressedFile: () => (options.file ? Promise.resolve(options.file) : Promise.reject(new Error("no file"))),
    createWorkbook: (base64) => {
      excel.created.push(base64);
      return Promise.resolve();
    },
    run: async (batch) => {
      const context = excel.context();
      const result = await batch(context);
      await context.sync(); // Excel.run syncs once more when the batch ends
      return result;
    },
  };
  return { api, excel };
}

const sha256 = (bytes: ArrayBuffer | Uint8Array): string => createHash("sha256").update(new Uint8Array(bytes)).digest("hex");
const report = (size: number): ArrayBuffer => new Uint8Array(randomBytes(size)).buffer;

describe("exports: at most 3 context.sync() whatever the report's size", () => {
  for (const [label, size] of [["small", 10 * 1024], ["large (6 MB)", 6 * MiB]] as const) {
    it(`${label}: opens a new workbook and inserts sheets with the exact bytes`, async () => {
      const { api, excel } = fakeOffice();
      const host = makeOfficeHost(api);
      const bytes = report(size);

      await host.openReport(bytes);
      expect(excel.syncs).toBeLessThanOrEqual(3);
      await host.insertReport(bytes);
      expect(excel.syncs).toBeLessThanOrEqual(3);

      expect(excel.created).toHaveLength(1);
      expect(excel.inserted).toHaveLength(1);
      expect(excel.inserted[0]?.positionType).toBe("End");
      expect(sha256(Buffer.from(excel.created[0] ?? "", "base64"))).toBe(sha256(bytes));
      expect(sha256(Buffer.from(excel.inserted[0]?.base64 ?? "", "base64"))).toBe(sha256(bytes));
    });
  }

  it("base64 of MBs equals Node's own encoder (no call-stack overflow)", () => {
    for (const size of [0, 1, 2, 3, 24_575, 24_576, 24_577, 8 * MiB + 1]) {
      const bytes = report(size);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }
  });
});

describe("feature checks", () => {
  it("ExcelApi 1.13 shows 'insert'; 1.12 hides it and refuses the call", async () => {
    expect(makeOfficeHost(fakeOffice({ excelApi: 13 }).api).canInsertSheets).toBe(true);
    const { api, excel } = fakeOffice({ excelApi: 12 });
    const host = makeOfficeHost(api);
    expect(host.canInsertSheets).toBe(false);
    expect(host.canOpenWorkbook).toBe(true);
    await expect(host.insertReport(report(10))).rejects.toBeInstanceOf(OfficeActionError);
    expect(excel.inserted).toHaveLength(0);
  });

  it("ExcelApi 1.7 cannot open a new workbook", () => {
    const host = makeOfficeHost(fakeOffice({ excelApi: 7 }).api);
    expect(host.canOpenWorkbook).toBe(false);
    expect(host.canInsertSheets).toBe(false);
    expect(host.inExcel).toBe(true);
  });

  it("follows Office's theme when it tells one, else null", () => {
    expect(makeOfficeHost(fakeOffice({ theme: "#262626" }).api).theme).toBe("dark");
    expect(makeOfficeHost(fakeOffice({ theme: "#FFFFFF" }).api).theme).toBe("light");
    expect(makeOfficeHost(fakeOffice({ theme: null }).api).theme).toBeNull();
    expect(themeOf("#000")).toBe("dark");
    expect(themeOf("#f3f2f1")).toBe("light");
    expect(themeOf("not a colour")).toBeNull();
  });
});

describe("reading the open workbook (getFileAsync, Compressed, slice by slice)", () => {
  it("concatenates the slices in order into the exact bytes and closes the file", async () => {
    const bytes = new Uint8Array(randomBytes(9 * MiB + 12_345));
    const file = new FakeFile(bytes, 4 * MiB);
    expect(file.sliceCount).toBe(3);
    const host = makeOfficeHost(fakeOffice({ file, url: "C:\\Users\\tt\\Documents\\Tong hop Q3.xlsx" }).api);

    const got = await host.readOpenWorkbook();

    expect(sha256(got.bytes)).toBe(sha256(bytes));
    expect(got.name).toBe("Tong hop Q3.xlsx");
    expect(file.closed).toBe(1);
  });

  it("closes the file when a slice fails, and says which part failed and why", async () => {
    const file = new FakeFile(new Uint8Array(randomBytes(3 * 1000)), 1000, 1);
    const host = makeOfficeHost(fakeOffice({ file }).api);

    const failure = await host.readOpenWorkbook().then(
      () => null,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(OfficeActionError);
    expect((failure as OfficeActionError).action).toBe("read");
    expect((failure as OfficeActionError).message).toBe("Không đọc được sổ làm việc đang mở (phần 2/3): Internal Error (5001)");
    expect(file.closed).toBe(1);
  });

  it("names the workbook from its URL, else SoLamViec.xlsx", () => {
    expect(workbookName("https://contoso.sharepoint.com/sites/tt/Shared%20Documents/B%C3%A1o%20c%C3%A1o.xlsx?web=1")).toBe("Báo cáo.xlsx");
    expect(workbookName("/Users/tt/Desktop/BM_01.xlsm")).toBe("BM_01.xlsm");
    expect(workbookName("Book1")).toBe("Book1.xlsx");
    expect(workbookName("")).toBe(DEFAULT_WORKBOOK_NAME);
    expect(workbookName(null)).toBe(DEFAULT_WORKBOOK_NAME);
  });
});

describe("selecting a finding's cell", () => {
  it("selects sheet!cell in one batch", async () => {
    const { api, excel } = fakeOffice({ sheets: ["BM01"] });
    await makeOfficeHost(api).selectCell("BM01", "D12");
    expect(excel.selected).toEqual(["BM01!D12"]);
    expect(excel.syncs).toBeLessThanOrEqual(2);
  });

  it("a missing sheet gives a readable error", async () => {
    const { api } = fakeOffice({ sheets: ["BM01"] });
    await expect(makeOfficeHost(api).selectCell("BM02", "D12")).rejects.toThrow("Không chọn được ô BM02!D12: ItemNotFound: BM02");
  });
});

describe("regressions of an outside review (2026-12-07)", () => {
  it("inserting the report into a workbook that has sheets of its names is refused, in words, before anything is inserted", async () => {
    // The usual flow reads the units' forms into this very workbook: eight of the report's names are there.
    const { api, excel } = fakeOffice({ sheets: ["ThongTin", "KH_TH", "01_TCD", "Ghi chú"] });
    const failure = await makeOfficeHost(api).insertReport(report(100)).then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(OfficeActionError);
    expect((failure as OfficeActionError).localised?.en).toBe(
      'This workbook already has sheets named as the report\'s (KH_TH, 01_TCD), so the report is not inserted. Use "Open the report in Excel" (a new workbook) or "Download (.xlsx)", or rename those sheets and insert again.',
    );
    expect(excel.inserted).toHaveLength(0);
    expect(excel.loads).toBe(1);
    // A workbook without them takes it.
    const other = fakeOffice({ sheets: ["Sheet1"] });
    await makeOfficeHost(other.api).insertReport(report(100));
    expect(other.excel.inserted).toHaveLength(1);
  });

  it("an open workbook over a submission's size limit (10 MB) is refused before a slice is read, and closed", async () => {
    const file = new FakeFile(new Uint8Array(10 * MiB + 1), 4 * MiB);
    let sliced = 0;
    const getSlice = file.getSlice.bind(file);
    file.getSlice = (index: number) => {
      sliced++;
      return getSlice(index);
    };
    const failure = await makeOfficeHost(fakeOffice({ file }).api).readOpenWorkbook().then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(OfficeActionError);
    expect((failure as OfficeActionError).localised?.vi).toBe(
      "Sổ làm việc đang mở (10,5 MB) lớn hơn giới hạn 10 MB của một tệp báo cáo nên không được đọc. Xóa các trang không cần thiết, lưu lại rồi đọc lại.",
    );
    expect(sliced).toBe(0);
    expect(file.closed).toBe(1);
    // At the limit it is read.
    const at = new FakeFile(new Uint8Array(10 * MiB), 4 * MiB);
    expect((await makeOfficeHost(fakeOffice({ file: at }).api).readOpenWorkbook()).bytes.byteLength).toBe(10 * MiB);
  });

  it("Excel batches wait for a cell being edited (delayForCellEdit): a finding clicked mid-edit failed with InvalidOperation", async () => {
    const runs: unknown[] = [];
    const selected: string[] = [];
    const context = {
      workbook: {
        worksheets: {
          getItem: (name: string) => ({ activate: () => undefined, getRange: (address: string) => ({ select: () => void selected.push(`${name}!${address}`) }) }),
          load: () => undefined,
          items: [],
        },
        insertWorksheetsFromBase64: () => undefined,
      },
      sync: () => Promise.resolve(),
    };
    Object.defineProperty(globalThis, "Office", {
      value: {
        onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
        context: { platform: "PC", requirements: { isSetSupported: () => true }, document: { url: null }, officeTheme: undefined },
        PlatformType: { OfficeOnline: "OfficeOnline", iOS: "iOS" },
      },
      configurable: true,
    });
    Object.defineProperty(globalThis, "Excel", {
      value: {
        run: (options: unknown, batch: (c: typeof context) => Promise<unknown>) => {
          runs.push(options);
          return batch(context);
        },
      },
      configurable: true,
    });
    try {
      const host = await connectOffice();
      await host.selectCell("01_TCD", "E14");
      expect(selected).toEqual(["01_TCD!E14"]);
      expect(runs).toEqual([{ delayForCellEdit: true }]);
    } finally {
      Reflect.deleteProperty(globalThis, "Excel");
      Reflect.deleteProperty(globalThis, "Office");
    }
  });
});

describe("regression: Office slow to get ready (an outside review)", () => {
  // The pane waited up to 15 s on a blank page, then stayed the plain page (no read, open or insert) when
  // Office answered later. Now: drawn with the host when Office is ready within the grace, else drawn as the
  // plain page at once and again with the host when Office answers.
  const inExcel = makeOfficeHost(fakeOffice().api);
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ready within the grace: drawn once, in Excel", async () => {
    const drawn: boolean[] = [];
    await drawWhenReady(Promise.resolve(inExcel), 2000, (office) => void drawn.push(office.inExcel));
    expect(drawn).toEqual([true]);
  });

  it("ready after the grace (20 s): drawn as the plain page at 2 s, then in Excel", async () => {
    vi.useFakeTimers();
    const drawn: boolean[] = [];
    const ready = new Promise<typeof inExcel>((resolve) => setTimeout(() => resolve(inExcel), 20_000));
    const done = drawWhenReady(ready, 2000, (office) => void drawn.push(office.inExcel));
    await vi.advanceTimersByTimeAsync(1999);
    expect(drawn).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(drawn).toEqual([false]);
    await vi.advanceTimersByTimeAsync(18_000);
    await done;
    expect(drawn).toEqual([false, true]);
  });

  it("never ready (office.js blocked): the plain page, drawn once", async () => {
    vi.useFakeTimers();
    const drawn: boolean[] = [];
    void drawWhenReady(new Promise(() => undefined), 2000, (office) => void drawn.push(office.inExcel));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(drawn).toEqual([false]);
  });
});

describe("outside Office", () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, "Office");
  });

  it("without office.js: not in Excel, every Excel action unavailable", async () => {
    const host = await connectOffice();
    expect(host).toMatchObject({ inExcel: false, canOpenWorkbook: false, canInsertSheets: false, theme: null });
    await expect(host.readOpenWorkbook()).rejects.toBeInstanceOf(OfficeActionError);
    await expect(host.openReport(report(10))).rejects.toBeInstanceOf(OfficeActionError);
  });

  it("office.js in a plain browser (Office.onReady with no host): not in Excel", async () => {
    // What office.js gives outside Office: onReady resolves with host and platform null.
    Object.defineProperty(globalThis, "Office", {
      value: { onReady: () => Promise.resolve({ host: null, platform: null }) },
      configurable: true,
    });
    const host = await connectOffice();
    expect(host).toMatchObject({ inExcel: false, canOpenWorkbook: false, canInsertSheets: false });
  });
});
