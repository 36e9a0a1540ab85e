import { checkText, loadRules, type ProgramId, type ProgramResult } from "../../src/rules/index.js";

export const rules = await loadRules("knowledge");

/** The result for one program, from the text a person would type after /credit-check. */
export function program(text: string, id: ProgramId): ProgramResult {
  const found = checkText(text, rules).programs.find((entry) => entry.id === id);
  if (!found) throw new Error(`no ${id} verdict for "${text}"`);
  return found;
}
