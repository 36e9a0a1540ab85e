import type { Reply } from "../../../core/reply.js";
import type { LogFields } from "../../../logger.js";
import { encodeOrigin } from "../../check-origin.js";
import {
  apologyNotice,
  askCore,
  openModal,
  postMessage,
  replyFailed,
  type SlackDeps,
} from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { isDirectMessage, speakerOf, turn } from "../../inbound.js";
import type { KnownBlock } from "../../render/blocks.js";
import { renderCheckUsage } from "../../render/credit-check.js";
import { creditCheckModal } from "../../render/modal.js";
import { renderReply } from "../../render/reply.js";
import type { CommandArgs } from "./command-args.js";

type Ephemeral = (message: { text: string; blocks?: KnownBlock[] }) => Promise<void>;

const formFailed =
  "I couldn't open the form just now. Please run `/credit-check` again, or type the details as " +
  "`/credit-check key=value …` (`/credit-check help` lists every key).";

const renderCommandReply = (reply: Reply) =>
  reply.kind === "notice" && reply.event === "check_help"
    ? renderCheckUsage(reply.text)
    : renderReply(reply);

/**
 * The reply the command's text alone decides (help, a check in a channel, input with problems),
 * for the ack; undefined when it needs the person's state. A core failure is an apology.
 */
function replyAtOnce(
  deps: SlackDeps,
  command: CommandArgs["command"],
  ids: LogFields,
): Reply | undefined {
  const surface = isDirectMessage(command.channel_id, command.channel_name) ? "dm" : "channel";
  try {
    return deps.core.creditCheckAtOnce(command.text, turn(surface, deps.now()));
  } catch (error) {
    deps.logger.error("core failed", { ...ids, ...errorFields(error) });
    return apologyNotice;
  }
}

/**
 * `/credit-check`. A check with its details (and `help`, and input with problems) is answered in
 * the ack itself, ephemerally, so the person sees it at once. The rest is acked first and
 * answered through the response_url: alone it opens the form; `forget`, and from a DM a check
 * with details missing (the guided check, in the DM) or one that ends a guided check waiting.
 */
export function creditCheckCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: CommandArgs): Promise<void> => {
    const ids = { channel: command.channel_id, user: command.user_id };
    const who = speakerOf(context, command.user_id);
    const atOnce = who && command.text.trim() !== "" ? replyAtOnce(deps, command, ids) : undefined;
    if (atOnce) {
      const message = renderCommandReply(atOnce);
      await ack({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
      deps.logger.info("command answered", { ...ids, kind: atOnce.kind });
      return;
    }
    await ack();
    const ephemeral: Ephemeral = async (message) => {
      await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
    };
    try {
      if (command.text.trim() === "") {
        await openForm(deps, { command, context }, ephemeral, ids);
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
        const message = renderCommandReply(reply);
        try {
          await ephemeral(message);
        } catch (error) {
          const place = { channel: command.channel_id };
          await replyFailed(deps, { ...ids, kind: reply.kind }, place, message, error);
          return undefined;
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
  { command, context }: Pick<CommandArgs, "command" | "context">,
  ephemeral: Ephemeral,
  ids: LogFields,
): Promise<void> {
  try {
    await openModal(deps, context, {
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
