/** Every .xlsx fixture, and outcomes made comparable: for tests that read all fixtures two ways. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every .xlsx file below `dir`, in name order. */
export function xlsxUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...xlsxUnder(full));
    else if (name.endsWith(".xlsx")) out.push(full);
  }
  return out;
}

/** A value as JSON with Maps as lists and the catalogue form by its code: equal texts, equal outcomes. */
export function comparable(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (v instanceof Map) return [...v.entries()];
    if (key === "form" && typeof v === "object" && v !== null && "code" in v) return (v as { code: string }).code;
    return v;
  });
}
