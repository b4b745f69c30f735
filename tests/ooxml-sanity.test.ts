/**
 * What Excel repairs but LibreOffice forgives: overlapping merged ranges, and a cell value inside a
 * merge other than at its top-left cell. Checked on the sheet XML of a template, the demo report and
 * an annotated copy.
 */
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { annotateWorkbook } from "../src/core/annotate";
import { generateSamplePeriod } from "../src/demo/sample";
import { parsePeriod } from "../src/core/periods";
import { buildReport } from "../src/core/report/report";
import { DEFAULT_ROSTER, unitsActiveIn } from "../src/core/roster";
import { buildTemplate } from "../src/core/template/template";
import { runValidation } from "../src/core/validate/run";

interface Range {
  readonly ref: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function col(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function sheetsOf(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  const out = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) if (/^xl\/worksheets\/[^/]+\.xml$/u.test(name)) out.set(name, strFromU8(data));
  return out;
}

function problems(xml: string): string[] {
  const ranges: Range[] = [...xml.matchAll(/<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"\/>/gu)].map((m) => ({
    ref: `${m[1]}${m[2]}:${m[3]}${m[4]}`,
    top: Number(m[2]),
    left: col(m[1] ?? "A"),
    bottom: Number(m[4]),
    right: col(m[3] ?? "A"),
  }));
  const found: string[] = [];
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i] as Range;
      const b = ranges[j] as Range;
      if (a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right) found.push(`overlap ${a.ref} ${b.ref}`);
    }
  }
  // A value (<v> or inline string) in a covered, non-master cell of a merge.
  for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/gu)) {
    const body = m[3] ?? "";
    if (!/<v>|<is>/u.test(body)) continue;
    const r = Number(m[2]);
    const c = col(m[1] ?? "A");
    const inside = ranges.find((g) => r >= g.top && r <= g.bottom && c >= g.left && c <= g.right && !(r === g.top && c === g.left));
    if (inside) found.push(`value at ${m[1]}${m[2]} inside ${inside.ref}`);
  }
  return found;
}

let template: Uint8Array;
let report: Uint8Array;
let annotated: Uint8Array;

beforeAll(async () => {
  const period = parsePeriod("2023-9M");
  const unit = unitsActiveIn(DEFAULT_ROSTER, { from: "2022-12-15", to: "2023-09-14" }).find((u) => u.code === "CQDD-UN-GVA");
  if (!unit) throw new Error("unit missing");
  template = await buildTemplate({ unit, period });
  const sample = await generateSamplePeriod({ period, roster: DEFAULT_ROSTER, seed: 5 });
  const files = sample.files.map((f) => ({ file: f.file, bytes: f.bytes }));
  const run = await runValidation(files, { roster: DEFAULT_ROSTER, period, options: {} });
  report = (await buildReport({ run })).bytes;
  const rejected = run.inputs.find((i) => i.status === "rejected");
  const source = files.find((f) => f.file === rejected?.file) ?? files[0];
  if (!source) throw new Error("no file");
  annotated = await annotateWorkbook(source.bytes, run.findings.filter((f) => f.file === source.file), { creationTime: "2023-09-14T00:00:00Z" });
}, 180_000);

describe("sheet XML that Excel opens without repair", () => {
  for (const [name, get] of [
    ["template", () => template],
    ["report", () => report],
    ["annotated copy", () => annotated],
  ] as const) {
    it(`${name}: no overlapping merges, no value hidden under a merge`, () => {
      for (const [sheet, xml] of sheetsOf(get())) expect(problems(xml), sheet).toEqual([]);
    });
  }

  it("the check finds an overlap when there is one", () => {
    expect(problems('<mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/>')).toEqual(["overlap A1:B2 B2:C3"]);
  });
});
