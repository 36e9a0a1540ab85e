import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Asking,
  addedDetail,
  continueGuidedCheck,
  isExpired,
  startGuidedCheck,
} from "../../src/core/guided-check.js";
import type { Reply } from "../../src/core/reply.js";
import {
  checkText,
  describeInput,
  loadRules,
  parseCheckFields,
  type Rules,
} from "../../src/rules/index.js";
import { type PendingCheck, pendingCheckSchema } from "../../src/state/schema.js";

let rules: Rules;
beforeAll(async () => {
  rules = await loadRules("knowledge");
});

const t0 = new Date("2026-11-25T10:00:00.000Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function asking(step: { pending: PendingCheck | null; reply: Reply }): Asking {
  if (step.pending === null || step.reply.kind !== "check_prompt") {
    throw new Error(`expected a question, got ${step.reply.kind}`);
  }
  return { pending: step.pending, reply: step.reply };
}

/** The next question after `text` is said, `minutes` after the check began. */
const step = (pending: PendingCheck, text: string, minutes: number) =>
  asking(continueGuidedCheck(pending, text, later(minutes), rules));

/** Answers each question in turn; returns the keys asked and the last step. */
function converse(answers: Record<string, string>, initial = {}) {
  let current: ReturnType<typeof continueGuidedCheck> = startGuidedCheck(initial, t0, rules);
  const asked: string[] = [];
  for (let turn = 1; current.pending !== null; turn += 1) {
    const { key } = asking(current).reply;
    if (asked.includes(key)) throw new Error(`${key} asked again: "${answers[key]}" was not read`);
    asked.push(key);
    const answer = answers[key];
    if (answer === undefined) throw new Error(`unexpected question: ${key}`);
    current = continueGuidedCheck(current.pending, answer, later(turn), rules);
  }
  return { asked, last: current };
}

/** An agency's answers to every question a check asks it, spend above the managed threshold. */
const agencyAnswers = {
  advertiser: "agency",
  partner: "yes",
  months: "8",
  spend: "40k",
  prior_ads: "yes",
  payments: "good",
  standing: "good",
  continuous: "yes",
};

