/**
 * The pane's worker services (src/taskpane/worker) on real fixture files: the folder of period
 * 2023-H1 (tests/fixtures/submissions, expectations written from the spec), the same report bytes
 * as `tonghop aggregate`, return files and templates as zips, and the message protocol over a
 * real MessageChannel.
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../src/core/findings";
import { sha256Hex } from "../src/core/read/sha256";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { DEFAULT_PANE_OPTIONS, type CheckRequest, type CheckView, type PaneOptions, type Pipeline, type StoredFile, type WorkProgress } from "../src/taskpane/api";
import { createInlinePipeline, createPortPipeline } from "../src/taskpane/worker/client";
import { handlers } from "../src/taskpane/worker/handlers";
import type { Endpoint } from "../src/taskpane/worker/protocol";
import { serve } from "../src/taskpane/worker/serve";
import { runBinary, tempDir } from "./helpers/cli";

const FIXTURES = path.join(__dirname, "fixtures", "submissions");
const FOLDER = path.join(FIXTURES, "folder-2023-H1");

interface FolderExpectation {
  readonly units: { expected: number; received: number; accepted: number; rejected: number; late: number; missing: string[] };
  readonly inputs: Record<string, { unit: string | null; status: string; received?: { late: boolean } }>;
  readonly rates: Record<"inspection" | "party", { completed: number; planned: number; rate: number }>;
}
interface Expectations {
  readonly folder: FolderExpectation;
  readonly files: Record<string, { unit: string | null; status: string; findings: Array<{ rule: string; severity: string; sheet: string | null; cell: string | null }> }>;
}

let expectations: Expectations;
let folderFiles: StoredFile[];
const pipeline: Pipeline = createInlinePipeline();

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** A file as the pane stores it; `name` is the display name given to the core as `file`. */
async function stored(file: string, name: string, id = name): Promise<StoredFile> {
  const buf = await readFile(file);
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return { id, name, originalName: path.basename(file), size: buf.length, sha256: sha256Hex(buf), source: "file", received: null, bytes };
}

function request(files: readonly StoredFile[], options: PaneOptions = DEFAULT_PANE_OPTIONS): CheckRequest {
  return { periodId: "2023-H1", files, history: [], roster: null, options };
}

const byName = (view: CheckView, file: string) => view.inputs.find((i) => i.file === file);

beforeAll(async () => {
  expectations = JSON.parse(await readFile(path.join(FIXTURES, "expectations.json"), "utf8")) as Expectations;
  // The folder's files under their paths relative to the folder, as the CLI names them.
  folderFiles = await Promise.all((await listFiles(FOLDER)).map((rel, i) => stored(path.join(FOLDER, rel), rel, `id-${i}`)));
});

