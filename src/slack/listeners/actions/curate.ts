import { z } from "zod";
import { parseJsonWith } from "../../../parse-json.js";
import { asCurator, missGroups, type SlackCuration } from "../../curation.js";
import { openModal, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { publishHome } from "../../home.js";
import { entryIdSchema } from "../../ids.js";
import { draftModal } from "../../render/entry-modal.js";
import { escapeMrkdwn } from "../../render/mrkdwn.js";
import type { ButtonArgs } from "./interaction.js";

const valueSchema = z.object({ g: z.string().min(1).max(100), e: entryIdSchema.optional() });

/** A group's key as the modal carries it, so saving the draft resolves the group's misses. */
export const draftMetadataSchema = z.object({ g: z.string().max(100).optional() });

/**
 * The review buttons on a curator's App Home: add the group's most asked wording as a phrasing of
 * an entry, open a new entry draft prefilled with its wordings, or dismiss it. Clicks from anyone
 * not in CURATORS are ignored (they never see the buttons).
 */
export function curateButton(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const user = args.body.user.id;
    const [action] = args.action.action_id.split(":");
    const ids = { action_id: args.action.action_id, user };
    const curation = asCurator(deps.curation, user);
    const value = parseJsonWith(valueSchema, args.action.value ?? "");
    if (!curation || !value) {
      deps.logger.warn("curation click ignored", {
        ...ids,
        reason: curation ? "value" : "not a curator",
      });
      return;
    }
    if (action === "curate_draft") {
      await openDraft(deps, curation, args, value.g, ids);
      return;
    }
    await deps.replies.run("views.publish", async () => {
      const group = (await missGroups(curation)).find((found) => found.key === value.g);
      let notice: string;
      if (!group) {
        notice = "That group of missed questions has already been dealt with.";
      } else if (action === "curate_dismiss") {
        await curation.misses.resolve(group.ids, deps.now());
        deps.logger.info("curator change", { ...ids, change: "dismissed", misses: group.count });
        notice = `Dismissed ${group.count} missed question${group.count === 1 ? "" : "s"}.`;
      } else if (value.e) {
        const wording = group.questions[0] ?? "";
        const outcome = await curation.editor.addPhrasing(value.e, wording);
        const quoted = `“${escapeMrkdwn(wording)}” as a phrasing of \`${value.e}\``;
        if (outcome.ok) {
          await curation.reloader.reload();
          await curation.misses.resolve(group.ids, deps.now());
          deps.logger.info("curator change", {
            ...ids,
            change: "phrasing added",
            entry_id: value.e,
            file: outcome.file,
          });
          notice = `✅ Added ${quoted} (\`${outcome.file}\`). It is answered from that entry now.`;
        } else {
          deps.logger.info("curator change refused", {
            ...ids,
            change: "phrasing",
            entry_id: value.e,
            problems: outcome.reasons.length,
          });
          const reasons = outcome.reasons.map((reason) => `• ${escapeMrkdwn(reason)}`).join("\n");
          notice = `❌ Not added: ${quoted}.\n${reasons}`;
        }
      } else {
        notice = "That button names no entry.";
      }
      try {
        await publishHome(deps, args.client, user, notice);
      } catch (error) {
        deps.logger.error("home publish failed", { ...ids, ...errorFields(error) });
      }
    });
  };
}

async function openDraft(
  deps: SlackDeps,
  curation: SlackCuration,
  args: ButtonArgs,
  key: string,
  ids: Record<string, string>,
): Promise<void> {
  const group = (await missGroups(curation)).find((found) => found.key === key);
  const [question = "", ...alternates] = group?.questions ?? [];
  try {
    await openModal(deps, args.context, {
      trigger_id: args.body.trigger_id,
      view: draftModal(
        { question, alternates, answer: "", sourceUrl: "" },
        JSON.stringify({ g: key }),
      ),
    });
    deps.logger.info("draft form opened", ids);
  } catch (error) {
    deps.logger.error("draft form failed to open", { ...ids, ...errorFields(error) });
  }
}
