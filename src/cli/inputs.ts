/**
 * Collecting input files (CLI.md): every regular file under the PATHs, recursively; only Excel
 * lock files (`~$*`) and names starting with "." are passed over. `file` is the path relative to
 * the folder PATH it was found under, with "/" separators (a file PATH: its base name).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/findings";
import type { InputFile } from "../core/validate/run";

function skipped(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".");
}

async function walk(root: string, dir: string, out: Array<{ file: string; full: string }>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out);
    else if (entry.isFile()) out.push({ file: path.relative(root, full).split(path.sep).join("/"), full });
  }
}

export async function collectInputs(paths: readonly string[]): Promise<InputFile[]> {
  if (paths.length === 0) {
    throw new UserError({ vi: "Thiếu tệp hoặc thư mục báo cáo cần đọc.", en: "No submission files or folders given." });
  }
  const found: Array<{ file: string; full: string }> = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new UserError({ vi: `Không tìm thấy ${p}.`, en: `${p} does not exist.` });
    if (info.isDirectory()) await walk(p, p, found);
    else found.push({ file: path.basename(p), full: p });
  }
  const files: InputFile[] = [];
  for (const f of found) files.push({ file: f.file.normalize("NFC"), bytes: new Uint8Array(await readFile(f.full)) });
  return files;
}
