import { describe, expect, it } from "vitest";
import {
  type CheckInput,
  checkText,
  evaluate,
  type ProgramId,
  type Verdict,
} from "../../src/rules/index.js";
import { program, rules } from "./helpers.js";

interface Case {
  text: string;
  verdict: Verdict;
  /** Phrases the reasons must contain, so the person sees why, with the numbers. */
  says?: string[];
  /** Phrases the reasons must not contain. */
  lacks?: string[];
}

function table(id: ProgramId, cases: Case[]) {
  it.each(cases)(`${id}: $text → $verdict`, ({ text, verdict, says = [], lacks = [] }) => {
    const result = program(text, id);
    expect(result.verdict).toBe(verdict);
    const reasons = result.reasons.join(" ");
    for (const phrase of says) expect(reasons).toContain(phrase);
    for (const phrase of lacks) expect(reasons).not.toContain(phrase);
  });
}

describe("new advertiser credit", () => {
  table("new_advertiser_credit", [
    {
      text: "prior_ads=no",
      verdict: "eligible",
      says: [
        "has not run ads before",
        "according to GetAdCredit, a third-party site",
        "advertiser was not given",
        "add advertiser=agency",
      ],
    },
    { text: "advertiser=direct prior_ads=no", verdict: "eligible", lacks: ["advertiser="] },
    {
      text: "prior_ads=yes",
      verdict: "not_eligible",
      says: ["according to GetAdCredit, a third-party site", "any paid ad delivery history"],
    },
    { text: "prior_ads=no months=0 spend=50k", verdict: "eligible" },
    {
      text: "prior_ads=no months=1",
      verdict: "possible",
      says: ["open for 1 month", "30 days from registration", "likely past that window", "60 days"],
    },
    {
      text: "prior_ads=no months=12 spend=50k",
      verdict: "unlikely",
      says: ["open for 12 months", "30 days from registration", "past both windows"],
    },
    {
      text: "advertiser=agency prior_ads=no months=3",
      verdict: "unlikely",
      says: ["past both windows", "created through an agency"],
    },
    {
      text: "advertiser=agency prior_ads=no",
      verdict: "possible",
      says: ["has not run ads before", "created through an agency", "No TikTok page settles"],
    },
    { text: "prior_ads=yes months=0 spend=0", verdict: "not_eligible" },
    {
      text: "months=4",
      verdict: "not_eligible",
      says: [
        "taken as yes because the account has been active for 4 months",
        "add prior_ads=no if it has never run ads",
      ],
    },
    { text: "months=1", verdict: "not_eligible", says: ["active for 1 month."] },
    {
      text: "spend=500",
      verdict: "not_eligible",
      says: ["taken as yes", "500 USD a month", "planned budget", "add prior_ads=no"],
    },
    {
      text: "months=0 spend=500",
      verdict: "needs_info",
      says: ["not a month old", "500 USD a month", "earns the new advertiser offer"],
    },
    {
      text: "months=0 spend=0",
      verdict: "eligible",
      says: ["taken as no", "months=0 and spend=0"],
    },
    { text: "months=0", verdict: "needs_info" },
    { text: "spend=0", verdict: "needs_info" },
    { text: "advertiser=direct", verdict: "needs_info" },
  ]);

  it("points an account that has run ads to the routes open to it, citing each", () => {
    const result = program("prior_ads=yes", "new_advertiser_credit");
    const steps = result.next_steps.join(" ");
    expect(steps).toContain("WooCommerce coupon program page (official)");
    expect(steps).toContain("no TikTok ad spend in the previous 90 days");
    expect(steps).toContain("According to GetAdCredit, a third-party site");
    expect(steps).toContain("reactivation offers");
    expect(steps).not.toMatch(/for an established account, custom managed-account credit replaces/);
    expect(result.sources.map((source) => source.url)).toEqual(
      expect.arrayContaining([
        "https://ads.tiktok.com/help/article/woocommerce-coupon-program?lang=th",
        "https://getadcredit.com/question/does-tiktok-give-ad-credit-to-returning-or-existing-advertisers/",
      ]),
    );
  });

  it("asks for prior_ads when it cannot be worked out", () => {
    const result = checkText("months=0", rules);
    expect(result.missing).toContain("prior_ads");
    expect(program("months=0", "new_advertiser_credit").next_steps.join(" ")).toContain(
      "prior_ads=yes|no",
    );
  });
});

