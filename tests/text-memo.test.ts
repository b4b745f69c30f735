/**
 * Label keys are remembered for short texts (every unit's workbook repeats the same labels): remembered or
 * not, past the memo's bound or not, the result is String.prototype.normalize's and the label key is the
 * same, and a text below U+0300 is taken as NFC without asking ICU.
 */
import { describe, expect, it } from "vitest";
import { labelKey, nfc } from "../src/core/text";

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
