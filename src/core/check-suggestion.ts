import { normalize } from "../knowledge/text.js";
import { type CheckResult, checkFields, type Rules } from "../rules/index.js";
import { namesProgramInFull, programsNamed } from "./check-follow-up.js";
import { checkLineFor, detailsSaid } from "./guided-check.js";
import { asksSomething } from "./question-shapes.js";
import type { CreditCheckReply } from "./reply.js";

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

/**
 * "they've been running for 4 months, no failed payments" right after "Who is eligible for the
 * Credit Line?": that program's verdict for what the message says of the client, or undefined
 * when the answer is not about one program's eligibility or the message asks something or says
 * nothing the check reads.
 */
export function checkUnderAnswer(
  answered: string,
  text: string,
  rules: Rules,
  now: Date,
): CreditCheckReply | undefined {
  const asked = normalize(answered);
  if (!asksEligibility.test(asked) || asksSomething(text)) return undefined;
  const [program, ...others] = programsNamed(answered, rules);
  if (program === undefined || others.length > 0) return undefined;
  const fields = detailsSaid(text, now);
  if (Object.keys(fields).length === 0) return undefined;
  const result = checkFields(fields, rules);
  if (result.status !== "ok") return undefined;
  return {
    kind: "credit_check",
    result: focusedOn(result, [program]),
    lead: `That client against the ${rules.programs[program].name} criteria, from what you said:`,
  };
}

/**
 * A result that shows only these programs (all when undefined), what to add said only when one
 * of them needs it: a check run for one program stays about it through its what-ifs.
 */
export function focusedOn(
  result: CheckResult,
  programs: readonly string[] | undefined,
): CheckResult {
  if (programs === undefined || result.status !== "ok") return result;
  const shown = result.programs.filter(({ id }) => programs.includes(id));
  const unsettled = shown.some(({ verdict }) => verdict === "needs_info");
  return { ...result, programs: shown, missing: unsettled ? result.missing : [] };
}
