import { z } from "zod";

/**
 * Per entry, how many of the questions that asked for it use each analysed word: each question
 * counts a word once, and a question with several right entries counts a share for each.
 */
export const wordCountsSchema = z.record(
  z.string(),
  z.record(z.string(), z.number().nonnegative().finite()),
);
type WordCounts = z.infer<typeof wordCountsSchema>;

/** The words of the labelled questions the fit learned from, and how much an unseen word counts. */
export const wordingSchema = z.object({
  smoothing: z.number().positive().finite(),
  counts: wordCountsSchema,
});

/** A question (or curated phrasing) as its analysed words, and the entries that answer it. */
export interface Worded {
  terms: readonly string[];
  ids: readonly string[];
}

type Counts = Map<string, Map<string, number>>;

/** Adds each question's words to the counts of the entries that answer it. */
export function countWords(questions: Iterable<Worded>, into: Counts = new Map()): Counts {
  for (const { terms, ids } of questions) {
    if (ids.length === 0) continue;
    const share = 1 / ids.length;
    for (const id of ids) {
      const own = into.get(id) ?? new Map<string, number>();
      into.set(id, own);
      for (const term of new Set(terms)) own.set(term, (own.get(term) ?? 0) + share);
    }
  }
  return into;
}

export const countsFrom = (record: WordCounts): Counts =>
  new Map(Object.entries(record).map(([id, terms]) => [id, new Map(Object.entries(terms))]));

export const countsRecord = (counts: Counts, digits = 3): WordCounts => {
  const scale = 10 ** digits;
  return Object.fromEntries(
    [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, terms]) => [
        id,
        Object.fromEntries(
          [...terms]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([term, n]) => [term, Math.round(n * scale) / scale]),
        ),
      ]),
  );
};

/** Each entry's canonical question and curated alternates, as its askers' words. */
export const phrasingWords = (
  entries: readonly { id: string; question: string; alternates: readonly string[] }[],
  terms: (text: string) => string[],
): Worded[] =>
  entries.flatMap((entry) =>
    [entry.question, ...entry.alternates].map((text) => ({ terms: terms(text), ids: [entry.id] })),
  );

export interface WordingTable {
  /**
   * Each candidate's probability among `ids`, from how the question's words read for each;
   * `without`: a question counted in the table that must not count for itself (a curated
   * phrasing checked against the others).
   */
  shares(terms: readonly string[], ids: readonly string[], without?: Worded): number[];
}

/** The candidate the wording makes likeliest: none when no word of the question is known. */
export const likeliest = (shares: readonly number[]) => {
  const top = Math.max(...shares);
  const first = shares.indexOf(top);
  return first >= 0 && shares.lastIndexOf(top) === first ? first : -1;
};

/**
 * A naive Bayes reading of the question's words: how likely each entry is to be asked this way,
 * from the words of the questions known to ask for it (curated phrasings, and the labelled
 * questions the fit learned from), with `smoothing` for a word an entry was never asked with.
 * Where the searches weigh a word by how rare it is over all entries, this weighs it by how
 * often each entry is asked with it: "rebate" for agency rebates, "tt4b" for the one-claim rule.
 */
export function wordingTable(parts: readonly Counts[], smoothing: number): WordingTable {
  const counts: Counts = new Map();
  for (const part of parts) {
    for (const [id, terms] of part) {
      const own = counts.get(id) ?? new Map<string, number>();
      counts.set(id, own);
      for (const [term, n] of terms) own.set(term, (own.get(term) ?? 0) + n);
    }
  }
  const vocabulary = new Set<string>();
  const totals = new Map<string, number>();
  for (const [id, terms] of counts) {
    let total = 0;
    for (const [term, n] of terms) {
      vocabulary.add(term);
      total += n;
    }
    totals.set(id, total);
  }
  const spread = smoothing * Math.max(1, vocabulary.size);
  return {
    shares(terms, ids, without) {
      if (ids.length === 0) return [];
      const known = [...new Set(terms)].filter((term) => vocabulary.has(term));
      const left = without ? new Set(without.terms) : new Set<string>();
      const leftShare = without ? 1 / Math.max(1, without.ids.length) : 0;
      const logs = ids.map((id) => {
        const own = counts.get(id);
        const less = without?.ids.includes(id) ? leftShare : 0;
        const total = (totals.get(id) ?? 0) - less * left.size;
        const denominator = Math.log(Math.max(0, total) + spread);
        let sum = 0;
        for (const term of known) {
          const n = (own?.get(term) ?? 0) - (left.has(term) ? less : 0);
          sum += Math.log(Math.max(0, n) + smoothing) - denominator;
        }
        return sum;
      });
      const top = Math.max(...logs);
      const exps = logs.map((log) => Math.exp(log - top));
      const total = exps.reduce((a, b) => a + b, 0);
      return exps.map((value) => value / total);
    },
  };
}
