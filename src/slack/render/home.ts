import type { types } from "@slack/bolt";
import type { Suggestion } from "../../core/reply.js";
import { actionIds } from "../ids.js";
import {
  actions,
  button,
  capBlocks,
  context,
  divider,
  header,
  type KnownBlock,
  sections,
} from "./blocks.js";
import { limits } from "./limits.js";

/**
 * App Home: what Credit Desk answers, popular questions, how to run a check, where answers come
 * from; then `extra` (the curators' section, for curators only).
 */
export function homeView(popular: Suggestion[], extra: KnownBlock[] = []): types.HomeView {
  const questions = popular.slice(0, 5);
  return {
    type: "home",
    blocks: capBlocks(
      [
        header("Credit Desk"),
        ...sections(
          "I answer questions about *TikTok ad credits* for agency teams, each with its source: custom deals " +
            "for high-volume advertisers, Joint Business Plans, agency credit, the Credit Line (monthly " +
            "invoicing), new-advertiser credit, coupons and promo codes.\n" +
            "Ask me in a direct message, or mention me in a channel and I'll answer in the thread.",
        ),
        divider(),
        ...sections("*Popular questions*"),
        ...(questions.length > 0
          ? [
              actions(
                "popular",
                questions.map((question, index) =>
                  button(question.question, `${actionIds.answerEntry}:${index}`, question.id),
                ),
              ),
            ]
          : []),
        divider(),
        ...sections(
          "*Check a client's eligibility*\n" +
            "Run `/credit-check advertiser=agency months=8 spend=40k payments=good partner=yes` anywhere " +
            "to see, program by program, whether the ad account is likely to qualify, why, and what to do " +
            "next. `/credit-check` alone opens a form; `/credit-check help` lists every option. In a " +
            'direct message, say "credit check" and I\'ll ask for the details one at a time.',
        ),
        divider(),
        ...sections(
          "*Where the answers come from*\n" +
            "A curated knowledge base built from TikTok's own Help Center pages and third-party guides. " +
            "Every answer shows its source, whether it is official or third party, and its date. When I " +
            "don't know, I say so and suggest related questions instead of guessing. TikTok decides every " +
            "program itself, so treat a verdict as a guide, not a promise.",
        ),
        context([
          'Privacy: `/credit-check forget`, or a DM saying "forget me", deletes everything I stored about you.',
        ]),
        ...extra,
      ],
      limits.viewBlocks,
    ),
  };
}
