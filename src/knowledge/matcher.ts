import MiniSearch, { type SearchResult } from "minisearch";
import { answeredAspects, askedAspect } from "./aspects.js";
import { type AnalysedEntry, type Bm25Settings, createBroadTerms } from "./broad-terms.js";
import type { KnowledgeBase } from "./loader.js";
import {
  type CandidateVector,
  choiceBar,
  judge,
  offered,
  offeredAt,
  type QuestionVector,
  type RankerModel,
} from "./ranker.js";
import type { Entry } from "./schema.js";
import { inScope } from "./scope.js";
import { type Analyzer, createAnalyzer, fuzziness, fuzzyMinLength, isNearTerm } from "./text.js";
import { countsFrom, countWords, likeliest, wordingTable } from "./wording.js";

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
  /**
   * `closest`: the likeliest few entries, offered as suggestions; `scope`: how likely the
   * question's words are about what the knowledge base covers (0 when it never reached the ranker).
   */
  | { status: "fallback"; confidence: number; closest: Candidate[]; scope: number };

export interface MatcherSettings {
  /** The fitted ranker: its weights and the probabilities that gate an answer or a choice. */
  model: RankerModel;
  /** Overrides the fitted answer threshold (MATCH_THRESHOLD). */
  threshold?: number;
  /** Overrides the entry count above which a term is broad (tests compare with and without). */
  broadTermMinEntries?: number;
}

/** The ranker's view of one question: what describes it and each candidate entry. */
export interface Features {
  /** The question's content terms, as the knowledge base is read. */
  terms: string[];
  question: QuestionVector;
  candidates: { entry: Entry; features: CandidateVector }[];
}

/** One message, read on its own and, when asked for, as a follow-up: the search runs once. */
export interface Reading {
  /** The question's content terms, as the knowledge base is read. */
  terms: string[];
  /** Read alone, it names nothing about credits or billing (see `judge`). */
  offDomain: boolean;
  /** How likely its words alone are about what the knowledge base covers (see scope.ts). */
  scope: number;
  alone: MatchResult;
  /** Read alone, it is word for word (after folding) one entry's curated phrasing: `alone` is that entry. */
  curated: boolean;
  /**
   * As a follow-up of the entry the person was last answered (whose answer is on screen, so never
   * offered again), or of one offered in a "Did you mean" (`amongChoices`: it may be the one meant).
   */
  asFollowUp(entryId: string, amongChoices?: boolean): MatchResult;
}

