import type { Analyzer } from "./text.js";

/**
 * "is ad credit transferable between ad accounts?" then "same for coupons?": the question
 * before, asked again with the follow-up's words in place of the words of their kind (a
 * program, a place, who is asking), as the `swaps` of vocabulary.yml group them.
 */
export interface Swaps {
  /**
   * The question asked again, and the terms swapped in; undefined when the follow-up says
   * anything but words of those kinds (and "same", "does that apply…"), or the question before
   * has no word of their kind to swap out ("and for agencies?" after "what is a JBP?").
   */
  swapped(
    previous: string,
    followUp: string,
  ): { question: string; swappedIn: string[] } | undefined;
}

/**
 * Analysed words that ask whether something holds ("same for coupons?", "does that apply in
 * japan?") and name nothing themselves: a follow-up that swaps may hold them besides what it
 * swaps in.
 */
export const holdingWords: ReadonlySet<string> = new Set([
  "same",
  "apply",
  "work",
  "availabl",
  "valid",
  "exist",
]);

export function createSwaps(kinds: Record<string, readonly string[]>, analyzer: Analyzer): Swaps {
  // Each phrase as the terms the analyzer reads it as, longest first: "new advertiser credit"
  // is one program, not "new advertiser" and "credit".
  const phrases = Object.entries(kinds)
    .flatMap(([kind, words]) => words.map((words) => ({ kind, terms: analyzer.terms(words) })))
    .filter(({ terms }) => terms.length > 0)
    .sort((a, b) => b.terms.length - a.terms.length);

  /** The kind of each term, where a phrase of one covers it. */
  const kindsOf = (terms: readonly string[]): (string | undefined)[] => {
    const marked: (string | undefined)[] = terms.map(() => undefined);
    for (const { kind, terms: phrase } of phrases) {
      for (let at = 0; at + phrase.length <= terms.length; at++) {
        const free = phrase.every(
          (term, i) => marked[at + i] === undefined && terms[at + i] === term,
        );
        if (!free) continue;
        for (let i = 0; i < phrase.length; i++) marked[at + i] = kind;
      }
    }
    return marked;
  };

  return {
    swapped(previous, followUp) {
      const asked = analyzer.terms(followUp).filter((term) => !holdingWords.has(term));
      const askedKinds = kindsOf(asked);
      if (asked.length === 0 || askedKinds.some((kind) => kind === undefined)) return undefined;
      // A follow-up that swapped before ("same for coupons?") has nothing more to swap.
      const before = analyzer.terms(previous).filter((term) => term !== "same");
      const beforeKinds = kindsOf(before);
      const kept = before.filter((_, i) => !askedKinds.includes(beforeKinds[i]));
      if (kept.length === before.length || kept.length === 0) return undefined;
      return { question: [...asked, ...kept].join(" "), swappedIn: asked };
    },
  };
}
