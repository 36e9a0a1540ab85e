import type { types } from "@slack/bolt";
import { callbackIds, modalActionId } from "../ids.js";

/** The entry fields a modal asks for, each an input block named after it. */
export const entryFields = ["question", "alternates", "answer", "source_url"] as const;
export type EntryField = (typeof entryFields)[number];

/** Slack's most for a plain-text input, its initial value and what it submits alike. */
const maxInput = 3000;

/** The input block holding part `index` of the phrasings: "alternates", "alternates_2", … */
const alternatesBlockId = (index: number) =>
  index === 0 ? "alternates" : `alternates_${index + 1}`;

/** Which part of the phrasings a block holds (0 for "alternates"); undefined for other blocks. */
export function alternatesPartOf(blockId: string): number | undefined {
  const found = /^alternates(?:_(\d+))?$/.exec(blockId);
  return found ? Number(found[1] ?? 1) - 1 : undefined;
}

/**
 * The phrasings, one per line, in as many inputs as it takes to keep each within Slack's limit:
 * one input would cut a long list short, and saving it would drop the rest.
 */
export function alternatesParts(alternates: readonly string[]): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of alternates.map((text) => text.slice(0, maxInput))) {
    const joined = current === "" ? line : `${current}\n${line}`;
    if (joined.length > maxInput) {
      parts.push(current);
      current = line;
    } else {
      current = joined;
    }
  }
  return [...parts, current];
}

function alternatesInputs(
  alternates: readonly string[],
  options: { optional: boolean; hint: string },
): types.InputBlock[] {
  return alternatesParts(alternates).map((part, index) =>
    input(
      alternatesBlockId(index),
      index === 0 ? "Other ways people ask it" : `Other ways people ask it (${index + 1})`,
      part,
      {
        multiline: true,
        optional: index > 0 || options.optional,
        hint: index === 0 ? options.hint : "More of them, one per line.",
      },
    ),
  );
}

function input(
  blockId: string,
  label: string,
  initial: string,
  options: { multiline?: boolean; optional?: boolean; hint?: string } = {},
): types.InputBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: options.optional ?? false,
    label: { type: "plain_text", text: label },
    ...(options.hint ? { hint: { type: "plain_text", text: options.hint } } : {}),
    element: {
      type: "plain_text_input",
      action_id: modalActionId,
      multiline: options.multiline ?? false,
      ...(initial ? { initial_value: initial.slice(0, maxInput) } : {}),
    },
  };
}

export interface DraftPrefill {
  question: string;
  alternates: string[];
  answer: string;
  sourceUrl: string;
}

/** "Save as answer draft" and "New entry draft": a new entry, prefilled. */
export function draftModal(prefill: DraftPrefill, privateMetadata: string): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.entryDraftModal,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "New answer draft" },
    submit: { type: "plain_text", text: "Save draft" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      input("question", "Question", prefill.question, {
        hint: "As people would ask it, in one sentence.",
      }),
      ...alternatesInputs(prefill.alternates, {
        optional: true,
        hint: "One per line; at least 3 before it can be answered.",
      }),
      input("answer", "Answer", prefill.answer, {
        multiline: true,
        hint: "Key figure or condition first; say who says so.",
      }),
      input("source_url", "Source URL", prefill.sourceUrl, {
        optional: true,
        hint: "The page the answer rests on. Without one the entry stays a draft and is never answered.",
      }),
    ],
  };
}

/** "Needs a change": the entry's question, phrasings and answer, to edit in place. */
export function editModal(
  entry: { id: string; question: string; alternates: string[]; answer: string },
  privateMetadata: string,
): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.entryEditModal,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Edit entry" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: `Entry \`${entry.id}\`. Saving also marks it checked today.` },
        ],
      },
      input("question", "Question", entry.question),
      ...alternatesInputs(entry.alternates, { optional: false, hint: "One per line." }),
      input("answer", "Answer", entry.answer, { multiline: true }),
    ],
  };
}
