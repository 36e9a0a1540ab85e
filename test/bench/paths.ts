import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config.js";
import { type EvalCase, readEvalSet } from "../support/eval-set.js";

export const knowledgeDir = fileURLToPath(new URL("../../knowledge", import.meta.url));
export const resultsFile = fileURLToPath(new URL("../../bench/results.json", import.meta.url));
const evalDir = fileURLToPath(new URL("../eval", import.meta.url));

/** The threshold the app runs with when MATCH_THRESHOLD is not set, so figures match a default install. */
export const defaultThreshold = loadConfig({}).matchThreshold;

export interface EvaluationSet {
  inScope: EvalCase[];
  offTopic: EvalCase[];
}

/**
 * The blind evaluation set: every test/eval/in-scope*.yml and off-topic*.yml, questions written
 * without seeing the knowledge files.
 */
export function evaluationSet(): EvaluationSet {
  const names = readdirSync(evalDir)
    .filter((name) => name.endsWith(".yml"))
    .map((name) => name.slice(0, -".yml".length))
    .sort();
  const read = (prefix: string) =>
    names.filter((name) => name.startsWith(prefix)).flatMap((name) => readEvalSet(name));
  return { inScope: read("in-scope"), offTopic: read("off-topic") };
}
