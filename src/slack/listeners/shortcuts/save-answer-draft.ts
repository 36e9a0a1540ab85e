import { asCurator } from "../../curation.js";
import { openModal, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { plainText } from "../../inbound.js";
import { draftModal } from "../../render/entry-modal.js";
import type { ShortcutArgs } from "./shortcut-args.js";

/** The first link in Slack's markup of a message (`<https://…|label>` or a bare `<https://…>`). */
function firstLink(slackText: string): string {
  return /<(https?:\/\/[^|<>]+)(?:\|[^<>]*)?>/.exec(slackText)?.[1] ?? "";
}

/** The message's first sentence ending in a question mark, if it asks one. */
function firstQuestion(text: string): string {
  return /[^.!?\n]*\?/.exec(text)?.[0]?.trim() ?? "";
}

/**
 * "Save as answer draft" on any message: a curator gets a form prefilled from it (question, answer,
 * source URL); saving it writes a new entry file. Anyone else is told, privately, that it is for
 * curators.
 */
export function saveAnswerDraft(deps: SlackDeps) {
  return async ({ shortcut, ack, respond, context }: ShortcutArgs): Promise<void> => {
    await ack();
    const ids = { callback_id: shortcut.callback_id, user: shortcut.user.id };
    if (!asCurator(deps.curation, shortcut.user.id)) {
      deps.logger.info("shortcut refused: not a curator", ids);
      await respond({
        response_type: "ephemeral",
        text: "Only Credit Desk's curators can save answer drafts.",
      }).catch((error: unknown) =>
        deps.logger.error("shortcut reply failed", { ...ids, ...errorFields(error) }),
      );
      return;
    }
    const raw = shortcut.message.text ?? "";
    const text = plainText(raw);
    const question = firstQuestion(text);
    const answer = question ? text.replace(question, "").trim() || text : text;
    try {
      await openModal(deps, context, {
        trigger_id: shortcut.trigger_id,
        view: draftModal({ question, alternates: [], answer, sourceUrl: firstLink(raw) }, "{}"),
      });
      deps.logger.info("draft form opened", ids);
    } catch (error) {
      deps.logger.error("draft form failed to open", { ...ids, ...errorFields(error) });
    }
  };
}
