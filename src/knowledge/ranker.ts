import { z } from "zod";
import { descend, sigmoid } from "./descent.js";
import { scopeSchema } from "./scope.js";
import { wordingSchema } from "./wording.js";

/** What describes one candidate entry for a question (each roughly 0..1). */
export const candidateFeatures = [
  /** Share of the question's weight the entry's phrasings and answer explain. */
  "coverage",
  /** The same, counting a follow-up's previous question at a lower weight. */
  "coverageInContext",
  /** BM25 over the analysed entry, relative to the best entry's score, and whether it is first. */
  "search",
  "searchFirst",
  /** The same for a follow-up searched together with the question it follows (0 alone). */
  "searchInContext",
  "searchInContextFirst",
  /** BM25 over the raw words (no synonyms, no stemming), relative to the best. */
  "plain",
  "plainFirst",
  /** The closest single curated phrasing: BM25 relative to the best, and term overlap. */
  "phrasing",
  "phrasingFirst",
  "phrasingOverlap",
  /** How much the question reads like the entry's canonical question. */
  "likeness",
  /**
   * Coverage again, with each term weighed by how few of the candidates explain it: what
   * tells this entry apart from its close siblings.
   */
  "distinct",
  /**
   * How likely the entry is among the candidates from the words people use to ask for it
   * (wording.ts), and whether it is the likeliest that way.
   */
  "wording",
  "wordingFirst",
  /** +1 the question asks what the entry answers (who, how long…), -1 something else, 0 unclear. */
  "aspect",
  /** Follow-ups: the entry last answered, and the entries it lists as related. */
  "previous",
  "relatedToPrevious",
  /** How much of the previous question the entry explains: a follow-up keeps to its topic. */
  "previousTopic",
] as const;

/** What describes the question itself, whichever entry answers it. */
export const questionFeatures = [
  /** No word about credits or billing at all. */
  "offDomain",
  /** Share of the question's weight in words the knowledge base never uses. */
  "unknown",
  /** 1 for a one-word question, falling towards 0 for long ones. */
  "shortness",
  "followUp",
  /** How likely its words alone say it is about what the knowledge base covers (scope.ts). */
  "scope",
] as const;

/**
 * What the confidence that the ranking is right rests on: the question, the ranker's own
 * probabilities and how well the best candidate explains the question.
 */
export const confidenceFeatures = [
  "bias",
  ...questionFeatures,
  /** The best candidate's probability, its lead over the second, and the best three's together. */
  "best",
  "lead",
  "bestThree",
  /** The same on a log scale: log-odds of the best, log of its ratio to the second. */
  "bestLogOdds",
  "leadRatio",
  "bestCoverage",
  "bestOverlap",
  /** In how many of the three searches the best candidate comes first (0..1). */
  "agreement",
  /** Whether the best candidate is also the likeliest from the wording alone. */
  "wordingAgrees",
  /**
   * The best's log-odds again, scaled by the share of the question in words the knowledge base
   * never uses: a ranking that is sure on one known word of ten is not sure of the question.
   */
  "unknownLogOdds",
] as const;

export type CandidateFeature = (typeof candidateFeatures)[number];
export type QuestionFeature = (typeof questionFeatures)[number];
export type ConfidenceFeature = (typeof confidenceFeatures)[number];
export type CandidateVector = Record<CandidateFeature, number>;
export type QuestionVector = Record<QuestionFeature, number>;
type ConfidenceVector = Record<ConfidenceFeature, number>;

const weights = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.record(z.enum(keys), z.number().finite());

const share = z.number().min(0).max(1);

