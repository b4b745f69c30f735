/**
 * The floor: read every file of DIR, unzip it
 * with fflate and decode every part to text. What any reader must at least do.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";

export function floorOf(bytes: Uint8Array): number {
  const decoder = new TextDecoder();
  let chars = 0;
  for (const part of Object.values(unzipSync(bytes))) chars += decoder.decode(part).length;
  return chars;
}

export function floorDir(dir: string): number {
  let chars = 0;
  for (const name of readdirSync(dir).sort()) chars += floorOf(new Uint8Array(readFileSync(path.join(dir, name))));
  return chars;
}
