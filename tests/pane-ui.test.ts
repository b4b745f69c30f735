/**
 * The pane's state (pure reducer) and its words, without a browser: the file list, the period that
 * follows the files until picked by hand, stale results dropped, "Xóa danh sách"; the sections drawn
 * on the server (react-dom/server) for their exact Vietnamese words and for paging of long lists.
 * The browser test drives the real pane; this one pins the logic and the text to TASKPANE.md.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CheckView, ConsolidateView, FindingView, InputView, OfficeHost, Pipeline, SessionSnapshot, UnitView } from "../src/taskpane/api";
import { App, consolidateBlock, hasReturnFiles } from "../src/taskpane/App";
import { ConsolidateSection } from "../src/taskpane/components/ConsolidateSection";
import { FindingsSection, type FindingsSectionProps } from "../src/taskpane/components/FindingsSection";
import { StatusSection } from "../src/taskpane/components/StatusSection";
import { EN, VI } from "../src/taskpane/i18n";
import { followPending, initialState, paneReducer, requestOf, settingsOf, type PaneAction, type PaneState } from "../src/taskpane/state/reducer";
import type { IncomingFile } from "../src/taskpane/state/session";
import { messageOf } from "../src/taskpane/state/usePane";
import { OfficeActionError } from "../src/taskpane/office";
import { UserError } from "../src/core/findings";

const DEFAULT_PERIOD = "2026-Y";

function incoming(name: string, content: string, source: IncomingFile["source"] = "file"): IncomingFile {
  const bytes = new TextEncoder().encode(content).buffer;
  return { name, bytes, sha256: `sha-${content}`, source, received: null };
}

function run(state: PaneState, ...actions: PaneAction[]): PaneState {
  return actions.reduce(paneReducer, state);
}

const restored = (): PaneState => run(initialState(DEFAULT_PERIOD), { type: "restored", snapshot: null });

describe("file list", () => {
  it("keeps one entry for the same name and bytes, and lists other bytes under the same name as 'name (2).xlsx'", () => {
    const s1 = run(restored(), { type: "filesAdded", incoming: [incoming("BM_X.xlsx", "a")], ids: ["1"] });
    const s2 = run(s1, { type: "filesAdded", incoming: [incoming("BM_X.xlsx", "a")], ids: ["2"] });
    // Nothing changes but a word that the file is listed already (no new check: the inputs are the same).
    expect(s2.files).toBe(s1.files);
    expect(s2.inputsVersion).toBe(s1.inputsVersion);
    expect(s2.errors.map((e) => [e.intent, e.message.vi])).toEqual([["info", "1 tệp đã có trong danh sách (cùng tên, cùng nội dung) nên không thêm lại."]]);
    const s3 = run(s2, { type: "filesAdded", incoming: [incoming("BM_X.xlsx", "b")], ids: ["3"] });
    expect(s3.files.map((f) => f.name)).toEqual(["BM_X.xlsx", "BM_X (2).xlsx"]);
    expect(s3.files.map((f) => f.id)).toEqual(["1", "3"]);
    expect(s3.inputsVersion).toBeGreaterThan(s1.inputsVersion);
  });

  it("removes a file by its id (×); 'Xóa danh sách' empties the file list and keeps the roster, options, history and a period picked by hand", () => {
    const roster = { name: "danh-sach.csv", bytes: new TextEncoder().encode("ma_dv,ten_dv\n").buffer };
    let s = run(
      restored(),
      { type: "lang", lang: "en" },
      { type: "filesAdded", incoming: [incoming("A.xlsx", "a"), incoming("B.xlsx", "b")], ids: ["a", "b"] },
      { type: "historyAdded", incoming: [incoming("BaoCao_2023-H1.xlsx", "h")], ids: ["h"] },
      { type: "rosterSet", roster },
      { type: "optionsSet", options: { acceptWithErrors: true, preparerName: "Nguyễn Văn A" } },
      { type: "periodPicked", id: "2023-9M" },
      { type: "deadlineSet", date: "2023-09-30" },
      { type: "fileRemoved", id: "a" },
    );
    expect(s.files.map((f) => f.id)).toEqual(["b"]);
    const before = s;
    s = run(s, { type: "listCleared" });
    expect(s.files).toEqual([]);
    expect(s.inputsVersion).toBeGreaterThan(before.inputsVersion);
    expect(s.period).toEqual({ id: "2023-9M", source: "user" });
    expect(s.roster).toBe(roster);
    expect(s.history.map((f) => f.id)).toEqual(["h"]);
    expect(s.options).toBe(before.options);
    expect(requestOf(s).options).toMatchObject({ acceptWithErrors: true, preparerName: "Nguyễn Văn A", deadline: "2023-09-30" });
    expect(s.lang).toBe("en");
  });

  it("'Xóa danh sách' takes a period that followed the files back to the default", () => {
    const s = run(
      restored(),
      { type: "filesAdded", incoming: [incoming("A.xlsx", "a")], ids: ["a"] },
      { type: "filePeriods", periods: [{ id: "a", period: "2023-H1" }] },
    );
    expect(s.period).toEqual({ id: "2023-H1", source: "files" });
    expect(run(s, { type: "listCleared" }).period).toEqual({ id: DEFAULT_PERIOD, source: "default" });
  });

  it("replaces the earlier copy of the open workbook when it is read again, keeping its typed received date", () => {
    let s = run(restored(), { type: "workbookRead", incoming: incoming("So.xlsx", "v1", "workbook"), id: "w1" });
    s = run(s, { type: "receivedSet", id: "w1", date: "2023-09-16" });
    s = run(s, { type: "workbookRead", incoming: incoming("So.xlsx", "v2", "workbook"), id: "w2" });
    expect(s.files.map((f) => [f.id, f.name, f.received])).toEqual([["w2", "So.xlsx", "2023-09-16"]]);
  });
});

describe("the period follows the files until picked by hand (TASKPANE.md §2)", () => {
  const three = [incoming("A.xlsx", "a"), incoming("B.xlsx", "b"), incoming("C.xlsx", "c")];

  it("waits for the files' periods, then takes the one most files name", () => {
    let s = run(restored(), { type: "filesAdded", incoming: three, ids: ["a", "b", "c"] });
    expect(followPending(s)).toBe(true);
    s = run(s, {
      type: "filePeriods",
      periods: [
        { id: "a", period: "2023-Q3" },
        { id: "b", period: "2023-9M" },
        { id: "c", period: "2023-9M" },
      ],
    });
    expect(followPending(s)).toBe(false);
    expect(s.period).toEqual({ id: "2023-9M", source: "files" });
    expect(requestOf(s).periodId).toBe("2023-9M");
  });

  it("takes the later period on a tie, and the default again when no file names one", () => {
    let s = run(
      restored(),
      { type: "filesAdded", incoming: three.slice(0, 2), ids: ["a", "b"] },
      { type: "filePeriods", periods: [{ id: "a", period: "2023-9M" }, { id: "b", period: "2023-Q3" }] },
    );
    // Same window end: 9M is the later (cumulative) period.
    expect(s.period.id).toBe("2023-9M");
    s = run(s, { type: "fileRemoved", id: "a" }, { type: "fileRemoved", id: "b" });
    expect(s.period).toEqual({ id: DEFAULT_PERIOD, source: "default" });
  });

  it("never changes a period picked by hand", () => {
    const s = run(
      restored(),
      { type: "periodPicked", id: "2022-Y" },
      { type: "filesAdded", incoming: three, ids: ["a", "b", "c"] },
      { type: "filePeriods", periods: [{ id: "a", period: "2023-9M" }, { id: "b", period: "2023-9M" }, { id: "c", period: null }] },
    );
    expect(followPending(s)).toBe(false);
    expect(s.period).toEqual({ id: "2022-Y", source: "user" });
  });

  it("restores a period picked by hand, and works a followed one out again from the files", () => {
    const snapshot = (period: SessionSnapshot["period"]): SessionSnapshot => ({
      files: [],
      history: [],
      roster: null,
      options: initialState(DEFAULT_PERIOD).options,
      period,
      lang: "en",
    });
    const user = run(initialState(DEFAULT_PERIOD), { type: "restored", snapshot: snapshot({ id: "2021-Q2", source: "user" }) });
    expect(user.period).toEqual({ id: "2021-Q2", source: "user" });
    expect(user.lang).toBe("en");
    const followed = run(initialState(DEFAULT_PERIOD), { type: "restored", snapshot: snapshot({ id: "2021-Q2", source: "files" }) });
    expect(followed.period).toEqual({ id: DEFAULT_PERIOD, source: "default" });
  });
});

describe("a typed deadline stays with the period it was typed for (TASKPANE.md §5: option `deadlines` for the period)", () => {
  it("applies to its period only, the period picked by hand", () => {
    let s = run(restored(), { type: "periodPicked", id: "2023-9M" }, { type: "deadlineSet", date: "2023-09-30" });
    expect(requestOf(s)).toMatchObject({ periodId: "2023-9M", options: { deadline: "2023-09-30" } });
    s = run(s, { type: "periodPicked", id: "2023-Y" });
    expect(requestOf(s)).toMatchObject({ periodId: "2023-Y", options: { deadline: null } });
    // Clearing the (empty) field for 2023-Y leaves 2023-9M's deadline alone.
    expect(run(s, { type: "deadlineSet", date: null })).toBe(s);
    s = run(s, { type: "periodPicked", id: "2023-9M" });
    expect(requestOf(s).options.deadline).toBe("2023-09-30");
    s = run(s, { type: "deadlineSet", date: null });
    expect(requestOf(s).options.deadline).toBeNull();
  });

  it("applies to its period only, the period following the files", () => {
    let s = run(restored(), { type: "deadlineSet", date: "2027-01-05" });
    expect(requestOf(s)).toMatchObject({ periodId: DEFAULT_PERIOD, options: { deadline: "2027-01-05" } });
    s = run(s, { type: "filesAdded", incoming: [incoming("A.xlsx", "a")], ids: ["a"] }, { type: "filePeriods", periods: [{ id: "a", period: "2023-H1" }] });
    expect(requestOf(s)).toMatchObject({ periodId: "2023-H1", options: { deadline: null } });
    s = run(s, { type: "fileRemoved", id: "a" });
    expect(requestOf(s)).toMatchObject({ periodId: DEFAULT_PERIOD, options: { deadline: "2027-01-05" } });
  });

  it("ties a deadline stored by an earlier version (a bare date) to the stored session's period", () => {
    const old = { ...initialState(DEFAULT_PERIOD).options, deadline: "2023-06-17" };
    expect(settingsOf(old, { id: "2023-H1", source: "files" }).deadline).toEqual({ periodId: "2023-H1", date: "2023-06-17" });
    expect(settingsOf(old, { id: "2023-H1", source: "user" }).deadline).toEqual({ periodId: "2023-H1", date: "2023-06-17" });
    expect(settingsOf(old, null).deadline).toBeNull();
    expect(settingsOf({ ...old, deadline: { periodId: "2023-Q2", date: "2023-06-20" } }, null).deadline).toEqual({ periodId: "2023-Q2", date: "2023-06-20" });
    // Whatever else IndexedDB hands back is no deadline.
    expect(settingsOf({ ...old, deadline: JSON.parse("{\"periodId\":7}") as string }, null).deadline).toBeNull();

    // Restored: the followed period is worked out again; the old deadline applies once it is 2023-H1 again.
    const file = { id: "a", name: "A.xlsx", originalName: "A.xlsx", size: 1, sha256: "sha-a", source: "file" as const, received: null, bytes: new ArrayBuffer(1) };
    const snapshot: SessionSnapshot = { files: [file], history: [], roster: null, options: old, period: { id: "2023-H1", source: "files" }, lang: "vi" };
    let s = run(initialState(DEFAULT_PERIOD), { type: "restored", snapshot });
    expect(s.options.deadline).toEqual({ periodId: "2023-H1", date: "2023-06-17" });
    s = run(s, { type: "filePeriods", periods: [{ id: "a", period: "2023-H1" }] });
    expect(requestOf(s)).toMatchObject({ periodId: "2023-H1", options: { deadline: "2023-06-17" } });
    s = run(s, { type: "periodPicked", id: "2023-Q2" });
    expect(requestOf(s).options.deadline).toBeNull();
  });
});

describe("messages", () => {
  it("a message still shown is not shown twice (storage failing on restore, then on the first save); once dismissed it may come again", () => {
    const message = { vi: "Không lưu được danh sách trên máy này.", en: "The list could not be saved on this machine." };
    let s = run(restored(), { type: "error", message }, { type: "error", message });
    expect(s.errors.map((e) => e.message.en)).toEqual([message.en]);
    s = run(s, { type: "errorDismissed", id: s.errors[0]?.id ?? -1 }, { type: "error", message });
    expect(s.errors.map((e) => e.message.en)).toEqual([message.en]);
  });
});

describe("files dropped while the kept list is still being read", () => {
  it("are added after the kept list, not replaced by it (the same file once, a same-named other file as (2))", () => {
    const kept = (name: string, content: string, id: string) => ({ id, name, originalName: name, size: content.length, sha256: `sha-${content}`, source: "file" as const, received: null, bytes: new ArrayBuffer(content.length) });
    const snapshot: SessionSnapshot = {
      files: [kept("A.xlsx", "a", "k1"), kept("B.xlsx", "b", "k2")],
      history: [kept("H.xlsx", "h", "k3")],
      roster: null,
      options: { receipts: null, deadline: null, acceptWithErrors: false, preparerName: "", headName: "", signDate: "" },
      period: null,
      lang: "vi",
    };
    // Before "restored": a drop of three files (one the same as kept, one a same-named other file) and an earlier-period file.
    const early = run(
      initialState(DEFAULT_PERIOD),
      { type: "filesAdded", incoming: [incoming("A.xlsx", "a"), incoming("B.xlsx", "b-corrected"), incoming("C.xlsx", "c")], ids: ["e1", "e2", "e3"] },
      { type: "historyAdded", incoming: [incoming("H2.xlsx", "h2")], ids: ["e4"] },
    );
    const s = run(early, { type: "restored", snapshot });
    expect(s.files.map((f) => [f.id, f.name])).toEqual([
      ["k1", "A.xlsx"],
      ["k2", "B.xlsx"],
      ["e2", "B (2).xlsx"],
      ["e3", "C.xlsx"],
    ]);
    expect(s.history.map((f) => [f.id, f.name])).toEqual([
      ["k3", "H.xlsx"],
      ["e4", "H2.xlsx"],
    ]);
  });
});

describe("results", () => {
  it("drops a check or consolidation made for inputs that have changed since", () => {
    const s = run(restored(), { type: "filesAdded", incoming: [incoming("A.xlsx", "a")], ids: ["a"] });
    const view = checkView([], []);
    const stale = run(s, { type: "checked", version: s.inputsVersion - 1, view });
    expect(stale.check).toBeNull();
    const fresh = run(s, { type: "checked", version: s.inputsVersion, view });
    expect(fresh.check).toBe(view);
    // Only the identity of the view matters to the reducer; a whole report is not needed for that.
    const consolidated = run(fresh, { type: "consolidated", version: fresh.inputsVersion, view: { check: view } as unknown as ConsolidateView });
    expect(consolidated.consolidated).not.toBeNull();
    // Any change of the inputs drops the report made from the old ones.
    expect(run(consolidated, { type: "optionsSet", options: { headName: "B" } }).consolidated).toBeNull();
  });
});

describe("error messages say how to fix, in the pane's language", () => {
  const fallback = { vi: "Đề nghị lưu sổ làm việc rồi thử lại.", en: "Save the workbook and try again." };

  it("takes a UserError's two languages as they are", () => {
    const localised = { vi: "Tệp quá lớn.", en: "The file is too large." };
    expect(messageOf(new UserError(localised), fallback)).toEqual(localised);
  });

  it("says an Office failure in the pane's words, with Office's own reason after them", () => {
    const error = new OfficeActionError("read", "Không đọc được sổ làm việc", "GeneralException");
    expect(messageOf(error, fallback)).toEqual({ vi: "Đề nghị lưu sổ làm việc rồi thử lại. (GeneralException)", en: "Save the workbook and try again. (GeneralException)" });
  });
});

describe("words (TASKPANE.md, WORKBOOKS.md §2.7–2.9, CLI.md)", () => {
  const summary = { expected: 47, received: 45, accepted: 43, late: 3, rejected: 2, missing: ["X", "Y"] };

  it("writes the summary line and rates as the spec prints them", () => {
    expect(VI.summary(summary)).toBe("Phải nộp 47 · Đã nộp 45 · Được chấp nhận 43 · Nộp muộn 3 · Chưa nộp 2 · Bị trả lại 2");
    expect(EN.summary(summary)).toBe("Expected 47 · Submitted 45 · Accepted 43 · Late 3 · Missing 2 · Rejected 2");
    expect(`${VI.inspectionRate}: ${VI.rateValue(45, 60, 0.75)}`).toBe("Hoàn thành kế hoạch thanh tra, kiểm tra: 75,0% (45/60 cuộc)");
    expect(`${VI.partyRate}: ${VI.rateValue(53, 100, 0.53)}`).toBe("Hoàn thành chương trình kiểm tra, giám sát: 53,0% (53/100 cuộc)");
    expect(VI.progress({ phase: "add", done: 37, total: 52 })).toBe("Đang đọc 37/52 tệp…");
    // Then the check's own bar, named otherwise, so it does not seem to go back to 0 (review of 2026-12-07).
    expect(VI.progress({ phase: "read", done: 0, total: 52 })).toBe("Đang kiểm tra 0/52 tệp…");
    expect(EN.progress({ phase: "read", done: 3, total: 52 })).toBe("Checking 3/52 files…");
    // A one-step stage shows no count (it read "Đang lập báo cáo 0/1…").
    expect(VI.progress({ phase: "report", done: 0, total: 1 })).toBe("Đang lập báo cáo…");
    expect(VI.progress({ phase: "zip", done: 2, total: 5 })).toBe("Đang nén 2/5…");
  });

  it("uses the report's status and severity words", () => {
    expect(Object.values(VI.unitStatus)).toEqual(["Đúng hạn", "Nộp muộn", "Bị trả lại", "Chưa nộp"]);
    expect(Object.values(VI.severity)).toEqual(["Lỗi", "Cảnh báo", "Thông tin"]);
    expect(VI.periodTypes).toEqual({ M: "Tháng", Q: "Quý", H1: "6 tháng", "9M": "9 tháng", Y: "Năm" });
    expect(VI.inputStatus.duplicate).toBe("Trùng lặp");
  });
});

// ------------------------------------------------------------------------------------------------
// Drawn on the server: the sections' words in order, and long lists drawn a page at a time.

function html(element: ReactElement): string {
  return renderToStaticMarkup(createElement(FluentProvider, { theme: webLightTheme }, element));
}

/** FindingsSection's props: Vietnamese, no unit names, every severity shown, nothing to return; `own` on top. */
function findingsProps(own: Partial<FindingsSectionProps> & Pick<FindingsSectionProps, "findings">): FindingsSectionProps {
  return {
    t: VI,
    lang: "vi",
    unitNames: new Map<string, string>(),
    selectable: new Set<string>(),
    filters: { status: "all", severities: ["error", "warning", "info"], unit: "all" },
    canReturn: false,
    returning: false,
    downloadNote: null,
    onFilters: () => undefined,
    onSelectCell: () => undefined,
    onReturnFiles: () => undefined,
    ...own,
  };
}