export const rankerSchema = z.object({
  /** Ranks the candidates: one softmax over their weighted features… */
  candidate: weights(candidateFeatures),
  /** The words that tell a question in scope from a near-miss about something else. */
  scope: scopeSchema,
  /** The labelled questions' words per entry, which the `wording` feature adds to the phrasings'. */
  wording: wordingSchema,
  /** …weighted apart for a follow-up, which leans on the answer before it. */
  followUpCandidate: weights(candidateFeatures),
  /** How likely the best candidate is a right answer. */
  answer: weights(confidenceFeatures),
  /** How likely a right answer is among the close candidates a "Did you mean" would offer. */
  choice: weights(confidenceFeatures),
  /** The same two for a message read as a follow-up, fitted apart: it leans on the answer before. */
  followUpAnswer: weights(confidenceFeatures),
  followUpChoice: weights(confidenceFeatures),
  thresholds: z.object({
    /** The best candidate is given as the answer at or above this confidence… */
    answer: share,
    /** …otherwise the close ones are offered as a "Did you mean" at or above this one… */
    choice: share,
    /** …each of them with at least this probability in the ranking. */
    choiceEach: share,
    /**
     * When only one entry is that likely, it alone is offered ("Did you mean this?") at or above
     * this confidence, for a question read alone; 1 never offers one.
     */
    choiceAlone: share,
    /**
     * A question read alone, of two words or more, whose words the scope model reads as at least
     * `surelyInScope` likely about what the knowledge base covers is answered from
     * `answerInScope` (when lower than `answer`): just under `answer`, near-misses about
     * something else read as out of scope and questions about credits as in it (`npm run
     * fit:answer` chooses both; 1: no such bar).
     */
    answerInScope: share,
    surelyInScope: share,
    /**
     * A question read alone whose words the scope model reads as less likely than this to be
     * about what the knowledge base covers falls back however well they match ("ideal video
     * length for in-feed ads?"); `npm run fit:answer` chooses it, 0 turns it off.
     */
    outOfScope: share.default(0),
    /** The same two for a message read as a follow-up, whose confidences run lower. */
    followUpAnswer: share,
    followUpChoice: share,
    /**
     * A message read against the answer on screen only because it names nothing about credits
     * (it does not look like a follow-up; most such messages are office talk) is answered at or
     * above this; otherwise it is read alone.
     */
    noCreditWords: share,
  }),
  fitted: z.object({
    date: z.string(),
    samples: z.number().int(),
    folds: z.number().int(),
    /** The L2 penalties chosen out of fold: each ranking's, and the scope model's. */
    penalties: z.object({ question: share, followUp: share, scope: share }),
    /** Out-of-fold figures on the tuning data, with the thresholds `npm run fit` chose. */
    outOfFold: z.record(z.string(), z.number()),
    /**
     * When `npm run fit:answer` chose the answer thresholds (`answer`, `followUpAnswer`) on the
     * development writers instead: which writers, and the figures on each writer left out in turn
     * (questions read alone: right, right or choice, confidently wrong, off-topic fallbacks;
     * follow-ups: the share read as meant).
     */
    chosenOnDevelopment: z
      .object({
        date: z.string(),
        writers: z.array(z.string()),
        heldOut: z.object({
          right: share,
          rightOrChoice: share,
          confidentlyWrong: share,
          offTopicFallback: share,
        }),
        followUpWriters: z.array(z.string()),
        followUpsHeldOut: share,
      })
      .optional(),
  }),
});

export type RankerModel = z.infer<typeof rankerSchema>;
type Weights<K extends string> = Record<K, number>;

const dot = <K extends string>(w: Weights<K>, x: Record<K, number>, keys: readonly K[]) => {
  let sum = 0;
  for (const key of keys) sum += w[key] * x[key];
  return sum;
};

/** The candidates' probabilities (a softmax over their weighted features), in the order given. */
export function rankCandidates(
  candidate: Weights<CandidateFeature>,
  candidates: readonly CandidateVector[],
): number[] {
  const logits = candidates.map((c) => dot(candidate, c, candidateFeatures));
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}

export interface Judged {
  /** Each candidate's probability in the ranking, in the order given. */
  probabilities: number[];
  /** Candidate indexes, likeliest first. */
  order: number[];
  /** Confidence that the likeliest candidate is a right answer. */
  answer: number;
  /** Confidence that a right answer is among the close candidates. */
  choice: number;
}

type Fitted = Pick<
  RankerModel,
  "candidate" | "followUpCandidate" | "answer" | "choice" | "followUpAnswer" | "followUpChoice"
>;

const rankingWeights = (
  model: Pick<Fitted, "candidate" | "followUpCandidate">,
  q: QuestionVector,
) => (q.followUp > 0 ? model.followUpCandidate : model.candidate);

/**
 * The scope model's own decision boundary: it is fitted with both classes weighing the same,
 * so at one half in and out of scope are equally likely.
 */
export const scopeBoundary = 0.5;

