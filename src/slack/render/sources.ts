import type { Source } from "../../knowledge/schema.js";
import { limits } from "./limits.js";
import { slackLink } from "./mrkdwn.js";

const sourceKindLabel: Record<Source["kind"], string> = {
  official: "official",
  third_party: "third party",
};

/**
 * "Sources: <url|GetAdCredit> · third party · 2026-06-18", one context element per source, for
 * answers and credit-check verdicts alike; a context block holds at most 10.
 */
export function sourceLines(sources: Source[]): string[] {
  const lines = sources.map((source, index) => {
    const parts = [
      slackLink(source.url, source.publisher),
      sourceKindLabel[source.kind],
      source.date ?? "undated",
    ];
    const lead = index === 0 ? (sources.length > 1 ? "Sources: " : "Source: ") : "";
    return `${lead}${parts.join(" · ")}`;
  });
  if (lines.length <= limits.contextElements) return lines;
  const shown = lines.slice(0, limits.contextElements - 1);
  return [...shown, `and ${lines.length - shown.length} more`];
}
