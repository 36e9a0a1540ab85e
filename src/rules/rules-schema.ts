import { z } from "zod";
import { sourceSchema } from "../knowledge/schema.js";

const placeholderPattern = /\{([^{}]*)\}/g;

/**
 * A text shown to people, which may use only the listed placeholders, so a typo such as
 * {monhts} is caught at start instead of reaching a user as literal braces.
 */
function text(...placeholders: string[]) {
  const allowed = placeholders.map((name) => `{${name}}`).join(", ");
  return z
    .string({ error: (issue) => (issue.input === undefined ? "missing" : "expected a text") })
    .trim()
    .min(1, "expected a text, found an empty one")
    .superRefine((value, context) => {
      for (const [, name] of value.matchAll(placeholderPattern)) {
        if (name !== undefined && !placeholders.includes(name)) {
          context.addIssue({
            code: "custom",
            message: allowed
              ? `unknown placeholder {${name}}; this text can use ${allowed}`
              : `unknown placeholder {${name}}; this text takes no placeholders`,
          });
        }
      }
    });
}

const steps = (...placeholders: string[]) =>
  z
    .array(text(...placeholders), { error: "expected a list of texts" })
    .min(1, "give at least one step");

const wholeNumber = z
  .int({
    error: (issue) => `${issue.input === undefined ? "missing; " : ""}expected a whole number ≥ 0`,
  })
  .min(0, { error: "expected a whole number ≥ 0" });

/** A group of named fields; a misspelt field name is reported instead of silently ignored. */
const section = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code !== "invalid_type"
        ? undefined
        : `${issue.input === undefined ? "missing; " : ""}expected a section with ${Object.keys(shape).join(", ")}`,
  });

const program = <Reasons extends z.ZodRawShape, NextSteps extends z.ZodRawShape>(
  reasons: Reasons,
  nextSteps: NextSteps,
) =>
  section({
    name: text(),
    /** What people call the program in a message ("monthly invoicing", "jbp"), in lower case. */
    called: z
      .array(z.string().trim().min(1, "expected a name people use for the program"), {
        error: "expected a list of names people use for the program",
      })
      .min(1, "list at least one name people use for the program"),
    sources: z
      .array(sourceSchema, { error: "expected a list of sources with url, publisher and kind" })
      .min(1, "every program must cite at least one source"),
    reasons: section(reasons),
    next_steps: section(nextSteps),
  });

const managedSpendSchema = section({
  usd_per_month: z.number({ error: "expected an amount ≥ 0" }).min(0, "expected an amount ≥ 0"),
  assumption: z.boolean({
    error: "expected true (not a TikTok figure) or false (a TikTok figure)",
  }),
  drawn_from: text().optional(),
  reason: text("threshold", "drawn_from").optional(),
}).superRefine((value, context) => {
  if (!value.assumption) return;
  for (const field of ["drawn_from", "reason"] as const) {
    if (value[field] === undefined) {
      context.addIssue({
        code: "custom",
        path: [field],
        message: "required when assumption is true",
      });
    }
  }
});

/** One text for each verdict. */
const perVerdict = () =>
  section({
    eligible: text(),
    likely: text(),
    possible: text(),
    unlikely: text(),
    not_eligible: text(),
    needs_info: text(),
  });

/**
 * knowledge/credit-check.yml: every threshold and every text of the credit check.
 * Placeholders the code fills in: {months}, {min_months} and {remaining} as "4 months" or
 * "2 more months"; {spend} and {threshold} as "25,000 USD"; {add} as `key=value` hints.
 */
export const rulesSchema = section({
  thresholds: section({
    credit_line_min_months: wholeNumber,
    new_advertiser_window_months: section({ official: wholeNumber, third_party: wholeNumber }),
    managed_spend: managedSpendSchema,
  }),
  verdict_labels: perVerdict(),
  /** What each verdict says, for "what's the difference between likely and possible?". */
  verdict_meanings: perVerdict(),
  common: section({
    needs_info_step: text("add"),
    disclaimer: text(),
  }),
  programs: section({
    new_advertiser_credit: program(
      {
        no_prior_ads: text(),
        has_prior_ads: text(),
        prior_ads_unknown: text(),
        derived_from_months: text("months"),
        derived_from_spend: text("spend"),
        young_account_spend: text("spend"),
        derived_from_nothing: text(),
        past_window: text("months"),
        past_windows: text("months"),
        agency_account: text(),
        advertiser_unknown: text(),
      },
      {
        eligible: steps(),
        eligible_via_agency: steps(),
        past_window: steps(),
        not_eligible: steps(),
      },
    ),
    credit_line: program(
      {
        months_met: text("months", "min_months"),
        months_short: text("months", "min_months", "remaining"),
        months_unknown: text("min_months"),
        payments_good: text(),
        payments_late: text(),
        payments_none: text(),
        payments_unknown: text(),
        standing_good: text(),
        standing_restricted: text(),
        standing_assumed: text(),
        continuous_yes: text(),
        continuous_no: text(),
        continuous_assumed: text(),
        spend_unpublished: text(),
      },
      {
        likely: steps(),
        not_eligible: steps(),
        months_short: steps("min_months", "remaining"),
      },
    ),
    managed_account: program(
      {
        spend_unknown: text("threshold"),
        spend_at_or_above: text("spend", "threshold"),
        spend_below: text("spend", "threshold"),
        growth_yes: text(),
        growth_no: text(),
        growth_unknown: text(),
        standing_unknown_weight: text("problem"),
      },
      { likely: steps(), possible: steps(), unlikely: steps() },
    ),
    joint_business_plan: program(
      {
        advertiser_unknown: text(),
        agency: text(),
        direct: text(),
        spend_unknown: text("threshold"),
        spend_at_or_above: text("spend", "threshold"),
        spend_below: text("spend", "threshold"),
      },
      { possible: steps(), unlikely: steps(), not_eligible: steps() },
    ),
    agency_credit: program(
      {
        advertiser_unknown: text(),
        direct: text(),
        partner_yes: text(),
        partner_no: text(),
        partner_unknown: text(),
      },
      { likely: steps(), direct: steps(), no_partner: steps() },
    ),
  }),
});

export type Rules = z.infer<typeof rulesSchema>;
