import { randomUUID } from "node:crypto";
import { botId, botUserId, teamId } from "./web-api.js";

/**
 * Builders for Slack's real payload shapes (Events API envelopes, slash command fields,
 * block_actions and view_submission payloads), as documented and as seen on the wire.
 */

export const appId = "A0CREDITDESK";
export const verificationToken = "Jhj5dZrVaK7ZwHHjRyZWjbDl";
export const userId = "U0ANNA";
export const otherUserId = "U0BEN";
export const channelId = "C0MEDIA";
export const dmChannelId = "D0ANNA";

let clock = 1_760_100_000;
/** A fresh Slack timestamp ("seconds.micro"), unique per call. */
export function slackTs(): string {
  clock += 1;
  return `${clock}.000200`;
}
export const newEventId = () => `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;

const richText = (text: string) => [
  {
    type: "rich_text",
    block_id: "Zl2hq",
    elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
  },
];

export function envelope(event: Record<string, unknown>, eventId = newEventId()) {
  return {
    token: verificationToken,
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: appId,
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-eyJldCI6ImFwcF9tZW50aW9uIiwidGlkIjoi${eventId}`,
  };
}

export const urlVerification = (challenge: string) => ({
  token: verificationToken,
  challenge,
  type: "url_verification",
});

export function mention(
  text: string,
  options: { ts?: string; threadTs?: string; user?: string } = {},
) {
  const ts = options.ts ?? slackTs();
  return {
    user: options.user ?? userId,
    type: "app_mention",
    ts,
    client_msg_id: randomUUID(),
    text: `<@${botUserId}> ${text}`,
    team: teamId,
    blocks: richText(text),
    channel: channelId,
    event_ts: ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

export function directMessage(text: string, options: { ts?: string; threadTs?: string } = {}) {
  const ts = options.ts ?? slackTs();
  return {
    user: userId,
    type: "message",
    ts,
    client_msg_id: randomUUID(),
    text,
    team: teamId,
    blocks: richText(text),
    channel: dmChannelId,
    event_ts: ts,
    channel_type: "im",
    ...(options.threadTs ? { thread_ts: options.threadTs, parent_user_id: userId } : {}),
  };
}

/** A message from another app's bot in the DM (subtype bot_message). */
export function botMessage(text: string) {
  const ts = slackTs();
  return {
    type: "message",
    subtype: "bot_message",
    text,
    ts,
    username: "Other Bot",
    bot_id: "B0OTHER",
    channel: dmChannelId,
    event_ts: ts,
    channel_type: "im",
  };
}

/** This app's own reply echoed back as a message event (bot_id, no subtype), as Slack does. */
export function ownMessage(text: string) {
  const ts = slackTs();
  return {
    type: "message",
    user: botUserId,
    bot_id: botId,
    app_id: appId,
    text,
    ts,
    team: teamId,
    channel: dmChannelId,
    event_ts: ts,
    channel_type: "im",
  };
}

export function messageChanged(text: string) {
  const ts = slackTs();
  const original = slackTs();
  return {
    type: "message",
    subtype: "message_changed",
    message: {
      type: "message",
      user: userId,
      text,
      edited: { user: userId, ts },
      ts: original,
      team: teamId,
    },
    previous_message: { type: "message", user: userId, text: "what is a jbp", ts: original },
    channel: dmChannelId,
    hidden: true,
    ts,
    event_ts: ts,
    channel_type: "im",
  };
}

export function messageDeleted() {
  const ts = slackTs();
  const original = slackTs();
  return {
    type: "message",
    subtype: "message_deleted",
    hidden: true,
    deleted_ts: original,
    previous_message: { type: "message", user: userId, text: "what is a jbp", ts: original },
    channel: dmChannelId,
    ts,
    event_ts: ts,
    channel_type: "im",
  };
}

export function appHomeOpened(tab: "home" | "messages" = "home") {
  return {
    type: "app_home_opened",
    user: userId,
    channel: dmChannelId,
    tab,
    event_ts: slackTs(),
  };
}

export function commandFields(
  text: string,
  options: { responseUrl: string; channelId?: string; channelName?: string; triggerId?: string },
): Record<string, string> {
  return {
    token: verificationToken,
    team_id: teamId,
    team_domain: "agency",
    channel_id: options.channelId ?? channelId,
    channel_name: options.channelName ?? "media-buying",
    user_id: userId,
    user_name: "anna",
    command: "/credit-check",
    text,
    api_app_id: appId,
    is_enterprise_install: "false",
    response_url: options.responseUrl,
    trigger_id: options.triggerId ?? "13345224609.738474920.8088930838d88f008e0",
  };
}

/** A message shortcut (`message_action`) picked from a message's menu. */
export function messageShortcut(options: {
  callbackId: string;
  user: string;
  responseUrl: string;
  message: { type: string; user: string; ts: string; text: string };
}) {
  const username = options.user.toLowerCase();
  return {
    type: "message_action",
    token: verificationToken,
    action_ts: slackTs(),
    team: { id: teamId, domain: "agency" },
    user: { id: options.user, username, team_id: teamId, name: username },
    channel: { id: channelId, name: "media-buying" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId,
    trigger_id: "13345224609.738474920.8088930838d88f008e2",
    response_url: options.responseUrl,
    message_ts: options.message.ts,
    message: options.message,
  };
}

/** The message a button was clicked on, as block_actions carries it (our own earlier post). */
export interface ClickedMessage {
  ts: string;
  threadTs?: string;
  text: string;
  blocks: unknown[];
  channel: string;
}

export function blockAction(
  action: { actionId: string; blockId: string; value: string; text: string },
  message: ClickedMessage,
) {
  const isDm = message.channel.startsWith("D");
  return {
    type: "block_actions",
    user: { id: userId, username: "anna", name: "anna", team_id: teamId },
    api_app_id: appId,
    token: verificationToken,
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: false,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: teamId, domain: "agency" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: isDm ? "directmessage" : "media-buying" },
    message: {
      user: botUserId,
      type: "message",
      ts: message.ts,
      bot_id: botId,
      app_id: appId,
      text: message.text,
      team: teamId,
      blocks: message.blocks,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    },
    state: { values: {} },
    response_url: "https://hooks.slack.com/actions/T0AGENCY/1234/abcd",
    actions: [
      {
        action_id: action.actionId,
        block_id: action.blockId,
        text: { type: "plain_text", text: action.text, emoji: true },
        value: action.value,
        type: "button",
        action_ts: slackTs(),
      },
    ],
  };
}

/** A click on an App Home button: the container is the view, there is no channel or message. */
export function homeBlockAction(action: {
  actionId: string;
  blockId: string;
  value: string;
  text: string;
}) {
  return {
    type: "block_actions",
    user: { id: userId, username: "anna", name: "anna", team_id: teamId },
    api_app_id: appId,
    token: verificationToken,
    container: { type: "view", view_id: "V0HOME" },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: teamId, domain: "agency" },
    enterprise: null,
    is_enterprise_install: false,
    view: {
      id: "V0HOME",
      team_id: teamId,
      type: "home",
      blocks: [],
      private_metadata: "",
      callback_id: "",
      state: { values: {} },
      hash: "1760100000.abc",
      app_id: appId,
      bot_id: botId,
    },
    actions: [
      {
        action_id: action.actionId,
        block_id: action.blockId,
        text: { type: "plain_text", text: action.text, emoji: true },
        value: action.value,
        type: "button",
        action_ts: slackTs(),
      },
    ],
  };
}

type StateValue =
  | { type: "plain_text_input"; value: string | null }
  | {
      type: "static_select";
      selected_option: { text: { type: "plain_text"; text: string }; value: string } | null;
    };

/** A view_submission of the /credit-check form, with the given fields filled in. */
export function viewSubmission(
  values: Record<string, string>,
  view: { callbackId: string; privateMetadata: string; blocks: unknown[] },
) {
  const state: Record<string, Record<string, StateValue>> = {};
  type InputBlock = {
    type: string;
    block_id?: string;
    element?: { type: string; action_id: string };
  };
  for (const block of view.blocks as InputBlock[]) {
    if (block.type !== "input" || !block.block_id || !block.element) continue;
    const given = values[block.block_id];
    state[block.block_id] = {
      [block.element.action_id]:
        block.element.type === "static_select"
          ? {
              type: "static_select",
              selected_option: given
                ? { text: { type: "plain_text", text: given }, value: given }
                : null,
            }
          : { type: "plain_text_input", value: given ?? null },
    };
  }
  return {
    type: "view_submission",
    team: { id: teamId, domain: "agency" },
    user: { id: userId, username: "anna", name: "anna", team_id: teamId },
    api_app_id: appId,
    token: verificationToken,
    trigger_id: "13345224609.738474920.8088930838d88f008e1",
    view: {
      id: "V0FORM",
      team_id: teamId,
      type: "modal",
      blocks: view.blocks,
      private_metadata: view.privateMetadata,
      callback_id: view.callbackId,
      state: { values: state },
      hash: "1760100000.xyz",
      title: { type: "plain_text", text: "Credit check", emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: "plain_text", text: "Cancel", emoji: true },
      submit: { type: "plain_text", text: "Check", emoji: true },
      previous_view_id: null,
      root_view_id: "V0FORM",
      app_id: appId,
      external_id: "",
      app_installed_team_id: teamId,
      bot_id: botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export const grid = {
  enterpriseId: "E0HOLDING",
  userId: "W0ANNA",
  homeTeamId: "T0HOME",
  dmChannelId: "D0ANNA",
} as const;

export function gridEnvelope(event: Record<string, unknown>, eventId = newEventId()) {
  const base = envelope(event, eventId);
  return {
    ...base,
    enterprise_id: grid.enterpriseId,
    context_enterprise_id: grid.enterpriseId,
    authorizations: base.authorizations.map((authorization) => ({
      ...authorization,
      enterprise_id: grid.enterpriseId,
    })),
  };
}

export function gridDirectMessage(text: string) {
  return {
    ...directMessage(text),
    user: grid.userId,
    team: grid.homeTeamId,
    user_team: grid.homeTeamId,
    source_team: grid.homeTeamId,
    channel: grid.dmChannelId,
  };
}

export function gridCommandFields(
  text: string,
  options: Parameters<typeof commandFields>[1],
): Record<string, string> {
  return {
    ...commandFields(text, options),
    user_id: grid.userId,
    enterprise_id: grid.enterpriseId,
    enterprise_name: "Holding",
  };
}

/** A block_actions or view_submission payload as an org member in another workspace sends it. */
export function gridInteraction<
  T extends { user: Record<string, unknown>; team: Record<string, unknown> },
>(payload: T) {
  return {
    ...payload,
    user: { ...payload.user, id: grid.userId, team_id: grid.homeTeamId },
    team: { ...payload.team, enterprise_id: grid.enterpriseId, enterprise_name: "Holding" },
    enterprise: { id: grid.enterpriseId, name: "Holding" },
  };
}

/**
 * A click on a button of an ephemeral message (a `/credit-check` result), as Slack sends it: the
 * container says `is_ephemeral`, there is no `message` (Slack keeps no copy of it), and the
 * `response_url` can replace the ephemeral message or add another.
 */
export function ephemeralBlockAction(
  action: { actionId: string; blockId: string; value: string; text: string },
  where: { channel: string; responseUrl: string },
) {
  const isDm = where.channel.startsWith("D");
  return {
    type: "block_actions",
    user: { id: userId, username: "anna", name: "anna", team_id: teamId },
    api_app_id: appId,
    token: verificationToken,
    container: {
      type: "message",
      message_ts: slackTs(),
      channel_id: where.channel,
      is_ephemeral: true,
    },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: teamId, domain: "agency" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: where.channel, name: isDm ? "directmessage" : "media-buying" },
    state: { values: {} },
    response_url: where.responseUrl,
    actions: [
      {
        action_id: action.actionId,
        block_id: action.blockId,
        text: { type: "plain_text", text: action.text, emoji: true },
        value: action.value,
        type: "button",
        action_ts: slackTs(),
      },
    ],
  };
}

/** Whose event it is: a workspace the app is installed in, and its bot user there. */
export interface EventWorkspace {
  teamId: string;
  botUserId: string;
}

/** An Events API envelope from another workspace than the default one, naming its installation. */
export function workspaceEnvelope(
  workspace: EventWorkspace,
  event: Record<string, unknown>,
  eventId = newEventId(),
) {
  const base = envelope("team" in event ? { ...event, team: workspace.teamId } : event, eventId);
  return {
    ...base,
    team_id: workspace.teamId,
    context_team_id: workspace.teamId,
    authorizations: base.authorizations.map((authorization) => ({
      ...authorization,
      team_id: workspace.teamId,
      user_id: workspace.botUserId,
    })),
  };
}

/** A mention of the workspace's bot by `user` in `channel`. */
export function workspaceMention(
  workspace: EventWorkspace,
  text: string,
  options: { user: string; channel: string },
) {
  return {
    ...mention(text, { user: options.user }),
    text: `<@${workspace.botUserId}> ${text}`,
    channel: options.channel,
  };
}

/** A DM from `user` in their DM channel with the app. */
export function workspaceDirectMessage(text: string, options: { user: string; channel: string }) {
  return { ...directMessage(text), user: options.user, channel: options.channel };
}

/** Sent when a workspace removes the app (Apps → Remove, or an admin's uninstall). */
export const appUninstalled = () => ({ type: "app_uninstalled" });

/** Sent when tokens are revoked; `bot` lists the bot users whose tokens went. */
export const tokensRevoked = (bot: string[]) => ({
  type: "tokens_revoked",
  tokens: { oauth: [], bot },
});
