import { z } from "zod";
import { errorCode } from "../files/errors.js";
import type { LogFields } from "../logger.js";

const slackErrorSchema = z.object({
  code: z.string().startsWith("slack_"),
  message: z.string(),
  data: z.object({ error: z.string() }).partial().optional(),
  statusCode: z.number().optional(),
  retryAfter: z.number().optional(),
});

/**
 * What a failure is, for the log. Slack client errors carry their code and Slack's error string; any
 * other error only its name, because its message could quote what a person wrote.
 */
export function errorFields(error: unknown): LogFields {
  const slack = slackErrorSchema.safeParse(error);
  if (slack.success) {
    return {
      error_code: slack.data.code,
      slack_error: slack.data.data?.error,
      status: slack.data.statusCode,
      retry_after: slack.data.retryAfter,
      reason: slack.data.message.slice(0, 200),
    };
  }
  // A system error's code (ENOSPC, EROFS, …) says what failed; its message could quote a path.
  const code = errorCode(error);
  if (typeof code === "string") return { error_code: code.slice(0, 60) };
  return { error_code: error instanceof Error ? error.name : typeof error };
}