describe("credit line (monthly invoicing)", () => {
  table("credit_line", [
    {
      text: "months=6 payments=good",
      verdict: "likely",
      says: [
        "Active for 6 months",
        "assumed good",
        "assumed",
        "the TikTok pages found give no figure",
      ],
    },
    {
      text: "months=5 payments=good",
      verdict: "not_eligible",
      says: ["Active for 5 months; the Credit Line needs at least 6 months, so 1 more month."],
    },
    {
      text: "months=4 payments=good",
      verdict: "not_eligible",
      says: ["Active for 4 months; the Credit Line needs at least 6 months, so 2 more months."],
    },
    { text: "months=0 payments=good", verdict: "not_eligible", says: ["so 6 more months"] },
    { text: "months=60 payments=good standing=good continuous=yes", verdict: "likely" },
    { text: "months=8 payments=late", verdict: "not_eligible", says: ["late payments"] },
    { text: "months=8 payments=none", verdict: "not_eligible", says: ["no payment history"] },
    {
      text: "months=8 payments=good standing=restricted",
      verdict: "not_eligible",
      says: ["restricted"],
    },
    {
      text: "months=8 payments=good continuous=no",
      verdict: "not_eligible",
      says: ["not been continuous"],
    },
    { text: "payments=good", verdict: "needs_info", says: ["not known"] },
    { text: "months=8", verdict: "needs_info", says: ["Payment history is not known"] },
    { text: "months=2 payments=late", verdict: "not_eligible" },
    // A criterion known to fail decides the verdict before the ones not yet known.
    { text: "months=2 standing=restricted", verdict: "not_eligible", says: ["restricted"] },
    {
      text: "advertiser=direct months=0 spend=0",
      verdict: "not_eligible",
      says: ["so 6 more months", "Payment history is not known"],
    },
    { text: "months=3", verdict: "not_eligible", says: ["so 3 more months"] },
    { text: "payments=late", verdict: "not_eligible", says: ["late payments", "not known"] },
    { text: "continuous=no", verdict: "not_eligible", says: ["not been continuous"] },
    { text: "standing=restricted", verdict: "not_eligible" },
  ]);

  it("lists every failing condition, not just the first", () => {
    const result = program(
      "months=2 payments=late standing=restricted continuous=no",
      "credit_line",
    );
    expect(result.verdict).toBe("not_eligible");
    expect(result.reasons).toEqual([
      "Active for 2 months; the Credit Line needs at least 6 months, so 4 more months.",
      expect.stringContaining("late payments"),
      expect.stringContaining("restricted"),
      expect.stringContaining("not been continuous"),
    ]);
    expect(result.next_steps.join(" ")).toContain("reaches 6 months (4 more months)");
  });

  it("tells a likely account that the official criteria changed, with the dates, and cites both", () => {
    const result = program("months=6 payments=good", "credit_line");
    const steps = result.next_steps.join(" ");
    expect(steps).toContain("last updated September 2023");
    expect(steps).toContain("managed accounts only");
    expect(steps).toContain("signed Auction Framework Agreement");
    expect(steps).toContain("no monthly invoicing set up before");
    expect(steps).toContain("(undated)");
    expect(result.sources.map((source) => source.url)).toEqual(
      expect.arrayContaining([
        "https://ads.tiktok.com/help/article/credit-line",
        "https://ads.tiktok.com/help/article/how-to-set-up-monthly-invoicing?lang=en",
        "https://ads.tiktok.com/help/article/how-to-apply-for-a-credit-line-on-business-center",
      ]),
    );
  });

  it("states no assumption when standing and continuity are given", () => {
    const result = program("months=6 payments=good standing=good continuous=yes", "credit_line");
    expect(result.reasons.join(" ")).not.toContain("assumed");
  });

  it("names the keys that would settle it", () => {
    expect(checkText("standing=good", rules).missing).toEqual(
      expect.arrayContaining(["months", "payments"]),
    );
    expect(program("spend=5k", "credit_line").next_steps.join(" ")).toContain(
      "months=<whole number> and payments=good|late|none",
    );
  });
});

