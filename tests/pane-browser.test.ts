/**
 * The task pane as a user meets it (TASKPANE.md), in headless Debian Chromium: the built bundle
 * served on loopback, every other request aborted and counted, no page error. Files are added with
 * the file chooser and by drag and drop; the status counts, the missing units and the findings are
 * those the spec gives for tests/fixtures/submissions/folder-2023-H1 (expectations.json); the
 * downloaded report is the core's report for the same files, run here in Node. The keyboard alone
 * does the whole workflow; axe-core finds no serious or critical violation. The longest main-thread
 * task while 100 files are read is printed, and screenshots of the pane go to docs/images/.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Download, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { EXPECTED, cellDifferences, coreRun, folderBatches, hundredUnitPeriod, reportCells } from "./browser/pane-data";
import {
  builtPane,
  dropFiles,
  launchChromium,
  seriousAxeViolations,
  serveStatic,
  startLongTasks,
  stopLongTasks,
  watchedContext,
  type FileBytes,
  type Served,
  type Watch,
} from "./browser/pane-harness";

const IMAGES = path.join(__dirname, "..", "docs", "images");
/** Temporary folders made by the test (the pane's copy, the files chosen), removed at the end. */
const scratch: string[] = [];
/** Reading, checking and consolidating ~50 files in the worker: generous on a shared 2-core machine. */
const WORK = 90_000;

const { chosen, dropped } = folderBatches();
/** A second "ghi-chu.txt" with other bytes: listed as "ghi-chu (2).txt". */
const NOTE_AGAIN: FileBytes = { name: "ghi-chu.txt", bytes: new TextEncoder().encode("Ghi chú mới: đợt 2 gửi muộn.\n") };

/** The pane's list after both batches and the second note, as TASKPANE.md names them. */
function expectedList(): FileBytes[] {
  const seen = new Set<string>();
  const unique = (f: FileBytes): FileBytes => {
    let name = f.name;
    const dot = f.name.lastIndexOf(".");
    for (let n = 2; seen.has(name); n++) name = `${f.name.slice(0, dot)} (${n})${f.name.slice(dot)}`;
    seen.add(name);
    return { name, bytes: f.bytes };
  };
  return [...chosen, ...dropped, NOTE_AGAIN].map(unique);
}

/** "Phải nộp 47 · Đã nộp 45 · …" from the spec's expectations, not from the pane's words. */
function summaryLine(lang: "vi" | "en"): string {
  const u = EXPECTED.units;
  return lang === "vi"
    ? `Phải nộp ${u.expected} · Đã nộp ${u.received} · Được chấp nhận ${u.accepted} · Nộp muộn ${u.late} · Chưa nộp ${u.missing.length} · Bị trả lại ${u.rejected}`
    : `Expected ${u.expected} · Submitted ${u.received} · Accepted ${u.accepted} · Late ${u.late} · Missing ${u.missing.length} · Rejected ${u.rejected}`;
}

/** "41,0% (34/83 cuộc)": the headline rate as TASKPANE.md §8 prints it. */
function rateText(rate: { completed: number; planned: number }): string {
  return `${((rate.completed / rate.planned) * 100).toFixed(1).replace(".", ",")}% (${rate.completed}/${rate.planned} cuộc)`;
}

