import { rm } from "node:fs/promises";
import type { Answers } from "../../src/core/answers.js";
import { loadEngine } from "../../src/core/engine.js";
import { type KnowledgeBase, loadKnowledgeBase, loadRanker } from "../../src/knowledge/loader.js";
import { createMatcher } from "../../src/knowledge/matcher.js";
import { answeredBy } from "../support/eval-set.js";
import { generateKnowledgeDir } from "./generate-kb.js";
import { defaultThreshold, type EvaluationSet, evaluationSet, knowledgeDir } from "./paths.js";
import { count, mb, ms, pct, type Suite, verdict } from "./report.js";
import { heapUsedMb, type Latency, round, summarize, timed } from "./stats.js";

const generatedSizes = [1_000, 10_000];
/** The targets: p99 per question under these many milliseconds at these sizes. */
const targets = new Map([
  [1_000, 1],
  [10_000, 5],
]);
/** Warm passes over the questions stop after this long per size, after at least one. */
const budgetMs = 3_000;
const maxPasses = 100;

interface SizeFigures {
  entries: number;
  generated: boolean;
  /** loadEngine: read and validate every file, then build the index. */
  loadAndIndexMs: number;
  /** createMatcher alone on the loaded entries. */
  indexBuildMs: number;
  indexHeapMb: number;
  /** Everything loadEngine keeps: entries, index and answers. */
  engineHeapMb: number;
  /** The first time each question is asked, before the matcher's caches are warm. */
  firstAsk: Latency;
  /** Passes over every question after the first, all timed into `latency`. */
  passes: number;
  latency: Latency;
  slowestQuestion: { question: string; p50: number; p99: number };
  /** Whether speed cost quality: the evaluation set scored against this knowledge base. */
  rightAnswers: number;
  correctFallbacks: number;
  target?: { p99BelowMs: number; met: boolean };
  perQuestion: { question: string; p50: number; p99: number }[];
}

function measureReplies(answers: Answers, questions: string[]) {
  const samples: number[][] = questions.map(() => []);
  const ask = (index: number) => {
    const start = performance.now();
    answers.reply(questions[index] ?? "");
    samples[index]?.push(performance.now() - start);
  };
  const pass = () => {
    for (let index = 0; index < questions.length; index++) ask(index);
  };
  pass();
  const firstAsk = summarize(samples.flat());
  for (const list of samples) list.length = 0;

  const started = performance.now();
  let passes = 0;
  while (passes < maxPasses && (passes === 0 || performance.now() - started < budgetMs)) {
    pass();
    passes++;
  }
  const perQuestion = questions.map((question, index) => {
    const { p50, p99 } = summarize(samples[index] ?? []);
    return { question, p50: round(p50, 4), p99: round(p99, 4) };
  });
  return { firstAsk, passes, latency: summarize(samples.flat()), perQuestion };
}

/**
 * The evaluation set scored as the evaluation test scores it, except that a generated entry (a
 * real one scoped to a market, vertical and segment, its id extending the real id) counts as its
 * real entry: it carries the same answer.
 */
function quality(answers: Answers, set: EvaluationSet, realIds: string[]) {
  const realOf = (id: string) =>
    realIds
      .filter((real) => id === real || id.startsWith(`${real}-`))
      .reduce((a, b) => (b.length > a.length ? b : a), id);
  const right = set.inScope.filter((item) => {
    const answered = answeredBy(item);
    const reply = answers.reply(item.q);
    if (reply.kind === "answer") return answered(realOf(reply.entryId));
    return reply.kind === "clarify" && reply.choices.some((c) => answered(realOf(c.id)));
  });
  const fellBack = set.offTopic.filter((item) => answers.reply(item.q).kind === "fallback");
  return {
    rightAnswers: right.length / set.inScope.length,
    correctFallbacks: fellBack.length / set.offTopic.length,
  };
}

