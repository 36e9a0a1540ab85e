import { beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import { withoutOpeners } from "../../src/core/openers.js";

let answers: Answers;
beforeAll(async () => {
  answers = (await loadEngine("knowledge")).answers;
});

const question = "how do we apply for monthly invoicing?";

describe("openers before a question", () => {
  it("reads past hellos, pleasantries and who the person is", () => {
    for (const opener of [
      "hey! ",
      "Good afternoon all - ",
      "hiya :wave: hope you're well! ",
      "sorry to bother you, quick one: ",
      "Hi, I'm a media buyer at an indie agency, ",
      "I work in finance at a media agency and I wanted to ask ",
      "morning! I'm new here and was wondering ",
      "Account director here :slightly_smiling_face: ",
      "Dear Credit Desk,\n\nI hope this message finds you well. ",
      "Hi! Social strategist at a boutique agency in Austin. do you know ",
      "Hey team! Not urgent but ",
      "Hello! Writing this for my boss. ",
      "no I meant ",
      "sorry, i was asking about ",
      "I'm asking about ",
      "no - i meant ",
    ]) {
      expect(withoutOpeners(`${opener}${question}`), opener).toBe(question);
    }
    // Who the person is can be kept, with only the pleasantries gone.
    expect(withoutOpeners(`hey! I'm a media buyer at an agency, ${question}`, true)).toBe(
      `I'm a media buyer at an agency, ${question}`,
    );
  });

  it("reads a correction after a 'Did you mean' as the program it names", () => {
    const offered = [
      "credit-line-minimum-spend",
      "high-volume-custom-deals",
      "discount-coupon-cap",
    ];
    const reply = answers.reply("no I meant the credit line", offered);
    expect(reply.kind === "answer" && reply.entryId).toBe("credit-line-overview");
  });

  it("never takes in the question itself", () => {
    for (const message of [
      "sorry does the credit expire and can we extend it",
      "is credit available here, or only in the US?",
      "hey",
      "i'm wondering",
      "I'm setting up monthly invoicing for a client, what documents do we need?",
      "account manager at tiktok said we'd get 10k, is that right?",
    ]) {
      expect(withoutOpeners(message), message).toBe(message);
    }
  });

  it("answers a question after openers as it answers the question alone", () => {
    const alone = answers.reply(question);
    expect(alone.kind).toBe("answer");
    for (const opener of [
      "hey so I'm on the paid social team at an agency and I wanted to ask ",
      "Hello, hope all is good. I work in billing at an agency... ",
      "thanks in advance :pray: ",
    ]) {
      const reply = answers.reply(`${opener}${question}`);
      expect(reply.kind === "answer" && reply.entryId, opener).toBe(
        alone.kind === "answer" && alone.entryId,
      );
    }
  });

  it("reads past a part that names nothing about credits, unless that part makes it off-topic", () => {
    const opener = "Hello, this is Priya from the Toronto office. ";
    const alone = answers.reply(question);
    const reply = answers.reply(`${opener}${question}`);
    expect(reply.kind === "answer" && reply.entryId).toBe(alone.kind === "answer" && alone.entryId);
    // "Creator" is what says this is about something else: it is not read past.
    const creator = answers.reply("our client is a tiktok creator. how do they get paid?");
    expect(creator.kind).toBe("fallback");
  });

  it("keeps an introduction that gets a 'Did you mean' where the question alone gets none", () => {
    expect(answers.reply("I'm on the credit line, when do I pay?").kind).not.toBe("fallback");
  });

  it("keeps an introduction that says what the question is about", () => {
    const reply = answers.reply(
      "hi! freelancer here - should the client create the account or me?",
    );
    expect(reply.kind === "answer" && reply.entryId).toBe("freelancer-client-accounts");
  });
});
