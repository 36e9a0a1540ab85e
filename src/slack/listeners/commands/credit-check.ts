import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Reply } from "../../../core/reply.js";
import type { LogFields } from "../../../logger.js";
import { encodeOrigin } from "../../check-origin.js";
import { askCore, postMessage, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { isDirectMessage, speakerOf, turn } from "../../inbound.js";
import type { KnownBlock } from "../../render/blocks.js";
import { renderCheckUsage } from "../../render/credit-check.js";
import { creditCheckModal } from "../../render/modal.js";
import { renderReply } from "../../render/reply.js";

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
type Ephemeral = (message: { text: string; blocks?: KnownBlock[] }) => Promise<void>;

const formFailed =
  "I couldn't open the form just now. Please run `/credit-check` again, or type the details as " +
  "`/credit-check key=value …` (`/credit-check help` lists every key).";

/**
 * `/credit-check`: acked at once, then answered with an ephemeral message. Alone it opens the form;
 * `help`, `forget`, a full check, or (from a DM, with details missing) the guided check in the DM.
 */
export function creditCheckCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: CommandArgs): Promise<void> => {
    await ack();
    const ids = { channel: command.channel_id, user: command.user_id };
    const ephemeral: Ephemeral = async (message) => {
      await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
    };
    const who = speakerOf(context, command.user_id);
    try {
      if (command.text.trim() === "") {
        await openForm(deps, command, ephemeral, ids);
        return;
      }
      if (!who) {
        deps.logger.warn("command ignored: no team or user", ids);
        return;
      }
      const prompt = await deps.replies.run("response_url", async () => {
        const surface = isDirectMessage(command.channel_id, command.channel_name)
          ? "dm"
          : "channel";
        const reply = await askCore(
          deps,
          (core) => core.creditCheck(who, command.text, turn(surface, deps.now())),
          ids,
        );
        if (reply.kind === "check_prompt") return reply;
        if (reply.kind === "notice" && reply.event === "check_help") {
          await ephemeral(renderCheckUsage(reply.text));
        } else {
          await ephemeral(renderReply(reply));
        }
        deps.logger.info("command answered", { ...ids, kind: reply.kind });
        return undefined;
      });
      if (prompt) {
        await deps.replies.run("chat.postMessage", () =>
          startInDm(deps, client, command.user_id, command.channel_id, prompt, ephemeral, ids),
        );
        deps.logger.info("command answered", { ...ids, kind: prompt.kind });
      }
    } catch (error) {
      deps.logger.error("command reply failed", { ...ids, ...errorFields(error) });
    }
  };
}

/**
 * Opens the form with the command's trigger_id, which expires 3 seconds after the command, so
 * it goes first and through the client that never waits or retries. When Slack cannot open it
 * (the trigger expired, a rate limit, the network), the person is told what to do instead.
 */
async function openForm(
  deps: SlackDeps,
  command: CommandArgs["command"],
  ephemeral: Ephemeral,
  ids: LogFields,
): Promise<void> {
  try {
    await deps.modals.views.open({
      trigger_id: command.trigger_id,
      view: creditCheckModal(
        encodeOrigin({ channel: command.channel_id, response_url: command.response_url }),
      ),
    });
    deps.logger.info("check form opened", ids);
  } catch (error) {
    deps.logger.warn("check form not opened", { ...ids, ...errorFields(error) });
    await ephemeral({ text: formFailed });
  }
}

/**
 * The guided check goes on in the person's DM with the app, where their answers arrive. If its
 * first question cannot be posted there, it is shown ephemerally where the command was run.
 */
async function startInDm(
  deps: SlackDeps,
  client: CommandArgs["client"],
  userId: string,
  channelId: string,
  reply: Reply,
  ephemeral: Ephemeral,
  ids: LogFields,
): Promise<void> {
  const message = renderReply(reply);
  let posted: { channel: string } | undefined;
  try {
    posted = await postMessage(client, { channel: userId }, message);
  } catch (error) {
    deps.logger.warn("check question not posted in the DM", { ...ids, ...errorFields(error) });
    await ephemeral(message);
    return;
  }
  if (posted.channel !== channelId) {
    await ephemeral({ text: "I've started the credit check in our direct messages." });
  }
}
