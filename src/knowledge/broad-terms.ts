/** An entry's analysed terms per indexed field. */
export interface AnalysedEntry {
  id: string;
  question: string[];
  alternates: string[];
  answer: string[];
}

export type Field = Exclude<keyof AnalysedEntry, "id">;

export interface Bm25Settings {
  fieldBoosts: Record<Field, number>;
  bm25: { k: number; b: number; d: number };
}

export interface BroadTerms {
  has(term: string): boolean;
  /**
   * The BM25 score these broad terms add to one entry, and how many of them it contains, computed
   * as MiniSearch would have had they been in the query.
   */
  score(entryId: string, terms: string[]): { score: number; matched: number };
}

const fields: Field[] = ["question", "alternates", "answer"];

/**
 * A term in most entries ("credit", "account") barely changes which entry ranks first, yet
 * scoring it means visiting every entry that has it. The search leaves such terms out and this
 * adds their share back to the few candidates it returns, with MiniSearch's own BM25+ formula and
 * field statistics (field length = distinct terms, as MiniSearch counts it), so the order of the
 * candidates is the one a full search would give.
 */
export function createBroadTerms(
  entries: readonly AnalysedEntry[],
  broad: ReadonlySet<string>,
  settings: Bm25Settings,
): BroadTerms {
  const count = Math.max(entries.length, 1);
  const averageLength = new Map<Field, number>();
  const entriesWith = new Map<Field, Map<string, number>>();
  const frequencies = new Map<string, Map<Field, { tf: Map<string, number>; length: number }>>();

  for (const field of fields) {
    const perTerm = new Map<string, number>();
    let total = 0;
    for (const entry of entries) {
      const terms = entry[field];
      const distinct = new Set(terms);
      total += distinct.size;
      const tf = new Map<string, number>();
      for (const term of terms) if (broad.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const term of tf.keys()) perTerm.set(term, (perTerm.get(term) ?? 0) + 1);
      const byField = frequencies.get(entry.id) ?? new Map();
      byField.set(field, { tf, length: distinct.size });
      frequencies.set(entry.id, byField);
    }
    averageLength.set(field, total / count);
    entriesWith.set(field, perTerm);
  }

  const { k, b, d } = settings.bm25;
  const bm25 = (tf: number, matching: number, length: number, average: number) =>
    Math.log(1 + (count - matching + 0.5) / (matching + 0.5)) *
    (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / (average || 1))));

  // What a broad term adds to an entry does not depend on the question: work it out once.
  const adds = new Map<string, Map<string, number>>();
  for (const [entryId, byField] of frequencies) {
    for (const field of fields) {
      const stats = byField.get(field);
      if (!stats) continue;
      for (const [term, tf] of stats.tf) {
        const perEntry = adds.get(term) ?? new Map<string, number>();
        const share =
          settings.fieldBoosts[field] *
          bm25(
            tf,
            entriesWith.get(field)?.get(term) ?? 0,
            stats.length,
            averageLength.get(field) ?? 0,
          );
        perEntry.set(entryId, (perEntry.get(entryId) ?? 0) + share);
        adds.set(term, perEntry);
      }
    }
  }

  return {
    has: (term) => broad.has(term),
    score(entryId, terms) {
      let score = 0;
      const matched = new Set<string>();
      for (const term of terms) {
        const added = adds.get(term)?.get(entryId);
        if (added === undefined) continue;
        score += added;
        matched.add(term);
      }
      return { score, matched: matched.size };
    },
  };
}
