import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { loadEngine } from "../../src/core/engine.js";
import type { Entry } from "../../src/knowledge/schema.js";
import { answeredBy, type EvalCase } from "../support/eval-set.js";
import {
  devWriters,
  fittedWriters,
  freshWriters,
  sealedFigures,
  tuningFigures,
} from "../support/quality.js";
import { defaultThreshold, type EvaluationSet, evaluationSet, knowledgeDir } from "./paths.js";
import { count, pct, type Suite } from "./report.js";

const writers = (names: readonly string[]) =>
  `${names.length === 1 ? "writer" : "writers"} ${names.join(", ")}`;

/** What a question got: an answer, a "Did you mean" choice, the fallback, or something else. */
type Outcome =
  | { kind: "answer"; id: string }
  | { kind: "clarify"; ids: string[] }
  | { kind: "fallback" }
  | { kind: "other"; reply: string };
type Outcomes = Map<string, Outcome>;

const fallback: Outcome = { kind: "fallback" };

const describe = (outcome: Outcome | undefined): string => {
  if (!outcome) return "nothing";
  if (outcome.kind === "answer") return outcome.id;
  if (outcome.kind === "clarify") return `one of ${outcome.ids.join(", ")}`;
  return outcome.kind === "fallback" ? "fallback" : outcome.reply;
};

interface Rate {
  count: number;
  total: number;
  rate: number;
}

interface MethodFigures {
  method: string;
  setting: string;
  /** An expected entry answered, or offered among "Did you mean" choices. */
  rightAnswers: Rate;
  /** How many of the right answers were "Did you mean" choices. */
  viaChoice: number;
  correctFallbacks: Rate;
}

const rate = (count: number, total: number): Rate => ({
  count,
  total,
  rate: total === 0 ? 0 : count / total,
});

/** Right: an expected entry, answered or offered as a "Did you mean" choice; or the fallback. */
function judge(item: EvalCase, outcome: Outcome | undefined): "right" | "offered" | "wrong" {
  if (item.expect === null) return outcome?.kind === "fallback" ? "right" : "wrong";
  const right = answeredBy(item);
  if (outcome?.kind === "answer" && right(outcome.id)) return "right";
  if (outcome?.kind === "clarify" && outcome.ids.some(right)) return "offered";
  return "wrong";
}

/** Scored the way test/knowledge/evaluation.test.ts scores the engine. */
function score(
  set: EvaluationSet,
  outcomes: Outcomes,
): Pick<MethodFigures, "rightAnswers" | "viaChoice" | "correctFallbacks"> {
  const verdicts = set.inScope.map((item) => judge(item, outcomes.get(item.q)));
  const fellBack = set.offTopic.filter((item) => judge(item, outcomes.get(item.q)) === "right");
  return {
    rightAnswers: rate(
      verdicts.filter((verdict) => verdict !== "wrong").length,
      set.inScope.length,
    ),
    viaChoice: verdicts.filter((verdict) => verdict === "offered").length,
    correctFallbacks: rate(fellBack.length, set.offTopic.length),
  };
}

/** A baseline's best hit per question, `goodness` higher is better (null: no hit at all). */
type TopHits = Map<string, { id: string; goodness: number } | null>;

const topHitOutcomes = (hits: TopHits, minimum = Number.NEGATIVE_INFINITY): Outcomes =>
  new Map(
    [...hits].map(([question, hit]) => [
      question,
      hit && hit.goodness >= minimum ? { kind: "answer", id: hit.id } : fallback,
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
      questions.map((question): [string, Outcome] => {
        const reply = engine.answers.reply(question);
        if (reply.kind === "answer") return [question, { kind: "answer", id: reply.entryId }];
        if (reply.kind === "clarify") {
          return [question, { kind: "clarify", ids: reply.choices.map((choice) => choice.id) }];
        }
        return [
          question,
          reply.kind === "fallback" ? fallback : { kind: "other", reply: reply.kind },
        ];
      }),
    );
    const methods: MethodFigures[] = [
      {
        method: "Credit Desk engine",
        setting:
          defaultThreshold === undefined ? "fitted thresholds" : `threshold ${defaultThreshold}`,
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
      .filter((item) => judge(item, engineOutcomes.get(item.q)) === "wrong")
      .map((item) => ({
        question: item.q,
        want: item.expect === null ? "fallback" : [item.expect, ...item.also].join(" or "),
        got: describe(engineOutcomes.get(item.q)),
      }));

    const quality = [
      {
        set: "tuning sets (test/eval/*.yml; read while tuning, the ranker fitted on them)",
        ...tuningFigures(engine.answers),
      },
      {
        set: `sealed set, ${writers(freshWriters)} (written from the sources alone, scored only)`,
        ...sealedFigures(engine.answers, freshWriters),
      },
      ...devWriters.map((writer) => ({
        set: `sealed set, ${writers([writer])} (written the same way; a development set: its misses read, changes checked on it, never fitted on)`,
        ...sealedFigures(engine.answers, [writer]),
      })),
      {
        set: `sealed set, ${writers(fittedWriters)} (written the same way; the ranker is fitted on them since round 7)`,
        ...sealedFigures(engine.answers, fittedWriters),
      },
    ];
    const fraction = (share: number, total: number) => `${pct(share)} of ${total}`;
    return {
      figures: { entries: entries.length, methods, quality, engineMisses: misses },
      tables: [
        {
          title: "answer quality in four figures (and follow-ups)",
          columns: [
            "set",
            "right",
            "right or right choice",
            "confidently wrong",
            "off-topic fallbacks",
            "follow-ups read as meant",
          ],
          rows: quality.map((q) => [
            q.set,
            fraction(q.right, q.questions),
            pct(q.rightOrChoice),
            pct(q.confidentlyWrong),
            fraction(q.offTopicFallback, q.offTopicQuestions),
            fraction(q.followUps, q.followUpQuestions),
          ]),
          notes: [
            "Right: the answer given is right (tuning sets: an expected entry; sealed set: its text",
            'states the fact the case names). Right choice: a "Did you mean" offering a right one.',
            "Confidently wrong: an answer that is not right. The sealed set prints no misses.",
          ],
        },
        {
          title: `accuracy: ${set.inScope.length} in-scope and ${set.offTopic.length} off-topic questions (test/eval), ${entries.length} entries`,
          columns: ["method", "right answers", "via choice", "correct fallbacks", "setting"],
          rows: methods.map((figures) => [
            figures.method,
            `${pct(figures.rightAnswers.rate)} (${figures.rightAnswers.count}/${figures.rightAnswers.total})`,
            count(figures.viaChoice),
            `${pct(figures.correctFallbacks.rate)} (${figures.correctFallbacks.count}/${figures.correctFallbacks.total})`,
            figures.setting,
          ]),
          notes: [
            "Scored as test/knowledge/evaluation.test.ts scores it. Right answer: an expected entry,",
            'answered or offered among "Did you mean" choices (via choice). Correct fallback: the',
            '"no answer yet" reply. Baselines index the same entries (BM25: question, alternates and',
            "answer; fuse.js: question and alternates) and answer with their top hit.",
          ],
        },
      ],
    };
  },
};
