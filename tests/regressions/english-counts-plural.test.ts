/**
 * Regression (review of 2026-12-07, third round): the English console counted "1 errors". One finding is
 * now "1 error", others "0 warnings", "2 errors" (the Vietnamese words have no plural).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

describe("the console's counts in English", () => {
  it("say 1 error, 0 warnings, 2 errors", async () => {
    const dir = await tempDir("tonghop-plural-");
    await writeFile(path.join(dir, "note.txt"), "hello");
    const one = await runCli(["validate", dir, "--period", "2023-H1", "--lang", "en"]);
    expect(one.stdout).toContain("Files read: 1. Check results: 1 error, 0 warnings, 0 infos.");
    await writeFile(path.join(dir, "other.txt"), "hello again");
    const two = await runCli(["validate", dir, "--period", "2023-H1", "--lang", "en"]);
    expect(two.stdout).toContain("Files read: 2. Check results: 2 errors, 0 warnings, 0 infos.");
    const vi = await runCli(["validate", dir, "--period", "2023-H1"]);
    expect(vi.stdout).toContain("Tệp đã đọc: 2. Kết quả kiểm tra: 2 lỗi, 0 cảnh báo, 0 thông tin.");
  });
});
