/**
 * Regression: making the report deterministic replaced EVERY GUID in the sheet XML, including the
 * fixed `uri` names of Office's extensions ({B025F937-…} and {78C0D931-…}), and gave the two places
 * of one data bar's made-up id (`<x14:id>` and `x14:cfRule id`) different values. Excel would not
 * recognise the extension nor link the bar to its rule. Only made-up ids may change, consistently.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { buildReport } from "../../src/core/report/report";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runValidation } from "../../src/core/validate/run";

const OK = path.join(__dirname, "..", "fixtures", "submissions", "cases", "ok-filled.xlsx");

async function khthXml(): Promise<{ xml: string; bytes: Uint8Array }> {
  const run = await runValidation([{ file: "ok-filled.xlsx", bytes: new Uint8Array(readFileSync(OK)) }], {
    roster: DEFAULT_ROSTER,
    period: parsePeriod("2023-H1"),
    options: {},
  });
  const report = await buildReport({ run });
  const files = unzipSync(report.bytes);
  const workbook = strFromU8(files["xl/workbook.xml"] as Uint8Array);
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"] as Uint8Array);
  const rid = /<sheet[^>]*name="KH_TH"[^>]*r:id="([^"]+)"/u.exec(workbook)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`, "u").exec(rels)?.[1] ?? "";
  return { xml: strFromU8(files[`xl/${target.replace(/^\/?xl\//u, "")}`] as Uint8Array), bytes: report.bytes };
}

describe("data bar ids after the deterministic re-zip", () => {
  it("keeps Office's extension uris and links each bar to its extension rule", async () => {
    const { xml } = await khthXml();
    const uris = new Set([...xml.matchAll(/<ext uri="(\{[^}]+\})"/gu)].map((m) => m[1]));
    expect(uris).toEqual(new Set(["{B025F937-C7B1-47D3-B67F-A62EFF666E3E}", "{78C0D931-6437-407d-A8EE-F0AAD7539E65}"]));
    const ids = [...xml.matchAll(/<x14:id>(\{[^}]+\})<\/x14:id>/gu)].map((m) => m[1]);
    const rules = [...xml.matchAll(/<x14:cfRule type="dataBar" id="(\{[^}]+\})"/gu)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids)).toEqual(new Set(rules));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("derives the ids, so two builds are byte-identical", async () => {
    const a = await khthXml();
    const b = await khthXml();
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});
