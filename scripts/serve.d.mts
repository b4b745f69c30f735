// Types of scripts/serve.mjs, for the tests that start it.
import type { Server } from "node:http";

export function builtPolicy(root: string): string | null;
export function fileFor(root: string, urlPath: string): string | null;
export function serve(options: { root: string; port?: number; host?: string }): Promise<{ server: Server; url: string }>;