describe("managed account", () => {
  table("managed_account", [
    {
      text: "spend=10000",
      verdict: "likely",
      says: ["10,000 USD a month, at or above the 10,000 USD"],
    },
    { text: "spend=10k growth=no", verdict: "likely" },
    { text: "spend=1.2m", verdict: "likely", says: ["1,200,000 USD a month"] },
    { text: "spend=9999", verdict: "unlikely", says: ["9,999 USD a month, below the 10,000 USD"] },
    { text: "spend=9999.99 growth=no", verdict: "unlikely" },
    {
      text: "spend=9999.995",
      verdict: "unlikely",
      says: ["Spends 9,999.99 USD a month, below the 10,000 USD a month"],
    },
    {
      text: "spend=0.004 growth=yes",
      verdict: "possible",
      says: ["Spends less than 0.01 USD a month, below"],
    },
    { text: "spend=9999 growth=yes", verdict: "possible", says: ["growth potential"] },
    { text: "spend=0 growth=yes", verdict: "possible" },
    { text: "growth=yes", verdict: "needs_info", says: ["Monthly spend is not known"] },
    { text: "growth=no", verdict: "needs_info", says: ["Monthly spend is not known"] },
  ]);

  it("labels the spend threshold as an assumption, with the wording it is drawn from", () => {
    const reasons = program("spend=25k", "managed_account").reasons.join(" ");
    expect(reasons).toContain("assumption");
    expect(reasons).toContain("tens of thousands of dollars per month");
  });

  it("suggests growth=yes when growth was not given below the threshold", () => {
    expect(program("spend=2000", "managed_account").reasons.join(" ")).toContain("growth=yes");
  });

  it("says a restricted account or late payments may weigh, without a source to change the verdict", () => {
    const flagged = program("spend=80k standing=restricted payments=late", "managed_account");
    expect(flagged.verdict).toBe("likely");
    expect(flagged.reasons.join(" ")).toContain(
      "The account is restricted and has late payments: no source says how TikTok weighs that",
    );
    const clean = program("spend=80k standing=good payments=good", "managed_account");
    expect(clean.reasons.join(" ")).not.toContain("no source says how TikTok weighs");
  });
});

describe("joint business plan", () => {
  table("joint_business_plan", [
    { text: "advertiser=agency spend=1m", verdict: "not_eligible", says: ["direct advertisers"] },
    {
      text: "advertiser=direct spend=10000",
      verdict: "possible",
      says: [
        "at or above the 10,000 USD",
        "according to GetAdCredit",
        "typically involves a committed annual or quarterly spend target",
        "assumption",
      ],
    },
    { text: "advertiser=direct spend=9999", verdict: "unlikely", says: ["below the 10,000 USD"] },
    {
      text: "advertiser=direct spend=9999.999",
      verdict: "unlikely",
      says: ["Spends 9,999.99 USD a month, below the 10,000 USD"],
    },
    { text: "advertiser=direct", verdict: "needs_info" },
    { text: "spend=50k", verdict: "needs_info" },
    { text: "advertiser=agency", verdict: "not_eligible", says: ["direct advertisers"] },
  ]);

  it("asks for the advertiser first, then for spend", () => {
    expect(program("spend=50k", "joint_business_plan").next_steps.join(" ")).toContain(
      "advertiser=direct|agency",
    );
    expect(program("advertiser=direct", "joint_business_plan").next_steps.join(" ")).toContain(
      "spend=<",
    );
  });
});

describe("new advertiser credit for an account an agency buys through", () => {
  it("points to the partner route, not the self-serve offer, and cites both sides", () => {
    const agency = program("advertiser=agency prior_ads=no", "new_advertiser_credit");
    expect(agency.next_steps.join(" ")).toContain("partner form");
    expect(agency.sources.map((source) => source.url)).toContain(
      "https://agencygrowth.opteo.com/Ad-credits-33c57605461281fba0a6ccd1bea89ec2",
    );
    const direct = program("advertiser=direct prior_ads=no", "new_advertiser_credit");
    expect(direct.reasons.join(" ")).not.toContain("agency");
    expect(direct.next_steps.join(" ")).toContain("Ads Manager");
  });
});

describe("agency credit", () => {
  table("agency_credit", [
    { text: "advertiser=direct partner=yes", verdict: "not_eligible" },
    {
      text: "advertiser=agency partner=yes",
      verdict: "likely",
      says: ["formal TikTok partner agreement"],
    },
    { text: "advertiser=agency partner=no", verdict: "not_eligible", says: ["no formal"] },
    { text: "advertiser=agency", verdict: "needs_info" },
    { text: "partner=yes", verdict: "needs_info" },
    // No partner agreement rules it out whoever buys the ads.
    { text: "partner=no", verdict: "not_eligible", says: ["no formal"] },
  ]);

  it("says how agency credit is typically issued, as the source puts it", () => {
    const steps = program("advertiser=agency partner=yes", "agency_credit").next_steps.join(" ");
    expect(steps).toContain("typically issued through Business Center");
  });
});

