export { checkFields, checkText } from "./check-text.js";
export { closestWord } from "./closest-key.js";
export { evaluate } from "./evaluate.js";
export { creditCheckUsage, describeInput, formatResultText } from "./format-text.js";
export { type InputField, inputFields, keyHint } from "./input-fields.js";
export { loadRules, RulesFileError, rulesFileName } from "./load.js";
export { maxInputLength, type ParseResult, parseCheckFields, parseCheckText } from "./parse.js";
export type { Rules } from "./rules-schema.js";
export * from "./types.js";
