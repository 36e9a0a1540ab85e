import { z } from "zod";
import type { CheckAnswer } from "../core/types.js";
import { parseJsonWith } from "../parse-json.js";

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
