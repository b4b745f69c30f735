/**
 * Regression (review of 2026-12-07): the CLI and the pane print a headline rate with one decimal
 * ("62,8% (27/43)"), rounded from the double numerator ÷ denominator: 1003/2000 is exactly 50.15 %, but
 * 0.5015 × 1000 is 501.49999… in binary, so it printed "50,1%" where Excel shows the report's 0.0% cell
 * (the same ratio, taken to 15 significant digits) as 50.2%. Now rounded on the exact ratio, half away
 * from zero. Expected values worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { percentOneDecimal, rateText } from "../../src/core/aggregate/aggregate";
import { EN, VI } from "../../src/taskpane/i18n";

const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : numerator / denominator, units: [] });

describe("a rate's one decimal", () => {
  it("rounds the exact ratio half away from zero", () => {
    expect(percentOneDecimal(1003, 2000)).toBe("50.2"); // 50.15 exactly
    expect(percentOneDecimal(1001, 2000)).toBe("50.1"); // 50.05 exactly
    expect(percentOneDecimal(1, 16)).toBe("6.3"); // 6.25
    expect(percentOneDecimal(2, 3)).toBe("66.7");
    expect(percentOneDecimal(9, 12)).toBe("75.0");
    expect(percentOneDecimal(0, 5)).toBe("0.0");
    expect(percentOneDecimal(3, 2)).toBe("150.0"); // never capped (FORMS.md §7.4)
    expect(percentOneDecimal(-1, 16)).toBe("-6.3");
    expect(percentOneDecimal(0.5, 1.6)).toBe("31.3"); // 31.25, values with decimals
  });

  it("is what the CLI and the pane print", () => {
    expect(rateText(rate(1003, 2000), "vi")).toBe("50,2% (1.003/2.000)");
    expect(rateText(rate(1001, 2000), "en")).toBe("50.1% (1,001/2,000)");
    expect(rateText(rate(27, 43), "vi")).toBe("62,8% (27/43)");
    expect(rateText(rate(0, 0), "vi")).toBe("-");
    // The pane's "Tổng hợp" line (TASKPANE.md: "75,0% (45/60 cuộc)"), the CLI's since 2026-12-07: counts
    // in the Vietnamese number format, as the cover writes them.
    expect(VI.rateValue(1003, 2000, 1003 / 2000)).toBe("50,2% (1.003/2.000 cuộc)");
    expect(EN.rateValue(1003, 2000, 1003 / 2000)).toBe("50.2% (1,003/2,000 inspections)");
    expect(EN.rateValue(1001, 2000, 1001 / 2000)).toBe("50.1% (1,001/2,000 inspections)");
    expect(VI.rateValue(45, 60, 0.75)).toBe("75,0% (45/60 cuộc)");
    expect(VI.rateValue(0, 0, null)).toBe("— (0/0 cuộc)"); // nothing planned: no rate, no division by zero
  });
});
