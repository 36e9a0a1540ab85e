import type {
  AnswerReply,
  CheckPromptReply,
  NoticeReply,
  Reply,
  Suggestion,
} from "../../core/reply.js";
import type { Source } from "../../knowledge/schema.js";
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
import { limits, truncate } from "./limits.js";
import { escapeMrkdwn, markdownToMrkdwn, slackLink } from "./mrkdwn.js";

/** At most this many related, suggestion or example buttons under a reply. */
export const maxChoiceButtons = 3;

const sourceKindLabel: Record<Source["kind"], string> = {
  official: "official",
  third_party: "third party",
};

/** "Source: <url|GetAdCredit> · third party · 2026-06-18", one context element per source. */
export function sourceLines(sources: Source[]): string[] {
  const lines = sources.map((source, index) => {
    const parts = [slackLink(source.url, source.publisher), sourceKindLabel[source.kind]];
    if (source.date) parts.push(source.date);
    return `${index === 0 ? (sources.length > 1 ? "Sources: " : "Source: ") : ""}${parts.join(" · ")}`;
  });
  if (lines.length <= limits.contextElements) return lines;
  const shown = lines.slice(0, limits.contextElements - 1);
  return [...shown, `and ${lines.length - shown.length} more`];
}

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
  return truncate(mrkdwn, limits.fallbackText);
}

function renderAnswer(reply: AnswerReply): SlackMessage {
  const answer = markdownToMrkdwn(reply.text);
  const tail: KnownBlock[] = [
    context(sourceLines(reply.sources)),
    ...(reply.aside ? [context([markdownToMrkdwn(reply.aside)])] : []),
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
  text: string,
  blockId: string,
  choices: Suggestion[],
  metadata: SlackMessage["metadata"],
): SlackMessage {
  const mrkdwn = markdownToMrkdwn(text);
  return {
    text: fallbackText(mrkdwn),
    blocks: [...sections(mrkdwn), ...entryButtons(blockId, choices)],
    metadata,
  };
}

const ids = (suggestions: Suggestion[]) =>
  suggestions.slice(0, maxChoiceButtons).map((suggestion) => suggestion.id);

function renderCheckPrompt(reply: CheckPromptReply): SlackMessage {
  const mrkdwn = markdownToMrkdwn(reply.text);
  const options = reply.options.map((option, index) =>
    button(option.label, `${actionIds.checkOption}:${index}`, option.value),
  );
  const controls = [
    button("Skip", `${actionIds.checkOption}:${options.length}`, "skip"),
    button("Cancel", `${actionIds.checkOption}:${options.length + 1}`, "cancel", "danger"),
  ];
  return {
    text: fallbackText(mrkdwn),
    blocks: [
      ...sections(mrkdwn),
      // Slack allows 25 elements in an actions block; the longest enumeration has three options.
      actions(blockIds.checkOptions, [...options, ...controls].slice(0, 25)),
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
      return renderChoices(reply.text, "suggestions", reply.suggestions, {
        event_type: "kb_fallback",
        event_payload: { suggestions: ids(reply.suggestions), confidence: reply.confidence },
      });
    case "clarify":
      return renderChoices(reply.text, "choices", reply.choices, {
        event_type: "kb_clarify",
        event_payload: { choices: ids(reply.choices), confidence: reply.confidence },
      });
    case "intro":
      return renderChoices(reply.text, "examples", reply.examples, {
        event_type: "greeting",
        event_payload: { examples: ids(reply.examples) },
      });
    case "credit_check":
      return renderCheckResult(reply.result);
    case "check_prompt":
      return renderCheckPrompt(reply);
    case "notice":
      return renderNotice(reply);
  }
}
