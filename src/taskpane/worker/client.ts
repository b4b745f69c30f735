/**
 * The main thread's side: `Pipeline` (api.ts) as calls to the worker. The caller keeps its bytes.
 * A file's bytes cross once: copied and transferred the first time the worker sees its id, then
 * only the file's id and metadata (protocol.ts); files no longer listed are forgotten there.
 * Results (report, zips) come back transferred. Every rejection is a `UserError` (core/findings)
 * whose `localised` message the pane shows.
 */
import { UserError } from "../../core/findings";
import type { Localised } from "../../core/text";
import type { CheckRequest, Pipeline, StoredFile, WorkProgress } from "../api";
import { workerError } from "./serve";
import { buffersIn, type Endpoint, type Method, type Params, type Result, type Wire, type WireFile, type WorkerRequest, type WorkerResponse } from "./protocol";

type Progress = (p: WorkProgress) => void;

interface Pending {
  readonly resolve: (result: Result<Method>) => void;
  readonly reject: (err: UserError) => void;
  readonly progress: Progress;
  /** Post the request again, the files of these ids with their bytes. */
  readonly resend: (ids: readonly string[]) => void;
}

export type PortPipeline = Pipeline & {
  /** Reject every call still waiting (the worker died or was stopped). */
  failAll(reason: Localised): void;
};

const NO_PROGRESS: Progress = () => undefined;

/** Which files' bytes the worker has: each file's bytes are copied for it once. */
class SentFiles {
  private readonly sent = new Set<string>();

  wire(file: StoredFile): WireFile {
    if (this.sent.has(file.id)) {
      const { bytes: _kept, ...meta } = file;
      return meta;
    }
    this.sent.add(file.id);
    // A copy to transfer: the session keeps its own bytes (IndexedDB, a restarted worker).
    return { ...file, bytes: file.bytes.slice(0) };
  }

  /** The worker lost these (it was restarted): send them again. */
  unsend(ids: readonly string[]): void {
    for (const id of ids) this.sent.delete(id);
  }

  /** Ids sent before and not listed now: the worker may let them go. */
  forgetAllBut(listed: ReadonlySet<string>): string[] {
    const gone = [...this.sent].filter((id) => !listed.has(id));
    this.unsend(gone);
    return gone;
  }
}

/** A check-like request as it crosses: the small parts copied, the files by `wire`. */
function wireCheck<R extends CheckRequest>(request: R, sent: SentFiles): Wire<R> {
  const { files, history, ...rest } = request;
  // Roster and receipts are small: copied whole, as before.
  return { ...structuredClone(rest), files: files.map((f) => sent.wire(f)), history: history.map((f) => sent.wire(f)) } as unknown as Wire<R>;
}

type WireParams = WorkerRequest["params"];

function wireParams(method: Method, params: Params<Method>, sent: SentFiles): { params: WireParams; forget: string[] } {
  // `method` names the type of `params` (Params<M>); each case takes it as that type.
  switch (method) {
    case "periodsOf":
      return { params: (params as Params<"periodsOf">).map((f) => sent.wire(f)), forget: [] };
    case "check":
    case "consolidate":
    case "returnFiles": {
      const request = params as CheckRequest;
      const forget = sent.forgetAllBut(new Set([...request.files, ...request.history].map((f) => f.id)));
      return { params: wireCheck(request, sent), forget };
    }
    default:
      return { params: structuredClone(params) as WireParams, forget: [] };
  }
}

