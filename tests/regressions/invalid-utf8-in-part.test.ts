/**
 * Regression (issue 9): tests/fixtures/hostile/bad-utf8.xlsx has the bytes FF FE C3 28 in the ThongTin
 * sheet part (declared UTF-8). The streaming reader decoded them to U+FFFD and accepted the file; a part that
 * is not well-formed UTF-8 is not well-formed XML, so the file is unreadable (V-FILE-01), as
 * docs/DECISIONS.md records (TextDecoder with fatal: true). A review then found the finding's detail was
 * TextDecoder's own message, which is the engine's ("The encoded data was not valid for encoding utf-8"
 * in Node, "Failed to execute 'decode' on 'TextDecoder'…" in Chromium): the pane's report and the CLI's
 * differed for the same file. The detail is ours now, whichever decoder met the bytes, and (a review of
 * 2026-12-07) names the sheet and part, as for malformed XML.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { NODE_BYTES } from "../../src/cli/pool/read-here";
import { readSubmission } from "../../src/core/read/reader";

const HOSTILE = path.join(__dirname, "..", "fixtures", "hostile");

describe("invalid UTF-8 in a part", () => {
  it("bad-utf8.xlsx is unreadable: one V-FILE-01", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(HOSTILE, "bad-utf8.xlsx"))), "bad-utf8.xlsx");
    expect(outcome.kind).toBe("unreadable");
    expect(outcome.kind === "unreadable" && outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
  });

  it.each([
    ["the core's decoder (the pane)", {}],
    ["Node's decoder first (the CLI)", NODE_BYTES],
  ])("the finding says it in our words, the same with %s", async (_host, host) => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(HOSTILE, "bad-utf8.xlsx"))), "bad-utf8.xlsx", host);
    if (outcome.kind !== "unreadable") throw new Error(outcome.kind);
    expect(outcome.findings.map((f) => f.message)).toEqual([
      {
        vi: 'Tệp bad-utf8.xlsx không đọc được dưới dạng .xlsx (nội dung không đọc được: trang tính "ThongTin", thành phần xl/worksheets/sheet1.xml: văn bản không đúng mã UTF-8). Đề nghị lưu lại bằng Excel (định dạng .xlsx) và gửi lại.',
        en: 'File bad-utf8.xlsx cannot be read as .xlsx (content cannot be read: sheet "ThongTin", part xl/worksheets/sheet1.xml: the text is not valid UTF-8). Save it as .xlsx in Excel and send it again.',
      },
    ]);
  });

  it("the same file with the bytes made valid UTF-8 reads (the bytes are the cause)", async () => {
    const parts = unzipSync(new Uint8Array(readFileSync(path.join(HOSTILE, "bad-utf8.xlsx"))));
    let fixed = 0;
    for (const [name, data] of Object.entries(parts)) {
      const at = data.findIndex((b, i) => b === 0xff && data[i + 1] === 0xfe && data[i + 2] === 0xc3 && data[i + 3] === 0x28);
      if (at < 0) continue;
      parts[name] = new Uint8Array([...data.subarray(0, at), ...strToU8("ok"), ...data.subarray(at + 4)]);
      fixed++;
    }
    expect(fixed).toBe(1);
    const outcome = await readSubmission(zipSync(parts), "bad-utf8.xlsx");
    expect(outcome.kind).toBe("submission");
  });
});
