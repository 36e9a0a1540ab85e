import { z } from "zod";
import type { Speaker, TurnContext } from "../core/reply.js";

/**
 * Slack's message markup as the words a person typed: mentions removed (the bot's own and any other),
 * links reduced to their label, and Slack's &amp;/&lt;/&gt; escapes undone. No pattern reaches past
 * the next "<" or ">", so the work stays linear in the length of the text, however long it is: the
 * core, not this, refuses a message that is too long.
 */
export function plainText(slackText: string): string {
  return slackText
    .replace(/<@[UW][A-Z0-9]+(?:\|[^<>]*)?>/g, " ")
    .replace(/<#C[A-Z0-9]+\|([^<>]*)>/g, "#$1")
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^<>]*))?>/g, "$1")
    .replace(/<![a-z]+(?:\|([^<>]*))?>/g, "$1")
    .replace(/<((?:https?|mailto):[^|<>]+)\|([^<>]+)>/g, "$2")
    .replace(/<((?:https?|mailto):[^<>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** DM channel ids start with D; a command or action from one also names its channel "directmessage". */
export function isDirectMessage(channelId: string, channelName?: string): boolean {
  return channelId.startsWith("D") || channelName === "directmessage";
}

export function turn(surface: TurnContext["surface"], now: Date = new Date()): TurnContext {
  return { surface, now };
}

/** Where Bolt found the installation a request is for, in its `context` (any request type). */
export interface Installation {
  enterpriseId?: string;
  teamId?: string;
}

/**
 * The person behind a request, the same on every surface, so a DM, a click, a form and
 * `/credit-check forget` all reach one person's state. The team part is the Enterprise Grid org
 * when the request names one (user ids are W… and unique across the org, while the workspace a
 * request names depends on the channel), else the workspace the app is installed in. Bolt reads
 * both from each payload type to authorize the request: an event's `authorizations` (then its
 * `team_id`/`enterprise_id`), a command's `team_id`/`enterprise_id`, an interaction's `enterprise`
 * and `team` (a form's `view.app_installed_team_id` first). A clicker's `user.team_id`, their home
 * workspace, is not the installation's and is not used first.
 */
export function speakerOf(
  installation: Installation,
  userId: string | undefined,
): Speaker | undefined {
  const teamId = installation.enterpriseId || installation.teamId;
  return teamId && userId ? { teamId, userId } : undefined;
}

/** Where an interaction came from: the clicked message's channel and thread, or the App Home. */
export const interactionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1), name: z.string().optional() }).nullish(),
  container: z.object({
    type: z.string(),
    is_ephemeral: z.boolean().optional(),
    thread_ts: z.string().optional(),
  }),
  message: z
    .object({
      ts: z.string().min(1),
      thread_ts: z.string().optional(),
      text: z.string().optional(),
      blocks: z
        .array(z.looseObject({ type: z.string(), block_id: z.string().optional() }))
        .optional(),
    })
    .nullish(),
});
export type Interaction = z.infer<typeof interactionSchema>;

/**
 * Where to answer a click: in the clicked message's channel and thread (a DM message that was not
 * in a thread gets its reply in the DM, not in a new thread); from App Home, in the person's DM with
 * the app; on an ephemeral message, ephemerally, since a public reply would surprise them.
 */
export type InteractionTarget =
  | { kind: "message"; channel: string; threadTs?: string; messageTs: string; dm: boolean }
  | { kind: "home"; channel: string }
  | { kind: "ephemeral" };

export function interactionTarget(body: Interaction): InteractionTarget {
  if (body.container.is_ephemeral) return { kind: "ephemeral" };
  if (body.container.type === "view" || !body.channel) {
    return { kind: "home", channel: body.user.id };
  }
  if (!body.message) return { kind: "ephemeral" };
  const dm = isDirectMessage(body.channel.id, body.channel.name);
  const threadTs = body.message.thread_ts ?? body.container.thread_ts;
  return {
    kind: "message",
    channel: body.channel.id,
    threadTs: threadTs ?? (dm ? undefined : body.message.ts),
    messageTs: body.message.ts,
    dm,
  };
}
