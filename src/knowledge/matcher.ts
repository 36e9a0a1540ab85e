import MiniSearch, { type SearchResult } from "minisearch";
import type { KnowledgeBase } from "./loader.js";
import type { Entry } from "./schema.js";
import { type Analyzer, createAnalyzer, fuzziness, fuzzyMinLength, isNearTerm } from "./text.js";

export interface MatchOptions {
  /** The entry the person was last answered; a short follow-up is read against it. */
  contextEntryId?: string;
  /**
   * Rank as if the question were not itself a curated phrasing: how `kb check` tells whether an
   * alternate would find its entry on its own merits or fits another entry better.
   */
  ignoreCurated?: boolean;
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

const offDomainThreshold = 0.75;
/**
 * Among answers about equally confident, the one whose canonical question reads most like the
 * question wins; when none stands out by this much, the person is asked to choose.
 */
const likenessMargin = 0.1;
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
      boost: { question: 3, alternates: 2, answer: 1 },
      bm25: { k: 1.2, b: 0.5, d: 0.5 },
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

  const questionTerms = new Map(
    kb.entries.map((entry) => [entry.id, new Set(analyzer.terms(entry.question))]),
  );
  /** How much the question reads like the entry's canonical question (Jaccard over terms). */
  const questionLikeness = (terms: string[], entry: Entry) => {
    const canonical = questionTerms.get(entry.id) ?? new Set<string>();
    const asked = new Set(terms);
    const shared = [...asked].filter((term) =>
      [...canonical].some((candidate) => isNearTerm(candidate, term)),
    ).length;
    return shared / (asked.size + canonical.size - shared || 1);
  };

  // A question that reads, word for word after folding, like one curated phrasing is that entry.
  const signature = (terms: string[]) => [...new Set(terms)].sort().join(" ");
  const exact = new Map<string, Entry | null>();
  for (const entry of kb.entries) {
    for (const phrasing of [entry.question, ...entry.alternates]) {
      const key = signature(analyzer.terms(phrasing));
      const owner = exact.get(key);
      if (key !== "") exact.set(key, owner === undefined || owner?.id === entry.id ? entry : null);
    }
  }

  return {
    analyzer,
    match(question, options = {}) {
      const context = options.contextEntryId ? kb.byId.get(options.contextEntryId) : undefined;
      // A follow-up ("who negotiates it?") is read as if it repeated the question it follows.
      const query = context ? `${question} ${context.question}` : question;
      const terms = analyzer.terms(query);
      const asked = context ? analyzer.terms(question) : terms;
      if (terms.length === 0 || analyzer.isOutOfScope(question)) {
        return { status: "fallback", confidence: 0, suggestions: [] };
      }
      const curated = context || options.ignoreCurated ? undefined : exact.get(signature(terms));
      if (curated) return { status: "answered", entry: curated, confidence: 1 };
      // Without a word about credit or billing, only a near-exact match to a phrasing will do.
      const required = analyzer.hasDomainTerm(terms) ? settings.threshold : offDomainThreshold;
      const related = new Set(context?.related ?? []);
      const results = index.search(query, {
        boostDocument: (id) => {
          if (!context) return 1;
          if (id === context.id) return 0.4;
          return related.has(String(id)) ? 1.4 : 1;
        },
      });
      const ranked = results
        .slice(0, candidates)
        .map((result) => ({ result, entry: toEntry(result), confidence: coverage(terms, result) }))
        .filter((item): item is typeof item & { entry: Entry } => item.entry !== undefined);
      const [best] = ranked;
      if (!best || best.confidence < required) {
        return {
          status: "fallback",
          confidence: best?.confidence ?? 0,
          suggestions: ranked.slice(0, 3).map((item) => item.entry),
        };
      }
      const { ambiguityMargin } = settings;
      const close = ranked
        .filter((item) => best.confidence - item.confidence < ambiguityMargin)
        .map((item) => ({ ...item, likeness: questionLikeness(asked, item.entry) }))
        .sort((a, b) => b.likeness - a.likeness || b.result.score - a.result.score);
      const toCandidate = (item: (typeof ranked)[number]) => ({
        entry: item.entry,
        confidence: item.confidence,
      });
      const [closest, next] = close;
      if (closest && next && closest.likeness - next.likeness < likenessMargin) {
        return {
          status: "ambiguous",
          confidence: best.confidence,
          choices: close.slice(0, 3).map(toCandidate),
        };
      }
      if (closest && closest.entry.id !== best.entry.id) {
        const runnerUp = toCandidate(best);
        return {
          status: "answered",
          entry: closest.entry,
          confidence: closest.confidence,
          runnerUp,
        };
      }
      const second = ranked[1];
      return {
        status: "answered",
        entry: best.entry,
        confidence: best.confidence,
        runnerUp: second ? toCandidate(second) : undefined,
      };
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
