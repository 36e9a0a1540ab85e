import type { Source } from "../../knowledge/schema.js";
import { limits } from "./limits.js";
import { slackLink } from "./mrkdwn.js";

const sourceKindLabel: Record<Source["kind"], string> = {
  official: "official",
  third_party: "third party",
};

/** A source without the rules' details behind it (it should not happen): linked by its host. */
function hostname(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/**
 * "Sources: <url|GetAdCredit> · third party · 2026-06-18", one context element per source, for
 * answers and credit-check verdicts alike; a context block holds at most 10.
 */
export function sourceLines(sources: (Source | { url: string })[]): string[] {
  const lines = sources.map((source, index) => {
    const parts =
      "publisher" in source
        ? [
            slackLink(source.url, source.publisher),
            sourceKindLabel[source.kind],
            source.date ?? "undated",
          ]
        : [slackLink(source.url, hostname(source.url))];
    const lead = index === 0 ? (sources.length > 1 ? "Sources: " : "Source: ") : "";
    return `${lead}${parts.join(" · ")}`;
  });
  if (lines.length <= limits.contextElements) return lines;
  const shown = lines.slice(0, limits.contextElements - 1);
  return [...shown, `and ${lines.length - shown.length} more`];
}
