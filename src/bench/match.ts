import { rm } from "node:fs/promises";
import type { Answers } from "../core/answers.js";
import { loadEngine } from "../core/engine.js";
import { type KnowledgeBase, loadKnowledgeBase } from "../knowledge/loader.js";
import { createMatcher } from "../knowledge/matcher.js";
import { generateKnowledgeDir } from "./generate-kb.js";
import { defaultThreshold, evaluationSet, knowledgeDir } from "./paths.js";
import { count, mb, ms, type Suite, verdict } from "./report.js";
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

async function measureSize(
  dir: string,
  generated: boolean,
  questions: string[],
): Promise<SizeFigures> {
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
    ...(limit ? { target: { p99BelowMs: limit, met: latency.p99 <= limit } } : {}),
    perQuestion,
  };
}

/** A second index over the same entries, held while the heap is read, then dropped. */
async function measureIndex(kb: KnowledgeBase) {
  const held: unknown[] = [];
  const heapBefore = heapUsedMb();
  // The ambiguity margin only decides between two results already found; it does not change the index.
  const { ms: indexBuildMs, value: matcher } = await timed(() =>
    createMatcher(kb, { threshold: defaultThreshold, ambiguityMargin: 0 }),
  );
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
    const sizes: SizeFigures[] = [];

    progress(`real knowledge base (${real.entries.length} entries)`);
    sizes.push(await measureSize(knowledgeDir, false, questions));
    for (const size of generatedSizes) {
      progress(`generating ${count(size)} entries`);
      const dir = await generateKnowledgeDir(real, { size, seed: 1 });
      try {
        progress(`measuring ${count(size)} entries`);
        sizes.push(await measureSize(dir, true, questions));
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
          ]),
          notes: [
            "load+index = loadEngine (read, validate, index); index build = createMatcher alone.",
            "MB = heap retained after a full GC. first-ask = each question's first ask (cold term cache).",
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
