/**
 * File output that never leaves anything partial behind (CLI.md exit code 2): every file is
 * written to a temporary name beside its target and renamed only when all of them are ready.
 */
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/findings";

/**
 * Create `dir` and its missing parents one level at a time; returns the topmost folder created.
 * (Node's `mkdir(…, {recursive: true})` can loop forever on special file systems such as /proc.)
 */
async function makeDirs(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch(() => null);
    if (info) {
      if (!info.isDirectory()) throw new Error("ENOTDIR");
      break;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing) await mkdir(d);
  return missing[0];
}

function notWritable(target: string, cause: unknown): UserError {
  const reason = cause instanceof Error && "code" in cause ? String((cause as NodeJS.ErrnoException).code) : String(cause);
  return new UserError({
    vi: `Không ghi được vào ${target} (${reason}).`,
    en: `Cannot write to ${target} (${reason}).`,
  });
}

/** Write several files into `dir` (created if needed) all together, or none of them. */
export async function writeFilesAtomically(dir: string, files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<string[]> {
  let created: string | undefined;
  try {
    const existing = await stat(dir).catch(() => null);
    if (existing && !existing.isDirectory()) throw new Error("ENOTDIR");
    if (!existing) created = await makeDirs(dir);
  } catch (err) {
    throw notWritable(dir, err);
  }
  const temps: string[] = [];
  const finals: string[] = [];
  try {
    for (const file of files) {
      const temp = path.join(dir, `.${file.name}.${process.pid}.tmp`);
      temps.push(temp);
      await writeFile(temp, file.bytes);
    }
    for (const file of files) {
      const target = path.join(dir, file.name);
      await rename(path.join(dir, `.${file.name}.${process.pid}.tmp`), target);
      finals.push(target);
    }
    return finals;
  } catch (err) {
    await Promise.all([...temps, ...finals].map((f) => rm(f, { force: true })));
    if (created) await rm(created, { recursive: true, force: true });
    throw notWritable(dir, err);
  }
}

/**
 * Write several targets, possibly in different folders, all together or none of them: every
 * temporary file is written before the first rename, and a failure removes what was renamed.
 */
export async function writeTargetsAtomically(writes: ReadonlyArray<{ target: string; bytes: Uint8Array }>): Promise<void> {
  const temps: string[] = [];
  const finals: string[] = [];
  const tempOf = (target: string): string => path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    for (const w of writes) {
      temps.push(tempOf(w.target));
      await writeFile(tempOf(w.target), w.bytes);
    }
    for (const w of writes) {
      await rename(tempOf(w.target), w.target);
      finals.push(w.target);
    }
  } catch (err) {
    await Promise.all([...temps, ...finals].map((f) => rm(f, { force: true })));
    throw notWritable(path.dirname(path.resolve(writes[finals.length]?.target ?? ".")), err);
  }
}

/** Write one file atomically (temporary name, then rename). */
export async function writeFileAtomically(target: string, bytes: Uint8Array): Promise<string> {
  const dir = path.dirname(path.resolve(target));
  const [written] = await writeFilesAtomically(dir, [{ name: path.basename(target), bytes }]);
  return written ?? target;
}

/**
 * Fail fast, before any long work, when `dir` cannot be written: create it (then remove what was
 * created) and write and delete a probe file.
 */
export async function assertWritableDir(dir: string): Promise<void> {
  let created: string | undefined;
  try {
    const existing = await stat(dir).catch(() => null);
    if (existing && !existing.isDirectory()) throw new Error("ENOTDIR");
    if (!existing) created = await makeDirs(dir);
    const probe = path.join(dir, `.tonghop-probe-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe, { force: true });
  } catch (err) {
    throw notWritable(dir, err);
  } finally {
    if (created) await rm(created, { recursive: true, force: true });
  }
}
