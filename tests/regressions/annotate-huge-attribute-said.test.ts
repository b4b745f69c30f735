/**
 * Regression (an outside review of hostile files, 2026-12-07, seventh session): `annotate` of a 126 KB file
 * whose one cell carries a 90 MB attribute (which `validate` reads and accepts) ended in "RangeError:
 * Maximum call stack size exceeded" from the copy's rewriting for exceljs, printed as a stack trace. It is
 * now refused in words, exit 2 (a copy that cannot be written, CHANGELOG.md), the original unchanged.
 * The file is made here by python's zipfile from a demo submission.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/core/read/sha256";
import { runCli, tempDir } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", "BM_VU-CAU-AU_2023-H1.xlsx");

const HUGE = String.raw`
import sys, zipfile
src, out = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(src)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
    for item in z.infolist():
        data = z.read(item.filename)
        if item.filename == "xl/worksheets/sheet4.xml":
            data = data.replace(b"<c ", b'<c foo="' + b"A" * (90 * 1024 * 1024) + b'" ', 1)
        o.writestr(item, data)
`;

describe("annotate of a file with a 90 MB attribute", () => {
  it("is refused in words, exit 2, nothing written, the file unchanged", async () => {
    const dir = await tempDir("tonghop-huge-attribute-");
    const file = path.join(dir, "BM_VU-CAU-AU_2023-H1.xlsx");
    execFileSync("/usr/bin/python3", ["-c", HUGE, SAMPLE, file]);
    const before = sha256Hex(new Uint8Array(await readFile(file)));
    const out = path.join(dir, "tra-lai.xlsx");
    const r = await runCli(["annotate", file, "--period", "2023-H1", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Không ghi được bản sao có đánh dấu");
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack/u);
    expect(existsSync(out)).toBe(false);
    expect(sha256Hex(new Uint8Array(await readFile(file)))).toBe(before);
  }, 120_000);
});
