/**
 * Runs in a Web Worker in headless Chromium (tests/browser-worker.test.ts): the whole pipeline —
 * sample submissions, validation, report — with the same code the CLI runs in Node.
 */
import { generateSamplePeriod } from "../../src/demo/sample";
import { parsePeriod } from "../../src/core/periods";
import { sha256Hex } from "../../src/core/read/sha256";
import { buildReport } from "../../src/core/report/report";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runValidation } from "../../src/core/validate/run";

export interface PipelineResult {
  readonly files: number;
  readonly inputsSha: string;
  readonly reportSha: string;
  readonly summary: unknown;
  readonly findings: number;
}

/** The pipeline as both hosts run it: a fixed seed and the default creation time. */
export async function runPipeline(): Promise<PipelineResult> {
  const period = parsePeriod("2023-9M");
  const sample = await generateSamplePeriod({ period, roster: DEFAULT_ROSTER, seed: 2023 });
  const files = sample.files.map((f) => ({ file: f.file, bytes: f.bytes }));
  const run = await runValidation(files, { roster: DEFAULT_ROSTER, period, options: {} });
  const report = await buildReport({ run });
  return {
    files: files.length,
    inputsSha: sha256Hex(new TextEncoder().encode(files.map((f) => sha256Hex(f.bytes)).join(","))),
    reportSha: sha256Hex(report.bytes),
    summary: run.summary,
    findings: report.findings.length,
  };
}

// In a worker: run on the first message and post the result back.
const scope = globalThis as unknown as { document?: unknown; onmessage: unknown; postMessage?: (m: unknown) => void };
if (typeof scope.document === "undefined" && typeof scope.postMessage === "function") {
  scope.onmessage = () => {
    runPipeline().then(
      (result) => scope.postMessage?.({ ok: true, result }),
      (err: unknown) => scope.postMessage?.({ ok: false, error: String(err instanceof Error ? err.stack : err) }),
    );
  };
}
