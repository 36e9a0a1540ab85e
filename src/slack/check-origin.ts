import { z } from "zod";
import { parseJsonWith } from "../parse-json.js";

/**
 * Where `/credit-check` was run, carried through the modal's private_metadata so the submitted
 * result can be shown there: the command's response_url posts an ephemeral message in any channel,
 * even one the bot is not in.
 */
const originSchema = z.object({
  channel: z.string().min(1),
  response_url: z.url({ protocol: /^https?$/ }).optional(),
});
export type CheckOrigin = z.infer<typeof originSchema>;

export const encodeOrigin = (origin: CheckOrigin): string => JSON.stringify(origin);

export const decodeOrigin = (privateMetadata: string): CheckOrigin | undefined =>
  parseJsonWith(originSchema, privateMetadata);

/** A failed post to a response_url; the message names only the status. */
export class ResponseUrlError extends Error {
  override name = "ResponseUrlError";
  readonly code = "slack_response_url_error";
}

/** An ephemeral message through a response_url (valid for 30 minutes, up to five times). */
export async function postToResponseUrl(
  url: string,
  message: { text: string; blocks: unknown[] },
): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response_type: "ephemeral", replace_original: false, ...message }),
  });
  if (!response.ok) throw new ResponseUrlError(`response_url answered HTTP ${response.status}`);
}
