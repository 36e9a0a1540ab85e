// Scores the sealed set: prints the four figures only, never which questions missed.
// Run: npx tsx test/eval/sealed/score.ts
import { loadEngine } from "../../../src/core/engine.js";
import { freshWriters, sealedFigures, seenWriters } from "../../support/quality.js";

const { answers } = await loadEngine("knowledge");
console.log(
  JSON.stringify(
    {
      [`fresh (${freshWriters.join(", ")})`]: sealedFigures(answers, freshWriters),
      [`seen while tuning (${seenWriters.join(", ")})`]: sealedFigures(answers, seenWriters),
    },
    null,
    2,
  ),
);
