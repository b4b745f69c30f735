/**
 * Regression: ThongTin text values were read with their runs of spaces collapsed; now trimmed only. WORKBOOKS.md §1.2 reads
 * `Tên đơn vị` as text, and FORMS.md §6.2 makes only the V-UNIT-04 *comparison* case- and
 * space-insensitive, so "VỤ  CHÂU  MỸ" (two spaces, openpyxl fixture more/cases/
 * unit-name-case-space.xlsx) must read as typed and still give no V-UNIT-04.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { readSubmission } from "../../src/core/read/reader";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runValidation } from "../../src/core/validate/run";

const FILE = path.join(__dirname, "..", "fixtures", "submissions", "more", "cases", "unit-name-case-space.xlsx");
const bytes = new Uint8Array(readFileSync(FILE));

describe("ThongTin text keeps its inner spaces", () => {
  it("compares the unit name case- and space-insensitively: no V-UNIT-04", async () => {
    const run = await runValidation([{ file: "unit-name-case-space.xlsx", bytes }], { roster: DEFAULT_ROSTER, period: parsePeriod("2023-H1"), options: {} });
    expect(run.findings.filter((f) => f.rule === "V-UNIT-04")).toEqual([]);
    expect(run.inputs[0]?.status).toBe("accepted");
  });

  it("reads Tên đơn vị as typed, two spaces included", async () => {
    const outcome = await readSubmission(bytes, "unit-name-case-space.xlsx");
    const text = outcome.kind === "submission" ? outcome.submission.thongTin.fields["Tên đơn vị"]?.text : undefined;
    expect(text).toBe("VỤ  CHÂU  MỸ");
  });
});