describe("guided credit check", () => {
  it("asks an agency only what matters and ends with the /credit-check result", () => {
    const { asked, last } = converse(agencyAnswers);
    // spend is above the managed threshold (no growth question).
    expect(asked).toEqual([
      "advertiser",
      "partner",
      "months",
      "spend",
      "prior_ads",
      "payments",
      "standing",
      "continuous",
    ]);
    expect(last.reply).toEqual({
      kind: "credit_check",
      result: checkText(
        "advertiser=agency partner=yes months=8 spend=40k prior_ads=yes payments=good standing=good continuous=yes",
        rules,
      ),
    });
  });

  it("says how it read a last answer typed in words, and how to change it now the check is over", () => {
    const { last } = converse({ ...agencyAnswers, continuous: "mostly, paused for xmas" });
    expect(last.reply).toMatchObject({
      kind: "credit_check",
      lead: "Taking the answer about continuous ad activity as **No** (if it's not, say **what if continuous=yes**).",
    });
    expect(last.reply.kind === "credit_check" && last.reply.result).toEqual(
      checkText(
        "advertiser=agency partner=yes months=8 spend=40k prior_ads=yes payments=good standing=good continuous=no",
        rules,
      ),
    );
  });

  it("asks about growth below the managed threshold, and skips the credit-line details once it fails", () => {
    const { asked, last } = converse({
      advertiser: "direct",
      months: "3",
      spend: "$5,000",
      growth: "y",
      prior_ads: "skip",
    });
    // 3 months already rules the Credit Line out: payment history would not change it.
    expect(asked).toEqual(["advertiser", "months", "spend", "growth", "prior_ads"]);
    expect(last.reply).toEqual({
      kind: "credit_check",
      result: checkText("advertiser=direct months=3 spend=$5,000 growth=y", rules),
    });
  });

  it("asks whether the account has run ads rather than taking months open as a yes", () => {
    // A client one month in that has never advertised: without the question, the month open
    // would be taken as ads run, and the offer ruled out.
    const { asked, last } = converse({
      advertiser: "direct",
      months: "1",
      spend: "2k",
      growth: "skip",
      prior_ads: "no",
    });
    expect(asked).toEqual(["advertiser", "months", "spend", "growth", "prior_ads"]);
    expect(last.reply.kind === "credit_check" && last.reply.result).toEqual(
      checkText("advertiser=direct months=1 spend=2k prior_ads=no", rules),
    );
    const offer = (text: string) =>
      checkText(text, rules).programs.find((entry) => entry.id === "new_advertiser_credit");
    expect(offer("advertiser=direct months=1 spend=2k prior_ads=no")?.verdict).toBe("possible");
    expect(offer("advertiser=direct months=1 spend=2k")?.verdict).toBe("not_eligible");
  });

  it("asks whether the account ran ads when months and spend do not say", () => {
    const { asked, last } = converse({
      advertiser: "direct",
      months: "skip",
      spend: "skip",
      prior_ads: "no",
      payments: "none",
    });
    expect(asked).toEqual(["advertiser", "months", "spend", "prior_ads", "payments"]);
    expect(last.reply).toMatchObject({ kind: "credit_check" });
    if (last.reply.kind !== "credit_check") return;
    expect(last.reply.result).toEqual(
      checkText("advertiser=direct prior_ads=no payments=none", rules),
    );
    // No payment history rules the Credit Line out, so its months are no longer missing.
    expect(last.reply.result.missing).toEqual(["spend"]);
  });

  it("starts with options as buttons and says how to skip or cancel", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    expect(first.reply.key).toBe("advertiser");
    expect(first.reply.options).toEqual([
      { value: "direct", label: "Directly" },
      { value: "agency", label: "Through an agency" },
    ]);
    expect(first.reply.text).toMatch(/skip.*cancel/);
    expect(first.pending).toEqual({
      fields: {},
      awaiting: "advertiser",
      startedAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
    });
    const months = step(first.pending, "Directly", 1);
    expect(months.reply).toMatchObject({ key: "months", options: [] });
    expect(months.pending.fields).toEqual({ advertiser: "direct" });
  });

  it("says a question was left out when the answer is 'skip' or 'not sure', then asks the next", () => {
    const first = asking(startGuidedCheck({ advertiser: "direct" }, t0, rules));
    expect(first.reply.key).toBe("months");
    for (const unsure of ["skip", "not sure", "dunno"]) {
      const next = step(first.pending, unsure, 1);
      expect(next.reply.key, unsure).toBe("spend");
      expect(next.reply.text, unsure).toMatch(/^Okay, I've left that one out\.\n\n/);
    }
  });

  it("re-asks with what was wrong, keeping the answers so far", () => {
    const first = asking(startGuidedCheck({ advertiser: "direct" }, t0, rules));
    expect(first.reply.key).toBe("months");
    const cases: [string, RegExp][] = [
      ["eight", /"eight" is not a whole number/],
      ["-3", /"-3" is negative/],
      ["2.5", /"2\.5" is not a whole number/],
      ["   ", /didn't catch an answer/],
    ];
    for (const [answer, problem] of cases) {
      const again = step(first.pending, answer, 5);
      expect(again.reply.key).toBe("months");
      expect(again.reply.text).toMatch(problem);
      expect(again.reply.text).toMatch(/How many months/);
      expect(again.pending).toEqual({ ...first.pending, updatedAt: later(5).toISOString() });
    }
    const payments = step(step(first.pending, "12", 6).pending, "plenty", 7);
    expect(payments.reply.key).toBe("spend");
    expect(payments.reply.text).toMatch(/"plenty" is not an amount of dollars/);
  });

  it("reads answers as people type them in chat", () => {
    const { asked, last } = converse(
      {
        advertiser: "Through an agency",
        partner: "yep!",
        months: "about 8 months",
        spend: "40k/mo",
        payments: "no idea",
        standing: "dunno",
        continuous: "nope",
        growth: "yeah",
        prior_ads: "yup",
      },
      {},
    );
    expect(asked.slice(0, 4)).toEqual(["advertiser", "partner", "months", "spend"]);
    expect(last.reply.kind).toBe("credit_check");
    const direct = asking(startGuidedCheck({ advertiser: "direct" }, t0, rules));
    const spend = step(direct.pending, "8 mo", 1);
    expect(spend.pending.fields).toEqual({ advertiser: "direct", months: "8" });
    // A span said roughly is the span: "about 6 weeks" is 1 whole month.
    const weeks = step(direct.pending, "about 6 weeks", 1);
    expect(weeks.reply.key).toBe("spend");
    expect(parseCheckFields({ months: weeks.pending.fields.months })).toEqual({
      ok: true,
      input: { months: 1 },
    });
    // Said in words, as people answer: "about a year" is 12 months.
    const year = step(direct.pending, "about a year", 1);
    expect(year.reply.key).toBe("spend");
    expect(parseCheckFields({ months: year.pending.fields.months })).toEqual({
      ok: true,
      input: { months: 12 },
    });
    for (const said of ["$40k per month", "about 40k a month", "40k USD", "40,000 usd/month"]) {
      const next = step(spend.pending, said, 2);
      expect(next.reply.key, said).not.toBe("spend");
      expect(Number(next.pending.fields.spend?.replace(/[$,k]/gi, "")), said).toBeGreaterThan(0);
    }
    // A bad answer is told the form the question wants, not the one-line command's key=value.
    const bad = step(direct.pending, "forty", 3);
    expect(bad.reply.text).toMatch(/"forty" is not a whole number/);
    expect(bad.reply.text).not.toMatch(/months=/);
  });

  it("reads a named option typed with a slip as that option, but not a look-alike of yes or no", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    for (const [typed, option] of [
      ["agnecy", "agency"],
      ["Drect", "direct"],
      ["dir", "direct"],
    ] as const) {
      const next = step(first.pending, typed, 1);
      expect(next.pending.fields, typed).toEqual({ advertiser: option });
    }
    // No option near: asked again, not guessed.
    for (const typed of ["tiktok", "maybe", "adgency stuff"]) {
      const again = step(first.pending, typed, 1);
      expect(again.reply.key, typed).toBe("advertiser");
      expect(again.reply.text, typed).toMatch(/is not one of the choices/);
    }
    const partner = step(first.pending, "agency", 1);
    expect(partner.reply.key).toBe("partner");
    const again = step(partner.pending, "now", 2);
    expect(again.reply.key).toBe("partner");
    const standing = asking(
      startGuidedCheck(
        {
          advertiser: "direct",
          months: "8",
          spend: "40k",
          prior_ads: "yes",
          payments: "good",
          continuous: "yes",
        },
        t0,
        rules,
      ),
    );
    expect(standing.reply.key).toBe("standing");
    const done = continueGuidedCheck(standing.pending, "restriced", later(1), rules);
    expect(
      done.pending?.fields.standing ??
        (done.reply.kind === "credit_check" && done.reply.result.input.standing),
    ).toBe("restricted");
  });

  it("reads the one option a sentence names, unless it names two or turns it around", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    const agency = asking(
      continueGuidedCheck(first.pending, "we buy via our agency", later(1), rules),
    );
    expect(agency.pending.fields).toEqual({ advertiser: "agency" });
    for (const typed of ["direct or agency, not sure", "direct or agency"]) {
      const again = step(first.pending, typed, 1);
      expect(again.reply.key, typed).toBe("advertiser");
    }
    // Turned around, the one option of two says the other.
    const notAgency = step(first.pending, "not agency", 1);
    expect(notAgency.pending.fields).toEqual({ advertiser: "direct" });
    const payments = asking(
      startGuidedCheck(
        { advertiser: "direct", months: "8", spend: "40k", prior_ads: "yes" },
        t0,
        rules,
      ),
    );
    expect(payments.reply.key).toBe("payments");
    const late = continueGuidedCheck(
      payments.pending,
      "late-ish, missed 1 payment",
      later(1),
      rules,
    );
    expect(
      late.pending?.fields.payments ??
        (late.reply.kind === "credit_check" && late.reply.result.input.payments),
    ).toBe("late");
    const never = step(payments.pending, "never late", 1);
    expect(never.pending.fields.payments).toBe("good");
  });

  it("reads the answer a chat sentence gives, says how it read it, and leaves hedges unread", () => {
    const start = {
      advertiser: "agency",
      partner: "yes",
      months: "8",
      spend: "40k",
      growth: "yes",
      prior_ads: "yes",
      payments: "good",
      standing: "good",
      continuous: "yes",
    } as const;
    /** The value `said` gives the question on `key`, asked with the keys before it answered. */
    const read = (key: keyof typeof start, said: string) => {
      const given = Object.fromEntries(
        Object.entries(start).filter(([other]) => other !== key && other !== "continuous"),
      );
      const pending: PendingCheck = {
        fields: given,
        awaiting: key,
        startedAt: t0.toISOString(),
        updatedAt: t0.toISOString(),
      };
      const outcome = continueGuidedCheck(pending, said, later(1), rules);
      if ("rejected" in outcome) return { value: undefined, text: outcome.reply.text };
      // Some answers leave nothing worth asking: the check ends with its result.
      if (outcome.reply.kind === "credit_check") {
        return { value: outcome.reply.result.input[key], text: "" };
      }
      const parsed = parseCheckFields({ [key]: outcome.pending?.fields[key] ?? "" });
      return { value: parsed.ok ? parsed.input[key] : undefined, text: outcome.reply.text };
    };
    const readings: [keyof typeof start, string, string | number | boolean][] = [
      ["advertiser", "they handle it themselves, in-house team", "direct"],
      ["advertiser", "we run the buying for them", "agency"],
      ["partner", "nah, no formal agreement", false],
      ["partner", "yes we signed one in march", true],
      ["months", "they opened the account about 14 months ago", 14],
      ["months", "a year and a half or so", 18],
      ["spend", "usually around 35k a month", 35000],
      ["spend", "20 grand monthly", 20000],
      // A range is taken at its lower end, and a start date as the months since it.
      ["spend", "somewhere between 100 and 150k a month", 100000],
      ["spend", "500-1k", 500],
      ["spend", "approx 15 thousand a month", 15000],
      ["spend", "hasn't spent yet", 0],
      ["spend", "nothing so far", 0],
      ["months", "3-6 months", 3],
      ["months", "since march 2026", 8],
      ["growth", "honestly no, sales are flat", false],
      ["growth", "yeah they're expanding into 2 new markets", true],
      ["prior_ads", "nope, brand new account", false],
      ["prior_ads", "none", false],
      ["months", "brand new, opened it for this launch", 0],
      ["prior_ads", "yeah they've been running ads for a while", true],
      // Through the agency's Business Center is how they buy, not another question's answer.
      ["prior_ads", "yes, through our bc", true],
      ["payments", "always paid on time", "good"],
      ["payments", "mostly fine but a couple invoices were overdue", "late"],
      ["payments", "nothing billed yet", "none"],
      ["standing", "no restrictions at all", "good"],
      ["standing", "account got suspended last week", "restricted"],
      ["continuous", "no pauses, always on", true],
      ["continuous", "they went dark over the summer", false],
      ["growth", "obviously yes lol", true],
      ["payments", "0 late payments", "good"],
      ["continuous", "they took a month off in summer", false],
    ];
    for (const [key, said, value] of readings) {
      expect(read(key, said).value, said).toBe(value);
    }
    // Some spend, or a habit, is not "no spend".
    for (const said of ["they haven't spent much yet", "they never spend on weekends"]) {
      expect(read("spend", said).value, said).not.toBe(0);
    }
    // The next question says what was taken, so a misreading can be taken back with "back".
    expect(read("payments", "always paid on time").text).toMatch(
      /^Taking that as \*\*On time\*\* \(say \*\*back\*\* to change it\)\./,
    );
    expect(read("spend", "usually around 35k a month").text).toMatch(/\*\*\$35,000 a month\*\*/);
    // Chat shorthand is confirmed too; a value typed as asked, or a button's label, is not.
    expect(read("spend", "roughly 30k a month").text).toMatch(/\*\*\$30,000 a month\*\*/);
    expect(read("payments", "good").text).not.toMatch(/Taking that as/);
    expect(read("payments", "On time").text).not.toMatch(/Taking that as/);
    expect(read("months", "8").text).not.toMatch(/Taking that as/);
    // A spend of a few dollars was likely meant for another question: it is said back.
    expect(read("spend", "3").text).toMatch(/^Taking that as \*\*\$3 a month\*\*/);
    expect(read("spend", "500").text).not.toMatch(/Taking that as/);
    expect(read("spend", "0").text).not.toMatch(/Taking that as/);
    // Unsure, asking back, or saying two things: not an answer, so the question is asked again.
    for (const [key, said] of [
      ["partner", "we're a meta partner, not sure about tiktok"],
      ["standing", "was restricted in spring but fine now"],
      ["continuous", "what counts as a long pause?"],
      ["prior_ads", "let me check the history first"],
      ["spend", "about £20k a month"],
      ["months", "they spend about 5k a month"],
      ["spend", "600k annually"],
      ["spend", "under 5k"],
      ["payments", "I don't know if they were ever late"],
      ["prior_ads", "they have run ads on facebook, not tiktok"],
      // A "nope" in a sentence about another question was meant for that one.
      ["prior_ads", "never missed one"],
      ["partner", "nope brand new to tiktok, never advertised"],
      ["partner", "new acct yes"],
      // Pending is no agreement yet: not taken as one.
      ["partner", "partner agreement still pending"],
      // An "ok" that opens a sentence is no "ok" to the question.
      ["standing", "ok send me that as the one line command so i can paste it for my colleague"],
    ] as const) {
      expect(read(key, said).value, said).toBeUndefined();
    }
  });

  it("goes back one question on 'back', its answer taken out, and says so at the first", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    const none = step(first.pending, "back", 1);
    expect(none.reply.key).toBe("advertiser");
    expect(none.reply.text).toMatch(/^This is the first question/);
    const months = step(first.pending, "direct", 1);
    const spend = step(months.pending, "8", 2);
    expect(spend.reply.key).toBe("spend");
    const back = step(spend.pending, "go back", 3);
    expect(back.reply.key).toBe("months");
    expect(back.reply.text).toMatch(/^Okay, back one question\./);
    expect(back.pending.fields).toEqual({ advertiser: "direct" });
    const again = step(back.pending, "14", 4);
    expect(again.reply.key).toBe("spend");
    expect(again.pending.fields).toEqual({ advertiser: "direct", months: "14" });
  });

  it("changes an earlier answer on 'wait, I meant agency', and goes on from there", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    const months = step(first.pending, "direct", 1);
    expect(months.reply.key).toBe("months");
    // An agency is asked about its partner agreement, which a direct advertiser was not.
    const partner = asking(
      continueGuidedCheck(months.pending, "wait, I meant agency", later(2), rules),
    );
    expect(partner.reply.key).toBe("partner");
    expect(partner.reply.text).toMatch(
      /^Okay, I've changed the answer about buys from TikTok directly, or through an agency to \*\*Through an agency\*\*\./,
    );
    expect(partner.pending.fields).toEqual({ advertiser: "agency" });
    const spend = step(step(partner.pending, "yes", 3).pending, "8", 4);
    expect(spend.reply.key).toBe("spend");
    const fixed = asking(
      continueGuidedCheck(spend.pending, "oops, make that 14 months", later(5), rules),
    );
    expect(fixed.reply.key).toBe("spend");
    expect(fixed.pending.fields.months).toBe("14");
    // Nothing earlier that the words answer differently: read as any other message.
    const same = continueGuidedCheck(fixed.pending, "I meant agency", later(6), rules);
    expect("rejected" in same).toBe(true);
    // Words that answer the question asked are no correction of an earlier one.
    const own = step(fixed.pending, "i mean 40k", 7);
    expect(own.pending.fields).toMatchObject({ advertiser: "agency", months: "14", spend: "40k" });
  });

  it("takes a 'what if' typed at another question as that detail given, and asks again", () => {
    const months = step(
      step(asking(startGuidedCheck({}, t0, rules)).pending, "agency", 1).pending,
      "yes",
      2,
    );
    expect(months.reply.key).toBe("months");
    const ahead = asking(
      continueGuidedCheck(months.pending, "what if they spent 50k", later(3), rules),
    );
    expect(ahead.reply.key).toBe("months");
    expect(ahead.reply.text).toMatch(/^Okay, noted: \*\*\$50,000 a month\*\*\./);
    expect(ahead.pending.fields).toMatchObject({
      advertiser: "agency",
      partner: "yes",
      spend: "50k",
    });
    // The spend question is not asked again.
    expect(step(ahead.pending, "8", 4).reply.key).not.toBe("spend");
    // A what-if about a detail already given changes nothing.
    const given = continueGuidedCheck(
      months.pending,
      "what if they bought direct?",
      later(3),
      rules,
    );
    expect("rejected" in given).toBe(true);
  });

  it("finds the one detail a sentence adds to a finished check, naming its topic", () => {
    const fields = { advertiser: "direct", months: "0", spend: "0" };
    expect(addedDetail(fields, "they always paid on time", t0)).toEqual({
      key: "payments",
      value: "good",
    });
    expect(addedDetail(fields, "the account is restricted btw", t0)).toEqual({
      key: "standing",
      value: "restricted",
    });
    // Nothing about a question, or about one already answered: no detail.
    for (const said of ["ok thanks", "great", "they spend 40k a month now"]) {
      expect(addedDetail(fields, said, t0), said).toBeUndefined();
    }
  });

  it("stops on cancel", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    for (const word of ["cancel", "Cancel.", "stop", "never mind", "nvm"]) {
      expect(continueGuidedCheck(first.pending, word, later(1), rules)).toEqual({
        pending: null,
        reply: { kind: "notice", event: "check_cancelled", text: expect.stringMatching(/stopped/) },
      });
    }
  });

  it("takes 'not sure' said with a hedge as a skip", () => {
    for (const text of [
      "not sure tbh",
      "honestly no idea yet",
      "im not sure",
      "dunno tbh",
      "i dont know",
      "we dont know tbh",
      "not really sure",
    ]) {
      const next = step(asking(startGuidedCheck({}, t0, rules)).pending, text, 1);
      expect(next.pending.fields, text).toEqual({ advertiser: "" });
      expect(next.reply.text, text).toMatch(/^Okay, I've left that one out\./);
    }
  });

  it("never asks a skipped question again", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    const next = step(first.pending, "skip", 1);
    expect(next.pending.fields).toEqual({ advertiser: "" });
    expect(next.reply.key).toBe("months");
    const { asked } = converse({
      advertiser: "skip",
      months: "not sure",
      spend: "Skip",
      prior_ads: "pass",
      payments: "skip",
      standing: "dont know",
      continuous: "skip",
    });
    expect(asked).toEqual([
      "advertiser",
      "months",
      "spend",
      "prior_ads",
      "payments",
      "standing",
      "continuous",
    ]);
  });

  it("uses what /credit-check already gave, dropping what the rules cannot read", () => {
    const first = asking(
      startGuidedCheck({ advertiser: "agency", months: "8", spend: "lots" }, t0, rules),
    );
    expect(first.pending.fields).toEqual({ advertiser: "agency", months: "8" });
    expect(first.reply.key).toBe("partner");
    expect(first.reply.text).toContain("`advertiser=agency months=8`");
  });

  it("gives the result at once when nothing worth asking is left", () => {
    const given = {
      advertiser: "agency",
      partner: "no",
      months: "2",
      spend: "50k",
      prior_ads: "yes",
      payments: "late",
    };
    expect(startGuidedCheck(given, t0, rules)).toEqual({
      pending: null,
      reply: {
        kind: "credit_check",
        result: checkText(
          "advertiser=agency partner=no months=2 spend=50k prior_ads=yes payments=late",
          rules,
        ),
      },
    });
  });

  it("goes on after a restart: the pending check survives the state file's schema", () => {
    const first = asking(startGuidedCheck({}, t0, rules));
    const agency = step(first.pending, "agency", 1);
    const restored = pendingCheckSchema.parse(JSON.parse(JSON.stringify(agency.pending)));
    expect(step(restored, "no", 2).reply.key).toBe("months");
  });

  it("expires a check left without an answer for longer than the limit", () => {
    const day = 24 * 60 * 60_000;
    const first = asking(startGuidedCheck({}, t0, rules));
    expect(isExpired(first.pending, later(24 * 60), day)).toBe(false);
    expect(isExpired(first.pending, later(24 * 60 + 1), day)).toBe(true);
    const answered = step(first.pending, "direct", 23 * 60);
    expect(isExpired(answered.pending, later(24 * 60 + 1), day)).toBe(false);
    expect(answered.pending.startedAt).toBe(t0.toISOString());
  });

  it("always ends, asking each key at most once, with the /credit-check result (property)", () => {
    const answer = fc.oneof(
      fc.constantFrom("direct", "agency", "yes", "no", "good", "late", "none", "restricted"),
      fc.constantFrom("0", "3", "8", "24", "5k", "$12,000", "1.2m"),
      fc.constantFrom("skip", "", "maybe", "-1", "Through an agency", "On time"),
    );
    fc.assert(
      fc.property(fc.array(answer, { minLength: 200, maxLength: 200 }), (answers) => {
        let current: ReturnType<typeof continueGuidedCheck> = startGuidedCheck({}, t0, rules);
        const asked: string[] = [];
        for (const text of answers) {
          if (current.pending === null) break;
          if (asked.at(-1) !== current.pending.awaiting) asked.push(current.pending.awaiting);
          current = continueGuidedCheck(current.pending, text, t0, rules);
        }
        expect(new Set(asked).size).toBe(asked.length);
        if (current.pending !== null) return; // a long run of unusable answers: still asking
        expect(current.reply.kind).toBe("credit_check");
        if (current.reply.kind !== "credit_check") return;
        const { result } = current.reply;
        expect(result.status).toBe("ok");
        for (const key of Object.keys(result.input)) expect(asked).toContain(key);
        expect(result).toEqual(checkText(describeInput(result.input), rules));
      }),
      { numRuns: 300 },
    );
  });
});
