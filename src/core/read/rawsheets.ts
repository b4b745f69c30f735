/**
 * What exceljs loses and the reader needs, read from the package XML itself.
 *
 * Formulas whose cached result is the empty string (`=IF(SUM(…)=0,"",SUM(…))`, common in
 * hand-made files): Excel writes `t="str"` with an empty `<v></v>`; exceljs drops the empty value,
 * so the cell would look like a formula never calculated (V-FORMULA-01, an error). They are found
 * here and read as empty cells instead.
 */
import { strFromU8, unzipSync } from "fflate";
import { nfc } from "../text";
import { decodeEntities } from "./xmlscan";

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`, "u").exec(tag);
  return m?.[1] ?? null;
}


/** Sheet name → addresses of formula cells with an empty-string cached result. Never throws. */
export function emptyStringFormulaCells(bytes: Uint8Array): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  try {
    const files = unzipSync(bytes, {
      filter: (f) => f.name === "xl/workbook.xml" || f.name === "xl/_rels/workbook.xml.rels" || /^xl\/worksheets\/[^/]+\.xml$/u.test(f.name),
    });
    const workbook = files["xl/workbook.xml"];
    const rels = files["xl/_rels/workbook.xml.rels"];
    if (!workbook || !rels) return result;
    const targets = new Map<string, string>();
    for (const m of strFromU8(rels).matchAll(/<Relationship\b[^>]*>/gu)) {
      const id = attr(m[0], "Id");
      const target = attr(m[0], "Target");
      if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/u, "xl/"));
    }
    for (const m of strFromU8(workbook).matchAll(/<sheet\b[^>]*>/gu)) {
      const name = attr(m[0], "name");
      const rid = attr(m[0], "r:id");
      const path = rid ? targets.get(rid) : undefined;
      const xml = path ? files[path] : undefined;
      if (!name || !xml) continue;
      const cells = new Set<string>();
      for (const c of strFromU8(xml).matchAll(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/gu)) {
        const attrs = c[1] ?? "";
        const body = c[3] ?? "";
        if (attr(` ${attrs}`, "t") !== "str" || !body.includes("<f")) continue;
        const v = /<v>([\s\S]*?)<\/v>|<v\s*\/>/u.exec(body);
        if (!v || (v[1] ?? "") === "") {
          const ref = attr(` ${attrs}`, "r");
          if (ref) cells.add(ref);
        }
      }
      if (cells.size > 0) result.set(nfc(decodeEntities(name)), cells);
    }
  } catch {
    // An unreadable package is reported by the sniffer and the loader, not here.
  }
  return result;
}