describe("check: the folder of 2023-H1 as the pane shows it", () => {
  let view: CheckView;
  const phases: WorkProgress[] = [];
  beforeAll(async () => {
    view = await pipeline.check(request(folderFiles), (p) => phases.push(p));
  });

  it("has the summary of the spec's expectations", () => {
    expect(folderFiles).toHaveLength(48);
    expect(view.summary).toEqual(expectations.folder.units);
    expect(view.periodId).toBe("2023-H1");
    expect(view.deadline).toBe("2023-06-16");
    expect(view.windowText).toEqual({
      vi: "Số liệu tính từ ngày 15/12/2022 đến ngày 14/06/2023",
      en: "Data from 15/12/2022 to 14/06/2023",
    });
    expect(view.rosterLabel.vi).toBe("Mặc định (47 đơn vị)");
    expect(view.rosterWarning).toBeNull();
    expect(view.rosterErrors).toEqual([]);
    expect(view.canConsolidate).toBe(true);
  });

  it("reports read progress up to the number of files", () => {
    const reads = phases.filter((p) => p.phase === "read");
    expect(reads.at(-1)).toEqual({ phase: "read", done: 48, total: 48 });
  });

  it("gives every expected unit the status its file calls for, and the missing units", () => {
    const want = new Map<string, string>();
    for (const [, input] of Object.entries(expectations.folder.inputs)) {
      if (!input.unit) continue;
      if (input.status === "accepted") want.set(input.unit, input.received?.late ? "late" : "on-time");
      if (input.status === "rejected") want.set(input.unit, "rejected");
    }
    for (const code of expectations.folder.units.missing) want.set(code, "missing");
    const expectedUnits = view.units.filter((u) => u.expected);
    expect(expectedUnits.map((u) => u.code)).toEqual(DEFAULT_ROSTER.rows.map((r) => r.code));
    expect(Object.fromEntries(expectedUnits.map((u) => [u.code, u.status]))).toEqual(Object.fromEntries(want));
    expect(view.units.find((u) => u.code === "VU-BPD")?.effective).toBeNull();
  });

  it("lists the superseded file under its unit as a duplicate (Trùng lặp)", () => {
    const ttbc = view.units.find((u) => u.code === "VU-TTBC");
    expect(ttbc?.effective?.file).toBe("dot2/BM_VU-TTBC_2023-H1.xlsx");
    expect(ttbc?.duplicates.map((d) => [d.file, d.status, d.reasons])).toEqual([["BM_VU-TTBC_2023-H1.xlsx", "duplicate", ["V-DUP-01"]]]);
    expect(ttbc?.duplicates[0]?.reason?.vi).toContain("dot2/BM_VU-TTBC_2023-H1.xlsx");
  });

  it("lists the files that are no unit's submission as not used, with the reason", () => {
    expect(view.unused.map((u) => [u.file, u.status, u.reasons])).toEqual([
      ["dot2/BM_CQDD-RU-MOW_2023-H1.xlsx", "unreadable", ["V-FILE-01"]],
      ["ghi-chu.txt", "unreadable", ["V-FILE-01"]],
    ]);
    for (const u of view.unused) expect(u.reason?.vi).toBeTruthy();
    const unusedFindings = view.findings.filter((f) => f.inputId === byName(view, "ghi-chu.txt")?.id);
    expect(unusedFindings.map((f) => f.message)).toContainEqual(view.unused[1]?.reason);
  });

  it("gives every finding on a file the id of that input", () => {
    for (const f of view.findings) {
      if (f.file === null) expect(f.inputId).toBeNull();
      else expect(f.inputId).toBe(folderFiles.find((s) => s.name === f.file)?.id);
    }
    const tccb = byName(view, "BM_VU-TCCB_2023-H1.xlsx");
    expect(view.findings.filter((f) => f.inputId === tccb?.id && f.severity === "error").map((f) => f.rule)).toContain("V-ID-01/TCD-1");
  });
});

describe("check: files that are no unit's submission for the period", () => {
  it("puts another period's file, an unknown unit and a non-submission under 'not used', the unit keeping its status", async () => {
    const extra = await Promise.all(
      ["wrong-period.xlsx", "unknown-unit.xlsx", "not-a-submission.xlsx"].map((f) => stored(path.join(FIXTURES, "cases", f), f)),
    );
    const view = await pipeline.check(request([...folderFiles, ...extra]), () => undefined);
    const unused = Object.fromEntries(view.unused.map((u) => [u.file, u.reasons]));
    expect(unused["wrong-period.xlsx"]).toEqual(["V-PERIOD-02"]);
    expect(unused["unknown-unit.xlsx"]).toEqual(["V-UNIT-02"]);
    expect(unused["not-a-submission.xlsx"]).toEqual(["V-FILE-03"]);
    expect(view.unused.find((u) => u.file === "wrong-period.xlsx")?.period).toBe("2023-Q1");
    // UB-BIEN-GIOI sent its 2023-H1 file too: still accepted, the Q1 file is not a duplicate of it.
    const unit = view.units.find((u) => u.code === "UB-BIEN-GIOI");
    expect(unit?.status).toBe("on-time");
    expect(unit?.duplicates).toEqual([]);
    expect(view.summary).toEqual(expectations.folder.units);
  });
});

