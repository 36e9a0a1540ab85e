import MiniSearch, { type SearchResult } from "minisearch";
import { type AnalysedEntry, type Bm25Settings, createBroadTerms } from "./broad-terms.js";
import type { KnowledgeBase } from "./loader.js";
import type { Entry } from "./schema.js";
import { type Analyzer, createAnalyzer, fuzziness, fuzzyMinLength, isNearTerm } from "./text.js";

export interface MatchOptions {
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
  | { status: "answered"; entry: Entry; confidence: number }
  | { status: "ambiguous"; choices: Candidate[]; confidence: number }
  | { status: "fallback"; confidence: number; suggestions: Entry[]; closest: Candidate[] };

export interface MatcherSettings {
  /** Below this confidence the question gets the fallback. */
  threshold: number;
  /** Two answers closer than this (and both above the threshold) are offered as a choice. */
  ambiguityMargin: number;
  /** Overrides the entry count above which a term is broad (tests compare with and without). */
  broadTermMinEntries?: number;
}

/** One message, read on its own and, when asked for, as a follow-up: the search runs once. */
export interface Reading {
  /** The question's content terms, as the knowledge base is read. */
  terms: string[];
  alone: MatchResult;
  /** As a follow-up of the entry the person was last answered. */
  asFollowUp(entryId: string): MatchResult;
}

export interface Matcher {
  match(question: string, options?: MatchOptions): MatchResult;
  read(question: string): Reading;
  readonly analyzer: Analyzer;
}

interface EntryTerms {
  phrasing: Set<string>;
  answer: Set<string>;
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
/** …and the search scores the next one at least this share of the closest one's score. */
const scoreTieShare = 0.75;
/** Only the best few results can be answered, offered or suggested; no need to score the rest. */
const candidates = 5;
/** A follow-up looks further down its own ranking: the previous answer may lift one from there. */
const followUpCandidates = 10;
/**
 * How a follow-up leans on the question it follows: that question's words count this share of
 * the follow-up's own, and a follow-up usually asks for something other than the answer already
 * given (`same`), often one of the entries that answer lists as related (`related`).
 */
const followUpShape = { leanShare: 0.3, same: 0.9, related: 1.05 };
/**
 * A term found in more entries than this (and more than this share of them) is broad: the search
 * does not visit every entry that has it, see broad-terms.ts.
 */
const broadTermMinEntries = 200;
const broadTermShare = 0.1;
/** How many candidates found without the broad terms are rescored with them. */
const rescored = 50;
const ranking: Bm25Settings = {
  fieldBoosts: { question: 3, alternates: 2, answer: 1 },
  bm25: { k: 1.2, b: 0.5, d: 0.5 },
};
/** A term found only in an answer's body explains less of a question than one in its phrasings. */
type Credit = "phrasing" | "answer" | "none";
const creditFor: Record<Credit, number> = { phrasing: 1, answer: 0.5, none: 0 };
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
  const analysed: AnalysedEntry[] = kb.entries.map((entry) => ({
    id: entry.id,
    question: analyzer.terms(entry.question),
    alternates: entry.alternates.flatMap((text) => analyzer.terms(text)),
    answer: analyzer.terms(entry.answer),
  }));
  const termsOf = new Map<string, EntryTerms>();
  const entriesWith = new Map<string, number>();
  for (const entry of analysed) {
    const terms = {
      phrasing: new Set([...entry.question, ...entry.alternates]),
      answer: new Set(entry.answer),
    };
    termsOf.set(entry.id, terms);
    for (const term of new Set([...terms.phrasing, ...terms.answer])) {
      entriesWith.set(term, (entriesWith.get(term) ?? 0) + 1);
    }
  }
  /** A word the knowledge base never uses may be a typo or another ending of one it does. */
  const isLoose = (term: string) => term.length >= fuzzyMinLength && !entriesWith.has(term);

  // Fields are indexed already analysed, so the index and the confidence see the same terms.
  const index = new MiniSearch<IndexedEntry>({
    fields: ["question", "alternates", "answer"],
    tokenize: (text) => text.split(" ").filter((term) => term !== ""),
    processTerm: (term) => term,
    searchOptions: {
      boost: ranking.fieldBoosts,
      bm25: ranking.bm25,
      fuzzy: (term) => (isLoose(term) ? fuzziness : false),
      prefix: isLoose,
    },
  });
  index.addAll(
    analysed.map((entry) => ({
      id: entry.id,
      question: entry.question.join(" "),
      alternates: entry.alternates.join(" "),
      answer: entry.answer.join(" "),
    })),
  );

