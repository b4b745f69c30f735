/**
 * The Office host (src/taskpane/office.ts) where it depends on the platform, against a typed fake of the
 * Office/Excel calls it makes (as tests/office.test.ts does): "Tải về (.xlsx)" only where a download
 * saves a file (TASKPANE.md §8), and Excel on the web's 5 MB request cap: a report whose base64 would
 * not fit one request is refused before Office is called, in the pane's words.
 */
import { describe, expect, it } from "vitest";
import { makeOfficeHost, OfficeActionError, WEB_MAX_BASE64, WEB_MAX_REPORT_BYTES, type ExcelContextApi, type OfficeApi } from "../src/taskpane/office";
import { messageOf } from "../src/taskpane/state/usePane";

type Platform = "web" | "desktop" | "none";

/** Office as the fake sees it: what was sent to Excel, and every call that reached Office. */
function fakeOffice(platform: Platform): { api: OfficeApi; sent: { created: number[]; inserted: number[]; calls: number } } {
  const sent = { created: [] as number[], inserted: [] as number[], calls: 0 };
  const context: ExcelContextApi = {
    workbook: {
      worksheets: { getItem: () => ({ activate: () => undefined, getRange: () => ({ select: () => undefined }) }), load: () => undefined, items: [] },
      insertWorksheetsFromBase64: (base64) => {
        sent.inserted.push(base64.length);
        return { value: [] };
      },
    },
    sync: () => Promise.resolve(),
  };
  const api: OfficeApi = {
    inHost: platform !== "none",
    onWeb: platform === "web",
    isSetSupported: (name, version) => name === "ExcelApi" && Number(version.split(".")[1]) <= 13,
    themeBackground: null,
    documentUrl: null,
    sliceSize: 4 * 1024 * 1024,
    getCompressedFile: () => Promise.reject(new Error("not asked")),
    createWorkbook: (base64) => {
      sent.calls++;
      sent.created.push(base64.length);
      return Promise.resolve();
    },
    run: async (batch) => {
      sent.calls++;
      return batch(context);
    },
  };
  return { api, sent };
}

const FALLBACK = { vi: "Không đưa được báo cáo vào Excel.", en: "The report could not be put into Excel." };

describe("'Tải về (.xlsx)' where a download saves a file (TASKPANE.md §8)", () => {
  it("on Excel on the web and on the standalone page, not in desktop Excel", () => {
    expect(makeOfficeHost(fakeOffice("web").api)).toMatchObject({ inExcel: true, canOpenWorkbook: true, canDownload: true });
    expect(makeOfficeHost(fakeOffice("desktop").api)).toMatchObject({ inExcel: true, canOpenWorkbook: true, canDownload: false });
    expect(makeOfficeHost(fakeOffice("none").api)).toMatchObject({ inExcel: false, canOpenWorkbook: false, canDownload: true });
    // A host that does not say its platform is taken as the desktop: no download that may save nothing.
    const { onWeb: _onWeb, ...unsaid } = fakeOffice("web").api;
    expect(makeOfficeHost(unsaid).canDownload).toBe(false);
  });
});

describe("Excel on the web's 5 MB request cap", () => {
  const largest = new ArrayBuffer(WEB_MAX_REPORT_BYTES);
  const tooLarge = new ArrayBuffer(WEB_MAX_REPORT_BYTES + 1);

  it("sits at a report of about 3.7 MB", () => {
    expect(WEB_MAX_BASE64).toBeLessThan(5_000_000);
    expect(WEB_MAX_REPORT_BYTES).toBeGreaterThan(3_700_000);
    expect(WEB_MAX_REPORT_BYTES).toBeLessThan(3_750_000);
  });

  for (const [action, send] of [
    ["open", (host: ReturnType<typeof makeOfficeHost>, bytes: ArrayBuffer) => host.openReport(bytes)],
    ["insert", (host: ReturnType<typeof makeOfficeHost>, bytes: ArrayBuffer) => host.insertReport(bytes)],
  ] as const) {
    it(`${action}: a report over it is refused without calling Office, with a message that says to download it`, async () => {
      const { api, sent } = fakeOffice("web");
      const failure: unknown = await send(makeOfficeHost(api), tooLarge).then(
        () => null,
        (error: unknown) => error,
      );
      expect(sent.calls).toBe(0);
      expect(failure).toBeInstanceOf(OfficeActionError);
      expect((failure as OfficeActionError).action).toBe(action);
      const message = messageOf(failure, FALLBACK);
      expect(message.vi).toBe('Báo cáo (3,8 MB) quá lớn để Excel trên web nhận từ ngăn tác vụ (tối đa khoảng 3,7 MB). Dùng "Tải về (.xlsx)" rồi mở tệp.');
      expect(message.en).toBe('The report (3.8 MB) is too large for Excel on the web to take from the pane (about 3.7 MB at most). Use "Download (.xlsx)" and open the file.');
    });

    it(`${action}: the largest report that fits goes to Excel on the web, and any size to desktop Excel`, async () => {
      const web = fakeOffice("web");
      await send(makeOfficeHost(web.api), largest);
      expect(web.sent.calls).toBe(1);
      const desktop = fakeOffice("desktop");
      await send(makeOfficeHost(desktop.api), new ArrayBuffer(6 * 1024 * 1024));
      expect(desktop.sent.calls).toBe(1);
      const lengths = [...web.sent.created, ...web.sent.inserted];
      expect(lengths).toEqual([Math.ceil(WEB_MAX_REPORT_BYTES / 3) * 4]);
      expect(lengths[0]).toBeLessThanOrEqual(WEB_MAX_BASE64);
    });
  }
});
