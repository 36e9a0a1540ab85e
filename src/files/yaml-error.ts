import { YAMLError } from "yaml";

/**
 * A YAML parse failure as `line N: <what>: <the parser's reason>`, N counted in the file:
 * `firstLine` is the file's line the parsed text starts on (a front matter starts on line 2).
 * The parser's own message ends in its line counted from the parsed text and a colon that
 * introduces a code excerpt, so both are left out.
 */
export function yamlProblem(error: unknown, what: string, firstLine = 1): string {
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  const reason = message.replace(/ at line \d+, column \d+:?$/, "");
  const line = error instanceof YAMLError ? error.linePos?.[0].line : undefined;
  return `${line === undefined ? "" : `line ${line + firstLine - 1}: `}${what}: ${reason}`;
}
