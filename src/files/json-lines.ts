import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { parseJsonWith } from "../parse-json.js";
import { isMissing } from "./errors.js";

/**
 * A JSON-lines file's items that fit the schema, in file order: none when the file is not there
 * yet, and a line cut short by a crash (or otherwise unreadable) is skipped.
 */
export async function readJsonLines<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      const item = parseJsonWith(schema, line);
      return item === undefined ? [] : [item];
    });
}
