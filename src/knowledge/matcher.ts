import MiniSearch, { type SearchResult } from "minisearch";
import type { KnowledgeBase } from "./loader.js";
import type { Entry } from "./schema.js";
import { type Analyzer, createAnalyzer } from "./text.js";

export interface MatchOptions {
  /** The entry the person was last answered; a short follow-up is read against it. */
  contextEntryId?: string;
}

export interface Candidate {
  entry: Entry;
  confidence: number;
}

export type MatchResult =
  | { status: "answered"; entry: Entry; confidence: number; runnerUp?: Candidate }
  | { status: "ambiguous"; choices: Candidate[]; confidence: number }
  | { status: "fallback"; confidence: number; suggestions: Entry[] };

export interface MatcherSettings {
  /** Below this confidence the question gets the fallback. */
  threshold: number;
  /** Two answers closer than this (and both above the threshold) are offered as a choice. */
  ambiguityMargin: number;
}

export interface Matcher {
  match(question: string, options?: MatchOptions): MatchResult;
  readonly analyzer: Analyzer;
}

interface IndexedEntry {
  id: string;
  question: string;
  alternates: string;
  answer: string;
}

/** Short terms ("cl", "bc", "jbp") must match exactly; longer ones tolerate typos and endings. */
const fuzzyMinLength = 5;
const fuzziness = 0.2;
/** Only the best few results can be answered, offered or suggested; no need to score the rest. */
const candidates = 5;
const phrasingFields = new Set(["question", "alternates"]);
/** A term found only in an answer's body explains less of a question than one in its phrasings. */
const answerOnlyCredit = 0.5;
/**
 * How confidence weighs what a question says that the entry does not explain. A word the
 * knowledge base has never seen counts at most `unknownCap` (people pad questions with client
 * stories); `unexplainedWeight` scales that penalty and `prior` keeps a one-word match modest.
 */
const confidenceShape = { unknownCap: 1, unexplainedWeight: 0.3, prior: 1 };

/**
 * Ranks entries with BM25 (MiniSearch) over the curated phrasings and the answers, then turns the
 * best result into a 0..1 confidence from how much of the question (its terms weighted by how
 * rare they are in the knowledge base) the entry explains. A question with no word of the
 * domain at all, or about another platform, never reaches the ranking.
 */
export function createMatcher(kb: KnowledgeBase, settings: MatcherSettings): Matcher {
  const analyzer = createAnalyzer(kb.vocabulary);
  const index = new MiniSearch<IndexedEntry>({
    fields: ["question", "alternates", "answer"],
    tokenize: (text) => analyzer.terms(text),
    processTerm: (term) => term,
    searchOptions: {
      boost: { question: 3, alternates: 2, answer: 0.6 },
      fuzzy: (term) => (term.length >= fuzzyMinLength ? fuzziness : false),
      prefix: (term) => term.length >= fuzzyMinLength,
    },
  });
  index.addAll(
    kb.entries.map((entry) => ({
      id: entry.id,
      question: entry.question,
      alternates: entry.alternates.join(" \n "),
      answer: entry.answer,
    })),
  );

  const documentCount = Math.max(kb.entries.length, 1);
  const weights = new Map<string, number>();
  /** Rarer terms say more about what is asked; unseen terms weigh the most. */
  const weight = (term: string) => {
    let value = weights.get(term);
    if (value === undefined) {
      const frequency = index.search(term, { fuzzy: false, prefix: false }).length;
      value = Math.log(1 + documentCount / (1 + frequency));
      weights.set(term, value);
    }
    return value;
  };

  const coverage = (terms: string[], result: SearchResult): number => {
    let explained = 0;
    let unexplained = 0;
    for (const term of new Set(terms)) {
      const w = weight(term);
      const fields = matchedFields(result, term);
      const credit = fields.some((field) => phrasingFields.has(field))
        ? 1
        : fields.length > 0
          ? answerOnlyCredit
          : 0;
      explained += w * credit;
      unexplained += credit === 0 ? Math.min(w, confidenceShape.unknownCap) : w * (1 - credit);
    }
    const { unexplainedWeight, prior } = confidenceShape;
    return explained / (explained + unexplainedWeight * unexplained + prior);
  };

  const toEntry = (result: SearchResult) => kb.byId.get(String(result.id));

  return {
    analyzer,
    match(question, options = {}) {
      const terms = analyzer.terms(question);
      const context = options.contextEntryId ? kb.byId.get(options.contextEntryId) : undefined;
      if (!analyzer.hasDomainTerm(terms) || analyzer.isOutOfScope(question)) {
        return { status: "fallback", confidence: 0, suggestions: [] };
      }
      const related = new Set(context?.related ?? []);
      const query = context ? `${question} ${context.question}` : question;
      const results = index.search(query, {
        boostDocument: (id) => {
          if (!context) return 1;
          if (id === context.id) return 0.6;
          return related.has(String(id)) ? 1.4 : 1;
        },
      });
      const ranked = results
        .slice(0, candidates)
        .map((result) => ({ result, entry: toEntry(result), confidence: coverage(terms, result) }))
        .filter((item): item is typeof item & { entry: Entry } => item.entry !== undefined);
      const [best, second] = ranked;
      if (!best || best.confidence < settings.threshold) {
        return {
          status: "fallback",
          confidence: best?.confidence ?? 0,
          suggestions: ranked.slice(0, 3).map((item) => item.entry),
        };
      }
      const runnerUp = second ? { entry: second.entry, confidence: second.confidence } : undefined;
      const close =
        second &&
        second.confidence >= settings.threshold &&
        best.confidence - second.confidence < settings.ambiguityMargin &&
        second.result.score >= best.result.score * (1 - settings.ambiguityMargin);
      if (close && runnerUp) {
        return {
          status: "ambiguous",
          confidence: best.confidence,
          choices: [{ entry: best.entry, confidence: best.confidence }, runnerUp],
        };
      }
      return { status: "answered", entry: best.entry, confidence: best.confidence, runnerUp };
    },
  };
}

/**
 * MiniSearch reports which document terms matched and which query terms matched, but not which
 * led to which; pair them again with the same prefix and fuzzy rules the search used.
 */
function matchedFields(result: SearchResult, queryTerm: string): string[] {
  if (!result.queryTerms.includes(queryTerm)) return [];
  return Object.entries(result.match)
    .filter(([docTerm]) => isNearTerm(docTerm, queryTerm))
    .flatMap(([, fields]) => fields);
}

function isNearTerm(docTerm: string, queryTerm: string): boolean {
  if (docTerm === queryTerm) return true;
  if (queryTerm.length < fuzzyMinLength) return false;
  if (docTerm.startsWith(queryTerm)) return true;
  return editDistanceAtMost(docTerm, queryTerm, Math.round(queryTerm.length * fuzziness));
}

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return false;
    previous = current;
  }
  return (previous[b.length] ?? limit + 1) <= limit;
}
