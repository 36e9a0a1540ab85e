import type { types } from "@slack/bolt";
import { callbackIds, modalActionId } from "../ids.js";

/** The entry fields a modal asks for, each an input block named after it. */
export const entryFields = ["question", "alternates", "answer", "source_url"] as const;
export type EntryField = (typeof entryFields)[number];

const maxInput = 3000;

function input(
  field: EntryField,
  label: string,
  initial: string,
  options: { multiline?: boolean; optional?: boolean; hint?: string } = {},
): types.InputBlock {
  return {
    type: "input",
    block_id: field,
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
      input("alternates", "Other ways people ask it", prefill.alternates.join("\n"), {
        multiline: true,
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
      input("alternates", "Other ways people ask it", entry.alternates.join("\n"), {
        multiline: true,
        hint: "One per line.",
      }),
      input("answer", "Answer", entry.answer, { multiline: true }),
    ],
  };
}
