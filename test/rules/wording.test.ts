import { describe, expect, it } from "vitest";
import { fill } from "../../src/rules/wording.js";

describe("fill", () => {
  it("puts each value where its name is, as often as the name appears", () => {
    expect(
      fill("{months} of {min_months}; {months} so far", {
        months: "8 months",
        min_months: "6 months",
      }),
    ).toBe("8 months of 6 months; 8 months so far");
  });

  it("gives a template the values of each call, not of the first call that used it", () => {
    const template = "Spend is {spend}.";
    expect(fill(template, { spend: "25,000 USD" })).toBe("Spend is 25,000 USD.");
    expect(fill(template, { spend: "4,000 USD" })).toBe("Spend is 4,000 USD.");
  });

  it("leaves a placeholder it has no value for, and text without placeholders, as written", () => {
    expect(fill("{known} and {unknown}", { known: "yes" })).toBe("yes and {unknown}");
    expect(fill("No placeholder here.", { known: "yes" })).toBe("No placeholder here.");
    expect(fill("{a}{b}", { a: "1", b: "2" })).toBe("12");
    expect(fill("{outer {inner}}", { inner: "x" })).toBe("{outer x}");
  });
});
