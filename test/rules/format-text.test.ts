import { describe, expect, it } from "vitest";
import { checkText, creditCheckUsage, formatResultText, inputKeys } from "../../src/rules/index.js";
import { rules } from "./helpers.js";

const show = (text: string) => formatResultText(checkText(text, rules), rules);

describe("the readable result", () => {
  it("shows a verdict label per program, the reasons with numbers and the next steps", () => {
    const text = show("advertiser=direct months=4 spend=25k payments=good");
    expect(text).toContain(
      "Credit check for: advertiser=direct months=4 spend=25000 payments=good",
    );
    expect(text).toMatch(/Managed account \(custom deals\)\s+LIKELY/);
    expect(text).toMatch(/Credit Line \(monthly invoicing\)\s+NOT ELIGIBLE/);
    expect(text).toContain(
      "Active for 4 months; the Credit Line needs at least 6 months, so 2 more months.",
    );
    expect(text).toContain("Next:");
    expect(text).toContain(
      "https://getadcredit.com/question/do-high-volume-advertisers-qualify-for-custom-ad-credit-deals/",
    );
    expect(text).not.toContain("To settle");
  });

  it("labels every source with its publisher, official or third party, and its date", () => {
    const result = checkText("advertiser=direct months=8 spend=25k payments=good", rules);
    const text = formatResultText(result, rules);
    const cited = result.programs.flatMap((program) => rules.programs[program.id].sources);
    expect(cited.some((source) => source.kind === "official")).toBe(true);
    expect(cited.some((source) => source.kind === "third_party")).toBe(true);
    for (const source of cited) {
      const kind = source.kind === "official" ? "TikTok (official)" : "third party";
      const described = `${source.publisher}, ${kind}, ${source.date ?? "undated"}: ${source.url}`;
      const listed = text.split("\n").filter((line) => /^ {2}\[\d+\] /.test(line));
      expect(listed.some((line) => line.endsWith(`] ${described}`))).toBe(true);
    }
  });

  it("lists each source once at the end, and each program cites its own by number", () => {
    const result = checkText("advertiser=direct months=8 spend=25k payments=good", rules);
    const text = formatResultText(result, rules);
    const listed = [...text.matchAll(/^ {2}\[(\d+)\] .*: (\S+)$/gm)];
    const urls = listed.map((line) => line[2]);
    expect(new Set(urls).size).toBe(urls.length);
    const numbered = new Map(listed.map((line) => [line[2], `[${line[1]}]`]));
    const citedBy = [...text.matchAll(/^ {2}Sources: (.*)$/gm)].map((line) => line[1]);
    expect(citedBy).toHaveLength(result.programs.length);
    result.programs.forEach((program, i) => {
      const own = rules.programs[program.id].sources.map((source) => numbered.get(source.url));
      expect(citedBy[i]).toBe(own.join(" "));
    });
    // A source two programs rest on is listed once.
    const all = result.programs.flatMap((program) => rules.programs[program.id].sources);
    expect(listed.length).toBeLessThan(all.length);
  });

  it("gives a note two programs share in full once, and points back to it after", () => {
    const text = show("advertiser=direct months=8 spend=1m payments=good");
    const assumption = /line is an assumption, not a TikTok figure/g;
    expect(text.match(assumption)).toHaveLength(1);
    const jbp = text.slice(text.indexOf("Joint Business Plan (JBP): "));
    expect(jbp).toMatch(/^ {4}- As under Managed account \(custom deals\), above\.$/m);
  });

  it("names what to add as exact key=value text", () => {
    const text = show("advertiser=agency months=8 spend=20k payments=good");
    expect(text).toMatch(/Agency credit \(partner agreement\)\s+NEEDS INFO/);
    expect(text).toContain("To settle the NEEDS INFO verdicts, add: partner=yes|no");
    expect(text).toContain(
      "For example: /credit-check advertiser=agency months=8 spend=20000 payments=good partner=yes",
    );
  });

  it("lists the problems and a short usage for invalid input", () => {
    const text = show("month=6 spend=lots");
    expect(text).toContain("The credit check could not run: the input has 2 problems.");
    expect(text).toContain("Did you mean months");
    expect(text).toContain('spend: "lots"');
    expect(text).toContain("/credit-check advertiser=direct months=8 spend=25k payments=good");
    expect(text).not.toContain("LIKELY");
  });
});

describe("the help text", () => {
  it("explains every key, with examples", () => {
    for (const key of inputKeys) expect(creditCheckUsage).toContain(key);
    expect(creditCheckUsage).toContain("$25,000");
    expect(creditCheckUsage).toContain("true/false and y/n");
    expect(creditCheckUsage.match(/^ {2}\/credit-check /gm)?.length).toBeGreaterThanOrEqual(2);
  });

  it("shows only examples that the check accepts", () => {
    const examples = creditCheckUsage.match(/^ {2}\/credit-check (.*)$/gm) ?? [];
    for (const line of examples) {
      const result = checkText(line.replace(/^ {2}\/credit-check /, ""), rules);
      expect(result.status, line).toBe("ok");
    }
  });
});