export interface Matcher {
  match(question: string, options?: MatchOptions): MatchResult;
  read(question: string): Reading;
  /** What the ranker sees (undefined: the question never reaches it), for fitting the ranker. */
  features(question: string, previousEntryId?: string): Features | undefined;
  readonly analyzer: Analyzer;
  /**
   * The confidence at which a message read against the answer on screen only because it names
   * nothing about credits is answered (see the thresholds in ranker.ts).
   */
  readonly noCreditWordsBar: number;
  /**
   * The confidence a question read alone needs to be answered whatever the scope model reads
   * (below it, only one the scope model reads as in scope is: see the thresholds in ranker.ts).
   */
  readonly answerBar: number;
  /** How much a term tells entries apart: rarer in the knowledge base, more. */
  termWeight(term: string): number;
  /** Whether any entry's phrasings or answer hold the term. */
  knowsTerm(term: string): boolean;
  /** How many entries' phrasings or answers hold the term. */
  entriesHolding(term: string): number;
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

/** How many entries each ranking contributes to the candidates the ranker weighs. */
const poolPerRanking = 10;
/** A follow-up's previous question counts this share of its own words in `coverageInContext`. */
const leanShare = 0.3;
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
 * How `coverage` weighs what a question says that the entry does not explain. A word the
 * knowledge base has never seen counts at most `unknownCap` (people pad questions with client
 * stories); `unexplainedWeight` scales that penalty and `prior` keeps a one-word match modest.
 */
const coverageShape = { unknownCap: 1, unexplainedWeight: 0.3, prior: 1 };

interface IndexedPhrasing {
  id: number;
  entryId: string;
  text: string;
}

interface PlainDocument {
  id: string;
  question: string;
  alternates: string;
  answer: string;
}

/**
 * Finds the candidate entries for a question with three searches (BM25 over the analysed entries,
 * over each curated phrasing on its own, and over the plain words), describes each candidate by
 * how well it explains the question, and lets a ranker fitted on the tuning sets (ranker.ts,
 * knowledge/ranker.json) turn that into probabilities: the best entry is answered when it is
 * likely enough, a few close ones are offered as "Did you mean", anything else falls back. A
 * question about another platform, or with no content words, never reaches the ranking.
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
  const searchOptions = {
    fuzzy: (term: string) => (isLoose(term) ? fuzziness : false),
    prefix: isLoose,
  };
  const analysedTokens = {
    tokenize: (text: string) => text.split(" ").filter((term) => term !== ""),
    processTerm: (term: string) => term,
  };

  // Fields are indexed already analysed, so the index and the features see the same terms.
  const index = new MiniSearch<IndexedEntry>({
    fields: ["question", "alternates", "answer"],
    ...analysedTokens,
    searchOptions: { ...searchOptions, boost: ranking.fieldBoosts, bm25: ranking.bm25 },
  });
  index.addAll(
    analysed.map((entry) => ({
      id: entry.id,
      question: entry.question.join(" "),
      alternates: entry.alternates.join(" "),
      answer: entry.answer.join(" "),
    })),
  );

  // Each curated phrasing on its own: a question often reads like one way of asking it.
  const phrasings: (IndexedPhrasing & { raw: string; terms: Set<string>; signature: string })[] =
    [];
  for (const entry of kb.entries) {
    for (const text of [entry.question, ...entry.alternates]) {
      const terms = analyzer.terms(text);
      phrasings.push({
        id: phrasings.length,
        entryId: entry.id,
        text: terms.join(" "),
        raw: text.trim(),
        terms: new Set(terms),
        signature: signature(terms),
      });
    }
  }
  const phrasingIndex = new MiniSearch<IndexedPhrasing>({
    fields: ["text"],
    storeFields: ["entryId"],
    ...analysedTokens,
    searchOptions,
  });
  phrasingIndex.addAll(phrasings.map(({ id, entryId, text }) => ({ id, entryId, text })));
  const wording = wordingTable(
    [
      countWords(phrasings.map(({ terms, entryId }) => ({ terms: [...terms], ids: [entryId] }))),
      countsFrom(settings.model.wording.counts),
    ],
    settings.model.wording.smoothing,
  );
  const phrasingsOf = new Map<string, typeof phrasings>();
  for (const phrasing of phrasings) {
    phrasingsOf.set(phrasing.entryId, [...(phrasingsOf.get(phrasing.entryId) ?? []), phrasing]);
  }

  // The plain words, as MiniSearch reads them by default: a view that no folding choice biases.
  const plainIndex = new MiniSearch<PlainDocument>({
    fields: ["question", "alternates", "answer"],
  });
  plainIndex.addAll(
    kb.entries.map((entry) => ({
      id: entry.id,
      question: entry.question,
      alternates: entry.alternates.join(" "),
      answer: entry.answer,
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
   * The best entries for these terms, ranked as a full BM25 search would rank them: broad
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
  const fieldsWith = (
    result: SearchResult | undefined,
    found: EntryTerms,
    term: string,
  ): Credit => {
    if (found.phrasing.has(term)) return "phrasing";
    if (found.answer.has(term)) return "answer";
    if (!result || !isLoose(term) || !result.queryTerms.includes(term)) return "none";
    const fields = Object.entries(result.match)
      .filter(([docTerm]) => isNearTerm(docTerm, term))
      .flatMap(([, matched]) => matched);
    if (fields.some((field) => field !== "answer")) return "phrasing";
    return fields.length > 0 ? "answer" : "none";
  };

  /** How much of a term an entry explains (`creditFor`), by the fields `fieldsWith` finds it in. */
  const creditsOf = (id: string, result: SearchResult | undefined) => {
    const found = termsOf.get(id);
    const known = new Map<string, number>();
    return (term: string) => {
      let credit = known.get(term);
      if (credit === undefined) {
        credit = found ? creditFor[fieldsWith(result, found, term)] : 0;
        known.set(term, credit);
      }
      return credit;
    };
  };

  /** How much of the question (its terms weighted by rarity) the entry explains, 0..1. */
  const coverage = (
    terms: string[],
    creditOf: (term: string) => number,
    leanOn: string[] = [],
  ): number => {
    let explained = 0;
    let unexplained = 0;
    const asked = new Set(terms);
    const weighed = [
      ...[...asked].map((term) => [term, 1] as const),
      ...[...new Set(leanOn)]
        .filter((term) => !asked.has(term))
        .map((term) => [term, leanShare] as const),
    ];
    for (const [term, share] of weighed) {
      const w = weight(term) * share;
      const credit = creditOf(term);
      explained += w * credit;
      unexplained += credit === 0 ? Math.min(w, coverageShape.unknownCap) : w * (1 - credit);
    }
    const { unexplainedWeight, prior } = coverageShape;
    return explained / (explained + unexplainedWeight * unexplained + prior);
  };

