import { normalize } from "../knowledge/text.js";
import {
  type CheckInput,
  type CheckResult,
  checkFields,
  closestWord,
  describeInput,
  evaluate,
  type InputKey,
  inputFields,
  inputKeys,
  parseCheckFields,
  type Rules,
} from "../rules/index.js";
import type { PendingCheck } from "../state/index.js";
import { answerInWords, namesTopic } from "./answer-in-words.js";
import { asksSomething } from "./question-shapes.js";
import type { CheckPromptReply, CreditCheckReply, NoticeReply } from "./reply.js";

type Fields = PendingCheck["fields"];

/** A question on the way: the check to store and the prompt to show. */
export interface Asking {
  pending: PendingCheck;
  reply: CheckPromptReply;
}

/** The answer could not be read for the awaited question, which is asked again. */
interface Rejected extends Asking {
  rejected: true;
}

/** The check is over: nothing to store, and the same result `/credit-check` gives. */
export interface Finished {
  pending: null;
  reply: CreditCheckReply;
}

export interface Cancelled {
  pending: null;
  reply: NoticeReply;
}

interface Question {
  text: string;
  /** What the question asks, in plain words, for someone who asks what it means. */
  means: string;
  /** Words that name it in a question about it ("what does payments mean?"). */
  named: RegExp;
  /** Button labels by option value; enumeration and yes/no keys only. */
  labels?: Record<string, string>;
}

const yesNo = { yes: "Yes", no: "No" };

const questions: Record<InputKey, Question> = {
  advertiser: {
    text: "Does the client buy from TikTok **directly**, or **through an agency**?",
    means:
      "whether the client pays TikTok itself (directly) or its agency buys the ads for it (through an agency)",
    named: /\b(advertiser|direct(ly)?|through an agency)\b/,
    labels: { direct: "Directly", agency: "Through an agency" },
  },
  partner: {
    text: "Does the agency have a formal TikTok partner agreement?",
    means:
      "whether the agency has signed a formal partner or agency agreement with TikTok, beyond having a Business Center",
    named: /\b(partner|agreement)\b/,
    labels: yesNo,
  },
  months: {
    text: "How many months has the ad account been active? A number of months (e.g. 8) or a span (e.g. 6 weeks, 1.5 years).",
    means: "how long the client's TikTok ad account has been open, in whole months",
    named: /\b(months?|active)\b/,
  },
  spend: {
    text: "What is the account's average monthly ad spend in US dollars? For example 25000, 25k or $25,000.",
    means:
      "what the account spends on TikTok ads in a typical month, in US dollars (convert another currency first)",
    named: /\b(spend|spending|ad spend)\b/,
  },
  growth: {
    text: "Does the client have strong growth potential?",
    means:
      "whether you expect the client's TikTok spend to grow strongly: your own judgement of the client",
    named: /\b(growth|potential)\b/,
    labels: yesNo,
  },
  prior_ads: {
    text: "Has the account run ads before?",
    means: "whether this ad account has ever run TikTok ads before",
    named: /\b(prior|run ads|ads before|advertised before)\b/,
    labels: yesNo,
  },
  payments: {
    text: "How has the client paid TikTok so far?",
    means:
      "how the client has paid TikTok's bills so far: on time, sometimes late, or no billing history yet",
    named: /\b(payments?|paid|pay)\b/,
    labels: { good: "On time", late: "Sometimes late", none: "No history yet" },
  },
  standing: {
    text: "Is the ad account in good standing, or restricted?",
    means:
      "whether TikTok has restricted the ad account (for a policy problem, say); if not, it is in good standing",
    named: /\b(standing|restricted)\b/,
    labels: { good: "Good standing", restricted: "Restricted" },
  },
  continuous: {
    text: "Has the account advertised continuously, without long pauses?",
    means: "whether the account has kept advertising without long pauses",
    named: /\b(continuous(ly)?|pauses?)\b/,
    labels: yesNo,
  },
};

/**
 * The order questions come in: who buys, then history and money, then the credit-line details.
 * Each key that decides the growth, prior-ads or partner question comes before it.
 */
const order: readonly InputKey[] = [
  "advertiser",
  "partner",
  "months",
  "spend",
  "growth",
  "prior_ads",
  "payments",
  "standing",
  "continuous",
];

/**
 * Keys the rules assume or work out a value for, or that only refine a verdict; the others are
 * needed. prior_ads is worked out from the months and spend when left out, but whether the
 * account has really run ads decides the new advertiser verdict, so it is asked all the same.
 */
const refining: ReadonlySet<InputKey> = new Set(["prior_ads", "standing", "continuous", "growth"]);

