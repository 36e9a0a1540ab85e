import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date written YYYY-MM-DD", abort: true })
  .refine((value) => !Number.isNaN(Date.parse(value)), "not a real calendar date");

/** YAML turns an unquoted 2026-06-18 into a Date; curators should not have to quote dates. */
const dateField = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  isoDate,
);

/** A page's date as far as it shows one: a day, or only a month or a year ("2025"). */
const publishedField = z.preprocess(
  (value) =>
    value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === "number"
        ? String(value)
        : value,
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, {
      message:
        "expected a date written YYYY-MM-DD, or YYYY-MM or YYYY for a page that shows no day",
      abort: true,
    })
    .refine((value) => !Number.isNaN(Date.parse(value)), "not a real calendar date"),
);

export const sourceKinds = ["official", "third_party"] as const;

export const sourceSchema = z.object({
  url: z.url({ message: "expected a full http(s) URL" }),
  publisher: z.string().trim().min(1, "name who published the page, e.g. TikTok Help Center"),
  kind: z.enum(sourceKinds, { message: "expected official (TikTok's own page) or third_party" }),
  date: publishedField.optional(),
});

const phrasing = z
  .string()
  .trim()
  .min(2, "too short to be a question")
  .max(200, "over 200 characters");

export const entryFrontMatterSchema = z.object({
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      "expected lower-case words joined by hyphens, e.g. credit-line-eligibility",
    ),
  question: phrasing,
  // At least 3 once the entry cites a source (see entrySchema); a draft may start with none.
  alternates: z.array(phrasing).default([]),
  // An entry without a source is a draft: it loads, `kb check` warns, and it is never answered.
  sources: z.array(sourceSchema).default([]),
  related: z.array(z.string()).max(6, "at most 6 related entries").default([]),
  checked: dateField,
  /** The Slack user who keeps the entry true: reminded when it is due for a check. */
  owner: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, "expected a Slack user id such as U012ABCDEF")
    .optional(),
  /** Days between checks; KB_STALE_DAYS when left out. */
  verify_every_days: z.number().int("expected a whole number of days").positive().optional(),
});

const minAlternates = 3;

export const entrySchema = entryFrontMatterSchema
  .extend({
    answer: z
      .string()
      .trim()
      .min(20, "the answer (the text below the front matter) is missing or too short"),
  })
  .superRefine((entry, context) => {
    if (entry.sources.length > 0 && entry.alternates.length < minAlternates) {
      context.addIssue({
        code: "custom",
        path: ["alternates"],
        message: `give at least ${minAlternates} alternate phrasings`,
      });
    }
  });

export type Source = z.infer<typeof sourceSchema>;
export type Entry = z.infer<typeof entrySchema>;

export const vocabularySchema = z.object({
  synonyms: z
    .record(z.string().min(1), z.array(z.string().min(1)).min(1))
    .describe("canonical term -> the ways people write it"),
  domain_terms: z
    .array(z.string().min(1))
    .min(1)
    .describe("a question needs one of these to be in scope at all"),
  out_of_scope: z
    .array(z.string().min(1))
    .describe("other platforms and other senses of 'credit': out of scope unless TikTok is named"),
  not_credits: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "TikTok programs that pay or give something other than ad credit: out of scope always",
    ),
  other_senses: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "another sense of credit or billing (a bank's, a phone's): out of scope unless an ads_terms word is named",
    ),
  ads_terms: z
    .array(z.string().min(1))
    .default([])
    .describe("words that say a question is about advertising: they keep other_senses in scope"),
  stopwords: z.array(z.string().min(1)).describe("filler words the matcher ignores"),
  general_terms: z
    .array(z.string().min(1))
    .default([])
    .describe("words that name the subject as a whole: a message of only these names no topic"),
  mixed_in: z
    .record(z.string().regex(/^\p{L}+$/u, "one word"), z.string())
    .default({})
    .describe(
      "a word of another language agency people mix into English -> the English read in its place ('' for a particle read as nothing)",
    ),
  swaps: z
    .record(z.string().min(1), z.array(z.string().min(1)).min(1))
    .default({})
    .describe(
      "kind -> its words: 'same for coupons?' asks the question before again, coupons in place of its program",
    ),
});

export type Vocabulary = z.infer<typeof vocabularySchema>;