describe("check: two same-named files from two folders", () => {
  it("keeps their verdicts apart: the clean one accepted, the broken one rejected", async () => {
    const clean = await stored(path.join(FIXTURES, "cases", "ok-filled.xlsx"), "BM_X.xlsx", "clean");
    const broken = await stored(path.join(FIXTURES, "cases", "identity-errors.xlsx"), "BM_X (2).xlsx", "broken");
    const view = await pipeline.check(request([clean, broken]), () => undefined);
    expect(Object.fromEntries(view.inputs.map((i) => [i.id, [i.file, i.status]]))).toEqual({
      clean: ["BM_X.xlsx", "accepted"],
      broken: ["BM_X (2).xlsx", "rejected"],
    });
    expect(view.findings.filter((f) => f.inputId === "clean")).toEqual([]);
    const brokenFindings = view.findings.filter((f) => f.inputId === "broken");
    for (const want of expectations.files["cases/identity-errors.xlsx"]?.findings ?? []) {
      expect(brokenFindings).toContainEqual(expect.objectContaining(want));
    }
    expect(view.units.find((u) => u.code === "VU-CAU-AU")?.status).toBe("on-time");
    expect(view.units.find((u) => u.code === "THANH-TRA-BO")?.status).toBe("rejected");
  });
});

describe("consolidate: the same report as `tonghop aggregate`", () => {
  async function cliReport(args: readonly string[]): Promise<Uint8Array> {
    const dir = await tempDir("tonghop-pane-");
    const out = path.join(dir, "x.xlsx");
    const result = await runBinary(["aggregate", FOLDER, "--period", "2023-H1", "--out", out, ...args.map((a) => a.replace("$DIR", dir))]);
    expect(result.stderr).not.toMatch(/Error|Lỗi:/u);
    return new Uint8Array(await readFile(out));
  }

  it("gives byte-identical report bytes with the default options, and both headline rates", async () => {
    const [cli, pane] = await Promise.all([cliReport([]), pipeline.consolidate(request(folderFiles), () => undefined)]);
    expect(sha256Hex(new Uint8Array(pane.report))).toBe(sha256Hex(cli));
    expect(pane.fileName).toBe("BaoCaoTongHop_2023-H1.xlsx");
    const want = expectations.folder.rates;
    expect(pane.rates.inspection).toMatchObject({ completed: want.inspection.completed, planned: want.inspection.planned });
    expect(pane.rates.inspection.rate).toBeCloseTo(want.inspection.rate, 12);
    expect(pane.rates.party).toMatchObject({ completed: want.party.completed, planned: want.party.planned });
    // 34/83 = 40.96 % and 42/79 = 53.16 %, one decimal, Vietnamese decimal comma.
    expect(pane.rates.inspection.text).toEqual({ vi: "41,0% (34/83)", en: "41.0% (34/83)" });
    expect(pane.rates.party.text).toEqual({ vi: "53,2% (42/79)", en: "53.2% (42/79)" });
    expect(pane.json.units).toEqual(expectations.folder.units);
    expect(pane.check.summary).toEqual(expectations.folder.units);
  });

  it("maps deadline, accept-with-errors, the receipt log and the signers as the CLI flags and --config do", async () => {
    const dir = await tempDir("tonghop-pane-opts-");
    const receipts = "tep,ngay_nhan\ndot2/BM_CQDD-US-HOU_2023-H1.xlsx,15/06/2023\n";
    const config = { preparerName: "Nguyễn Văn A", headName: "Trần Thị B", signDate: "2023-06-20" };
    await writeFile(path.join(dir, "nhan.csv"), receipts);
    await writeFile(path.join(dir, "cfg.json"), JSON.stringify(config));
    const earlier = path.join(FIXTURES, "cases", "wrong-period.xlsx");
    const cli = await cliReport([
      "--deadline", "2023-06-17", "--accept-with-errors",
      "--receipts", path.join(dir, "nhan.csv"), "--config", path.join(dir, "cfg.json"), "--history", earlier,
    ]);
    const options: PaneOptions = {
      receipts: { name: "nhan.csv", bytes: new TextEncoder().encode(receipts).buffer as ArrayBuffer },
      deadline: "2023-06-17",
      acceptWithErrors: true,
      ...config,
    };
    const history = [await stored(earlier, "wrong-period.xlsx")];
    const pane = await pipeline.consolidate({ ...request(folderFiles, options), history }, () => undefined);
    expect(sha256Hex(new Uint8Array(pane.report))).toBe(sha256Hex(cli));
    expect(pane.json.history).toEqual([expect.objectContaining({ file: "wrong-period.xlsx", status: "used", period: "2023-Q1" })]);
    // Both late units are on time now (AU-SYD on 17/06, US-HOU by the log), both rejected ones accepted.
    expect(pane.check.summary).toMatchObject({ accepted: 45, rejected: 0, late: 0 });
    expect(pane.check.deadline).toBe("2023-06-17");
  });
});

