import type { Source } from "./schema.js";

/** "GetAdCredit, third party, 2026-06-18: <url>", as plain text (terminal, CLI, check tables). */
export function describeSource(source: Source): string {
  const kind = source.kind === "official" ? "TikTok (official)" : "third party";
  return `${source.publisher}, ${kind}, ${source.date ?? "undated"}: ${source.url}`;
}
