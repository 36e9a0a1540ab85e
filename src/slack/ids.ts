import { z } from "zod";

/**
 * Block, action and callback ids shared by the renderers and the listeners. Buttons in one block get
 * an index suffix because Slack wants action ids unique within a block.
 */
export const actionIds = {
  answerEntry: "answer_entry",
  feedbackUp: "feedback:up",
  feedbackDown: "feedback:down",
  checkOption: "check_option",
  checkWhy: "check_why",
  checkShare: "check_share",
  curatePhrasing: "curate_phrasing",
  curateDraft: "curate_draft",
  curateDismiss: "curate_dismiss",
  verifyStillCorrect: "verify_still_correct",
  verifyNeedsChange: "verify_needs_change",
} as const;

export const actionPatterns = {
  answerEntry: /^answer_entry:\d+$/,
  feedback: /^feedback:(up|down)$/,
  checkOption: /^check_option:\d+$/,
  checkWhy: /^check_why:\d+$/,
  checkShare: /^check_share$/,
  curate: /^curate_(phrasing|draft|dismiss)(:\d+)?$/,
  verify: /^verify_(still_correct|needs_change)$/,
} as const;

export const blockIds = {
  feedback: "feedback",
  verify: "verify",
  checkOptions: "check_options",
  checkShare: "check_share",
} as const;

export const callbackIds = {
  creditCheckModal: "credit_check",
  saveAnswerDraft: "save_answer_draft",
  entryDraftModal: "entry_draft",
  entryEditModal: "entry_edit",
} as const;

/** The modal's input blocks are named after the `/credit-check` key they ask for. */
export const modalActionId = "value";

/** A knowledge-base entry id as a button value: lower-case words joined by hyphens. */
export const entryIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(200);