const cancelWords = new Set(["cancel", "stop", "quit", "exit", "never mind", "nevermind", "nvm"]);
const backWords = new Set([
  "back",
  "go back",
  "previous",
  "previous question",
  "undo",
  "oops back",
]);
const skipWords = new Set([
  "skip",
  "pass",
  "dont know",
  "not sure",
  "not really sure",
  "unknown",
  "n a",
  "no idea",
  "idk",
  "dunno",
  "no clue",
]);

/** Words around "not sure" that say nothing more: "not sure tbh", "honestly no idea yet". */
const hedges =
  /^(?:(?:honestly|sorry|um+|hmm+|uh+|tbh|well|i m|im|i am|we re|were|we are|still|i|we)\s+)+|(?:\s+(?:tbh|honestly|tho|though|really|atm|rn|right now|yet|sorry|lol|at the moment|to be honest))+$/g;
const withoutHedges = (words: string) => words.replace(hedges, "");

/** Yes and no as people type them in chat, for the yes/no questions. */
const chattyYesNo: Record<string, "yes" | "no"> = {
  yep: "yes",
  yeah: "yes",
  yup: "yes",
  yea: "yes",
  ya: "yes",
  sure: "yes",
  correct: "yes",
  "they do": "yes",
  "we do": "yes",
  "it does": "yes",
  "it has": "yes",
  nope: "no",
  nah: "no",
  "not really": "no",
  "they dont": "no",
  "we dont": "no",
  "it doesnt": "no",
  "it hasnt": "no",
};
const roughlyWord = "(?:about|around|roughly|approx(?:imately)?|almost|nearly|~)";
const roughly = String.raw`${roughlyWord}?\s*`;
/** "about 6 weeks": the span, which the rules' parser reads as whole months. */
const hedged = new RegExp(String.raw`^${roughlyWord}\s*`, "i");
/** "about 8 months", "8 mo": the number of months. */
const monthsSaid = new RegExp(String.raw`^${roughly}(\d+)\s*(?:months?|mos?|mths?)?$`, "i");
/** "40k/mo", "about $40k a month", "40k USD": the amount, as the rules' parser reads it. */
const spendSaid = new RegExp(
  String.raw`^${roughly}(\S+?)\s*(?:usd|us dollars|dollars)?\s*(?:\/\s*mo(?:nth)?|per month|a month|monthly)?$`,
  "i",
);

/**
 * An answer as typed in a chat, in the form the rules' parser reads: "yep" for a yes/no
 * question, "about 8 months" for the months, "40k/mo" for the spend. Anything else as typed.
 */
function chatAnswer(key: InputKey, text: string): string {
  const typed = text.trim();
  if (questions[key].labels === yesNo) return chattyYesNo[normalize(typed)] ?? typed;
  const said =
    key === "months" ? monthsSaid.exec(typed) : key === "spend" ? spendSaid.exec(typed) : null;
  return said?.[1] ?? (key === "months" ? typed.replace(hedged, "") : typed);
}

const verdictsOf = (result: CheckResult) =>
  result.programs.map((program) => program.verdict).join();

/** The valid answers among `fields` ("" for a skipped key) as the rules' input. */
function inputOf(fields: Fields): CheckInput {
  const parsed = parseCheckFields(fields);
  return parsed.ok ? parsed.input : {};
}

/** Whether some answer to `key` gives a different verdict for some program than another does. */
function changesAVerdict(key: InputKey, input: CheckInput, rules: Rules): boolean {
  const field = inputFields[key];
  if (!("options" in field)) return true;
  const outcomes = new Set(
    field.options.map((option) =>
      verdictsOf(evaluate({ ...input, ...inputOf({ [key]: option }) }, rules)),
    ),
  );
  return outcomes.size > 1;
}

/**
 * The next question worth asking. A needed key is asked while the rules list it as missing, so
 * partner comes up only for agencies; a refining key only while an answer could change a verdict
 * (growth below the managed-spend threshold, prior_ads, standing and continuous while the credit
 * line could still be likely). A skipped key is never asked again.
 */
function nextKey(fields: Fields, rules: Rules): InputKey | undefined {
  const input = inputOf(fields);
  const { missing } = evaluate(input, rules);
  return order.find(
    (key) =>
      fields[key] === undefined &&
      (refining.has(key) ? changesAVerdict(key, input, rules) : missing.includes(key)),
  );
}

function prompt(checkId: string, key: InputKey, lead?: string): CheckPromptReply {
  const { text, labels = {} } = questions[key];
  const field = inputFields[key];
  const options =
    "options" in field
      ? field.options.map((value) => ({ value, label: labels[value] ?? value }))
      : [];
  const shown = lead ? `${lead}\n\n${text}` : text;
  return { kind: "check_prompt", checkId, key, text: shown, options };
}

/**
 * The line under a reply given while a guided check waits: which question it waits on, so the
 * person can answer it without scrolling back.
 */