function unitName(code: string): string {
  const row = DEFAULT_ROSTER.rows.find((r) => r.code === code);
  if (!row) throw new Error(`${code} is not in the default roster`);
  return row.name;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function downloaded(download: Download): Promise<Uint8Array> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The pane's controls, by role and the spec's words where they have them. */
function pane(page: Page) {
  return {
    dropZone: page.getByRole("button", { name: /Kéo thả tệp vào đây hoặc Chọn tệp|Drag files here or Choose files/u }),
    summary: page.getByTestId("summary"),
    fileCount: page.getByTestId("file-count"),
    fileRows: page.getByTestId("file-row"),
    unitRows: page.getByTestId("unit-row"),
    findingRows: page.getByTestId("finding-row"),
    statusFilter: page.getByLabel(/^(Lọc theo trạng thái|Filter by status)$/u),
    unitFilter: page.getByLabel(/^(Đơn vị|Unit)$/u),
    severity: (word: string) => page.getByRole("group", { name: /^(Mức độ|Severity)$/u }).getByRole("button", { name: new RegExp(`^${word} \\(\\d+\\)$`, "u") }),
    language: (code: "VI" | "EN") => page.getByRole("group", { name: /^(Ngôn ngữ|Language)$/u }).getByRole("button", { name: code }),
    consolidate: page.getByRole("button", { name: /^(Tổng hợp|Consolidate)$/u }),
    download: page.getByRole("button", { name: /^(Tải về \(\.xlsx\)|Download \(\.xlsx\))$/u }),
  };
}

/**
 * Chooses files in the file chooser that `open` brings up (a click, or Enter on the drop zone). The
 * files are given as paths on disk, as a user picks them: Chromium reads them itself, whereas bytes
 * given in memory would be decoded by Playwright's script on the page's main thread.
 */
async function chooseFiles(page: Page, open: () => Promise<void>, files: readonly FileBytes[], multiple = true): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-pane-browser-chosen-"));
  scratch.push(dir);
  const paths: string[] = [];
  for (const f of files) {
    const at = path.join(dir, String(paths.length), f.name);
    await mkdir(path.dirname(at));
    await writeFile(at, f.bytes);
    paths.push(at);
  }
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), open()]);
  expect(chooser.isMultiple()).toBe(multiple);
  await chooser.setFiles(paths);
}

/** Waits until the pane is idle (data-busy="false": nothing read or checked) and the summary says `line`. */
async function settled(page: Page, line: string | RegExp): Promise<void> {
  const ui = pane(page);
  const state = async () => {
    const busy = await page.getByTestId("pane").getAttribute("data-busy");
    // textContent, not innerText: polling must not force layouts while long tasks are measured.
    const summary = (await ui.summary.count()) > 0 ? ((await ui.summary.textContent()) ?? "") : "(no summary)";
    const matches = typeof line === "string" ? summary === line : line.test(summary);
    return busy === "false" && matches ? "settled" : `busy=${busy}: ${summary}`;
  };
  await expect.poll(state, { timeout: WORK, interval: 250 }).toBe("settled");
}

/** Every name in the file list, drawing its further pages ("Xem thêm") first. */
async function listedFiles(page: Page): Promise<Array<string | null>> {
  const more = page.getByTestId("section-files").getByRole("button", { name: /^(Xem thêm|Show more)/u });
  for (let i = 0; i < 100 && (await more.count()) > 0; i++) await more.click();
  return pane(page).fileRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-file")));
}

/** Sets the severity toggles so that exactly `shown` are on (aria-pressed), whatever the pane started with. */
async function showSeverities(page: Page, shown: readonly string[]): Promise<void> {
  for (const word of ["Lỗi", "Cảnh báo", "Thông tin"]) {
    const toggle = pane(page).severity(word);
    const on = (await toggle.getAttribute("aria-pressed")) === "true";
    if (on !== shown.includes(word)) await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe(String(shown.includes(word)));
  }
}

/** The pixels of `target` and a few around it (where a focus ring is drawn). */
async function pixelsAround(page: Page, target: Locator): Promise<Buffer> {
  const box = await target.boundingBox();
  if (!box) throw new Error(`${target.toString()} is not on screen`);
  return page.screenshot({ clip: { x: box.x - 6, y: box.y - 6, width: box.width + 12, height: box.height + 12 }, animations: "disabled", caret: "hide" });
}

/**
 * Tabs to `target` and checks that the focus is visible: the control and its surroundings look
 * different once it has the focus (whatever draws the ring: an outline, a pseudo-element).
 */
