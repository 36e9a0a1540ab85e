import type { Aspect } from "./aspects.js";
import { normalize } from "./text.js";

const listItem = /^\s*(?:[-*]|\d+\.)\s/;

/** One paragraph of an answer: the lines before any list in it, and the list's items. */
interface Block {
  lead: string;
  items: string[];
}

function blocksOf(markdown: string): Block[] {
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      const lines = block.split("\n").filter((line) => line.trim() !== "");
      const starts = lines.flatMap((line, i) => (listItem.test(line) ? [i] : []));
      const items = starts.map((start, k) => lines.slice(start, starts[k + 1]).join("\n"));
      return { lead: lines.slice(0, starts[0] ?? lines.length).join("\n"), items };
    });
}

/**
 * A passage, and its own words: a list item's, without the line leading into its list (`lead`,
 * which its siblings share).
 */
interface Passage {
  text: string;
  own: string;
  lead?: string;
}

/** A line leading into alternatives ("It is paid one of three ways:"): one item alone misleads. */
const announcesChoices = /\b(one|any) of (the )?(two|three|four|five|\d+)\b/i;

const passagesOf = (blocks: readonly Block[]): Passage[] =>
  blocks.flatMap(({ lead, items }) => {
    if (items.length === 0) return [{ text: lead, own: lead }];
    if (announcesChoices.test(lead)) {
      return [{ text: [lead, ...items].join("\n"), own: items.join("\n") }];
    }
    return items.map((item) => ({ text: lead ? `${lead}\n${item}` : item, own: item, lead }));
  });

/**
 * The passages of a curated answer: each paragraph, and each list item together with the line
 * that leads into it ("According to GetAdCredit, … a JBP typically:"), so a passage never
 * loses who says it.
 */
export const passages = (markdown: string): string[] =>
  passagesOf(blocksOf(markdown)).map((passage) => passage.text);

/**
 * The first part of an answer that `pattern` finds, beyond its opening: a list item with the line
 * leading into it, or a paragraph with its whole list when the paragraph's own lines match
 * ("Most TikTok pages say credit is used before cash, but not all of them:" and the pages).
 */
export function passageMatching(markdown: string, pattern: RegExp): string | undefined {
  const lead = opening(markdown);
  for (const block of blocksOf(markdown)) {
    if (block.lead !== lead && pattern.test(block.lead)) {
      return [block.lead, ...block.items].join("\n");
    }
    const item = block.items.find((line) => pattern.test(line));
    if (item !== undefined) return block.lead ? `${block.lead}\n${item}` : item;
  }
  return undefined;
}

/**
 * The first sentence of an answer that `pattern` finds ("Ask your TikTok rep before promising a
 * client."), a list item counting as one; a sentence that would cut through bold text comes with
 * the rest of its paragraph.
 */
export function sentenceMatching(markdown: string, pattern: RegExp): string | undefined {
  for (const { lead, items } of blocksOf(markdown)) {
    const part = [lead, ...items].find((text) => pattern.test(text));
    if (part === undefined) continue;
    const found = part.split(/(?<=[.!?](?:\*\*)?)\s+/).find((text) => pattern.test(text));
    return found !== undefined && (found.match(/\*\*/g) ?? []).length % 2 === 0
      ? found.replace(/^\s*(?:[-*]|\d+\.)\s+/, "")
      : part;
  }
  return undefined;
}

/** The first paragraph of an answer with its list, for an answer whose opening leads into one. */
export function firstBlock(markdown: string): string {
  const [block] = blocksOf(markdown);
  return block ? [block.lead, ...block.items].filter((line) => line !== "").join("\n") : "";
}

// Where an answer holds everywhere, and the places it may name instead.
const everywhere = "global(ly)?|worldwide|(all|every) (countries|country|regions?|markets?)";
const places =
  "australia|brazil|canada|germany|france|uk|the us|usa|united (kingdom|states)|vietnam|japan|taiwan|malaysia|indonesia|thailand|india|singapore|philippines|korea|mexico|new zealand|nz|uae|dubai|saudi( arabia)?|ksa|qatar|kuwait|bahrain|oman|egypt|morocco|israel|turkey|pakistan|bangladesh|sri lanka|china|hong kong|south africa|nigeria|kenya|ghana|africa|middle east|mena|gcc|spain|italy|netherlands|belgium|ireland|poland|sweden|norway|denmark|finland|switzerland|austria|portugal|greece|romania|czechia|czech republic|nordics|dach|benelux|argentina|chile|colombia|peru|brasil|latin america|north america|south america|south ?east asia|sea|asia|anz|ph|uganda|tanzania|ethiopia|europe|eu|apac|latam|emea";