export function waitingNote(pending: PendingCheck): string {
  return `Your credit check is still open, waiting on: ${questions[pending.awaiting].text} Answer it to go on, or say **cancel** to stop it.`;
}

/** Asks the next question, or ends the check with its result when nothing is left to ask. */
function step(
  fields: Fields,
  startedAt: string,
  now: Date,
  rules: Rules,
  lead?: string,
): Asking | Finished {
  const key = nextKey(fields, rules);
  if (key === undefined) {
    return { pending: null, reply: { kind: "credit_check", result: checkFields(fields, rules) } };
  }
  return {
    pending: { fields, awaiting: key, startedAt, updatedAt: now.toISOString() },
    reply: prompt(startedAt, key, lead),
  };
}

/**
 * Starts a guided check with what the person already gave (e.g. a partial `/credit-check`);
 * a value the rules cannot read is dropped, to be asked for like any other.
 */
export function startGuidedCheck(initial: Fields, now: Date, rules: Rules): Asking | Finished {
  const fields: Fields = {};
  for (const key of order) {
    const value = initial[key]?.trim();
    if (value && parseCheckFields({ [key]: value }).ok) fields[key] = value;
  }
  const given = describeInput(inputOf(fields));
  const lead = [
    "Let's check the client's eligibility, one question at a time.",
    given ? `From what you gave me: \`${given}\`.` : "",
    "Say **skip** to leave a question out, **back** to change the answer before, or **cancel** to stop.",
  ]
    .filter(Boolean)
    .join(" ");
  return step(fields, now.toISOString(), now, rules, lead);
}

/**
 * The option a typed answer stands for: a button's label ("Through an agency"), or for a
 * question with named options, an option typed with a slip ("agnecy", "restricetd"). Yes and no
 * are left exact: "now" or "not" are not a slip of "no".
 */
function optionTyped(key: InputKey, answer: string): string | undefined {
  const labels = Object.entries(questions[key].labels ?? {});
  const typed = normalize(answer);
  const byLabel = labels.find(([, label]) => normalize(label) === typed)?.[0];
  if (byLabel !== undefined || questions[key].labels === yesNo) return byLabel;
  return closestWord(
    typed,
    labels.map(([option]) => option),
  );
}

/** What is wrong with an answer, worded by the rules' own parser; undefined when it is usable. */
function problemWith(key: InputKey, answer: string): string | undefined {
  if (answer === "") return "I didn't catch an answer.";
  const parsed = parseCheckFields({ [key]: answer });
  if (parsed.ok) return undefined;
  // The question already names the key, so the message's "months: " and "e.g. months=8" lose it.
  return parsed.errors
    .map((error) => error.message.replace(`${key}: `, "").replaceAll(`${key}=`, ""))
    .join(" ");
}

/**
 * "back": the question answered (or skipped, or given up front) just before the awaited one, in
 * the order questions come in, asked again with its answer taken out.
 */
function backOne(pending: PendingCheck, now: Date): Asking | Rejected {
  const { awaiting, startedAt, fields } = pending;
  const previous = order
    .slice(0, order.indexOf(awaiting))
    .filter((key) => fields[key] !== undefined)
    .at(-1);
  if (previous === undefined) {
    return {
      pending: { ...pending, updatedAt: now.toISOString() },
      reply: prompt(
        startedAt,
        awaiting,
        "This is the first question: there is no answer before it.",
      ),
      rejected: true,
    };
  }
  const kept = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== previous));
  return {
    pending: { fields: kept, awaiting: previous, startedAt, updatedAt: now.toISOString() },
    reply: prompt(startedAt, previous, "Okay, back one question."),
  };
}

/** A monthly spend under this, typed bare, is said back in dollars for the person to check. */
const leastLikelySpend = 100;

/** Words that open a correction: "wait", "sorry", "actually"… */
const correctionWords = String.raw`(?:(?:wait|oops|sorry|no|nope|hmm|ah|ugh|actually|correction)[,.!:]*\s+)`;

/** "wait, I meant agency", "make that 14 months": a new answer to a question already answered. */
const correcting = new RegExp(
  String.raw`^${correctionWords}*(?:i meant|meant|make that|make it|should have said|change (?:it|that) to|correction[:,]?)\s+(.+)$`,
  "i",
);

/**
 * An answer to `key` as typed, in the form the rules' parser reads: an option or chat shorthand
 * ("yep", "40k/mo"), or what a sentence says when the shorthand cannot read it.
 */
function readAnswer(key: InputKey, text: string, now: Date): string {
  const typed = optionTyped(key, text) ?? chatAnswer(key, text);
  if (problemWith(key, typed) === undefined) return typed;
  const inWords = answerInWords(key, text, now);
  return inWords === undefined ? typed : chatAnswer(key, inWords);
}

