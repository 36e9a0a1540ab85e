import { describe, expect, it } from "vitest";
import {
  type CheckInput,
  checkFields,
  checkText,
  type InputError,
  parseCheckFields,
  parseCheckText,
} from "../../src/rules/index.js";
import { rules } from "./helpers.js";

function inputOf(text: string): CheckInput {
  const parsed = parseCheckText(text);
  if (!parsed.ok) throw new Error(`rejected "${text}": ${JSON.stringify(parsed.errors)}`);
  return parsed.input;
}

function errorsOf(text: string): InputError[] {
  const parsed = parseCheckText(text);
  if (parsed.ok) throw new Error(`accepted "${text}"`);
  return parsed.errors;
}

describe("reading the spellings people type", () => {
  it.each([
    ["25000", 25000],
    ["25k", 25000],
    ["25K", 25000],
    ["$25,000", 25000],
    ["25,000", 25000],
    ["$25k", 25000],
    ["1.2m", 1200000],
    ["1.2M", 1200000],
    ["$1,250,000.50", 1250000.5],
    [".5k", 500],
    ["0", 0],
    ["9999.99", 9999.99],
  ])("spend=%s is %d USD a month", (given, amount) => {
    expect(inputOf(`spend=${given}`).spend).toBe(amount);
  });

  it.each([
    ["yes", true],
    ["YES", true],
    ["y", true],
    ["true", true],
    ["True", true],
    ["no", false],
    ["N", false],
    ["false", false],
  ])("growth=%s is %s", (given, value) => {
    expect(inputOf(`growth=${given}`).growth).toBe(value);
  });

  it("reads every key, in any case and any order", () => {
    const text =
      "GROWTH=no Partner=Yes standing=Restricted CONTINUOUS=n prior_ads=y Payments=LATE spend=1k months=07 Advertiser=AGENCY";
    expect(inputOf(text)).toEqual({
      advertiser: "agency",
      months: 7,
      spend: 1000,
      payments: "late",
      prior_ads: true,
      continuous: false,
      standing: "restricted",
      partner: true,
      growth: false,
    });
  });

  it.each([
    "months = 8 spend =25k",
    "months= 8 spend= 25k",
    "  months=8\tspend=25k  ",
    "months\t=\t8\nspend=25k",
    "spend=25k months=8",
  ])("accepts any spacing: %j", (text) => {
    expect(inputOf(text)).toEqual({ months: 8, spend: 25000 });
  });

  it.each([
    ["advertiser=direct, months=8", { advertiser: "direct", months: 8 }],
    ["advertiser=direct,months=8", { advertiser: "direct", months: 8 }],
    ["advertiser=direct; months=8", { advertiser: "direct", months: 8 }],
    ["advertiser=direct;months=8;", { advertiser: "direct", months: 8 }],
    ["spend=$25,000, months=8", { spend: 25000, months: 8 }],
    ["spend=$25,000,months=8", { spend: 25000, months: 8 }],
    ["months=8, spend=1,250,000.50,", { months: 8, spend: 1250000.5 }],
  ])("takes commas and semicolons between pairs: %j", (text, input) => {
    expect(inputOf(text)).toEqual(input);
  });

  it.each([
    ["full-width digits and equals sign", "months＝８ spend=２５k", { months: 8, spend: 25000 }],
    [
      "zero-width characters",
      "adver\u200btiser=dir\u200dect\u2060 months=\ufeff8",
      { advertiser: "direct", months: 8 },
    ],
    ["non-breaking spaces", "months=8\u00a0spend=\u00a025k", { months: 8, spend: 25000 }],
    ["curly double quotes", "advertiser=“direct”", { advertiser: "direct" }],
    ["curly single quotes", "advertiser=‘direct’", { advertiser: "direct" }],
    ["straight quotes", `advertiser="direct" growth='yes'`, { advertiser: "direct", growth: true }],
    [
      "quotes around the whole input",
      "“advertiser=direct months=8”",
      { advertiser: "direct", months: 8 },
    ],
    [
      "quotes around the whole input, with spaces",
      `" advertiser=direct months=8 "`,
      { advertiser: "direct", months: 8 },
    ],
    ["a dash in a key", "prior-ads=no", { prior_ads: false }],
    ["an en dash in a key", "prior–ads=yes", { prior_ads: true }],
  ])("reads text as Slack and autocorrect send it: %s", (_, text, input) => {
    expect(inputOf(text)).toEqual(input);
  });

  it("takes months=6.0 as 6 months and treats empty text as nothing given", () => {
    expect(inputOf("months=6.0").months).toBe(6);
    expect(inputOf("")).toEqual({});
    expect(inputOf("   ")).toEqual({});
  });
});