  const documentCount = Math.max(kb.entries.length, 1);
  /** Rarer terms say more about what is asked; unseen terms weigh the most. */
  const weight = (term: string) => Math.log(1 + documentCount / (1 + (entriesWith.get(term) ?? 0)));
  const broadLimit = Math.max(
    settings.broadTermMinEntries ?? broadTermMinEntries,
    documentCount * broadTermShare,
  );
  const broad = createBroadTerms(
    analysed,
    new Set([...entriesWith].filter(([, entries]) => entries > broadLimit).map(([term]) => term)),
    ranking,
  );

  /**
   * The best few entries for these terms, ranked as a full BM25 search would rank them: broad
   * terms find no candidates of their own but still add to each candidate's score.
   */
  const rank = (terms: string[]): SearchResult[] => {
    const narrow = terms.filter((term) => !broad.has(term));
    if (narrow.length === terms.length) return index.search(terms.join(" "));
    const left = terms.filter((term) => broad.has(term));
    const entriesWithTerm = (term: string) => entriesWith.get(term) ?? 0;
    // All broad: the rarest of them picks the candidates.
    const rarest = Math.min(...left.map(entriesWithTerm));
    const seeds =
      narrow.length > 0 ? narrow : left.filter((term) => entriesWithTerm(term) === rarest);
    const rest = left.filter((term) => !seeds.includes(term));
    return index
      .search(seeds.join(" "))
      .slice(0, rescored)
      .map((result) => {
        const id = String(result.id);
        const added = broad.score(id, rest);
        const quality = result.queryTerms.length || 1;
        // The result is this search's own object: rescore it in place.
        result.score = (result.score / quality + added.score) * (quality + added.matched);
        return result;
      })
      .sort((a, b) => b.score - a.score);
  };

  /**
   * Which fields of the entry hold the term: a known term by its own name, a loose one by the
   * document terms the search matched it to (by prefix or a small typo).
   */
  const fieldsWith = (result: SearchResult, found: EntryTerms, term: string): Credit => {
    if (found.phrasing.has(term)) return "phrasing";
    if (found.answer.has(term)) return "answer";
    if (!isLoose(term) || !result.queryTerms.includes(term)) return "none";
    const fields = Object.entries(result.match)
      .filter(([docTerm]) => isNearTerm(docTerm, term))
      .flatMap(([, matched]) => matched);
    if (fields.some((field) => field !== "answer")) return "phrasing";
    return fields.length > 0 ? "answer" : "none";
  };

  const coverage = (
    terms: string[],
    result: SearchResult,
    entry: Entry,
    leanOn: string[] = [],
  ): number => {
    const found = termsOf.get(entry.id);
    let explained = 0;
    let unexplained = 0;
    const asked = new Set(terms);
    const weighed = [
      ...[...asked].map((term) => [term, 1] as const),
      ...[...new Set(leanOn)]
        .filter((term) => !asked.has(term))
        .map((term) => [term, followUpShape.leanShare] as const),
    ];
    for (const [term, share] of weighed) {
      const w = weight(term) * share;
      const credit = found ? creditFor[fieldsWith(result, found, term)] : 0;
      explained += w * credit;
      unexplained += credit === 0 ? Math.min(w, confidenceShape.unknownCap) : w * (1 - credit);
    }
    const { unexplainedWeight, prior } = confidenceShape;
    return explained / (explained + unexplainedWeight * unexplained + prior);
  };

  const toEntry = (result: SearchResult) => kb.byId.get(String(result.id));

