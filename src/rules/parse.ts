import { closestKey } from "./closest-key.js";
import { inputFields, isInputKey } from "./input-fields.js";
import { quoteGiven, readValue } from "./parse-value.js";
import {
  type CheckInput,
  checkInputSchema,
  type InputError,
  type InputKey,
  inputKeys,
} from "./types.js";

export type ParseResult = { ok: true; input: CheckInput } | { ok: false; errors: InputError[] };

export const maxInputLength = 1000;

type Token = { kind: "pair"; key: string; value: string } | { kind: "word"; text: string };

/**
 * `key=value` with any spacing around `=`; a value is left empty rather than taken from the next
 * pair, so `months= spend=5` reads as an empty months and spend=5. Anything else is a word.
 */
const tokenPattern = /([^\s=]*)\s*=\s*((?:(?![^\s=]+\s*=)\S+)?)|(\S+)/g;

function tokenize(text: string): Token[] {
  return [...text.matchAll(tokenPattern)].map((match) =>
    match[3] === undefined
      ? { kind: "pair", key: match[1] ?? "", value: match[2] ?? "" }
      : { kind: "word", text: match[3] },
  );
}

const pairExample = `Write each detail as key=value, e.g. ${inputFields.months.example}.`;

function wordError(word: string): InputError {
  const key = word.toLowerCase();
  if (isInputKey(key)) {
    return {
      key,
      given: word,
      message: `${key}: "=" and a value are missing. Write it as ${inputFields[key].example}.`,
    };
  }
  return {
    key: "",
    given: word,
    message: `${quoteGiven(word)} is not a key=value pair. ${pairExample}`,
  };
}

function unknownKeyError(typed: string, value: string): InputError {
  const given = `${typed}=${value}`;
  if (typed === "") {
    return {
      key: "",
      given,
      message: `${quoteGiven(given)} has a value but no key. ${pairExample}`,
    };
  }
  const suggestion = closestKey(typed);
  const hint = suggestion
    ? `Did you mean ${suggestion}, as in ${inputFields[suggestion].example}?`
    : `The keys are ${inputKeys.join(", ")}.`;
  return {
    key: typed.toLowerCase(),
    given,
    message: `${quoteGiven(typed)} is not a key the check knows. ${hint}`,
  };
}

function duplicateError(key: InputKey, values: string[]): InputError {
  const listed = values.map(quoteGiven).join(", ");
  const times = values.length === 2 ? "twice" : `${values.length} times`;
  return {
    key,
    given: values.join(", "),
    message: `${key} is given ${times} (${listed}). Give it once.`,
  };
}

function issueError(key: PropertyKey | undefined, candidate: unknown): InputError {
  if (typeof key === "string" && isInputKey(key) && typeof candidate === "object" && candidate) {
    const given = String(new Map(Object.entries(candidate)).get(key));
    return {
      key,
      given,
      message: `${key}: ${quoteGiven(given)} is not allowed. Use ${inputFields[key].accepts}.`,
    };
  }
  return {
    key: "",
    given: String(candidate),
    message: `The check needs the account details as key=value pairs. ${pairExample}`,
  };
}

/** The last gate before the evaluator: only a fully valid input gets through. */
export function validateInput(candidate: unknown): ParseResult {
  const parsed = checkInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => issueError(issue.path[0], candidate)),
  };
}

function readValues(given: Map<InputKey, string>, errors: InputError[]): ParseResult {
  const candidate: Record<string, string | number | boolean> = {};
  for (const [key, raw] of given) {
    const reading = readValue(key, raw);
    if ("error" in reading) errors.push(reading.error);
    else candidate[key] = reading.value;
  }
  return errors.length > 0 ? { ok: false, errors } : validateInput(candidate);
}

/** Reads `/credit-check` text such as `advertiser=direct months=8 spend=25k payments=good`. */
export function parseCheckText(text: string): ParseResult {
  if (text.length > maxInputLength) {
    const message = `The input is ${text.length.toLocaleString("en-US")} characters long; the limit is ${maxInputLength.toLocaleString("en-US")}.`;
    return { ok: false, errors: [{ key: "", given: `${text.length} characters`, message }] };
  }
  const errors: InputError[] = [];
  const valuesByKey = new Map<InputKey, string[]>();
  for (const token of tokenize(text)) {
    if (token.kind === "word") {
      errors.push(wordError(token.text));
      continue;
    }
    const key = token.key.toLowerCase();
    if (isInputKey(key)) valuesByKey.set(key, [...(valuesByKey.get(key) ?? []), token.value]);
    else errors.push(unknownKeyError(token.key, token.value));
  }
  const given = new Map<InputKey, string>();
  for (const [key, values] of valuesByKey) {
    if (values.length > 1) errors.push(duplicateError(key, values));
    else given.set(key, values[0] ?? "");
  }
  return readValues(given, errors);
}

/** Reads the fields of a form (the Slack modal); an empty field means the key is not given. */
export function parseCheckFields(fields: Partial<Record<InputKey, string>>): ParseResult {
  const given = new Map<InputKey, string>();
  for (const key of inputKeys) {
    const raw = fields[key]?.trim() ?? "";
    if (raw !== "") given.set(key, raw);
  }
  return readValues(given, []);
}
