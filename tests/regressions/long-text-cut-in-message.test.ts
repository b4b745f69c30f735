/**
 * Regression (a review of 2026-12-07): tests/fixtures/hostile/unit-name-1-million-chars.xlsx has a Tên đơn
 * vị of 1,000,007 characters (its expectations: V-UNIT-04 at ThongTin!B4, accepted). The finding's message
 * quoted it whole: a console line, and KiemTra's message cell, of a million characters, burying every other
 * file's line. A text from the file is now cut at 300 characters in the message; the finding's `value` (the
 * JSON) keeps what it kept (up to one cell's 32,767 characters).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeFinding } from "../../src/core/findings";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import { DEFAULT_ROSTER } from "../../src/core/roster";

const FILE = path.join(__dirname, "..", "fixtures", "hostile", "unit-name-1-million-chars.xlsx");

describe("a text of the file is cut in a finding's message, not in its value", () => {
  it("makeFinding: 300 characters and an ellipsis in both languages; the value as given", () => {
    const long = "Đ".repeat(1000);
    const f = makeFinding({ file: "a.xlsx", unit: "X" }, { rule: "V-UNIT-04", sheet: "ThongTin", cell: "B4", value: long, expected: "Thanh tra Bộ" });
    expect(f.value).toBe(long);
    expect(f.message.vi).toBe(`Tên đơn vị "${"Đ".repeat(300)}…" khác với danh sách đơn vị ("Thanh tra Bộ").`);
    expect(f.message.en).toBe(`Unit name "${"Đ".repeat(300)}…" differs from the roster ("Thanh tra Bộ").`);
  });

  it("the hostile file: V-UNIT-04 at ThongTin!B4, its message short, its value long", async () => {
    const file = "unit-name-1-million-chars.xlsx";
    const { run } = await runPipeline({ inputs: [{ id: file, file, bytes: new Uint8Array(readFileSync(FILE)) }], period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, aggregate: false });
    const unitName = run.findings.filter((f) => f.rule === "V-UNIT-04");
    expect(unitName.map((f) => `${f.sheet}!${f.cell}`)).toEqual(["ThongTin!B4"]);
    const [finding] = unitName;
    // The value as kept before this fix: up to what one Excel cell holds (32,767), far more than the message quotes.
    expect(String(finding?.value).length).toBeGreaterThan(30_000);
    expect(finding?.message.vi.length).toBeLessThan(500);
    expect(finding?.message.en).toMatch(/^Unit name ".{300}…" differs from the roster \(".+"\)\.$/u);
  });
});