/** `Pipeline` over any endpoint that speaks the protocol (a Worker, a MessagePort). */
export function createPortPipeline(endpoint: Endpoint): PortPipeline {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const sent = new SentFiles();
  endpoint.addEventListener("message", (event: MessageEvent) => {
    const message = event.data as WorkerResponse;
    const call = pending.get(message.id);
    if (!call) return;
    if (message.kind === "progress") {
      call.progress(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.kind === "unknown") call.resend(message.ids);
    else if (message.kind === "result") call.resolve(message.result);
    else call.reject(new UserError(message.error.message));
  });

  function post<M extends Method>(method: M, params: Params<M>, call: Omit<Pending, "resend">): void {
    const id = nextId++;
    const wire = wireParams(method, params, sent);
    const resend = (ids: readonly string[]): void => {
      sent.unsend(ids);
      post(method, params, call);
    };
    pending.set(id, { ...call, resend });
    // wireParams gave `method`'s params: the pair is one member of the WorkerRequest union.
    const request = { id, method, params: wire.params, forget: wire.forget } as WorkerRequest;
    endpoint.postMessage(request, buffersIn(wire.params));
  }

  function request<M extends Method>(method: M, params: Params<M>, progress: Progress = NO_PROGRESS): Promise<Result<M>> {
    return new Promise<Result<M>>((resolve, reject) => {
      // The worker answers `method` with that method's result (protocol.ts).
      post(method, params, { resolve: (r) => resolve(r as Result<M>), reject, progress });
    });
  }

  return {
    periodsOf: (files) => request("periodsOf", files),
    check: (req, progress) => request("check", req, progress),
    consolidate: (req, progress) => request("consolidate", req, progress),
    returnFiles: (req, progress) => request("returnFiles", req, progress),
    templates: (req, progress) => request("templates", req, progress),
    sha256: (bytes) => request("sha256", bytes),
    failAll(reason) {
      for (const call of pending.values()) call.reject(new UserError(reason));
      pending.clear();
    },
  };
}

const WORKER_FAILED: Localised = {
  vi: "Bộ xử lý tệp đã dừng bất thường. Đề nghị thử lại; nếu vẫn lỗi, đóng và mở lại ngăn tác vụ.",
  en: "The file processor stopped unexpectedly. Please try again; if it persists, close and reopen the pane.",
};

export type WorkerPipeline = Pipeline & { dispose(): void };

/** The pipeline in a Web Worker; a worker that dies is replaced on the next call. */
export function createWorkerPipeline(): WorkerPipeline {
  let current: { worker: Worker; port: PortPipeline } | null = null;
  const port = (): PortPipeline => {
    if (current) return current.port;
    const worker = new Worker(new URL("./worker.ts", import.meta.url));
    const started = { worker, port: createPortPipeline(worker) };
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      started.port.failAll(WORKER_FAILED);
      worker.terminate();
      if (current === started) current = null;
    });
    current = started;
    return started.port;
  };
  return {
    periodsOf: (files) => port().periodsOf(files),
    check: (req, progress) => port().check(req, progress),
    consolidate: (req, progress) => port().consolidate(req, progress),
    returnFiles: (req, progress) => port().returnFiles(req, progress),
    templates: (req, progress) => port().templates(req, progress),
    sha256: (bytes) => port().sha256(bytes),
    dispose() {
      current?.port.failAll(WORKER_FAILED);
      current?.worker.terminate();
      current = null;
    },
  };
}

/**
 * The same handlers in the calling thread (Node tests, or a page without workers). They are
 * loaded on first use, so the pane's main bundle does not carry the core.
 */
export function createInlinePipeline(): Pipeline {
  const load = async (): Promise<Pipeline> => (await import("./handlers")).handlers;
  // Rejections as the worker gives them: a UserError, unexpected errors included.
  const guard = async <T>(work: (p: Pipeline) => Promise<T>): Promise<T> => {
    try {
      return await work(await load());
    } catch (err) {
      throw err instanceof UserError ? err : new UserError(workerError(err).message);
    }
  };
  return {
    periodsOf: (files) => guard((p) => p.periodsOf(files)),
    check: (req, progress) => guard((p) => p.check(req, progress)),
    consolidate: (req, progress) => guard((p) => p.consolidate(req, progress)),
    returnFiles: (req, progress) => guard((p) => p.returnFiles(req, progress)),
    templates: (req, progress) => guard((p) => p.templates(req, progress)),
    sha256: (bytes) => guard((p) => p.sha256(bytes)),
  };
}

/** The message to show for any rejection of a pipeline call. */
export function errorMessage(err: unknown): Localised {
  if (err instanceof UserError) return err.localised;
  const detail = err instanceof Error ? err.message : String(err);
  return { vi: `Lỗi: ${detail}`, en: `Error: ${detail}` };
}
