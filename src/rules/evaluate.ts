import { validateInput } from "./parse.js";
import { programRules } from "./programs.js";
import type { Rules } from "./rules-schema.js";
import {
  type CheckInput,
  type CheckResult,
  type InputError,
  inputKeys,
  type ProgramResult,
  programIds,
} from "./types.js";

export function invalidResult(errors: InputError[]): CheckResult {
  return { status: "invalid", errors, input: {}, programs: [], missing: [] };
}

/**
 * A verdict with reasons, next steps and sources for every program. The input is checked again
 * here, so a caller that builds it by hand cannot get verdicts for a half-valid account.
 */
export function evaluate(input: CheckInput, rules: Rules): CheckResult {
  const validated = validateInput(input);
  if (!validated.ok) return invalidResult(validated.errors);
  const assessments = programIds.map((id) => ({ id, ...programRules[id](validated.input, rules) }));
  const programs = assessments.map(
    ({ id, verdict, reasons, next_steps }): ProgramResult => ({
      id,
      name: rules.programs[id].name,
      verdict,
      reasons,
      next_steps,
      sources: rules.programs[id].sources,
    }),
  );
  const missing = inputKeys.filter((key) =>
    assessments.some((entry) => entry.missing.includes(key)),
  );
  return { status: "ok", errors: [], input: validated.input, programs, missing };
}
