import { closestWord } from "./closest-key.js";
import { inputFields } from "./input-fields.js";
import { unquote } from "./normalize.js";
import { checkInputSchema, type InputError, type InputKey, mostMonths } from "./types.js";

type Reading = { value: string | number | boolean } | { problem: string };

const notFinite = /^[+-]?(inf|infinity|nan|∞)$/i;

function choice(options: readonly string[]) {
  return (raw: string): Reading => {
    const value = raw.toLowerCase();
    if (options.includes(value)) return { value };
    // "agncy": name the option it is a slip of, as an unknown key names the key it is close to.
    const near = closestWord(value, options);
    return {
      problem: `is not one of the choices${near === undefined ? "" : ` (did you mean ${near}?)`}`,
    };
  };
}

const yesNoWords: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  no: false,
  n: false,
  false: false,
};

function yesNo(raw: string): Reading {
  const value = yesNoWords[raw.toLowerCase()];
  return value === undefined ? { problem: "is not yes or no" } : { value };
}

const wholeNumberPattern = /^[+-]?\d+(?:\.\d+)?$/;

const spanUnits = "days?|weeks?|wks?|months?|mos?|years?|yrs?";
/** "2 weeks", "45 days", "1.5 years", "3 mo": a span of time, read as the whole months it makes. */
const spanPattern = new RegExp(`^(?<amount>\\d+(?:\\.\\d+)?)\\s*(?<unit>${spanUnits})$`, "i");
/** The unit typed after a number of months (`months=2 weeks`), kept with it. */
export const spanUnitWord = new RegExp(`^(${spanUnits})$`, "i");
/** A month of days as people count them ("90 days" is 3 months, "180 days" 6); a year is 12. */
const monthsIn = { day: 1 / 30, week: 7 / 30, month: 1, year: 12 };
const unitOf = (typed: string): keyof typeof monthsIn => {
  const unit = typed.toLowerCase();
  if (unit.startsWith("d")) return "day";
  if (unit.startsWith("w")) return "week";
  return unit.startsWith("y") ? "year" : "month";
};
const withSoFar = (words: string[]) =>
  new Set(words.flatMap((said) => [said, `${said} yet`, `${said} so far`]));
/** What says there is none yet, spend or months of activity: 0. */
const noneSaid = {
  spend: withSoFar(["none", "nothing", "zero", "nil", "no spend"]),
  months: withSoFar([
    "none",
    "nothing",
    "zero",
    "nil",
    "brand new",
    "new",
    "not yet",
    "not active yet",
  ]),
};
const saysNone = (key: keyof typeof noneSaid, text: string) =>
  noneSaid[key].has(text.trim().toLowerCase().replace(/\s+/g, " "));
/**
 * Whether a word typed after `spend=` or `months=` goes on saying there is none (`spend=none
 * yet`, `months=not active yet`): kept with the value, as a span's unit is.
 */
export function goesOnSayingNone(key: string, value: string, word: string): boolean {
  if (key !== "spend" && key !== "months") return false;
  // `spend="none yet"`: the opening quote is no part of the words.
  const start = `${unquote(value)} ${word}`.toLowerCase();
  for (const said of noneSaid[key]) {
    if (said === start || said.startsWith(`${start} `)) return true;
  }
  return false;
}

const tooManyMonths = { problem: `is more than ${mostMonths} months (20 years): check the number` };

/** "a year", "two months", "a year and a half", "half a year": the span in figures. */
const countWords: Record<string, string> = {
  a: "1",
  an: "1",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
};
const inFigures = (text: string) =>
  text
    .toLowerCase()
    .replace(/^([a-z]+)(?= )/, (word) => countWords[word] ?? word)
    .replace(/^half an? ([a-z]+)$/, "0.5 $1")
    .replace(/^(\d+) ([a-z]+) and an? half$/, "$1.5 $2")
    .replace(/^(\d+) and an? half ([a-z]+)$/, "$1.5 $2");

function monthsActive(typed: string): Reading {
  const text = inFigures(typed.trim());
  const span = spanPattern.exec(text)?.groups;
  if (span?.amount && span.unit) {
    const unit = unitOf(span.unit);
    // "12.5 months" is no whole number of months, as "12.5" is not.
    if (unit === "month") return monthsActive(span.amount);
    // Less than a month counts as 0: each rule asks for whole months of activity.
    const months = Math.floor(Number(span.amount) * monthsIn[unit] + 1e-9);
    return months > mostMonths ? tooManyMonths : { value: months };
  }
  const reading = wholeNumber(saysNone("months", text) ? "0" : text);
  if ("value" in reading && typeof reading.value === "number" && reading.value > mostMonths) {
    return tooManyMonths;
  }
  return reading;
}

function wholeNumber(raw: string): Reading {
  if (notFinite.test(raw)) return { problem: "is not a finite number" };
  if (!wholeNumberPattern.test(raw)) return { problem: "is not a whole number" };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { problem: "is not a finite number" };
  if (value < 0) return { problem: "is negative" };
  if (!Number.isInteger(value)) return { problem: "is not a whole number" };
  if (!Number.isSafeInteger(value)) return { problem: "is too large" };
  return { value: value + 0 };
}

