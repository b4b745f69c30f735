/**
 * An independent program opens our templates without repair: LibreOffice converts one to PDF,
 * and re-saves one as .xlsx that still reads back with the unit, period and forms in place.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FORMS } from "../src/core/catalogue";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER, unitsActiveIn } from "../src/core/roster";
import { buildTemplate } from "../src/core/template/template";
import { tempDir } from "./helpers/cli";
import { convertWithLibreOffice } from "./helpers/libreoffice";
import { loadWorkbook, textOf } from "./helpers/workbook";

describe("templates in LibreOffice", () => {
  it("converts a template to PDF and re-saves it as .xlsx with its content intact", async () => {
    const period = parsePeriod("2023-H1");
    const unit = unitsActiveIn(DEFAULT_ROSTER, { from: "2022-12-15", to: "2023-06-14" }).find((u) => u.code === "VU-ASEAN");
    if (!unit) throw new Error("VU-ASEAN missing");
    const dir = await tempDir();
    const file = path.join(dir, "BM_VU-ASEAN_2023-H1.xlsx");
    await writeFile(file, await buildTemplate({ unit, period }));

    const pdf = await convertWithLibreOffice(file, "pdf");
    const pdfBytes = await readFile(pdf.out);
    expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await stat(pdf.out)).size).toBeGreaterThan(10_000);

    const resaved = await convertWithLibreOffice(file, "xlsx");
    const wb = await loadWorkbook(new Uint8Array(await readFile(resaved.out)));
    expect(wb.getWorksheet("ThongTin")?.getCell("B3").value).toBe("VU-ASEAN");
    for (const form of FORMS) {
      const ws = wb.getWorksheet(form.sheet);
      expect(ws, form.sheet).toBeDefined();
      expect(textOf(ws?.getCell("A3").value ?? null)).toBe(form.label);
    }
  });
});
