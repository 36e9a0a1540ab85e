import { keyHint } from "./input-fields.js";
import type { Rules } from "./rules-schema.js";
import type { CheckInput, InputKey, ProgramId, Verdict } from "./types.js";
import { fill, joinAnd, monthCount, moreMonths, usd } from "./wording.js";

/** One program's verdict before its name and sources are attached. */
export interface Assessment {
  verdict: Verdict;
  reasons: string[];
  next_steps: string[];
  /** The keys that would settle a needs_info verdict; empty otherwise. */
  missing: InputKey[];
}

function needsInfo(rules: Rules, reasons: string[], missing: InputKey[]): Assessment {
  const add = joinAnd(missing.map(keyHint));
  return {
    verdict: "needs_info",
    reasons,
    next_steps: [fill(rules.common.needs_info_step, { add })],
    missing,
  };
}

function settled(verdict: Verdict, reasons: string[], next_steps: string[]): Assessment {
  return { verdict, reasons, next_steps, missing: [] };
}

/** The stated assumption behind the managed-spend threshold, when it is one. */
function thresholdAssumption(rules: Rules): string[] {
  const { usd_per_month, assumption, drawn_from, reason } = rules.thresholds.managed_spend;
  if (!assumption || reason === undefined || drawn_from === undefined) return [];
  return [fill(reason, { threshold: usd(usd_per_month), drawn_from })];
}

/** prior_ads as given, or worked out from months and spend, with the sentence saying how. */
function priorAds(
  input: CheckInput,
  rules: Rules,
): { value: boolean; derivation?: string } | undefined {
  const texts = rules.programs.new_advertiser_credit.reasons;
  if (input.prior_ads !== undefined) return { value: input.prior_ads };
  if (input.months !== undefined && input.months > 0) {
    return {
      value: true,
      derivation: fill(texts.derived_from_months, { months: monthCount(input.months) }),
    };
  }
  // Under a month old, spend may be what earns the offer (its window runs from registration).
  if (input.spend !== undefined && input.spend > 0 && input.months !== 0) {
    return { value: true, derivation: fill(texts.derived_from_spend, { spend: usd(input.spend) }) };
  }
  if (input.months === 0 && input.spend === 0) {
    return { value: false, derivation: texts.derived_from_nothing };
  }
  return undefined;
}

function newAdvertiserCredit(input: CheckInput, rules: Rules): Assessment {
  const { reasons: texts, next_steps: steps } = rules.programs.new_advertiser_credit;
  const prior = priorAds(input, rules);
  if (prior === undefined) {
    const { spend } = input;
    const why =
      input.months === 0 && spend !== undefined && spend > 0
        ? fill(texts.young_account_spend, { spend: usd(spend) })
        : texts.prior_ads_unknown;
    return needsInfo(rules, [why], ["prior_ads"]);
  }
  const derivation = prior.derivation === undefined ? [] : [prior.derivation];
  if (prior.value) {
    return settled("not_eligible", [...derivation, texts.has_prior_ads], steps.not_eligible);
  }
  // An account with no ads may still be too old for the offer: its window runs from registration.
  const window = rules.thresholds.new_advertiser_window_months;
  if (input.months !== undefined && input.months >= window.official) {
    const pastBoth = input.months >= window.third_party;
    const months = monthCount(input.months);
    return settled(
      pastBoth ? "unlikely" : "possible",
      [
        ...derivation,
        texts.no_prior_ads,
        fill(pastBoth ? texts.past_windows : texts.past_window, { months }),
        ...(input.advertiser === "agency" ? [texts.agency_account] : []),
      ],
      steps.past_window,
    );
  }
  // Third parties say an account an agency set up is excluded, an agency partner describes a
  // partner-form route, and no TikTok page settles it (facts E5): possible, not eligible.
  return input.advertiser === "agency"
    ? settled(
        "possible",
        [...derivation, texts.no_prior_ads, texts.agency_account],
        steps.eligible_via_agency,
      )
    : settled(
        "eligible",
        [
          ...derivation,
          texts.no_prior_ads,
          ...(input.advertiser === undefined ? [texts.advertiser_unknown] : []),
        ],
        steps.eligible,
      );
}