describe("explaining what is wrong", () => {
  it("suggests the closest key for an obvious typo", () => {
    for (const [typed, meant] of [
      ["month=6", "months"],
      ["priorads=no", "prior_ads"],
      ["Advertizer=direct", "advertiser"],
      ["payment=good", "payments"],
      ["monthly_spend=80000", "spend"],
      ["account-age-months=14", "months"],
    ] as const) {
      const [error] = errorsOf(typed);
      expect(error?.message).toContain(`Did you mean ${meant}`);
    }
  });

  it("suggests the closest option for a value typed with a slip, and none when nothing is near", () => {
    expect(errorsOf("advertiser=agncy")[0]?.message).toBe(
      'advertiser: "agncy" is not one of the choices (did you mean agency?). Use direct or agency.',
    );
    expect(errorsOf("payments=lte")[0]?.message).toContain("(did you mean late?)");
    expect(errorsOf("advertiser=brand")[0]?.message).not.toContain("did you mean");
  });

  it("lists the keys when no key is an obvious match", () => {
    const [error] = errorsOf("budget=5000");
    expect(error).toMatchObject({ key: "budget", given: "budget=5000" });
    expect(error?.message).not.toContain("Did you mean");
    expect(error?.message).toContain("advertiser, months, spend");
  });

  it.each([
    ["advertiser=brand", "advertiser", "brand", "direct or agency"],
    ["payments=ok", "payments", "ok", "good, late or none"],
    ["standing=bad", "standing", "bad", "good or restricted"],
    ["partner=maybe", "partner", "maybe", "yes or no"],
    ["months=abc", "months", "abc", "whole number"],
    ["spend=lots", "spend", "lots", "25k"],
    ["spend=25,00", "spend", "25,00", "US dollars"],
    ["months=", "months", "", "no value was given"],
  ])("%s: names the key, what was given and what is allowed", (text, key, given, allowed) => {
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ key, given });
    expect(error?.message).toContain(key);
    expect(error?.message).toContain(given);
    expect(error?.message).toContain(allowed);
  });

  it.each([
    "months=-3",
    "spend=-500",
    "spend=$-500",
    "spend=-$500",
    "spend=-2k",
    "months=−5",
    "months=–5",
    "months=—5",
    "spend=−$500",
  ])("%s is negative", (text) => {
    expect(errorsOf(text)[0]?.message).toContain("is negative");
  });

  it.each([
    "months=Infinity",
    "months=NaN",
    `months=${"9".repeat(400)}`,
    "spend=inf",
    "spend=$NaN",
    "spend=1e999",
  ])("%s is not a finite number", (text) => {
    expect(errorsOf(text)[0]?.message).toContain("not a finite number");
  });

  it("wants whole months", () => {
    expect(errorsOf("months=4.5")[0]?.message).toContain('"4.5" is not a whole number');
  });

  it.each([
    ["spend=20k usd", 20000],
    ["spend=25000 USD", 25000],
    ["spend=$25,000 dollars", 25000],
    ["spend=usd25k", 25000],
    ["spend=20k/mo", 20000],
    ["spend=20k monthly", 20000],
  ])("%j reads the unit and period the field already asks for", (text, amount) => {
    expect(inputOf(`${text} months=8`)).toEqual({ spend: amount, months: 8 });
  });

  it.each([
    ["months=2 weeks", 0],
    ["months=5weeks", 1],
    ["months=45 days", 1],
    ["months=1.5 years", 18],
    ["months=3 mo", 3],
    ["months=12 months", 12],
    ["months=180 days", 6],
    ["months=365 days", 12],
    ["months=52 weeks", 12],
    ["months=a year", 12],
    ["months=two months", 2],
  ])("%j reads a span of time as the whole months it makes, less than one as 0", (text, months) => {
    expect(inputOf(text)).toEqual({ months });
  });

  it("reads a span said in words, as the guided check and the form get it", () => {
    for (const [said, months] of [
      ["a year and a half", 18],
      ["half a year", 6],
      ["one and a half years", 18],
      ["twelve months", 12],
    ] as const) {
      expect(parseCheckFields({ months: said }), said).toEqual({ ok: true, input: { months } });
    }
  });

  it("reads spend not made yet, and an account not active yet, as 0", () => {
    expect(parseCheckFields({ spend: "none yet", months: "brand new" })).toEqual({
      ok: true,
      input: { spend: 0, months: 0 },
    });
    expect(parseCheckFields({ spend: "nothing" })).toEqual({ ok: true, input: { spend: 0 } });
    expect(parseCheckFields({ months: "none yet" })).toEqual({ ok: true, input: { months: 0 } });
    // Words for spend are not months: "no spend" says nothing about how long the account ran.
    const noSpend = parseCheckFields({ months: "no spend" });
    expect(noSpend.ok).toBe(false);
    expect(parseCheckFields({ months: "nothing yet" })).toEqual({ ok: true, input: { months: 0 } });
    // Typed in the command, the words after the first are kept with it.
    expect(inputOf("spend=none yet months=not active yet")).toEqual({ spend: 0, months: 0 });
    expect(inputOf("spend=no spend so far months=brand new")).toEqual({ spend: 0, months: 0 });
    expect(inputOf('spend="none yet" months=“not yet”')).toEqual({ spend: 0, months: 0 });
    expect(errorsOf("months=not 8").map((error) => error.message)).toContain(
      'months: "not" is not a whole number. Use a whole number of months, 0 to 240, e.g. months=8 (a span works too: months=6 weeks).',
    );
    expect(errorsOf("months=30 years")[0]?.message).toContain("is more than 240 months");
    expect(errorsOf("months=weeks")[0]?.message).toContain('"weeks" is not a whole number');
    expect(errorsOf("months=12.5 months")[0]?.message).toContain("is not a whole number");
  });

  it("refuses an amount in another currency, saying the field is in US dollars", () => {
    for (const text of ["spend=20k eur", "spend=€20k", "spend=5000 GBP"]) {
      const errors = errorsOf(text);
      expect(errors, text).toHaveLength(1);
      expect(errors[0]?.key).toBe("spend");
      expect(errors[0]?.message).toContain("is not in US dollars: convert it first");
    }
  });

  it("refuses a number of months no ad account can have, instead of checking it", () => {
    expect(inputOf("months=240").months).toBe(240);
    const errors = errorsOf("months=999999");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('months: "999999" is more than 240 months');
  });

  it("reads months=6=7 as one value for months, not as a key named 6", () => {
    const errors = errorsOf("months=6=7");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ key: "months", given: "6=7" });
    expect(errors[0]?.message).toContain('months: "6=7" is not a whole number');
  });

  it.each([
    ["spend=25 000", "spend", "25 000", "spend=25000"],
    ["spend=$1 250 000 months=8", "spend", "$1 250 000", "spend=$1250000"],
    ["spend=25\u00a0000", "spend", "25 000", "spend=25000"],
    ["spend=25, 000", "spend", "25 000", "spend=25000"],
  ])(
    "%j: names the key of a number split by spaces and how to write it",
    (text, key, given, fix) => {
      const errors = errorsOf(text);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ key, given });
      expect(errors[0]?.message).toContain(
        `${key}: "${given}" looks like one number split by a space`,
      );
      expect(errors[0]?.message).toContain(`as ${fix}.`);
    },
  );

  it("does not join a word that is not the next digit group", () => {
    const errors = errorsOf("spend=25000 000 months=8 12");
    expect(errors.map((error) => error.given)).toEqual(["000", "12"]);
  });

  it("refuses a key given twice, even in another case", () => {
    const [error] = errorsOf("months=6 MONTHS=8");
    expect(error).toMatchObject({ key: "months", given: "6, 8" });
    expect(error?.message).toContain("months is given twice");
  });

  it.each([
    ["hello", "is not a key=value pair"],
    ["months", '"=" and a value are missing'],
    ["Prior‑Ads", 'prior_ads: "=" and a value are missing'],
    ["=6", "has a value but no key"],
  ])("%s is not a key=value pair", (text, problem) => {
    expect(errorsOf(text)[0]?.message).toContain(problem);
  });

  it("reads details written as a sentence as one problem, pointing to the step-by-step check", () => {
    const errors = errorsOf("client spends 30k a month, 1 yr old, pays on time");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("read as a sentence");
    expect(errors[0]?.message).toContain("/credit-check with nothing after it");
    // A key among the words keeps its own problem: "=" is all that is missing there.
    expect(errorsOf("months 8")[0]?.message).toContain('"=" and a value are missing');
  });

  it("does not take the next pair as a missing value", () => {
    const errors = errorsOf("months= spend=5");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ key: "months", given: "" });
  });

  it("reports every problem at once", () => {
    const errors = errorsOf("month=6 advertiser=brand spend=-1 hello growth=yes growth=no");
    expect(errors.map((error) => error.key).sort()).toEqual(
      ["", "advertiser", "growth", "month", "spend"].sort(),
    );
  });

  it("reports every problem at once with commas between the pairs", () => {
    const errors = errorsOf("months=6=7, spend=25 000, advertiser=brand,colour=blue");
    expect(errors.map((error) => error.key).sort()).toEqual(
      ["advertiser", "colour", "months", "spend"].sort(),
    );
  });

  it("accepts 1,000 characters and refuses 1,001", () => {
    const padded = (length: number) =>
      `months=6${" ".repeat(length - "months=6spend=1".length)}spend=1`;
    expect(padded(1000)).toHaveLength(1000);
    expect(parseCheckText(padded(1000)).ok).toBe(true);
    const errors = errorsOf(padded(1001));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe("The input is 1,001 characters long; the limit is 1,000.");
  });

  it("gives no verdicts at all for invalid input", () => {
    const result = checkText("advertiser=direct months=8 spend=lots", rules);
    expect(result).toMatchObject({ status: "invalid", input: {}, programs: [], missing: [] });
    expect(result.errors).toHaveLength(1);
  });
});

