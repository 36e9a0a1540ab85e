import { z } from "zod";
import type { Reply } from "../../../core/reply.js";
import { type InputKey, inputKeys } from "../../../rules/index.js";
import { decodeOrigin, postToResponseUrl } from "../../check-origin.js";
import { apologyNotice, postMessage, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { modalActionId } from "../../ids.js";
import { speakerOf } from "../../inbound.js";
import { renderReply } from "../../render/reply.js";
import type { SubmissionArgs } from "./submission-args.js";

const stateSchema = z.object({
  values: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        value: z.string().nullish(),
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    ),
  ),
});

/** The filled-in fields of the form, by `/credit-check` key; empty ones are left out. */
export function fieldsFromState(state: unknown): Partial<Record<InputKey, string>> | undefined {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) return undefined;
  const fields: Partial<Record<InputKey, string>> = {};
  for (const key of inputKeys) {
    const input = parsed.data.values[key]?.[modalActionId];
    const value = (input?.selected_option?.value ?? input?.value ?? "").trim();
    if (value !== "") fields[key] = value;
  }
  return fields;
}

/** Slack shows these under the fields; a problem not tied to one field goes on the first. */
function fieldErrors(errors: { key: string; message: string }[]): Record<string, string> {
  const byBlock: Record<string, string> = {};
  for (const error of errors) {
    const block = (inputKeys as readonly string[]).includes(error.key) ? error.key : inputKeys[0];
    byBlock[block] = byBlock[block] ? `${byBlock[block]} ${error.message}` : error.message;
  }
  return byBlock;
}

/**
 * The `/credit-check` form submitted: invalid fields are answered with errors on those fields (the
 * form stays open); a valid one closes and the result is shown where the command was run.
 */
export function creditCheckSubmission(deps: SlackDeps) {
  return async ({ ack, body, view, client, context }: SubmissionArgs): Promise<void> => {
    const ids = { view_id: view.id, user: body.user.id };
    const fields = fieldsFromState(view.state);
    const who = speakerOf(context, body.user.id);
    if (!fields || !who) {
      deps.logger.warn("form ignored: unexpected payload", ids);
      await ack();
      return;
    }
    let reply: Reply;
    try {
      reply = deps.core.creditCheckFromFields(who, fields);
    } catch (error) {
      deps.logger.error("core failed", { ...ids, ...errorFields(error) });
      reply = apologyNotice;
    }
    if (reply.kind === "credit_check" && reply.result.status === "invalid") {
      await ack({ response_action: "errors", errors: fieldErrors(reply.result.errors) });
      deps.logger.info("form errors shown", { ...ids, problems: reply.result.errors.length });
      return;
    }
    await ack();
    const message = renderReply(reply);
    const origin = decodeOrigin(view.private_metadata);
    try {
      if (origin?.response_url) {
        try {
          await postToResponseUrl(origin.response_url, message);
          deps.logger.info("form answered", { ...ids, channel: origin.channel, kind: reply.kind });
          return;
        } catch (error) {
          // Expired (30 minutes, five posts) or refused: the DM still reaches the person.
          deps.logger.warn("form reply via response_url failed", { ...ids, ...errorFields(error) });
        }
      }
      const posted = await postMessage(client, { channel: body.user.id }, message);
      deps.logger.info("form answered", { ...ids, channel: posted.channel, kind: reply.kind });
    } catch (error) {
      deps.logger.error("form reply failed", { ...ids, ...errorFields(error) });
    }
  };
}