function creditLine(input: CheckInput, rules: Rules): Assessment {
  const { reasons: texts, next_steps: steps } = rules.programs.credit_line;
  const minMonths = rules.thresholds.credit_line_min_months;
  const min_months = monthCount(minMonths);
  const reasons: string[] = [];
  const missing: InputKey[] = [];
  let failed = false;
  let monthsShort: string[] = [];

  if (input.months === undefined) {
    reasons.push(fill(texts.months_unknown, { min_months }));
    missing.push("months");
  } else if (input.months < minMonths) {
    const remaining = moreMonths(minMonths - input.months);
    reasons.push(
      fill(texts.months_short, { months: monthCount(input.months), min_months, remaining }),
    );
    monthsShort = steps.months_short.map((step) => fill(step, { min_months, remaining }));
    failed = true;
  } else {
    reasons.push(fill(texts.months_met, { months: monthCount(input.months), min_months }));
  }

  if (input.payments === undefined) {
    reasons.push(texts.payments_unknown);
    missing.push("payments");
  } else {
    reasons.push(
      { good: texts.payments_good, late: texts.payments_late, none: texts.payments_none }[
        input.payments
      ],
    );
    failed ||= input.payments !== "good";
  }

  if (input.standing === "restricted") {
    reasons.push(texts.standing_restricted);
    failed = true;
  } else {
    reasons.push(input.standing === "good" ? texts.standing_good : texts.standing_assumed);
  }

  if (input.continuous === false) {
    reasons.push(texts.continuous_no);
    failed = true;
  } else {
    reasons.push(input.continuous ? texts.continuous_yes : texts.continuous_assumed);
  }

  // A criterion known to fail settles it, whatever is not known yet.
  if (failed) return settled("not_eligible", reasons, [...steps.not_eligible, ...monthsShort]);
  if (missing.length > 0) return needsInfo(rules, reasons, missing);
  return settled("likely", [...reasons, texts.spend_unpublished], steps.likely);
}

/** What the account's record says against it ("is restricted and has late payments"), if anything. */
function recordProblem(input: CheckInput): string | undefined {
  const problems = [
    ...(input.standing === "restricted" ? ["is restricted"] : []),
    ...(input.payments === "late" ? ["has late payments"] : []),
  ];
  return problems.length > 0 ? problems.join(" and ") : undefined;
}

function managedAccount(input: CheckInput, rules: Rules): Assessment {
  const { reasons: texts, next_steps: steps } = rules.programs.managed_account;
  const limit = rules.thresholds.managed_spend.usd_per_month;
  const threshold = usd(limit);
  const problem = recordProblem(input);
  const caveats = [
    ...thresholdAssumption(rules),
    ...(problem ? [fill(texts.standing_unknown_weight, { problem })] : []),
  ];
  if (input.spend === undefined) {
    return needsInfo(rules, [fill(texts.spend_unknown, { threshold }), ...caveats], ["spend"]);
  }
  const spend = usd(input.spend);
  if (input.spend >= limit) {
    return settled(
      "likely",
      [fill(texts.spend_at_or_above, { spend, threshold }), ...caveats],
      steps.likely,
    );
  }
  const below = fill(texts.spend_below, { spend, threshold });
  if (input.growth === true) {
    return settled("possible", [below, texts.growth_yes, ...caveats], steps.possible);
  }
  const growth = input.growth === false ? texts.growth_no : texts.growth_unknown;
  return settled("unlikely", [below, growth, ...caveats], steps.unlikely);
}

function jointBusinessPlan(input: CheckInput, rules: Rules): Assessment {
  const { reasons: texts, next_steps: steps } = rules.programs.joint_business_plan;
  if (input.advertiser === undefined) {
    return needsInfo(rules, [texts.advertiser_unknown], ["advertiser"]);
  }
  if (input.advertiser === "agency") {
    return settled("not_eligible", [texts.agency], steps.not_eligible);
  }
  const limit = rules.thresholds.managed_spend.usd_per_month;
  const threshold = usd(limit);
  const assumption = thresholdAssumption(rules);
  if (input.spend === undefined) {
    return needsInfo(
      rules,
      [texts.direct, fill(texts.spend_unknown, { threshold }), ...assumption],
      ["spend"],
    );
  }
  const spend = usd(input.spend);
  return input.spend >= limit
    ? settled(
        "possible",
        [texts.direct, fill(texts.spend_at_or_above, { spend, threshold }), ...assumption],
        steps.possible,
      )
    : settled(
        "unlikely",
        [texts.direct, fill(texts.spend_below, { spend, threshold }), ...assumption],
        steps.unlikely,
      );
}

function agencyCredit(input: CheckInput, rules: Rules): Assessment {
  const { reasons: texts, next_steps: steps } = rules.programs.agency_credit;
  if (input.advertiser === "direct") return settled("not_eligible", [texts.direct], steps.direct);
  // No partner agreement rules it out before the advertiser is known.
  if (input.partner === false) return settled("not_eligible", [texts.partner_no], steps.no_partner);
  if (input.advertiser === undefined) {
    return needsInfo(rules, [texts.advertiser_unknown], ["advertiser"]);
  }
  if (input.partner === undefined) return needsInfo(rules, [texts.partner_unknown], ["partner"]);
  return settled("likely", [texts.partner_yes], steps.likely);
}

export const programRules: Record<ProgramId, (input: CheckInput, rules: Rules) => Assessment> = {
  new_advertiser_credit: newAdvertiserCredit,
  credit_line: creditLine,
  managed_account: managedAccount,
  joint_business_plan: jointBusinessPlan,
  agency_credit: agencyCredit,
};
