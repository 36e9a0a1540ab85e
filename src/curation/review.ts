import type { KnowledgeBase } from "../knowledge/loader.js";
import type { Analyzer } from "../knowledge/text.js";
import type { Miss, MissKind } from "./misses.js";

export interface MissGroup {
  /** The group's oldest miss: how a button names the group while the log grows. */
  key: string;
  kind: MissKind;
  /** Distinct wordings, the most asked first. */
  questions: string[];
  count: number;
  askers: number;
  closest: { id: string; question: string; confidence: number }[];
  /** Every miss in the group, for resolving them together, and when each was recorded. */
  ids: string[];
  at: string[];
}

/** Two wordings are one question when they share at least this much of their folded terms. */
const sameQuestion = 0.5;
const maxClosest = 3;

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared || 1);
}

/**
 * Groups misses of one kind that ask the same thing. Each wording is folded the way the matcher
 * reads questions (synonyms and abbreviations to one term, filler dropped, stemmed), so "whats a
 * jbp" and "what is the joint business plan" are both {jbp}; a miss joins the group holding a
 * wording that shares at least half its terms (Jaccard), else starts one. This is the matcher's
 * own notion of "the same words", deterministic and readable, for the few hundred misses a
 * retention period holds; a second search index would rank, not partition.
 */
export function groupMisses(misses: Miss[], analyzer: Analyzer, kb: KnowledgeBase): MissGroup[] {
  type Building = { kind: MissKind; members: { miss: Miss; terms: Set<string> }[] };
  const groups: Building[] = [];
  for (const miss of misses) {
    const folded = analyzer.terms(miss.question);
    const terms = new Set(folded.length > 0 ? folded : [miss.question.trim().toLowerCase()]);
    let best: { group: Building; score: number } | undefined;
    for (const group of groups) {
      if (group.kind !== miss.kind) continue;
      const score = Math.max(...group.members.map((member) => jaccard(member.terms, terms)));
      if (score >= sameQuestion && (!best || score > best.score)) best = { group, score };
    }
    if (best) best.group.members.push({ miss, terms });
    else groups.push({ kind: miss.kind, members: [{ miss, terms }] });
  }
  return groups
    .map(({ kind, members }) => {
      const wordings = new Map<string, number>();
      const closest = new Map<string, number>();
      for (const { miss } of members) {
        wordings.set(miss.question, (wordings.get(miss.question) ?? 0) + 1);
        for (const entry of miss.considered) {
          closest.set(entry.id, Math.max(closest.get(entry.id) ?? 0, entry.confidence));
        }
      }
      const first = members[0]?.miss;
      return {
        key: first?.id ?? "",
        kind,
        questions: [...wordings].sort((a, b) => b[1] - a[1]).map(([question]) => question),
        count: members.length,
        askers: new Set(members.map(({ miss }) => miss.asker)).size,
        closest: [...closest]
          .sort((a, b) => b[1] - a[1])
          .flatMap(([id, confidence]) => {
            const entry = kb.byId.get(id);
            return entry ? [{ id, question: entry.question, confidence }] : [];
          })
          .slice(0, maxClosest),
        ids: members.map(({ miss }) => miss.id),
        at: members.map(({ miss }) => miss.at),
      };
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        b.askers - a.askers ||
        (b.at.at(-1) ?? "").localeCompare(a.at.at(-1) ?? ""),
    );
}

const kindLabels: Record<MissKind, string> = {
  fallback: "no answer",
  clarify: "Did you mean",
  thumbs_down: "answered, then 👎",
  rephrased: "answered, then asked again",
};

/** The review as a curator reads it in a terminal. */
export function formatReview(groups: MissGroup[]): string {
  if (groups.length === 0) return "No misses to review.";
  const misses = groups.reduce((sum, group) => sum + group.count, 0);
  const lines = [`${misses} miss(es) in ${groups.length} group(s), most asked first:`];
  groups.forEach((group, index) => {
    lines.push(
      "",
      `${index + 1}. ${kindLabels[group.kind]} · ${group.count} time(s) · ${group.askers} asker(s)`,
    );
    for (const question of group.questions.slice(0, 5)) lines.push(`   "${question}"`);
    if (group.questions.length > 5) lines.push(`   … and ${group.questions.length - 5} more`);
    for (const entry of group.closest) {
      lines.push(`   closest: ${entry.id} (${entry.confidence.toFixed(2)}) ${entry.question}`);
    }
  });
  return lines.join("\n");
}

/** The review in the CLI's JSON contract. */
export function reviewJson(groups: MissGroup[]) {
  return {
    groups: groups.map(({ questions, count, askers, closest, kind }) => ({
      questions,
      count,
      askers,
      closest,
      kind,
    })),
  };
}
