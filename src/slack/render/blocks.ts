import type { types } from "@slack/bolt";
import { limits, splitText, truncate, truncateMrkdwn } from "./limits.js";

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;

/** Slack message metadata; Slack accepts arrays of strings in the payload, which @slack/types omits. */
export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean | string[] | Record<string, string>>;
}

/** A message as the Web API takes it: blocks, the notification text, and metadata for analytics. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: SlackMetadata;
}

/**
 * One or more sections holding mrkdwn, split where a section would pass Slack's 3,000 characters.
 * `verbatim` stops Slack from turning bare URLs, #channel names and @mentions in the text into
 * links and mentions, for text that repeats what a person typed; `<url|label>` links still work.
 */
export function sections(
  mrkdwn: string,
  options: { verbatim?: boolean } = {},
): types.SectionBlock[] {
  return splitText(mrkdwn, limits.sectionText).map((text) => ({
    type: "section",
    text: options.verbatim ? { type: "mrkdwn", text, verbatim: true } : { type: "mrkdwn", text },
  }));
}

export function context(elements: string[]): types.ContextBlock {
  return {
    type: "context",
    elements: elements.slice(0, limits.contextElements).map((text) => ({
      type: "mrkdwn",
      text: truncateMrkdwn(text, limits.sectionText),
    })),
  };
}

export function header(text: string): types.HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, limits.headerText) } };
}

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: "primary" | "danger",
): Button {
  return {
    type: "button",
    text: { type: "plain_text", text: truncate(text, limits.buttonText), emoji: true },
    action_id: actionId,
    value: truncate(value, limits.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: Button[]): types.ActionsBlock {
  return { type: "actions", block_id: blockId, elements };
}

/** Keeps a message under Slack's block limit: what does not fit is replaced by a note saying so. */
export function capBlocks(blocks: KnownBlock[], max: number = limits.messageBlocks): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(["_(The rest did not fit in one Slack message.)_"])];
}

export function divider(): types.DividerBlock {
  return { type: "divider" };
}
