import { z } from "zod";
import type { Source } from "../knowledge/schema.js";
import { rulesSchema } from "./rules-schema.js";

export const verdicts = [
  "eligible",
  "likely",
  "possible",
  "unlikely",
  "not_eligible",
  "needs_info",
] as const;
export type Verdict = (typeof verdicts)[number];

/**
 * The programs, in the order a result lists them: the sections rules-schema.ts declares under
 * `programs`, so a program's texts, its rule in programs.ts and its id cannot drift apart.
 */
export const programIds = rulesSchema.shape.programs.keyof().options;
export type ProgramId = (typeof programIds)[number];

export const inputKeys = [
  "advertiser",
  "months",
  "spend",
  "payments",
  "prior_ads",
  "continuous",
  "standing",
  "partner",
  "growth",
] as const;
export type InputKey = (typeof inputKeys)[number];

/**
 * The most months an ad account can have been active: more is a typo (TikTok's ad platform is
 * younger than that), and would otherwise pass every length-of-history rule.
 */
export const mostMonths = 240;

/**
 * What the user told us about the ad account; a key left out stays undefined, and a key the check
 * does not know is an error rather than silently dropped.
 */
export const checkInputSchema = z.strictObject({
  advertiser: z.enum(["direct", "agency"]).optional(),
  months: z.number().int().min(0).max(mostMonths).optional(),
  spend: z.number().min(0).optional(),
  payments: z.enum(["good", "late", "none"]).optional(),
  prior_ads: z.boolean().optional(),
  continuous: z.boolean().optional(),
  standing: z.enum(["good", "restricted"]).optional(),
  partner: z.boolean().optional(),
  growth: z.boolean().optional(),
});
export type CheckInput = z.infer<typeof checkInputSchema>;

export interface InputError {
  /** The key concerned (an unknown key as typed, lower-cased); "" when no one key is at fault. */
  key: string;
  given: string;
  message: string;
}

/** One program's verdict; `sources` are the pages it rests on, as the rules file cites them. */
export interface ProgramResult {
  id: ProgramId;
  name: string;
  verdict: Verdict;
  reasons: string[];
  next_steps: string[];
  sources: Source[];
}

export interface CheckResult {
  status: "ok" | "invalid";
  errors: InputError[];
  input: CheckInput;
  programs: ProgramResult[];
  missing: InputKey[];
}
