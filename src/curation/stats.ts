import type { Verdict } from "../rules/types.js";
import type { ActivityEvent } from "./activity.js";
import type { MissGroup } from "./review.js";

export interface PeriodStats {
  days: number;
  asked: number;
  answered: number;
  clarified: number;
  fell_back: number;
  votes: { id: string; up: number; down: number }[];
  top_missed: { kind: MissGroup["kind"]; count: number; askers: number }[];
  checks: { runs: number; verdicts: Partial<Record<Verdict, number>> };
}

const day = 24 * 60 * 60 * 1000;
const topMissed = 5;

/** The figures of the last `days` days: counts only, never a message's text. */
export function periodStats(
  events: ActivityEvent[],
  groups: MissGroup[],
  now: Date,
  days: number,
): PeriodStats {
  const from = now.getTime() - days * day;
  const recent = events.filter((event) => Date.parse(event.at) >= from);
  const count = (name: ActivityEvent["event"]) =>
    recent.filter((event) => event.event === name).length;
  const votes = new Map<string, { id: string; up: number; down: number }>();
  const verdicts: Partial<Record<Verdict, number>> = {};
  let runs = 0;
  for (const event of recent) {
    if (event.event === "vote") {
      const tally = votes.get(event.entry) ?? { id: event.entry, up: 0, down: 0 };
      tally[event.vote] += 1;
      votes.set(event.entry, tally);
    } else if (event.event === "check") {
      runs += 1;
      for (const verdict of event.verdicts) verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
    }
  }
  const answered = count("answered");
  const clarified = count("clarified");
  const fellBack = count("fell_back");
  return {
    days,
    asked: answered + clarified + fellBack,
    answered,
    clarified,
    fell_back: fellBack,
    votes: [...votes.values()].sort((a, b) => b.down - a.down || b.up - a.up),
    top_missed: groups
      .map((group) => ({
        kind: group.kind,
        count: group.ids.filter((_, index) => Date.parse(group.at[index] ?? "") >= from).length,
        askers: group.askers,
      }))
      .filter((group) => group.count > 0)
      .sort((a, b) => b.count - a.count)
      .slice(0, topMissed),
    checks: { runs, verdicts },
  };
}

/** One period as lines of figures. */
export function formatStats(stats: PeriodStats): string[] {
  const verdicts = Object.entries(stats.checks.verdicts)
    .map(([verdict, n]) => `${verdict} ${n}`)
    .join(", ");
  const votes = stats.votes
    .slice(0, 10)
    .map((tally) => `${tally.id} 👍${tally.up} 👎${tally.down}`)
    .join(", ");
  const missed = stats.top_missed
    .map((group) => `${group.kind} ×${group.count} (${group.askers} asker(s))`)
    .join(", ");
  return [
    `Last ${stats.days} days: ${stats.asked} question(s), ${stats.answered} answered, ${stats.clarified} clarified, ${stats.fell_back} fell back`,
    `  votes by entry: ${votes || "none"}`,
    `  top missed groups: ${missed || "none"}`,
    `  /credit-check: ${stats.checks.runs} run(s)${verdicts ? `; program verdicts: ${verdicts}` : ""}`,
  ];
}
