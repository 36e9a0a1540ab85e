// For the writers of the sealed set: how many knowledge entries state each case's fact.
// Prints counts only (never entry ids or texts), so a writer can fix a pattern that no answer
// could match (0) or one so loose that many entries match it, without reading knowledge/.
// Run: npx tsx test/eval/sealed/coverage.ts <writer>   (e.g. w3: only that writer's cases)
import { answerableOnly, loadKnowledgeBase } from "../../../src/knowledge/loader.js";
import { readSealedFollowUps, readSealedInScope, statesFact } from "../../support/sealed-set.js";

const writers = process.argv[2] ? [process.argv[2]] : undefined;
const kb = answerableOnly(await loadKnowledgeBase("knowledge"));
const count = (patterns: string[]) =>
  kb.entries.filter((entry) => statesFact(patterns, entry)).length;

const rows: string[] = [];
readSealedInScope(writers).forEach((item, i) => {
  rows.push(`in-scope #${i + 1}: ${count(item.match)} entries  | ${item.q}`);
});
readSealedFollowUps(writers).forEach((item, i) => {
  if (item.match) rows.push(`follow-up #${i + 1}: ${count(item.match)} entries  | ${item.next}`);
});
console.log(rows.join("\n"));
const none = rows.filter((row) => row.includes(": 0 entries")).length;
const loose = rows.filter((row) => /: ([6-9]|\d\d+) entries/.test(row)).length;
console.log(`\n${rows.length} cases; ${none} match no entry; ${loose} match 6 or more`);
