import type { KnowledgeBase } from "./loader.js";
import type { Matcher } from "./matcher.js";

export interface KbReport {
  errors: string[];
  warnings: string[];
}

const day = 24 * 60 * 60 * 1000;

/**
 * What a curator needs to know beyond the schema: alternates that do not lead back to their
 * own entry (errors), and stale check dates or look-alike questions (warnings).
 */
export function checkKnowledgeBase(
  kb: KnowledgeBase,
  matcher: Matcher,
  options: { now: Date; staleDays: number },
): KbReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const entry of kb.entries) {
    entry.alternates.forEach((alternate, index) => {
      const result = matcher.match(alternate);
      const reached =
        result.status === "answered"
          ? result.entry.id
          : result.status === "ambiguous"
            ? `a choice between ${result.choices.map((choice) => choice.entry.id).join(" and ")}`
            : "the fallback";
      if (result.status !== "answered" || result.entry.id !== entry.id) {
        errors.push(
          `entry "${entry.id}": alternates[${index}] "${alternate}" leads to ${reached}, not to this entry`,
        );
      }
    });
    const age = Math.floor((options.now.getTime() - Date.parse(entry.checked)) / day);
    if (age > options.staleDays) {
      warnings.push(
        `entry "${entry.id}": checked ${entry.checked}, ${age} days ago (over ${options.staleDays}): re-check its sources`,
      );
    }
    const result = matcher.match(entry.question);
    if (result.status === "answered" && result.entry.id !== entry.id) {
      warnings.push(
        `entry "${entry.id}": its own question is answered by "${result.entry.id}": the two are so alike that one hides the other`,
      );
    } else if (result.status === "ambiguous") {
      const other = result.choices.find((choice) => choice.entry.id !== entry.id);
      if (other) {
        warnings.push(
          `entry "${entry.id}": its question is close to "${other.entry.id}": users asking it will be offered both`,
        );
      }
    }
  }
  return { errors, warnings };
}
