import { type Answers, onScreenAfter } from "../../src/core/answers.js";
import { answeredBy, readEvalSet, readTuningFollowUps, tuningSets } from "./eval-set.js";
import {
  readSealedFollowUps,
  readSealedInScope,
  readSealedOffTopic,
  statesFact,
} from "./sealed-set.js";

/** What one question got, judged by whether the answer (or a choice offered) is right. */
export type Verdict = "right" | "choice" | "wrong" | "wrong choice" | "fallback";

/** The four figures answer quality is reported in, as shares of the questions asked. */
export interface Figures {
  questions: number;
  right: number;
  rightOrChoice: number;
  confidentlyWrong: number;
  /** Off-topic questions: the share that got the fallback (no answer, no "Did you mean"). */
  offTopicFallback: number;
  offTopicQuestions: number;
  /** Follow-ups read as meant: the share answered right, or given no answer when none fits. */
  followUps: number;
  followUpQuestions: number;
}

type Reply = ReturnType<Answers["reply"]>;

/** `right` says whether an entry's answer is a right answer to the question. */
export function verdictOf(reply: Reply, right: (entryId: string) => boolean): Verdict {
  if (reply.kind === "answer") return right(reply.entryId) ? "right" : "wrong";
  if (reply.kind === "clarify") {
    return reply.choices.some((choice) => right(choice.id)) ? "choice" : "wrong choice";
  }
  return "fallback";
}

interface InScopeCase {
  q: string;
  right: (entryId: string) => boolean;
}
interface FollowUpCase {
  /** The entry the person was last answered, or the question that got it. */
  after: { entryId: string } | { question: string };
  q: string;
  /** undefined: the right reply is no knowledge answer. */
  right?: (entryId: string) => boolean;
}

const share = (count: number, total: number) =>
  total === 0 ? 0 : Math.round((count / total) * 1000) / 1000;

export function figures(
  answers: Answers,
  sets: { inScope: InScopeCase[]; offTopic: string[]; followUps: FollowUpCase[] },
): Figures {
  const verdicts = sets.inScope.map((item) => verdictOf(answers.reply(item.q), item.right));
  const count = (...kinds: Verdict[]) => verdicts.filter((v) => kinds.includes(v)).length;
  const fellBack = sets.offTopic.filter((q) => answers.reply(q).kind === "fallback").length;
  const readAsMeant = sets.followUps.filter((item) => {
    const last =
      "entryId" in item.after
        ? item.after.entryId
        : onScreenAfter(answers.reply(item.after.question));
    // The message that got the entry: the question, or the entry's own question as a click sends.
    const before =
      "question" in item.after ? item.after.question : answers.entry(item.after.entryId)?.question;
    const reply = answers.reply(item.q, last, before);
    if (!item.right) return reply.kind !== "answer" && reply.kind !== "clarify";
    return verdictOf(reply, item.right) === "right";
  }).length;
  return {
    questions: verdicts.length,
    right: share(count("right"), verdicts.length),
    rightOrChoice: share(count("right", "choice"), verdicts.length),
    confidentlyWrong: share(count("wrong"), verdicts.length),
    offTopicFallback: share(fellBack, sets.offTopic.length),
    offTopicQuestions: sets.offTopic.length,
    followUps: share(readAsMeant, sets.followUps.length),
    followUpQuestions: sets.followUps.length,
  };
}

/**
 * The sealed set's writer of this round (its aggregate figures seen only at the end of each
 * change); the last round's writer, a development set (below); and the rounds before: their
 * aggregate figures were seen while tuning (never their misses), and since 2026-12-03 the ranker
 * is fitted on them (test/ranker/samples.ts), each case labelled by the entries whose text
 * states its fact.
 */
