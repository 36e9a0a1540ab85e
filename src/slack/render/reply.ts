import type {
  AnswerReply,
  CheckPromptReply,
  NoticeReply,
  Reply,
  Suggestion,
} from "../../core/reply.js";
import { encodeCheckAnswer } from "../check-button.js";
import { actionIds, blockIds } from "../ids.js";
import {
  actions,
  button,
  capBlocks,
  context,
  type KnownBlock,
  type SlackMessage,
  sections,
} from "./blocks.js";
import { renderCheckResult } from "./credit-check.js";
import { limits, truncateMrkdwn } from "./limits.js";
import { escapeMrkdwn, markdownToMrkdwn } from "./mrkdwn.js";
import { sourceLines } from "./sources.js";

/** At most this many related, suggestion or example buttons under a reply. */
export const maxChoiceButtons = 3;

/** Buttons that answer a knowledge-base entry when clicked. */
export function entryButtons(blockId: string, suggestions: Suggestion[]): KnownBlock[] {
  const shown = suggestions.slice(0, maxChoiceButtons);
  if (shown.length === 0) return [];
  return [
    actions(
      blockId,
      shown.map((suggestion, index) =>
        button(suggestion.question, `${actionIds.answerEntry}:${index}`, suggestion.id),
      ),
    ),
  ];
}

function fallbackText(mrkdwn: string): string {
  return truncateMrkdwn(mrkdwn, limits.fallbackText);
}

/** The day an overdue answer was last checked against its sources. */
export const overdueLine = (day: string) =>
  `⚠️ Last checked against its sources on ${day}; it is due for a re-check, so confirm key figures.`;

function renderAnswer(reply: AnswerReply): SlackMessage {
  const answer = markdownToMrkdwn(reply.text);
  const tail: KnownBlock[] = [
    context(sourceLines(reply.sources)),
    ...(reply.lastChecked ? [context([overdueLine(reply.lastChecked)])] : []),
    ...(reply.aside ? [context([markdownToMrkdwn(reply.aside)])] : []),
    ...(reply.checkTip ? [context([markdownToMrkdwn(reply.checkTip)])] : []),
    ...entryButtons("related", reply.related),
    actions(blockIds.feedback, [
      button("👍 Helpful", actionIds.feedbackUp, reply.entryId),
      button("👎 Not helpful", actionIds.feedbackDown, reply.entryId),
    ]),
  ];
  const body = sections(`*${escapeMrkdwn(reply.question)}*\n${answer}`);
  const room = limits.messageBlocks - tail.length;
  return {
    text: fallbackText(answer),
    blocks: [...capBlocks(body, room), ...tail],
    metadata: {
      event_type: "kb_answer",
      event_payload: { entry_id: reply.entryId, confidence: reply.confidence },
    },
  };
}

function renderChoices(
  reply: { text: string; aside?: string },
  blockId: string,
  choices: Suggestion[],
  metadata: SlackMessage["metadata"],
): SlackMessage {
  const mrkdwn = markdownToMrkdwn(reply.text);
  return {
    text: fallbackText(mrkdwn),
    blocks: [
      ...sections(mrkdwn),
      ...entryButtons(blockId, choices),
      ...(reply.aside ? [context([markdownToMrkdwn(reply.aside)])] : []),
    ],
    metadata,
  };
}

const ids = (suggestions: Suggestion[]) =>
  suggestions.slice(0, maxChoiceButtons).map((suggestion) => suggestion.id);

/**
 * A guided-check question with a button per option, plus Skip and Cancel. Each button carries
 * the check, the question and the value, so a click on an older question is recognised. The text
 * can quote what the person typed (an answer it could not read), so it makes no links and Slack
 * is told to take it verbatim: nothing typed becomes a live link or mention.
 */
function renderCheckPrompt(reply: CheckPromptReply): SlackMessage {
  const mrkdwn = markdownToMrkdwn(reply.text, { links: false });
  const choices = [
    ...reply.options,
    { value: "skip", label: "Skip" },
    { value: "cancel", label: "Cancel" },
  ];
  const buttons = choices.map((choice, index) =>
    button(
      choice.label,
      `${actionIds.checkOption}:${index}`,
      encodeCheckAnswer({ checkId: reply.checkId, key: reply.key, value: choice.value }),
      choice.value === "cancel" ? "danger" : undefined,
    ),
  );
  return {
    text: fallbackText(mrkdwn),
    blocks: [
      ...sections(mrkdwn, { verbatim: true }),
      // Slack allows 25 elements in an actions block; the longest enumeration has three options.
      actions(blockIds.checkOptions, buttons.slice(0, 25)),
    ],
    metadata: { event_type: "check_prompt", event_payload: { key: reply.key } },
  };
}

function renderNotice(reply: NoticeReply): SlackMessage {
  const mrkdwn = markdownToMrkdwn(reply.text);
  return {
    text: fallbackText(mrkdwn),
    blocks: sections(mrkdwn),
    metadata: { event_type: reply.event, event_payload: { notice: reply.event } },
  };
}

/** Any core reply as a Slack message. */
export function renderReply(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case "answer":
      return renderAnswer(reply);
    case "fallback":
      return renderChoices(reply, "suggestions", reply.suggestions, {
        event_type: "kb_fallback",
        event_payload: { suggestions: ids(reply.suggestions), confidence: reply.confidence },
      });
    case "clarify":
      return renderChoices(reply, "choices", reply.choices, {
        event_type: "kb_clarify",
        event_payload: { choices: ids(reply.choices), confidence: reply.confidence },
      });
    case "intro":
      return renderChoices(reply, "examples", reply.examples, {
        event_type: "greeting",
        event_payload: { examples: ids(reply.examples) },
      });
    case "credit_check":
      return renderCheckResult(reply.result, undefined, reply.lead);
    case "check_prompt":
      return renderCheckPrompt(reply);
    case "notice":
      return renderNotice(reply);
  }
}
