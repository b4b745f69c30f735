/**
 * The messages between the main thread and the pane's worker. Each call carries a request id; the
 * worker answers with any number of progress messages, then one result or one error. Everything
 * is structured-cloneable; ArrayBuffers go in the transfer list both ways.
 */
import type { Localised } from "../../core/text";
import type { Pipeline, WorkProgress } from "../api";

/** The methods the worker serves: `Pipeline` minus the progress callback. */
export type Method = keyof Pipeline;

export type Params<M extends Method> = Parameters<Pipeline[M]>[0];
export type Result<M extends Method> = Awaited<ReturnType<Pipeline[M]>>;

export type WorkerRequest = { [M in Method]: { readonly id: number; readonly method: M; readonly params: Params<M> } }[Method];

/** A failure as it crosses the boundary: `userError` when the user can fix it (UserError). */
export interface WorkerError {
  readonly message: Localised;
  readonly userError: boolean;
  readonly detail: string;
}

export type WorkerResponse =
  | { readonly id: number; readonly kind: "progress"; readonly progress: WorkProgress }
  | { readonly id: number; readonly kind: "result"; readonly method: Method; readonly result: Result<Method> }
  | { readonly id: number; readonly kind: "error"; readonly error: WorkerError };

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