  const questionTerms = new Map(analysed.map((entry) => [entry.id, new Set(entry.question)]));
  const vocabulary = [...entriesWith.keys()];
  type Reaches = (terms: Set<string>, term: string) => boolean;
  /**
   * Whether a question term reaches one of a phrasing's terms (the same, or a prefix or typo
   * away). Each question term is compared with the knowledge base's vocabulary once, not with
   * every phrasing of every candidate: long questions stay fast.
   */
  const reacherFor = (): Reaches => {
    const near = new Map<string, string[]>();
    return (terms, term) => {
      if (terms.has(term)) return true;
      let found = near.get(term);
      if (!found) {
        found = vocabulary.filter((known) => known !== term && isNearTerm(known, term));
        near.set(term, found);
      }
      return found.some((known) => terms.has(known));
    };
  };
  /** How much the question reads like the entry's canonical question (Jaccard over terms). */
  const questionLikeness = (terms: string[], entry: Entry, reaches: Reaches) => {
    const canonical = questionTerms.get(entry.id) ?? new Set<string>();
    const asked = new Set(terms);
    let shared = 0;
    for (const term of asked) if (reaches(canonical, term)) shared += 1;
    return shared / (asked.size + canonical.size - shared || 1);
  };
  /** The closest of the entry's phrasings by rarity-weighted overlap (Jaccard), 0..1. */
  const phrasingOverlap = (
    terms: string[],
    entryId: string,
    skip: string | undefined,
    reaches: Reaches,
  ) => {
    const asked = new Set(terms);
    let best = 0;
    for (const phrasing of phrasingsOf.get(entryId) ?? []) {
      if (phrasing.raw === skip) continue;
      let shared = 0;
      let union = 0;
      for (const term of asked) {
        const w = weight(term);
        union += w;
        if (reaches(phrasing.terms, term)) shared += w;
      }
      for (const term of phrasing.terms) if (!asked.has(term)) union += weight(term);
      if (union > 0) best = Math.max(best, shared / union);
    }
    return best;
  };

  const aspectsOf = new Map(
    kb.entries.map((entry) => [entry.id, answeredAspects(entry.question, entry.alternates)]),
  );

  // A question that reads, word for word after folding, like one curated phrasing is that entry.
  const exact = new Map<string, Entry | null>();
  for (const phrasing of phrasings) {
    const entry = kb.byId.get(phrasing.entryId);
    const owner = exact.get(phrasing.signature);
    if (entry && phrasing.signature !== "") {
      exact.set(phrasing.signature, owner === undefined || owner?.id === entry.id ? entry : null);
    }
  }

  /** Each entry's best score in a ranking, relative to the best entry's (1 for the best). */
  const relative = (results: { id: string; score: number }[]) => {
    const byEntry = new Map<string, number>();
    for (const { id, score } of results) byEntry.set(id, Math.max(byEntry.get(id) ?? 0, score));
    const top = Math.max(0, ...byEntry.values());
    const ordered = [...byEntry].sort((a, b) => b[1] - a[1]);
    return {
      top: ordered.slice(0, poolPerRanking).map(([id]) => id),
      first: ordered[0]?.[0],
      share: (id: string) => (top > 0 ? (byEntry.get(id) ?? 0) / top : 0),
    };
  };

  interface Context {
    previous: Entry;
    leanOn: string[];
  }

