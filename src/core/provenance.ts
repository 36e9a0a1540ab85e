import type { Source } from "../knowledge/schema.js";
import { normalize } from "../knowledge/text.js";

/** "is that official?", "says who", "is that in tiktok's own docs": where the answer comes from. */
const asksWhereFrom =
  /\b(official|officially|sources?|confirmed|confirm|legit|verified|says who|who says|documented|docs)\b|\bwhere (is|does|did) (that|this|it) (come )?from\b/;

export const asksProvenance = (question: string) => asksWhereFrom.test(normalize(question));

// What else a message that asks only that may say: "is that really confirmed by tiktok?".
const aroundIt = new Set(
  (
    "is it that this the those these a an and or so ok but just really actually real by from in on " +
    "tiktok tt tiktoks own does did do come comes says say who where any anywhere page pages"
  ).split(" "),
);

/**
 * "is that official?", "says who", "source?": a message that asks only that, naming nothing
 * else ("is getadcredit official?" names a site an entry is about).
 */
export const asksOnlyProvenance = (question: string) =>
  asksProvenance(question) &&
  normalize(question)
    .split(" ")
    .every((word) => aroundIt.has(word) || asksWhereFrom.test(word));

/**
 * Whose word an answer rests on, from its sources: TikTok's own pages, third parties (which
 * TikTok has not confirmed), or both. The answer itself names the source of each part.
 */
export function provenance(sources: readonly Source[]): string {
  const official = sources.filter((source) => source.kind === "official").length;
  const others = [
    ...new Set(sources.filter((s) => s.kind === "third_party").map((s) => s.publisher)),
  ];
  if (others.length === 0)
    return `**Yes:** my last answer rests on TikTok's own pages only (${official}).`;
  const names = others.join(", ");
  if (official === 0) {
    return `**Not from TikTok:** my last answer rests only on third-party sources (${names}), which TikTok has not confirmed.`;
  }
  return (
    `**Partly:** my last answer rests on ${official} of TikTok's own pages and on third parties (${names}). It names the ` +
    "source of each part; what only a third party says is not confirmed by TikTok."
  );
}
