import { type CheckResult, citedSources, type Rules } from "../rules/index.js";
import type { CreditCheckReply } from "./reply.js";

/** A check result as a reply, with the details of the sources it cites. */
export const checkReply = (result: CheckResult, rules: Rules): CreditCheckReply => ({
  kind: "credit_check",
  result,
  sources: citedSources(result, rules),
});
