import { entryFile, type KnowledgeBase } from "./loader.js";
import type { Matcher } from "./matcher.js";

export interface KbReport {
  errors: string[];
  warnings: string[];
}

const day = 24 * 60 * 60 * 1000;

/**
 * What a curator needs to know beyond the schema: alternates that do not lead back to their
 * own entry (errors), and stale check dates, drafts without a source or look-alike questions
 * (warnings). `matcher` ranks the entries that cite a source; `kb` holds every entry.
 */
export function checkKnowledgeBase(
  kb: KnowledgeBase,
  matcher: Matcher,
  options: { now: Date; staleDays: number; knowledgeDir: string },
): KbReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const entry of kb.entries) {
    const about = `${entryFile(options.knowledgeDir, entry.id)}: entry "${entry.id}"`;
    const age = Math.floor((options.now.getTime() - Date.parse(entry.checked)) / day);
    if (age > options.staleDays) {
      warnings.push(
        `${about}: checked ${entry.checked}, ${age} days ago (over ${options.staleDays}): re-check its sources`,
      );
    }
    if (entry.sources.length === 0) {
      warnings.push(
        `${about}: sources: none cited, so it is never given as an answer: add the page it rests on`,
      );
      continue;
    }
    entry.alternates.forEach((alternate, index) => {
      const where = `${about}: alternates[${index}] "${alternate}"`;
      const result = matcher.match(alternate, { ignoreCurated: true });
      if (result.status === "answered" && result.entry.id === entry.id) return;
      if (result.status === "ambiguous") {
        const ids = result.choices.map((choice) => choice.entry.id);
        const message = `${where} is about as close to ${ids.filter((id) => id !== entry.id).join(" and ")}`;
        if (ids.includes(entry.id))
          warnings.push(`${message}: reword it to say what is special here`);
        else errors.push(`${message}, not to this entry`);
        return;
      }
      const reached = result.status === "answered" ? result.entry.id : "the fallback";
      errors.push(`${where} leads to ${reached}, not to this entry`);
    });
    const result = matcher.match(entry.question, { ignoreCurated: true });
    if (result.status === "answered" && result.entry.id !== entry.id) {
      warnings.push(
        `${about}: its own question is answered by "${result.entry.id}": the two are so alike that one hides the other`,
      );
    } else if (result.status === "ambiguous") {
      const other = result.choices.find((choice) => choice.entry.id !== entry.id);
      if (other) {
        warnings.push(
          `${about}: its question is close to "${other.entry.id}": users asking it will be offered both`,
        );
      }
    }
  }
  return { errors, warnings };
}