export const freshWriters = ["w8"] as const;
/**
 * Development sets: w7, the writer of the round before, and w9, written on 2026-12-04 from the
 * sources alone to find what kinds of question still fail (its misses read from the start).
 * About w7: a development set. Its misses were read once, and this round's
 * changes were checked on it, but the ranker is not fitted on it: with it in the fit, the
 * confident-wrong bar on the pooled sealed writers (where a pattern that misses a right answer's
 * wording counts it wrong) raised the answer threshold from 0.9 to 0.925, and right answers out
 * of fold fell from 75.1% to 70.0% (2026-12-03).
 * w11 and w12, written on 2026-12-05 (sixteenth session) from the sources alone, were scored
 * once before anything was tuned on them; a refit with them in the fit ranked no better on w7
 * and w9 (README, "Sixteenth session"), so they are development sets too. So are w13 (seventeenth
 * session), w14 (eighteenth), w15 (nineteenth), w16 (twentieth), w17 (twenty-first) and w18
 * (twenty-second), each scored once blind before its misses were read. So is w19 (twenty-third,
 * scored once with 1a64927's code; its misses read from the twenty-fourth session on). So are
 * w20 (twenty-fourth, scored once at the end of that session) and w21, 80 near-misses only
 * (off-topic-w21.yml, scored once when written): their misses read from the twenty-fifth session
 * on, with `npm run fit:answer` run again. So are w22 and w23 (80 near-misses only), written in
 * that session and scored once after its first change, then read. So are w24 and w25 (80
 * near-misses only), written in the twenty-sixth session and scored once with 54e1150's code,
 * and w26 and w27 (80 near-misses each), written in that session and scored once with 87df3ec's.
 * So are w28 (80 near-misses) and w29, written in the twenty-seventh session and scored once
 * with 17a0ce5's code.
 */
export const devWriters = [
  "w7",
  "w9",
  "w11",
  "w12",
  "w13",
  "w14",
  "w15",
  "w16",
  "w17",
  "w18",
  "w19",
  "w20",
  "w21",
  "w22",
  "w23",
  "w24",
  "w25",
  "w26",
  "w27",
  "w28",
  "w29",
] as const;
/**
 * A development set of follow-ups only: w10, 160 pairs written on 2026-12-05 from the sources
 * alone (its header says how); its misses are read, and the fit does not read it.
 */
export const devFollowUpWriters = ["w10"] as const;
export const fittedWriters = ["w1", "w2", "w3", "w4", "w5", "w6"] as const;

/**
 * The sealed set, judged by the facts its cases name: an answer is right when its text states
 * the fact, whichever entry it comes from.
 */
export function sealedFigures(answers: Answers, writers?: readonly string[]): Figures {
  return figures(answers, sealedCases(answers, writers));
}

/** The sealed cases of some writers (all when `writers` is not given), judged by their facts. */
export function sealedCases(answers: Answers, writers?: readonly string[]) {
  const states = (patterns: string[]) => (entryId: string) => {
    const entry = answers.entry(entryId);
    return (
      entry !== undefined && statesFact(patterns, { question: entry.question, answer: entry.text })
    );
  };
  return {
    inScope: readSealedInScope(writers).map((item) => ({ q: item.q, right: states(item.match) })),
    offTopic: readSealedOffTopic(writers).map((item) => item.q),
    followUps: readSealedFollowUps(writers).map((item) => ({
      after: { question: item.first },
      q: item.next,
      ...(item.match ? { right: states(item.match) } : {}),
    })),
  };
}

/** The tuning follow-ups, judged by the entries each case names. */
export function tuningFollowUps(): FollowUpCase[] {
  return readTuningFollowUps().map((item) => ({
    after: { entryId: item.after },
    q: item.q,
    ...(item.expect.length > 0 ? { right: (id: string) => item.expect.includes(id) } : {}),
  }));
}

/** The tuning sets (test/eval/*.yml), judged by the entries each case names. */
export function tuningFigures(answers: Answers): Figures {
  const read = (names: readonly string[]) => names.flatMap((name) => readEvalSet(name));
  return figures(answers, {
    inScope: read(tuningSets.inScope).map((item) => ({
      q: item.q,
      right: answeredBy(item),
    })),
    offTopic: read(tuningSets.offTopic).map((item) => item.q),
    followUps: tuningFollowUps(),
  });
}

/**
 * Of near-misses that reach an entry alone (answered, offered, or first among a fallback's
 * suggestions, not the list of what people ask most), the share that still falls back when
 * asked right after that entry's answer: how often a follow-up reading answers off-topic talk.
 */
export function fallbackAfterClosest(
  answers: Answers,
  offTopic: readonly string[],
): { tried: number; fellBack: number; answered: string[] } {
  let tried = 0;
  const answered: string[] = [];
  for (const q of offTopic) {
    const alone = answers.reply(q);
    const closest =
      alone.kind === "answer"
        ? alone.entryId
        : alone.kind === "clarify"
          ? alone.choices[0]?.id
          : alone.kind === "fallback" && !alone.text.includes("People often ask")
            ? alone.suggestions[0]?.id
            : undefined;
    if (closest === undefined) continue;
    tried += 1;
    const reply = answers.reply(q, closest);
    if (reply.kind === "answer" || reply.kind === "clarify") answered.push(q);
  }
  return { tried, fellBack: tried - answered.length, answered };
}
