import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";

const evalCase = z.object({ q: z.string().min(1), expect: z.string().nullable() });
export type EvalCase = z.infer<typeof evalCase>;

/** Reads one of the blind evaluation files in test/eval/. */
export function readEvalSet(name: string): EvalCase[] {
  const text = readFileSync(new URL(`../eval/${name}.yml`, import.meta.url), "utf8");
  return z.array(evalCase).parse(YAML.parse(text));
}
