import { fileURLToPath } from "node:url";
import { type EvalCase, readEvalSet } from "../../test/support/eval-set.js";
import { loadConfig } from "../config.js";

export const knowledgeDir = fileURLToPath(new URL("../../knowledge", import.meta.url));
export const resultsFile = fileURLToPath(new URL("../../bench/results.json", import.meta.url));

/** The threshold the app runs with when MATCH_THRESHOLD is not set, so figures match a default install. */
export const defaultThreshold = loadConfig({}).matchThreshold;

export interface EvaluationSet {
  inScope: EvalCase[];
  offTopic: EvalCase[];
}

/** The blind evaluation set in test/eval/: questions written without seeing the knowledge files. */
export const evaluationSet = (): EvaluationSet => ({
  inScope: readEvalSet("in-scope"),
  offTopic: readEvalSet("off-topic"),
});
