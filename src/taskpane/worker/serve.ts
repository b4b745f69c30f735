/**
 * The worker's side of the protocol: each request runs its handler, progress and the outcome are
 * posted back under the request's id. A handler that throws becomes an error message; the worker
 * goes on serving (a bad file never kills it).
 */
import { UserError } from "../../core/findings";
import type { Localised } from "../../core/text";
import type { Pipeline, WorkProgress } from "../api";
import { buffersIn, type Endpoint, type Method, type Result, type WorkerError, type WorkerRequest, type WorkerResponse } from "./protocol";

function call(pipeline: Pipeline, request: WorkerRequest, progress: (p: WorkProgress) => void): Promise<Result<Method>> {
  switch (request.method) {
    case "periodsOf":
      return pipeline.periodsOf(request.params);
    case "check":
      return pipeline.check(request.params, progress);
    case "consolidate":
      return pipeline.consolidate(request.params, progress);
    case "returnFiles":
      return pipeline.returnFiles(request.params, progress);
    case "templates":
      return pipeline.templates(request.params, progress);
    case "sha256":
      return pipeline.sha256(request.params);
  }
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
  const send = (message: WorkerResponse): void => endpoint.postMessage(message, message.kind === "result" ? buffersIn(message.result) : []);
  endpoint.addEventListener("message", (event: MessageEvent) => {
    const request = event.data as WorkerRequest;
    const progress = throttled((p) => send({ id: request.id, kind: "progress", progress: p }));
    // Also a handler that throws before its first await becomes an error message.
    Promise.resolve()
      .then(() => call(pipeline, request, progress))
      .then(
        (result) => send({ id: request.id, kind: "result", method: request.method, result }),
        (err: unknown) => send({ id: request.id, kind: "error", error: workerError(err) }),
      );
  });
}
