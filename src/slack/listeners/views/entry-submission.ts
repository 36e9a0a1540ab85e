import { z } from "zod";
import type { EditOutcome } from "../../../curation/editor.js";
import { today } from "../../../knowledge/verification.js";
import { parseJsonWith } from "../../../parse-json.js";
import { asCurator, missGroups, type SlackCuration } from "../../curation.js";
import { postMessage, type SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import { publishHome } from "../../home.js";
import { entryIdSchema, modalActionId } from "../../ids.js";
import { alternatesPartOf, type EntryField, entryFields } from "../../render/entry-modal.js";
import type { SubmissionArgs } from "./submission-args.js";

const stateSchema = z.object({
  values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
});

function fieldsOf(state: unknown): Record<EntryField, string> {
  const parsed = stateSchema.safeParse(state);
  const values = parsed.success ? parsed.data.values : {};
  const read = (blockId: string) => (values[blockId]?.[modalActionId]?.value ?? "").trim();
  const fields = Object.fromEntries(entryFields.map((field) => [field, read(field)])) as Record<
    EntryField,
    string
  >;
  // A long list of phrasings comes in several inputs, in order.
  const parts = Object.keys(values)
    .flatMap((blockId) => {
      const part = alternatesPartOf(blockId);
      return part === undefined ? [] : [{ blockId, part }];
    })
    .sort((a, b) => a.part - b.part);
  return { ...fields, alternates: parts.map(({ blockId }) => read(blockId)).join("\n") };
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

/** A change the validation refused: the curator gets the reasons in a DM. */
async function refused(
  deps: SlackDeps,
  args: SubmissionArgs,
  what: string,
  reasons: string[],
): Promise<void> {
  const user = args.body.user.id;
  const text = `❌ ${what}:\n${reasons.map((reason) => `• ${reason}`).join("\n")}`;
  try {
    await postMessage(
      args.client,
      { channel: user },
      {
        text,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } }],
        metadata: {
          event_type: "curator_change_refused",
          event_payload: { problems: reasons.length },
        },
      },
    );
  } catch (error) {
    deps.logger.error("curator notice failed", { user, ...errorFields(error) });
  }
}

/** After a change is written: serve it, tell the curator where it is, refresh their App Home. */
async function afterChange(
  deps: SlackDeps,
  curation: SlackCuration,
  args: SubmissionArgs,
  outcome: Extract<EditOutcome, { ok: true }>,
  change: string,
  message: string,
  groupKey?: string,
): Promise<void> {
  const user = args.body.user.id;
  await deps.replies.run("chat.postMessage", async () => {
    await curation.reloader.reload();
    if (groupKey) {
      const group = (await missGroups(curation)).find((found) => found.key === groupKey);
      if (group) await curation.misses.resolve(group.ids, deps.now());
    }
    deps.logger.info("curator change", { user, change, entry_id: outcome.id, file: outcome.file });
    try {
      await postMessage(
        args.client,
        { channel: user },
        {
          text: message,
          blocks: [{ type: "section", text: { type: "mrkdwn", text: message } }],
          metadata: {
            event_type: "curator_change",
            event_payload: { entry_id: outcome.id, change },
          },
        },
      );
      await publishHome(deps, args.client, user);
    } catch (error) {
      deps.logger.error("curator notice failed", { user, ...errorFields(error) });
    }
  });
}

/** The "New answer draft" form submitted: a new entry file, or the form stays open with errors. */
export function entryDraftSubmission(deps: SlackDeps) {
  return async (args: SubmissionArgs): Promise<void> => {
    const user = args.body.user.id;
    const curation = asCurator(deps.curation, user);
    if (!curation) {
      await args.ack();
      deps.logger.warn("form ignored: not a curator", { user });
      return;
    }
    const fields = fieldsOf(args.view.state);
    if (fields.source_url && !/^https?:\/\/\S+$/.test(fields.source_url)) {
      await args.ack({
        response_action: "errors",
        errors: { source_url: "Expected a full link starting with https://" },
      });
      return;
    }
    // Validating builds the knowledge base twice: longer than Slack waits for the ack, so the
    // form closes now and the outcome comes as a DM.
    await args.ack();
    const outcome = await curation.editor.create(
      {
        question: fields.question,
        alternates: lines(fields.alternates),
        answer: fields.answer,
        sourceUrl: fields.source_url || undefined,
      },
      today(deps.now()),
    );
    if (!outcome.ok) {
      deps.logger.info("curator change refused", {
        user,
        change: "new entry",
        problems: outcome.reasons.length,
      });
      await refused(deps, args, "The answer draft was not saved", outcome.reasons);
      return;
    }
    const draft = fields.source_url
      ? "It cites its source, so it is answered from now on."
      : "It is a draft: it is never answered until it cites a source (add one under `sources:`).";
    const metadata = parseJsonWith(
      z.object({ g: z.string().optional() }),
      args.view.private_metadata,
    );
    await afterChange(
      deps,
      curation,
      args,
      outcome,
      "entry created",
      `Saved \`${outcome.file}\` (entry \`${outcome.id}\`). ${draft}`,
      metadata?.g,
    );
  };
}

/** "Needs a change" saved: the entry's question, phrasings and answer, and `checked` today. */
export function entryEditSubmission(deps: SlackDeps) {
  return async (args: SubmissionArgs): Promise<void> => {
    const user = args.body.user.id;
    const metadata = parseJsonWith(z.object({ id: entryIdSchema }), args.view.private_metadata);
    const curation = deps.curation;
    const entry = metadata ? curation?.knowledge.engine.kb.byId.get(metadata.id) : undefined;
    const allowed = curation && entry && (curation.curators.has(user) || entry.owner === user);
    if (!allowed || !metadata) {
      await args.ack();
      deps.logger.warn("form ignored: not the owner or a curator", { user });
      return;
    }
    const fields = fieldsOf(args.view.state);
    await args.ack();
    const outcome = await curation.editor.update(
      metadata.id,
      { question: fields.question, alternates: lines(fields.alternates), answer: fields.answer },
      today(deps.now()),
    );
    if (!outcome.ok) {
      await refused(
        deps,
        args,
        `Your changes to \`${metadata.id}\` were not saved`,
        outcome.reasons,
      );
      return;
    }
    await afterChange(
      deps,
      curation,
      args,
      outcome,
      "entry edited",
      `Saved your changes to \`${outcome.file}\`, checked today.`,
    );
  };
}
