/**
 * File output that never leaves anything partial behind (CLI.md exit code 2) and never writes a file
 * the run reads (WORKBOOKS.md §1.6). Every file is written to a temporary name beside its target; only
 * when all of them are written are they renamed into place, each previous file kept aside until all
 * are in place, so a failure leaves every destination holding what it held before.
 */
import { constants, type Stats } from "node:fs";
import { access, link, lstat, mkdir, readFile, realpath, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/findings";
import type { Localised } from "../core/text";

/**
 * Create `dir` and its missing parents one level at a time; returns the folders created, outermost
 * first. (Node's `mkdir(…, {recursive: true})` can loop forever on special file systems such as /proc.)
 */
async function makeDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch(() => null);
    if (info) {
      if (!info.isDirectory()) throw errno("ENOTDIR");
      break;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const created: string[] = [];
  try {
    for (const d of missing) {
      await mkdir(d);
      created.push(d);
    }
  } catch (err) {
    // What was made so far goes too: the caller only learns of what this returns.
    await removeDirs(created);
    throw err;
  }
  return created;
}

/**
 * Remove folders made for outputs, innermost first. Only empty ones go (`rmdir`): a folder something
 * else has written into since is kept, never emptied.
 */
async function removeDirs(created: readonly string[]): Promise<void> {
  for (const d of [...created].reverse()) await rmdir(d).catch(() => undefined);
}

/**
 * An existing file the user made read-only (no write permission for this user, or none for anyone: the
 * Windows attribute, `chmod a-w`, which the superuser would otherwise pass) is refused, not replaced: the
 * write goes through a rename, which the folder allows whatever the file's own permission (a review found
 * a read-only earlier report replaced, exit 0). CLI.md: exit 2, "output not writable".
 */
async function refuseReadOnly(target: string): Promise<void> {
  const info = await stat(target).catch(() => null);
  if (!info?.isFile()) return;
  if ((info.mode & 0o222) === 0) throw errno("EACCES");
  await access(target, constants.W_OK);
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** What the common codes mean, said before the code itself. */
const WRITE_FAILURES: Readonly<Record<string, Localised>> = {
  EACCES: { vi: "không có quyền ghi, hoặc tệp đã có là tệp chỉ đọc", en: "no permission to write, or the existing file is read-only" },
  EPERM: { vi: "không có quyền ghi, hoặc tệp đã có là tệp chỉ đọc", en: "no permission to write, or the existing file is read-only" },
  EISDIR: { vi: "đó là một thư mục", en: "it is a folder" },
  ENOSPC: { vi: "đĩa đã đầy", en: "the disk is full" },
  EROFS: { vi: "ổ đĩa chỉ cho đọc", en: "the drive is read-only" },
};

function notWritable(target: string, cause: unknown): UserError {
  const reason = cause instanceof Error && "code" in cause ? String((cause as NodeJS.ErrnoException).code) : String(cause);
  const words = WRITE_FAILURES[reason];
  return new UserError({
    vi: `Không ghi được vào ${target} (${words ? `${words.vi}: ` : ""}${reason}).`,
    en: `Cannot write to ${target} (${words ? `${words.en}: ` : ""}${reason}).`,
  });
}

const besideTarget = (target: string, kind: "tmp" | "bak"): string => path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${kind}`);

/** A destination's previous file, kept until every output is in place. */
interface Staged {
  readonly target: string;
  readonly temp: string;
  readonly existed: boolean;
  /** "link": a second name of the previous file (the destination still holds it); "moved": renamed aside. */
  kept: "link" | "moved" | null;
  placed: boolean;
}

/**
 * Keep the previous file at `target` under a second name. A hard link first: the destination never
 * stands empty, even if the process dies here. Where links are refused (FAT, some shares) or the
 * destination is a symbolic link (macOS's link() would follow it), it is renamed aside.
 */
async function keepAside(s: Staged): Promise<void> {
  const backup = besideTarget(s.target, "bak");
  await rm(backup, { force: true });
  const info = await lstat(s.target);
  if (!info.isSymbolicLink()) {
    try {
      await link(s.target, backup);
      s.kept = "link";
      return;
    } catch {
      // Fall through to renaming it aside.
    }
  }
  await rename(s.target, backup);
  s.kept = "moved";
}

/** Put every destination back as it was; what cannot be restored stays in its backup, never deleted. */
async function rollBack(staged: readonly Staged[]): Promise<void> {
  for (const s of [...staged].reverse()) {
    const backup = besideTarget(s.target, "bak");
    await rm(s.temp, { force: true }).catch(() => undefined);
    if (s.placed || s.kept === "moved") {
      // Renaming the backup over the new file restores the old one in one step.
      if (s.kept !== null) await rename(backup, s.target).catch(() => undefined);
      else await rm(s.target, { force: true }).catch(() => undefined);
    } else if (s.kept === "link") {
      await rm(backup, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Write several targets, possibly in different folders (made if missing), all together or none of
 * them: every temporary file is written before the first rename, each previous file is kept aside
 * until all are in place, and a failure restores them (CLI.md: "Nothing partial is left at the output
 * path"; an earlier report survives a failed run). The error names the file that could not be written.
 */
export async function writeTargetsAtomically(writes: ReadonlyArray<{ target: string; bytes: Uint8Array }>): Promise<string[]> {
  const targets = writes.map((w) => path.resolve(w.target));
  if (new Set(targets).size !== targets.length) throw new Error("the same output twice");
  const created: string[] = [];
  const staged: Staged[] = [];
  let current = targets[0] ?? ".";
  try {
    for (const [i, w] of writes.entries()) {
      const target = targets[i] ?? path.resolve(w.target);
      current = target;
      created.push(...(await makeDirs(path.dirname(target))));
      const info = await lstat(target).catch(() => null);
      // A folder in the way would be renamed aside and replaced: refused before anything is written.
      if (info?.isDirectory()) throw errno("EISDIR");
      await refuseReadOnly(target);
      const s: Staged = { target, temp: besideTarget(target, "tmp"), existed: info !== null, kept: null, placed: false };
      staged.push(s);
      await writeFile(s.temp, w.bytes);
    }
    for (const s of staged) {
      current = s.target;
      if (s.existed) await keepAside(s);
      await rename(s.temp, s.target);
      s.placed = true;
    }
  } catch (err) {
    await rollBack(staged);
    await removeDirs(created);
    throw notWritable(current, err);
  }
  await Promise.all(staged.map((s) => (s.kept !== null ? rm(besideTarget(s.target, "bak"), { force: true }).catch(() => undefined) : undefined)));
  return targets;
}

/** Write several files into `dir` (created if needed) all together, or none of them. */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<string[]> {
  return writeTargetsAtomically(files.map((f) => ({ target: path.join(dir, f.name), bytes: f.bytes })));
}

/** Write one file atomically (temporary name, then rename). */
export async function writeFileAtomically(target: string, bytes: Uint8Array): Promise<string> {
  const [written] = await writeTargetsAtomically([{ target, bytes }]);
  return written ?? target;
}

/** The folders made for a run's outputs by `prepareOutputs`. */
export interface PreparedOutputs {
  /** Remove the folders made for the outputs (those still empty), when the run ends without writing them. */
  undo(): Promise<void>;
}

/**
 * Fail fast, before any long work, when a target cannot be written: its folder is made (and kept for
 * the run, so the check holds for the folder the write uses), a folder in the target's place is
 * refused, and a probe file is written and deleted in each folder. The error names the target.
 */
export function prepareOutputs(targets: readonly string[]): Promise<PreparedOutputs> {
  return prepareFolders(targets.map((t) => ({ dir: path.dirname(path.resolve(t)), target: path.resolve(t) })));
}

/** Each folder made (kept) and probed; `target` (when known) checked not a folder and named in the error. */
async function prepareFolders(outputs: ReadonlyArray<{ dir: string; target: string | null }>): Promise<PreparedOutputs> {
  const created: string[] = [];
  const probed = new Set<string>();
  const undo = (): Promise<void> => removeDirs(created);
  for (const { dir, target } of outputs) {
    try {
      created.push(...(await makeDirs(dir)));
      if (target !== null && (await lstat(target).catch(() => null))?.isDirectory()) throw errno("EISDIR");
      if (target !== null) await refuseReadOnly(target);
      if (!probed.has(dir)) {
        probed.add(dir);
        const probe = path.join(dir, `.tonghop-probe-${process.pid}`);
        await writeFile(probe, "");
        await rm(probe, { force: true });
      }
    } catch (err) {
      await undo();
      throw notWritable(target ?? dir, err);
    }
  }
  return { undo };
}

/** `work` with the outputs' folders prepared (`prepareOutputs`); the folders made are removed if it fails. */
export async function withOutputs<T>(targets: readonly string[], work: () => Promise<T>): Promise<T> {
  const prepared = await prepareOutputs(targets);
  try {
    return await work();
  } catch (err) {
    await prepared.undo();
    throw err;
  }
}

/**
 * Fail fast when `dir` cannot be written; the folders made for the check are removed again (the write,
 * `writeFileAtomically`, makes them). For a caller that does not keep them (`withOutputs` does).
 */
export async function assertWritableDir(dir: string): Promise<void> {
  const prepared = await prepareFolders([{ dir: path.resolve(dir), target: null }]);
  await prepared.undo();
}

/** A file the run reads: a PATH's file, a history file, the roster, the receipt log, the configuration. */
export interface ReadPath {
  /** As given or found (for the message). */
  readonly full: string;
  /** Its real path (links resolved), or null when it leads nowhere. */
  readonly real: string | null;
}

/** An output of the run and the flag that named it (for the message). */
export interface OutputPath {
  readonly flag: string;
  readonly path: string;
}

/** Where an output lands: the real path of an existing file (a link resolved), else its real folder + its name. */
async function landing(p: string): Promise<{ real: string; info: Stats | null }> {
  const abs = path.resolve(p);
  const info = await stat(abs).catch(() => null);
  if (info) return { real: await realpath(abs), info };
  const parent = await realpath(path.dirname(abs)).catch(() => path.dirname(abs));
  return { real: path.join(parent, path.basename(abs)), info: null };
}

/**
 * Refuse, before anything is read, an output that is a file the run reads (WORKBOOKS.md §1.6: the
 * product never writes to a unit's file), by real path (links and `..` resolved), or as the same file
 * (device and inode) under another name: a hard link, or another spelling on a case-insensitive disk.
 * Two outputs naming one file are refused too (one would silently replace the other).
 */
export async function refuseOutputsOverInputs(outputs: readonly OutputPath[], inputs: readonly ReadPath[]): Promise<void> {
  const landed = await Promise.all(outputs.map(async (o) => ({ ...o, ...(await landing(o.path)) })));
  for (const [i, a] of landed.entries()) {
    const b = landed.slice(0, i).find((x) => x.real === a.real);
    if (b) {
      throw new UserError({ vi: `${b.flag} và ${a.flag} cùng trỏ tới tệp ${a.path}.`, en: `${b.flag} and ${a.flag} name the same file ${a.path}.` });
    }
  }
  for (const o of landed) {
    // A file that does not exist yet is no input.
    const info = o.info;
    if (info === null) continue;
    let same = inputs.find((f) => f.real === o.real);
    if (!same) {
      // Another name of the same file: only a file with several links can have one, or a spelling in another case.
      const lower = o.real.toLowerCase();
      const candidates = inputs.filter((f) => f.real !== null && (info.nlink > 1 || f.real.toLowerCase() === lower));
      const isSame = await Promise.all(candidates.map(async (f) => {
        const s = await stat(f.real ?? f.full).catch(() => null);
        return s !== null && s.dev === info.dev && s.ino === info.ino;
      }));
      same = candidates.find((_, k) => isSame[k] === true);
    }
    if (same) {
      throw new UserError({
        // Most often the last run's own result, written inside a folder given as input (a review): said how to go on.
        vi: `Không ghi ${o.flag} ${o.path}: đó là tệp đầu vào ${same.full}; tệp đầu vào không bao giờ bị ghi đè. Hãy ghi kết quả ra ngoài các thư mục đầu vào (mọi tệp trong đó, kể cả kết quả của lần chạy trước, đều được đọc như tệp đầu vào).`,
        en: `Will not write ${o.flag} ${o.path}: it is the input file ${same.full}; an input file is never overwritten. Write results outside the input folders (every file there, a previous run's result included, is read as an input).`,
      });
    }
  }
}

/**
 * The targets already holding a file other than the bytes to be written there. Commands whose output is
 * made from nothing but the command line (`template`, and `demo` in a folder given as `--out-dir`:
 * deterministic) replace only their own earlier output, byte for byte, never another file of that name
 * (a unit's filled workbook, a report).
 */
export async function targetsHoldingOtherFiles(writes: ReadonlyArray<{ target: string; bytes: Uint8Array }>): Promise<string[]> {
  const other: string[] = [];
  for (const w of writes) {
    const existing = await readFile(w.target).catch(() => null);
    if (existing !== null && !existing.equals(w.bytes)) other.push(w.target);
  }
  return other;
}

/** Up to five of `targets`, then how many more. */
export function someOf(targets: readonly string[]): string {
  return targets.slice(0, 5).join(", ") + (targets.length > 5 ? ` (+${targets.length - 5})` : "");
}

