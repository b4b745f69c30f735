/**
 * manifest.xml checked offline (office-addin-manifest validate needs Microsoft's service): a GUID
 * id, the Workbook host, https locations, every resid resolving to a resource, short control ids.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const xml = readFileSync(path.join(__dirname, "..", "manifest.xml"), "utf8");

describe("manifest.xml", () => {
  it("declares an Excel task pane with a GUID id and the document permission", () => {
    expect(xml).toMatch(/xsi:type="TaskPaneApp"/u);
    expect(xml).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/u);
    expect(xml).toMatch(/<Host Name="Workbook"\s*\/>/u);
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.8"\s*\/>/u);
    expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/u);
    const version = /<Version>([\d.]+)<\/Version>/u.exec(xml)?.[1];
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string };
    expect(version).toBe(`${pkg.version}.0`);
  });

  it("resolves every resid and uses https for every location", () => {
    const ids = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/gu)].map((m) => m[1]));
    const used = [...xml.matchAll(/resid="([^"]+)"/gu)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(ids.has(id), id).toBe(true);
    for (const m of xml.matchAll(/DefaultValue="(https?:[^"]+)"/gu)) expect(m[1]).toMatch(/^https:\/\//u);
    for (const m of xml.matchAll(/<Control [^>]*id="([^"]+)"/gu)) expect((m[1] ?? "").length).toBeLessThanOrEqual(125);
  });

  it("points at the pages webpack builds", () => {
    const config = readFileSync(path.join(__dirname, "..", "webpack.config.ts"), "utf8");
    for (const page of ["taskpane.html", "commands.html"]) {
      expect(xml).toContain(`/${page}`);
      expect(config).toContain(`filename: "${page}"`);
    }
  });
});
