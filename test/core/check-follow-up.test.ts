import { beforeAll, describe, expect, it } from "vitest";
import { checkFollowUp } from "../../src/core/check-follow-up.js";
import { type CheckResult, checkText, loadRules, type Rules } from "../../src/rules/index.js";

let rules: Rules;
let result: CheckResult;
beforeAll(async () => {
  rules = await loadRules("knowledge");
  // A brand-new account: the new advertiser credit is open, the rest is not.
  result = checkText("advertiser=direct months=0 spend=0 prior_ads=no", rules);
});

const programsIn = (text: string) => {
  const reply = checkFollowUp(result, text, rules);
  return reply?.kind === "credit_check" ? reply.result.programs.map((p) => p.id) : reply?.kind;
};
const noticeText = (text: string) => {
  const reply = checkFollowUp(result, text, rules);
  if (reply?.kind !== "notice") throw new Error(`expected a notice for "${text}"`);
  expect(reply.event).toBe("check_explained");
  return reply.text;
};

describe("a message about the check result on screen", () => {
  it("shows one program's verdict, reasons and next steps when it names it", () => {
    expect(programsIn("why not the credit line?")).toEqual(["credit_line"]);
    expect(programsIn("how come monthly invoicing is not eligible")).toEqual(["credit_line"]);
    expect(programsIn("what about the JBP?")).toEqual(["joint_business_plan"]);
    expect(programsIn("jbp?")).toEqual(["joint_business_plan"]);
    expect(programsIn("and the managed one")).toEqual(["managed_account"]);
    expect(programsIn("and the agency credit one, what do i do next")).toEqual(["agency_credit"]);
    expect(programsIn("why no on the new advertiser one")).toEqual(["new_advertiser_credit"]);
    // Whether they get it is that program's verdict…
    expect(programsIn("so they get new advertiser credit?")).toEqual(["new_advertiser_credit"]);
    expect(programsIn("can they still get jbp")).toEqual(["joint_business_plan"]);
    expect(programsIn("and with agency credit?")).toEqual(["agency_credit"]);
    // Being managed is that program's verdict, not a detail of the client the check takes.
    expect(programsIn("what if they were managed?")).toEqual(["managed_account"]);
    expect(programsIn("what if they had an account manager")).toEqual(["managed_account"]);
    // …but what it is, is a question for the knowledge base.
    expect(programsIn("what's a jbp?")).toBeUndefined();
    expect(programsIn("whats the credit line")).toBeUndefined();
  });

  it("says what to add only under a program whose verdict needs it", () => {
    const partial = checkText("advertiser=agency months=8 spend=40k payments=good", rules);
    const shown = (text: string) => {
      const reply = checkFollowUp(partial, text, rules);
      return reply?.kind === "credit_check" ? reply.result : undefined;
    };
    expect(shown("jbp?")).toMatchObject({ missing: [] });
    expect(shown("agency credit?")).toMatchObject({ missing: ["partner"] });
  });

  it("says what the verdicts it names mean, or all of them", () => {
    const two = noticeText("whats the difference between likely and possible");
    expect(two.split("\n")).toEqual([
      `- **LIKELY**: ${rules.verdict_meanings.likely}`,
      `- **POSSIBLE**: ${rules.verdict_meanings.possible}`,
    ]);
    // "not eligible" is no "eligible".
    expect(noticeText("what does not eligible mean?")).toBe(
      `- **NOT ELIGIBLE**: ${rules.verdict_meanings.not_eligible}`,
    );
    expect(noticeText("what do the verdicts mean?").split("\n")).toHaveLength(6);
    // Asking whether a program is likely asks for its verdict, not what "likely" means.
    expect(programsIn("is the credit line likely?")).not.toBe("notice");
  });

  it("sums up why, program by program, in one line each", () => {
    const text = noticeText("why?");
    expect(text).toMatch(
      /\*\*Credit Line \(monthly invoicing\): NOT ELIGIBLE\.\*\* Active for 0 months/,
    );
    expect(text).toMatch(/\*\*New advertiser credit: ELIGIBLE\.\*\* /);
    expect(text.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(5);
    expect(text).toMatch(/why not the credit line\?/);
    // Asked for a summary, the same lines.
    for (const said of ["can you summarise that", "tl;dr pls", "summary for the client?"]) {
      expect(noticeText(said), said).toBe(text);
    }
  });

  it("says whose criteria the verdicts read and what the check assumed, when doubted", () => {
    expect(noticeText("are you sure? they were only late twice")).toBe(noticeText("are you sure?"));
    const text = noticeText("are you sure?");
    expect(text).toContain(rules.common.disclaimer);
    expect(text).toMatch(/What this check assumed:\n- .*assum/);
  });

  it("says whose word each verdict rests on when asked 'is that official?'", () => {
    const text = noticeText("is that official?");
    expect(text).toMatch(/^Whose word each verdict rests on:/);
    expect(text).toMatch(
      /- \*\*Managed account \(custom deals\): [A-Z ]+\.\*\* Rests on third parties only \(GetAdCredit\), not confirmed by TikTok\./,
    );
    expect(text).toMatch(
      /Credit Line \(monthly invoicing\): [A-Z ]+\.\*\* Rests on TikTok's own pages/,
    );
    // The managed-spend line is the check's own assumption, not a source's.
    expect(text).toMatch(
      /What this check assumed itself:\n[\s\S]*is an assumption, not a TikTok figure/,
    );
  });

  it("lists the next steps of the programs that did not come out well", () => {
    expect(noticeText("how long till they qualify")).toBe(noticeText("what would make it likely?"));
    const text = noticeText("what would make it likely?");
    expect(text).toMatch(/\*\*Credit Line \(monthly invoicing\): NOT ELIGIBLE\.\*\*\n- /);
    expect(text).not.toMatch(/New advertiser credit/);
  });

  it("leaves questions about a program itself to the knowledge base", () => {
    for (const text of [
      "how do we apply for monthly invoicing?",
      "and how do we apply for the credit line?",
      "what is a jbp?",
      "do coupons expire?",
      "what about agency fees?",
      "why do agency accounts get less credit?",
      "what's the next step to redeem a coupon?",
    ]) {
      expect(checkFollowUp(result, text, rules), text).toBeUndefined();
    }
  });
});
