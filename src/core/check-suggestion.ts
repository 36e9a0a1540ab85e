import { normalize } from "../knowledge/text.js";
import type { Rules } from "../rules/index.js";
import { namesProgramInFull } from "./check-follow-up.js";
import { checkLineFor } from "./guided-check.js";

/** "can they get a jbp", "is our client eligible for monthly invoicing": a client's eligibility. */
const asksEligibility =
  /\b(eligible|eligibility|qualify|qualifies|qualified)\b|\b(can|could|will|would|do|does)( the| our| this| my)? (they|we|client|brand|account|acct|advertiser|it)( still| also)? (get|apply for|claim|have)\b/;

/** The fewest details worth a ready `/credit-check` line: one alone checks next to nothing. */
const fewestDetails = 2;

/**
 * Under an answer to whether a client can get a program the check covers: how to check that
 * client, with the `/credit-check` line for what the message says of it ("our client spends
 * ~80k/mo direct w tiktok, can they get a jbp"), or undefined for any other question.
 */
export function checkSuggestion(text: string, rules: Rules, now: Date): string | undefined {
  // "can we get a rebate as an agency": "agency" describes the client, it names no program.
  if (!asksEligibility.test(normalize(text)) || !namesProgramInFull(text, rules)) return undefined;
  const line = checkLineFor(text, now);
  return line.split(" ").length >= fewestDetails
    ? `To check this client program by program: \`/credit-check ${line}\` (add what else you know).`
    : "To check a particular client program by program, say **credit check** or use `/credit-check`.";
}