describe("the receipt log's notes", () => {
  it("say, as the CLI prints them, a row that names no file and a file given two dates (seventh session)", async () => {
    const dir = await tempDir("tonghop-pane-receipt-notes-");
    const receipts = "tep,ngay_nhan\ndot2/BM_CQDD-US-HOU_2023-H1.xlsx,20/06/2023\ndot2/BM_CQDD-US-HOU_2023-H1.xlsx,15/06/2023\nBM_KHONG-CO_2023-H1.xlsx,10/06/2023\n";
    await writeFile(path.join(dir, "nhan.csv"), receipts);
    const options: PaneOptions = { ...DEFAULT_PANE_OPTIONS, receipts: { name: "nhan.csv", bytes: new TextEncoder().encode(receipts).buffer as ArrayBuffer } };
    const view = await pipeline.check(request(folderFiles, options), () => undefined);
    expect(view.receiptNotes.map((n) => n.vi)).toEqual([
      'Sổ nhận nhan.csv, dòng 4: "BM_KHONG-CO_2023-H1.xlsx" không khớp với tệp nào đã đọc (hoặc khớp với nhiều tệp); ngày nhận của dòng này không được dùng.',
      "Sổ nhận nhan.csv, dòng 2, 3: tệp dot2/BM_CQDD-US-HOU_2023-H1.xlsx có nhiều ngày nhận khác nhau; dùng dòng cuối (dòng 3: 15/06/2023).",
    ]);
    const cli = await runBinary(["validate", FOLDER, "--period", "2023-H1", "--receipts", path.join(dir, "nhan.csv")]);
    for (const note of view.receiptNotes) expect(cli.stderr).toContain(note.vi);
    // Without a log, nothing to say.
    expect((await pipeline.check(request(folderFiles), () => undefined)).receiptNotes).toEqual([]);
  });
});

describe("consolidate: nothing accepted", () => {
  it("still gives a report (every unit missing) and no rate", async () => {
    const pane = await pipeline.consolidate({ ...request([]), periodId: "2023-9M" }, () => undefined);
    expect(pane.fileName).toBe("BaoCaoTongHop_2023-9M.xlsx");
    expect(pane.check.summary.missing).toHaveLength(47);
    expect(pane.check.canConsolidate).toBe(false);
    expect(pane.rates.inspection).toEqual({ completed: 0, planned: 0, rate: null, text: { vi: "-", en: "-" } });
    expect(pane.report.byteLength).toBeGreaterThan(0);
  });
});

