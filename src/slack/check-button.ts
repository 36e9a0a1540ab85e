import { z } from "zod";
import type { CheckAnswer } from "../core/types.js";
import { parseJsonWith } from "../parse-json.js";
import { type ProgramId, programIds } from "../rules/index.js";

/**
 * A guided-check answer button's value: `[checkId, key, value]` as JSON, about 60 characters,
 * well within Slack's 2,000 for a button value. Read back through the schema, since the value
 * comes back in a payload anyone with the signing secret could have written.
 */
const answerSchema = z.tuple([
  z.string().min(1).max(200),
  z
    .string()
    .regex(/^[a-z_]+$/)
    .max(50),
  z.string().trim().min(1).max(100),
]);

export const encodeCheckAnswer = (answer: CheckAnswer): string =>
  JSON.stringify([answer.checkId, answer.key, answer.value]);

export function decodeCheckAnswer(buttonValue: string | undefined): CheckAnswer | undefined {
  const parsed = buttonValue === undefined ? undefined : parseJsonWith(answerSchema, buttonValue);
  return parsed && { checkId: parsed[0], key: parsed[1], value: parsed[2] };
}

/** What a result button shows: the check of `input` (as `key=value` text), `program`'s reasons open. */
export interface CheckView {
  input: string;
  program?: ProgramId;
}

/**
 * A result button's value (Why, Hide, Share in channel): the check's input, which the click runs
 * again, and for Why the program to open; JSON of about 100 characters. Read back through the
 * schema like an answer button's.
 */
const viewSchema = z.union([
  z.tuple([z.string().max(1000)]),
  z.tuple([z.string().max(1000), z.enum(programIds)]),
]);

/**
 * The result buttons' values for one check's input, which is written as JSON once for all of
 * them (a result has a Why button for each program and a Share button).
 */
export function checkViewValues(input: string): (program?: ProgramId) => string {
  const inputJson = JSON.stringify(input);
  return (program) => (program ? `[${inputJson},${JSON.stringify(program)}]` : `[${inputJson}]`);
}

export function decodeCheckView(buttonValue: string | undefined): CheckView | undefined {
  const parsed = buttonValue === undefined ? undefined : parseJsonWith(viewSchema, buttonValue);
  return parsed && { input: parsed[0], ...(parsed[1] ? { program: parsed[1] } : {}) };
}
