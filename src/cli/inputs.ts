/**
 * Collecting input files (CLI.md): every regular file under the PATHs, recursively; only Excel
 * lock files (`~$*`) and names starting with "." are passed over. `file` is the path relative to
 * the folder PATH it was found under, with "/" separators (a file PATH: its base name); when two
 * PATHs would give the same `file`, each is written with its PATH argument as typed in front (a file
 * PATH: the PATH as typed, a file in a folder PATH: `<folder>/<relative path>`). A file reached
 * twice is one input; a symbolic link is followed to a regular file, and a link that leads nowhere
 * (or loops, or to a folder) is listed as unreadable with the reason, never dropped.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/findings";
import { BYTES_PER_MB, DEFAULT_LIMITS } from "../core/read/limits";
import { compareCodePoints, type Localised } from "../core/text";
import type { InputFile } from "../core/validate/run";

function skipped(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".");
}

interface Found {
  /** The PATH argument as typed, with "/" separators. */
  readonly arg: string;
  /** Relative to that PATH (a file PATH: its base name). */
  readonly file: string;
  /** The PATH argument is this file itself (not a folder it was found in). */
  readonly isArg?: true;
  /** Reached through a symbolic link (`full` is the link). */
  readonly viaLink?: true;
  readonly full: string;
  /** The file's real path (links resolved), to meet one file once; null when it cannot be reached. */
  readonly real: string | null;
  readonly problem?: Localised;
}

const slashes = (p: string): string => p.split(path.sep).join("/");

async function linkProblem(full: string, isLink = true): Promise<Localised> {
  // A PATH that is itself a device or a pipe (`/dev/null`, a FIFO): no link to speak of.
  if (!isLink) return NOT_A_REGULAR_FILE;
  const found = await stat(full).then(
    (info) => (info.isDirectory() ? "folder" : "other"),
    (err: NodeJS.ErrnoException) => String(err.code ?? ""),
  );
  if (found === "ELOOP") return { vi: "liên kết tượng trưng lặp vòng", en: "the symbolic link loops" };
  if (found === "folder") return { vi: "liên kết tượng trưng trỏ tới một thư mục", en: "the symbolic link leads to a folder" };
  // A device, a pipe, a socket (a link to /dev/zero): nothing anyone sent as a file.
  if (found === "other") return { vi: "liên kết tượng trưng trỏ tới một thiết bị, ống hoặc socket, không phải tệp thường", en: "the symbolic link leads to a device, pipe or socket, not a regular file" };
  return { vi: "liên kết tượng trưng không trỏ tới tệp nào", en: "the symbolic link leads nowhere" };
}

const NAME_NOT_UTF8: Localised = {
  vi: "tên tệp không viết bằng UTF-8 nên không mở được; đổi tên tệp (hoặc giải nén lại bằng công cụ giữ tên tiếng Việt) rồi chạy lại",
  en: "the file name is not UTF-8, so the file cannot be opened; rename it (or unpack it again with a tool that keeps Vietnamese names) and run again",
};

function folderProblem(err: NodeJS.ErrnoException): Localised {
  const code = String(err.code ?? "");
  return { vi: `là một thư mục, không liệt kê được các tệp trong đó (${code})`, en: `a folder whose files could not be listed (${code})` };
}

const NOT_A_REGULAR_FILE: Localised = { vi: "không phải tệp thường (thiết bị, ống hoặc socket)", en: "not a regular file (a device, pipe or socket)" };

async function entryOf(arg: string, file: string, full: string, roots: readonly string[] = [], isLink = true): Promise<Found | null> {
  const info = await stat(full).catch(() => null);
  if (info?.isFile()) return { arg, file, full, real: await realpath(full) };
  if (info?.isDirectory()) {
    // A link to a folder inside the PATHs adds nothing: its files are met there.
    const real = await realpath(full);
    if (roots.some((r) => real === r || real.startsWith(r + path.sep))) return null;
  }
  return { arg, file, full, real: null, problem: await linkProblem(full, isLink) };
}