export function judge(
  model: Fitted,
  question: QuestionVector,
  candidates: readonly CandidateVector[],
): Judged {
  const probabilities = rankCandidates(rankingWeights(model, question), candidates);
  const order = probabilities
    .map((_, i) => i)
    .sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0));
  const x = confidenceVector(question, candidates, probabilities, order);
  // A question that names nothing about credits or billing, follows up on nothing, and whose
  // words the scope model reads as more likely about something else is off topic however well
  // they match ("best hashtags for a beauty brand"). Where the scope model reads them as in scope
  // ("how do we get an agency agreement with tiktok"), the fitted confidences decide.
  const outside =
    question.offDomain > 0 && question.followUp === 0 && question.scope < scopeBoundary;
  const followingUp = question.followUp > 0;
  const answer = followingUp ? model.followUpAnswer : model.answer;
  const choice = followingUp ? model.followUpChoice : model.choice;
  return {
    probabilities,
    order,
    answer: outside ? 0 : sigmoid(dot(answer, x, confidenceFeatures)),
    choice: outside ? 0 : sigmoid(dot(choice, x, confidenceFeatures)),
  };
}

function confidenceVector(
  question: QuestionVector,
  candidates: readonly CandidateVector[],
  probabilities: number[],
  order: number[],
): ConfidenceVector {
  const [first, second, third] = order.map((i) => probabilities[i] ?? 0);
  const top = candidates[order[0] ?? -1];
  const bestLogOdds = Math.log((first ?? 0) + 1e-3) - Math.log(1 - (first ?? 0) + 1e-3);
  return {
    bias: 1,
    ...question,
    best: first ?? 0,
    lead: (first ?? 0) - (second ?? 0),
    bestThree: (first ?? 0) + (second ?? 0) + (third ?? 0),
    bestLogOdds,
    leadRatio: Math.log((first ?? 0) + 1e-3) - Math.log((second ?? 0) + 1e-3),
    bestCoverage: top?.coverageInContext ?? 0,
    bestOverlap: top?.phrasingOverlap ?? 0,
    agreement: top ? (top.searchFirst + top.plainFirst + top.phrasingFirst) / 3 : 0,
    wordingAgrees: top?.wordingFirst ?? 0,
    unknownLogOdds: question.unknown * bestLogOdds,
  };
}

/**
 * One question of the tuning data: its candidates, and which of them answer it (none: no entry
 * does). Two entries can both answer a question, as the sealed set's judge by facts allows.
 */
export interface Sample {
  question: QuestionVector;
  candidates: CandidateVector[];
  right: number[];
}

const toArray = <K extends string>(x: Record<K, number>, keys: readonly K[]) =>
  Float64Array.from(keys, (key) => x[key]);
const toWeights = <K extends string>(w: Float64Array, keys: readonly K[]) =>
  Object.fromEntries(keys.map((key, i) => [key, w[i] ?? 0])) as Weights<K>;
const dotArrays = (w: Float64Array, x: Float64Array) => {
  let sum = 0;
  for (let k = 0; k < x.length; k++) sum += (w[k] ?? 0) * (x[k] ?? 0);
  return sum;
};

/** Whether the likeliest candidate is one of the right ones. */
export const rightFirst = (right: readonly number[], order: readonly number[]) =>
  right.includes(order[0] ?? -1);

/** Whether any of these candidates is one of the right ones. */
export const rightAmong = (right: readonly number[], candidates: readonly number[]) =>
  candidates.some((i) => right.includes(i));

/**
 * Which candidates a "Did you mean" would offer: the likeliest few at or above `each`, never the
 * answer a follow-up follows (it is on screen already).
 */
export const offered = (
  judged: Pick<Judged, "probabilities" | "order">,
  each: number,
  candidates: readonly Pick<CandidateVector, "previous">[],
) =>
  judged.order
    .filter((i) => (judged.probabilities[i] ?? 0) >= each && !(candidates[i]?.previous ?? 0))
    .slice(0, 3);

/** What a "Did you mean" needs, for a question read alone or as a follow-up (never one alone). */
export const choiceBar = (
  t: Pick<RankerModel["thresholds"], "choice" | "choiceAlone" | "followUpChoice">,
  followingUp: boolean,
) =>
  followingUp
    ? { choice: t.followUpChoice, choiceAlone: 1 }
    : { choice: t.choice, choiceAlone: t.choiceAlone };

