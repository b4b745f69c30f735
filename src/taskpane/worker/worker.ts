/**
 * The Web Worker entry (bundled by webpack 5 from `new Worker(new URL("./worker.ts", import.meta.url))`):
 * reading, checking and consolidating run here, off the main thread.
 */
import { handlers } from "./handlers";
import { serve } from "./serve";

serve(
  {
    // In a worker the global scope is the endpoint; `{ transfer }` is the form both typings accept.
    postMessage: (message, transfer) => globalThis.postMessage(message, { transfer }),
    addEventListener: (type, listener) => globalThis.addEventListener(type, listener),
  },
  handlers,
);
