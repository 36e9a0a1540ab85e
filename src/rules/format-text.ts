import { describeSource } from "../knowledge/describe-source.js";
import type { Source } from "../knowledge/schema.js";
import { inputFields, keyHint } from "./input-fields.js";
import type { Rules } from "./rules-schema.js";
import { type CheckInput, type CheckResult, type InputError, inputKeys } from "./types.js";

const exampleCheck = "/credit-check advertiser=direct months=8 spend=25k payments=good";

function valuesColumn(key: (typeof inputKeys)[number]): string {
  const field = inputFields[key];
  return "options" in field ? field.options.join(" | ") : `<${field.placeholder}>`;
}

const keyRows = inputKeys.map((key) => {
  const field = inputFields[key];
  const leftOut = field.whenLeftOut ? ` (left out: ${field.whenLeftOut})` : "";
  return `  ${key.padEnd(12)}${valuesColumn(key).padEnd(26)}${field.meaning}${leftOut}`;
});

/** The `/credit-check help` text. */
export const creditCheckUsage = [
  "/credit-check tells you, program by program, whether a client's ad account is likely to qualify",
  "for TikTok ad credit and billing programs, why, and what to do next.",
  "",
  "Usage: /credit-check key=value …   (any order; keys and values are not case-sensitive)",
  ...keyRows,
  "spend takes 25000, 25k, $25,000, 25k usd or 1.2m (US dollars); yes/no also take true/false and y/n.",
  "",
  "Examples:",
  `  ${exampleCheck}`,
  "  /credit-check advertiser=agency partner=yes months=3 spend=$4,000 payments=good growth=yes",
  "  /credit-check prior_ads=no",
].join("\n");

const shortUsage = [
  "Write each detail as key=value, for example:",
  `  ${exampleCheck}`,
  `Keys: ${inputKeys.join(", ")}.`,
  "Type /credit-check help to see what each key takes.",
].join("\n");

/** The input as the exact `key=value` text that gives it, e.g. `months=8 spend=25000 growth=yes`. */
export function describeInput(input: CheckInput): string {
  return inputKeys
    .flatMap((key) => {
      const value = input[key];
      if (value === undefined) return [];
      return [`${key}=${typeof value === "boolean" ? (value ? "yes" : "no") : value}`];
    })
    .join(" ");
}

function formatProblems(errors: InputError[]): string {
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  const lines = errors.map((error) => `  - ${error.message}`);
  return [`The credit check could not run: the input has ${count}.`, ...lines, "", shortUsage].join(
    "\n",
  );
}

function formatVerdicts(result: CheckResult, rules: Rules): string {
  const label = (verdict: keyof Rules["verdict_labels"]) => rules.verdict_labels[verdict];
  const given = describeInput(result.input);
  const width = Math.max(...result.programs.map((program) => program.name.length)) + 2;
  const lines = [`Credit check for: ${given || "(no details given)"}`, ""];
  lines.push(
    ...result.programs.map((program) => `  ${program.name.padEnd(width)}${label(program.verdict)}`),
  );
  // Programs share most of their sources: each is listed once at the end, and cited by number.
  const cited = new Map<string, number>();
  const numberOf = (source: Source) => {
    const described = describeSource(source);
    const number = cited.get(described) ?? cited.size + 1;
    cited.set(described, number);
    return `[${number}]`;
  };
  // Read top to bottom, a note two programs share (the assumed spend line) is given in full once.
  const firstGivenUnder = new Map<string, string>();
  const once = (text: string, program: string) => {
    const first = firstGivenUnder.get(text);
    if (first === undefined) firstGivenUnder.set(text, program);
    return first === undefined || first === program ? text : `As under ${first}, above.`;
  };
  for (const program of result.programs) {
    lines.push("", `${program.name}: ${label(program.verdict)}`, "  Why:");
    lines.push(...program.reasons.map((reason) => `    - ${once(reason, program.name)}`));
    lines.push("  Next:", ...program.next_steps.map((step) => `    - ${once(step, program.name)}`));
    if (program.sources.length > 0) {
      lines.push(`  Sources: ${program.sources.map(numberOf).join(" ")}`);
    }
  }
  if (result.missing.length > 0) {
    const examples = result.missing.map((key) => inputFields[key].example);
    lines.push(
      "",
      `To settle the ${label("needs_info")} verdicts, add: ${result.missing.map(keyHint).join("  ")}`,
      `For example: /credit-check ${[given, ...examples].filter(Boolean).join(" ")}`,
    );
  }
  if (cited.size > 0) {
    lines.push("", "Sources:", ...[...cited].map(([described, n]) => `  [${n}] ${described}`));
  }
  lines.push("", rules.common.disclaimer);
  return lines.join("\n");
}

/** A check result as plain text for the terminal and the CLI without --json. */
export function formatResultText(result: CheckResult, rules: Rules): string {
  return result.status === "invalid"
    ? formatProblems(result.errors)
    : formatVerdicts(result, rules);
}
