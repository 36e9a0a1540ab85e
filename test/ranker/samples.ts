import { readsInContext } from "../../src/core/answers.js";
import { detectIntent, mayFollowUp, questionText } from "../../src/core/intents.js";
import type { KnowledgeBase } from "../../src/knowledge/loader.js";
import { createMatcher, type Features } from "../../src/knowledge/matcher.js";
import {
  candidateFeatures,
  confidenceFeatures,
  type RankerModel,
  type Sample,
} from "../../src/knowledge/ranker.js";
import { readEvalSet, readTuningFollowUps, tuningSets } from "../support/eval-set.js";
import { fittedWriters } from "../support/quality.js";
import {
  readSealedFollowUps,
  readSealedInScope,
  readSealedOffTopic,
  statesFact,
} from "../support/sealed-set.js";

/** Where a sample comes from: the figures are reported per kind. */
export type SampleKind = "in-scope" | "held-out phrasing" | "off-topic" | "follow-up";

/** A tuning question as the ranker sees it. */
export interface Labelled extends Sample {
  kind: SampleKind;
  /** The in-scope tuning set it comes from (none for other kinds). */
  set?: string;
  text: string;
  /** The question's analysed terms, which the scope model reads. */
  terms: string[];
  ids: string[];
  /** The entries that answer it, whether or not they are among the candidates. */
  rightIds: string[];
  /** A held-out phrasing: the fold of curated alternates its base was matched without. */
  phrasingFold?: number;
  /** Entries answer it, but none of them is among the candidates. */
  unreachable: boolean;
  /** An off-topic question read right after the answer its words find first: the hard case. */
  afterClosest?: boolean;
  /**
   * Read against the answer on screen only because it names nothing about credits, not because
   * it looks like a follow-up: answered at the `noCreditWords` bar, or else read alone (answers.ts).
   */
  onlySure?: boolean;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * Weights that say nothing yet: the features do not depend on them, except the scope and wording
 * figures, which the fit works out again for each sample out of fold (fit.ts).
 */
export const blankModel: RankerModel = {
  candidate: zeros(candidateFeatures),
  followUpCandidate: zeros(candidateFeatures),
  answer: zeros(confidenceFeatures),
  choice: zeros(confidenceFeatures),
  followUpAnswer: zeros(confidenceFeatures),
  followUpChoice: zeros(confidenceFeatures),
  scope: { bias: 0, terms: {} },
  wording: { smoothing: 0.1, counts: {} },
  thresholds: {
    answer: 0.5,
    choice: 0.5,
    choiceEach: 0.2,
    choiceAlone: 1,
    answerInScope: 0.5,
    surelyInScope: 1,
    outOfScope: 0,
    followUpAnswer: 0.5,
    followUpChoice: 0.5,
    noCreditWords: 0.5,
  },
  fitted: {
    date: "",
    samples: 0,
    folds: 0,
    penalties: { question: 0, followUp: 0, scope: 0 },
    outOfFold: {},
  },
};

const label = (
  kind: SampleKind,
  text: string,
  features: Features | undefined,
  rightIds: string[],
): Labelled[] => {
  if (!features) return [];
  const right = features.candidates.flatMap((candidate, index) =>
    rightIds.includes(candidate.entry.id) ? [index] : [],
  );
  return [
    {
      kind,
      text,
      terms: features.terms,
      ids: features.candidates.map((candidate) => candidate.entry.id),
      rightIds,
      question: features.question,
      candidates: features.candidates.map((candidate) => candidate.features),
      right,
      unreachable: rightIds.length > 0 && right.length === 0,
    },
  ];
};

/** The in-scope set the sealed writers' questions are pooled into. */
const writtenBlind = `sealed ${fittedWriters[0]}-${fittedWriters.at(-1)}`;

/** The tuning data as the ranker sees it. */
export interface TuningData {
  samples: Labelled[];
  /**
   * Off-topic questions that never reach the ranking (they name another platform, or no content
   * word) and so fall back whatever the weights: read alone, and right after an answer.
   */
  offTopicOutside: { alone: number; afterAnswer: number };
}

/**
 * The tuning data: the project's own evaluation sets, the earlier rounds' sealed writers (never
 * this round's) and, so that the ranker learns from the knowledge base itself, every curated
 * alternate held out in turn (five folds, each matched against the base without that fold's
 * alternates).
 */
export function tuningSamples(kb: KnowledgeBase, folds = 5): TuningData {
  const matcher = createMatcher(kb, { model: blankModel });
  const samples: Labelled[] = [];
  const offTopicOutside = { alone: 0, afterAnswer: 0 };
  for (const name of tuningSets.inScope) {
    for (const item of readEvalSet(name)) {
      const expected = item.expect === null ? [] : [item.expect, ...item.also];
      const q = questionText(item.q);
      const labelled = label("in-scope", q, matcher.features(q), expected);
      samples.push(...labelled.map((sample) => ({ ...sample, set: name })));
    }
  }
  // The earlier rounds' sealed writers, each case labelled by the entries that state its fact
  // (as the sealed set judges an answer), pooled into one set for the bars.
  const stating = (patterns: string[]) =>
    kb.entries.filter((entry) => statesFact(patterns, entry)).map((entry) => entry.id);
  for (const item of readSealedInScope(fittedWriters)) {
    const q = questionText(item.q);
    const labelled = label("in-scope", q, matcher.features(q), stating(item.match));
    samples.push(...labelled.map((sample) => ({ ...sample, set: writtenBlind })));
  }
  const ids = kb.entries.map((entry) => entry.id);
  /** As the conversation reads a message after an answer (answers.ts). */
  const readInContext = (text: string) => {
    const terms = matcher.analyzer.terms(text);
    return readsInContext(text, { terms, offDomain: !matcher.analyzer.hasDomainTerm(terms) });
  };
  const onlySure = (text: string) => !mayFollowUp(text, matcher.analyzer.terms(text).length);
  /** The entry a question's words find first: the search, which no fitted weight shapes. */
  const foundFirst = (features: Features | undefined) =>
    features?.candidates.find((candidate) => candidate.features.searchFirst === 1)?.entry.id;
  let asked = 0;
  const offTopicSets = [
    ...tuningSets.offTopic.map((name) => readEvalSet(name)),
    readSealedOffTopic(fittedWriters),
  ];
  for (const set of offTopicSets) {
    for (const item of set) {
      const q = questionText(item.q);
      const alone = matcher.features(q);
      if (!alone) offTopicOutside.alone += 1;
      samples.push(...label("off-topic", q, alone, []));
      // A near-miss right after an answer is no follow-up of it either, when it is read as one:
      // tried after an arbitrary answer, and after the answer closest to it (small talk on the
      // same topic as the answer on screen is the hard case).
      const arbitrary = ids[(asked++ * 31) % ids.length];
      if (!readInContext(q)) continue;
      const closest = foundFirst(alone);
      const afters = new Set([arbitrary, closest]);
      for (const after of afters) {
        if (after === undefined) continue;
        const afterAnswer = matcher.features(q, after);
        const afterClosest = after === closest;
        if (!afterAnswer) offTopicOutside.afterAnswer += 1;
        const labelled = label("off-topic", q, afterAnswer, []);
        samples.push(
          ...labelled.map((sample) => ({ ...sample, afterClosest, onlySure: onlySure(q) })),
        );
      }
    }
  }
  for (const item of readTuningFollowUps()) {
    // A "thanks" never reaches the matcher; anything else with no right entry should fall back.
    if (detectIntent(item.q) !== "question") continue;
    // As the conversation reads it: a message that stands on its own is matched on its own.
    const q = questionText(item.q);
    const after = readInContext(q) ? item.after : undefined;
    const labelled = label("follow-up", q, matcher.features(q, after), item.expect);
    samples.push(...labelled.map((sample) => ({ ...sample, onlySure: !!after && onlySure(q) })));
  }
  // The sealed writers' follow-ups come after a question, not an entry: after the entry its
  // words find first (so the fit does not depend on its own last output).
  for (const item of readSealedFollowUps(fittedWriters)) {
    if (detectIntent(item.next) !== "question") continue;
    const first = foundFirst(matcher.features(questionText(item.first)));
    if (!first) continue;
    const next = questionText(item.next);
    const after = readInContext(next) ? first : undefined;
    const right = item.match ? stating(item.match) : [];
    const labelled = label("follow-up", next, matcher.features(next, after), right);
    samples.push(...labelled.map((sample) => ({ ...sample, onlySure: !!after && onlySure(next) })));
  }
  for (let fold = 0; fold < folds; fold++) {
    const kept = (index: number) => index % folds !== fold;
    const entries = kb.entries.map((entry) => ({
      ...entry,
      alternates: entry.alternates.filter((_, index) => kept(index)),
    }));
    const held = createMatcher(
      { ...kb, entries, byId: new Map(entries.map((entry) => [entry.id, entry])) },
      { model: blankModel },
    );
    for (const entry of kb.entries) {
      entry.alternates.forEach((alternate, index) => {
        if (kept(index)) return;
        const labelled = label("held-out phrasing", alternate, held.features(alternate), [
          entry.id,
        ]);
        samples.push(...labelled.map((sample) => ({ ...sample, phrasingFold: fold })));
      });
    }
  }
  return { samples, offTopicOutside };
}
