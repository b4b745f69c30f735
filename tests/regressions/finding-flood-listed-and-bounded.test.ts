/**
 * Regression (an outside review of hostile files, 2026-12-07, seventh session): a 1 MB file whose KH_TH has
 * 130,000 rows coded "Z" (each an unknown row code, V-LAYOUT-06) ended the whole run: the run's findings were
 * added as spread arguments (`push(...checks)`), "Maximum call stack size exceeded", exit 2, no JSON, the good
 * files never listed. At 249,000 rows, after that was fixed, the run took 21 s and 1.2 GB with a console line
 * and a KiemTra row each. Now at most 500 findings of one rule are listed for one file, and one V-FILE-05
 * (info) says how many more there were; the file's status and counts are those of all its findings.
 * The file is made here from a demo submission by python's zipfile (the rows written as XML).
 */
import { execFileSync } from "node:child_process";
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1");
const ROWS = 130_000;

/** KH_TH's rows from its code row's next on replaced by ROWS rows coded "Z" with a number in column C. */
const FLOOD = String.raw`
import re, sys, zipfile
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
z = zipfile.ZipFile(src)
wb = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
rid = re.search(r'<sheet [^>]*name="KH_TH"[^>]*r:id="([^"]+)"', wb).group(1)
target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
part = "xl/" + target.group(1).lstrip("/").replace("xl/", "", 1)
xml = z.read(part).decode()
# The notes line ("12. Ghi chú:", a shared string) and every row after it give way to the rows coded "Z".
strings = re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)
notes = next(i for i, si in enumerate(strings) if re.search(r">\s*\d+\.\s*Ghi chú:\s*<", si))
row = re.search(r'<row r="(\d+)"(?:(?!</row>).)*?t="s"[^>]*><v>%d</v>' % notes, xml, re.S)
first = int(row.group(1))
rows = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>Z</t></is></c><c r="C%d"><v>1</v></c></row>' % (r, r, r) for r in range(first, first + n))
xml = xml[: row.start()] + rows + xml[xml.index("</sheetData>") :]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
    for item in z.infolist():
        o.writestr(item, xml if item.filename == part else z.read(item.filename))
`;

interface Json {
  readonly inputs: ReadonlyArray<{ file: string; status: string }>;
  readonly findings: ReadonlyArray<{ file: string | null; rule: string; value: unknown; expected: unknown; severity: string }>;
}

describe("a file of a hundred thousand findings", () => {
  it("is listed with 500 of them and a count of the rest; the run goes on and lists the other files", async () => {
    const dir = await tempDir("tonghop-flood-");
    const folder = path.join(dir, "in");
    execFileSync("mkdir", ["-p", folder]);
    execFileSync("/usr/bin/python3", ["-c", FLOOD, path.join(SAMPLE, "BM_VU-CAU-AU_2023-H1.xlsx"), path.join(folder, "BM_VU-CAU-AU_2023-H1.xlsx"), String(ROWS)]);
    await copyFile(path.join(SAMPLE, "BM_BAO-TGVN_2023-H1.xlsx"), path.join(folder, "BM_BAO-TGVN_2023-H1.xlsx"));
    const alone = path.join(dir, "alone.json");
    await runCli(["validate", path.join(SAMPLE, "BM_BAO-TGVN_2023-H1.xlsx"), "--period", "2023-H1", "--json", alone]);

    const json = path.join(dir, "run.json");
    const r = await runCli(["validate", folder, "--period", "2023-H1", "--json", json]);
    expect(r.code).not.toBe(2);
    const run = JSON.parse(await readFile(json, "utf8")) as Json;
    expect(run.inputs.map((i) => i.file).sort()).toEqual(["BM_BAO-TGVN_2023-H1.xlsx", "BM_VU-CAU-AU_2023-H1.xlsx"]);
    const flood = run.findings.filter((f) => f.file === "BM_VU-CAU-AU_2023-H1.xlsx");
    expect(flood.filter((f) => f.rule === "V-LAYOUT-06")).toHaveLength(500);
    // About ROWS - 500 more (a few of the rows fall in the old signature block's merges and are said otherwise).
    const more = flood.filter((f) => f.rule === "V-FILE-05");
    expect(more).toEqual([expect.objectContaining({ expected: 500, severity: "info" })]);
    expect(more[0]?.value).toBeGreaterThan(ROWS - 520);
    // The other file as when read alone.
    const byItself = JSON.parse(await readFile(alone, "utf8")) as Json;
    expect(run.inputs.find((i) => i.file === "BM_BAO-TGVN_2023-H1.xlsx")?.status).toBe(byItself.inputs[0]?.status);
    expect(run.findings.filter((f) => f.file === "BM_BAO-TGVN_2023-H1.xlsx").map((f) => f.rule)).toEqual(byItself.findings.map((f) => f.rule));
  }, 120_000);
});
