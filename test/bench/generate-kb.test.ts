import { rm } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { type KnowledgeBase, loadKnowledgeBase, loadRanker } from "../../src/knowledge/loader.js";
import { generateEntries, generateKnowledgeDir } from "./generate-kb.js";

let real: KnowledgeBase;
beforeAll(async () => {
  real = await loadKnowledgeBase("knowledge");
});

describe("the benchmark's knowledge-base generator", () => {
  it("writes entries the real loader accepts: valid fields, unique ids and phrasings, known related ids", async () => {
    const size = real.entries.length + 300;
    const dir = await generateKnowledgeDir(real, await loadRanker("knowledge"), { size });
    try {
      const kb = await loadKnowledgeBase(dir);
      expect(kb.entries).toHaveLength(size);
      for (const entry of real.entries) expect(kb.byId.get(entry.id)).toEqual(entry);
      expect(kb.vocabulary).toEqual(real.vocabulary);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("gives the same entries for the same seed and different ones for another seed", () => {
    const size = real.entries.length + 100;
    const first = generateEntries(real, { size, seed: 7 });
    expect(generateEntries(real, { size, seed: 7 })).toEqual(first);
    expect(generateEntries(real, { size, seed: 8 })).not.toEqual(first);
  });

  it("refuses a size smaller than the real knowledge base it builds on", () => {
    expect(() => generateEntries(real, { size: real.entries.length - 1 })).toThrow(/below/);
  });
});
