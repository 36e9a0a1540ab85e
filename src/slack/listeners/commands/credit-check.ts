import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { encodeOrigin } from "../../check-origin.js";
import { askCore, postMessage, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { isDirectMessage, speaker, turn } from "../../inbound.js";
import type { KnownBlock } from "../../render/blocks.js";
import { renderCheckUsage } from "../../render/credit-check.js";
import { creditCheckModal } from "../../render/modal.js";
import { renderReply } from "../../render/reply.js";

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/**
 * `/credit-check`: acked at once, then answered with an ephemeral message. Alone it opens the form;
 * `help`, `forget`, a full check, or (from a DM, with details missing) the guided check in the DM.
 */
export function creditCheckCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    const ids = { channel: command.channel_id, user: command.user_id };
    const ephemeral = async (message: { text: string; blocks?: KnownBlock[] }) => {
      await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
    };
    try {
      if (command.text.trim() === "") {
        // A trigger_id expires 3 seconds after the command, so the form opens before anything else.
        await client.views.open({
          trigger_id: command.trigger_id,
          view: creditCheckModal(
            encodeOrigin({ channel: command.channel_id, response_url: command.response_url }),
          ),
        });
        deps.logger.info("check form opened", ids);
        return;
      }
      await deps.replies.run(async () => {
        const who = speaker(command.team_id, command.user_id);
        const surface = isDirectMessage(command.channel_id, command.channel_name)
          ? "dm"
          : "channel";
        const reply = await askCore(
          deps,
          (core) => core.creditCheck(who, command.text, turn(surface, deps.now())),
          ids,
        );
        if (reply.kind === "check_prompt") {
          // The guided check goes on in the person's DM with the app, where their answers arrive.
          const posted = await postMessage(
            client,
            { channel: command.user_id },
            renderReply(reply),
          );
          if (posted.channel !== command.channel_id) {
            await ephemeral({ text: "I've started the credit check in our direct messages." });
          }
        } else if (reply.kind === "notice" && reply.event === "check_help") {
          await ephemeral(renderCheckUsage(reply.text));
        } else {
          await ephemeral(renderReply(reply));
        }
        deps.logger.info("command answered", { ...ids, kind: reply.kind });
      });
    } catch (error) {
      deps.logger.error("command reply failed", { ...ids, ...errorFields(error) });
    }
  };
}