function count(markup: string, testId: string): number {
  return markup.split(`data-testid="${testId}"`).length - 1;
}

function unit(i: number, status: UnitView["status"]): UnitView {
  return { code: `DV-${i}`, name: `Đơn vị ${i}`, expected: true, status, daysLate: 0, effective: null, duplicates: [] };
}

function finding(i: number, unitCode: string): FindingView {
  return {
    file: `BM_${unitCode}.xlsx`,
    unit: unitCode,
    severity: i % 3 === 0 ? "error" : "warning",
    rule: "V-SUM-01",
    form: null,
    sheet: "01_TCD",
    cell: `E${10 + i}`,
    row: null,
    column: null,
    value: null,
    expected: null,
    message: { vi: `Tổng không khớp ${i}`, en: `Total does not match ${i}` },
    inputId: `in-${unitCode}`,
  };
}

function checkView(units: readonly UnitView[], findings: readonly FindingView[]): CheckView {
  return {
    periodId: "2023-9M",
    windowText: { vi: "Số liệu tính từ ngày 15/12/2022 đến ngày 14/09/2023", en: "Data from 15/12/2022 to 14/09/2023" },
    deadline: "2023-09-16",
    summary: { expected: units.length, received: 0, accepted: 0, late: 0, rejected: 0, missing: units.map((u) => u.code) },
    units,
    unused: [],
    inputs: [],
    findings,
    canConsolidate: false,
    rosterErrors: [],
    rosterWarning: null,
    rosterLabel: { vi: "Mặc định (47 đơn vị)", en: "Default (47 units)" },
    historyNotUsed: [],
    receiptNotes: [],
  };
}

