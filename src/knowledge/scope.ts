import { z } from "zod";
import { descend, sigmoid } from "./descent.js";

/**
 * How likely a question is about what the knowledge base covers, from its words alone: a
 * logistic regression over its analysed terms, fitted on the tuning sets' questions, follow-ups
 * and curated phrasings against their off-topic near-misses. "Creator", "pixel" or "shop" say
 * "something else" even when the rest of the question reads like an entry.
 */
export const scopeSchema = z.object({
  bias: z.number().finite(),
  /** Each term's weight; a term the fit never saw weighs nothing. */
  terms: z.record(z.string(), z.number().finite()),
});

export type ScopeModel = z.infer<typeof scopeSchema>;

/** The probability that a question with these analysed terms is in scope. */
export function inScope(model: ScopeModel, terms: readonly string[]): number {
  let logit = model.bias;
  for (const term of new Set(terms)) logit += model.terms[term] ?? 0;
  return sigmoid(logit);
}

export interface ScopeExample {
  terms: readonly string[];
  inScope: boolean;
}

/**
 * Fits the model (Adam steps, an L2 penalty). Both classes weigh the same in total: off-topic
 * questions are far fewer than in-scope ones, and the confidence that reads this probability
 * recalibrates it anyway.
 */
export function fitScope(examples: readonly ScopeExample[], l2: number, steps = 300): ScopeModel {
  const index = new Map<string, number>();
  const rows = examples.map((example) => ({
    columns: [...new Set(example.terms)].map((term) => {
      const known = index.get(term);
      if (known !== undefined) return known;
      index.set(term, index.size);
      return index.size - 1;
    }),
    label: example.inScope ? 1 : 0,
  }));
  const positives = rows.filter((row) => row.label === 1).length;
  const classWeight = [0.5 / Math.max(1, rows.length - positives), 0.5 / Math.max(1, positives)];
  const bias = index.size;
  const w = descend(
    index.size + 1,
    (w, g) => {
      for (const row of rows) {
        let logit = w[bias] ?? 0;
        for (const k of row.columns) logit += w[k] ?? 0;
        const error = (sigmoid(logit) - row.label) * (classWeight[row.label] ?? 0);
        g[bias] = (g[bias] ?? 0) + error;
        for (const k of row.columns) g[k] = (g[k] ?? 0) + error;
      }
    },
    steps,
    l2,
  );
  return {
    bias: w[bias] ?? 0,
    terms: Object.fromEntries(
      [...index]
        .map(([term, k]) => [term, w[k] ?? 0] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}
