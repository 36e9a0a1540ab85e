import { readFile } from "node:fs/promises";
import { join } from "node:path";
import YAML from "yaml";
import { yamlProblem } from "../files/yaml-error.js";
import { StartError, StartErrorCode } from "../start-error.js";
import { type Rules, rulesSchema } from "./rules-schema.js";

export const rulesFileName = "credit-check.yml";

/** Every problem in the rules file, one line each: the file, the field and what is expected. */
export class RulesFileError extends StartError {
  override name = "RulesFileError";
  readonly code = StartErrorCode.Knowledge;
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0];

function fieldPath(path: PropertyKey[]): string {
  const field = path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("")
    .replace(/^\./, "");
  return field || "(file)";
}

/** Reads and validates `<knowledgeDir>/credit-check.yml`; throws RulesFileError on any problem. */
export async function loadRules(knowledgeDir: string): Promise<Rules> {
  const file = join(knowledgeDir, rulesFileName);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new RulesFileError([`${file}: cannot be read (${firstLine(error)})`]);
  }
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (error) {
    throw new RulesFileError([`${file}: ${yamlProblem(error, "not valid YAML")}`]);
  }
  const parsed = rulesSchema.safeParse(data);
  if (!parsed.success) {
    throw new RulesFileError(
      parsed.error.issues.map((issue) => `${file}: ${fieldPath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data;
}
