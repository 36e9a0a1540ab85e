import type { Source } from "../knowledge/schema.js";
import type { Rules } from "./rules-schema.js";
import type { CheckResult } from "./types.js";

/**
 * Who published each page a result cites, whether it is TikTok's own, and its date, as the rules
 * file gives them. The result itself lists only URLs: that is the CLI's JSON contract.
 */
export function citedSources(result: CheckResult, rules: Rules): Source[] {
  const byUrl = new Map<string, Source>();
  for (const program of result.programs) {
    for (const source of rules.programs[program.id].sources) byUrl.set(source.url, source);
  }
  return [...byUrl.values()];
}