async function walk(arg: string, root: string, dir: string, out: Found[], seenDirs: Set<string>, roots: readonly string[]): Promise<void> {
  const real = await realpath(dir);
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    // A folder that cannot be listed (no permission, gone meanwhile) is listed itself as unreadable: its
    // files cannot be named, and the run goes on with the others.
    const name = slashes(path.relative(root, dir));
    out.push({ arg, file: name === "" ? `${arg.replace(/\/+$/u, "")}/` : `${name}/`, full: dir, real: null, problem: folderProblem(err) });
    return null;
  });
  if (entries === null) return;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const file = slashes(path.relative(root, full));
    // A name that is not UTF-8 (from an old archive or share) reaches us with U+FFFD in it: no path in
    // Node's strings leads back to the file. Listed with that reason (it said "not found", and "save it as .xlsx").
    if (entry.name.includes("\uFFFD")) out.push({ arg, file, full, real: null, problem: NAME_NOT_UTF8 });
    else if (entry.isDirectory()) await walk(arg, root, full, out, seenDirs, roots);
    // A file (not a link) in a folder whose real path is known: its own real path, without asking the system.
    else if (entry.isFile()) out.push({ arg, file, full, real: path.join(real, entry.name) });
    else if (entry.isSymbolicLink()) {
      const linked = await entryOf(arg, file, full, roots);
      if (linked) out.push({ ...linked, viaLink: true });
    }
    // Sockets, FIFOs and devices are not files anyone sent.
  }
}

/**
 * Two PATHs giving the same `file`: each written with its PATH argument as typed in front (CLI.md). A
 * file PATH is named by the PATH itself (`dot2/BM_X.xlsx`, not `dot2/BM_X.xlsx/BM_X.xlsx`).
 */
function uniqueNames(found: readonly Found[]): Found[] {
  // Compared as the run names them (NFC): "Báo cáo.xlsx" typed on Windows and the same name from a Mac
  // (decomposed) are one `file`, and were told apart by a " (2)" that went to whichever PATH came second.
  const nameOf = (f: Found): string => f.file.normalize("NFC");
  const count = new Map<string, number>();
  for (const f of found) count.set(nameOf(f), (count.get(nameOf(f)) ?? 0) + 1);
  return found.map((f) => {
    if ((count.get(nameOf(f)) ?? 0) < 2 || f.arg === f.file) return f;
    if (f.isArg) return { ...f, file: f.arg };
    const prefix = f.arg.replace(/\/+$/u, "");
    return { ...f, file: prefix === "" ? f.file : `${prefix}/${f.file}` };
  });
}

/** Which of two ways to one file names it: its own path before a link, then the name, then the PATH (code points). */
function namesBefore(a: Found, b: Found): boolean {
  if ((a.viaLink === true) !== (b.viaLink === true)) return b.viaLink === true;
  if (a.file !== b.file) return compareCodePoints(a.file, b.file) < 0;
  return compareCodePoints(a.arg, b.arg) < 0;
}

/**
 * A file larger than the limit is not read into memory: its size comes from stat and its SHA-256 from a
 * stream, so it is listed as too large (V-FILE-02) whatever its size, never a crash.
 */
async function unreadFile(full: string, size: number): Promise<InputFile["unread"]> {
  return { size, sha256: await fileSha256(full) };
}

