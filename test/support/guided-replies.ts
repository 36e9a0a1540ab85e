import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { continueGuidedCheck } from "../../src/core/guided-check.js";
import { inputKeys, parseCheckFields, type Rules } from "../../src/rules/index.js";

/** No answer at all: a question back or a hedge, which the check must not take as one. */
export const noAnswer = "none-of-these";

const replyCase = z.object({
  key: z.enum(inputKeys),
  reply: z.string().min(1),
  value: z.union([z.string().min(1), z.number().int().nonnegative()]),
});
export type ReplyCase = z.infer<typeof replyCase>;

/** A set of replies to the guided check's questions (test/eval/guided/, test/eval/sealed/). */
export function readReplies(path: string): ReplyCase[] {
  const file = new URL(`../eval/${path}`, import.meta.url);
  return z.array(replyCase).parse(YAML.parse(readFileSync(file, "utf8")));
}

/** What the check took `reply` to say for its question: a value, or no answer. */
export function readReply(item: ReplyCase, rules: Rules): string {
  const now = new Date("2026-12-05T10:00:00.000Z");
  const pending = {
    fields: {},
    awaiting: item.key,
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const step = continueGuidedCheck(pending, item.reply, now, rules);
  if ("rejected" in step || step.pending === null) return noAnswer;
  const parsed = parseCheckFields({ [item.key]: step.pending.fields[item.key] ?? "" });
  const value = parsed.ok ? parsed.input[item.key] : undefined;
  if (typeof value === "boolean") return value ? "yes" : "no";
  return value === undefined ? noAnswer : String(value);
}

/** Replies read as meant, misread as another value, and answers left unread: shares of all. */
export function replyFigures(cases: ReplyCase[], rules: Rules) {
  const read = cases.map((item) => readReply(item, rules));
  const share = (keep: (got: string, item: ReplyCase) => boolean) =>
    Math.round(
      (cases.filter((item, i) => keep(read[i] ?? "", item)).length / cases.length) * 1000,
    ) / 1000;
  return {
    replies: cases.length,
    readAsMeant: share((got, item) => got === String(item.value)),
    misread: share((got, item) => got !== noAnswer && got !== String(item.value)),
    answerLeftUnread: share((got, item) => got === noAnswer && item.value !== noAnswer),
  };
}

/** The replies not read as meant, each with what the check took it to say. */
export function missedReplies(cases: ReplyCase[], rules: Rules): string[] {
  return cases.flatMap((item) => {
    const got = readReply(item, rules);
    return got === String(item.value) ? [] : [`${item.key}: "${item.reply}" → ${got}`];
  });
}
