import { beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import {
  detectIntent,
  leansOn,
  leavesTopic,
  looksLikeFollowUp,
  mayFollowUp,
  questionText,
} from "../../src/core/intents.js";
import { readEvalSet, tuningSets } from "../support/eval-set.js";

let answers: Answers;
let engine: Awaited<ReturnType<typeof loadEngine>>;
let entryIds: string[];
beforeAll(async () => {
  engine = await loadEngine("knowledge");
  answers = engine.answers;
  entryIds = engine.answerable.entries.map((entry) => entry.id);
});

describe("greetings and help", () => {
  it.each([
    "hi",
    "Hello!",
    "hey there",
    "hey whats up",
    "hi, how are you?",
    "hey how's it going",
    "good morning",
    "help",
    "what can you do?",
    "?",
  ])("introduces what it answers for %j instead of a knowledge answer", (text) => {
    const reply = answers.reply(text);
    expect(reply.kind).toBe("intro");
    if (reply.kind === "intro") {
      expect(reply.text).toMatch(/\/credit-check/);
      expect(reply.examples.length).toBeGreaterThan(0);
    }
  });
});

describe("answers", () => {
  it("carries the entry, its sources and up to 3 related questions", () => {
    const reply = answers.reply("how long does tiktok ad credit last before it expires?");
    expect(reply.kind).toBe("answer");
    if (reply.kind === "answer") {
      expect(reply.entryId).toBe("credit-expiry");
      expect(reply.sources.length).toBeGreaterThan(0);
      expect(reply.related.length).toBeLessThanOrEqual(3);
      expect(reply.confidence).toBeGreaterThan(0.5);
    }
  });

  it("falls back with suggestions, saying plainly it has no answer", () => {
    const reply = answers.reply("how do I reset my laptop password");
    expect(reply.kind).toBe("fallback");
    if (reply.kind === "fallback") {
      expect(reply.text).toMatch(/don't have an answer/);
      expect(reply.suggestions.length).toBeGreaterThan(0);
      expect(reply.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it("does not tell a question about credits it is unsure of what topics it covers", () => {
    const reply = answers.reply("can credit be used on topveiw");
    const offered =
      reply.kind === "answer"
        ? [reply.entryId]
        : reply.kind === "fallback"
          ? reply.suggestions.map((item) => item.id)
          : reply.kind === "clarify"
            ? reply.choices.map((item) => item.id)
            : [];
    expect(offered).toContain("ad-formats");
    // No entry answers it surely today; were a refit to answer it, pick another such question.
    expect(reply.kind).toBe("fallback");
    if (reply.kind === "fallback") {
      expect(reply.text).toMatch(/don't have an answer I'm sure of/);
      expect(reply.text).not.toMatch(/I only know about/);
    }
  });

  it("asks what a message naming no topic ('credit q') wants, with the topics, not entries closest to 'credit'", () => {
    const popular = answers.popular().map((item) => item.id);
    for (const text of [
      "credit q",
      "yo, credits",
      "ad credit stuff :thinking_face:",
      "credit thing again",
    ]) {
      const reply = answers.reply(text);
      expect(reply.kind, text).toBe("fallback");
      if (reply.kind !== "fallback") continue;
      expect(reply.text, text).toMatch(
        /^Happy to help with TikTok ad credits\. What would you like/,
      );
      expect(reply.text, text).toMatch(/Joint Business Plans[\s\S]*`\/credit-check`/);
      // What ad credit is (the entry asked for in general words) first, then what people ask most.
      expect(
        reply.suggestions.map((item) => item.id),
        text,
      ).toEqual([
        "what-is-ad-credit",
        ...popular.filter((id) => id !== "what-is-ad-credit").slice(0, 2),
      ]);
    }
    // A word it does not know is a topic of its own: another company's credits are off topic.
    for (const text of ["how do uber credits work", "spotify credits?"]) {
      const other = answers.reply(text);
      expect(other.kind === "fallback" && other.text, text).toMatch(
        /^I don't have an answer for that/,
      );
    }
    // Asking what ad credit is, in general words, still finds that entry.
    const explained = answers.reply("tiktok credits explained");
    const found =
      explained.kind === "answer"
        ? explained.entryId
        : explained.kind === "clarify" && explained.choices[0]?.id;
    expect(found).toBe("what-is-ad-credit");
    // A topic word is enough to answer, or to choose among its entries.
    expect(answers.reply("credit line").kind).toBe("answer");
    expect(["answer", "clarify"]).toContain(answers.reply("refund").kind);
    // Another sense of "credit" is told what Credit Desk covers, as before.
    const other = answers.reply("credit score help");
    expect(other.kind === "fallback" && other.text).toMatch(/^I don't have an answer for that/);
  });

  // Every tuning question: a refit makes single choices rare (the 2026-12-04 one left two).
  // At the shipped answer threshold (0.75) no tuning question is left with one close entry to
  // offer; an operator's stricter MATCH_THRESHOLD leaves some.
  it('offers a single close entry as "Did you mean this?", never as a list of one', {
    timeout: 60_000,
  }, async () => {
    const strict = (await loadEngine("knowledge", 0.9)).answers;
    const single = tuningSets.inScope
      .flatMap((set) => readEvalSet(set))
      .map((item) => strict.reply(item.q))
      .filter((reply) => reply.kind === "clarify" && reply.choices.length === 1);
    expect(single.length).toBeGreaterThan(0);
    for (const reply of single)
      expect(reply.kind === "clarify" && reply.text).toMatch(/Did you mean this\?$/);
  });

  // The same words after two answers: either the entry meant in that context is answered, or it
  // is offered ("Did you mean", or a fallback that admits it is unsure), or the part of the
  // answer on screen about agencies is shown with the agencies' entry one click away; never the
  // same answer again, and the reply never claims to have no answer.
  it.each([
    ["joint-business-plan", "agency-negotiated-credit"],
    ["new-advertiser-eligibility", "agency-accounts-new-advertiser-credit"],
  ])('reads "and for agencies?" after %s as about %s', (previous, meant) => {
    const reply = answers.reply("and for agencies?", previous);
    if (reply.kind === "answer" && reply.entryId === previous) {
      expect(reply.text).toMatch(/^From my last answer:/);
      expect(reply.text).toMatch(/agenc/i);
      expect(reply.text.length).toBeLessThan(answers.entry(previous)?.text.length ?? 0);
      expect(reply.related.map((item) => item.id)).toContain(meant);
      return;
    }
    if (reply.kind === "answer") {
      expect(reply.entryId).toBe(meant);
      return;
    }
    if (reply.kind === "clarify") {
      expect(reply.choices.map((item) => item.id)).toContain(meant);
      expect(reply.choices.map((item) => item.id)).not.toContain(previous);
      return;
    }
    expect(reply.kind).toBe("fallback");
    if (reply.kind === "fallback") {
      expect(reply.text).toMatch(/not sure which answer/);
      expect(reply.suggestions.map((item) => item.id)).toContain(meant);
      expect(reply.suggestions.map((item) => item.id)).not.toContain(previous);
    }
  });

  it("says it could not place a short follow-up in words it knows, and is off topic only for one it does not", () => {
    // The payout times name no one to ask; alone, "who do we ask" reads as nothing about credits.
    const ask = answers.reply("who do we ask", "when-credit-lands");
    expect(ask.kind === "fallback" && ask.text).toMatch(/^I'm not sure which answer you need/);
    const lunch = answers.reply("anyone for lunch?", "when-credit-lands");
    expect(lunch.kind === "fallback" && lunch.text).toMatch(/I only know about TikTok ad credits/);
  });

  it('never offers the answer on screen again in a follow-up\'s "Did you mean"', () => {
    const offeredAgain: string[] = [];
    let clarified = 0;
    for (const previous of entryIds) {
      for (const text of [
        "and for agencies?",
        "which countries?",
        "how long?",
        "who pays?",
        "is it free?",
      ]) {
        const reply = answers.reply(text, previous);
        if (reply.kind !== "clarify") continue;
        clarified += 1;
        if (reply.choices.some((item) => item.id === previous))
          offeredAgain.push(`${previous}: ${text}`);
      }
    }
    expect(clarified).toBeGreaterThan(0);
    expect(offeredAgain).toEqual([]);
  });

  it.each(["happy friday all", "is the office open tomorrow?"])(
    "still says it only knows about credits for chit-chat after an answer (%j)",
    (text) => {
      const reply = answers.reply(text, "joint-business-plan");
      expect(reply.kind).toBe("fallback");
      if (reply.kind === "fallback")
        expect(reply.text).toMatch(/only know about TikTok ad credits/);
    },
  );

  it("reads a question that names nothing about credits against the answer on screen", () => {
    // Alone it names nothing about credits or billing, so it falls back; it neither is short nor
    // leans on what came before, yet after the automatic-payment answer it asks about that
    // answer's topic. (Not worded as any tuning question.)
    const text = "what happens if our card gets rejected";
    expect(mayFollowUp(text, 3)).toBe(false);
    expect(answers.reply(text).kind).toBe("fallback");
    const reply = answers.reply(text, "automatic-payment");
    expect(reply.kind).toBe("answer");
    if (reply.kind === "answer") expect(reply.entryId).toBe("automatic-payment");
  });

  // Office talk that uses words the knowledge base knows ("minimum", "review", "client"): read
  // against the answer on screen only a sure reading would count, and none is.
  it.each([
    "has anyone set up the tiktok pixel for the new client yet",
    "what is the minimum age to run ads on tiktok",
    "can someone review my deck before 3",
  ])('neither answers nor asks "Did you mean" for %j after any answer', (text) => {
    const answeredAfter = entryIds.filter((previous) => {
      const reply = answers.reply(text, previous);
      return reply.kind === "answer" || reply.kind === "clarify";
    });
    expect(answeredAfter).toEqual([]);
  });

  it('asks no "Did you mean" for office talk after a "Did you mean" either', () => {
    // Read against each entry offered, two readings answer with different entries: for a
    // message naming nothing about credits only the surest counts, never a choice between them.
    const offered = ["agency-partner-programs", "promotions-page"];
    const reply = answers.reply("what is the deadline for the report", offered);
    expect(reply.kind).not.toBe("clarify");
  });

  it('answers a follow-up typed after a "Did you mean" by its surest reading, not with another "Did you mean"', () => {
    // Read against each entry offered, "and for agencies?" asks about agency deals or high-volume
    // deals; the person picked neither, so asking again would only repeat the question.
    const offered = ["high-volume-custom-deals", "agency-negotiated-credit"];
    const reply = answers.reply("and for agencies?", offered);
    expect(reply.kind === "answer" && reply.entryId).toBe("agency-negotiated-credit");
    // The other reading is one click away.
    expect(reply.kind === "answer" && reply.related[0]?.id).toBe("high-volume-custom-deals");
    // Saying none of them was meant leaves the choice to the person…
    const times = ["credit-expiry", "spend-window", "when-credit-lands"];
    for (const text of ["neither", "none of those"]) {
      expect(answers.reply(text, times).kind, text).toBe("clarify");
    }
    // …and a follow-up that adds nothing to choose by is read as about the likeliest question
    // offered, which the reply names; its answer is given whole (it was never shown), the other
    // choices first among the related questions.
    const long = answers.reply("how long", times);
    expect(long.kind === "answer" && long.entryId).toBe("credit-expiry");
    expect(long.kind === "answer" && long.text).toBe(
      `Taking your question as about "${answers.entry("credit-expiry")?.question}":\n\n${answers.entry("credit-expiry")?.text}`,
    );
    expect(long.kind === "answer" && long.related.slice(0, 2).map(({ id }) => id)).toEqual([
      "spend-window",
      "when-credit-lands",
    ]);
    // A bare "how much" after three programs' eligibility: not the surest reading (the Credit
    // Line's minimum spend) but the one whose question asks how much.
    const programs = [
      "new-advertiser-eligibility",
      "smart-plus-incentive",
      "credit-line-eligibility",
    ];
    const much = answers.reply("how much", programs);
    expect(much.kind === "answer" && much.entryId).toBe("new-advertiser-amounts");
    // …and "the second one" picks, as a click would.
    expect(answers.reply("the second one", times)).toMatchObject({
      kind: "answer",
      entryId: "spend-window",
    });
    expect(answers.reply("the last", times)).toMatchObject({ entryId: "when-credit-lands" });
    // "any minimum?" of choices whose likeliest gives no figure: the choice stays open.
    const deals = ["agency-negotiated-credit", "joint-business-plan"];
    const minimum = answers.reply("any minimum?", deals);
    expect(minimum.kind === "clarify" && minimum.choices.map(({ id }) => id)).toEqual(deals);
    // "how do i do it": "it" is one of the questions offered, so they are offered again.
    const it = answers.reply("how do i do it", times);
    expect(it.kind === "clarify" && it.choices.map(({ id }) => id)).toEqual(times);
    expect(it.kind === "clarify" && it.text).toMatch(/^Which of these do you mean\?/);
  });

  it("lets the answer on screen settle a full question unsure alone, unless it asks what another choice names", () => {
    // Alone unsure, led by the terms entry; against the terms on screen, surely about them.
    const terms = answers.reply("what do the coupon terms actually cover?", "terms-and-conditions");
    expect(terms.kind === "answer" && terms.entryId).toBe("terms-and-conditions");
    // Refunds of unused credit: the JBP answer on screen says nothing of them, the refund entry's
    // question does. "back to it" after an aside points at no answer.
    const refund = answers.reply(
      "ok back to it - is the jbp credit refundable if unused?",
      "joint-business-plan",
    );
    expect(refund.kind).toBe("clarify");
    expect(refund.kind === "clarify" && refund.choices.map(({ id }) => id)).toContain(
      "credit-refund",
    );
  });

  it("answers the first of a full question's choices when the answer on screen makes it sure", () => {
    // Alone it wavers between when credit lands and when it expires; after the Thailand offer
    // (whose credit comes after a 30-day period), it asks when the credit comes.
    const question = "when does the credit come through";
    const alone = answers.reply(question);
    expect(alone.kind === "clarify" && alone.choices[0]?.id).toBe("when-credit-lands");
    const after = answers.reply(question, "thailand-new-advertiser-offer");
    expect(after.kind === "answer" && after.entryId).toBe("when-credit-lands");
    expect(after.kind === "answer" && after.related.map(({ id }) => id)).toContain(
      alone.kind === "clarify" ? alone.choices[1]?.id : "",
    );
  });

  it('goes on from a "Did you mean" when a full question unsure alone reads the same against every entry offered', () => {
    // Alone it wavers between the refund and the expiry answers; against either refund entry
    // offered it asks when the refunded balance comes back.
    const offered = ["balance-refund", "credit-refund"];
    const reply = answers.reply("how long before the money comes back to the card?", offered);
    expect(reply.kind === "answer" && reply.entryId).toBe("balance-refund");
    // Answered alone only from the lower bar of a question in scope (the expiry answer), it is
    // no surer than the choices it follows, and goes on from them the same way.
    const lower = "how long till our money is back?";
    const alone = answers.reply(lower);
    expect(alone.kind === "answer" && alone.confidence).toBeLessThan(engine.matcher.answerBar);
    expect(answers.reply(lower, offered)).toMatchObject({
      kind: "answer",
      entryId: "balance-refund",
    });
    // Sure against one Credit Line entry, and leaning the same way against the other.
    const creditLine = ["credit-line-eligibility", "credit-line-minimum-spend"];
    expect(answers.reply("who on our end can apply", creditLine)).toMatchObject({
      kind: "answer",
      entryId: "credit-line-apply",
    });
    // A near-miss that names nothing about credits still falls back, whatever the entries offered.
    const near = ["ad-formats", "freelancer-client-accounts", "budget-planning"];
    expect(answers.reply("best hashtags for a beauty brand on tiktok", near).kind).toBe("fallback");
  });

  it("shows the part of the answer on screen that a follow-up asks about, the whole answer a click away", () => {
    const whole = answers.entry("balance-refund");
    const reply = answers.reply("how long does it take", "balance-refund");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer" || !whole) return;
    expect(reply.entryId).toBe("balance-refund");
    expect(reply.text).toMatch(/^From my last answer:/);
    // The opening (who says what) and the time asked about, without the rest of the answer.
    expect(reply.text).toContain(whole.text.split("\n")[0]);
    expect(reply.text).toMatch(/60 days/);
    expect(reply.text).not.toMatch(/[Ss]uspended/);
    expect(reply.related[0]).toEqual({ id: "balance-refund", question: whole.question });
    expect(reply.sources).toEqual(whole.sources);
  });

  it("says the answer on screen gives no time frame when asked how long, instead of repeating it", () => {
    const whole = answers.entry("credit-line-apply");
    const reply = answers.reply("how long does that take?", "credit-line-apply");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer" || !whole) return;
    expect(reply.entryId).toBe("credit-line-apply");
    expect(reply.text).toMatch(/^My last answer gives no time frame for that/);
    expect(reply.text).toContain("Apply for Monthly Invoicing");
    expect(reply.text.length).toBeLessThan(whole.text.length);
    expect(reply.related[0]?.id).toBe("credit-line-apply");
    // Even where one passage stands out for the follow-up's other words: none of it is a time.
    const allocation = answers.reply("how long does allocation take?", "auto-allocation");
    expect(allocation.kind === "answer" && allocation.text).toMatch(
      /^My last answer gives no time frame/,
    );
  });

  it("says no source gives a time frame before an answer with none, asked how long on its own", () => {
    const whole = answers.entry("joint-business-plan");
    const reply = answers.reply("how long is a jbp");
    expect(reply.kind === "answer" && reply.entryId).toBe("joint-business-plan");
    if (reply.kind !== "answer" || !whole) return;
    expect(reply.text).toBe(
      `None of my sources gives a time frame for that. What they do say:\n\n${whole.text}`,
    );
    // An answer that gives a time is given as it is.
    const smartPlus = answers.reply("how long does the smart+ ad group need to run");
    expect(smartPlus.kind === "answer" && smartPlus.text).toBe(
      answers.entry("smart-plus-incentive")?.text,
    );
  });

  it("points to the answer above, with its short answer, when no one part of it stands out", () => {
    // "self-serve" is in the answer's opening, which no passage of its own outweighs.
    const whole = answers.entry("high-volume-custom-deals");
    const reply = answers.reply("is it available in self-serve?", "high-volume-custom-deals");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer" || !whole) return;
    expect(reply.entryId).toBe("high-volume-custom-deals");
    expect(reply.text).toMatch(/^That's in my last answer, above\. In short:/);
    expect(reply.text).toContain("rather than a public self-serve program");
    expect(reply.text).not.toContain("Joint Business Plan");
    expect(reply.related[0]?.id).toBe("high-volume-custom-deals");
  });

  it("answers where from the opening of the answer on screen when the opening names the countries", () => {
    // The Shopify answer opens with its seven countries; its last line mentions Thailand's terms
    // in passing, which is not where the credit is offered.
    for (const text of ["which countries?", "where is it available"]) {
      const reply = answers.reply(text, "shopify-credit");
      expect(reply.kind === "answer" && reply.entryId, text).toBe("shopify-credit");
      if (reply.kind !== "answer") continue;
      expect(reply.text, text).toMatch(/^That's in my last answer, above\. In short:/);
      expect(reply.text, text).toContain(
        "Australia, Brazil, Canada, Germany, France, the UK and the US",
      );
      expect(reply.text, text).not.toContain("Thailand");
    }
  });

  it("shows a list whole when the line leading into it is what a follow-up asks about", () => {
    // "It is paid one of three ways:" then the three ways; no one way is "paid" on its own.
    const reply = answers.reply("when do they get paid?", "agency-rebates");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer") return;
    expect(reply.text).toMatch(/^From my last answer:/);
    for (const way of ["set-off", "top-up", "cash payment"]) expect(reply.text).toContain(way);
    expect(reply.text).not.toContain("Incentive Center");
  });

  it("answers a short follow-up no reading is sure of from the passage of the answer on screen that holds its words", () => {
    // Alone, "how many attempts" means nothing; after the Automatic Payment answer it asks about
    // the failed payment attempts that answer lists.
    const reply = answers.reply("how many attempts", "automatic-payment");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer") return;
    expect(reply.entryId).toBe("automatic-payment");
    expect(reply.text).toMatch(/^From my last answer:/);
    expect(reply.text).toMatch(/more than two failed attempts to charge the card/);
    expect(answers.reply("how many attempts").kind).toBe("fallback");
    // "what happens if the card fails": the same passage, not the answer's opening.
    const fails = answers.reply("what happens if the card fails", "automatic-payment");
    expect(fails.kind === "answer" && fails.text).toMatch(
      /^From my last answer:[\s\S]*more than two failed attempts to charge the card/,
    );

    const shop = answers.reply("can tiktok shop sellers get it?", "thailand-new-advertiser-offer");
    expect(shop.kind === "answer" && shop.text).toMatch(/TikTok Shop customers .* are excluded/);
  });

  it("answers from the answer on screen a follow-up that only points back, or asks who of an answer that names who", () => {
    // Alone each falls back; after these answers the person is plainly still asking about them.
    for (const [text, entryId] of [
      ["who do we ask", "custom-deal-negotiation"],
      ["how do we get one", "agency-business-center"],
      ["so what do we tell clients", "credit-expiry"],
    ] as const) {
      expect(answers.reply(text).kind, text).toBe("fallback");
      const reply = answers.reply(text, entryId);
      expect(reply.kind === "answer" && reply.entryId, text).toBe(entryId);
    }
    // Asked of the answer itself, it points to the answer above rather than sending it again.
    const so = answers.reply("so what do we tell clients", "credit-expiry");
    expect(so.kind === "answer" && so.text).toMatch(/^That's in my last answer, above\. In short:/);
    const who = answers.reply("who do we ask", "custom-deal-negotiation");
    expect(who.kind === "answer" && who.text).toMatch(/account manager/);
  });

  it("holds office talk right after an answer to a bar of its own, above the follow-ups'", () => {
    // No word about credits and nothing that looks like a follow-up: each is read against the
    // answer closest to it, sure enough for the follow-ups' bar (0.55 to 0.62 on 2026-12-05)
    // but not for `noCreditWords`, so it falls back rather than being answered from the screen.
    for (const [onScreen, text] of [
      ["ad-formats", "best hashtags for a beauty brand on tiktok"],
      ["add-balance", "how do i add a user to tiktok ads manager"],
      ["smart-plus-incentive", "bid cap vs lowest cost on a reach campaign for a product launch?"],
    ] as const) {
      expect(answers.reply(text, onScreen).kind, text).toBe("fallback");
    }
    // A word or two, or a message that points back, is still read as a follow-up of it.
    expect(answers.reply("always?", "spend-order")).toMatchObject({
      kind: "answer",
      entryId: "spend-order",
    });
  });

  it('answers a full question whose "it" is its own noun on its own, after any answer', () => {
    // "on it" is the client's account, not the answer on screen: read against the JBP answer,
    // this got the JBP answer again.
    const text = "client account suspended with credit on it, what now";
    expect(leansOn(text)).toBe(false);
    for (const onScreen of [
      "joint-business-plan",
      "credit-revocation",
      "existing-advertisers-credit",
    ]) {
      const reply = answers.reply(text, onScreen);
      expect(reply.kind === "answer" && reply.entryId, onScreen).toBe("account-suspended");
    }
    // Short, or "it" as the thing talked about, it still points back.
    expect(leansOn("any credit on it?")).toBe(true);
    expect(leansOn("can we use it on another ad account")).toBe(true);
  });

  it("does not answer a follow-up about another platform from the answer on screen", () => {
    // "rebates" is in the agency rebates answer, but Meta's are not TikTok's.
    for (const text of ["and does meta do rebates like that too?", "google rebates?"]) {
      expect(answers.reply(text, "agency-rebates").kind, text).toBe("fallback");
    }
  });

  it("still falls back on a short message after an answer when it names something the knowledge base does not", () => {
    // "attempts" is in the Automatic Payment answer; "phone" and "fax" are in no entry.
    for (const text of ["phone attempts?", "and the fax attempts?"]) {
      const reply = answers.reply(text, "automatic-payment");
      expect(reply.kind, text).toBe("fallback");
    }
  });

  it.each(["is that official?", "says who?"])(
    "says whose word the answer on screen rests on for %j, TikTok's or a third party's",
    (text) => {
      const reply = answers.reply(text, "credit-line-overview");
      expect(reply.kind).toBe("answer");
      if (reply.kind !== "answer") return;
      expect(reply.entryId).toBe("credit-line-overview");
      expect(reply.text).toMatch(
        /^\*\*Partly TikTok's word:\*\* my last answer rests on TikTok's own pages \(TikTok Business Help Center\) and on third parties \(GetAdCredit\)/,
      );
      expect(reply.sources).toEqual(answers.entry("credit-line-overview")?.sources);
    },
  );

  it("answers 'why?' of the answer on screen with the reason it gives, or says its sources give none", () => {
    const reason = answers.reply("why?", "agency-accounts-new-advertiser-credit");
    expect(reason.kind === "answer" && reason.entryId).toBe(
      "agency-accounts-new-advertiser-credit",
    );
    expect(reason.kind === "answer" && reason.text).toMatch(
      /^From my last answer:[\s\S]*excluded even if the business never advertised, because eligibility depends on how the account was created/,
    );
    const none = answers.reply("but why", "transfer-between-accounts");
    expect(none.kind).toBe("answer");
    if (none.kind !== "answer") return;
    expect(none.text).toMatch(
      /^My last answer gives no more reason than this:\n\n\*\*No: ad credit stays with the ad account ID that earned it\*\*/,
    );
    // The first button brings the whole answer back.
    expect(none.related[0]?.id).toBe("transfer-between-accounts");
    // Said the way Malaysian and Singaporean colleagues type it.
    const particle = answers.reply("why like that ah?", "agency-accounts-new-advertiser-credit");
    expect(particle).toEqual(reason);
    // Asked alone, there is nothing to ask why of.
    expect(answers.reply("why?").kind).toBe("fallback");
  });

  it("answers a three-word follow-up from the passage on screen that holds two of its words", () => {
    const attempts = answers.reply("After how many attempts exactly?", "automatic-payment");
    expect(attempts.kind === "answer" && attempts.entryId).toBe("automatic-payment");
    expect(attempts.kind === "answer" && attempts.text).toMatch(
      /^From my last answer:[\s\S]*more than two failed attempts/,
    );
    // Two of its words are one name ("ads manager"), which most answers hold: no follow-up.
    const down = answers.reply("tiktok ads manager is down?", "credit-line-apply");
    expect(down.kind).toBe("fallback");
  });

  it("answers 'who do we ask?' after an answer with the likeliest contact, not a 'Did you mean'", () => {
    for (const text of [
      "who do we ask",
      "who do i contact",
      "who do we talk to for that",
      "who we ask for it ah?",
    ]) {
      const reply = answers.reply(text, "agency-negotiated-credit");
      expect(reply.kind, text).toBe("answer");
      if (reply.kind !== "answer") continue;
      expect(["custom-deal-negotiation", "contact-managed-account"], text).toContain(reply.entryId);
      expect(reply.followUpOf, text).toBe("agency-negotiated-credit");
    }
    // With no answer on screen there is no topic to ask about.
    expect(answers.reply("who do we ask").kind).not.toBe("answer");
    // A closing "then" points back too ("who do we ask" is six words here, not a short one)…
    const then = answers.reply("ok who do we ask then", "high-volume-custom-deals");
    expect(then.kind === "answer" && then.entryId).toBe("custom-deal-negotiation");
    expect(then.kind === "answer" && then.followUpOf).toBe("high-volume-custom-deals");
    // …but a full question that ends on it still stands on its own when it is surer so.
    const own = answers.reply("how do promo codes work then?", "credit-expiry");
    expect(own.kind === "answer" && own.entryId).toBe("promo-code-activation");
  });

  it("reads 'even if …' as asking whether the rule on screen holds, unless it names another topic", () => {
    const mistake = answers.reply("even if it was a mistake?", "bc-credit-irreversible");
    expect(mistake.kind === "answer" && mistake.text).toMatch(
      /^My last answer names no exception for that\. In short:\n\n\*\*No: once ad credit is moved from a Business Center into an ad account, it cannot be moved out again\*\*/,
    );
    expect(mistake.kind === "answer" && mistake.entryId).toBe("bc-credit-irreversible");
    // "managed accounts" and "agencies" are other entries' topics: read as any follow-up, not
    // as the rule on screen again.
    const managed = answers.reply("even for managed accounts?", "stacking-promotions");
    expect(managed.kind === "answer" ? managed.entryId : managed.kind).not.toBe(
      "stacking-promotions",
    );
    const agencies = answers.reply("even for agencies?", "new-advertiser-credit");
    expect(agencies.kind === "answer" ? agencies.entryId : agencies.kind).not.toBe(
      "new-advertiser-credit",
    );
    // "what if …" is most often a new question, not a case of the rule on screen.
    const card = answers.reply("what if the card is declined?", "credit-expiry");
    expect(card.kind === "answer" ? card.text : card.kind).not.toMatch(/names no exception/);
    // "like if …" asks the same: the part of the revocation answer that names the case.
    const policy = answers.reply("like if the client breaks ad policy", "credit-revocation");
    expect(policy.kind === "answer" && policy.entryId).toBe("credit-revocation");
    expect(policy.kind === "answer" && policy.text).toMatch(/^From my last answer:[\s\S]*polic/);
    // "even shopify merchants?" names what the Thai offer's exclusions name: that part of it,
    // not the Shopify program's own answer.
    const shopify = answers.reply("even shopify merchants?", "thailand-new-advertiser-offer");
    expect(shopify.kind === "answer" && shopify.entryId).toBe("thailand-new-advertiser-offer");
    expect(shopify.kind === "answer" && shopify.text).toMatch(
      /^From my last answer:[\s\S]*Shopify/,
    );
  });

  it("answers 'is that official?' after a 'Did you mean' with the likeliest question offered, named, whole", () => {
    const offered = ["credit-line-overview", "credit-line-eligibility"];
    const reply = answers.reply("is that official?", offered);
    expect(reply.kind === "answer" && reply.entryId).toBe("credit-line-overview");
    // Whose word it is first, of "this answer", which was never shown before.
    expect(reply.kind === "answer" && reply.text).toMatch(
      /^Taking your question as about "What is the TikTok Credit Line \(monthly invoicing\)\?":\n\n\*\*Partly TikTok's word:\*\* this answer rests on[\s\S]*\*\*The Credit Line/,
    );
    expect(reply.kind === "answer" && reply.related[0]?.id).toBe("credit-line-eligibility");
    // Doubt has no answer yet to be about; "neither" leaves the choice open.
    for (const text of ["are you sure?", "is that still current?"]) {
      const doubt = answers.reply(text, offered);
      expect(doubt.kind === "clarify" && doubt.text, text).toMatch(/^I haven't answered that yet/);
    }
    expect(answers.reply("neither really", offered).kind).not.toBe("answer");
  });

  it("shows the short answer, which names its source, when an answer rests partly on TikTok's word", () => {
    const reply = answers.reply("is that official?", "individuals-eligible");
    expect(reply.kind === "answer" && reply.text).toMatch(
      /^\*\*Partly TikTok's word:\*\*[^\n]*\n\nIts short answer: \*\*GetAdCredit, a third-party site, says yes/,
    );
    // Resting on one kind of source alone, the first line says it all.
    const official = answers.reply("is that official?", "automatic-payment");
    expect(official.kind === "answer" && official.text).toMatch(/^\*\*TikTok's own word:\*\*/);
    expect(official.kind === "answer" && official.text).not.toMatch(/Its short answer/);
    // A bold opening cut before the rest of its sentence still ends as one.
    const cut = answers.reply("is that official?", "new-advertiser-amounts");
    expect(cut.kind === "answer" && cut.text).toMatch(
      /\nIts short answer: \*\*TikTok has not published a current official amount[^\n]*\*\*\.$/,
    );
    // An opening that begins "**No:" loses it: quoted here, it would read as the reply to
    // "is that official?".
    const regions = answers.reply("is that official?", "regional-availability");
    expect(answers.entry("regional-availability")?.text).toMatch(/^\*\*No: offers vary/);
    expect(regions.kind === "answer" && regions.text).toMatch(
      /\n\nIts short answer: \*\*Offers vary by region/,
    );
    // …and "**Yes, if …", asked "are you sure?".
    const agencies = answers.reply("are you sure?", "agency-negotiated-credit");
    expect(answers.entry("agency-negotiated-credit")?.text).toMatch(/^\*\*Yes, if the agency/);
    expect(agencies.kind === "answer" && agencies.text).toMatch(
      /\n\nIts short answer: \*\*If the agency/,
    );
  });

  it("answers doubt about the answer on screen with whose word it is and where its sources differ", () => {
    const doubt = answers.reply("i heard the opposite, is that right?", "cash-balance-autopay");
    expect(doubt.kind === "answer" && doubt.entryId).toBe("cash-balance-autopay");
    expect(doubt.kind === "answer" && doubt.text).toMatch(/^\*\*TikTok's own word:\*\*/);
    // Asked whether it is outdated: how old its sources are and when it was last checked.
    const old = answers.reply("i heard the opposite, is that outdated?", "cash-balance-autopay");
    expect(old.kind === "answer" && old.text).toMatch(
      /^\*\*How current:\*\* its dated sources run from 2024-07-01 to 2024-12-01[^\n]*, and I last checked it against them on \d{4}-\d\d-\d\d\. TikTok can change a program at any time/,
    );
    expect(old.kind === "answer" && old.text).toMatch(/Where its sources differ:/);
    // Asked in other words, the same; a recalled rule with "old" in it is no such question.
    for (const text of ["is that info outdated?", "how recent is that?", "is that still valid?"]) {
      const reply = answers.reply(text, "smart-plus-incentive");
      expect(reply.kind === "answer" && reply.text, text).toMatch(/^\*\*How current:\*\* /);
    }
    const recalled = answers.reply(
      "i thought the account had to be less than 6 months old",
      "new-advertiser-eligibility",
    );
    expect(recalled.kind === "answer" && recalled.text).toMatch(/^\*\*[^*]*word:\*\*/);
    // One source: said so, in the singular.
    const single = answers.reply("is that still current?", "high-volume-threshold");
    expect(single.kind === "answer" && single.text).toMatch(
      /^\*\*How current:\*\* its one source is dated \d{4}/,
    );
    // The short answer keeps a "No" that is part of the claim ("No minimum spend … is published").
    expect(single.kind === "answer" && single.text).toMatch(/\*\*No minimum spend for a managed/);
    expect(doubt.kind === "answer" && doubt.text).toMatch(
      /Where its sources differ:[\s\S]*December 2024[\s\S]*\n- The July 2024 version/,
    );
    expect(doubt.kind === "answer" && doubt.related[0]?.id).toBe("cash-balance-autopay");
    // With nothing on where its sources part ways, its short answer.
    const sure = answers.reply("are you sure?", "automatic-payment");
    expect(sure.kind === "answer" && sure.text).toMatch(
      /\n\nIts short answer: \*\*Automatic Payment/,
    );
    // An opening that only leads into its list: the list, which shows the pages that differ.
    const list = answers.reply("u sure?", "spend-order");
    expect(list.kind === "answer" && list.text).toMatch(
      /Where its sources differ:\n\n\*\*The order differs by program and billing setup: most TikTok pages say credit is used before cash, but not all of them:\*\*\n- [^\n]+\n- /,
    );
    // "did it used to be different?": how current it is, then the older page that differs.
    for (const said of ["did it used to be different?", "has that changed?"]) {
      const changed = answers.reply(said, "credit-line-eligibility");
      expect(changed.kind === "answer" && changed.text, said).toMatch(
        /^\*\*How current:\*\*[\s\S]*Where its sources differ:[\s\S]*September 2023/,
      );
    }
    // Of an answer whose sources do not differ, "which one should we use?" is no doubt.
    const use = answers.reply("which one should we use?", "billing-options");
    expect(use.kind === "answer" && use.text).not.toMatch(/TikTok's own word|TikTok's word/);
    // "so which is right?" after sources that differ: whose word each is, and how they differ.
    for (const said of ["so which is right?", "which one should we trust"]) {
      const which = answers.reply(said, "spend-order");
      expect(which.kind === "answer" && which.text, said).toMatch(
        /^\*\*Partly TikTok's word:\*\*[\s\S]*Where its sources differ:/,
      );
    }
    // Said as people say it, and the cut opening before the passage ends as a sentence.
    for (const said of ["really?", "that's not what my rep said", "for real?"]) {
      const reply = answers.reply(said, "credit-line-eligibility");
      expect(reply.kind === "answer" && reply.text, said).toMatch(
        /Where its sources differ:\n\n\*\*TikTok's current official help pages require [^\n]*\*\*\.\n\n/,
      );
    }
    // "Terms differ by program" is no disagreement between sources.
    const terms = answers.reply("are you sure?", "terms-and-conditions");
    expect(terms.kind === "answer" && terms.text).toMatch(/\n\nIts short answer: /);
    // Not doubt: a question of its own, about expiry.
    const own = answers.reply("are you sure the credit expires?", "automatic-payment");
    expect(JSON.stringify(own)).toContain("credit-expiry");
    expect(own.kind === "answer" ? own.entryId : "").not.toBe("automatic-payment");
  });

  it("reads doubt said over two sentences as doubt about the answer on screen, unless one asks something else", () => {
    for (const said of [
      "Is that official? We heard the opposite last year.",
      "Are you sure? Other pages say different.",
      "Is that the official position? I recall reading the opposite.",
    ]) {
      const reply = answers.reply(said, "cash-balance-autopay");
      expect(reply.kind === "answer" && reply.entryId, said).toBe("cash-balance-autopay");
      expect(reply.kind === "answer" && reply.text, said).toMatch(
        /^\*\*TikTok's own word:\*\*[\s\S]*Where its sources differ:/,
      );
    }
    const own = answers.reply(
      "Is that official? How long does the credit last?",
      "cash-balance-autopay",
    );
    expect(own.kind === "answer" && own.entryId).toBe("credit-expiry");
  });

  it("reads the everyday German, Malay and Portuguese words agency people mix in as the English they stand for", () => {
    // Each as its English would be read: the same reply, word for word.
    const pairs: [string, string, string][] = [
      ["und wie wird das ausgezahlt?", "and how is that paid out?", "agency-rebates"],
      ["und wann kommt der credit?", "and when comes the credit?", "thailand-new-advertiser-offer"],
      ["ist das offiziell?", "is that official?", "new-advertiser-amounts"],
      ["läuft das noch?", "running that still?", "back-to-business"],
    ];
    for (const [german, english, after] of pairs) {
      const reply = answers.reply(german, after);
      expect(reply, german).toEqual(answers.reply(english, after));
      expect(reply.kind, german).toBe("answer");
    }
    expect(answers.reply("können agenturen einen jbp bekommen?")).toMatchObject({
      kind: "answer",
      entryId: "joint-business-plan",
    });
    // So are the Malay words Malaysian agency people mix in.
    expect(answers.reply("credit masuk bila?", "woocommerce-credit")).toEqual(
      answers.reply("credit arrive when?", "woocommerce-credit"),
    );
    expect(answers.reply("kenapa?", "agency-accounts-new-advertiser-credit")).toEqual(
      answers.reply("why?", "agency-accounts-new-advertiser-credit"),
    );
    // The Tagalog and Hindi words of Manila and Mumbai agency people, their particles as nothing.
    expect(
      answers.reply("kelan po dadating yung credit?", "thailand-new-advertiser-offer"),
    ).toEqual(answers.reply("when arrive credit?", "thailand-new-advertiser-offer"));
    expect(answers.reply("pano po mag apply sa monthly invoicing?")).toMatchObject({
      kind: "answer",
      entryId: "credit-line-apply",
    });
    expect(answers.reply("refund kab aayega yaar?", "automatic-payment")).toEqual(
      answers.reply("refund when arrive?", "automatic-payment"),
    );
    // A reaction is still a reaction, and a word typed in capitals is an abbreviation, not a
    // Tagalog particle ("SA" is not "sa").
    for (const said of ["ah bummer", "ah I see", "eh ok"]) {
      expect(answers.reply(said, "new-advertiser-credit").kind, said).toBe("notice");
    }
    expect(answers.reply("what about SA?", "new-advertiser-credit").kind).toBe("fallback");
    // And the Portuguese words Brazilian agency people mix in.
    expect(answers.reply("and the fatura?", "credit-line-overview")).toEqual(
      answers.reply("and the invoice?", "credit-line-overview"),
    );
    // "Gutschrift" is a credit note, another sense of credit: not read as ad credit.
    expect(
      answers.reply("german client wants a gutschrift from us instead of an invoice, what is that")
        .kind,
    ).toBe("fallback");
  });

  it("reads polite openers ('Kindly advise …') as saying nothing about the question", () => {
    const next = answers.reply("Kindly advise the next step.", "incentive-payouts");
    expect(next.kind === "answer" && next.entryId).toBe("incentive-payouts");
    expect(answers.reply("Kindly advise what a JBP is.")).toMatchObject({
      kind: "answer",
      entryId: "joint-business-plan",
    });
  });

  it("reads what someone remembers otherwise ('i thought …') as doubt about the answer on screen", () => {
    for (const said of [
      "i thought the help page said no",
      "thought the help centre said no?",
      "wait i thought monthly invoicing was for managed accounts only?",
    ]) {
      const after = said.includes("help") ? "cash-balance-autopay" : "credit-line-eligibility";
      const reply = answers.reply(said, after);
      expect(reply.kind === "answer" && reply.entryId, said).toBe(after);
      expect(reply.kind === "answer" && reply.text, said).toMatch(/Where its sources differ:/);
    }
    // Led by "are you sure?", or what the rep said: whose word it is, and its short answer.
    for (const [said, after] of [
      ["are you sure? i heard 90 days", "promo-code-deadline"],
      ["you sure? our rep said 60 days", "credit-expiry"],
    ] as const) {
      const reply = answers.reply(said, after);
      expect(reply.kind === "answer" && reply.entryId, said).toBe(after);
      expect(reply.kind === "answer" && reply.text, said).toMatch(/^\*\*[^*]*word:\*\*/);
    }
    // Agreeing, or saying where they saw it, is no doubt; nor is a question that follows, or
    // what the rep advised.
    for (const [said, after] of [
      ["our rep said it was approved", "credit-line-apply"],
      ["i thought so", "credit-expiry"],
      ["i saw it in ads manager", "promotions-page"],
      ["i saw that, how do we apply", "credit-line-eligibility"],
    ] as const) {
      const reply = answers.reply(said, after);
      // The doubt reply opens on whose word the answer is ("**TikTok's own word:** …").
      expect("text" in reply ? reply.text : "", said).not.toMatch(/^\*\*[^*]*word:\*\*/);
    }
    expect(answers.reply("i saw that, how do we apply", "credit-line-eligibility")).toMatchObject({
      kind: "answer",
      entryId: "credit-line-apply",
    });
    // Naming a topic the answer on screen does not hold, it is a question of its own.
    const other = answers.reply("i heard coupons expire after 30 days", "joint-business-plan");
    expect(other.kind === "answer" && other.entryId).toBe("credit-expiry");
    expect(other.kind === "answer" && other.text).not.toMatch(/sources differ/);
  });

  it("answers the first part of a two-part question and points to the answer for the second", () => {
    const reply = answers.reply(
      "can our client stack a coupon code on top of the spend match offer, and does credit cover our agency fee?",
    );
    expect(reply.kind === "answer" && reply.entryId).toBe("stacking-promotions");
    if (reply.kind !== "answer") return;
    const fees = answers.entry("agency-fees");
    expect(fees).toBeDefined();
    expect(reply.text).toContain(answers.entry("stacking-promotions")?.text ?? "missing");
    expect(
      reply.text.endsWith(
        `Your question has a second part ("does credit cover our agency fee"): see "${fees?.question}" under related questions.`,
      ),
    ).toBe(true);
    expect(reply.related[0]?.id).toBe("agency-fees");
    // More words on the same question are no second part.
    const one = answers.reply(
      "how much is the new advertiser credit worth? like spend X get Y what are the numbers",
    );
    expect(one.kind === "answer" && one.text).not.toMatch(/second part/);
  });

  it("sums up the answer on screen in its short answer when asked for a summary", () => {
    for (const said of [
      "can you summarise that",
      "tl;dr?",
      "summarise it for the client in one line",
    ]) {
      const short = answers.reply(said, "spend-order");
      expect(short.kind === "answer" && short.entryId, said).toBe("spend-order");
      expect(short.kind === "answer" && short.text, said).toBe(
        "In short:\n\n**The order differs by program and billing setup: most TikTok pages say credit is used before cash, but not all of them.**",
      );
    }
    // A summary of something else is a question of its own.
    const other = answers.reply("summarise the credit line rules", "spend-order");
    expect(other.kind === "answer" || other.kind === "clarify").toBe(true);
    expect(other.kind === "answer" && other.entryId).not.toBe("spend-order");
    expect(other.kind === "answer" ? other.text : "").not.toMatch(/^In short:/);
  });

  it("drops the yes or no an answer opens with when the question asked is open ('which countries?')", () => {
    const whole = answers.entry("regional-availability")?.text ?? "";
    expect(whole).toMatch(/^\*\*No: offers vary by region/);
    const open = answers.reply("which countries get tiktok ad credit");
    expect(open.kind === "answer" && open.entryId).toBe("regional-availability");
    expect(open.kind === "answer" && open.text).toBe(whole.replace(/^\*\*No: offers/, "**Offers"));
    // Asked as a yes-or-no question, the answer keeps its "No".
    const closed = answers.reply("is tiktok ad credit available in every country");
    expect(closed.kind === "answer" && closed.text).toBe(whole);
    // Asked of one country, a "No" to every country would read as "not there".
    for (const text of [
      "is tiktok ad credit available in germany?",
      "is pakistan or turkey eligible for the new adv credit",
    ]) {
      const one = answers.reply(text);
      expect(one.kind === "answer" && one.entryId).toBe("regional-availability");
      expect(one.kind === "answer" && one.text).toMatch(/^\*\*Offers vary by region/);
    }
    // Nor does a part of it quoted for a follow-up about one country.
    const japan = answers.reply("and japan", "regional-availability");
    expect(japan.kind === "answer" && japan.text).toMatch(
      /^From my last answer:\n\n\*\*Offers vary by region/,
    );
    expect(japan.kind === "answer" && japan.text).not.toContain("No: offers");
    // "Yes, according to GetAdCredit" keeps whose word it is.
    // "Yes according to X, but …" with no claim after a colon keeps its yes.
    const autopay = answers.reply(
      "what happens to leftover cash balance after switching to autopay",
    );
    expect(autopay.kind === "answer" && autopay.text).toMatch(
      /^\*\*Yes according to TikTok's billing-options page/,
    );
    const how = answers.reply("how does tiktok revoke credit");
    expect(how.kind === "answer" && how.text).toMatch(
      /^\*\*According to GetAdCredit, a third-party site: TikTok can revoke/,
    );
  });

  it("says whose word an answer is first when the question asks it outright, so its opening 'No:' does not read as the reply", () => {
    const asked = answers.reply(
      "once-per-tt4b rule — is that official or just getadcredit saying it",
    );
    expect(asked.kind === "answer" && asked.entryId).toBe("one-claim-per-business");
    if (asked.kind !== "answer") return;
    const whole = answers.entry("one-claim-per-business")?.text ?? "";
    expect(whole).toMatch(/^\*\*No: the offer is once per advertiser/);
    expect(asked.text).toBe(
      "**Partly TikTok's word:** this answer rests on TikTok's own pages (TikTok for Business, " +
        "TikTok Business Help Center) and on third parties (GetAdCredit). It names the source of " +
        `each part; what only a third party says is not confirmed by TikTok.\n\n${whole}`,
    );
    // "officially" as a manner, or a question about a site itself, is not asking whose word.
    for (const text of [
      "how do i apply for the credit line officially",
      "is getadcredit official",
    ]) {
      const reply = answers.reply(text);
      expect(reply.kind === "answer" && reply.text, text).not.toMatch(
        /TikTok's word|TikTok's own word/,
      );
    }
    // Asked without wondering whose word it is, the answer opens as written.
    const plain = answers.reply("can one business claim the new advertiser credit twice");
    expect(plain.kind === "answer" && plain.text).toBe(whole);
  });

  it("says the answer on screen has nothing more, rather than sending it again, when nothing in it speaks to the follow-up", () => {
    const whole = answers.entry("credit-line-eligibility")?.text ?? "";
    expect(whole).toMatch(/^\*\*TikTok's current official help pages/);
    const reply = answers.reply("and for agencies?", "credit-line-eligibility");
    expect(reply.kind === "answer" && reply.entryId).toBe("credit-line-eligibility");
    if (reply.kind !== "answer") return;
    expect(reply.text).not.toBe(whole);
    expect(reply.text).toMatch(
      /^My last answer has nothing more specific on that\. In short:\n\n\*\*TikTok's current official help pages require an account active and in good standing for at least 6 months/,
    );
    expect(reply.related[0]?.id).toBe("credit-line-eligibility");
    // Only a message that goes on from the answer ("and …", "what about …") is told so; one
    // that asks of it in other words gets what the answer has.
    const extended = answers.reply("can it be extended", "credit-expiry");
    expect(extended.kind === "answer" && extended.text).not.toMatch(/nothing more specific/);
  });

  it("answers a suspended account with the appeal path first, and what becomes of its balance and credit", () => {
    const now = answers.reply("our client's ad account got suspended yesterday - what now?");
    expect(now.kind === "answer" && now.entryId).toBe("account-suspended");
    expect(now.kind === "answer" && now.text).toMatch(
      /^\*\*Appeal with a ticket: Advertiser Support → Account Review → Account Suspension Appeal/,
    );
    // Asked after it, losing the credit is about the suspension, not rejected ads.
    const lose = answers.reply("do we lose the credit?", "account-suspended");
    expect(lose.kind === "answer" && lose.entryId).toBe("account-suspended");
    const credit = answers.reply(
      "acct got credit then we got suspended, what happens to the credit",
    );
    expect(credit.kind === "answer" && credit.text).toMatch(/not said on any TikTok page found/);
  });

  it("reads 'at all' as filler: 'so no number at all?' after the Credit Line asks as 'so no number?' does", () => {
    const reply = answers.reply("so no number at all?", "credit-line-overview");
    const short = answers.reply("so no number?", "credit-line-overview");
    expect(reply.kind === "answer" && reply.entryId).toBe("credit-line-minimum-spend");
    expect(reply.kind === "answer" && reply.text).toBe(short.kind === "answer" && short.text);
  });

  it("reads 'whatever is left' as the unused credit, and 'pre-load' as prepaying", () => {
    const left = answers.reply("what happens to whatever is left", "credit-expiry");
    expect(left.kind === "answer" && left.entryId).toBe("credit-expiry");
    expect(left.kind === "answer" && left.text).toMatch(/forfeited/);
    const { analyzer } = engine.matcher;
    expect(analyzer.terms("do we have to pre-load the account")).toEqual(
      analyzer.terms("do we have to prepay the account"),
    );
    // Slips people make typing fast.
    expect(analyzer.terms("can agncies move credit to client acounts")).toEqual(
      analyzer.terms("can agencies move credit to client accounts"),
    );
  });

  it("answers a short follow-up naming what only another entry holds ('whats FVA') with that entry", () => {
    expect(answers.entry("media-agency-partnership")?.text).not.toMatch(/\bFVA\b/);
    const fva = answers.reply("whats FVA", "media-agency-partnership");
    expect(fva.kind === "answer" && fva.entryId).toBe("incentive-payouts");
    // A word many entries hold stays with the answer on screen.
    const regions = answers.reply("which regions", "smart-plus-incentive");
    expect(regions.kind === "answer" && regions.entryId).toBe("smart-plus-incentive");
  });

  it("answers 'how about <a country>?' of an answer that names other countries with what it says, not a fallback", () => {
    // The manual promo-code flow's official page names six Asian markets, not Germany.
    const reply = answers.reply("how about germany", "promo-code-activation");
    expect(reply.kind === "answer" && reply.entryId).toBe("promo-code-activation");
    expect(reply.kind === "answer" && reply.text).toMatch(
      /^My last answer has nothing more specific on that\. In short:\n\n[\s\S]*Vietnam, Japan/,
    );
    // A time is no place: office talk, not a follow-up of the JBP.
    expect(answers.reply("what about tomorrow?", "joint-business-plan").kind).toBe("fallback");
    // An answer that opens on a list has no short answer to quote: it is not sent again whole.
    const times = answers.reply("and in the UK?", "when-credit-lands");
    expect(times.kind === "answer" && times.text).toBe(
      "My last answer, above, has nothing more specific on that.",
    );
    expect(times.kind === "answer" && times.related[0]?.id).toBe("when-credit-lands");
  });

  it("answers 'and under manual payment?' with every item of the answer on screen that names it", () => {
    const both = answers.reply("and under manual payment?", "spend-order");
    expect(both.kind === "answer" && both.entryId).toBe("spend-order");
    if (both.kind !== "answer") return;
    expect(both.text).toMatch(/^From my last answer:/);
    expect(both.text).toMatch(
      /Shopify credit \(undated\), under manual payment: credit before balance/,
    );
    expect(both.text).toMatch(/Back to Business \(2020, ended\), under manual payment/);
    expect(both.text).not.toMatch(/reservation ads/);
    // Both versions of the Smart+ criteria say something of iOS; "work" is said in neither.
    const ios = answers.reply("does it work for iOS campaigns", "smart-plus-incentive");
    expect(ios.kind === "answer" && ios.text).toMatch(
      /^From my last answer:[\s\S]*Android or iOS[\s\S]*no iOS Dedicated Campaigns/,
    );
    // Thailand's offer and the promo codes that list Thailand: both say when credit lands there.
    const thailand = answers.reply("and in thailand?", "when-credit-lands");
    expect(thailand.kind === "answer" && thailand.text).toMatch(
      /promo codes \(Vietnam[^\n]*Thailand\): several hours to one day;\n- TikTok Thailand offer: 1–7 days/,
    );
  });

  it("answers 'which countries?' of the Smart+ incentive with where it runs, not another entry that names countries", () => {
    for (const text of ["which countries", "in which countries?"]) {
      const reply = answers.reply(text, "smart-plus-incentive");
      expect(reply.kind === "answer" && reply.entryId, text).toBe("smart-plus-incentive");
      expect(reply.kind === "answer" && reply.text, text).toMatch(
        /^From my last answer:[\s\S]*global, where the Ads Manager UI shows the offer/,
      );
    }
  });

  it("reads 'export' as asking for a report: after the Promotions page, the line saying there is no separate one", () => {
    for (const text of [
      "can i export that for finance",
      "is there a report we can export for that",
    ]) {
      const reply = answers.reply(text, "promotions-page");
      expect(reply.kind === "answer" && reply.entryId, text).toBe("promotions-page");
      expect(reply.kind === "answer" && reply.text, text).toMatch(
        /^From my last answer:[\s\S]*there is no separate credit report/,
      );
    }
  });

  it("keeps 'credit export' about credit usage, not the off-topic 'credit report' of a person", () => {
    expect(answers.reply("is there a credit export for finance?")).toMatchObject({
      kind: "answer",
      entryId: "promotions-page",
    });
    expect(answers.reply("how do i check my credit report").kind).toBe("fallback");
  });

  it("reads 'tweak' as a change: after the Smart+ incentive, its criteria with the one bid change allowed", () => {
    const reply = answers.reply("can we tweak bids while it's running", "smart-plus-incentive");
    expect(reply.kind === "answer" && reply.entryId).toBe("smart-plus-incentive");
    expect(reply.kind === "answer" && reply.text).toMatch(
      /^From my last answer:[\s\S]*at most 1 bid change and 1 targeting change/,
    );
    // One criterion a line: the one asked about, not the whole list again.
    expect(reply.kind === "answer" && reply.text).not.toMatch(/15 conversions/);
  });

  it("answers 'in the uk?' of an answer that opens on where it applies from that answer, unless another entry names the place", () => {
    // Emailed codes go to six Asian markets and through managed sales elsewhere: that is the UK.
    const uk = answers.reply("in the uk?", "emailed-promo-codes");
    expect(uk.kind === "answer" && uk.entryId).toBe("emailed-promo-codes");
    expect(uk.kind === "answer" && uk.text).toMatch(
      /^My last answer has nothing more specific on that\. In short:\n\n[\s\S]*managed sales relationships elsewhere/,
    );
    // Japan is nowhere in the Australian offer: said so, with what "japan" finds alone one
    // click away after the whole answer.
    const japan = answers.reply("and japan?", "australia-credit");
    expect(japan.kind === "answer" && japan.text).toMatch(
      /^My last answer has nothing more specific/,
    );
    expect(japan.kind === "answer" && japan.related.map(({ id }) => id)).toEqual([
      "australia-credit",
      "promo-code-activation",
      "emailed-promo-codes",
    ]);
    // "does that apply in brazil?" of rebates, paid "only in certain regions": that answer.
    const brazil = answers.reply("does that apply in Brazil?", "agency-rebates");
    expect(brazil.kind === "answer" && brazil.text).toMatch(
      /^My last answer has nothing more specific on that\. In short:[\s\S]*only in certain regions/,
    );
    // Also when no reading of it is sure: the promo-code flow names its six markets.
    const unsure = answers.reply("in the uk?", "promo-code-activation");
    expect(unsure.kind === "answer" && unsure.text).toMatch(
      /^My last answer has nothing more specific on that\. In short:[\s\S]*Vietnam, Japan/,
    );
    // An opening that names a place only as whose page says so does not open on places.
    const sourced = answers.reply("what about germany", "one-claim-per-business");
    expect(sourced.kind === "answer" && sourced.entryId).not.toBe("one-claim-per-business");
    // "does that apply in australia?" asks whether the rebates hold there, though Australia has
    // an entry of its own; "how does it work in japan?" asks how they work.
    const holds = answers.reply("does that apply in australia?", "agency-rebates");
    expect(holds.kind === "answer" && holds.entryId).toBe("agency-rebates");
    expect(holds.kind === "answer" && holds.text).toMatch(/^My last answer has nothing more/);
    // "is getadcredit legit?" is not told "No" (it is not official, not a scam); "how do they
    // verify stuff" after it gets the part on how it checks its claims.
    const legit = answers.reply("is getadcredit legit? my boss asked");
    expect(legit.kind === "answer" && legit.text).toMatch(/^\*\*Not official: GetAdCredit\.com/);
    const verify = answers.reply("how do they verify stuff", "about-getadcredit");
    expect(verify.kind === "answer" && verify.text).toMatch(
      /^From my last answer:[\s\S]*checks every claim against the TikTok Business Help Center/,
    );
    // An answer that says nowhere where it applies is not answered from for a place: its "not
    // available through self-serve" would read as "not in Germany". The regions are offered.
    const jbp = answers.reply("is it available in germany?", "joint-business-plan");
    const offeredFirst =
      jbp.kind === "fallback"
        ? jbp.suggestions[0]?.id
        : jbp.kind === "clarify" && jbp.choices[0]?.id;
    expect(offeredFirst).toBe("regional-availability");
    // The amounts answer's one official example is in yen for Japan: "what about in japan?" gets it.
    const yen = answers.reply("what about in japan?", "new-advertiser-amounts");
    expect(yen.kind === "answer" && yen.text).toMatch(/^From my last answer:[\s\S]*10,000 JPY/);
    // Whether the Smart+ incentive holds in Germany: the criterion that says where it runs,
    // not the regions answer's "No" (to whether credit is offered in every country).
    const smartPlus = answers.reply("is it available in germany?", "smart-plus-incentive");
    expect(smartPlus.kind === "answer" && smartPlus.entryId).toBe("smart-plus-incentive");
    expect(smartPlus.kind === "answer" && smartPlus.text).toMatch(
      /global, where the Ads Manager UI shows the offer/,
    );
    // So for a place no entry names, and typed as it comes ("in south africa?"); but not of an
    // answer about one place: Australia's offer says nothing of Nigeria.
    for (const place of ["is it available in kenya?", "in south africa?"]) {
      const elsewhere = answers.reply(place, "smart-plus-incentive");
      expect(elsewhere.kind === "answer" && elsewhere.text, place).toMatch(
        /global, where the Ads Manager UI shows the offer/,
      );
    }
    const promo = answers.reply("what about in South Africa?", "promo-code-activation");
    expect(promo.kind === "answer" && promo.text).toMatch(
      /^My last answer has nothing more specific on that\. In short:[\s\S]*Vietnam, Japan/,
    );
    const nigeria = answers.reply("what about nigeria?", "australia-credit");
    expect(nigeria.kind === "answer" && nigeria.entryId).not.toBe("australia-credit");
    const how = answers.reply("how does it work in japan?", "agency-rebates");
    expect(how.kind === "answer" && how.text).not.toMatch(/^My last answer has nothing more/);
    // A place said in parentheses as where the page applies still counts.
    const deadline = answers.reply("and japan?", "promo-code-deadline");
    expect(deadline.kind === "answer" && deadline.entryId).toBe("promo-code-deadline");
    // What it finds alone only barely likely leaves the curated related questions be.
    const resellers = answers.reply("and for resellers?", "agency-partner-programs");
    expect(resellers.kind === "answer" && resellers.related.map(({ id }) => id)).toEqual([
      "agency-partner-programs",
      ...(answers
        .entry("agency-partner-programs")
        ?.related.slice(0, 2)
        .map(({ id }) => id) ?? []),
    ]);
    // Australia has its own entry.
    const australia = answers.reply("and australia?", "regional-availability");
    expect(australia.kind === "answer" && australia.entryId).toBe("australia-credit");
  });

  it("reads 'signup' as 'sign up': where to sign up for a Business Center is answered", () => {
    for (const text of ["whats the bc signup url", "where's the business center signup page"]) {
      expect(answers.reply(text), text).toMatchObject({
        kind: "answer",
        entryId: "business-center-setup",
      });
    }
  });

  it("names the Credit Line in the answer on applying, and what the Restrictions column limits", () => {
    expect(answers.entry("credit-line-apply")?.text).toMatch(/^\*\*To apply for the Credit Line/);
    expect(
      answers.reply("what does the restrictions column on the promotions page mean"),
    ).toMatchObject({
      kind: "answer",
      text: expect.stringMatching(
        /Restrictions\*\* column limits which ad products, countries or campaigns/,
      ),
    });
  });

  it("gives the part of the answer on screen that a short question answered by it asks for", () => {
    // Each read alone as that same answer: its part that speaks to the question, not all again.
    for (const [onScreen, text, part] of [
      [
        "credit-expiry",
        "can it be extended?",
        /no rollover, no conversion, no refund, no extension/,
      ],
      ["agency-rebates", "we're prepay, how would we get it", /\*\*top-up\*\* of an ad account/],
    ] as const) {
      const reply = answers.reply(text, onScreen);
      expect(reply.kind === "answer" && reply.entryId, text).toBe(onScreen);
      expect(reply.kind === "answer" && reply.text, text).toMatch(/^From my last answer:/);
      expect(reply.kind === "answer" && reply.text, text).toMatch(part);
    }
  });

  it("gives the whole answer again to the question asked again in full", () => {
    const whole = answers.entry("joint-business-plan");
    const reply = answers.reply(
      "What is a Joint Business Plan (JBP) on TikTok?",
      "joint-business-plan",
    );
    expect(reply.kind === "answer" && reply.text).toBe(whole?.text);
  });

  it('answers a new question after an answer the same with or without an opener like "unrelated but"', () => {
    // Before openers were set aside, each of these got a "Did you mean" after the answer shown.
    // If a refit moves one, the comparison still holds: pick another from the tuning follow-ups.
    for (const [onScreen, text, entryId] of [
      [
        "billing-options",
        "unrelated but can we use a prepaid card for autopay",
        "automatic-payment",
      ],
      ["shopify-credit", "other q: does credit expire if unused", "credit-expiry"],
      [
        "promo-code-activation",
        "different q, how do promo codes work in vietnam",
        "promo-code-activation",
      ],
    ] as const) {
      const reply = answers.reply(text, onScreen);
      expect(reply.kind === "answer" && reply.entryId, text).toBe(entryId);
    }
  });

  it("answers a short follow-up on the topic on screen when that reading is sure, even if the words alone point elsewhere", () => {
    // Alone, "any minimum spend?" reads as about the Credit Line; after custom deals, it asks what
    // spend counts as high volume. (Before, the surer reading alone won.) If a refit moves this,
    // pick another tuning follow-up whose readings alone and against the answer on screen differ.
    const alone = answers.reply("any minimum spend?");
    expect(alone.kind === "answer" && alone.entryId).toBe("credit-line-minimum-spend");
    const after = answers.reply("any minimum spend?", "high-volume-custom-deals");
    expect(after.kind === "answer" && after.entryId).toBe("high-volume-threshold");
    expect(after.kind === "answer" && after.followUpOf).toBe("high-volume-custom-deals");
  });

  it("settles a full question's doubt between entries with the answer on screen, when it leads and reads surely against it", () => {
    // A tuning follow-up: alone it offers promo-code activation first among others; after that
    // answer, it is the one meant. After any other answer the doubt stays. (If a change to the
    // vocabulary or a refit settles it alone, pick another: test/eval's follow-ups with a
    // "Did you mean" alone led by the entry they follow.)
    const question = "how many days does the client have to spend the credit before it disappears";
    const alone = answers.reply(question);
    expect(alone.kind === "clarify" && alone.choices[0]?.id).toBe("credit-expiry");
    const after = answers.reply(question, "credit-expiry");
    expect(after.kind === "answer" && after.entryId).toBe("credit-expiry");
    // Given whole, not as an excerpt, with the other choice first among the related questions.
    expect(after.kind === "answer" && after.text).toBe(answers.entry("credit-expiry")?.text);
    expect(after.kind === "answer" && after.related[0]?.id).toBe(
      alone.kind === "clarify" ? alone.choices[1]?.id : "",
    );
    expect(answers.reply(question, "promo-code-activation").kind).toBe("clarify");
  });

  it("answers 'who do we talk to?' with whom the answer on screen says to ask, when no reading is sure", () => {
    const whom = answers.reply("ok who do we even talk to then", "credit-line-minimum-spend");
    expect(whom.kind === "answer" && whom.entryId).toBe("credit-line-minimum-spend");
    expect(whom.kind === "answer" && whom.text).toBe(
      "From my last answer:\n\nAsk your TikTok account manager or sales team what applies in your region.",
    );
    // "priority support" among a JBP's incentives is no one to ask: the sentence that says whom
    // to ask is.
    const jbp = answers.reply("who do we ask", "joint-business-plan");
    expect(jbp.kind === "answer" && jbp.text).toMatch(
      /^From my last answer:\n\n[^\n]*ask the client's TikTok account manager\.$/,
    );
  });

  it("answers 'where do i find that?' with no list of switches or appeal path for a menu", () => {
    const switches = answers.reply("where do i find that", "billing-options");
    expect(switches.kind === "answer" && switches.text).not.toMatch(/Allowed switches/);
    const appeal = answers.reply("where do i find that", "balance-refund");
    expect(appeal.kind === "answer" && appeal.text).not.toMatch(/Suspension Appeal/);
  });

  it("answers 'who on our side can do it?' with the role the answer on screen names", () => {
    const admin = answers.reply("who on our side can do it", "balance-refund");
    expect(admin.kind === "answer" && admin.text).toMatch(
      /^From my last answer:[\s\S]*Only an \*\*admin\*\* can request it/,
    );
    const role = answers.reply("who on our side can do it", "credit-line-apply");
    expect(role.kind === "answer" && role.entryId).toBe("credit-line-apply");
    expect(role.kind === "answer" && role.text).toMatch(
      /^From my last answer:\n\n[\s\S]*\*\*finance manager or admin\*\* role/,
    );
  });

  it("reads 'turn it off' as switching off, and a feeling ('if we hate it') as no topic", () => {
    const off = answers.reply("can we turn it off later if we hate it?", "auto-allocation");
    expect(off.kind === "answer" && off.entryId).toBe("auto-allocation");
    expect(off.kind === "answer" && off.text).toMatch(/cannot be switched off/);
  });

  it("reads paying at the end of the month as the Credit Line, and paying upfront as prepaying", () => {
    const later = answers.reply("can the client pay at the end of the month");
    expect(later.kind === "answer" && later.entryId).toBe("credit-line-overview");
    const instead = answers.reply(
      "my client wants to pay at end of month instead of upfront, possible?",
    );
    expect(instead.kind === "clarify" && instead.choices[0]?.id).toBe("credit-line-overview");
  });

  it("reads 'take it back' as revoking, VAT and GST as tax, and slips of 'clients' and 'invoicing'", () => {
    const back = answers.reply("could tiktok take it back?", "one-claim-per-business");
    expect(back.kind === "answer" && back.entryId).toBe("credit-revocation");
    const vat = answers.reply("does the refund include the vat we paid");
    expect(vat.kind === "answer" && vat.entryId).toBe("balance-refund");
    const slips = answers.reply("how do we get our clinets on monthly invocing");
    expect(slips.kind === "answer" && slips.entryId).toMatch(/^credit-line-/);
  });

  it("does not send 'how long does that take?' after the Australian offer to the ended 2020 program", () => {
    const reply = answers.reply("how long does that take?", "australia-credit");
    expect(reply.kind === "answer" && reply.entryId).toBe("when-credit-lands");
  });

  it("reads common slips of 'credit' and 'eligibility' as the words meant", () => {
    const reply = answers.reply("crdit line eligiblity");
    expect(reply.kind === "answer" && reply.entryId).toBe("credit-line-eligibility");
  });

  it("answers 'where do i find that?' of an answer that gives a menu path with that path", () => {
    const path = answers.reply("where do i find that", "business-center-allocation");
    expect(path.kind === "answer" && path.entryId).toBe("business-center-allocation");
    expect(path.kind === "answer" && path.text).toMatch(
      /^From my last answer:\n\n[\s\S]*Finance → Payment Management → choose the ad account/,
    );
  });

  it("reads how long an account has been running as its age: the Credit Line's 6 months", () => {
    for (const question of [
      "how long do they need to have been running?",
      "how long do we need to have been advertising",
    ]) {
      const reply = answers.reply(question, "credit-line-apply");
      expect(reply.kind === "answer" && reply.entryId).toBe("credit-line-eligibility");
    }
    // Saying how long a client has been running ads is no question about the account's age.
    const running = answers.reply("has been running ads for 2 years, are they a new advertiser?");
    expect(running.kind === "answer" && running.entryId).toBe("existing-advertisers-credit");
  });

  it("says an answer with no figure in it gives none when asked 'is there a min spend?', with where the question leads one click away", () => {
    const none = answers.reply("is there a min spend", "agency-negotiated-credit");
    expect(none.kind === "answer" && none.text).toMatch(
      /^My last answer gives no figure for that, and I have none from its sources\. In short:\n\n\*\*Yes, if the agency/,
    );
    expect(none.kind === "answer" && none.related.map(({ id }) => id)).toContain(
      "credit-line-minimum-spend",
    );
    // An answer that speaks of its minimum in words is quoted.
    const worded = answers.reply("whats the minimum spend for it", "website-conversions-rebate");
    expect(worded.kind === "answer" && worded.text).toMatch(/^From my last answer:/);
  });

  it("answers 'and in thailand specifically?' of the Thailand offer from it, not a fallback", () => {
    const reply = answers.reply("and in thailand specifically?", "thailand-new-advertiser-offer");
    expect(reply.kind === "answer" && reply.entryId).toBe("thailand-new-advertiser-offer");
  });

  it("answers a clicked suggestion by id, and nothing for an unknown id", () => {
    expect(answers.entry("joint-business-plan")?.question).toMatch(/Joint Business Plan/);
    expect(answers.entry("no-such-entry")).toBeUndefined();
  });
});

describe("intents", () => {
  it("recognises forgetting and starting a guided check", () => {
    expect(detectIntent("forget me")).toBe("forget");
    expect(detectIntent("Please delete my data")).toBe("forget");
    expect(detectIntent("credit check")).toBe("start_check");
    expect(detectIntent("check eligibility")).toBe("start_check");
    for (const typed of [
      "credit chek",
      "creditcheck",
      "Credit Check pls",
      "can u check if my client is eligible",
      "check whether our account is eligible",
      "can you check what programs my client qualifies for?",
      "which programs does my client qualify for",
      "what programs is our client eligible for",
      "let's do a credit check",
      "can you run a credit check for a client of mine?",
      "I want to do a credit check for my client",
      "ok can you run a credit check for our client",
      "right, can you run a credit check on our biggest client",
      "actually nvm run it again",
      "start over",
    ]) {
      expect(detectIntent(typed), typed).toBe("start_check");
    }
    // Saying who one is, and nothing else yet, is a hello; a pleasantry alone is not.
    for (const typed of [
      "hey there :wave: I'm Jess, media buyer at Northwind",
      "morning! Tom here",
    ]) {
      expect(detectIntent(typed), typed).toBe("greeting");
    }
    expect(detectIntent("happy friday all!!")).toBe("question");
    // A statement about oneself is no hello without one.
    expect(detectIntent("I work with a client who got banned")).toBe("question");
    expect(detectIntent("what is a credit check")).toBe("question");
    // What one program or one kind of advertiser gets is a question the answers cover.
    expect(detectIntent("which credits do agencies get")).toBe("question");
    expect(detectIntent("what programs qualify for monthly invoicing")).toBe("question");
    expect(detectIntent("what credits do clients get")).toBe("question");
    expect(detectIntent("who made you")).toBe("help");
    // Asking what it can do, after saying who one is, is asking for help.
    expect(
      detectIntent("hi, im the new finance coordinator at an agency, what can you help with"),
    ).toBe("help");
    expect(detectIntent("how can you help us")).toBe("help");
    // Said of the answer just given; a question about something wrong is still a question.
    for (const said of [
      "that's wrong",
      "not what i asked",
      "that didn't help",
      "wrong answer",
      "you're wrong",
      "thats wrong",
    ]) {
      expect(detectIntent(said), said).toBe("complaint");
    }
    for (const asked of ["is that wrong?", "what's wrong with my ad", "wrong account charged"]) {
      expect(detectIntent(asked), asked).toBe("question");
    }
    // A question about a program is answered, not taken as asking for a check.
    expect(detectIntent("is my client eligible for the credit line?")).toBe("question");
    expect(detectIntent("what is a credit check")).toBe("question");
    expect(detectIntent("how do I check my credit balance?")).toBe("question");
    // Opening on a nod, but saying a question follows: a question, however short, and a new one.
    expect(detectIntent("ok next q: autopay")).toBe("question");
    expect(answers.reply("ok next q: autopay", "custom-deal-negotiation")).toMatchObject({
      kind: "answer",
      entryId: "automatic-payment",
    });
    expect(leavesTopic("ok next q: autopay")).toBe(true);
    expect(leavesTopic("quick q: autopay")).toBe(false);
    expect(leavesTopic("next question types?")).toBe(false);
    expect(detectIntent("ok btw: coupons")).toBe("question");
    // Dropping what was offered first ("ok nvm."), then saying the question is a new one.
    const offered = ["back-to-business", "credit-revocation", "existing-advertisers-credit"];
    const shifted = "ok nvm. different q: can tiktok take credit back?";
    expect(leavesTopic(shifted)).toBe(true);
    const reply = answers.reply(shifted, offered);
    expect(reply.kind === "answer" && reply.entryId).toBe("credit-revocation");
  });

  it.each([
    "k figured",
    "found it, thanks",
    "yikes ok noted",
    "ok cool so thats the credit line sorted, thx",
    "lol tiktok and their rules. ok thx",
    "n",
    "nope",
    "ok bye",
    "cya",
    "ok will reach out to them",
    "will loop in the am",
    "we'll ask the rep about the minimum",
    "ok so media only, got it",
    "perfect, that's what i needed",
    "thank u so much ur a lifesaver",
    "have a good weekend",
    "lol ur faster than our tiktok rep",
    "see you tomorrow",
    "i thought so",
    "ok we figured as much",
  ])("takes %j as a nod: it thanks or nods and asks nothing", (text) => {
    expect(detectIntent(text)).toBe("thanks");
  });

  it("signs off, instead of answering again, when told what the person will do next", () => {
    const reply = answers.reply("ok will pass it on to the client", "shopify-credit");
    expect(reply).toMatchObject({ kind: "notice", event: "acknowledged" });
  });

  it.each([
    "nice, is there a cap",
    "thanks, and for agencies?",
    "ok but what if they spend 40k",
    "cool, what about smb clients",
    "thanks! how long does it take",
    "will the credit expire",
    "will ask, but how long does it take",
    "ok so whats the minimum, got it",
    "ok will tiktok refund the credit",
    "ok will ask the rep but is there a minimum spend",
    "will check with the client but does the credit expire",
    "can we confirm the client got it",
    "will pass through spend count toward the threshold",
    "have a good weekend, also does credit expire",
    "is a jbp faster than a custom deal",
    "u sure?",
  ])("reads %j as a question even though it opens with a nod", (text) => {
    expect(detectIntent(text)).toBe("question");
  });

  it("tells a short follow-up from a question that stands on its own", () => {
    expect(looksLikeFollowUp("who negotiates it?", 1)).toBe(true);
    expect(looksLikeFollowUp("and for agencies?", 1)).toBe(true);
    expect(
      looksLikeFollowUp(
        "how long does tiktok ad credit last before it expires on a new account",
        6,
      ),
    ).toBe(false);
  });

  it("sets aside an opener that only says a new question is coming", () => {
    expect(questionText("separate q - how do we get the client onto monthly invoicing?")).toBe(
      "how do we get the client onto monthly invoicing?",
    );
    expect(questionText("Switching gears: does credit expire :thinking_face:")).toMatch(
      /^does credit expire\s*$/,
    );
    expect(questionText("totally unrelated: whats the bc signup url")).toBe(
      "whats the bc signup url",
    );
    expect(questionText("ok next q: what's the agency business center")).toBe(
      "what's the agency business center",
    );
    expect(questionText("separate: can prepaid cards be used for autopay")).toBe(
      "can prepaid cards be used for autopay",
    );
    // "ok" is set aside only before an opener.
    expect(questionText("ok so who negotiates it")).toBe("ok so who negotiates it");
    // "separate" opens a question only with a separator after it.
    expect(questionText("separate invoices for each client?")).toBe(
      "separate invoices for each client?",
    );
    expect(questionText("separate but linked ad accounts - do they each get the credit?")).toBe(
      "separate but linked ad accounts - do they each get the credit?",
    );
    // "also" marks a follow-up; hyphens inside words and "new"/"other" before a noun are the question.
    expect(questionText("also, what about agencies?")).toBe("also, what about agencies?");
    expect(questionText("new-customer credit?")).toBe("new-customer credit?");
    expect(questionText("new question types?")).toBe("new question types?");
    expect(questionText("new but no spend yet, eligible?")).toBe("new but no spend yet, eligible?");
    // Words that only look like an opener are part of the question.
    expect(questionText("other advertisers get it?")).toBe("other advertisers get it?");
    expect(questionText("new advertiser credit?")).toBe("new advertiser credit?");
    expect(questionText("quick q:")).toBe("quick q:");
  });

  it("reads a message after an answer against it when it leans on it or is short", () => {
    // Short: both readings are tried.
    expect(mayFollowUp("any minimum spend?", 2)).toBe(true);
    // Longer, but leaning on the answer before.
    expect(mayFollowUp("ok and what happens to it if the client never spends it", 3)).toBe(true);
    // A full question on its own stands on its own.
    expect(mayFollowUp("how long until ad credits land in the ad account", 4)).toBe(false);
    expect(mayFollowUp("what are the requirements for monthly invoicing on tiktok ads", 5)).toBe(
      false,
    );
  });
});