async function measureSize(
  dir: string,
  generated: boolean,
  set: EvaluationSet,
  realIds: string[],
): Promise<SizeFigures> {
  const questions = [...set.inScope, ...set.offTopic].map((item) => item.q);
  const heapBefore = heapUsedMb();
  const { ms: loadAndIndexMs, value: engine } = await timed(() =>
    loadEngine(dir, defaultThreshold),
  );
  const engineHeapMb = heapUsedMb() - heapBefore;

  const { indexBuildMs, indexHeapMb } = await measureIndex(engine.kb);
  const { firstAsk, passes, latency, perQuestion } = measureReplies(engine.answers, questions);
  const slowest = perQuestion.reduce((a, b) => (b.p50 > a.p50 ? b : a));
  const entries = engine.kb.entries.length;
  const limit = generated ? targets.get(entries) : undefined;
  return {
    entries,
    generated,
    loadAndIndexMs: round(loadAndIndexMs, 1),
    indexBuildMs: round(indexBuildMs, 1),
    indexHeapMb: round(indexHeapMb, 1),
    engineHeapMb: round(engineHeapMb, 1),
    firstAsk,
    passes,
    latency,
    slowestQuestion: slowest,
    ...quality(engine.answers, set, realIds),
    ...(limit ? { target: { p99BelowMs: limit, met: latency.p99 <= limit } } : {}),
    perQuestion,
  };
}

/** A second index over the same entries, held while the heap is read, then dropped. */
async function measureIndex(kb: KnowledgeBase) {
  const held: unknown[] = [];
  const heapBefore = heapUsedMb();
  const model = await loadRanker(knowledgeDir);
  const { ms: indexBuildMs, value: matcher } = await timed(() => createMatcher(kb, { model }));
  held.push(matcher);
  const indexHeapMb = heapUsedMb() - heapBefore;
  held.length = 0;
  return { indexBuildMs, indexHeapMb };
}

export const matchSuite: Suite = {
  name: "match",
  summary: "answer-engine latency per question, index build time and memory by knowledge-base size",
  async run(progress) {
    const set = evaluationSet();
    const questions = [...set.inScope, ...set.offTopic].map((item) => item.q);
    const real = await loadKnowledgeBase(knowledgeDir);
    const realIds = real.entries.map((entry) => entry.id);
    const sizes: SizeFigures[] = [];

    progress(`real knowledge base (${real.entries.length} entries)`);
    sizes.push(await measureSize(knowledgeDir, false, set, realIds));
    for (const size of generatedSizes) {
      progress(`generating ${count(size)} entries`);
      const dir = await generateKnowledgeDir(real, await loadRanker(knowledgeDir), {
        size,
        seed: 1,
      });
      try {
        progress(`measuring ${count(size)} entries`);
        sizes.push(await measureSize(dir, true, set, realIds));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }

    return {
      figures: {
        questions: questions.length,
        threshold: defaultThreshold,
        measured: "answers.reply(question) from loadEngine: intent, analysis, match and reply",
        sizes,
      },
      tables: [
        {
          title: `match: ${questions.length} evaluation questions per pass, p50/p99 over every ask (ms)`,
          columns: [
            "entries",
            "load+index",
            "index build",
            "index MB",
            "engine MB",
            "first-ask p99",
            "p50",
            "p99",
            "slowest q p50",
            "target p99",
            "right",
            "fallbacks",
          ],
          rows: sizes.map((size) => [
            `${count(size.entries)}${size.generated ? "" : " (real)"}`,
            round(size.loadAndIndexMs, 0).toString(),
            size.indexBuildMs.toFixed(1),
            mb(size.indexHeapMb),
            mb(size.engineHeapMb),
            ms(size.firstAsk.p99),
            ms(size.latency.p50),
            ms(size.latency.p99),
            ms(size.slowestQuestion.p50),
            size.target
              ? `< ${size.target.p99BelowMs} ms: ${verdict(size.latency.p99, size.target.p99BelowMs)}`
              : "–",
            pct(size.rightAnswers),
            pct(size.correctFallbacks),
          ]),
          notes: [
            "load+index = loadEngine (read, validate, index); index build = createMatcher alone.",
            "MB = heap retained after a full GC. first-ask = each question's first ask (cold caches).",
            "right / fallbacks = the evaluation set on this knowledge base (a generated entry counts as",
            "the real entry it was scoped from), to show the speed does not come from worse answers.",
            ...sizes.map(
              (size) =>
                `slowest at ${count(size.entries)}: "${size.slowestQuestion.question}" (${ms(size.slowestQuestion.p99)} ms p99)`,
            ),
          ],
        },
      ],
    };
  },
};
