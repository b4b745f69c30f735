/**
 * The worker's side of the protocol: each request runs its handler, progress and the outcome are
 * posted back under the request's id. A handler that throws becomes an error message; the worker
 * goes on serving (a bad file never kills it).
 */
import { UserError } from "../../core/findings";
import type { Localised } from "../../core/text";
import type { CheckRequest, Pipeline, WorkProgress } from "../api";
import { KeptFiles } from "./files";
import { buffersIn, type Endpoint, type Method, type Result, type Wire, type WorkerError, type WorkerRequest, type WorkerResponse } from "./protocol";

type Call = () => Promise<Result<Method>>;

/** A check-like request with its files' bytes from `kept`. */
function withFiles<R extends CheckRequest>(params: Wire<R>, kept: KeptFiles, missing: Set<string>): R {
  // Wire<R> is R with its files' bytes optional; the files are put back whole.
  return { ...params, files: kept.resolve(params.files, missing), history: kept.resolve(params.history, missing) } as unknown as R;
}

/** The handler call for a request, or the ids of the files whose bytes the worker lacks. */
function callOf(pipeline: Pipeline, request: WorkerRequest, kept: KeptFiles, progress: (p: WorkProgress) => void): Call | readonly string[] {
  const missing = new Set<string>();
  let call: Call;
  switch (request.method) {
    case "periodsOf": {
      const files = kept.resolve(request.params, missing);
      call = () => pipeline.periodsOf(files);
      break;
    }
    case "check": {
      const params = withFiles<CheckRequest>(request.params, kept, missing);
      call = () => pipeline.check(params, progress);
      break;
    }
    case "consolidate": {
      const params = withFiles<CheckRequest & { readonly creationTime?: string }>(request.params, kept, missing);
      call = () => pipeline.consolidate(params, progress);
      break;
    }
    case "returnFiles": {
      const params = withFiles<CheckRequest>(request.params, kept, missing);
      call = () => pipeline.returnFiles(params, progress);
      break;
    }
    case "templates": {
      const params = request.params;
      call = () => pipeline.templates(params, progress);
      break;
    }
    case "sha256": {
      const bytes = request.params;
      call = () => pipeline.sha256(bytes);
      break;
    }
  }
  return missing.size > 0 ? [...missing] : call;
}

const UNEXPECTED: Localised = {
  vi: "Lỗi không mong đợi khi xử lý. Đề nghị thử lại; nếu vẫn lỗi, gửi tệp cho bộ phận hỗ trợ.",
  en: "Unexpected error while processing. Please try again; if it persists, send the files to support.",
};

export function workerError(err: unknown): WorkerError {
  if (err instanceof UserError) return { message: err.localised, userError: true, detail: err.message };
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { message: { vi: `${UNEXPECTED.vi} (${detail})`, en: `${UNEXPECTED.en} (${detail})` }, userError: false, detail };
}

/** Progress at most every `ms` milliseconds per request, and always the last step. */
function throttled(post: (p: WorkProgress) => void, ms = 50): (p: WorkProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.done === p.total || p.done === 0 || now - last >= ms) {
      last = now;
      post(p);
    }
  };
}

export function serve(endpoint: Endpoint, pipeline: Pipeline): void {
  const kept = new KeptFiles();
  // Results are transferred, except a kept file's bytes (the next request needs them here).
  const transfers = (message: WorkerResponse): ArrayBuffer[] => (message.kind === "result" ? buffersIn(message.result).filter((b) => !kept.has(b)) : []);
  const send = (message: WorkerResponse): void => endpoint.postMessage(message, transfers(message));
  endpoint.addEventListener("message", (event: MessageEvent) => {
    const request = event.data as WorkerRequest;
    const progress = throttled((p) => send({ id: request.id, kind: "progress", progress: p }));
    // Also a handler that throws before its first await becomes an error message.
    Promise.resolve()
      .then(() => {
        kept.forget(request.forget ?? []);
        return callOf(pipeline, request, kept, progress);
      })
      .then((call) => {
        if (typeof call !== "function") return send({ id: request.id, kind: "unknown", ids: call });
        return call().then((result) => send({ id: request.id, kind: "result", method: request.method, result }));
      })
      .catch((err: unknown) => send({ id: request.id, kind: "error", error: workerError(err) }));
  });
}
