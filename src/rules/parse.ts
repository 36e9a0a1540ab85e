import type { z } from "zod";
import { closestKey } from "./closest-key.js";
import { inputFields, isInputKey } from "./input-fields.js";
import { normalizeText, quoteChars, unquote } from "./normalize.js";
import {
  goesOnSayingNone,
  quoteGiven,
  readValue,
  spanUnitWord,
  spendUnitWord,
} from "./parse-value.js";
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

/** What starts a `key=` pair: a name, so in `months=6=7` the value of months is "6=7". */
const pairStart = String.raw`[${quoteChars}]*[\p{L}_][^\s=]*\s*=`;

/** ";" always; "," before a pair or a space: `advertiser=direct,months=8` but `spend=$25,000`. */
const separators = new RegExp(String.raw`;|,(?=\s|$|${pairStart})`, "gu");

/**
 * `key=value` with any spacing around `=`; a value is left empty rather than taken from the next
 * pair, so `months= spend=5` reads as an empty months and spend=5. Anything else is a word.
 */
const tokenPattern = new RegExp(String.raw`([^\s=]*)\s*=\s*((?:(?!${pairStart})\S+)?)|(\S+)`, "gu");

/** A value ending in a group of up to three digits, and a word that is the next group. */
const digitGroupEnd = /(?:^|\D)\d{1,3}$/;
const digitGroup = /^\d{3}(?:\.\d+)?$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.replace(separators, " ").matchAll(tokenPattern)) {
    const last = tokens.at(-1);
    const word = match[3] === undefined ? undefined : unquote(match[3]);
    if (word === undefined) {
      tokens.push({ kind: "pair", key: unquote(match[1] ?? ""), value: match[2] ?? "" });
    } else if (last?.kind === "pair" && digitGroupEnd.test(last.value) && digitGroup.test(word)) {
      // `spend=25 000`: kept as one value, so the message can say how to write it.
      tokens[tokens.length - 1] = { ...last, value: `${last.value} ${word}` };
    } else if (
      last?.kind === "pair" &&
      last.value !== "" &&
      ((keyOf(last.key) === "spend" && spendUnitWord.test(word)) ||
        (keyOf(last.key) === "months" && spanUnitWord.test(word)) ||
        goesOnSayingNone(keyOf(last.key), last.value, word))
    ) {
      tokens[tokens.length - 1] = { ...last, value: `${last.value} ${word}` };
    } else if (word !== "") {
      tokens.push({ kind: "word", text: word });
    }
  }
  return tokens;
}

/** `Prior-Ads` and `prior_ads` are the same key. */
const keyOf = (typed: string) => typed.toLowerCase().replaceAll("-", "_");

const pairExample = `Write each detail as key=value, e.g. ${inputFields.months.example}.`;

function wordError(word: string): InputError {
  const key = keyOf(word);
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

/** Details written as a sentence ("client spends 30k a month, 1 yr old"): one problem, not one a word. */
const proseError = (text: string): InputError => ({
  key: "",
  given: text,
  message:
    "The details read as a sentence: write each as key=value (months=8, spend=30k), or run " +
    "/credit-check with nothing after it to be asked for each one.",
});

const notPairsError = (candidate: unknown): InputError => ({
  key: "",
  given: String(candidate),
  message: `The check needs the account details as key=value pairs. ${pairExample}`,
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A hand-built value of the wrong type, said the way the parser would say it where it can. */
function valueIssueError(key: InputKey, value: unknown, issue: z.core.$ZodIssue): InputError {
  if (typeof value === "number") {
    const reading = readValue(key, String(value));
    if ("error" in reading) return reading.error;
  }
  const given = String(value);
  if (typeof value === "string" && issue.code === "invalid_type") {
    const wanted =
      issue.expected === "boolean"
        ? "give yes or no as true or false."
        : `give it as a number. Use ${inputFields[key].accepts}.`;
    return { key, given, message: `${key}: ${quoteGiven(given)} is written as text; ${wanted}` };
  }
  return {
    key,
    given,
    message: `${key}: ${quoteGiven(given)} is not allowed. Use ${inputFields[key].accepts}.`,
  };
}

/** The last gate before the evaluator: only a fully valid input gets through. */
export function validateInput(candidate: unknown): ParseResult {
  const parsed = checkInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  if (!isRecord(candidate)) return { ok: false, errors: [notPairsError(candidate)] };
  // One problem per key: zod may report several for one value (e.g. -2.5 is negative and not whole).
  const errors = new Map<string, InputError>();
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (issue.code === "unrecognized_keys") {
      for (const typed of issue.keys) {
        errors.set(typed, unknownKeyError(typed, String(candidate[typed])));
      }
    } else if (typeof key === "string" && isInputKey(key)) {
      if (!errors.has(key)) errors.set(key, valueIssueError(key, candidate[key], issue));
    } else {
      errors.set("", notPairsError(candidate));
    }
  }
  return { ok: false, errors: [...errors.values()] };
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
  const tokens = tokenize(normalizeText(text));
  if (tokens.length > 1 && tokens.every((t) => t.kind === "word" && !isInputKey(keyOf(t.text)))) {
    return { ok: false, errors: [proseError(text)] };
  }
  const errors: InputError[] = [];
  const valuesByKey = new Map<InputKey, string[]>();
  for (const token of tokens) {
    if (token.kind === "word") {
      errors.push(wordError(token.text));
      continue;
    }
    const key = keyOf(token.key);
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
    const raw = normalizeText(fields[key] ?? "").trim();
    if (raw !== "") given.set(key, raw);
  }
  return readValues(given, []);
}
