import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { loadEngine } from "../core/engine.js";
import type { Entry } from "../knowledge/schema.js";
import { defaultThreshold, type EvaluationSet, evaluationSet, knowledgeDir } from "./paths.js";
import { pct, type Suite } from "./report.js";

const fallback = "fallback";

/** Each question's answer: an entry id, or what was said instead ("fallback", "clarify", …). */
type Outcomes = Map<string, string>;

interface Rate {
  count: number;
  total: number;
  rate: number;
}

interface MethodFigures {
  method: string;
  setting: string;
  rightAnswers: Rate;
  correctFallbacks: Rate;
}

const rate = (count: number, total: number): Rate => ({
  count,
  total,
  rate: total === 0 ? 0 : count / total,
});

/** Scored the way test/knowledge/evaluation.test.ts scores the engine. */
function score(
  set: EvaluationSet,
  outcomes: Outcomes,
): Pick<MethodFigures, "rightAnswers" | "correctFallbacks"> {
  const right = set.inScope.filter((item) => outcomes.get(item.q) === item.expect).length;
  const fellBack = set.offTopic.filter((item) => outcomes.get(item.q) === fallback).length;
  return {
    rightAnswers: rate(right, set.inScope.length),
    correctFallbacks: rate(fellBack, set.offTopic.length),
  };
}

/** A baseline's best hit per question, `goodness` higher is better (null: no hit at all). */
type TopHits = Map<string, { id: string; goodness: number } | null>;

const topHitOutcomes = (hits: TopHits, minimum = Number.NEGATIVE_INFINITY): Outcomes =>
  new Map(
    [...hits].map(([question, hit]) => [
      question,
      hit && hit.goodness >= minimum ? hit.id : fallback,
    ]),
  );

/**
 * The cut-off that maximizes right-answer rate + correct-fallback rate on this very set: the best
 * the baseline could do with a threshold, tuned on the answers (so flattering to it).
 */
function bestCutoff(set: EvaluationSet, hits: TopHits): { minimum: number; total: number } {
  const candidates = [
    ...new Set([...hits.values()].flatMap((hit) => (hit ? [hit.goodness] : []))),
    Number.POSITIVE_INFINITY,
  ].sort((a, b) => a - b);
  let best = { minimum: Number.POSITIVE_INFINITY, total: -1 };
  for (const minimum of candidates) {
    const { rightAnswers, correctFallbacks } = score(set, topHitOutcomes(hits, minimum));
    const total = rightAnswers.rate + correctFallbacks.rate;
    if (total > best.total) best = { minimum, total };
  }
  return best;
}

interface Document {
  id: string;
  question: string;
  alternates: string[];
  answer: string;
}

const documents = (entries: readonly Entry[]): Document[] =>
  entries.map(({ id, question, alternates, answer }) => ({ id, question, alternates, answer }));

function bm25Hits(entries: readonly Entry[], questions: string[]): TopHits {
  const index = new MiniSearch<Document>({
    fields: ["question", "alternates", "answer"],
    extractField: (document, field) => {
      const value = document[field as keyof Document];
      return Array.isArray(value) ? value.join(" ") : value;
    },
  });
  index.addAll(documents(entries));
  return new Map(
    questions.map((question) => {
      const [top] = index.search(question);
      return [question, top ? { id: String(top.id), goodness: top.score } : null];
    }),
  );
}

function fuseHits(entries: readonly Entry[], questions: string[]): TopHits {
  // includeScore only reports the score Fuse computes anyway; matching and ranking stay default.
  const index = new Fuse(documents(entries), {
    keys: ["question", "alternates"],
    includeScore: true,
  });
  return new Map(
    questions.map((question) => {
      const [top] = index.search(question);
      // Fuse scores 0 for a perfect match and 1 for none; flipped so that higher is better.
      return [question, top ? { id: top.item.id, goodness: 1 - (top.score ?? 1) } : null];
    }),
  );
}

function baselineRows(
  set: EvaluationSet,
  name: string,
  hits: TopHits,
  describeCutoff: (minimum: number) => string,
): MethodFigures[] {
  const cutoff = bestCutoff(set, hits);
  return [
    {
      method: `${name}, top hit`,
      setting: "library defaults",
      ...score(set, topHitOutcomes(hits)),
    },
    {
      method: `${name}, best cut-off`,
      setting: `${describeCutoff(cutoff.minimum)} (tuned on this set)`,
      ...score(set, topHitOutcomes(hits, cutoff.minimum)),
    },
  ];
}

export const accuracySuite: Suite = {
  name: "accuracy",
  summary: "evaluation-set right answers and correct fallbacks: the engine against BM25 and fuzzy",
  async run(progress) {
    const set = evaluationSet();
    const questions = [...set.inScope, ...set.offTopic].map((item) => item.q);
    progress(`${set.inScope.length} in-scope and ${set.offTopic.length} off-topic questions`);
    const engine = await loadEngine(knowledgeDir, defaultThreshold);
    const entries = engine.kb.entries;

    const engineOutcomes: Outcomes = new Map(
      questions.map((question) => {
        const reply = engine.answers.reply(question);
        return [question, reply.kind === "answer" ? reply.entryId : reply.kind];
      }),
    );
    const methods: MethodFigures[] = [
      {
        method: "Credit Desk engine",
        setting: `threshold ${defaultThreshold} (default)`,
        ...score(set, engineOutcomes),
      },
      ...baselineRows(set, "BM25 (MiniSearch)", bm25Hits(entries, questions), (minimum) =>
        Number.isFinite(minimum) ? `answer when score ≥ ${minimum.toFixed(2)}` : "never answer",
      ),
      ...baselineRows(set, "fuzzy (fuse.js)", fuseHits(entries, questions), (minimum) =>
        Number.isFinite(minimum)
          ? `answer when score ≤ ${(1 - minimum).toFixed(3)}`
          : "never answer",
      ),
    ];
    const misses = [...set.inScope, ...set.offTopic]
      .map((item) => ({
        question: item.q,
        want: item.expect ?? fallback,
        got: engineOutcomes.get(item.q),
      }))
      .filter((item) => item.got !== item.want);

    return {
      figures: { entries: entries.length, methods, engineMisses: misses },
      tables: [
        {
          title: `accuracy: ${set.inScope.length} in-scope and ${set.offTopic.length} off-topic questions (test/eval), ${entries.length} entries`,
          columns: ["method", "right answers", "correct fallbacks", "setting"],
          rows: methods.map((figures) => [
            figures.method,
            `${pct(figures.rightAnswers.rate)} (${figures.rightAnswers.count}/${figures.rightAnswers.total})`,
            `${pct(figures.correctFallbacks.rate)} (${figures.correctFallbacks.count}/${figures.correctFallbacks.total})`,
            figures.setting,
          ]),
          notes: [
            'Right answer: the expected entry. Correct fallback: the "no answer yet" reply (a',
            "clarifying question or greeting counts as neither). Baselines index the same entries:",
            "BM25 over question, alternates and answer; fuse.js over question and alternates.",
          ],
        },
      ],
    };
  },
};
