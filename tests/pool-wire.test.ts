/**
 * What crosses back from a read worker (src/cli/pool/task.ts): each form by its catalogue code, the
 * rest as the reader made it, through a real structured clone. It comes back equal, Map order and
 * property order included, each form the catalogue's own object. Files: every fixture submission of
 * the 2023-H1 folder, read by the core. (Cells packed into flat arrays were tried and measured no
 * faster: see docs/DECISIONS.md.)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "../src/cli/pool/task";
import { readSubmission } from "../src/core/read/reader";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");

describe("a read outcome through the pool's wire", () => {
  it("comes back equal to what the reader made, Map order and property order included", async () => {
    const files = readdirSync(FOLDER).filter((f) => f.endsWith(".xlsx"));
    expect(files.length).toBeGreaterThan(2);
    let cells = 0;
    for (const file of files) {
      const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(FOLDER, file))), file);
      const back = fromWire(structuredClone(toWire(outcome)));
      expect(back).toEqual(outcome);
      if (outcome.kind !== "submission" || back.kind !== "submission") continue;
      outcome.submission.forms.forEach((form, i) => {
        const again = back.submission.forms[i];
        expect(again?.form).toBe(form.form); // the catalogue's own object
        expect(Object.keys(again ?? {})).toEqual(Object.keys(form));
        for (const key of ["cells", "groupCells"] as const) {
          const rows = [...form[key]].map(([row, byCol]) => [row, [...byCol].map(([col, cell]) => [col, Object.entries(cell)])]);
          const rowsBack = [...(again?.[key] ?? new Map())].map(([row, byCol]) => [row, [...byCol].map(([col, cell]) => [col, Object.entries(cell)])]);
          expect(rowsBack).toEqual(rows);
          for (const byCol of form[key].values()) cells += byCol.size;
        }
      });
    }
    expect(cells).toBeGreaterThan(100);
  });
});
