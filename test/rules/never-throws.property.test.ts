import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckInput,
  type CheckResult,
  checkText,
  evaluate,
  inputKeys,
  mostMonths,
  parseCheckText,
} from "../../src/rules/index.js";
import { rules } from "./helpers.js";

/** What must hold for any result: invalid means problems and no verdicts, ok means the reverse. */
function expectConsistent(result: CheckResult) {
  if (result.status === "invalid") {
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.programs).toEqual([]);
    expect(result.missing).toEqual([]);
    for (const error of result.errors) expect(error.message).not.toBe("");
  } else {
    expect(result.errors).toEqual([]);
    expect(result.programs).toHaveLength(5);
    const needsInfo = result.programs.some((entry) => entry.verdict === "needs_info");
    expect(result.missing.length > 0).toBe(needsInfo);
    for (const entry of result.programs) {
      expect(entry.reasons.length).toBeGreaterThan(0);
      expect(entry.next_steps.length).toBeGreaterThan(0);
      expect([...entry.reasons, ...entry.next_steps].join(" ")).not.toMatch(/[{}]/);
    }
  }
}

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", minLength: 990, maxLength: 1100 }),
);

const validValues = [
  "direct",
  "AGENCY",
  "0",
  "6",
  "5",
  "25k",
  "$25,000",
  "1.2M",
  "10000",
  "9999",
  "good",
  "late",
  "none",
  "restricted",
  "yes",
  "N",
  "true",
  "false",
];
const junkValues = ["", "-1", "4.5", "inf", "NaN", "1e999", "$", "k", "=", "-$5", "25,00", "∞"];

const soupKey = fc.oneof(
  fc.constantFrom(...inputKeys),
  fc.constantFrom(...inputKeys).map((key) => key.toUpperCase()),
  fc.constantFrom("month", "prior-ads", "budget", "", "=", "spend spend"),
  fc.string({ maxLength: 8 }),
);
const soupValue = fc.oneof(
  fc.constantFrom(...validValues, ...junkValues),
  fc.string({ maxLength: 8 }),
);
const spacing = fc.constantFrom("", " ", "  ", "\t", "\n", "\u00a0");

const keyValueSoup = fc
  .array(
    fc
      .tuple(soupKey, spacing, spacing, soupValue)
      .map(([key, before, after, value]) => `${key}${before}=${after}${value}`),
    { maxLength: 14 },
  )
  .chain((pairs) =>
    fc
      .array(spacing, { minLength: pairs.length, maxLength: pairs.length })
      .map((gaps) =>
        pairs.map((pair, index) => `${pair}${gaps[index] === "" ? " " : gaps[index]}`).join(""),
      ),
  );

const validInput: fc.Arbitrary<CheckInput> = fc.record(
  {
    advertiser: fc.constantFrom("direct", "agency"),
    months: fc.nat({ max: mostMonths }),
    spend: fc.oneof(fc.constantFrom(0, 9999, 10000), fc.double({ min: 0, max: 1e9, noNaN: true })),
    payments: fc.constantFrom("good", "late", "none"),
    prior_ads: fc.boolean(),
    continuous: fc.boolean(),
    standing: fc.constantFrom("good", "restricted"),
    partner: fc.boolean(),
    growth: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe("no input makes the check throw", () => {
  it("arbitrary text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(() => parseCheckText(text)).not.toThrow();
        expectConsistent(checkText(text, rules));
      }),
      { numRuns: 500 },
    );
  });

  it("key=value soups built from real keys and junk values", () => {
    fc.assert(
      fc.property(keyValueSoup, (text) => {
        expectConsistent(checkText(text, rules));
      }),
      { numRuns: 1000 },
    );
  });

  it("every valid account gets a verdict from every program", () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = evaluate(input, rules);
        expect(result.status).toBe("ok");
        expectConsistent(result);
      }),
      { numRuns: 500 },
    );
  });

  it("typing a valid account as key=value reads it back exactly", () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const text = Object.entries(input)
          .map(
            ([key, value]) =>
              `${key}=${typeof value === "boolean" ? (value ? "yes" : "no") : value}`,
          )
          .join(" ");
        expect(parseCheckText(text)).toEqual({ ok: true, input });
      }),
      { numRuns: 300 },
    );
  });
});
