import { readdirSync, readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";

/**
 * The sealed evaluation set (test/eval/sealed/): written from the source facts alone. Each
 * in-scope case names the fact a right answer must state, as regular expressions that must all
 * be found (case-insensitive) in the answer's question and text; the entry it comes from does
 * not matter.
 */
const pattern = z.string().refine((source) => {
  try {
    new RegExp(source, "i");
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

const inScopeCase = z.object({
  q: z.string().min(1),
  fact: z.string().min(1),
  match: z.array(pattern).min(1),
});
const offTopicCase = z.object({ q: z.string().min(1), why: z.string().optional() });
const followUpCase = z.object({
  first: z.string().min(1),
  next: z.string().min(1),
  fact: z.string().min(1),
  /** null: the right reply to `next` is no knowledge answer (a nod, a fallback). */
  match: z.array(pattern).min(1).nullable(),
});

export type SealedInScope = z.infer<typeof inScopeCase>;
export type SealedOffTopic = z.infer<typeof offTopicCase>;
export type SealedFollowUp = z.infer<typeof followUpCase>;

const folder = new URL("../eval/sealed/", import.meta.url);

/**
 * Every `<kind>-<writer>.yml` file in the folder, in name order; only the named writers' when
 * `writers` is given.
 */
function read<T>(kind: string, schema: z.ZodType<T>, writers?: readonly string[]): T[] {
  const files = readdirSync(folder)
    .filter((name) => name.startsWith(kind) && name.endsWith(".yml"))
    .filter((name) => !writers || writers.some((writer) => name.endsWith(`-${writer}.yml`)))
    .sort();
  return files.flatMap((name) =>
    z.array(schema).parse(YAML.parse(readFileSync(new URL(name, folder), "utf8"))),
  );
}

export const readSealedInScope = (writers?: readonly string[]) =>
  read("in-scope", inScopeCase, writers);
export const readSealedOffTopic = (writers?: readonly string[]) =>
  read("off-topic", offTopicCase, writers);
export const readSealedFollowUps = (writers?: readonly string[]) =>
  read("follow-ups", followUpCase, writers);

/** Whether an answer (its question and text) states the case's fact. */
export function statesFact(patterns: string[], answer: { question: string; answer: string }) {
  // As it reads once rendered: "Only an **admin** can" states "only an admin can".
  const text = `${answer.question}\n${answer.answer}`.replace(/\*\*|`/g, "");
  return patterns.every((source) => new RegExp(source, "i").test(text));
}
