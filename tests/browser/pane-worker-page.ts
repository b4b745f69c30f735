/**
 * A test page for tests/pane-worker-browser.test.ts: the pane's client talks to the pane's worker
 * entry in a real Web Worker in Chromium, with files fetched from the test server.
 */
import { sha256Hex } from "../../src/core/read/sha256";
import { DEFAULT_PANE_OPTIONS, type CheckRequest, type StoredFile, type WorkProgress } from "../../src/taskpane/api";
import { createPortPipeline, errorMessage } from "../../src/taskpane/worker/client";

export interface PageResult {
  readonly check: unknown;
  readonly error: unknown;
  readonly reportSha: string;
  readonly lastProgress: WorkProgress | null;
  readonly keptBytes: readonly number[];
  readonly sizes: readonly number[];
}

async function main(): Promise<PageResult> {
  const names = (await (await fetch("files.json")).json()) as string[];
  const files: StoredFile[] = await Promise.all(
    names.map(async (name, i) => {
      const bytes = await (await fetch(`f/${encodeURIComponent(name)}`)).arrayBuffer();
      return { id: `id-${i}`, name, originalName: name, size: bytes.byteLength, sha256: "", source: "file" as const, received: null, bytes };
    }),
  );
  const pipeline = createPortPipeline(new Worker("worker.js"));
  const request: CheckRequest = { periodId: "2023-H1", files, history: [], roster: null, options: DEFAULT_PANE_OPTIONS };
  let lastProgress: WorkProgress | null = null;
  const error = await pipeline.check({ ...request, periodId: "2023-H2" }, () => undefined).then(
    () => null,
    (err: unknown) => errorMessage(err),
  );
  const check = await pipeline.check(request, (p) => (lastProgress = p));
  const consolidated = await pipeline.consolidate(request, () => undefined);
  return {
    check,
    error,
    reportSha: sha256Hex(new Uint8Array(consolidated.report)),
    lastProgress,
    keptBytes: files.map((f) => f.bytes.byteLength),
    sizes: files.map((f) => f.size),
  };
}

const page = globalThis as typeof globalThis & { __result?: unknown };
main().then(
  (result) => (page.__result = { ok: true, result }),
  (err: unknown) => (page.__result = { ok: false, error: String(err instanceof Error ? err.stack : err) }),
);
