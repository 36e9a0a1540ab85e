import { describe, expect, it } from "vitest";
import { answerableOnly, loadKnowledgeBase } from "../../src/knowledge/loader.js";
import {
  developmentSets,
  readEvalSet,
  readFollowUpSet,
  readTuningFollowUps,
  readVagueSet,
  tuningSets,
} from "../support/eval-set.js";

describe("the tuning and development sets", () => {
  it("name only entries the knowledge base answers with", async () => {
    const kb = answerableOnly(await loadKnowledgeBase("knowledge"));
    const named = [
      ...[...tuningSets.inScope, ...tuningSets.offTopic].flatMap((name) =>
        readEvalSet(name).flatMap((item) => [item.expect, ...item.also]),
      ),
      ...[...readTuningFollowUps(), ...developmentSets.followUps.flatMap(readFollowUpSet)].flatMap(
        (item) => [item.after, ...item.expect],
      ),
      ...readVagueSet().flatMap((item) => (item.wants === "program" ? item.expect : [])),
    ].filter((id): id is string => id !== null);
    expect(named.length).toBeGreaterThan(1000);
    expect([...new Set(named)].filter((id) => !kb.byId.has(id))).toEqual([]);
  });
});