  const describe = (
    question: string,
    terms: string[],
    ownRanking: SearchResult[],
    options: MatchOptions,
    context?: Context,
  ): Features => {
    // `kb check` asks how a phrasing fares without itself: only that very phrasing is left out.
    const skip = options.ignoreCurated ? question.trim() : undefined;
    const analysedResults = new Map(ownRanking.map((result) => [String(result.id), result]));
    const search = relative(
      ownRanking
        .slice(0, rescored)
        .map((result) => ({ id: String(result.id), score: result.score })),
    );
    const phrasingHits = phrasingIndex
      .search(terms.join(" "))
      .filter((hit) => skip === undefined || phrasings[Number(hit.id)]?.raw !== skip)
      .slice(0, 4 * poolPerRanking)
      .map((hit) => ({ id: String(hit.entryId), score: hit.score }));
    const closest = relative(phrasingHits);
    const plain = relative(
      plainIndex
        .search(question)
        .slice(0, rescored)
        .map((hit) => ({ id: String(hit.id), score: hit.score })),
    );
    const pool = new Set([...search.top, ...closest.top, ...plain.top]);
    // A follow-up searched together with the question it follows: "who gets it?" after the
    // credit line reads as who gets the credit line.
    const inContext =
      context &&
      relative(
        rank([...terms, ...context.leanOn])
          .slice(0, rescored)
          .map((result) => ({ id: String(result.id), score: result.score })),
      );
    if (context && inContext) {
      for (const id of inContext.top) pool.add(id);
      pool.add(context.previous.id);
      for (const id of context.previous.related) pool.add(id);
    }
    const asked = askedAspect(question);
    const related = new Set(context?.previous.related ?? []);
    const reaches = reacherFor();
    const credits = new Map([...pool].map((id) => [id, creditsOf(id, analysedResults.get(id))]));
    const distinctOf = distinctCoverage(
      terms,
      [...pool],
      (id, term) => credits.get(id)?.(term) ?? 0,
    );
    const ids = [...pool].filter((id) => kb.byId.has(id) && credits.has(id));
    // A curated phrasing checked against the others (`kb check`) counts for itself in no figure.
    const self = skip === undefined ? undefined : phrasings.find((p) => p.raw === skip);
    const worded = wording.shares(
      terms,
      ids,
      self && { terms: [...self.terms], ids: [self.entryId] },
    );
    const likeliestWorded = likeliest(worded);
    const candidates = ids.flatMap((id, index) => {
      const entry = kb.byId.get(id);
      const creditOf = credits.get(id);
      if (!entry || !creditOf) return [];
      const own = coverage(terms, creditOf);
      const answers = aspectsOf.get(id);
      const features: CandidateVector = {
        coverage: own,
        coverageInContext: context ? coverage(terms, creditOf, context.leanOn) : own,
        search: search.share(id),
        searchFirst: search.first === id ? 1 : 0,
        searchInContext: inContext ? inContext.share(id) : 0,
        searchInContextFirst: inContext?.first === id ? 1 : 0,
        plain: plain.share(id),
        plainFirst: plain.first === id ? 1 : 0,
        phrasing: closest.share(id),
        phrasingFirst: closest.first === id ? 1 : 0,
        phrasingOverlap: phrasingOverlap(terms, id, skip, reaches),
        likeness: questionLikeness(terms, entry, reaches),
        distinct: distinctOf.get(id) ?? 0,
        wording: worded[index] ?? 0,
        wordingFirst: likeliestWorded === index ? 1 : 0,
        aspect: !asked || !answers?.size ? 0 : answers.has(asked) ? 1 : -1,
        previous: context?.previous.id === id ? 1 : 0,
        relatedToPrevious: related.has(id) ? 1 : 0,
        previousTopic: context ? coverage(context.leanOn, creditsOf(id, undefined)) : 0,
      };
      return [{ entry, features }];
    });
    let total = 0;
    let unknown = 0;
    for (const term of new Set(terms)) {
      const w = weight(term);
      total += w;
      if (!entriesWith.has(term)) unknown += w;
    }
    return {
      terms,
      question: {
        // After an answer, a message in words the knowledge base knows ("who qualifies for
        // it?") leans on that answer's topic, which is about credits.
        offDomain: analyzer.hasDomainTerm(terms) || (context && unknown === 0) ? 0 : 1,
        unknown: total > 0 ? unknown / total : 1,
        shortness: 1 / Math.max(1, new Set(terms).size),
        followUp: context ? 1 : 0,
        scope: inScope(settings.model.scope, terms),
      },
      candidates,
    };
  };

  const { thresholds } = settings.model;
  const standalone = {
    answer: settings.threshold ?? thresholds.answer,
    ...choiceBar(thresholds, false),
  };
  const followingUp = { answer: thresholds.followUpAnswer, ...choiceBar(thresholds, true) };