function inputView(id: string, unit: string | null, status: InputView["status"], errors: number): InputView {
  return { id, file: `${id}.xlsx`, unit, status, reasons: [], reason: null, errors, warnings: 0, period: null, received: null, effective: status === "accepted" || status === "rejected" };
}

describe("'Tải tệp trả lại cho đơn vị' (TASKPANE.md §7: the annotated copies of the units with errors)", () => {
  const error = (inputId: string, unitCode: string | null): FindingView => ({ ...finding(0, unitCode ?? ""), unit: unitCode, inputId });

  it("is offered when a unit's used file has errors", () => {
    const rejected = { ...unit(1, "rejected"), effective: inputView("u1", "DV-1", "rejected", 2) };
    expect(hasReturnFiles(checkView([unit(0, "missing"), rejected], [error("u1", "DV-1")]))).toBe(true);
    // A unit that is not expected but sent a file with errors (with acceptWithErrors, an accepted one) counts too.
    const accepted = { ...unit(2, null), expected: false, effective: inputView("u2", "DV-2", "accepted", 1) };
    expect(hasReturnFiles(checkView([accepted], [error("u2", "DV-2")]))).toBe(true);
  });

  it("is not offered for errors of files that are no unit's submission, nor of a unit's superseded file", () => {
    const unreadable = inputView("x", null, "unreadable", 1);
    const other = inputView("y", null, "not-a-submission", 1);
    const view = { ...checkView([unit(0, "missing")], [error("x", null), error("y", null)]), unused: [unreadable, other], inputs: [unreadable, other] };
    expect(hasReturnFiles(view)).toBe(false);
    const superseded = inputView("old", "DV-1", "duplicate", 3);
    const clean = { ...unit(1, "on-time"), effective: inputView("new", "DV-1", "accepted", 0), duplicates: [superseded] };
    expect(hasReturnFiles(checkView([clean], [error("old", "DV-1")]))).toBe(false);
    expect(hasReturnFiles(null)).toBe(false);
  });
});

