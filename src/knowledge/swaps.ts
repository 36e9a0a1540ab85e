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

/** Words said in passing that a swapping follow-up may hold ("wait, same for coupons?"). */
const asides: ReadonlySet<string> = new Set(["wait", "oh", "ah"]);

/** The same word, whatever its ending: "automatic" and "automatically". */
const sameWord = (term: string) => (other: string) =>
  term === other ||
  (Math.min(term.length, other.length) >= 6 && (term.startsWith(other) || other.startsWith(term)));

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
      const said = analyzer.terms(followUp).filter((term) => !holdingWords.has(term));
      const saidKinds = kindsOf(said);
      const swappedIn = said.filter((_, i) => saidKinds[i] !== undefined);
      // A follow-up that swapped before ("same for coupons?") has nothing more to swap.
      const before = analyzer.terms(previous).filter((term) => term !== "same");
      // Besides what it swaps in, a follow-up may only echo the question before ("is it
      // automatic for coupons too?" after "does the new advertiser credit apply automatically").
      const echoes = said.every(
        (term, i) => saidKinds[i] !== undefined || asides.has(term) || before.some(sameWord(term)),
      );
      if (swappedIn.length === 0 || !echoes) return undefined;
      const kinds = new Set(saidKinds.filter((kind) => kind !== undefined));
      const beforeKinds = kindsOf(before);
      const kept = before.filter((_, i) => !kinds.has(beforeKinds[i] ?? ""));
      if (kept.length === 0) return undefined;
      // A question that names no program takes the one named ("same for woocommerce?" after
      // "does tax count toward the promo spend threshold"); nothing else is added that way
      // ("and for agencies?" after "what is a JBP?" is no swap).
      if (kept.length === before.length && !(kinds.size === 1 && kinds.has("programs"))) {
        return undefined;
      }
      return { question: [...swappedIn, ...kept].join(" "), swappedIn };
    },
  };
}
