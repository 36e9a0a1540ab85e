import { normalize } from "../knowledge/text.js";
import {
  type CheckResult,
  type ProgramResult,
  programIds,
  type Rules,
  verdicts,
} from "../rules/index.js";
import { asksOnlyProvenance, whoseWord } from "./provenance.js";
import { asksSummary, asksWhy, doubts } from "./question-shapes.js";
import type { CreditCheckReply, NoticeReply } from "./reply.js";

/**
 * What people ask right after a credit check's result: why ("why?", "why not the credit line?"),
 * one program again ("what about the JBP?"), whether to trust it ("are you sure?"), or what would
 * change it ("what would make it likely?"). Anything else goes to the knowledge base as usual:
 * "how do we apply for monthly invoicing?" asks about the program, not about the verdict.
 */

/** Verdicts that need no change: "what would make it likely?" is not about these. */
const hopedFor = new Set<ProgramResult["verdict"]>(["eligible", "likely"]);

/**
 * "why not the credit line?", "how come jbp is unlikely", "what about agency credit?"; "what if
 * they were managed?" names a program, not a detail of the client (the what-ifs read those first).
 */
const aboutOne =
  /^((ok|okay|so|and|but|hmm|wait) )*(why|why not|why no|why is|why are|why isnt|why arent|how come|what about|how about|and|and for|and the|and what about|tell me more about|more on|details on|explain|explain the|what about the|why only|what if)\b/;
/** "the credit line?", "jbp one": nothing but a program's name (group 2). */
const nameOnly = /^(the )?(.+?)( one| verdict| part| bit)?$/;
/** "and how do we apply for the credit line?": a question about the program, for the knowledge base. */
const asksHowTo =
  /\b(how (do|does|can|could|to|long|much|many)|what (is|are|does|do)|whats|what s|wats|where|when|who)\b/;
/** "what would make it likely?", "how can we qualify", "next steps?" */
const asksWhatWouldChange =
  /\b(what would (make|change|help|it take)|how (can|could|do) (we|they|i) (qualify|get (it|there|eligible))|what (do|can|should) (we|they|i) do|what needs to change|next steps?|what now|how to (qualify|improve)|how long (till|until|before|til) (they|it|we|the client|the account) (qualify|qualifies|are eligible|is eligible|can apply|get (it|there)))\b/;

/** Whether `words` (normalized) say `name` as a whole phrase. */
const says = (words: string, name: string) => ` ${words} `.includes(` ${normalize(name)} `);

/**
 * Whether a message names a program by a name of its own: several words ("agency credit") or
 * an acronym ("jbp"), not a word that also describes the client ("agency", "managed").
 */
export function namesProgramInFull(text: string, rules: Rules): boolean {
  const words = normalize(text);
  return programIds.some((id) =>
    rules.programs[id].called.some(
      (name) => (name.includes(" ") || name.length <= 3) && says(words, name),
    ),
  );
}

/** The programs a text names, by what people call them (credit-check.yml's `called`). */
export const programsNamed = (text: string, rules: Rules) => {
  const words = normalize(text);
  return programIds.filter((id) => rules.programs[id].called.some((name) => says(words, name)));
};

/** The results of the programs a message names. */
function namedIn(words: string, result: CheckResult, rules: Rules): ProgramResult[] {
  const named = programsNamed(words, rules);
  return result.programs.filter((program) => named.includes(program.id));
}

/** Words a message about the result may use besides the programs' names. */
const aboutResult = new Set(
  "why not no yes with still long till until til before how come what whats about and the a an is isnt are arent r was were if had has have got became it its one ones verdict verdicts part bit for so ok okay but hmm wait tell me more on details explain only unlikely likely eligible ineligible possible needs info do does i we they you u next now should can could steps step then there that this those these would make change help take to get qualify really sure seriously".split(
    " ",
  ),
);

/** Whether a message says nothing but the programs it names and words about their verdicts. */
function saysNothingElse(words: string, named: ProgramResult[], rules: Rules): boolean {
  let rest = ` ${words} `;
  for (const program of named) {
    for (const name of rules.programs[program.id].called) {
      rest = rest.replaceAll(` ${normalize(name)} `, " ");
    }
  }
  return rest
    .trim()
    .split(/\s+/)
    .every((word) => word === "" || aboutResult.has(word));
}

/** Each verdict by the words people use for it, "not eligible" before "eligible". */
const verdictWords: readonly [ProgramResult["verdict"], RegExp][] = [
  ["not_eligible", /\b(not eligible|ineligible|not elig)\b/],
  ["needs_info", /\b(needs? info|needs? information|needs? more info)\b/],
  ["unlikely", /\bunlikely\b/],
  ["eligible", /\beligible\b/],
  ["likely", /\blikely\b/],
  ["possible", /\bpossible\b/],
];
/** "what does possible mean", "likely vs possible", "whats the diff between the verdicts". */
const asksVerdictMeaning =
  /\b(mean|means|meant|meaning|difference|diff|vs|versus|explain|define|definition)\b|^(what|whats|wat) (is|s)? ?(a |an )?(verdict|likely|possible|unlikely|eligible|not eligible|needs info)\b/;

/**
 * "whats the difference between likely and possible": what those verdicts say (all of them for
 * "what do the verdicts mean?"), or undefined when the message asks no verdict's meaning.
 */
