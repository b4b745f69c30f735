/**
 * Regression (a review of 2026-12-07, hostile files in the pane): a password-protected workbook was told
 * only "Đề nghị lưu lại bằng Excel (định dạng .xlsx) và gửi lại" (V-FILE-01's fixed sentence, FORMS.md), but
 * saved again as it is, it keeps its password and is refused again. Its `{detail}` now says to remove the
 * open password first (TASKPANE.md: "Errors a user can fix say how"), in both languages.
 * Fixture: tests/fixtures/submissions/cases/password-protected.xlsx (LibreOffice, password MatKhau@2023).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const FILE = path.join(__dirname, "..", "fixtures", "submissions", "cases", "password-protected.xlsx");

describe("a password-protected workbook", () => {
  it("is told to remove its password before saving it again", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(FILE)), "password-protected.xlsx");
    expect(outcome.kind).toBe("unreadable");
    const finding = outcome.kind === "submission" ? undefined : outcome.findings[0];
    expect(finding?.rule).toBe("V-FILE-01");
    expect(finding?.message.vi).toContain("gỡ mật khẩu");
    expect(finding?.message.en).toContain("remove its open password");
    // The spec's fixed sentence stays.
    expect(finding?.message.vi).toContain("Đề nghị lưu lại bằng Excel (định dạng .xlsx) và gửi lại.");
  });
});
