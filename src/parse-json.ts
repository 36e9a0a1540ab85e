import type { z } from "zod";

/** The text read as JSON and checked against the schema; undefined when it is neither. */
export function parseJsonWith<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