  /**
   * The ranker's verdict: the likeliest entry, a "Did you mean", or the fallback. A follow-up's
   * choices and closest entries skip the entry it follows unless `keepPrevious` (that entry was
   * one offered in a "Did you mean", not an answer on screen).
   */
  const decide = (features: Features, keepPrevious = false): MatchResult => {
    const judged = judge(
      settings.model,
      features.question,
      features.candidates.map((candidate) => candidate.features),
    );
    const at = (i: number) => ({
      entry: (features.candidates[i] as Features["candidates"][number]).entry,
      confidence: judged.probabilities[i] ?? 0,
    });
    const [best] = judged.order;
    const { followUp, scope, shortness } = features.question;
    const bar = followUp > 0 ? followingUp : standalone;
    // One word ("refund") names a topic, not what is asked of it: its choices stay a question.
    const asksSomething = shortness < 1;
    const answerAt =
      followUp === 0 && asksSomething && scope >= thresholds.surelyInScope
        ? Math.min(bar.answer, thresholds.answerInScope)
        : bar.answer;
    const candidates = keepPrevious
      ? []
      : features.candidates.map((candidate) => candidate.features);
    const fallback = (): MatchResult => ({
      status: "fallback",
      confidence: judged.answer,
      closest: offered(judged, 0, candidates).map(at),
      scope,
    });
    // Read alone, words this unlike the knowledge base's ask about something else, however
    // well they match ("ideal video length for in-feed ads?").
    if (followUp === 0 && scope < thresholds.outOfScope) return fallback();
    if (best !== undefined && judged.answer >= answerAt) {
      return { status: "answered", entry: at(best).entry, confidence: judged.answer };
    }
    const choices = offered(judged, thresholds.choiceEach, candidates).map(at);
    if (judged.choice >= offeredAt(choices.length, bar)) {
      return { status: "ambiguous", confidence: judged.answer, choices };
    }
    return fallback();
  };

  const nothing: MatchResult = { status: "fallback", confidence: 0, closest: [], scope: 0 };
  const reachesRanker = (question: string, terms: string[]) =>
    terms.length > 0 && !analyzer.isOutOfScope(question);
  const contextOf = (entryId: string): Context | undefined => {
    const previous = kb.byId.get(entryId);
    return previous && { previous, leanOn: [...(questionTerms.get(previous.id) ?? [])] };
  };

  const read = (question: string, options: MatchOptions = {}): Reading => {
    const terms = analyzer.terms(question);
    if (!reachesRanker(question, terms)) {
      return {
        terms,
        offDomain: false,
        scope: 0,
        alone: nothing,
        curated: false,
        asFollowUp: () => nothing,
      };
    }
    const curated = options.ignoreCurated ? undefined : exact.get(signature(terms));
    const ranking = rank(terms);
    const alone: MatchResult = curated
      ? { status: "answered", entry: curated, confidence: 1 }
      : decide(describe(question, terms, ranking, options));
    return {
      terms,
      offDomain: !analyzer.hasDomainTerm(terms),
      scope: inScope(settings.model.scope, terms),
      alone,
      curated: Boolean(curated),
      asFollowUp(entryId, amongChoices = false) {
        const context = contextOf(entryId);
        if (!context) return alone;
        return decide(describe(question, terms, ranking, options, context), amongChoices);
      },
    };
  };

  return {
    analyzer,
    noCreditWordsBar: thresholds.noCreditWords,
    answerBar: standalone.answer,
    termWeight: weight,
    knowsTerm: (term) => entriesWith.has(term),
    entriesHolding: (term) => entriesWith.get(term) ?? 0,
    match: (question, options) => read(question, options).alone,
    read: (question) => read(question),
    features(question, previousEntryId) {
      const terms = analyzer.terms(question);
      if (!reachesRanker(question, terms)) return undefined;
      const context = previousEntryId === undefined ? undefined : contextOf(previousEntryId);
      return describe(question, terms, rank(terms), {}, context);
    },
  };
}

/**
 * Each candidate's share of the question's terms, each weighed by how few candidates explain it
 * (an inverse document frequency within the candidates): 0..1.
 */
function distinctCoverage(
  terms: string[],
  ids: string[],
  creditOf: (id: string, term: string) => number,
): Map<string, number> {
  const asked = [...new Set(terms)];
  const credits = ids.map((id) => asked.map((term) => creditOf(id, term)));
  const weights = asked.map((_, t) => {
    const explaining = credits.filter((row) => (row[t] ?? 0) > 0).length;
    return Math.log(1 + ids.length / (1 + explaining));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return new Map(
    ids.map((id, i) => {
      const row = credits[i] ?? [];
      const explained = weights.reduce((sum, w, t) => sum + w * (row[t] ?? 0), 0);
      return [id, total > 0 ? explained / total : 0];
    }),
  );
}

/** A question's terms as one key, order and repeats aside: equal keys read word for word alike. */
export function signature(terms: string[]): string {
  return [...new Set(terms)].sort().join(" ");
}