/** A file's SHA-256, streamed: node:crypto (the host), the same digest as the core's, at disk speed for files of gigabytes. */
export async function fileSha256(full: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(full)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** An input as collected; `full` is its path on disk when its bytes were left for a worker to read. */
export type CollectedInput = InputFile & { readonly full?: string };

/** The files under the PATHs, each sized (one over the limit is never read) and read. */
export async function collectInputs(paths: readonly string[], maxFileSizeMB: number = DEFAULT_LIMITS.maxFileSizeMB): Promise<CollectedInput[]> {
  return sizedInputs(await findInputs(paths), maxFileSizeMB);
}

/** The files under the PATHs, each once, named (the first step of `collectInputs`: nothing is read or sized). */
export interface FoundInputs {
  readonly found: readonly Found[];
  /** How many of them lead to a file (the rest are listed with their problem). */
  readonly files: number;
}

/**
 * Listings made ahead of the read (to check the outputs against the files read, before reading any),
 * each taken by the next `findInputs` of the same PATH array, once: the files checked are the files
 * read, and the folders are walked once.
 */
const listedAhead = new WeakMap<readonly string[], Promise<FoundInputs>>();

/** `findInputs` now, its listing kept for the next `findInputs(paths)` of this very array. */
export function findInputsAhead(paths: readonly string[]): Promise<FoundInputs> {
  const listing = listInputs(paths);
  listedAhead.set(paths, listing);
  // A failed listing is not kept: the caller sees its error.
  listing.catch(() => listedAhead.delete(paths));
  return listing;
}

export function findInputs(paths: readonly string[]): Promise<FoundInputs> {
  const listing = listedAhead.get(paths);
  if (listing === undefined) return listInputs(paths);
  listedAhead.delete(paths);
  return listing;
}

async function listInputs(paths: readonly string[]): Promise<FoundInputs> {
  if (paths.length === 0) {
    throw new UserError({ vi: "Thiếu tệp hoặc thư mục báo cáo cần đọc.", en: "No submission files or folders given." });
  }
  const found: Found[] = [];
  const roots: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (info?.isDirectory()) roots.push(await realpath(p));
  }
  for (const p of paths) {
    const arg = slashes(p);
    const info = await stat(p).catch(() => null);
    // Each PATH walked on its own (a folder met twice within it is walked once: links that loop): a folder
    // inside another PATH gives its files the names it gives, and the one name kept is chosen below, so the
    // order of the PATHs changes nothing (`in in/sub` and `in/sub in`).
    if (info?.isDirectory()) await walk(arg, p, p, found, new Set<string>(), roots);
    else if (info?.isFile()) {
      const viaLink = (await lstat(p)).isSymbolicLink() ? { viaLink: true as const } : {};
      found.push({ arg, file: path.basename(p), full: p, real: await realpath(p), isArg: true, ...viaLink });
    }
    else {
      const link = await lstat(p).catch(() => null);
      if (!link) throw new UserError({ vi: `Không tìm thấy ${p}.`, en: `${p} does not exist.` });
      const linked = await entryOf(arg, path.basename(p), p, [], link.isSymbolicLink());
      if (linked) found.push({ ...linked, isArg: true });
    }
  }
  // One file reached twice (the same PATH twice, a folder and a file in it, a link to a file met) is one
  // input, named the same whichever PATH came first: by its own path before a link's, then the first name.
  // One that leads to no file (a dangling link, a folder that cannot be listed) is one input by its own path.
  const keyOf = (f: Found): string => (f.real !== null ? `file:${f.real}` : `path:${path.resolve(f.full)}`);
  const best = new Map<string, Found>();
  for (const f of found) {
    const known = best.get(keyOf(f));
    if (known === undefined || namesBefore(f, known)) best.set(keyOf(f), f);
  }
  const once = found.filter((f) => best.get(keyOf(f)) === f);
  return { found: uniqueNames(once), files: once.filter((f) => f.problem === undefined).length };
}

/** The second step of `collectInputs`: each found file sized (stat first: the bytes of one over the limit are never read), then read. */
function sizedInputs(inputs: FoundInputs, maxFileSizeMB: number): Promise<CollectedInput[]> {
  return inOrder(inputs.found, FILES_AT_ONCE, async (f): Promise<CollectedInput> => {
    const file = f.file.normalize("NFC");
    if (f.problem) return { file, bytes: new Uint8Array(0), problem: f.problem };
    const size = (await stat(f.full)).size;
    if (size > maxFileSizeMB * BYTES_PER_MB) return { file, bytes: new Uint8Array(0), unread: await unreadFile(f.full, size) };
    return { file, bytes: new Uint8Array(await readFile(f.full)) };
  });
}

/**
 * The found files left on disk (`full`), neither sized nor read here: a reader (read-here.ts) asks each
 * one's size as it opens it, before reading a byte, when the file's turn comes.
 */
export function inputsOnDisk(inputs: FoundInputs): CollectedInput[] {
  return inputs.found.map((f): CollectedInput => {
    const file = f.file.normalize("NFC");
    return f.problem ? { file, bytes: new Uint8Array(0), problem: f.problem } : { file, bytes: new Uint8Array(0), full: f.full };
  });
}

/** Files asked of the system at once: one at a time, a thousand files wait ~0.1 s on round trips alone. */
const FILES_AT_ONCE = 8;

/** `work` on every item, up to `limit` at once; the results in the items' order. */
async function inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i];
      if (item !== undefined) results[i] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
