import type { Source } from "../knowledge/schema.js";
import { normalize } from "../knowledge/text.js";

/**
 * "is that official?", "says who", "is that confirmed by tiktok", "source?": where an answer
 * comes from. Not "how do we confirm the payout" or "what docs do we need".
 */
const asksWhereFrom =
  /\b(official|offical|oficial|officially|legit|says who|who says|documented)\b|\b(confirmed|verified) by\b|\b(is|was|are) (that|it|this|they) (confirmed|verified|true|real)\b|^sources?$|\bwhat( s| is) the source\b|\bwhere(s| s| is| does| did)? (that|this|it) (come )?from\b|\bin (tiktok s|tiktoks|tiktok|their|the) (own )?docs\b|\btiktoks? (own )?word\b|\bfrom tiktok or\b/;

export const asksProvenance = (question: string) => asksWhereFrom.test(normalize(question));

/**
 * The words a question about provenance is made of, besides what it asks about: they say
 * nothing about which part of an answer it means.
 */
export const provenanceWords =
  "is are was were it that this the those these a an and or so ok but just really actually real " +
  "by from in on tiktok tt tiktoks own does did do come comes says say who where any anywhere " +
  "page pages official offical oficial officially legit confirmed verified documented docs " +
  "source sources true what word some blog blogs site third party wheres";
const around = new Set(provenanceWords.split(" "));
/** Words for a part of the answer on screen: "is that number official?", "is that list legit?". */
const answerParts = new Set(
  (
    "list number numbers figure figures amount amounts info information claim part bit rule " +
    "date dates limit detail details answer stat percentage tier tiers position stance policy"
  ).split(" "),
);
/** "… or just getadcredit", "… or a reseller thing": where else the answer may come from. */
const orElsewhere = /^(.*\b(?:that|this|those|these)\b.*?) or (?:just )?(?<rest>\w+( \w+){0,2})$/;
const elsewhere = new Set(
  (
    "a an some the just getadcredit reseller resellers blog blogs site sites guess guesses " +
    "estimate rumor rumour thing 3rd third party someone made up"
  ).split(" "),
);

/**
 * "is that official?", "says who", "source?": a message that asks only that, naming nothing
 * else ("is getadcredit official?" names a site an entry is about).
 */
export const asksOnlyProvenance = (question: string) => {
  if (!asksProvenance(question)) return false;
  const text = normalize(question);
  const other = orElsewhere.exec(text);
  const naming = other?.groups?.rest?.split(" ").every((word) => elsewhere.has(word));
  return ((naming && other?.[1]) || text)
    .split(" ")
    .every((word) => around.has(word) || answerParts.has(word));
};

// "tt123.com (Chinese mirror of …)" reads as tt123.com inside the reply's own parentheses.
const names = (sources: readonly Source[]) =>
  [...new Set(sources.map((s) => s.publisher.replace(/\s*\(.*\)\s*$/, "")))].join(", ");

/** The sources that are TikTok's own pages, and the third parties'. */
const byKind = (sources: readonly Source[]) => ({
  official: sources.filter((source) => source.kind === "official"),
  others: sources.filter((source) => source.kind === "third_party"),
});

/** Whether an answer cites both TikTok's own pages and third parties. */
export const restsOnBoth = (sources: readonly Source[]) => {
  const { official, others } = byKind(sources);
  return official.length > 0 && others.length > 0;
};

/** Whose word a claim resting on these sources is, in a few words ("TikTok's own pages"). */
export function whoseWord(sources: readonly Source[]): string {
  const { official, others } = byKind(sources);
  if (others.length === 0) return "TikTok's own pages";
  if (official.length === 0)
    return `third parties only (${names(others)}), not confirmed by TikTok`;
  return `TikTok's own pages and third parties (${names(others)})`;
}

/**
 * Whose word an answer rests on, from its sources: TikTok's own pages, third parties (which
 * TikTok has not confirmed), or both. The answer itself names the source of each part.
 * `answer` names it: the last one, for "is that official?", or the one below it.
 */
export function provenance(
  sources: readonly Source[],
  answer: "my last answer" | "this answer" = "my last answer",
): string {
  const { official, others } = byKind(sources);
  if (others.length === 0) {
    return `**TikTok's own word:** ${answer} rests only on TikTok's own pages (${names(official)}).`;
  }
  if (official.length === 0) {
    return `**Not TikTok's word:** ${answer} rests only on third-party sources (${names(others)}), which TikTok has not confirmed.`;
  }
  return (
    `**Partly TikTok's word:** ${answer} rests on TikTok's own pages (${names(official)}) and ` +
    `on third parties (${names(others)}). It names the source of each part; what only a third ` +
    "party says is not confirmed by TikTok."
  );
}

/** "is that still current?", "is this up to date", "sounds outdated": asks how old it is. */
export const asksIfCurrent = (question: string) =>
  /\b(current|up to date|outdated|out of date|old|recent|still (valid|true|the case|right))\b/.test(
    normalize(question),
  );

/** Words around how current an answer is that name nothing else: "is that info still valid?". */
const currencyWords = new Set(
  (
    "is are was it that this these those the info information answer rules still current " +
    "currently up to date outdated out of old recent how now anymore any more valid true case " +
    "right accurate so ok but"
  ).split(" "),
);

/** A message that asks only how current the answer is: "how recent is that?", "still valid?". */
export const asksOnlyIfCurrent = (question: string) =>
  asksIfCurrent(question) &&
  normalize(question)
    .split(" ")
    .every((word) => currencyWords.has(word));

/**
 * How current an answer is: the span of its sources' dates, how many show none, and when it
 * was last checked against them; TikTok can change a program at any time.
 */
export function howCurrent(sources: readonly Source[], checked: string): string {
  const dates = sources.flatMap((source) => (source.date ? [source.date] : [])).sort();
  const undated = sources.length - dates.length;
  const span =
    sources.length === 1
      ? `its one source ${dates[0] ? `is dated ${dates[0]}` : "shows no date"}`
      : dates.length === 0
        ? "none of its sources shows a date"
        : dates.length === 1
          ? `one of its sources is dated, ${dates[0]}`
          : dates[0] === dates.at(-1)
            ? `its dated sources are from ${dates[0]}`
            : `its dated sources run from ${dates[0]} to ${dates.at(-1)}`;
  const rest = dates.length > 0 && undated > 0 ? ` (${undated} more undated)` : "";
  return (
    `**How current:** ${span}${rest}, and I last checked it against them on ${checked}. ` +
    "TikTok can change a program at any time: confirm with your TikTok rep before relying on it."
  );
}
