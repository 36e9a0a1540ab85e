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
  // With its unit: a bare number is as often a year or a day count.
  amount: /[$€£¥%]|\b\d[\d,.]*\s*(k|usd|eur|gbp|inr|aud|thb|jpy)\b/i,
  where:
    /\b(australia|brazil|canada|germany|france|the uk|the us|united (kingdom|states)|vietnam|japan|taiwan|malaysia|indonesia|thailand|india|singapore|philippines|korea|mexico|europe)\b/i,
};

/**
 * The one passage of an answer that speaks to a follow-up most. Each of the follow-up's terms
 * counts for how much it tells entries apart in the knowledge base (`weightOf`) and for how few
 * passages hold it ("managed" in one item beats "account", common everywhere); a term in every
 * passage tells them apart not at all. Showing what the follow-up asks for (a time, an amount, a
 * country) counts as one more such term. A list item is read by its own words, not the line
 * leading into the list, which its siblings share. When no passage stands out but the line
 * leading into a list does ("when do they get paid?" before the ways a rebate is paid), that
 * list, whole. Undefined when the answer is one passage or nothing stands out.
 */
export function focusedPassage(
  answer: string,
  asked: { terms: readonly string[]; aspect?: Aspect | undefined },
  termsOf: (text: string) => string[],
  weightOf: (term: string) => number,
): string | undefined {
  const all = passages(answer);
  if (all.length < 2) return undefined;
  const own = all.map((passage) => ownText(passage));
  const alone = standingOut(own, asked, termsOf, weightOf);
  if (alone !== undefined) return all[alone];
  const lists = listsOf(answer);
  const pooled = standingOut([...own, ...lists.map((list) => list.lead)], asked, termsOf, weightOf);
  return pooled === undefined || pooled < own.length ? undefined : lists[pooled - own.length]?.text;
}

/** Which of these texts, if any one, holds most of what a follow-up asks (see focusedPassage). */
function standingOut(
  texts: readonly string[],
  asked: { terms: readonly string[]; aspect?: Aspect | undefined },
  termsOf: (text: string) => string[],
  weightOf: (term: string) => number,
): number | undefined {
  const termSets = texts.map((text) => new Set(termsOf(text)));
  const cue = asked.aspect ? aspectCues[asked.aspect] : undefined;
  const signals = [
    ...[...new Set(asked.terms)].map((term) => ({
      weight: weightOf(term),
      holds: termSets.map((terms) => terms.has(term)),
    })),
    ...(cue ? [{ weight: 1, holds: texts.map((text) => cue.test(text)) }] : []),
  ];
  const scores = texts.map(() => 0);
  for (const { weight, holds } of signals) {
    const holding = holds.filter(Boolean).length;
    if (holding === 0 || holding === texts.length) continue;
    const rarity = Math.log(1 + texts.length / holding);
    holds.forEach((held, i) => {
      if (held) scores[i] = (scores[i] ?? 0) + weight * rarity;
    });
  }
  const best = Math.max(...scores);
  const leaders = scores.filter((score) => best - score < 1e-9);
  return best > 0 && leaders.length === 1 ? scores.indexOf(best) : undefined;
}

/** Each list of an answer with the lines leading into it, and the two together. */
function listsOf(markdown: string): { lead: string; text: string }[] {
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .flatMap((block) => {
      const lines = block.split("\n").filter((line) => line.trim() !== "");
      const first = lines.findIndex((line) => listItem.test(line));
      return first > 0 ? [{ lead: lines.slice(0, first).join("\n"), text: lines.join("\n") }] : [];
    });
}

/** A passage's own words: a list item's, without the line leading into its list. */
const ownText = (passage: string) => {
  const lines = passage.split("\n");
  const item = lines.findIndex((line) => listItem.test(line));
  return item > 0 ? lines.slice(item).join("\n") : passage;
};

/**
 * The opening of an answer: its first lines up to any list, which hold the short answer and,
 * usually, whose word it is. A closing sentence that leads into the list ("Grounds it lists:")
 * is left out, since the list is not shown with it; when the opening is that one sentence, its
 * bold short answer stands alone ("**Yes, per GetAdCredit**, plus:" gives "**Yes, per
 * GetAdCredit**"), and with none, there is no opening.
 */
export function opening(answer: string): string {
  const firstBlock = answer.trim().split(/\n\s*\n/)[0] ?? "";
  const lines: string[] = [];
  for (const line of firstBlock.split("\n")) {
    if (listItem.test(line)) break;
    if (line.trim() !== "") lines.push(line);
  }
  const text = lines.join("\n").trim();
  if (!/:(\*\*)?$/.test(text)) return text;
  const ends = [...text.matchAll(/[.!?](\*\*)?(?=\s)/g)].map(
    (found) => found.index + found[0].length,
  );
  const kept = text.slice(0, ends.at(-1) ?? 0).trim();
  // A cut inside bold text would leave its ** unmatched.
  if (kept !== "" && (kept.match(/\*\*/g) ?? []).length % 2 === 0) return kept;
  const bold = /^\*\*([^*]+)\*\*/.exec(text);
  return bold && !bold[1]?.trim().endsWith(":") ? bold[0] : "";
}

/**
 * Whether an answer holds any of a follow-up's terms, or shows what it asks for: some sign that
 * the answer says something about it, short of one passage standing out.
 */
export function touchesOn(
  answer: string,
  asked: { terms: readonly string[]; aspect?: Aspect | undefined },
  termsOf: (text: string) => string[],
): boolean {
  const cue = asked.aspect ? aspectCues[asked.aspect] : undefined;
  const held = new Set(termsOf(answer));
  return asked.terms.some((term) => held.has(term)) || (cue?.test(answer) ?? false);
}
