/**
 * Label keys are remembered for short texts (every unit's workbook repeats the same labels): remembered or
 * not, past the memo's bound or not, the result is String.prototype.normalize's and the label key is the
 * same, and a text below U+0300 is taken as NFC without asking ICU. collapseSpaces returns a text that
 * is already collapsed as it is, and equals its regular expression everywhere.
 */
import { describe, expect, it } from "vitest";
import { collapseSpaces, labelKey, nfc } from "../src/core/text";

describe("nfc and labelKey with their memo", () => {
  it("composes NFD input (macOS) and leaves NFC and plain ASCII as they are", () => {
    const nfd = "Mã đơn vị".normalize("NFD");
    expect(nfd).not.toBe("Mã đơn vị");
    expect(nfc(nfd)).toBe("Mã đơn vị");
    expect(nfc(nfd)).toBe("Mã đơn vị"); // remembered
    expect(nfc("Ma don vi")).toBe("Ma don vi");
    // "A" + combining ring (U+030A) is below U+0300 only in its first character: it composes to "Å".
    expect(nfc("A\u030a")).toBe("\u00c5");
  });

  it("equals normalize on every character and pair of U+0000–U+02FF and U+1E00–U+1EFF, and with a mark after", () => {
    // nfc's fast path takes such texts as they are (Vietnamese's precomposed letters are U+1E00–U+1EFF).
    const fast: string[] = [];
    for (let c = 0; c < 0x300; c++) fast.push(String.fromCharCode(c));
    for (let c = 0x1e00; c <= 0x1eff; c++) fast.push(String.fromCharCode(c));
    // Just outside: combining marks (which compose with the letter before, or reorder) and a few neighbours.
    const outside: string[] = [];
    for (let c = 0x300; c < 0x370; c++) outside.push(String.fromCharCode(c));
    outside.push("\u1dc0", "\u1df9", "\u1f00", "\u1f71", "\u2126", "\u212b", "\uf900");
    let differ = 0;
    for (const a of fast) {
      if (nfc(a) !== a.normalize("NFC")) differ++;
      for (const b of fast) if (nfc(a + b) !== (a + b).normalize("NFC")) differ++;
      for (const b of outside) if (nfc(a + b) !== (a + b).normalize("NFC") || nfc(b + a) !== (b + a).normalize("NFC")) differ++;
    }
    expect(differ).toBe(0);
    expect(nfc("Báo cáo kết quả thực hiện")).toBe("Báo cáo kết quả thực hiện");
    expect(nfc("Báo cáo kết quả thực hiện".normalize("NFD"))).toBe("Báo cáo kết quả thực hiện");
  });

  it("gives normalize's result for more distinct texts than it remembers", () => {
    for (let i = 0; i < 45_000; i++) {
      const text = `Vu\u0323 ${i}`;
      expect(nfc(text)).toBe(text.normalize("NFC"));
    }
    const long = "ế".normalize("NFD").repeat(500);
    expect(nfc(long)).toBe(long.normalize("NFC"));
  });

  it("folds labels as WORKBOOKS.md matches them, whatever their form", () => {
    expect(labelKey("Mã đơn vị:")).toBe("madonvi");
    expect(labelKey("  MÃ  ĐƠN VỊ ：".normalize("NFD"))).toBe("madonvi");
    expect(labelKey("Ngày lập")).toBe("ngaylap");
  });
});

describe("collapseSpaces, which returns a text already collapsed as it is", () => {
  const byRegex = (t: string): string => t.replace(/[\s\u00a0\u2009\u202f]+/gu, " ").trim();

  it("equals the regular expression on every white space of \\s, alone and in company", () => {
    const spaces: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (/\s/u.test(String.fromCharCode(c))) spaces.push(String.fromCharCode(c));
    expect(spaces).toHaveLength(25); // ECMAScript's WhiteSpace and LineTerminator
    for (const w of [...spaces, "\u0085", "\u200b", "x"]) {
      for (const t of [w, `a${w}b`, `${w}a`, `a${w}`, `a ${w}b`, `a${w} b`, `${w}${w}`, `Số${w}liệu`]) expect(collapseSpaces(t)).toBe(byRegex(t));
    }
  });

  it("equals it on random texts of letters, spaces and Vietnamese", () => {
    const alphabet = ["a", "B", " ", "  ", "\t", "\n", "\u00a0", "\u2009", "ế", "Đ", ":", "\u3000"];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 20_000; n++) {
      let t = "";
      for (let k = next() % 8; k > 0; k--) t += alphabet[next() % alphabet.length];
      expect(collapseSpaces(t)).toBe(byRegex(t));
    }
  });
});