describe("return files and templates", () => {
  it("zips annotated copies of the units whose effective file has errors; the originals are unchanged", async () => {
    const before = folderFiles.map((f) => sha256Hex(new Uint8Array(f.bytes)));
    const { fileName, zip } = await pipeline.returnFiles(request(folderFiles), () => undefined);
    expect(fileName).toBe("TraLai_2023-H1.zip");
    const entries = unzipSync(new Uint8Array(zip));
    expect(Object.keys(entries).sort()).toEqual(["BM_UB-NVNONN_2023-H1-tra-lai.xlsx", "BM_VU-TCCB_2023-H1-tra-lai.xlsx"]);
    const wb = new ExcelJS.Workbook();
    const copy = entries["BM_VU-TCCB_2023-H1-tra-lai.xlsx"] as Uint8Array;
    await wb.xlsx.load(copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength) as ArrayBuffer);
    expect(wb.worksheets[0]?.name).toBe("LoiPhatHien");
    const listed: string[] = [];
    wb.worksheets[0]?.eachRow((row) => listed.push(String(row.getCell(5).value)));
    expect(listed).toContain("V-ID-01/TCD-1");
    const cell = wb.getWorksheet("01_TCD")?.getCell("B12");
    expect(JSON.stringify(cell?.note)).toContain("V-ID-01/TCD-1");
    expect(folderFiles.map((f) => sha256Hex(new Uint8Array(f.bytes)))).toEqual(before);
    const original = await readFile(path.join(FOLDER, "BM_VU-TCCB_2023-H1.xlsx"));
    expect(sha256Hex(original)).toBe(folderFiles.find((f) => f.name === "BM_VU-TCCB_2023-H1.xlsx")?.sha256);
    // The same copy as `tonghop annotate` makes of that file.
    const dir = await tempDir("tonghop-pane-annotate-");
    const out = path.join(dir, "y.xlsx");
    await runBinary(["annotate", path.join(FOLDER, "BM_VU-TCCB_2023-H1.xlsx"), "--period", "2023-H1", "--out", out]);
    expect(sha256Hex(copy)).toBe(sha256Hex(await readFile(out)));
    // Deterministic: the same request gives the same zip.
    const again = await pipeline.returnFiles(request(folderFiles), () => undefined);
    expect(sha256Hex(new Uint8Array(again.zip))).toBe(sha256Hex(new Uint8Array(zip)));
  });

  it("a workbook exceljs cannot write again gets no copy but a line in KhongTaoDuoc.txt; the other units keep theirs", async () => {
    // hostile/very-long-sheet-name.xlsx (VU-NGVH, openpyxl), its PCTN!D12 made -5 (V-NEG-01): exceljs cuts the
    // long sheet name to 31 characters and cannot write the workbook again.
    const source = unzipSync(new Uint8Array(await readFile(path.join(__dirname, "fixtures", "hostile", "very-long-sheet-name.xlsx"))));
    const sheet = new TextDecoder().decode(source["xl/worksheets/sheet9.xml"]);
    expect(sheet).toContain('<c r="D12" s="24" t="n"><v>5</v></c>');
    source["xl/worksheets/sheet9.xml"] = new TextEncoder().encode(sheet.replace('<c r="D12" s="24" t="n"><v>5</v></c>', '<c r="D12" s="24" t="n"><v>-5</v></c>'));
    const derived = path.join(await tempDir("tonghop-pane-not-rewritable-"), "BM_VU-NGVH_2023-H1.xlsx");
    await writeFile(derived, zipSync(source));
    const hostile = await stored(derived, "BM_VU-NGVH_2023-H1.xlsx");
    const tccb = folderFiles.find((f) => f.name === "BM_VU-TCCB_2023-H1.xlsx");
    if (!tccb) throw new Error("no TCCB file");
    const { zip } = await pipeline.returnFiles(request([hostile, tccb]), () => undefined);
    const entries = unzipSync(new Uint8Array(zip));
    expect(Object.keys(entries).sort()).toEqual(["BM_VU-TCCB_2023-H1-tra-lai.xlsx", "KhongTaoDuoc.txt"]);
    const text = new TextDecoder().decode(entries["KhongTaoDuoc.txt"]);
    expect(text).toContain("BM_VU-NGVH_2023-H1.xlsx\n  Không ghi được bản sao có đánh dấu");
    expect(text).toContain("Cannot write the annotated copy");
  });

  it("zips one blank template per active unit of the period (47 for the default roster)", async () => {
    const { fileName, zip } = await pipeline.templates({ periodId: "2023-H1", roster: null }, () => undefined);
    expect(fileName).toBe("MauBieu_2023-H1.zip");
    const entries = unzipSync(new Uint8Array(zip));
    expect(Object.keys(entries).sort()).toEqual(DEFAULT_ROSTER.rows.map((r) => `BM_${r.code}_2023-H1.xlsx`).sort());
    const wb = new ExcelJS.Workbook();
    const one = entries["BM_VU-TCCB_2023-H1.xlsx"] as Uint8Array;
    await wb.xlsx.load(one.buffer.slice(one.byteOffset, one.byteOffset + one.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("ThongTin");
    // The same template as `tonghop template` writes for that unit.
    const dir = await tempDir("tonghop-pane-template-");
    const out = path.join(dir, "t.xlsx");
    await runBinary(["template", "--period", "2023-H1", "--unit", "VU-TCCB", "--out", out]);
    expect(sha256Hex(one)).toBe(sha256Hex(await readFile(out)));
    // A blank template read back is VU-TCCB's for 2023-H1.
    const [period] = await pipeline.periodsOf([{ ...folderFiles[0]!, id: "t", bytes: one.slice().buffer as ArrayBuffer }]);
    expect(period).toEqual({ id: "t", period: "2023-H1" });
  });
});

describe("periods named by the files", () => {
  it("reads ThongTin's period, null for files that name none", async () => {
    const wrong = await stored(path.join(FIXTURES, "cases", "wrong-period.xlsx"), "wrong-period.xlsx", "q1");
    const sample = [...folderFiles.filter((f) => /ghi-chu|RU-MOW|VU-TCCB/u.test(f.name)), wrong];
    const periods = await pipeline.periodsOf(sample);
    expect(periods.map((p) => [sample.find((s) => s.id === p.id)?.name, p.period])).toEqual([
      ["BM_VU-TCCB_2023-H1.xlsx", "2023-H1"],
      ["dot2/BM_CQDD-RU-MOW_2023-H1.xlsx", null],
      ["ghi-chu.txt", null],
      ["wrong-period.xlsx", "2023-Q1"],
    ]);
  });
});

describe("history files (PERIODS.md §6)", () => {
  it("says which history files give nothing to compare with, and why", async () => {
    const q1 = await stored(path.join(FIXTURES, "cases", "wrong-period.xlsx"), "BM_UB-BIEN-GIOI_2023-Q1.xlsx", "h1");
    const note = await stored(path.join(FOLDER, "ghi-chu.txt"), "ghi-chu.txt", "h2");
    const samePeriod = await stored(path.join(FOLDER, "BM_VU-ASEAN_2023-H1.xlsx"), "BM_VU-ASEAN_2023-H1.xlsx", "h3");
    const files = folderFiles.filter((f) => /UB-BIEN-GIOI|VU-ASEAN/u.test(f.name));
    const view = await pipeline.check({ ...request(files), history: [q1, note, samePeriod] }, () => undefined);
    // 2023-Q1 is nested in 2023-H1: used. The note cannot be read; 2023-H1 is not an earlier period.
    expect(view.historyNotUsed.map((h) => h.file)).toEqual(["BM_VU-ASEAN_2023-H1.xlsx", "ghi-chu.txt"]);
    expect(view.historyNotUsed[0]?.reason.vi).toBe("Kỳ 2023-H1 (6 tháng đầu năm 2023) không phải kỳ trước dùng để so sánh với kỳ 2023-H1.");
    // The note is read as any input is: V-FILE-01's message says why.
    const noteFinding = (await pipeline.check(request([note]), () => undefined)).findings[0];
    expect(noteFinding?.rule).toBe("V-FILE-01");
    expect(view.historyNotUsed[1]?.reason.vi).toBe(noteFinding?.message.vi);
    expect(view.summary).toMatchObject({ accepted: 2 });
  });
});

describe("roster files", () => {
  const csv = (text: string) => ({ name: "dv.csv", bytes: new TextEncoder().encode(text).buffer as ArrayBuffer });

  it("checks against a roster file: only its units are expected", async () => {
    const roster = csv("ma_dv,ten_dv,loai_dv,khoi\nVU-TCCB,Vụ Tổ chức Cán bộ,VU,TRONG_NUOC\nVU-BPD,Vụ Biên phiên dịch,VU,TRONG_NUOC\n");
    const view = await pipeline.check({ ...request(folderFiles.slice(0, 3)), roster }, () => undefined);
    expect(view.rosterLabel).toEqual({ vi: "dv.csv", en: "dv.csv" });
    expect(view.summary).toMatchObject({ expected: 2, received: 0, missing: ["VU-TCCB", "VU-BPD"] });
    // The three files' units are not in this roster: not used, V-UNIT-02.
    expect(view.unused.map((u) => u.reasons)).toEqual([["V-UNIT-02"], ["V-UNIT-02"], ["V-UNIT-02"]]);
  });

  it("shows roster errors and checks nothing; consolidating is refused with a message saying how to fix it", async () => {
    const roster = csv("ma_dv,loai_dv,khoi\nVU-A,VU,TRONG_NUOC\n");
    const view = await pipeline.check({ ...request(folderFiles), roster }, () => undefined);
    expect(view.rosterErrors.length).toBeGreaterThan(0);
    expect(view.rosterErrors[0]?.vi).toMatch(/ten_dv/u);
    expect(view.units).toEqual([]);
    expect(view.canConsolidate).toBe(false);
    const refused = await pipeline.consolidate({ ...request(folderFiles), roster }, () => undefined).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).localised.vi).toMatch(/Danh sách đơn vị có lỗi/u);
  });

  it("warns about the default roster for a period ending after 28/02/2025", async () => {
    const view = await pipeline.check({ ...request([]), periodId: "2025-Q1" }, () => undefined);
    expect(view.rosterWarning?.vi).toMatch(/Nghị định 28\/2025/u);
    expect(view.summary.expected).toBe(47);
    expect(view.summary.missing).toHaveLength(47);
  });
});

