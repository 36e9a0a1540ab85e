import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Reply, Speaker, TurnContext } from "../../../core/reply.js";
import type { ConversationCore } from "../../../core/types.js";
import type { LogFields } from "../../../logger.js";
import { askCore, postMessage, replyFailed, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import {
  type Interaction,
  type InteractionTarget,
  interactionSchema,
  interactionTarget,
  speakerOf,
} from "../../inbound.js";
import { renderReply } from "../../render/reply.js";

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

export interface Click {
  body: Interaction;
  who: Speaker;
  target: InteractionTarget;
  ids: LogFields;
}

/** The parts of a block_actions payload the listeners rely on, validated; undefined (logged) if off. */
export function readClick(deps: SlackDeps, args: ButtonArgs): Click | undefined {
  const ids = { action_id: args.action.action_id, user: args.body.user.id };
  const parsed = interactionSchema.safeParse(args.body);
  const who = parsed.success ? speakerOf(args.context, parsed.data.user.id) : undefined;
  if (!parsed.success || !who) {
    deps.logger.warn("click ignored: unexpected payload", ids);
    return undefined;
  }
  const target = interactionTarget(parsed.data);
  return {
    body: parsed.data,
    who,
    target,
    ids: { ...ids, channel: "channel" in target ? target.channel : undefined },
  };
}

export function clickTurn(deps: SlackDeps, target: InteractionTarget): TurnContext {
  const dm = target.kind === "home" || (target.kind === "message" && target.dm);
  return { surface: dm ? "dm" : "channel", now: deps.now() };
}

/**
 * Asks the core and answers where the click happened; `beforeReply` runs once the core has
 * answered (e.g. to update the clicked message). Failures are logged, never thrown.
 */
export async function answerClick(
  deps: SlackDeps,
  args: ButtonArgs,
  click: Click,
  ask: (core: ConversationCore, context: TurnContext) => Promise<Reply>,
  beforeReply?: () => Promise<unknown>,
): Promise<void> {
  const lane = click.target.kind === "ephemeral" ? "response_url" : "chat.postMessage";
  await deps.replies.run(lane, async () => {
    const reply = await askCore(
      deps,
      (core) => ask(core, clickTurn(deps, click.target)),
      click.ids,
    );
    await beforeReply?.();
    await deliverClickReply(deps, args, click, reply);
  });
}

/** Posts a reply where the click happened: in its thread, the DM, or ephemerally. Never throws. */
async function deliverClickReply(
  deps: SlackDeps,
  args: ButtonArgs,
  click: Click,
  reply: Reply,
): Promise<void> {
  const { target, ids } = click;
  const message = renderReply(reply);
  try {
    if (target.kind === "ephemeral") {
      await args.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
    } else {
      const threadTs = target.kind === "message" ? target.threadTs : undefined;
      await postMessage(args.client, { channel: target.channel, threadTs }, message);
    }
    deps.logger.info("replied", { ...ids, kind: reply.kind });
  } catch (error) {
    const channel = target.kind === "message" ? target.channel : undefined;
    const threadTs = target.kind === "message" ? target.threadTs : undefined;
    await replyFailed(deps, { ...ids, kind: reply.kind }, { channel, threadTs }, message, error);
  }
}

/** The clicked message with one block swapped, e.g. the feedback buttons for their acknowledgement. */
export async function replaceBlock(
  deps: SlackDeps,
  args: ButtonArgs,
  click: Click,
  blockId: string,
  replacement: { type: "context"; elements: { type: "mrkdwn"; text: string }[] },
): Promise<boolean> {
  const { target, body, ids } = click;
  if (target.kind !== "message" || !body.message?.blocks) return false;
  const blocks = body.message.blocks.map((block) =>
    block.block_id === blockId ? { ...replacement, block_id: blockId } : block,
  );
  try {
    await args.client.chat.update({
      channel: target.channel,
      ts: target.messageTs,
      text: body.message.text ?? "",
      blocks,
    });
    return true;
  } catch (error) {
    deps.logger.error("message update failed", { ...ids, ...errorFields(error) });
    return false;
  }
}
