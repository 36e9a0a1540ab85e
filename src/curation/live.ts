import type { Knowledge } from "../core/assemble.js";
import { type Analyzer, createAnalyzer } from "../knowledge/text.js";

/**
 * The knowledge serving now, behind one reference. A reload replaces the whole, immutable
 * engine at once: a turn reads it once and finishes on the engine it started with, and the next
 * turn gets the new one.
 */
export interface LiveKnowledge extends Knowledge {
  replace(next: Knowledge): void;
  /** The matcher's text folding for the knowledge serving now. */
  analyzer(): Analyzer;
}

export function liveKnowledge(initial: Knowledge): LiveKnowledge {
  let current = initial;
  let analyzer: { for: Knowledge; analyzer: Analyzer } | undefined;
  return {
    get engine() {
      return current.engine;
    },
    get rules() {
      return current.rules;
    },
    replace(next) {
      current = next;
    },
    analyzer() {
      if (analyzer?.for !== current) {
        analyzer = { for: current, analyzer: createAnalyzer(current.engine.kb.vocabulary) };
      }
      return analyzer.analyzer;
    },
  };
}
