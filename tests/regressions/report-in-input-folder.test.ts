/**
 * Regression (review of 2026-12-07, third round): `aggregate in --out in/BaoCao.xlsx`, then `validate in`: the
 * report written into the input folder was read as a unit's submission (its forms' sheets, and NopBaoCao's
 * "Mã đơn vị" header taken for ThongTin's label), unit "TÊN ĐƠN VỊ" and a dozen findings. A workbook with the
 * report's audit sheets (WORKBOOKS.md §2.1: NopBaoCao, KiemTra, NguonSoLieu) and no ThongTin sheet is now
 * `not-a-submission` (V-FILE-03) and nothing else; as history it is still read as a report.
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1");

interface Json {
  readonly inputs: ReadonlyArray<{ file: string; status: string; unit: string | null }>;
  readonly findings: ReadonlyArray<{ file: string | null; rule: string; message: { vi: string; en: string } }>;
}

describe("the last run's report in the input folder", () => {
  it("is listed as not a submission, with V-FILE-03 only; the unit files are read as before", async () => {
    const dir = await tempDir("tonghop-report-in-folder-");
    const folder = path.join(dir, "in");
    mkdirSync(folder);
    for (const f of ["BM_BAO-TGVN_2023-H1.xlsx", "BM_VU-CAU-AU_2023-H1.xlsx"]) copyFileSync(path.join(SAMPLE, f), path.join(folder, f));
    const first = path.join(dir, "first.json");
    await runCli(["aggregate", folder, "--period", "2023-H1", "--out", path.join(folder, "BaoCao.xlsx"), "--json", first, "--created", "2023-07-01"]);
    const second = path.join(dir, "second.json");
    await runCli(["validate", folder, "--period", "2023-H1", "--json", second]);
    const before = JSON.parse(readFileSync(first, "utf8")) as Json;
    const after = JSON.parse(readFileSync(second, "utf8")) as Json;
    expect(after.inputs.find((i) => i.file === "BaoCao.xlsx")).toMatchObject({ status: "not-a-submission", unit: null });
    expect(after.findings.filter((f) => f.file === "BaoCao.xlsx").map((f) => f.rule)).toEqual(["V-FILE-03"]);
    // Said for what it is: V-FILE-03's catalogue words, "no known form", are untrue of a report (seventh session).
    expect(after.findings.find((f) => f.file === "BaoCao.xlsx")?.message).toEqual({
      vi: "Tệp BaoCao.xlsx là báo cáo tổng hợp (có các trang NopBaoCao, KiemTra, NguonSoLieu), không phải báo cáo của đơn vị; tệp không được tổng hợp.",
      en: "File BaoCao.xlsx is a consolidated report (it has the sheets NopBaoCao, KiemTra and NguonSoLieu), not a unit's submission; it is not consolidated.",
    });
    // The unit files: as in the run that wrote the report.
    const units = (j: Json) => j.inputs.filter((i) => i.file !== "BaoCao.xlsx").map((i) => [i.file, i.status, i.unit]);
    expect(units(after)).toEqual(units(before));

    // Given as history, the same report is still used.
    const third = await runCli(["validate", path.join(folder, "BM_BAO-TGVN_2023-H1.xlsx"), "--period", "2023-H1", "--history", path.join(folder, "BaoCao.xlsx"), "--lang", "en"]);
    expect(third.stdout).not.toMatch(/not used/u);
  }, 60_000);
});
