import type { CheckResult } from "../../../rules/index.js";
import { decodeCheckView } from "../../check-button.js";
import { postMessage, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { renderCheckResult, renderSharedCheck } from "../../render/credit-check.js";
import { type ButtonArgs, type Click, readClick } from "./interaction.js";

/** Slack's answers when the app cannot post where the check was run. */
const cannotPostHere = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

const notInChannel =
  "I can't post in this conversation. Invite me with `/invite @Credit Desk` and share again, " +
  "or run the check in a channel I'm in.";
const shareFailed = "I couldn't share it just now. Please try again in a minute.";

/** The clicked result's button, read and checked, and the check it shows, run again. */
function readResultClick(deps: SlackDeps, args: ButtonArgs) {
  const click = readClick(deps, args);
  const view = decodeCheckView(args.action.value);
  if (!click || !view) {
    deps.logger.warn("click ignored: unexpected result button", {
      action_id: args.action.action_id,
    });
    return undefined;
  }
  const reply = deps.core.creditCheckAgain(view.input);
  if (reply.kind !== "credit_check" || reply.result.status !== "ok") {
    deps.logger.warn("click ignored: the check no longer runs", click.ids);
    return undefined;
  }
  return { click, view, result: reply.result };
}

/**
 * Why (or Hide) on a result's program: the result is replaced, through the click's response_url,
 * by the same result with that program's reasons open (or closed).
 */
export function checkWhyButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const read = readResultClick(deps, args);
    if (!read) return;
    const { click, view, result } = read;
    await deps.replies.run("response_url", async () => {
      // The view holds the input, not a "what if" lead: the opened result shows the check as it
      // stands, its header line saying what it was given.
      const message = renderCheckResult(result, view.program);
      try {
        // Replaces the clicked message, ephemeral or not (a guided check's result in the DM).
        await args.respond({
          replace_original: true,
          text: message.text,
          blocks: message.blocks,
        });
        deps.logger.info("check reasons shown", { ...click.ids, program: view.program ?? "none" });
      } catch (error) {
        deps.logger.error("reply failed", { ...click.ids, ...errorFields(error) });
      }
    });
  };
}

/**
 * Share in channel: the verdicts (not the details the person gave) posted where the check was
 * run. Where the app cannot post, the person is told why, ephemerally.
 */
export function checkShareButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const read = readResultClick(deps, args);
    if (!read) return;
    const { click, result } = read;
    const channel = click.body.channel?.id;
    if (!channel) {
      deps.logger.warn("click ignored: no channel to share in", click.ids);
      return;
    }
    await deps.replies.run("chat.postMessage", () => share(deps, args, click, channel, result));
  };
}

async function share(
  deps: SlackDeps,
  args: ButtonArgs,
  click: Click,
  channel: string,
  result: CheckResult,
): Promise<void> {
  try {
    const posted = await postMessage(
      args.client,
      { channel },
      renderSharedCheck(result, click.body.user.id),
    );
    deps.logger.info("check shared", { ...click.ids, channel: posted.channel, ts: posted.ts });
  } catch (error) {
    const fields = errorFields(error);
    deps.logger.warn("check not shared", { ...click.ids, ...fields });
    const note =
      typeof fields.slack_error === "string" && cannotPostHere.has(fields.slack_error)
        ? notInChannel
        : shareFailed;
    try {
      await args.respond({ response_type: "ephemeral", replace_original: false, text: note });
    } catch (noteError) {
      deps.logger.error("reply failed", { ...click.ids, ...errorFields(noteError) });
    }
  }
}