describe("reading a form (the Slack modal)", () => {
  it("reads filled fields and skips empty ones", () => {
    const parsed = parseCheckFields({
      months: " 8 ",
      spend: "$25k",
      advertiser: "",
      growth: "Yes",
    });
    expect(parsed).toEqual({ ok: true, input: { months: 8, spend: 25000, growth: true } });
  });

  it("reads fields as Slack sends them: full-width, quoted, split or with a unicode minus", () => {
    expect(parseCheckFields({ months: "８", spend: "“25k”", growth: "\u200byes" })).toEqual({
      ok: true,
      input: { months: 8, spend: 25000, growth: true },
    });
    const result = checkFields({ months: "−3", spend: "25 000" }, rules);
    expect(result.errors.map((error) => error.message)).toEqual([
      expect.stringContaining('months: "-3" is negative'),
      expect.stringContaining("as spend=25000."),
    ]);
  });

  it("keys every error by its field", () => {
    const result = checkFields({ months: "abc", spend: "-1", payments: "good" }, rules);
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.key)).toEqual(["months", "spend"]);
  });

  it("gives the same verdicts as the command text", () => {
    const fromForm = checkFields({ advertiser: "agency", partner: "yes", spend: "12k" }, rules);
    expect(fromForm).toEqual(checkText("advertiser=agency partner=yes spend=12k", rules));
  });
});
