import { evaluate, invalidResult } from "./evaluate.js";
import { parseCheckFields, parseCheckText } from "./parse.js";
import type { Rules } from "./rules-schema.js";
import type { CheckResult, InputKey } from "./types.js";

/** `/credit-check` text to a result; bad input comes back as status "invalid", never as a throw. */
export function checkText(text: string, rules: Rules): CheckResult {
  const parsed = parseCheckText(text);
  return parsed.ok ? evaluate(parsed.input, rules) : invalidResult(parsed.errors);
}

/** The same for a submitted form (the Slack modal); errors are keyed by the field's input key. */
export function checkFields(fields: Partial<Record<InputKey, string>>, rules: Rules): CheckResult {
  const parsed = parseCheckFields(fields);
  return parsed.ok ? evaluate(parsed.input, rules) : invalidResult(parsed.errors);
}