/** `25000`, `25,000`, `$25,000`, `25k`, `1.2m`; the sign may come before or after the `$`. */
const dollarsPattern =
  /^(?<sign>[+-]?)\$?(?<signAfter>[+-]?)(?<whole>\d{1,3}(?:,\d{3})+|\d*)(?<fraction>\.\d+)?(?:e(?<exponent>[+-]?\d+))?(?<scale>[km]?)$/i;

const scaleExponent: Record<string, number> = { "": 0, k: 3, m: 6 };

/** `usd 20k`, `20k USD`, `25000 dollars`, `20k/mo`: the unit and the period the field asks for. */
const dollarsUnit =
  /^(usd|us\$)\s*|\s*(usd|us\$|dollars?)?\s*(\/mo(nth)?|monthly|a month|per month)?$/gi;

const otherCurrencies = "eur|euros?|gbp|pounds?|aud|cad|sgd|jpy|yen|thb|baht|inr|rupees?";
/** "£20k", "30k EUR": an amount in a currency other than US dollars. */
export const otherCurrency = new RegExp(`[€£¥฿₹]|\\b(${otherCurrencies})\\b`, "i");

/**
 * A word typed after a spend amount that belongs to it (`spend=20k usd`, `spend=20k eur`): kept
 * with the amount, so it is read, or refused as another currency, as a whole.
 */
export const spendUnitWord = new RegExp(
  `^(usd|us\\$|dollars?|monthly|\\/mo(nth)?|${otherCurrencies})$`,
  "i",
);

function dollars(typed: string): Reading {
  if (saysNone("spend", typed)) return { value: 0 };
  if (otherCurrency.test(typed)) return { problem: "is not in US dollars: convert it first" };
  const raw = typed.replace(dollarsUnit, "");
  if (notFinite.test(raw.replace("$", ""))) return { problem: "is not a finite number" };
  const parts = dollarsPattern.exec(raw)?.groups;
  if (
    !parts ||
    (parts.whole === "" && parts.fraction === undefined) ||
    (parts.sign && parts.signAfter)
  ) {
    return { problem: "is not an amount of dollars" };
  }
  const exponent =
    Number.parseInt(parts.exponent ?? "0", 10) +
    (scaleExponent[parts.scale?.toLowerCase() ?? ""] ?? 0);
  // Shifting the decimal exponent in text keeps 1.2m exactly 1200000 (1.2 * 1e6 can be off by a bit).
  const digits = `${(parts.whole ?? "").replaceAll(",", "")}${parts.fraction ?? ""}`;
  const value = Number(`${digits}e${exponent}`);
  if (!Number.isFinite(value)) return { problem: "is not a finite number" };
  const negative = parts.sign === "-" || parts.signAfter === "-";
  if (negative && value !== 0) return { problem: "is negative" };
  return { value: value + 0 };
}

const readers: Record<InputKey, (raw: string) => Reading> = {
  advertiser: choice(checkInputSchema.shape.advertiser.unwrap().options),
  months: monthsActive,
  spend: dollars,
  payments: choice(checkInputSchema.shape.payments.unwrap().options),
  prior_ads: yesNo,
  continuous: yesNo,
  standing: choice(checkInputSchema.shape.standing.unwrap().options),
  partner: yesNo,
  growth: yesNo,
};

/** Long pasted values are cut in messages so the message stays readable. */
export function quoteGiven(given: string): string {
  return `"${given.length > 40 ? `${given.slice(0, 40)}…` : given}"`;
}

function valueError(key: InputKey, given: string, what: string): InputError {
  return { key, given, message: `${key}: ${what}. Use ${inputFields[key].accepts}.` };
}

/**
 * `spend=25 000`: digit groups split by spaces, as many people write thousands. Said as such, with
 * the exact text to write, when the value without the spaces is a valid number for the key.
 */
function splitNumberError(key: InputKey, raw: string): InputError | undefined {
  if (!/\s/.test(raw)) return undefined;
  const joined = raw.replace(/\s+/g, "");
  const reading = readers[key](joined);
  if (!("value" in reading) || typeof reading.value !== "number") return undefined;
  return {
    key,
    given: raw,
    message: `${key}: ${quoteGiven(raw)} looks like one number split by a space. Write it without spaces, as ${key}=${joined}.`,
  };
}

/** One value as typed, read for its key; an unreadable value becomes an error. */
export function readValue(
  key: InputKey,
  typed: string,
): { value: string | number | boolean } | { error: InputError } {
  const raw = unquote(typed.trim()).trim();
  if (raw === "") return { error: valueError(key, raw, "no value was given") };
  const reading = readers[key](raw);
  if ("value" in reading) return reading;
  return {
    error:
      splitNumberError(key, raw) ?? valueError(key, raw, `${quoteGiven(raw)} ${reading.problem}`),
  };
}