async function tabToVisibly(page: Page, target: Locator): Promise<number> {
  await target.scrollIntoViewIfNeeded();
  const before = await pixelsAround(page, target);
  const presses = await tabTo(page, target);
  expect((await pixelsAround(page, target)).equals(before), `focus visible on ${target.toString()}`).toBe(false);
  return presses;
}

/** Presses Tab until `target` has the focus (at most `max` times); the number of presses. */
async function tabTo(page: Page, target: Locator, max = 250): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function screenshot(page: Page, section: string, file: string): Promise<void> {
  // Notices (the kept list reopened) are dismissed as a user would, so the picture shows the section.
  const notices = page.getByTestId("notice");
  while ((await notices.count()) > 0) await notices.first().getByRole("button").click();
  await page.getByTestId(`section-${section}`).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await mkdir(IMAGES, { recursive: true });
  await writeFile(path.join(IMAGES, file), await page.screenshot({ animations: "disabled", caret: "hide" }));
}

describe("the task pane in a browser", () => {
  const watch: Watch = { offsite: [], pageErrors: [], consoleErrors: [], refusedByPolicy: [] };
  let served: Served;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let hundred: Awaited<ReturnType<typeof hundredUnitPeriod>>;

  beforeAll(async () => {
    const started = performance.now();
    const [built, period] = await Promise.all([builtPane(), hundredUnitPeriod()]);
    hundred = period;
    if (!process.env.PANE_DIR) scratch.push(built.dir);
    console.log(`pane from ${built.from}, and 100 files generated, in ${Math.round(performance.now() - started)} ms`);
    served = await serveStatic(built.dir);
    browser = await launchChromium();
    context = await watchedContext(browser, watch);
    page = await context.newPage();
    // A fresh production build takes about a minute of CPU, several on a busy machine.
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("opens outside Office on the empty state, with the Excel-only actions hidden", async () => {
    await page.goto(served.url);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), { timeout: 30_000 }).toBe("Tổng hợp báo cáo");
    await page.getByTestId("empty-state").waitFor({ timeout: 30_000 });
    await pane(page).dropZone.waitFor();
    for (const excelOnly of ["Đọc từ sổ làm việc đang mở", "Mở báo cáo trong Excel", "Chèn vào sổ làm việc này"]) {
      expect(await page.getByText(excelOnly).count(), excelOnly).toBe(0);
    }
    expect(await pane(page).consolidate.isDisabled()).toBe(true);
  });

  it("reads files chosen and dropped: the spec's counts, the missing units, the findings; the period follows the files", async () => {
    const ui = pane(page);
    await chooseFiles(page, () => ui.dropZone.click(), chosen);
    await expect.poll(() => ui.fileCount.innerText(), { timeout: WORK }).toBe(`${chosen.length} tệp`);
    await dropFiles(page, ui.dropZone, dropped);
    await expect.poll(() => ui.fileCount.innerText(), { timeout: WORK }).toBe(`${chosen.length + dropped.length} tệp`);
    await settled(page, summaryLine("vi"));
    expect(await page.getByTestId("empty-state").count()).toBe(0);

    // The period is the one the files name (2023-H1), and the pane says so.
    await expect.poll(() => page.getByTestId("period-from-files").innerText()).toBe("Theo kỳ ghi trong tệp đã thêm");
    expect(await page.getByTestId("period-type").inputValue()).toBe("H1");
    expect(await page.getByTestId("period-year").inputValue()).toBe("2023");
    expect(await page.getByTestId("period-window").innerText()).toBe("Số liệu tính từ ngày 15/12/2022 đến ngày 14/06/2023");
    expect(await page.getByTestId("period-deadline").innerText()).toContain("16/06/2023");

    // Every expected unit listed once, the missing ones as "Chưa nộp".
    await expect.poll(() => ui.unitRows.count()).toBe(EXPECTED.units.expected);
    for (const code of EXPECTED.units.missing) {
      const row = page.locator(`[data-testid="unit-row"][data-unit="${code}"]`);
      expect(await row.getByTestId("unit-status").innerText(), code).toBe("Chưa nộp");
      expect(await row.innerText()).toContain(unitName(code));
    }
    // The superseded first file of VU-TTBC is shown under it as "Trùng lặp"; the note is a file not used.
    expect(await page.locator('[data-unit="VU-TTBC"] [data-testid="duplicate-row"]').innerText()).toBe("Trùng lặp: BM_VU-TTBC_2023-H1.xlsx");
    expect(await page.locator('[data-testid="unused-row"][data-file="ghi-chu.txt"]').count()).toBe(1);

    // Findings at their cells, with their severity words (expectations.json).
    const tccb = page.locator('[data-testid="finding-row"][data-unit="VU-TCCB"][data-rule="V-ID-01/TCD-1"]');
    await ui.unitFilter.selectOption("VU-TCCB");
    expect(await tccb.innerText()).toMatch(/^Lỗi\s+01_TCD!B12\s+V-ID-01\/TCD-1/u);
    await ui.unitFilter.selectOption("CUC-QTTV");
    expect(await page.locator('[data-testid="finding-row"][data-rule="V-TYPE-04"]').innerText()).toMatch(/^Cảnh báo\s+PCTN!D33/u);
    await ui.unitFilter.selectOption("all");
  }, 120_000);

  it("filters units by status and findings by severity", async () => {
    const ui = pane(page);
    const unitsShown = async () => (await ui.unitRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-unit")))).sort();
    const late = Object.entries(EXPECTED.inputs).filter(([, v]) => v.status === "accepted" && (v as { received?: { late?: boolean } }).received?.late).map(([, v]) => v.unit);
    const rejected = Object.values(EXPECTED.inputs).filter((v) => v.status === "rejected").map((v) => v.unit);
    const cases: Array<[string, readonly (string | null | undefined)[]]> = [
      [`Chưa nộp (${EXPECTED.units.missing.length})`, EXPECTED.units.missing],
      [`Nộp muộn (${EXPECTED.units.late})`, late],
      [`Bị trả lại (${EXPECTED.units.rejected})`, rejected],
    ];
    for (const [label, units] of cases) {
      await ui.statusFilter.selectOption({ label });
      await expect.poll(unitsShown, { message: label }).toEqual([...units].sort());
    }
    await ui.statusFilter.selectOption({ label: `Tất cả (${EXPECTED.units.expected})` });
    await expect.poll(() => ui.unitRows.count()).toBe(EXPECTED.units.expected);
    await screenshot(page, "status", "pane-status.png");

    // Errors only: the identity error is there, the warning is not; then warnings only.
    const severities = async () => [...new Set(await ui.findingRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-severity"))))].sort();
    await showSeverities(page, ["Lỗi"]);
    await expect.poll(severities).toEqual(["error"]);
    expect(await page.locator('[data-testid="finding-row"][data-rule="V-ID-01/TCD-1"]').count()).toBe(1);
    expect(await page.locator('[data-testid="finding-row"][data-rule="V-TYPE-04"]').count()).toBe(0);
    await showSeverities(page, ["Cảnh báo"]);
    await expect.poll(severities).toEqual(["warning"]);
    expect(await page.locator('[data-testid="finding-row"][data-rule="V-TYPE-04"]').count()).toBe(1);
    await showSeverities(page, ["Thông tin"]);
    await expect.poll(severities).toEqual(["info"]);
    await showSeverities(page, ["Lỗi", "Cảnh báo"]);
    await expect.poll(severities).toEqual(["error", "warning"]);
    await screenshot(page, "findings", "pane-findings.png");
  }, 60_000);

  it("speaks English after EN and Vietnamese again after VI", async () => {
    const ui = pane(page);
    await ui.language("EN").click();
    await page.getByRole("heading", { name: "Submission status" }).waitFor();
    await page.getByRole("heading", { name: "Check results" }).waitFor();
    expect(await ui.summary.innerText()).toBe(summaryLine("en"));
    expect(await page.locator('[data-unit="VU-BPD"] [data-testid="unit-status"]').innerText()).toBe("Missing");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await ui.language("VI").click();
    await page.getByRole("heading", { name: "Tình hình nộp" }).waitFor();
    expect(await page.getByRole("heading", { name: "Submission status" }).count()).toBe(0);
    expect(await ui.summary.innerText()).toBe(summaryLine("vi"));
  });

  it("lists the same name with other bytes as 'name (2)', and ignores the same name with the same bytes", async () => {
    const ui = pane(page);
    const names = () => listedFiles(page);
    // dot2/BM_VU-TTBC_2023-H1.xlsx (dropped) has the name of the first batch's file and other bytes.
    expect(await names()).toContain("BM_VU-TTBC_2023-H1 (2).xlsx");
    const before = await names();
    const again = chosen.filter((f) => f.name === "BM_VU-TTBC_2023-H1.xlsx" || f.name === "ghi-chu.txt");
    await dropFiles(page, ui.dropZone, again);
    await page.waitForTimeout(1_500);
    await settled(page, summaryLine("vi"));
    expect(await names()).toEqual(before);

    await dropFiles(page, ui.dropZone, [NOTE_AGAIN]);
    await expect.poll(names, { timeout: WORK }).toEqual([...before, "ghi-chu (2).txt"]);
    await settled(page, summaryLine("vi"));
    expect(await names()).toEqual(expectedList().map((f) => f.name));
  }, 120_000);

  it("finds the files again after the pane is closed and opened (IndexedDB)", async () => {
    await page.close();
    page = await context.newPage();
    await page.goto(served.url);
    await settled(page, summaryLine("vi"));
    expect(await listedFiles(page)).toEqual(expectedList().map((f) => f.name));
    expect(await page.getByTestId("period-from-files").innerText()).toBe("Theo kỳ ghi trong tệp đã thêm");
  }, 120_000);

  it("consolidates, shows both headline rates, and downloads the report the core makes in Node", async () => {
    const ui = pane(page);
    await expect.poll(() => ui.consolidate.isEnabled(), { timeout: WORK }).toBe(true);
    await ui.consolidate.click();
    await page.getByTestId("rates").waitFor({ timeout: WORK });
    expect(await page.getByTestId("rate-inspection").innerText()).toBe(`Hoàn thành kế hoạch thanh tra, kiểm tra:\n${rateText(EXPECTED.rates.inspection)}`);
    expect(await page.getByTestId("rate-party").innerText()).toBe(`Hoàn thành chương trình kiểm tra, giám sát:\n${rateText(EXPECTED.rates.party)}`);
    expect(await page.getByText("Mở báo cáo trong Excel").count()).toBe(0);
    await screenshot(page, "consolidate", "pane-consolidated.png");

    const [download] = await Promise.all([page.waitForEvent("download", { timeout: WORK }), ui.download.click()]);
    const fromPane = await downloaded(download);
    expect(download.suggestedFilename()).toMatch(/2023-H1.*\.xlsx$/u);

    const inNode = await coreRun(expectedList());
    const report = inNode.report;
    if (!report) throw new Error("the core made no report");
    expect(inNode.json.rates).toMatchObject(EXPECTED.rates);
    expect(download.suggestedFilename()).toBe(report.fileName);
    const differences = cellDifferences(await reportCells(fromPane), await reportCells(report.bytes));
    expect(differences, "cells of the pane's report against the core's").toEqual([]);
    expect(sha256(fromPane), "the pane's report is byte-identical to the core's").toBe(sha256(report.bytes));
  }, 150_000);

  it("no serious or critical accessibility violation (axe-core), with data and after consolidating", async () => {
    const violations = await seriousAxeViolations(page);
    expect(violations).toEqual([]);
  }, 60_000);

  it("does the whole workflow with the keyboard alone, with the focus visible, in a fresh pane", async () => {
    const fresh = await watchedContext(browser, watch);
    try {
      const kb = await fresh.newPage();
      await kb.goto(served.url);
      const ui = pane(kb);
      await kb.getByTestId("empty-state").waitFor({ timeout: 30_000 });
      expect(await seriousAxeViolations(kb), "empty state").toEqual([]);

      // The drop zone is a button: Enter opens the file chooser.
      const few = chosen.filter((f) => /BM_(THANH-TRA-BO|VU-TCCB|CUC-LANH-SU|VU-ASEAN)_/u.test(f.name));
      const toDropZone = await tabToVisibly(kb, ui.dropZone);
      await chooseFiles(kb, () => kb.keyboard.press("Enter"), few);
      await settled(kb, /^Phải nộp 47 · Đã nộp 4 · Được chấp nhận 3 · /u);

      const toConsolidate = await tabToVisibly(kb, ui.consolidate);
      await kb.keyboard.press("Enter");
      await kb.getByTestId("rates").waitFor({ timeout: WORK });
      const toDownload = await tabToVisibly(kb, ui.download);
      const [download] = await Promise.all([kb.waitForEvent("download", { timeout: WORK }), kb.keyboard.press("Enter")]);
      expect((await downloaded(download)).byteLength).toBeGreaterThan(10_000);
      console.log(`keyboard: ${toDropZone} Tab to the drop zone, ${toConsolidate} more to "Tổng hợp", ${toDownload} more to "Tải về (.xlsx)"`);
    } finally {
      await fresh.close();
    }
  }, 150_000);

  it("reads 100 unit files with a 101-unit roster, and prints the longest main-thread task", async () => {
    const fresh = await watchedContext(browser, watch);
    try {
      const big = await fresh.newPage();
      await big.goto(served.url);
      const ui = pane(big);
      await big.getByTestId("empty-state").waitFor({ timeout: 30_000 });
      await chooseFiles(big, () => big.getByRole("button", { name: "Chọn tệp danh sách…" }).click(), [hundred.roster], false);
      await expect.poll(() => big.getByTestId("roster-label").innerText(), { timeout: WORK }).toContain("danh-sach-101.csv");

      await startLongTasks(big);
      const started = performance.now();
      await chooseFiles(big, () => ui.dropZone.click(), hundred.files);
      const received = 101 - hundred.missing.length;
      await settled(big, new RegExp(`^Phải nộp 101 · Đã nộp ${received} · `, "u"));
      const elapsed = performance.now() - started;
      const tasks = await stopLongTasks(big);
      const longest = Math.max(0, ...tasks);
      console.log(
        `100 files (${hundred.files.length}) read and checked in ${Math.round(elapsed)} ms; ` +
          `longest main-thread task ${Math.round(longest)} ms (issue 8 wants < 200 ms); ${tasks.length} tasks over 50 ms`,
      );
      expect(hundred.files.length).toBe(100);
    } finally {
      await fresh.close();
    }
  }, 180_000);

  it("sent no request off loopback and raised no page error", () => {
    // Office.js outside Office tries to frame Microsoft's telemetry page; the pane's policy refuses it.
    if (watch.refusedByPolicy.length > 0) console.log(`refused by the page's policy (no request made):\n${[...new Set(watch.refusedByPolicy)].join("\n")}`);
    expect(watch.offsite, "requests that were not loopback (aborted)").toEqual([]);
    expect(watch.pageErrors, "uncaught errors in the page").toEqual([]);
    expect(watch.consoleErrors, "console errors").toEqual([]);
    expect(served.requested.length).toBeGreaterThan(3);
  });
});