export function verdictMeaning(text: string, rules: Rules): NoticeReply | undefined {
  let words = normalize(text);
  if (!asksVerdictMeaning.test(words)) return undefined;
  const named: ProgramResult["verdict"][] = [];
  for (const [verdict, said] of verdictWords) {
    if (said.test(words)) named.push(verdict);
    words = words.replace(said, " ");
  }
  const all = /\b(verdicts?|ratings?|labels?)\b/.test(normalize(text));
  if (named.length === 0 && !all) return undefined;
  const shown = named.length > 0 ? verdicts.filter((verdict) => named.includes(verdict)) : verdicts;
  return explained(
    shown
      .map(
        (verdict) => `- **${rules.verdict_labels[verdict]}**: ${rules.verdict_meanings[verdict]}`,
      )
      .join("\n"),
  );
}

const label = (program: ProgramResult, rules: Rules) =>
  `**${program.name}: ${rules.verdict_labels[program.verdict]}.**`;

const explained = (text: string): NoticeReply => ({
  kind: "notice",
  event: "check_explained",
  text,
});

/** The reasons that say what the check assumed (a figure of its own, a detail not given). */
const assumedIn = (result: CheckResult) => [
  ...new Set(
    result.programs.flatMap((program) =>
      program.reasons.filter((reason) => /\bassum/i.test(reason)),
    ),
  ),
];

/** The reply to a message about the check result on screen, or undefined for any other message. */
export function checkFollowUp(
  result: CheckResult,
  text: string,
  rules: Rules,
): CreditCheckReply | NoticeReply | undefined {
  if (result.status !== "ok") return undefined;
  const meaning = verdictMeaning(text, rules);
  if (meaning) return meaning;
  const words = normalize(text);
  const named = namedIn(words, result, rules);
  const alone = nameOnly.exec(words)?.[2] ?? "";
  const bareName = named.some((program) =>
    rules.programs[program.id].called.some((name) => normalize(name) === alone),
  );
  const asksAbout =
    aboutOne.test(words) && (/^(\w+ )*?(why|how come)\b/.test(words) || !asksHowTo.test(words));
  // "and the agency credit one, what do i do next": that program's section has its next steps.
  // A message with more to say ("what about agency fees?") is a question for the knowledge base.
  const aboutVerdict = saysNothingElse(words, named, rules);
  // "so they get new advertiser credit?": whether they do is that program's verdict ("what's a
  // jbp?" asks what it is, for the knowledge base).
  const asksIfSo = /\b(get|qualify|qualifies|eligible)\b/.test(words) && !asksHowTo.test(words);
  if (
    named.length > 0 &&
    aboutVerdict &&
    (asksAbout || bareName || asksIfSo || asksWhatWouldChange.test(words))
  ) {
    // What to add settles NEEDS INFO verdicts: said only under one.
    const unsettled = named.some((program) => program.verdict === "needs_info");
    return {
      kind: "credit_check",
      result: { ...result, programs: named, missing: unsettled ? result.missing : [] },
    };
  }
  if (named.length > 0) return undefined;
  // "why?" or "can you summarise that?": each verdict with its first reason.
  if (asksWhy.test(words) || asksSummary.test(words)) {
    const lines = result.programs.map(
      (program) => `- ${label(program, rules)} ${program.reasons[0] ?? ""}`,
    );
    return explained(
      [
        "In short, from the result above:",
        ...lines,
        'Ask about one program ("why not the credit line?") for all its reasons, next steps and sources.',
      ].join("\n"),
    );
  }
  // "is that official?": whose word each verdict rests on, and what the check assumed itself.
  if (asksOnlyProvenance(text)) {
    const assumed = assumedIn(result);
    return explained(
      [
        "Whose word each verdict rests on:",
        ...result.programs.map(
          (program) => `- ${label(program, rules)} Rests on ${whoseWord(program.sources)}.`,
        ),
        ...(assumed.length > 0
          ? ["", "What this check assumed itself:", ...assumed.map((reason) => `- ${reason}`)]
          : []),
        "",
        `${rules.common.disclaimer} Each verdict's sources come with its reasons.`,
      ].join("\n"),
    );
  }
  // "are you sure? it was only twice and both were paid within a week": the doubt comes first.
  const opening = normalize(text.split(/[?!.]/)[0] ?? "");
  if (doubts.test(words) || doubts.test(opening)) {
    const unique = assumedIn(result);
    return explained(
      [
        `${rules.common.disclaimer} Each verdict cites the pages it rests on under its sources.`,
        ...(unique.length > 0
          ? ["", "What this check assumed:", ...unique.map((reason) => `- ${reason}`)]
          : []),
      ].join("\n"),
    );
  }
  if (asksWhatWouldChange.test(words) && aboutVerdict) {
    const open = result.programs.filter((program) => !hopedFor.has(program.verdict));
    if (open.length === 0) {
      return explained(
        "Every program here is already eligible or likely: see each one's next steps above.",
      );
    }
    return explained(
      open
        .map((program) =>
          [label(program, rules), ...program.next_steps.map((step) => `- ${step}`)].join("\n"),
        )
        .join("\n\n"),
    );
  }
  return undefined;
}