describe("the message protocol over a real MessageChannel", () => {
  it("answers calls with progress and results, transfers results, keeps the caller's bytes, survives errors", async () => {
    const channel = new MessageChannel();
    serve(channel.port1, handlers);
    const remote = createPortPipeline(channel.port2);
    channel.port1.start();
    channel.port2.start();
    try {
      const files = folderFiles.filter((f) => /BM_VU-T/u.test(f.name));
      const progress: WorkProgress[] = [];
      const bad = await remote.check({ ...request(files), periodId: "2023-H2" }, () => undefined).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(UserError);
      expect((bad as UserError).localised.vi).toMatch(/6 tháng cuối năm/u);
      const view = await remote.check(request(files), (p) => progress.push(p));
      expect(progress.at(-1)).toEqual({ phase: "read", done: files.length, total: files.length });
      expect(view.inputs.map((i) => i.id).sort()).toEqual(files.map((f) => f.id).sort());
      // The caller's buffers were copied, not detached.
      for (const f of files) expect(f.bytes.byteLength).toBe(f.size);
      expect(await remote.sha256(files[0]!.bytes)).toBe(files[0]!.sha256);
      const local = await handlers.check(request(files), () => undefined);
      expect(view).toEqual(local);
    } finally {
      channel.port1.close();
      channel.port2.close();
    }
  });
});

