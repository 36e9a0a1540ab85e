import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRules, RulesFileError } from "../../src/rules/index.js";

let dir: string;
let original: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "rules-"));
  original = await readFile("knowledge/credit-check.yml", "utf8");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Loads a copy of the real data file with one edit, and returns the problem lines. */
async function problemsAfter(edit: (text: string) => string): Promise<string[]> {
  const edited = edit(original);
  expect(edited).not.toBe(original);
  await writeFile(join(dir, "credit-check.yml"), edited);
  try {
    await loadRules(dir);
  } catch (error) {
    if (error instanceof RulesFileError) return error.problems;
    throw error;
  }
  throw new Error("expected the rules file to be rejected");
}

describe("the credit-check data file", () => {
  it("loads, with the thresholds from the source and the assumption labelled", async () => {
    const rules = await loadRules("knowledge");
    expect(rules.thresholds.credit_line_min_months).toBe(6);
    expect(rules.thresholds.managed_spend).toMatchObject({
      usd_per_month: 10000,
      assumption: true,
      drawn_from: expect.stringContaining("tens of thousands of dollars per month"),
    });
  });

  it.each(["-1", "6.5", "six"])(
    "names the file and the field of a bad month count (%s)",
    async (value) => {
      const problems = await problemsAfter((text) =>
        text.replace("credit_line_min_months: 6", `credit_line_min_months: ${value}`),
      );
      expect(problems).toEqual([
        `${join(dir, "credit-check.yml")}: thresholds.credit_line_min_months: expected a whole number ≥ 0`,
      ]);
    },
  );

  it("puts the message on the error itself, for the start-up log", async () => {
    await writeFile(
      join(dir, "credit-check.yml"),
      original.replace("credit_line_min_months: 6", "credit_line_min_months: -1"),
    );
    await expect(loadRules(dir)).rejects.toThrow(
      /credit-check\.yml: thresholds\.credit_line_min_months: expected a whole number ≥ 0$/,
    );
  });

  it("catches a misspelt placeholder in a text", async () => {
    const problems = await problemsAfter((text) =>
      text.replace("Active for {months};", "Active for {monhts};"),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      "programs.credit_line.reasons.months_short: unknown placeholder {monhts}; this text can use {months}, {min_months}, {remaining}",
    );
  });

  it("requires the wording an assumed threshold is drawn from", async () => {
    const problems = await problemsAfter((text) => text.replace(/^ {4}drawn_from: .*\n/m, ""));
    expect(problems[0]).toContain(
      "thresholds.managed_spend.drawn_from: required when assumption is true",
    );
  });

  it("wants the names people call each program by", async () => {
    const problems = await problemsAfter((text) => text.replace(/^ {4}called: \[jbp.*\n/m, ""));
    expect(problems).toEqual([expect.stringContaining("programs.joint_business_plan.called")]);
  });

  it("checks source URLs, by position", async () => {
    const problems = await problemsAfter((text) =>
      text.replace(
        "    called: [agency credit, agency, partner agreement, partner]\n    sources:\n      - url: https://",
        "    called: [agency credit, agency, partner agreement, partner]\n    sources:\n      - url: see ",
      ),
    );
    expect(problems).toEqual([
      expect.stringContaining("programs.agency_credit.sources[0].url: expected a full http(s) URL"),
    ]);
  });

  it("wants each source's kind and a real date", async () => {
    const problems = await problemsAfter((text) =>
      text
        .replace(
          "kind: third_party\n        date: 2026-05-14",
          "kind: blog\n        date: 2026-05-14",
        )
        .replace("date: 2023-09-01", "date: Sept 2023"),
    );
    expect(problems).toEqual([
      expect.stringContaining(
        "programs.new_advertiser_credit.sources[1].kind: expected official (TikTok's own page) or third_party",
      ),
      expect.stringContaining(
        "programs.credit_line.sources[3].date: expected a date written YYYY-MM-DD",
      ),
    ]);
  });

  it("labels TikTok's own pages official and every other page third party", async () => {
    const rules = await loadRules("knowledge");
    for (const [id, program] of Object.entries(rules.programs)) {
      for (const source of program.sources) {
        const tiktok = /(^|\.)tiktok\.com$/.test(new URL(source.url).hostname);
        expect(source.kind, `${id}: ${source.url}`).toBe(tiktok ? "official" : "third_party");
      }
    }
  });

  it("dates the sources as the pages show them", async () => {
    const rules = await loadRules("knowledge");
    const dated = new Map(
      Object.values(rules.programs).flatMap((program) =>
        program.sources.map((source) => [source.url, source.date]),
      ),
    );
    expect(Object.fromEntries(dated)).toEqual({
      "https://getadcredit.com/question/do-high-volume-advertisers-qualify-for-custom-ad-credit-deals/":
        "2026-06-18",
      "https://getadcredit.com/question/does-tiktok-give-ad-credit-to-returning-or-existing-advertisers/":
        "2026-05-14",
      "https://getadcredit.com/question/how-do-i-access-tiktok-ad-credit-through-an-agencyaccount/":
        undefined,
      "https://agencygrowth.opteo.com/Ad-credits-33c57605461281fba0a6ccd1bea89ec2": undefined,
      "https://ads.tiktok.com/help/article/woocommerce-coupon-program?lang=th": undefined,
      "https://ads.tiktok.com/help/article/how-to-set-up-monthly-invoicing?lang=en": undefined,
      "https://ads.tiktok.com/help/article/how-to-apply-for-a-credit-line-on-business-center":
        undefined,
      "https://ads.tiktok.com/help/article/credit-line": "2023-09-01",
      "https://ads.tiktok.com/help/article/how-to-manage-your-incentive?lang=en": "2025-09-01",
    });
  });

  it("reports a misspelt field name instead of ignoring it", async () => {
    const problems = await problemsAfter((text) =>
      text.replace("credit_line_min_months: 6", "credit_line_min_month: 6"),
    );
    expect(problems.join("\n")).toContain("thresholds: Unrecognized key");
    expect(problems.join("\n")).toContain("thresholds.credit_line_min_months: missing");
  });

  it("reports broken YAML and a missing file with the file name", async () => {
    const broken = await problemsAfter((text) =>
      text.replace("verdict_labels:", "verdict_labels: [oops"),
    );
    expect(broken[0]).toMatch(/credit-check\.yml: line \d+: not valid YAML: .*[^:]$/);
    await rm(join(dir, "credit-check.yml"));
    await expect(loadRules(dir)).rejects.toThrow(/credit-check\.yml: cannot be read/);
  });
});
