import { checkInputSchema, type InputKey, inputKeys, mostMonths } from "./types.js";

/** How each `/credit-check` key is described to people: in usage, error messages and hints. */
export type InputField = {
  meaning: string;
  /** What the key takes, in words, as it ends "Use …" in an error message. */
  accepts: string;
  example: string;
  whenLeftOut?: string;
} & (
  | /** The values of an enumeration or yes/no key, for selects. */ { options: readonly string[] }
  | /** What a number stands for, shown as `key=<placeholder>` when the key is missing. */ {
      placeholder: string;
    }
);

const yesNo = ["yes", "no"] as const;
const yesNoAccepts = "yes or no (true/false and y/n work too)";

export const inputFields: Record<InputKey, InputField> = {
  advertiser: {
    meaning: "buys from TikTok directly, or through an agency",
    accepts: "direct or agency",
    example: "advertiser=direct",
    options: checkInputSchema.shape.advertiser.unwrap().options,
  },
  months: {
    meaning: "months the ad account has been active",
    accepts: `a whole number of months, 0 to ${mostMonths}, e.g. months=8 (a span works too: months=6 weeks)`,
    example: "months=8",
    placeholder: "whole number",
  },
  spend: {
    meaning: "average monthly ad spend in US dollars",
    accepts: "US dollars a month, 0 or more, e.g. 25000, 25k, $25,000 or 1.2m",
    example: "spend=25k",
    placeholder: "USD a month, e.g. 25k",
  },
  payments: {
    meaning: "payment history",
    accepts: "good, late or none",
    example: "payments=good",
    options: checkInputSchema.shape.payments.unwrap().options,
  },
  prior_ads: {
    meaning: "has the account run ads before",
    accepts: yesNoAccepts,
    example: "prior_ads=yes",
    options: yesNo,
    whenLeftOut: "yes if months or spend is above 0, no if both are 0",
  },
  continuous: {
    meaning: "continuous ad activity",
    accepts: yesNoAccepts,
    example: "continuous=yes",
    options: yesNo,
    whenLeftOut: "assumed yes",
  },
  standing: {
    meaning: "account standing",
    accepts: "good or restricted",
    example: "standing=good",
    options: checkInputSchema.shape.standing.unwrap().options,
    whenLeftOut: "assumed good",
  },
  partner: {
    meaning: "the agency has a formal TikTok partner agreement",
    accepts: yesNoAccepts,
    example: "partner=yes",
    options: yesNo,
  },
  growth: {
    meaning: "strong growth potential",
    accepts: yesNoAccepts,
    example: "growth=yes",
    options: yesNo,
  },
};

/** The exact text to add for a missing key, e.g. `payments=good|late|none` or `months=<whole number>`. */
export function keyHint(key: InputKey): string {
  const field = inputFields[key];
  return "options" in field ? `${key}=${field.options.join("|")}` : `${key}=<${field.placeholder}>`;
}

export function isInputKey(word: string): word is InputKey {
  return (inputKeys as readonly string[]).includes(word);
}
