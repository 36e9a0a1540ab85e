// npm run fit: fits the ranker's weights and thresholds on the tuning data (never the sealed
// writer of this round, see test/support/quality.ts), checks them by cross-validation, and writes
// knowledge/ranker.json.
import { readFileSync, writeFileSync } from "node:fs";
import { answerableOnly, loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { signature } from "../../src/knowledge/matcher.js";
import {
  choiceBar,
  fitRanker,
  fitRanking,
  judge,
  offered,
  offeredAt,
  type RankerModel,
  type RankingPenalties,
  rankCandidates,
  rankerSchema,
  rightAmong,
  rightFirst,
} from "../../src/knowledge/ranker.js";
import { fitScope, inScope, type ScopeExample } from "../../src/knowledge/scope.js";
import { createAnalyzer } from "../../src/knowledge/text.js";
import {
  countsRecord,
  countWords,
  likeliest,
  phrasingWords,
  type WordingTable,
  wordingTable,
} from "../../src/knowledge/wording.js";
import { type Labelled, type SampleKind, tuningSamples } from "./samples.js";

const folds = 5;
/**
 * `npm run fit -- --keep-penalties`: the L2 penalties and the wording smoothing as the shipped
 * file records them, the only values tried, instead of choosing them again out of fold. A refit
 * then differs from the shipped one only in the features and the data, which is how a new
 * feature is weighed. Only these two fields are read, not the whole file (`loadRanker`): a
 * shipped file has no weights yet for the feature being weighed, and would not load.
 */
const kept = process.argv.includes("--keep-penalties")
  ? (() => {
      const shipped = rankerSchema
        .pick({ fitted: true, wording: true })
        .parse(JSON.parse(readFileSync("knowledge/ranker.json", "utf8")));
      return { ...shipped.fitted.penalties, smoothing: shipped.wording.smoothing };
    })()
  : undefined;
if (kept) console.log(`kept from knowledge/ranker.json: ${JSON.stringify(kept)}`);
const kb = answerableOnly(await loadKnowledgeBase("knowledge"));
const { samples, offTopicOutside } = tuningSamples(kb, folds);
const kinds: SampleKind[] = ["in-scope", "held-out phrasing", "off-topic", "follow-up"];

/**
 * Folds go by a question's words after folding (its signature): questions that differ only in
 * case, punctuation or filler never sit on both sides, and an off-topic question tried after an
 * answer sits with itself read alone.
 */
const foldOfTerms = (terms: string[]) => {
  let hash = 0;
  for (const char of signature(terms)) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 1_000_003;
  return hash % folds;
};
const foldOf = samples.map((sample) => foldOfTerms(sample.terms));

/**
 * The `wording` feature reads the labelled questions' words: each sample's from the questions
 * of the other folds (nor the `held` one), and the curated phrasings its candidates were found
 * with (a held-out phrasing's base lacks its fold of alternates), so that no sample's own label
 * shapes its features.
 */
const analyzer = createAnalyzer(kb.vocabulary);
const phrasingCounts = (without?: number) =>
  countWords(
    phrasingWords(
      kb.entries.map((entry) => ({
        ...entry,
        alternates: entry.alternates.filter(
          (_, index) => without === undefined || index % folds !== without,
        ),
      })),
      analyzer.terms,
    ),
  );
const phrasingsBy = new Map(
  [undefined, ...Array.from({ length: folds }, (_, fold) => fold)].map((without) => [
    without,
    phrasingCounts(without),
  ]),
);
const askedFor = (sample: Labelled) =>
  sample.kind === "in-scope" && sample.rightIds.length > 0
    ? [{ terms: sample.terms, ids: sample.rightIds }]
    : [];
const askedInFold = Array.from({ length: folds }, (_, fold) =>
  countWords(samples.flatMap((sample, index) => (foldOf[index] === fold ? askedFor(sample) : []))),
);
function wordedOutOfFold(smoothing: number, held?: number): Labelled[] {
  const tables = new Map<string, WordingTable>();
  const tableFor = (without: number | undefined, fold: number) => {
    const key = `${without}:${fold}`;
    const known = tables.get(key);
    if (known) return known;
    const table = wordingTable(
      [
        ...[phrasingsBy.get(without)].flatMap((counts) => (counts ? [counts] : [])),
        ...askedInFold.filter((_, other) => other !== fold && other !== held),
      ],
      smoothing,
    );
    tables.set(key, table);
    return table;
  };
  return samples.map((sample, index) => {
    const shares = tableFor(sample.phrasingFold, foldOf[index] ?? 0).shares(
      sample.terms,
      sample.ids,
    );
    const first = likeliest(shares);
    return {
      ...sample,
      candidates: sample.candidates.map((candidate, k) => ({
        ...candidate,
        wording: shares[k] ?? 0,
        wordingFirst: k === first ? 1 : 0,
      })),
    };
  });
}
// How much a word an entry was never asked with counts: the smoothing whose wording alone ranks
// a right entry first most often out of fold.
const smoothingFits = (kept ? [kept.smoothing] : [0.03, 0.1, 0.3, 1]).map((smoothing) => {
  const worded = wordedOutOfFold(smoothing);
  const first = worded.filter(
    (sample) =>
      sample.kind === "in-scope" &&
      sample.right.some((index) => sample.candidates[index]?.wordingFirst === 1),
  ).length;
  return { smoothing, worded, first };
});
const wordingFit = smoothingFits.reduce((best, next) => (next.first > best.first ? next : best));
const worded = wordingFit.worded;
/** With each fold held out in turn: no wording figure reads that fold's labels. */
const heldWorded = Array.from({ length: folds }, (_, fold) =>
  wordedOutOfFold(wordingFit.smoothing, fold),
);

/**
 * The scope model learns from every question or follow-up with a right entry against the
 * off-topic ones (each once: an off-topic question is also tried after an answer).
 */
const scopeExamples = samples.flatMap((sample, index) => {
  const offTopic = sample.kind === "off-topic";
  if (offTopic ? sample.question.followUp > 0 : sample.right.length === 0 && !sample.unreachable) {
    return [];
  }
  const example: ScopeExample = { terms: sample.terms, inScope: !offTopic };
  return [{ ...example, index, fold: foldOf[index] }];
});

/**
 * Each sample's scope by a model that never saw its fold, nor the `held` fold: the confidences
 * learn from scope figures as far as they hold on unseen questions, and when a fold is held out
 * to judge them, its labels reach neither its own scope figures nor those they learn from.
 */
function scopesOutOfFold(l2: number, held?: number): number[] {
  const models = Array.from({ length: folds }, (_, fold) =>
    fitScope(
      scopeExamples.filter((example) => example.fold !== fold && example.fold !== held),
      l2,
    ),
  );
  return samples.map((sample, index) => {
    const model = models[foldOf[index] ?? 0];
    if (!model) throw new Error(`no scope model for fold ${foldOf[index]}`);
    return inScope(model, sample.terms);
  });
}

/** Out-of-fold log-loss, each class weighing half as in the fit. */
function scopeLoss(scopes: number[]): number {
  let loss = 0;
  for (const inClass of [true, false]) {
    const own = scopeExamples.filter((example) => example.inScope === inClass);
    for (const example of own) {
      const p = scopes[example.index] ?? 0.5;
      loss -= Math.log(Math.max(1e-6, inClass ? p : 1 - p)) / (2 * own.length);
    }
  }
  return loss;
}
// Its L2 penalty: the one with the best out-of-fold log-loss.
const scopeFits = (kept ? [kept.scope] : [0.0001, 0.0003, 0.001, 0.003, 0.01]).map((l2) => {
  const scopes = scopesOutOfFold(l2);
  return { l2, scopes, loss: scopeLoss(scopes) };
});
const scopeFit = scopeFits.reduce((best, next) => (next.loss < best.loss ? next : best));
/** The samples with these scope figures in place of the blank model's. */
const withScopes = (scopes: number[], from: Labelled[] = worded): Labelled[] =>
  from.map((sample, index) => ({
    ...sample,
    question: { ...sample.question, scope: scopes[index] ?? 0.5 },
  }));
const scoped = withScopes(scopeFit.scopes);

type Verdict = "right" | "choice" | "wrong" | "wrong choice" | "fallback";
type Thresholds = RankerModel["thresholds"];
type Judged = ReturnType<typeof judge>;

const rankedFirst = (sample: Labelled, judged: Judged) => rightFirst(sample.right, judged.order);

function verdict(sample: Labelled, judged: Judged, t: Thresholds): Verdict {
  // Naming nothing about credits is read alone (nearly always the fallback) unless surely so;
  // the reading against the screen must be an answer first (answers.ts), so both bars hold.
  if (sample.onlySure) {
    if (judged.answer < Math.max(t.noCreditWords, t.followUpAnswer)) return "fallback";
    return rankedFirst(sample, judged) ? "right" : "wrong";
  }
  const followingUp = sample.question.followUp > 0;
  const answerAt = followingUp ? t.followUpAnswer : t.answer;
  if (judged.answer >= answerAt) return rankedFirst(sample, judged) ? "right" : "wrong";
  const choices = offered(judged, t.choiceEach, sample.candidates);
  if (judged.choice >= offeredAt(choices.length, choiceBar(t, followingUp))) {
    return rightAmong(sample.right, choices) ? "choice" : "wrong choice";
  }
  return "fallback";
}

/**
 * A ranking's L2 penalty: the one that ranks the right entry first most often out of fold, for
 * questions read alone and for follow-ups apart (a tie goes to the stronger penalty).
 */
const penaltyGrid = [0.01, 0.003, 0.001, 0.0003];
function bestPenalty(followingUp: boolean): number {
  const own = (sample: Labelled) => sample.question.followUp > 0 === followingUp;
  let best = { l2: penaltyGrid[0] ?? 0.01, first: -1 };
  for (const l2 of penaltyGrid) {
    let first = 0;
    for (let fold = 0; fold < folds; fold++) {
      const held = heldWorded[fold] ?? worded;
      const weights = fitRanking(
        held.filter((sample, i) => foldOf[i] !== fold && own(sample)),
        l2,
      );
      held.forEach((sample, i) => {
        if (foldOf[i] !== fold || !own(sample) || sample.right.length === 0) return;
        const probabilities = rankCandidates(weights, sample.candidates);
        const best = Math.max(...sample.right.map((j) => probabilities[j] ?? 0));
        if (probabilities.every((p) => p <= best)) first += 1;
      });
    }
    if (first > best.first) best = { l2, first };
  }
  return best.l2;
}
const penalties: RankingPenalties = kept
  ? { question: kept.question, followUp: kept.followUp }
  : { question: bestPenalty(false), followUp: bestPenalty(true) };

/** With each fold held out in turn, the samples' scope figures (see scopesOutOfFold). */
const heldScopes = Array.from({ length: folds }, (_, fold) =>
  withScopes(scopesOutOfFold(scopeFit.l2, fold), heldWorded[fold]),
);

/** Each sample judged by weights fitted without its fold. */
function outOfFold(choiceEach: number): Judged[] {
  const judged: Judged[] = new Array(samples.length);
  for (let fold = 0; fold < folds; fold++) {
    const own = heldScopes[fold] ?? scoped;
    const model = fitRanker(
      own.filter((sample, i) => foldOf[i] !== fold && !sample.unreachable),
      choiceEach,
      penalties,
    );
    own.forEach((sample, i) => {
      if (foldOf[i] === fold) judged[i] = judge(model, sample.question, sample.candidates);
    });
  }
  return judged;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const rounded = <K extends string>(w: Record<K, number>) =>
  Object.fromEntries(Object.entries<number>(w).map(([k, v]) => [k, round(v)])) as Record<K, number>;

/** The figures per kind of sample; `perSet` adds each in-scope tuning set's own. */
function figures(judged: Judged[], t: Thresholds, perSet = false): Record<string, number> {
  const out: Record<string, number> = {};
  const sets = perSet ? samples.flatMap((sample) => (sample.set ? [sample.set] : [])) : [];
  for (const set of new Set(sets)) {
    const verdicts = samples.flatMap((sample, i) =>
      sample.set === set && judged[i] ? [verdict(sample, judged[i], t)] : [],
    );
    const share = (...vs: Verdict[]) =>
      round(verdicts.filter((v) => vs.includes(v)).length / verdicts.length);
    const first = samples.filter(
      (sample, i) => sample.set === set && judged[i] && rankedFirst(sample, judged[i]),
    );
    out[`set ${set}: ranked first`] = round(first.length / verdicts.length);
    out[`set ${set}: right`] = share("right");
    out[`set ${set}: right or choice`] = share("right", "choice");
    out[`set ${set}: confidently wrong`] = share("wrong");
  }
  for (const kind of kinds) {
    const verdicts = samples.flatMap((sample, i) =>
      sample.kind === kind && judged[i] ? [verdict(sample, judged[i], t)] : [],
    );
    const share = (...vs: Verdict[]) =>
      round(verdicts.filter((v) => vs.includes(v)).length / verdicts.length);
    if (kind === "off-topic") {
      // Over every off-topic question, as the figure is measured in use: those that never reach
      // the ranking fall back by rule.
      const fellBack = (followingUp: boolean) => {
        const own = samples.flatMap((sample, i) =>
          sample.kind === kind && judged[i] && sample.question.followUp > 0 === followingUp
            ? [verdict(sample, judged[i], t)]
            : [],
        );
        const outside = followingUp ? offTopicOutside.afterAnswer : offTopicOutside.alone;
        const fallbacks = own.filter((v) => v === "fallback").length + outside;
        return round(fallbacks / (own.length + outside));
      };
      out["off-topic fallback"] = fellBack(false);
      out[afterAnyKey] = fellBack(true);
      // The hard case, which the follow-up tests bar on its own: after the answer closest to it.
      const afterClosest = samples.flatMap((sample, i) =>
        sample.kind === kind && sample.afterClosest && judged[i]
          ? [verdict(sample, judged[i], t)]
          : [],
      );
      // (A question with a closest answer reaches the ranking, so none of these falls outside.)
      out[closestKey] = round(
        afterClosest.filter((v) => v === "fallback").length / afterClosest.length,
      );
      continue;
    }
    const ranked = samples.flatMap((sample, i) =>
      sample.kind === kind && judged[i] ? [rankedFirst(sample, judged[i])] : [],
    );
    out[`${kind} ranked first`] = round(ranked.filter(Boolean).length / ranked.length);
    out[`${kind} right`] = share("right");
    out[`${kind} right or choice`] = share("right", "choice");
    out[`${kind} confidently wrong`] = share("wrong");
  }
  return out;
}

/**
 * The thresholds that answer the most tuning questions right out of fold (for a question read
 * alone, a "Did you mean" with the right entry counts `choiceCredit`: one click away, where a
 * fallback is a dead end) while at least `minFallback` of the off-topic ones fall back. For
 * questions read alone, at most `maxWrong` of them may get a confident wrong answer; for
 * follow-ups, each confident wrong answer costs `followUpWrongCost` right ones. Questions read
 * alone and follow-ups get a pair each, chosen apart: a follow-up's confidence runs lower, and
 * one pair for both held follow-ups back. How likely
 * each choice of a "Did you mean" must be is chosen the same way, from `choiceEachGrid`.
 */
// Questions: half a point under the 3% the tests bar on the tuning sets (the fitted model's own
// figures there differ from the out-of-fold ones by about that much either way; since the
// wording figure, which ships every fitted question's words, they read better in sample). The
// bar holds in each in-scope set apart: the sets written from the canonical questions are easier
// and, pooled, would hide the wrong answers given on those written from the sources alone
// (in-scope-blind-4: 5.0% out of fold with the pooled bar, 2026-12-03). Holding those two
// together (600 questions, so that one question moves the share by less) answered more, and
// more wrongly on the sealed writer w6 (confidently wrong 4.4% against 2.6% with each apart).
const maxWrong = 0.025;
// Follow-ups have no bar of their own on wrong answers, only on the share read as meant, where a
// wrong answer and a "Did you mean" both count as missed. A confident wrong answer is the worse
// of the two, so it costs: each one as much as two right answers gain. A follow-up's answer
// names the question it answers, so a wrong reading shows at once. (A flat 5% cap before this
// held the follow-up answer bar at 0.675, where 22 of follow-ups-blind-7's 239 got a "Did you
// mean"; at 0.55, which the cost chose, 216 are read as meant against 200, 9 answered wrong
// against 6.)
const followUpWrongCost = 2;
// A follow-up answered with a "Did you mean" has lost the thread: follow-ups are measured by the
// share answered as meant, and that is what their pair is chosen for. Their choices count a
// little, so that among pairs that answer as many, the one whose "Did you mean" holds the right
// entry more often wins (with no credit at all, any choice threshold would tie).
const choiceCredit = { "in-scope": 0.8, "follow-up": 0.1 };
const minFallback = 0.95;
/** The near-misses right after the answer closest to them: the case the follow-up tests bar. */
const closestKey = "off-topic right after the closest answer: fallback";
/** …and right after an answer, arbitrary or closest, which the tests bar too. */
const afterAnyKey = "off-topic right after an answer: fallback";
/** The "Did you mean" choices each must be at least this likely: one of these, fitted too. */
const choiceEachGrid = [0.03, 0.05, 0.1];
const grid: number[] = [];
for (let at = 0.3; at <= 0.975; at += 0.025) grid.push(round(at));

interface Best {
  pair: [number, number];
  value: number;
}

/** What a choice of thresholds is worth: right answers, and right choices at `choiceCredit`. */
function worth(f: Record<string, number>, kind: "in-scope" | "follow-up"): number {
  const right = f[`${kind} right`] ?? 0;
  return right + choiceCredit[kind] * ((f[`${kind} right or choice`] ?? 0) - right);
}

/**
 * The shares of confidently wrong answers the bar holds: over all questions read alone, and in
 * each in-scope set apart.
 */
function wrongShares(judged: Judged[], t: Thresholds): number[] {
  const all: number[] = [];
  const bySet = new Map<string, number[]>();
  samples.forEach((sample, i) => {
    const judgedOne = judged[i];
    if (sample.kind !== "in-scope" || !judgedOne) return;
    const wrong = verdict(sample, judgedOne, t) === "wrong" ? 1 : 0;
    all.push(wrong);
    if (!sample.set) return;
    const own = bySet.get(sample.set) ?? [];
    own.push(wrong);
    bySet.set(sample.set, own);
  });
  const share = (wrongs: number[]) => round(wrongs.reduce((a, b) => a + b, 0) / wrongs.length);
  return [all, ...bySet.values()].map(share);
}

/**
 * The pair for questions read alone (`in-scope`), or for messages read as follow-ups with the
 * pair for questions already set in `base`: a follow-up that stands on its own is judged by it.
 */
function bestPair(
  judged: Judged[],
  base: Thresholds,
  kind: "in-scope" | "follow-up",
  offTopicKey: string,
): Best {
  let best: Best | undefined;
  for (const answer of grid) {
    for (const choice of grid) {
      const t =
        kind === "in-scope"
          ? { ...base, answer, choice }
          : { ...base, followUpAnswer: answer, followUpChoice: choice };
      if (kind === "in-scope" && wrongShares(judged, t).some((share) => share > maxWrong)) {
        continue;
      }
      const f = figures(judged, t);
      if ((f[offTopicKey] ?? 0) < minFallback) continue;
      if (kind === "follow-up" && (f[afterAnyKey] ?? 0) < minFallback) continue;
      const value = kind === "follow-up" ? followUpWorth(f) : worth(f, kind);
      if (!best || value > best.value) best = { pair: [answer, choice], value };
    }
  }
  if (!best) throw new Error(`no thresholds meet the bars for ${kind} on the tuning data`);
  return best;
}

/**
 * With the pair for questions read alone set, the confidence at which a single close entry is
 * offered on its own ("Did you mean this?" instead of the fallback): the one that gives the
 * most right answers and right choices (as `bestPair` counts them) while the off-topic
 * questions still fall back; 1, never, when none does better. It gives no confident answer, so
 * the wrong-answer bar is not at stake.
 */
function bestAlone(judged: Judged[], base: Thresholds): { choiceAlone: number; value: number } {
  let best = { choiceAlone: 1, value: Number.NEGATIVE_INFINITY };
  for (const choiceAlone of [1, ...[...grid].reverse()]) {
    const f = figures(judged, { ...base, choiceAlone });
    if ((f["off-topic fallback"] ?? 0) < minFallback) continue;
    const value = worth(f, "in-scope");
    if (value > best.value) best = { choiceAlone, value };
  }
  return best;
}

/** What a choice of follow-up thresholds is worth: see `followUpWrongCost`. */
const followUpWorth = (f: Record<string, number>) =>
  worth(f, "follow-up") - followUpWrongCost * (f["follow-up confidently wrong"] ?? 0);

/**
 * With the follow-up pair set (chosen with messages that name nothing about credits held to the
 * questions' bar), the bar for those messages: worth the most as follow-ups are counted, while
 * the near-misses right after their closest answer still fall back. A tie keeps the higher bar.
 */
function bestNoCreditWords(judged: Judged[], base: Thresholds): number {
  let best = { noCreditWords: 1, value: Number.NEGATIVE_INFINITY };
  for (const noCreditWords of [1, ...[...grid].reverse()]) {
    const f = figures(judged, { ...base, noCreditWords });
    if ((f[closestKey] ?? 0) < minFallback || (f[afterAnyKey] ?? 0) < minFallback) continue;
    const value = followUpWorth(f);
    if (value > best.value) best = { noCreditWords, value };
  }
  return best.noCreditWords;
}

// choiceEach is chosen by the questions read alone, where nearly every "Did you mean" is offered.
const candidates = choiceEachGrid.map((choiceEach) => {
  const judged = outOfFold(choiceEach);
  const unset = {
    answer: 1,
    choice: 1,
    choiceEach,
    choiceAlone: 1,
    answerInScope: 1,
    surelyInScope: 1,
    outOfScope: 0,
    followUpAnswer: 1,
    followUpChoice: 1,
    noCreditWords: 1,
  };
  const alone = bestPair(judged, unset, "in-scope", "off-topic fallback");
  const [answer, choice] = alone.pair;
  const single = bestAlone(judged, { ...unset, answer, choice });
  const aloneSet = { ...unset, answer, choice, choiceAlone: single.choiceAlone };
  const followingUp = bestPair(
    judged,
    { ...aloneSet, noCreditWords: answer },
    "follow-up",
    closestKey,
  );
  const [followUpAnswer, followUpChoice] = followingUp.pair;
  const noCreditWords = bestNoCreditWords(judged, { ...aloneSet, followUpAnswer, followUpChoice });
  return { choiceEach, judged, alone, single, followingUp, noCreditWords, value: single.value };
});
const chosen = candidates.reduce((best, next) => (next.value > best.value ? next : best));
const { choiceEach, judged } = chosen;
const [answer, choice] = chosen.alone.pair;
const [followUpAnswer, followUpChoice] = chosen.followingUp.pair;
const { choiceAlone } = chosen.single;
const thresholds: Thresholds = {
  answer,
  choice,
  choiceEach,
  choiceAlone,
  // No lower bar for questions in scope: `npm run fit:answer` chooses one on the development writers.
  answerInScope: answer,
  surelyInScope: 1,
  outOfScope: 0,
  followUpAnswer,
  followUpChoice,
  noCreditWords: chosen.noCreditWords,
};
const weights = fitRanker(
  scoped.filter((sample) => !sample.unreachable),
  thresholds.choiceEach,
  penalties,
);
const scopeModel = fitScope(scopeExamples, scopeFit.l2);
const model: RankerModel = {
  candidate: rounded(weights.candidate),
  scope: { bias: round(scopeModel.bias), terms: rounded(scopeModel.terms) },
  wording: {
    smoothing: wordingFit.smoothing,
    counts: countsRecord(countWords(samples.flatMap(askedFor))),
  },
  followUpCandidate: rounded(weights.followUpCandidate),
  answer: rounded(weights.answer),
  choice: rounded(weights.choice),
  followUpAnswer: rounded(weights.followUpAnswer),
  followUpChoice: rounded(weights.followUpChoice),
  thresholds,
  fitted: {
    date: new Date().toISOString().slice(0, 10),
    samples: samples.length,
    folds,
    penalties: { ...penalties, scope: scopeFit.l2 },
    outOfFold: figures(judged, thresholds, true),
  },
};
writeFileSync("knowledge/ranker.json", `${JSON.stringify(model, null, 2)}\n`);
console.log(JSON.stringify(model.thresholds), JSON.stringify(model.fitted, null, 2));
console.log(
  `wording: smoothing ${wordingFit.smoothing} of ${smoothingFits.map((fit) => `${fit.smoothing} (${fit.first} in-scope first)`).join(", ")}`,
);
console.log(
  `scope: L2 ${scopeFit.l2} of ${scopeFits.map((fit) => `${fit.l2} (log-loss ${fit.loss.toFixed(3)})`).join(", ")}`,
);
const unreachable = samples.filter((sample) => sample.unreachable).length;
console.log(
  `${unreachable} of ${samples.length} samples had the right entry outside the candidates`,
);
if (process.env.MISSES) {
  samples.forEach((s, i) => {
    const j = judged[i];
    if (s.kind !== process.env.MISSES || !j || rankedFirst(s, j)) return;
    const wanted = s.right.map((i) => s.ids[i]).join("|") || "?";
    console.log(`${s.text} → ${s.ids[j.order[0] ?? 0]} (want ${wanted})`);
  });
}
if (process.env.OFFTOPIC) {
  samples.forEach((s, i) => {
    const j = judged[i];
    if (s.kind !== "off-topic" || s.question.followUp > 0 || !j) return;
    if (
      j.answer >= thresholds.answer ||
      j.choice >=
        offeredAt(
          offered(j, thresholds.choiceEach, s.candidates).length,
          choiceBar(thresholds, false),
        )
    )
      console.log(
        `${j.answer.toFixed(2)} ${j.choice.toFixed(2)} ${s.text} → ${s.ids[j.order[0] ?? 0]}`,
      );
  });
}