describe("a file's bytes cross to the worker once (issue 8)", () => {
  /** A client endpoint onto a served MessageChannel that counts the bytes posted, and can restart the worker. */
  function restartable(): { endpoint: Endpoint; posted: number[]; restart(): void; close(): void } {
    const listeners: Array<(event: MessageEvent) => void> = [];
    const posted: number[] = [];
    let channel = new MessageChannel();
    const start = (): void => {
      serve(channel.port1, handlers);
      for (const l of listeners) channel.port2.addEventListener("message", l);
      channel.port1.start();
      channel.port2.start();
    };
    start();
    return {
      endpoint: {
        postMessage(message, transfer) {
          posted.push(transfer.reduce<number>((n, b) => n + (b instanceof ArrayBuffer ? b.byteLength : 0), 0));
          channel.port2.postMessage(message, transfer);
        },
        addEventListener(type, listener) {
          listeners.push(listener);
          channel.port2.addEventListener(type, listener);
        },
      },
      posted,
      restart() {
        channel.port1.close();
        channel.port2.close();
        channel = new MessageChannel();
        start();
      },
      close() {
        channel.port1.close();
        channel.port2.close();
      },
    };
  }

  it("later checks send no bytes; a restarted worker that lacks them asks, and gets them again", async () => {
    const link = restartable();
    const remote = createPortPipeline(link.endpoint);
    try {
      const files = folderFiles.filter((f) => /BM_VU-T/u.test(f.name));
      const total = files.reduce((n, f) => n + f.size, 0);
      const local = await handlers.check(request(files), () => undefined);

      expect(await remote.check(request(files), () => undefined)).toEqual(local);
      expect(link.posted).toEqual([total]);
      expect(await remote.check(request(files), () => undefined)).toEqual(local);
      expect(link.posted).toEqual([total, 0]);

      link.restart();
      expect(await remote.check(request(files), () => undefined)).toEqual(local);
      // Sent without bytes, answered "unknown", sent again with them.
      expect(link.posted).toEqual([total, 0, 0, total]);
      for (const f of files) expect(f.bytes.byteLength).toBe(f.size);
    } finally {
      link.close();
    }
  });

  it("a file removed from the list is forgotten by the worker, and sent again if it comes back", async () => {
    const link = restartable();
    const remote = createPortPipeline(link.endpoint);
    try {
      const files = folderFiles.filter((f) => /BM_VU-T/u.test(f.name)).slice(0, 2);
      const [first, second] = files as [StoredFile, StoredFile];
      await remote.check(request(files), () => undefined);
      await remote.check(request([second]), () => undefined);
      await remote.check(request(files), () => undefined);
      expect(link.posted).toEqual([first.size + second.size, 0, first.size]);
    } finally {
      link.close();
    }
  });
});
