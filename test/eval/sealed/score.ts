// Scores the sealed set: prints the four figures only, never which questions missed.
// Run: npx tsx test/eval/sealed/score.ts
import { loadEngine } from "../../../src/core/engine.js";
import { sealedFigures } from "../../support/quality.js";

const { answers } = await loadEngine("knowledge");
console.log(JSON.stringify(sealedFigures(answers), null, 2));