/**
 * A correction of an earlier answer: the latest question answered before the awaited one whose
 * answer the words give, changed, and the check goes on from there. Undefined when the message
 * is no correction, answers the awaited question ("i meant no" to a yes/no question), or
 * corrects nothing (then it is read as any other message).
 */
function correction(
  pending: PendingCheck,
  text: string,
  now: Date,
  rules: Rules,
): Asking | Finished | undefined {
  const said = correcting.exec(text.trim())?.[1];
  if (said === undefined) return undefined;
  if (problemWith(pending.awaiting, readAnswer(pending.awaiting, said, now)) === undefined) {
    return undefined;
  }
  const answered = order.filter((key) => key !== pending.awaiting && pending.fields[key]);
  for (const key of answered.reverse()) {
    const value = readAnswer(key, said, now);
    const before = inputOf({ [key]: pending.fields[key] })[key];
    if (problemWith(key, value) !== undefined || inputOf({ [key]: value })[key] === before)
      continue;
    const lead = `Okay, I've changed the answer about ${inputFields[key].meaning} to **${shownAs(key, value)}**.`;
    return step({ ...pending.fields, [key]: value }, pending.startedAt, now, rules, lead);
  }
  return undefined;
}

const correctionOpener = new RegExp(`^${correctionWords}+`, "i");

/**
 * "wait sorry its 10 months but spend is like 15k/mo", typed at any question: two details or
 * more at once, earlier answers changed and later ones given ahead, and the check goes on from
 * there. Undefined for a message that gives fewer (an answer, or one correction, read as such).
 */
function severalDetails(
  pending: PendingCheck,
  text: string,
  now: Date,
  rules: Rules,
): Asking | Finished | undefined {
  // Said as a correction, or as a list whose every part names its own detail, the one asked
  // among them ("good payments, no partner" at the partner question). "we have been a tiktok
  // partner for 2 years" at the advertiser question answers it: "for 2 years" is no answer to
  // another. A bare "no" before a detail ("no partner, no growth") says the detail, not a
  // correction.
  const opener = correctionOpener.exec(text.trim());
  const opened = opener && !/^(?:no|nope)\s+$/i.test(opener[0]) ? opener : null;
  const said = (opened ? text.trim().slice(opened[0].length) : text).replace(/\bbut\b/gi, ",");
  const details = detailsInParts(said, now);
  if (details.length < 2) return undefined;
  if (!opened && !listsDetails(said, details, pending, now)) return undefined;
  return noted(pending, details, now, rules);
}

/**
 * The details taken, said ("Okay, noted: …"), and the check going on from there; when they were
 * the last it needed, its result says which were taken.
 */
function noted(
  pending: PendingCheck,
  details: readonly { key: InputKey; value: string }[],
  now: Date,
  rules: Rules,
): Asking | Finished {
  const fields = { ...pending.fields };
  for (const { key, value } of details) fields[key] = value;
  const said = `Okay, noted: ${details.map(({ key, value }) => detailShown(key, value)).join(", ")}.`;
  const next = step(fields, pending.startedAt, now, rules, said);
  return next.pending === null ? { pending: null, reply: { ...next.reply, lead: said } } : next;
}

/**
 * "what if they spent 50k" typed at another question: no result has been given to change yet,
 * so the detail is taken as given, and the check goes on from there.
 */
function supposedAhead(
  pending: PendingCheck,
  text: string,
  now: Date,
  rules: Rules,
): Asking | Finished | undefined {
  // "i meant agency" corrects an answer given (see correction), or is no answer at all.
  if (supposing.exec(text.trim())?.[1] !== undefined) return undefined;
  // Only details not given yet: changing one given takes a correction ("wait, I meant agency").
  const details = supposedDetails(pending.fields, text, now)?.filter(
    ({ key }) => key !== pending.awaiting && !pending.fields[key],
  );
  if (!details || details.length === 0) return undefined;
  return noted(pending, details, now, rules);
}

/**
 * Whether a message is a list of details, one a part: no part says anything else or names two,
 * the one asked is among them, and none was answered before (changing an answer takes a
 * correction: "late payments, 3 months" at the payments question leaves the account's age be).
 */
function listsDetails(
  text: string,
  details: readonly { key: InputKey }[],
  pending: PendingCheck,
  now: Date,
): boolean {
  const parts = splitParts(text).filter((part) => part.trim() !== "");
  const each = parts.map((part) => detailsIn(part, now));
  // A part said twice is one detail; the same detail said two ways is no list.
  const said = new Set(each.flatMap((one) => one.map(({ key, value }) => `${key}=${value}`)));
  return (
    each.every((one) => one.length === 1) &&
    said.size === details.length &&
    details.some(({ key }) => key === pending.awaiting) &&
    details.every(({ key }) => key === pending.awaiting || !pending.fields[key])
  );
}