/** An answer's words that it holds in every country. */
export const appliesEverywhere = new RegExp(`\\b(${everywhere})\\b`, "i");

// What a passage that answers "how long…?" or "how much…?" shows, whatever its words.
const aspectCues: Partial<Record<Aspect, RegExp>> = {
  time: /\b(\d+|one|two|three|four|five|six|seven|ten|a few|several)\s*((business|calendar|working|full|consecutive|straight) )*(hours?|days?|weeks?|months?|years?)\b|\b(same day|immediately|instantly)\b/i,
  // With its unit: a bare number is as often a year or a day count.
  amount: /[$€£¥%]|\b\d[\d,.]*\s*(k|usd|eur|gbp|inr|aud|thb|jpy)\b/i,
  who: /\b(account managers?|reps?|sales( team)?|admins?|finance managers?|owners?|support|agenc(y|ies)|advertisers?|partners?|invit(e|ed|ation))\b/i,
  where: new RegExp(`\\b(${places}|${everywhere})\\b`, "i"),
};

const placesOrEverywhere = new RegExp(`\\b(${places}|${everywhere})\\b`, "gi");

/** The text with the places it names left out ("is it live in south africa" → "is it live in"). */
export const withoutPlaces = (text: string): string => text.replace(placesOrEverywhere, " ");

/** Whether a text shows what a question of this aspect asks for: a time, an amount, a place. */
export const showsAspect = (text: string, aspect: Aspect): boolean =>
  aspectCues[aspect]?.test(text) ?? false;

/**
 * The passage of an answer that speaks to a follow-up most, or the few (at most three, under half
 * of them or items of one list) that speak to it alike, shown together. Each of the follow-up's
 * terms counts for how much it tells entries apart in the knowledge base (`weightOf`) and for how
 * few passages hold it ("managed" in one item beats "account", common everywhere); a term in every
 * passage tells them apart not at all. Showing what the follow-up asks for (a time, an amount, a
 * country) counts as one more such term. A list item is read by its own words, not the line
 * leading into the list, which its siblings share. When no passage stands out but the line leading
 * into a list does ("when do they get paid?" before the ways a rebate is paid), that list, whole.
 * Undefined when the answer is one passage or nothing stands out, or when its opening (always
 * shown) shows what is asked and no passage holds the follow-up's words.
 */
export function focusedPassage(
  answer: string,
  asked: { terms: readonly string[]; aspect?: Aspect | undefined },
  termsOf: (text: string) => string[],
  weightOf: (term: string) => number,
): string | undefined {
  const blocks = blocksOf(answer);
  const all = passagesOf(blocks);
  if (all.length < 2) return undefined;
  const read = (text: string) => ({ text, terms: new Set(termsOf(text)) });
  const own = all.map((passage) => read(passage.own));
  // "where is it available?" of an answer whose opening names the countries: the opening,
  // always shown, answers it, whatever a later passage mentions in passing.
  const cue = asked.aspect ? aspectCues[asked.aspect] : undefined;
  const lead = blocks[0]?.lead ?? "";
  if (cue?.test(lead) && !asked.terms.some((term) => own.some(({ terms }) => terms.has(term)))) {
    return undefined;
  }
  const leaders = standingOut(own, asked, weightOf);
  // "and under manual payment?" of an answer with two items under manual payment: both, when
  // they are a few, each holds every word asked that the answer holds, and those outweigh the
  // words it holds nowhere ("and for managed accounts?" ties two items on "account" alone,
  // which says nothing of managed ones; "does it work for iOS campaigns?" is about iOS).
  const held = asked.terms.filter((term) => own.some(({ terms }) => terms.has(term)));
  const weight = (terms: readonly string[]) => terms.reduce((sum, term) => sum + weightOf(term), 0);
  const holdAll =
    leaders.every((i) => held.every((term) => own[i]?.terms.has(term))) &&
    weight(held) > weight(asked.terms.filter((term) => !held.includes(term)));
  const few =
    leaders.length === 1 ||
    (leaders.length <= 3 &&
      holdAll &&
      // Under half the answer, or items of one list (the versions of a program's criteria).
      (leaders.length * 2 < all.length || oneList(leaders.map((i) => all[i]))));
  if (leaders.length > 0 && few) {
    return together(leaders.flatMap((i) => all[i] ?? []));
  }
  const lists = blocks.filter((block) => block.lead !== "" && block.items.length > 0);
  const pooled = standingOut([...own, ...lists.map((list) => read(list.lead))], asked, weightOf);
  const list = pooled.length === 1 ? lists[(pooled[0] ?? 0) - own.length] : undefined;
  return list && [list.lead, ...list.items].join("\n");
}

