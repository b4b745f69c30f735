/**
 * The messages between the main thread and the pane's worker. Each call carries a request id; the
 * worker answers with any number of progress messages, then one result or one error. Everything
 * is structured-cloneable; ArrayBuffers go in the transfer list both ways.
 *
 * A file's bytes cross once: the worker keeps every file it was sent, by id, and later requests
 * carry the file without its bytes (`WireFile`). A worker that does not know an id (it was
 * restarted) answers "unknown" with the ids, and the caller sends the request again with them.
 */
import type { Localised } from "../../core/text";
import type { PaneFile, Pipeline, StoredFile, WorkProgress } from "../api";

/** A file as it crosses: its bytes only the first time the worker sees its id. */
export type WireFile = PaneFile & { readonly bytes?: ArrayBuffer };

/** `StoredFile`s as they cross to the worker, wherever they are in the params. */
export type Wire<T> = T extends ArrayBuffer | Blob ? T : T extends StoredFile ? WireFile : T extends readonly (infer E)[] ? readonly Wire<E>[] : T extends object ? { readonly [K in keyof T]: Wire<T[K]> } : T;

/** The methods the worker serves: `Pipeline` minus the progress callback. */
export type Method = keyof Pipeline;

export type Params<M extends Method> = Parameters<Pipeline[M]>[0];
export type Result<M extends Method> = Awaited<ReturnType<Pipeline[M]>>;

export type WorkerRequest = {
  [M in Method]: {
    readonly id: number;
    readonly method: M;
    readonly params: Wire<Params<M>>;
    /** Files the caller no longer lists: the worker lets go of their bytes. */
    readonly forget: readonly string[];
  };
}[Method];

/** A failure as it crosses the boundary: `userError` when the user can fix it (UserError). */
export interface WorkerError {
  readonly message: Localised;
  readonly userError: boolean;
  readonly detail: string;
}

export type WorkerResponse =
  | { readonly id: number; readonly kind: "progress"; readonly progress: WorkProgress }
  | { readonly id: number; readonly kind: "result"; readonly method: Method; readonly result: Result<Method> }
  | { readonly id: number; readonly kind: "error"; readonly error: WorkerError }
  /** The request named files whose bytes the worker does not have: send it again with them. */
  | { readonly id: number; readonly kind: "unknown"; readonly ids: readonly string[] };

/** Either end of the channel: a Worker, the worker's global scope, a MessagePort. */
export interface Endpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

/** Every ArrayBuffer reachable in a message (files' bytes, the report, a zip), once each. */
export function buffersIn(value: unknown, found: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  if (value instanceof ArrayBuffer) {
    found.add(value);
  } else if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) buffersIn(v, found);
  } else if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) buffersIn(v, found);
  }
  return [...found];
}
