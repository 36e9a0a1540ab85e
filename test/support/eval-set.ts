import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";

const evalCase = z
  .object({
    q: z.string().min(1),
    /** The entry that answers it (null: none does). */
    expect: z.string().nullable(),
    /**
     * Other entries whose answers state what it asks as well (labelled where the matcher ranked one
     * first): the sealed set, judged by facts, counts them right too.
     */
    also: z.array(z.string()).default([]),
  })
  .refine(
    (item) =>
      item.also.length === 0 ||
      (item.expect !== null &&
        !item.also.includes(item.expect) &&
        new Set(item.also).size === item.also.length),
    { message: "`also` needs an `expect`, and names other entries, each once", path: ["also"] },
  );
export type EvalCase = z.infer<typeof evalCase>;

/** Whether an entry answers the case: the one it names, or one of its `also`. */
export const answeredBy = (item: EvalCase) => (entryId: string) =>
  entryId === item.expect || item.also.includes(entryId);

const followUpCase = z.object({
  /** The entry the person was just answered. */
  after: z.string(),
  q: z.string().min(1),
  /** The entries that answer it well; none when the right reply is no knowledge answer. */
  expect: z.array(z.string()),
});
export type FollowUpEvalCase = z.infer<typeof followUpCase>;

/** The sets the ranker is fitted and the tests' bars are set on (never the sealed one). */
export const tuningSets = {
  inScope: [
    "in-scope",
    "in-scope-broad",
    "in-scope-blind",
    "in-scope-blind-3",
    "in-scope-blind-4",
    "in-scope-blind-5",
  ],
  offTopic: [
    "off-topic",
    "off-topic-broad",
    "off-topic-blind",
    "off-topic-blind-2",
    "off-topic-blind-3",
    "off-topic-blind-4",
    "off-topic-blind-5",
    "off-topic-blind-6",
  ],
  followUps: [
    "follow-ups",
    "follow-ups-blind-2",
    "follow-ups-blind-3",
    "follow-ups-blind-4",
    "follow-ups-blind-5",
    "follow-ups-blind-6",
  ],
} as const;

const read = (name: string) =>
  YAML.parse(readFileSync(new URL(`../eval/${name}.yml`, import.meta.url), "utf8"));

/** Reads one of the blind evaluation files in test/eval/. */
export function readEvalSet(name: string): EvalCase[] {
  return z.array(evalCase).parse(read(name));
}

const vagueCase = z.discriminatedUnion("wants", [
  z.object({ q: z.string().min(1), wants: z.literal("topics") }),
  z.object({
    q: z.string().min(1),
    wants: z.literal("program"),
    /** The program named, in the sources' words (the writer's label). */
    program: z.string(),
    /** The entries that give its overview (the developers' label, by program). */
    expect: z.array(z.string()).min(1),
  }),
]);
type VagueCase = z.infer<typeof vagueCase>;

/**
 * Messages that ask nothing specific (test/eval/vague-blind.yml): "credit q", "billing", "JBP".
 * One that names no program wants the fallback, which lists what Credit Desk covers; one that
 * names a program wants its overview.
 */
export function readVagueSet(): VagueCase[] {
  return z.array(vagueCase).parse(read("vague-blind"));
}

/**
 * Sets written like the tuning sets that the fit does not read: changes are checked on them and
 * their misses may be read (each file's header says how it was written).
 */
export const developmentSets = { followUps: ["follow-ups-blind-7"] } as const;

/** One file of follow-ups: what people type after an answer, and the entries that answer it. */
export function readFollowUpSet(name: string): FollowUpEvalCase[] {
  return z.array(followUpCase).parse(read(name));
}

/** Every tuning follow-up. */
export function readTuningFollowUps(): FollowUpEvalCase[] {
  return tuningSets.followUps.flatMap(readFollowUpSet);
}