describe("sections drawn", () => {
  const never = new Promise<never>(() => undefined);
  const pipeline: Pipeline = {
    periodsOf: () => never,
    check: () => never,
    consolidate: () => never,
    returnFiles: () => never,
    templates: () => never,
    sha256: () => never,
  };
  const office: OfficeHost = {
    inExcel: false,
    canOpenWorkbook: false,
    canInsertSheets: false,
    canDownload: true,
    theme: null,
    readOpenWorkbook: () => never,
    openReport: () => never,
    insertReport: () => never,
    selectCell: () => never,
  };
  const deps = { pipeline, office, store: { load: () => never, save: () => never, clear: () => never }, today: "2023-09-20" };

  it("shows the header, the empty state and the sections in the order of the work, in Vietnamese", () => {
    const markup = html(createElement(App, { deps }));
    const order = ["Tổng hợp báo cáo", "Bắt đầu trong ba bước", "Kỳ báo cáo", "Danh sách đơn vị", "Tệp báo cáo của đơn vị", "Kéo thả tệp vào đây hoặc Chọn tệp…", "Tùy chọn", "Tổng hợp", "Tải mẫu biểu trống cho các đơn vị"];
    const at = order.map((text) => markup.indexOf(`>${text}<`));
    expect(at.every((i) => i >= 0), JSON.stringify(order.filter((_, k) => (at[k] ?? -1) < 0))).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Today 20/09/2023: the latest ended window is the 9 months' (ends 14/09), preferred over Q3.
    expect(markup).toContain("Số liệu tính từ ngày 15/12/2022 đến ngày 14/09/2023");
    // Outside Excel: no workbook actions.
    expect(markup).not.toContain("Đọc từ sổ làm việc đang mở");
    expect(count(markup, "drop-zone")).toBe(1);
    expect(count(markup, "file-input")).toBe(1);
  });

  it("draws 150 units 50 at a time, with 'Xem thêm'", () => {
    const units = Array.from({ length: 150 }, (_, i) => unit(i, "missing"));
    const markup = html(createElement(StatusSection, { t: VI, lang: "vi", check: checkView(units, []), filter: "all", onFilter: () => undefined }));
    expect(markup).toContain('data-testid="summary"');
    expect(count(markup, "unit-row")).toBe(50);
    expect(markup).toContain("Xem thêm (còn 100)");
    expect(markup).toContain("Chưa nộp");
  });

  it("draws 1,500 findings of 100 units as 20 groups of 10 rows, with counts in each group header", () => {
    const findings = Array.from({ length: 1500 }, (_, i) => finding(i, `DV-${Math.floor(i / 15)}`));
    const markup = html(
      createElement(FindingsSection, findingsProps({ findings, unitNames: new Map([["DV-0", "Đơn vị 0"]]), canReturn: true })),
    );
    expect(count(markup, "finding-group")).toBe(20);
    expect(count(markup, "finding-row")).toBe(200);
    // DV-0 holds findings 0–14: 5 errors (0, 3, 6, 9, 12) and 10 warnings.
    expect(markup).toContain("5 lỗi · 10 cảnh báo · 0 thông tin");
    expect(markup).toContain("01_TCD!E10");
    expect(markup).toContain("Lỗi (500)");
  });

  it("counts a unit's findings in its header whatever the filter shows; says when the filter hides them all; names the file when a unit has two", () => {
    // Review of 2026-12-07: the header counted only the shown findings ("0 thông tin" with 6 infos hidden);
    // no severity chosen showed an empty list with no word; a resend's findings looked alike.
    const own = (i: number, severity: FindingView["severity"], file: string): FindingView => ({ ...finding(i, "DV-0"), severity, file });
    const findings = [own(0, "error", "BM_DV-0.xlsx"), own(1, "info", "BM_DV-0.xlsx"), own(2, "info", "BM_DV-0 (2).xlsx")];
    const section = (severities: FindingView["severity"][], t = VI) =>
      html(
        createElement(FindingsSection, findingsProps({ t, lang: t === VI ? "vi" : "en", findings, unitNames: new Map([["DV-0", "Đơn vị 0"]]), filters: { status: "all", severities, unit: "all" } })),
      );
    const errorsOnly = section(["error"]);
    expect(count(errorsOnly, "finding-row")).toBe(1);
    expect(errorsOnly).toContain("1 lỗi · 0 cảnh báo · 2 thông tin");
    expect(count(errorsOnly, "finding-file")).toBe(1);
    expect(errorsOnly).toContain(">BM_DV-0.xlsx<");
    expect(section([])).toContain("Không có phát hiện nào khớp bộ lọc");
    expect(section(["error"], EN)).toContain("1 error · 0 warnings · 2 info");
    // One file only: no file line.
    const single = findings.slice(0, 2);
    expect(count(html(createElement(FindingsSection, findingsProps({ findings: single, filters: { status: "all", severities: ["error", "info"], unit: "all" } }))), "finding-file")).toBe(0);
  });

  it("makes a finding of the open workbook a button that selects its cell, and no other", () => {
    const findings = [finding(0, "DV-0"), finding(1, "DV-1")];
    const markup = html(
      createElement(FindingsSection, findingsProps({ findings, selectable: new Set(["in-DV-1"]) })),
    );
    expect(markup.match(/<button type="button"[^>]*data-testid="finding-row"/gu)?.length).toBe(1);
    expect(markup).toContain('title="Chọn ô 01_TCD!E11 trong sổ làm việc"');
  });

  it("says why 'Tổng hợp' cannot run: the roster's errors first, then a check not finished, then no accepted submission", () => {
    const view = (rosterErrors: number, canConsolidate: boolean) => ({ rosterErrors: Array.from({ length: rosterErrors }, () => ({})), canConsolidate }) as unknown as CheckView;
    expect(consolidateBlock(view(2, false), true)).toBe("roster");
    expect(consolidateBlock(view(2, true), false)).toBe("roster");
    expect(consolidateBlock(view(0, true), false)).toBe("checking");
    expect(consolidateBlock(null, false)).toBe("checking");
    expect(consolidateBlock(view(0, false), true)).toBe("none-accepted");
    expect(consolidateBlock(view(0, true), true)).toBeNull();
    expect(VI.consolidateHint.roster).toBe("Sửa các lỗi của danh sách đơn vị (ở trên) trước khi tổng hợp.");
  });

  it("offers the exports the host supports, and 'Tải về (.xlsx)' where a download saves a file", () => {
    const result = {
      fileName: "BaoCaoTongHop_2023-9M.xlsx",
      rates: {
        inspection: { completed: 45, planned: 60, rate: 0.75, text: { vi: "", en: "" } },
        party: { completed: 0, planned: 0, rate: null, text: { vi: "", en: "" } },
      },
    } as unknown as ConsolidateView; // only the fields the section shows
    const section = (canOpen: boolean, canInsert: boolean, canDownload = true) =>
      html(
        createElement(ConsolidateSection, {
          t: VI,
          canConsolidate: true,
          blocked: null,
          busy: false,
          progress: null,
          exporting: false,
          result,
          canOpen,
          canInsert,
          canDownload,
          onConsolidate: () => undefined,
          onOpen: () => undefined,
          onInsert: () => undefined,
          onDownload: () => undefined,
        }),
      );
    const browser = section(false, false);
    expect([count(browser, "export-open"), count(browser, "export-insert"), count(browser, "export-download")]).toEqual([0, 0, 1]);
    const excel = section(true, true);
    expect([count(excel, "export-open"), count(excel, "export-insert"), count(excel, "export-download")]).toEqual([1, 1, 1]);
    expect(excel).toContain(">Mở báo cáo trong Excel<");
    expect(excel).toContain(">Chèn vào sổ làm việc này<");
    expect(excel).toContain("75,0% (45/60 cuộc)");
    expect(excel).toContain("— (0/0 cuộc)");
    const desktop = section(true, true, false);
    expect([count(desktop, "export-open"), count(desktop, "export-insert"), count(desktop, "export-download")]).toEqual([1, 1, 0]);
  });

  it("in desktop Excel only, says beside the .zip downloads that the pane may save nothing there, in the pane's language", () => {
    const host = (inExcel: boolean, canDownload: boolean): OfficeHost => ({ ...office, inExcel, canOpenWorkbook: inExcel, canInsertSheets: inExcel, canDownload });
    const desktop = html(createElement(App, { deps: { ...deps, office: host(true, false) } }));
    expect(count(desktop, "download-note")).toBe(1);
    expect(desktop).toContain(`>${VI.downloadNote}<`);
    // The note is the templates button's description.
    expect(/<button[^>]*data-testid="templates"[^>]*>/u.exec(desktop)?.[0]).toContain('aria-describedby="templates-note"');
    expect(VI.downloadNote).toContain("Excel trên web");
    expect(EN.downloadNote).toContain("Excel on the web");
    for (const markup of [html(createElement(App, { deps: { ...deps, office: host(true, true) } })), html(createElement(App, { deps }))]) {
      expect(count(markup, "download-note")).toBe(0);
    }
    const findings = (downloadNote: string | null) =>
      html(
        createElement(FindingsSection, findingsProps({ t: EN, lang: "en", findings: [finding(0, "DV-0")], canReturn: true, downloadNote })),
      );
    expect(findings(EN.downloadNote)).toContain(`>${EN.downloadNote.replace("'", "&#x27;")}<`);
    expect(count(findings(null), "download-note")).toBe(0);
  });
});
