import { z } from "zod";

/** What describes one candidate entry for a question (each roughly 0..1). */
export const candidateFeatures = [
  /** Share of the question's weight the entry's phrasings and answer explain. */
  "coverage",
  /** The same, counting a follow-up's previous question at a lower weight. */
  "coverageInContext",
  /** BM25 over the analysed entry, relative to the best entry's score. */
  "search",
  "searchFirst",
  /** BM25 over the raw words (no synonyms, no stemming), relative to the best. */
  "plain",
  "plainFirst",
  /** The closest single curated phrasing: BM25 relative to the best, and term overlap. */
  "phrasing",
  "phrasingOverlap",
  /** How much the question reads like the entry's canonical question. */
  "likeness",
  /** +1 the question asks what the entry answers (who, how long…), -1 something else, 0 unclear. */
  "aspect",
  /** Follow-ups: the entry last answered, and the entries it lists as related. */
  "previous",
  "relatedToPrevious",
] as const;

/** What describes the question itself: how likely it is that no entry answers it. */
export const questionFeatures = [
  "bias",
  /** No word about credits or billing at all. */
  "offDomain",
  /** Share of the question's weight in words the knowledge base never uses. */
  "unknown",
  /** 1 for a one-word question, falling towards 0 for long ones. */
  "shortness",
  "followUp",
] as const;

export type CandidateFeature = (typeof candidateFeatures)[number];
export type QuestionFeature = (typeof questionFeatures)[number];
export type CandidateVector = Record<CandidateFeature, number>;
export type QuestionVector = Record<QuestionFeature, number>;

const weights = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.record(z.enum(keys), z.number().finite());

const share = z.number().min(0).max(1);

export const rankerSchema = z.object({
  candidate: weights(candidateFeatures),
  none: weights(questionFeatures),
  thresholds: z.object({
    /** The best entry's probability at or above which it is given as the answer. */
    answer: share,
    /** Below that, a "Did you mean" when the close entries together reach this… */
    clarifyTotal: share,
    /** …counting only entries at or above this each. */
    clarifyEach: share,
  }),
  fitted: z.object({
    date: z.string(),
    samples: z.number().int(),
    folds: z.number().int(),
    /** Out-of-fold figures on the tuning data, with the thresholds above. */
    outOfFold: z.record(z.string(), z.number()),
  }),
});

export type RankerModel = z.infer<typeof rankerSchema>;

export interface Scored {
  /** Probability that none of the candidates answers the question. */
  none: number;
  /** Probability of each candidate, in the order given. */
  each: number[];
}

const dot = <K extends string>(w: Record<K, number>, x: Record<K, number>, keys: readonly K[]) => {
  let sum = 0;
  for (const key of keys) sum += w[key] * x[key];
  return sum;
};

/** A conditional logit: one softmax over the candidates and "none of them". */
export function score(
  model: Pick<RankerModel, "candidate" | "none">,
  question: QuestionVector,
  candidates: readonly CandidateVector[],
): Scored {
  const logits = [
    dot(model.none, question, questionFeatures),
    ...candidates.map((c) => dot(model.candidate, c, candidateFeatures)),
  ];
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const total = exps.reduce((a, b) => a + b, 0);
  const [none = 0, ...each] = exps.map((value) => value / total);
  return { none, each };
}

/** One question of the tuning data: its candidates, and which of them is right (-1: none). */
export interface Sample {
  question: QuestionVector;
  candidates: CandidateVector[];
  right: number;
}

/**
 * Fits the weights by gradient descent on the log-likelihood with an L2 penalty (full batch,
 * Adam steps). A few hundred samples and 17 weights: plain code is clearer than a library.
 */
export function fit(
  samples: readonly Sample[],
  options: { l2: number; steps: number } = { l2: 0.01, steps: 1500 },
): Pick<RankerModel, "candidate" | "none"> {
  const c = candidateFeatures.length;
  const n = questionFeatures.length;
  const w = new Float64Array(c + n);
  const m = new Float64Array(c + n);
  const v = new Float64Array(c + n);
  const rate = 0.05;
  const toModel = () => ({
    candidate: Object.fromEntries(candidateFeatures.map((k, i) => [k, w[i] ?? 0])) as Record<
      CandidateFeature,
      number
    >,
    none: Object.fromEntries(questionFeatures.map((k, i) => [k, w[c + i] ?? 0])) as Record<
      QuestionFeature,
      number
    >,
  });
  for (let step = 1; step <= options.steps; step++) {
    const model = toModel();
    const grad = new Float64Array(c + n);
    for (const sample of samples) {
      const { none, each } = score(model, sample.question, sample.candidates);
      const noneError = none - (sample.right === -1 ? 1 : 0);
      questionFeatures.forEach((key, i) => {
        grad[c + i] = (grad[c + i] ?? 0) + noneError * sample.question[key];
      });
      sample.candidates.forEach((candidate, j) => {
        const error = (each[j] ?? 0) - (sample.right === j ? 1 : 0);
        candidateFeatures.forEach((key, i) => {
          grad[i] = (grad[i] ?? 0) + error * candidate[key];
        });
      });
    }
    for (let i = 0; i < c + n; i++) {
      const g = (grad[i] ?? 0) / samples.length + options.l2 * (w[i] ?? 0);
      m[i] = 0.9 * (m[i] ?? 0) + 0.1 * g;
      v[i] = 0.999 * (v[i] ?? 0) + 0.001 * g * g;
      const mHat = (m[i] ?? 0) / (1 - 0.9 ** step);
      const vHat = (v[i] ?? 0) / (1 - 0.999 ** step);
      w[i] = (w[i] ?? 0) - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return toModel();
}