/**
 * A detail said after a check's result that the check was not given ("they always paid on
 * time" when payments was never asked): the one key a sentence gives a value for, naming its
 * topic, or undefined.
 */
export function addedDetail(
  fields: Fields,
  text: string,
  now: Date,
): { key: InputKey; value: string } | undefined {
  if (aboutOneself.test(normalize(text))) return undefined;
  const read = detailsIn(text, now).filter(({ key }) => !fields[key]);
  return read.length === 1 ? read[0] : undefined;
}

/**
 * "sorry for the late reply", "i've been doing this job for 6 months": the person speaking of
 * themselves, not of the client (normalized text).
 */
const aboutOneself =
  /^(sorry|apologies|my bad|thanks|thank you|ty)\b|^(i|i ve|ive|i have|i m|im|i am|i was|i ll|i d)( just)? (been|working|doing|joined|started|back|here|new|late|off|away)\b|^my (job|role|team|boss|day|week|time)\b/;

/**
 * "what if …", "and if …", "and for …", "same but …", "assume …", "what would change if …": a
 * check result asked again otherwise.
 */
const supposing =
  /^(?:(?:ok|okay|so|and|but|hmm|right|cool|oh|ah|wait|oops|forget that|scratch that|never mind that)[,.!]*\s+)*(?:(actually|sorry|correction|i meant|make (?:that|it))|what if|what about if|how about if|and if|but if|if|suppose|supposing|say|let'?s say|assume|assuming|what (?:would|will) change if|what changes if|and for|what about for|how about for|and with|what about with|how about with|(?:and|what about|how about) (?=through |via |as )|same (?:thing )?(?:but|for|with)|(?:can|could|should) (?:they|the client|we|it) (?:switch|move|change|go)(?: over)?(?: to)?)\b[,:]?\s*(.+?)[?.!\s]*$/i;
/**
 * "would they get the new advertiser credit if the account was brand new?": what it supposes
 * (not "do they get any of it back if …", a question about the credit itself).
 */
const askedIf =
  /^(?:would|could|can|will|do|does)\s+(?:they|it|the client|the account|we|our client)\s+(?:still\s+)?(?:get|qualify|be eligible|be able to get)\b(?!.*\bback\b).*?\bif\s+()(.+?)[?.!\s]*$/i;
/** "sorry for the late reply", "actually my other client …": no correction of this check. */
const notACorrection =
  /^(for|to|about)\b|\b(other|another|different|second) (client|account|acct|brand)\b/i;

/** "… not 25k", "… instead of agency": the value a correction replaces, before a comma or "and". */
const wasBefore =
  /\s+(?:not|instead of|rather than)\s+(?:[$£€]?\d[\d,.]*\s*[km]?(?:\s*(?:months?|years?|weeks?))?|(?:an? )?(?:direct|agency))(?=\s*(?:,|\band\b|$))/gi;
/** "2 not 3 months": the number said, the unit after both. */
const numberBefore =
  /\b(\d[\d,.]*\s*[km]?)\s+(?:not|instead of|rather than)\s+[$£€]?\d[\d,.]*\s*[km]?\b/gi;

/** "if we get a jbp, do we lose the new advertiser credit?": a question, not a "what if". */
const asksAfter =
  /\b(do|does|did|can|could|will|would|should|is|are|what|how|when|where|who|which)\s+(we|they|i|you|it|the|our|their|that|this|there)\b|\b(do|does|did|can|could|will|would|should)\s+(an?|my|your)\b/;

/**
 * The details a sentence gives, each key it names and gives a value for ("spends ~80k/mo
 * direct": spend and advertiser). "paused for 2 months" is how long the pause was, not the
 * account's age.
 */
function detailsIn(text: string, now: Date): { key: InputKey; value: string }[] {
  const read = order.flatMap((key) => {
    if (!namesTopic(key, text)) return [];
    const inWords = answerInWords(key, text, now);
    const value = inWords === undefined ? undefined : chatAnswer(key, inWords);
    return value === undefined || problemWith(key, value) !== undefined ? [] : [{ key, value }];
  });
  const pause = read.some(({ key }) => key === "continuous");
  return read.filter(({ key }) => !(pause && key === "months"));
}

/**
 * The details the parts of a message that ask nothing give, as check fields; none when the
 * person speaks of themselves ("i've been in this job 6 months").
 */
export const detailsSaid = (text: string, now: Date): Fields =>
  aboutOneself.test(normalize(text)) ? {} : fieldsOf(detailsInParts(text, now));

/**
 * "our client spends ~80k/mo direct w tiktok, can they get a jbp": the `/credit-check` line
 * for what the message says of the client, from its parts that ask nothing; "" when it says
 * nothing the check reads.
 */
export function checkLineFor(text: string, now: Date): string {
  return lineOf(detailsInParts(text, now));
}

/**
 * "credit check for our client - they buy thru us, acct is 3 months old, spending about 4k a
 * month": the details a request for a check gives after it, to start the guided check with;
 * undefined for a message that is no such request, gives none, or asks something.
 */
export function checkAskedWith(text: string, now: Date): Fields | undefined {
  const rest = checkAsked.exec(normalizeSpaces(text))?.[1];
  // "credit check - do direct advertisers need 6 months of history": a question about checks.
  if (rest === undefined || asksSomething(rest) || /\?|\bwhy\b/.test(rest)) return undefined;
  const details = wordedDetails(rest, now);
  return details.length === 0 ? undefined : fieldsOf(details);
}

/**
 * "credit check for our client - …", "can you run a credit check on our client? they …" and
 * what comes after.
 */
const checkAsked =
  /^(?:(?:ok|okay|hey|hi|so|pls|please)[,!]?\s+)*(?:(?:can|could) (?:you|u) (?:please |pls )?)?(?:run |do |start )?(?:a |an )?(?:credit[ -]?check|eligibility check)\b(?:\s+(?:for|on)\s+(?:a |an |our |my |this |the )?(?:client|account|acct|brand|advertiser))?[\s,:;.!?-]+(.+)$/i;
const normalizeSpaces = (text: string) => text.trim().replace(/\s+/g, " ");

const fieldsOf = (details: readonly { key: InputKey; value: string }[]): Fields =>
  Object.fromEntries(details.map(({ key, value }) => [key, value]));
const lineOf = (details: readonly { key: InputKey; value: string }[]) =>
  lineOfFields(fieldsOf(details));

/** Details as the `key=value` line `/credit-check` takes. */
export const lineOfFields = (fields: Fields) => describeInput(inputOf(fields));

/**
 * "/credit-check agency 8 months 40k/mo good payments": the `key=value` line for details typed
 * as words, each number starting a detail of its own; "" when it names none.
 */
export function checkLineOfWords(text: string, now: Date): string {
  return lineOf(wordedDetails(text, now));
}

/** The details typed as words, each number starting one of its own (see checkLineOfWords). */
function wordedDetails(text: string, now: Date): { key: InputKey; value: string }[] {
  // "partner no growth yes": each yes/no key named with its answer, read first and set aside (in
  // one part with the rest, "no" and "yes" would each be taken for every key named).
  const paired: { key: InputKey; value: string }[] = [];
  const rest = text.replace(pairedYesNo, (_, name: string, said: string) => {
    const key = yesNoKeys.find((one) => questions[one].named.test(normalize(name)));
    const typed = normalize(said);
    const value = typed.startsWith("y") ? "yes" : "no";
    if (key) paired.push({ key, value });
    return ", ";
  });
  const worded = detailsInParts(numbersApart(rest), now).filter(
    ({ key }) => !paired.some((pair) => pair.key === key),
  );
  return [...paired, ...worded];
}

/**
 * The text with each number starting a part of its own, the way a one-line check lists
 * details: "25 000" is one number, "months 8" and "spend 40k" name the number after them, and a
 * number after a month or "in", "since", "for", "about" belongs with what comes before.
 */
function numbersApart(text: string): string {
  const grouped = text
    .replace(/(\d)[ \u00a0](?=\d{3}\b)/g, "$1")
    .replace(/\b(?:months?|age)\s*[:=]?\s*(\d+)\b/gi, ", $1 months,")
    // "spend 30k a month": the month is the spend's, not the account's age.
    .replace(
      /\b(?:spend|spending|budget)\s*[:=]?\s*([$£€]?\d[\d,.]*\s*[km]?(?:\s*(?:(?:a|per|\/)\s*(?:month|mo|mth)\b|monthly\b))?)/gi,
      ", spend $1,",
    )
    // "partner n/a": not given.
    .replace(notApplicable, ",");
  return grouped.replace(/(\S+)\s+(?=[$£€]?\d)/g, (whole, before: string) =>
    joinsNumber.test(before) ? whole : `${before}, `,
  );
}
const joinsNumber =
  /^(in|since|from|for|of|about|around|approx|roughly|like|~|spend|spending|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)$/i;

/** The yes/no keys, as "partner no" or "growth yes" name them in a one-line check. */
const yesNoKeys = order.filter((key) => questions[key].labels === yesNo);
const yesNoNamed = "partner(?: agreement)?|growth(?: potential)?|prior ads|ads before|continuous";
const pairedYesNo = new RegExp(
  String.raw`\b(${yesNoNamed})\s*[:=]?\s*(yes|no|y|n|yep|nope)(?![/\w])`,
  "gi",
);
const notApplicable = new RegExp(
  String.raw`\b(?:${yesNoNamed}|standing|payments?)\s*[:=]?\s*n\/a\b`,
  "gi",
);

/** A message's parts: "running ads for 2 years and spent 3k" says months, then spend. */
const splitParts = (text: string) =>
  text.split(/,(?!\d{3})|[;?!]+|\s[-–—]\s|\.\s|\band\b(?! an? half\b)/);

/**
 * The details each part of a message gives that asks nothing ("running ads for 2 years and
 * spent 3k": months, then spend), the first value said for a key winning.
 */
function detailsInParts(text: string, now: Date): { key: InputKey; value: string }[] {
  const found = new Map<InputKey, string>();
  for (const part of splitParts(text)) {
    if (part.trim() === "" || asksSomething(part)) continue;
    for (const { key, value } of detailsIn(part, now)) if (!found.has(key)) found.set(key, value);
  }
  return [...found].map(([key, value]) => ({ key, value }));
}

/** A detail a "what if" gives: its key, the value as typed, and whether the check had it already. */
export interface Supposed {
  key: InputKey;
  value: string;
  unchanged: boolean;
}

/**
 * "what if they were an agency?", "and for agencies?", "what if they spent 50k a month?" right
 * after a check's result: each detail the sentence names and gives a value for, or undefined
 * when it is no "what if" or gives none. "paused for 2 months" is how long the pause was, not
 * the account's age.
 */
export function supposedDetails(fields: Fields, text: string, now: Date): Supposed[] | undefined {
  // askedIf's empty first group: a question that supposes corrects nothing.
  const [, correcting, said] = supposing.exec(text.trim()) ?? askedIf.exec(text.trim()) ?? [];
  if (said === undefined || asksAfter.test(normalize(said))) return undefined;
  // A correction corrects: it asks nothing, nor is about something else.
  if (correcting && (asksSomething(said) || notACorrection.test(said))) return undefined;
  // "40k not 25k", "2 not 3 months": what it was is no new detail.
  const supposed = said.replace(numberBefore, "$1").replace(wasBefore, "");
  const details = detailsInParts(supposed, now).map(({ key, value }) => {
    const before = fields[key] ? inputOf({ [key]: fields[key] })[key] : undefined;
    return { key, value, unchanged: inputOf({ [key]: value })[key] === before };
  });
  return details.length > 0 ? details : undefined;
}

/** What a detail whose value alone does not say it is called: "ads run before: **No**". */
const detailNames: Partial<Record<InputKey, string>> = {
  payments: "payment history",
  partner: "a partner agreement",
  growth: "strong growth potential",
  prior_ads: "ads run before",
  continuous: "continuous activity",
};

/** A detail as a "what if" reply names it: "**Through an agency**", "ads run before: **No**". */
function detailShown(key: InputKey, value: string): string {
  const shown = `**${shownAs(key, value)}**`;
  const name = detailNames[key];
  return name === undefined ? shown : `${name}: ${shown}`;
}

/**
 * The lead of a check run again with `changes`: what changed, from what, and which verdicts
 * moved ("Agency credit: NOT ELIGIBLE → NEEDS INFO"), so the person need not compare two tables.
 */
export function changedLead(
  fields: Fields,
  changes: readonly Supposed[],
  before: CheckResult,
  after: CheckResult,
  rules: Rules,
): string {
  const said = changes.map(({ key, value }) => {
    const was = fields[key];
    return `${detailShown(key, value)}${was ? ` (was ${shownAs(key, was)})` : ""}`;
  });
  const moved = after.programs.flatMap((program) => {
    const earlier = before.programs.find(({ id }) => id === program.id)?.verdict;
    if (earlier === undefined || earlier === program.verdict) return [];
    const { verdict_labels: labels } = rules;
    return [`${program.name}: ${labels[earlier]} → **${labels[program.verdict]}**`];
  });
  return [
    `Again with ${said.join("; ")}, everything else as before.`,
    moved.length > 0 ? `What changed: ${moved.join("; ")}.` : "No verdict changed.",
  ].join(" ");
}

/** The reply to a "what if" that changes nothing: the check above already says so. */
export function unchangedNote(details: readonly Supposed[]): NoticeReply {
  const said = details.map(({ key, value }) => detailShown(key, value));
  return {
    kind: "notice",
    event: "check_explained",
    text: `The check above already has ${said.join("; ")}, so its verdicts stand.`,
  };
}

/** Takes the person's answer to the awaited question and moves the check on. */
export function continueGuidedCheck(
  pending: PendingCheck,
  text: string,
  now: Date,
  rules: Rules,
): Asking | Rejected | Finished | Cancelled {
  const { awaiting: key, startedAt } = pending;
  const words = normalize(text);
  if (cancelWords.has(words)) {
    return {
      pending: null,
      reply: {
        kind: "notice",
        event: "check_cancelled",
        text: "Okay, I've stopped the credit check. Say **credit check** whenever you want to start again.",
      },
    };
  }
  if (backWords.has(words)) return backOne(pending, now);
  const corrected = correction(pending, text, now, rules);
  if (corrected) return corrected;
  const several = severalDetails(pending, text, now, rules);
  if (several) return several;
  const ahead = supposedAhead(pending, text, now, rules);
  if (ahead) return ahead;
  if (skipWords.has(withoutHedges(words))) {
    const left = "Okay, I've left that one out.";
    return step({ ...pending.fields, [key]: "" }, startedAt, now, rules, left);
  }

  const answer = readAnswer(key, text, now);
  const problem = problemWith(key, answer);
  if (problem !== undefined) {
    return {
      pending: { ...pending, updatedAt: now.toISOString() },
      reply: prompt(startedAt, key, `${problem} You can also say **skip** or **cancel**.`),
      rejected: true,
    };
  }
  // Anything but the value or its button's label was read: say how, so a misreading can be
  // taken back ("roughly 30k a month" is $30,000 a month).
  const asTyped = normalize(text);
  const read = inputOf({ [key]: answer })[key];
  // "3" at the spend question was most likely meant for another one.
  const implausible =
    key === "spend" && typeof read === "number" && read > 0 && read < leastLikelySpend;
  const plain =
    !implausible &&
    (asTyped === normalize(answer) ||
      Object.values(questions[key].labels ?? {}).some((label) => normalize(label) === asTyped));
  const heard = plain
    ? undefined
    : `Taking that as **${shownAs(key, answer)}** (say **back** to change it).`;
  const next = step({ ...pending.fields, [key]: answer }, startedAt, now, rules, heard);
  if (next.pending !== null || heard === undefined) return next;
  // The last answer read from words: the result says how, and how to change it now.
  const other = questions[key].labels === yesNo ? (answer === "yes" ? "no" : "yes") : undefined;
  const change = other ? `**what if ${key}=${other}**` : "**what if** with the right answer";
  const lead = `Taking the answer about ${inputFields[key].meaning} as **${shownAs(key, answer)}** (if it's not, say ${change}).`;
  return { pending: null, reply: { ...next.reply, lead } };
}

/** A value as the person would say it: a button's label, months, or dollars a month. */
function shownAs(key: InputKey, value: string): string {
  const label = questions[key].labels?.[value];
  if (label !== undefined) return label;
  const read = inputOf({ [key]: value })[key];
  if (typeof read !== "number") return value;
  if (key === "spend") return `$${read.toLocaleString("en-US")} a month`;
  return read === 1 ? "1 month" : `${read} months`;
}

const asksMeaning =
  /\b(what|wat|wht)\b.*\b(mean|means|meant|meaning)\b|\b(meaning|explain|define|definition)\b|^(what|wat|wht)( i|')?s (that|this|it)\b|\b(difference|diff) (between|btwn)\b|\bhow (do|can|would|should) (i|we|you|they) (find|know|check|tell|see|work out)\b|\bwhat (counts|qualifies) as\b|\bwhat( i|)s considered\b/;

/** What "what do you mean by that?" says besides asking: nothing a question could be about. */
const meaningWords = new Set(
  "what wat wht whats does do did you u that this it its the question mean means meant meaning explain define definition by is s i im not sure sorry pls please exactly here".split(
    " ",
  ),
);

/**
 * "what does payments mean?" while the check waits: what the question it names asks (the one it
 * waits on, for "what does that mean?"), then the waiting question again. Undefined for anything
 * else, "what does the credit line mean?" included: that one is for the knowledge base.
 */
export function explainQuestion(pending: PendingCheck, text: string): CheckPromptReply | undefined {
  const words = normalize(text);
  if (!asksMeaning.test(words)) return undefined;
  const named = inputKeys.filter((key) => questions[key].named.test(words));
  const aboutNothingElse = words.split(" ").every((word) => meaningWords.has(word));
  const key = named.length === 1 ? named[0] : aboutNothingElse ? pending.awaiting : undefined;
  if (key === undefined) return undefined;
  const lead = `That question asks ${questions[key].means}.`;
  return key === pending.awaiting
    ? prompt(pending.startedAt, key, lead)
    : resumeGuidedCheck(pending, `The **${key}** question asks ${questions[key].means}.`);
}

/** The question the check is waiting on, asked again for someone who seems to have lost track. */
export function resumeGuidedCheck(
  pending: PendingCheck,
  lead = "We're in the middle of a credit check.",
): CheckPromptReply {
  return prompt(
    pending.startedAt,
    pending.awaiting,
    `${lead} Answer this question, say **skip** to leave it out, or **cancel** to stop.`,
  );
}

/** An abandoned check: no answer for longer than `maxAgeMs`. */
export function isExpired(pending: PendingCheck, now: Date, maxAgeMs: number): boolean {
  return now.getTime() - Date.parse(pending.updatedAt) > maxAgeMs;
}