  const questionTerms = new Map(analysed.map((entry) => [entry.id, new Set(entry.question)]));
  /** How much the question reads like the entry's canonical question (Jaccard over terms). */
  const questionLikeness = (terms: string[], entry: Entry) => {
    const canonical = questionTerms.get(entry.id) ?? new Set<string>();
    const asked = new Set(terms);
    const reaches = (term: string) => {
      if (canonical.has(term)) return true;
      for (const candidate of canonical) if (isNearTerm(candidate, term)) return true;
      return false;
    };
    let shared = 0;
    for (const term of asked) if (reaches(term)) shared += 1;
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

  type Scored = { result: SearchResult; entry: Entry; confidence: number };
  const scoredBy = (
    results: SearchResult[],
    confidenceOf: (item: Omit<Scored, "confidence">) => number,
  ) =>
    results
      .map((result) => ({ result, entry: toEntry(result) }))
      .filter((item): item is Omit<Scored, "confidence"> => item.entry !== undefined)
      .map((item) => ({ ...item, confidence: confidenceOf(item) }));

  const fallback = (ranked: Scored[], confidence: number): MatchResult => ({
    status: "fallback",
    confidence,
    suggestions: ranked.slice(0, 3).map((item) => item.entry),
    closest: ranked.slice(0, 3).map(({ entry, confidence }) => ({ entry, confidence })),
  });

  /** The best of the question's own ranking, or a "Did you mean" when it cannot tell. */
  const decideAlone = (terms: string[], ranking: SearchResult[]): MatchResult => {
    const ranked = scoredBy(ranking.slice(0, candidates), (item) =>
      coverage(terms, item.result, item.entry),
    );
    // Without a word about credit or billing, only a near-exact match to a phrasing will do.
    const required = analyzer.hasDomainTerm(terms) ? settings.threshold : offDomainThreshold;
    const [best] = ranked;
    if (!best || best.confidence < required) return fallback(ranked, best?.confidence ?? 0);
    const close = ranked
      .filter((item) => best.confidence - item.confidence < settings.ambiguityMargin)
      .map((item) => ({ ...item, likeness: questionLikeness(terms, item.entry) }))
      .sort((a, b) => b.likeness - a.likeness || b.result.score - a.result.score);
    // The best entry is always among the close ones, so `closest` is there.
    const [closest, next] = close;
    if (!closest) return { status: "answered", entry: best.entry, confidence: best.confidence };
    // Asked only when neither the wording nor the search itself tells the entries apart.
    const tied =
      next !== undefined &&
      closest.likeness - next.likeness < likenessMargin &&
      next.result.score >= closest.result.score * scoreTieShare;
    if (tied) {
      return {
        status: "ambiguous",
        confidence: best.confidence,
        choices: close
          .slice(0, 3)
          .map((item) => ({ entry: item.entry, confidence: item.confidence })),
      };
    }
    return { status: "answered", entry: closest.entry, confidence: closest.confidence };
  };

  /**
   * A follow-up ("who negotiates it?") is read against the question it follows: candidates come
   * from its own words and from both together, and the previous question's words count for less
   * than its own when weighing how well each candidate explains it.
   */
  const decideFollowUp = (
    terms: string[],
    ownRanking: SearchResult[],
    context: Entry,
  ): MatchResult => {
    const leanOn = [...(questionTerms.get(context.id) ?? [])];
    const pool = new Map<string, SearchResult>();
    for (const result of [
      ...ownRanking.slice(0, followUpCandidates),
      ...rank([...terms, ...leanOn]).slice(0, followUpCandidates),
    ]) {
      if (!pool.has(String(result.id))) pool.set(String(result.id), result);
    }
    const related = new Set(context.related);
    const lean = (id: string) => {
      if (id === context.id) return followUpShape.same;
      return related.has(id) ? followUpShape.related : 1;
    };
    const ranked = scoredBy([...pool.values()], (item) =>
      Math.min(1, coverage(terms, item.result, item.entry, leanOn) * lean(item.entry.id)),
    ).sort((a, b) => b.confidence - a.confidence || b.result.score - a.result.score);
    // A message that talks credits or uses only words the knowledge base knows ("whats the
    // minimum?", "who negotiates it?") leans on the credit question before it; anything else
    // ("happy friday all", "what's trending this week") must fit as well as any question with no
    // word of the domain.
    const onTopic = analyzer.hasDomainTerm(terms) || terms.every((term) => entriesWith.has(term));
    const required = onTopic ? settings.threshold : offDomainThreshold;
    const [best] = ranked;
    if (!best || best.confidence < required) return fallback(ranked, best?.confidence ?? 0);
    return { status: "answered", entry: best.entry, confidence: best.confidence };
  };

  const nothing: MatchResult = { status: "fallback", confidence: 0, suggestions: [], closest: [] };

  const read = (question: string, options: MatchOptions = {}): Reading => {
    const terms = analyzer.terms(question);
    if (terms.length === 0 || analyzer.isOutOfScope(question)) {
      return { terms, alone: nothing, asFollowUp: () => nothing };
    }
    const curated = options.ignoreCurated ? undefined : exact.get(signature(terms));
    const ranking = curated ? [] : rank(terms);
    const alone: MatchResult = curated
      ? { status: "answered", entry: curated, confidence: 1 }
      : decideAlone(terms, ranking);
    return {
      terms,
      alone,
      asFollowUp(entryId) {
        const context = kb.byId.get(entryId);
        if (!context) return alone;
        return decideFollowUp(terms, curated ? rank(terms) : ranking, context);
      },
    };
  };

  return {
    analyzer,
    match: (question, options) => read(question, options).alone,
    read: (question) => read(question),
  };
}