/**
 * The confidence a "Did you mean" of `count` entries needs: two or three at `choice`, one alone
 * at `choiceAlone` (1: never), none never.
 */
export function offeredAt(count: number, bar: { choice: number; choiceAlone: number }): number {
  if (count >= 2) return bar.choice;
  return count === 1 && bar.choiceAlone < 1 ? bar.choiceAlone : Number.POSITIVE_INFINITY;
}

/**
 * Ranking weights fitted on the samples that have a right candidate (a softmax over each
 * sample's candidates, the likelihood of ranking any right one first), with an L2 penalty.
 */
export function fitRanking(samples: readonly Sample[], l2: number): Weights<CandidateFeature> {
  const ranked = samples
    .filter((sample) => sample.right.length > 0)
    .map((sample) => ({
      right: new Set(sample.right),
      xs: sample.candidates.map((c) => toArray(c, candidateFeatures)),
    }));
  const c = candidateFeatures.length;
  const w = descend(
    c,
    (w, g) => {
      for (const sample of ranked) {
        const logits = sample.xs.map((x) => dotArrays(w, x));
        const top = Math.max(...logits);
        const exps = logits.map((logit) => Math.exp(logit - top));
        const total = exps.reduce((a, b) => a + b, 0);
        let rightTotal = 0;
        for (const j of sample.right) rightTotal += exps[j] ?? 0;
        // The right candidates' shares among themselves (even, if all are far below the top).
        const shareOfRight = (j: number) =>
          rightTotal > 0 ? (exps[j] ?? 0) / rightTotal : 1 / sample.right.size;
        sample.xs.forEach((x, j) => {
          // The gradient of -log(sum of the right candidates' probabilities).
          const error = (exps[j] ?? 0) / total - (sample.right.has(j) ? shareOfRight(j) : 0);
          for (let k = 0; k < c; k++) g[k] = (g[k] ?? 0) + (error * (x[k] ?? 0)) / ranked.length;
        });
      }
    },
    600,
    l2,
  );
  return toWeights(w, candidateFeatures);
}

/** The L2 penalties of the two rankings: questions read alone, and follow-ups. */
export interface RankingPenalties {
  question: number;
  followUp: number;
}

/**
 * Fits the two rankings, then the two confidences on every sample (off-topic ones teach them
 * when nothing is right), for questions read alone and for follow-ups apart.
 */
export function fitRanker(
  samples: readonly Sample[],
  choiceEach: number,
  l2: RankingPenalties,
): Fitted {
  const candidate = fitRanking(
    samples.filter((sample) => sample.question.followUp === 0),
    l2.question,
  );
  const followUpCandidate = fitRanking(
    samples.filter((sample) => sample.question.followUp > 0),
    l2.followUp,
  );
  const model = { candidate, followUpCandidate };
  const described = samples.map((sample) => {
    const probabilities = rankCandidates(rankingWeights(model, sample.question), sample.candidates);
    const order = probabilities
      .map((_, i) => i)
      .sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0));
    return {
      x: toArray(
        confidenceVector(sample.question, sample.candidates, probabilities, order),
        confidenceFeatures,
      ),
      followingUp: sample.question.followUp > 0,
      top: rightFirst(sample.right, order),
      among: rightAmong(
        sample.right,
        offered({ probabilities, order }, choiceEach, sample.candidates),
      ),
    };
  });
  const n = confidenceFeatures.length;
  const logistic = (
    items: typeof described,
    label: (item: (typeof described)[number]) => boolean,
  ) =>
    toWeights(
      descend(n, (w, g) => {
        for (const item of items) {
          const error = sigmoid(dotArrays(w, item.x)) - (label(item) ? 1 : 0);
          for (let k = 0; k < n; k++)
            g[k] = (g[k] ?? 0) + (error * (item.x[k] ?? 0)) / items.length;
        }
      }),
      confidenceFeatures,
    );
  const alone = described.filter((item) => !item.followingUp);
  const followingUp = described.filter((item) => item.followingUp);
  return {
    candidate,
    followUpCandidate,
    answer: logistic(alone, (item) => item.top),
    choice: logistic(alone, (item) => item.among),
    followUpAnswer: logistic(followingUp, (item) => item.top),
    followUpChoice: logistic(followingUp, (item) => item.among),
  };
}