describe("the whole check", () => {
  it("gives every program, in a fixed order, with reasons, next steps and sources", () => {
    const result = checkText("advertiser=direct months=8 spend=25k payments=good", rules);
    expect(result.status).toBe("ok");
    expect(result.programs.map((entry) => entry.id)).toEqual([
      "new_advertiser_credit",
      "credit_line",
      "managed_account",
      "joint_business_plan",
      "agency_credit",
    ]);
    for (const entry of result.programs) {
      expect(entry.name).not.toBe("");
      expect(entry.reasons.length).toBeGreaterThan(0);
      expect(entry.next_steps.length).toBeGreaterThan(0);
      expect(entry.sources.every((source) => source.url.startsWith("https://"))).toBe(true);
    }
  });

  it.each([
    ["", ["advertiser", "months", "spend", "payments", "prior_ads"]],
    ["advertiser=agency months=8 spend=20k payments=good", ["partner"]],
    ["payments=good spend=20k months=8 advertiser=agency", ["partner"]],
    ["advertiser=direct months=8 spend=20k payments=good", []],
    // 0 months rules the Credit Line out, so its payment history is not asked for.
    ["advertiser=agency partner=yes months=0", ["spend", "prior_ads"]],
  ])("%j is missing %j", (text, missing) => {
    expect(checkText(text, rules).missing).toEqual(missing);
  });

  it("has a missing key exactly when some verdict needs info", () => {
    for (const text of ["", "months=3", "advertiser=direct spend=1 months=9 payments=good"]) {
      const result = checkText(text, rules);
      const needsInfo = result.programs.some((entry) => entry.verdict === "needs_info");
      expect(result.missing.length > 0).toBe(needsInfo);
    }
  });

  it("echoes the input as read, without the defaults it assumed", () => {
    expect(checkText("SPEND=$25,000 Growth=Y", rules).input).toEqual({
      spend: 25000,
      growth: true,
    });
  });

  it("refuses a hand-built input that the parser would reject", () => {
    const bad: CheckInput = { months: 2.5, spend: -1 };
    const result = evaluate(bad, rules);
    expect(result.status).toBe("invalid");
    expect(result.programs).toEqual([]);
    expect(result.errors.map((error) => error.key)).toEqual(["months", "spend"]);
    expect(result.errors.map((error) => error.message)).toEqual([
      expect.stringContaining('months: "2.5" is not a whole number'),
      expect.stringContaining('spend: "-1" is negative'),
    ]);
  });

  it("refuses a hand-built input with a key the check does not know, naming it", () => {
    const handBuilt = { foo: 1, months: 8 };
    const result = evaluate(handBuilt, rules);
    expect(result).toMatchObject({ status: "invalid", programs: [], missing: [] });
    expect(result.errors).toEqual([
      {
        key: "foo",
        given: "foo=1",
        message: expect.stringContaining('"foo" is not a key the check knows'),
      },
    ]);
    expect(evaluate({ month: 8 } as CheckInput, rules).errors[0]?.message).toContain(
      "Did you mean months",
    );
  });

  it.each([
    [{ prior_ads: "yes" }, 'prior_ads: "yes" is written as text; give yes or no as true or false.'],
    [{ months: "8" }, 'months: "8" is written as text; give it as a number.'],
    [{ advertiser: 5 }, 'advertiser: "5" is not one of the choices. Use direct or agency.'],
    [{ growth: null }, 'growth: "null" is not allowed. Use yes or no'],
  ])("says in words what is wrong with hand-built %j", (handBuilt, message) => {
    const result = evaluate(handBuilt as unknown as CheckInput, rules);
    expect(result.status).toBe("invalid");
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(message);
  });
});

describe("thresholds come from the data file", () => {
  it("moves the verdicts when a curator changes them", () => {
    const edited = structuredClone(rules);
    edited.thresholds.credit_line_min_months = 3;
    edited.thresholds.managed_spend = { usd_per_month: 20000, assumption: false };
    const result = checkText("advertiser=direct months=3 spend=15000 payments=good", edited);
    const verdictOf = (id: ProgramId) => result.programs.find((entry) => entry.id === id)?.verdict;
    expect(verdictOf("credit_line")).toBe("likely");
    expect(verdictOf("managed_account")).toBe("unlikely");
    const reasons = result.programs.flatMap((entry) => entry.reasons).join(" ");
    expect(reasons).toContain("below the 20,000 USD a month");
    expect(reasons).not.toContain("assumption");
  });

  it("moves the new advertiser window when a curator changes it", () => {
    const verdict = (months: number, edited = rules) =>
      checkText(`prior_ads=no months=${months}`, edited).programs.find(
        (entry) => entry.id === "new_advertiser_credit",
      )?.verdict;
    expect([0, 1, 2].map((months) => verdict(months))).toEqual([
      "eligible",
      "possible",
      "unlikely",
    ]);
    const edited = structuredClone(rules);
    edited.thresholds.new_advertiser_window_months = { official: 2, third_party: 3 };
    expect([1, 2, 3].map((months) => verdict(months, edited))).toEqual([
      "eligible",
      "possible",
      "unlikely",
    ]);
  });
});
