import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { entryFile, type KnowledgeBase } from "./loader.js";
import type { Matcher, MatchResult } from "./matcher.js";
import { normalize } from "./text.js";
import { isOverdue } from "./verification.js";

export interface KbReport {
  errors: string[];
  warnings: string[];
}

const day = 24 * 60 * 60 * 1000;
/**
 * Phrasings matched between two turns of the event loop: the check runs every phrasing through
 * the matcher (tens of seconds for a few thousand), and a curator's save runs it inside the app,
 * which must go on acking Slack meanwhile (a few milliseconds a phrasing, so well under 0.1 s).
 */
const phrasingsPerTurn = 10;

/**
 * What a curator needs to know beyond the schema: alternates that do not lead back to their
 * own entry (errors), and stale check dates, drafts without a source or look-alike questions
 * (warnings). `matcher` ranks the entries that cite a source; `kb` holds every entry.
 */
export async function checkKnowledgeBase(
  kb: KnowledgeBase,
  matcher: Matcher,
  options: { now: Date; staleDays: number; knowledgeDir: string },
): Promise<KbReport> {
  const errors: string[] = [];
  const warnings: string[] = [];
  let matched = 0;
  for (const entry of kb.entries) {
    const about = `${entryFile(options.knowledgeDir, entry.id)}: entry "${entry.id}"`;
    const age = Math.floor((options.now.getTime() - Date.parse(entry.checked)) / day);
    if (isOverdue(entry, options.now, options.staleDays)) {
      const every = entry.verify_every_days ?? options.staleDays;
      warnings.push(
        `${about}: checked ${entry.checked}, ${age} days ago (over ${every}): re-check its sources`,
      );
    }
    if (entry.sources.length === 0) {
      warnings.push(
        `${about}: sources: none cited, so it is never given as an answer: add the page it rests on`,
      );
      continue;
    }
    for (const [index, alternate] of entry.alternates.entries()) {
      matched += 1;
      if (matched % phrasingsPerTurn === 0) await nextTurn();
      const where = `${about}: alternates[${index}] "${alternate}"`;
      const result = matcher.match(alternate, { ignoreCurated: true });
      // Ranked first is enough: the alternate itself then answers it word for word, and the
      // ranker learns from it; what it must not do is point at another entry.
      const first = rankedFirst(result);
      if (first === entry.id) continue;
      if (result.status === "ambiguous" && result.choices.some((c) => c.entry.id === entry.id)) {
        warnings.push(
          `${where} is about as close to ${first}: reword it to say what is special here`,
        );
        continue;
      }
      if (first !== undefined) {
        errors.push(`${where} leads to ${first}, not to this entry`);
        continue;
      }
      // Asked word for word it is still answered here (a curated phrasing wins), and it leads
      // nowhere else: a miss added as a phrasing often reads like this.
      warnings.push(
        `${where} reaches no entry on its own words, so it is answered only as written: add words that say what is special here`,
      );
    }
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
  errors.push(...mixedInUsedInEnglish(kb, options.knowledgeDir));
  return { errors, warnings };
}

/**
 * A word `mixed_in` reads as English that an entry's own phrasing uses is an English word: a
 * person typing that phrasing would have it read as something else.
 */
function mixedInUsedInEnglish(kb: KnowledgeBase, knowledgeDir: string): string[] {
  const listed = new Map(
    Object.keys(kb.vocabulary.mixed_in).map((word) => [normalize(word), word]),
  );
  return kb.entries.flatMap((entry) => {
    const phrasings = [entry.question, ...entry.alternates].map((phrasing) => ({
      phrasing,
      words: new Set(normalize(phrasing).split(" ")),
    }));
    return [...listed].flatMap(([folded, word]) => {
      const used = phrasings.find(({ words }) => words.has(folded))?.phrasing;
      return used === undefined
        ? []
        : [
            `${join(knowledgeDir, "vocabulary.yml")}: mixed_in "${word}" is an English word: entry "${entry.id}" asks "${used}"; take it out of mixed_in`,
          ];
    });
  });
}

/** The entry the ranking puts first, whether or not it is sure enough to answer. */
function rankedFirst(result: MatchResult): string | undefined {
  if (result.status === "answered") return result.entry.id;
  if (result.status === "ambiguous") return result.choices[0]?.entry.id;
  return result.closest[0]?.entry.id;
}