/** Whether passages are all items of one list. */
const oneList = (shown: readonly (Passage | undefined)[]) =>
  shown.every((passage) => passage?.lead !== undefined && passage.lead === shown[0]?.lead);

/**
 * Passages shown together: items of one list under the line leading into it, once; passages of
 * different paragraphs apart, so none reads as said by another's lead-in.
 */
function together(shown: readonly Passage[]): string {
  return shown
    .map((passage, i) => {
      const sameList = passage.lead !== undefined && passage.lead === shown[i - 1]?.lead;
      return i === 0 ? passage.text : sameList ? `\n${passage.own}` : `\n\n${passage.text}`;
    })
    .join("");
}

/**
 * Which of these texts hold most of what a follow-up asks (see focusedPassage): none when
 * nothing stands out.
 */
function standingOut(
  texts: readonly { text: string; terms: ReadonlySet<string> }[],
  asked: { terms: readonly string[]; aspect?: Aspect | undefined },
  weightOf: (term: string) => number,
): number[] {
  const cue = asked.aspect ? aspectCues[asked.aspect] : undefined;
  const signals = [
    ...[...new Set(asked.terms)].map((term) => ({
      weight: weightOf(term),
      holds: texts.map(({ terms }) => terms.has(term)),
    })),
    ...(cue ? [{ weight: 1, holds: texts.map(({ text }) => cue.test(text)) }] : []),
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
  if (best <= 0) return [];
  return scores.flatMap((score, i) => (best - score < 1e-9 ? [i] : []));
}

/**
 * The opening of an answer: its first lines up to any list, which hold the short answer and,
 * usually, whose word it is. A closing sentence that leads into the list ("Grounds it lists:")
 * is left out, since the list is not shown with it; when the opening is that one sentence, its
 * bold short answer stands alone ("**Yes, per GetAdCredit**, plus:" gives "**Yes, per
 * GetAdCredit**"), and with none, there is no opening.
 */
export function opening(answer: string): string {
  const text = (blocksOf(answer)[0]?.lead ?? "").trim();
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

const asksDuration =
  /\b(how long|how soon|how quickly|how fast|how many (days|hours|weeks|months)|turnaround|timeline)\b/;

/**
 * Whether a follow-up asks how long something takes ("how long does that take?") of an answer
 * that gives no time at all: a number of hours, days, weeks or months, or "immediately".
 */
export function givesNoDuration(answer: string, question: string): boolean {
  return asksDuration.test(normalize(question)) && !(aspectCues.time?.test(answer) ?? true);
}

/** "is there a min spend?", "how much is it?": a question after an amount. */
const asksFigure =
  /\bhow much\b(?! of)|\b(minimum|min|maximum|max|threshold)\b|\b(limit|cap)( on| for)? (the )?(spend|amount|credit|budget)\b/;
/** A figure in an answer: any number but a year or a date, or one said in words. */
const figureIn =
  /\b(?!(19|20)\d\d\b)\d|\b(two|three|four|five|once|twice|half|percent|thousands?|millions?|minimum|maximum|threshold|limit|cap|floor)\b/i;

/**
 * Whether a follow-up asks for an amount ("is there a min spend?") of an answer that gives
 * none: no number but years and dates, no number in words, and no word of a bound.
 */
export function givesNoFigure(answer: string, question: string): boolean {
  return (
    asksFigure.test(normalize(question)) &&
    !figureIn.test(answer.replace(/\b\d{4}-\d\d(-\d\d)?\b/g, ""))
  );
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
