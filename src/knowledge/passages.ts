import type { Aspect } from "./aspects.js";

const listItem = /^\s*(?:[-*]|\d+\.)\s/;

/**
 * The passages of a curated answer: each paragraph, and each list item together with the line
 * that leads into it ("According to GetAdCredit, … a JBP typically:"), so a passage never
 * loses who says it.
 */
export function passages(markdown: string): string[] {
  const found: string[] = [];
  for (const block of markdown.trim().split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((line) => line.trim() !== "");
    const items = lines.flatMap((line, i) => (listItem.test(line) ? [i] : []));
    if (items.length === 0) {
      found.push(lines.join("\n"));
      continue;
    }
    const lead = lines.slice(0, items[0]).join("\n");
    items.forEach((start, k) => {
      const item = lines.slice(start, items[k + 1] ?? lines.length).join("\n");
      found.push(lead ? `${lead}\n${item}` : item);
    });
  }
  return found;
}

// What a passage that answers "how long…?" or "how much…?" shows, whatever its words.
const aspectCues: Partial<Record<Aspect, RegExp>> = {
  time: /\b\d+\s*(business |calendar )?(hours?|days?|weeks?|months?|years?)\b|\b(same day|immediately|instantly)\b/i,
  amount: /[$€£¥%]|\b\d[\d,.]*\s*(k|usd|eur|gbp|inr|aud|thb)?\b/i,
  where:
    /\b(australia|brazil|canada|germany|france|the uk|the us|united (kingdom|states)|vietnam|japan|taiwan|malaysia|indonesia|thailand|india|singapore|philippines|korea|mexico|europe)\b/i,
};

/**
 * The one passage of an answer that speaks to a follow-up: it shares more of the follow-up's
 * terms than any other passage (terms every passage shares tell them apart not at all), or it
 * alone shows what the follow-up asks for (a time, an amount). Undefined when the answer is one
 * passage, or no passage stands out: then the whole answer is the reply.
 */
export function focusedPassage(
  answer: string,
  askedTerms: readonly string[],
  aspect: Aspect | undefined,
  termsOf: (text: string) => string[],
): string | undefined {
  const all = passages(answer);
  if (all.length < 2) return undefined;
  const termSets = all.map((passage) => new Set(termsOf(passage)));
  const telling = [...new Set(askedTerms)].filter((term) => {
    const holding = termSets.filter((terms) => terms.has(term)).length;
    return holding > 0 && holding < all.length;
  });
  const cue = aspect ? aspectCues[aspect] : undefined;
  const scores = all.map(
    (passage, i) =>
      telling.filter((term) => termSets[i]?.has(term)).length + (cue?.test(passage) ? 1 : 0),
  );
  const best = Math.max(...scores);
  if (best === 0 || scores.filter((score) => score === best).length > 1) return undefined;
  return all[scores.indexOf(best)];
}

/**
 * What a follow-up is shown of an answer already on screen: the answer's opening (its short
 * answer, usually naming its source) and the passage that speaks to the follow-up, when one
 * does; undefined when none stands out.
 */
export function excerpt(
  answer: string,
  askedTerms: readonly string[],
  aspect: Aspect | undefined,
  termsOf: (text: string) => string[],
): string | undefined {
  const focus = focusedPassage(answer, askedTerms, aspect, termsOf);
  if (focus === undefined) return undefined;
  const firstBlock = answer.trim().split(/\n\s*\n/)[0] ?? "";
  const opening = firstBlock
    .split("\n")
    .filter((line) => line.trim() !== "")
    .filter((_, i, lines) => !lines.slice(0, i + 1).some((line) => listItem.test(line)))
    .join("\n");
  return opening === "" || focus.startsWith(opening) ? focus : `${opening}\n\n${focus}`;
}
