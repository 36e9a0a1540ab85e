import { dueOn, isOverdue } from "../knowledge/verification.js";
import type { Logger } from "../logger.js";
import type { SlackCuration } from "./curation.js";
import { postMessage, type WebClient } from "./deliver.js";
import { errorFields } from "./errors.js";
import { actionIds, blockIds } from "./ids.js";
import { actions, button, context, sections } from "./render/blocks.js";
import { escapeMrkdwn } from "./render/mrkdwn.js";

const hour = 60 * 60 * 1000;

export interface Reminders {
  /** Sends the reminders now due; each entry's owner gets one per `checked` date, ever. */
  run(): Promise<void>;
  stop(): void;
}

/**
 * Owners' reminders: an entry with an `owner` whose check interval has passed gets that person
 * one DM with "Still correct" and "Needs a change". Rounds run at start, after every reload and
 * hourly, one at a time.
 */
export function startReminders(options: {
  client: WebClient;
  curation: SlackCuration;
  logger: Logger;
  now: () => Date;
}): Reminders {
  const { client, curation, logger, now } = options;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    const at = now();
    for (const entry of curation.knowledge.engine.kb.entries) {
      if (!entry.owner || !isOverdue(entry, at, curation.staleDays)) continue;
      if (!(await curation.reminders.claim(entry, at))) continue;
      const every = entry.verify_every_days ?? curation.staleDays;
      const text =
        `*Time to check an answer you own*\n*${escapeMrkdwn(entry.question)}*\n` +
        `Last checked ${entry.checked} (every ${every} days, due ${dueOn(entry, curation.staleDays)}). ` +
        "Is it still correct according to its sources?";
      const ids = { entry_id: entry.id, owner: entry.owner };
      try {
        await postMessage(
          client,
          { channel: entry.owner },
          {
            text: `Time to check "${entry.question}"`,
            blocks: [
              ...sections(text),
              context(
                entry.sources.map((source) => `<${source.url}|${escapeMrkdwn(source.publisher)}>`),
              ),
              actions(blockIds.verify, [
                button("Still correct", actionIds.verifyStillCorrect, entry.id, "primary"),
                button("Needs a change", actionIds.verifyNeedsChange, entry.id),
              ]),
            ],
            metadata: {
              event_type: "verification_reminder",
              event_payload: { entry_id: entry.id },
            },
          },
        );
        logger.info("verification reminder sent", ids);
      } catch (error) {
        await curation.reminders.release(entry);
        logger.error("verification reminder failed", { ...ids, ...errorFields(error) });
      }
    }
  };
  const run = () => {
    running = running.then(round).catch((error: unknown) => {
      logger.error("verification reminders failed", errorFields(error));
    });
    return running;
  };
  const timer = setInterval(() => void run(), hour);
  timer.unref();
  curation.reloader.onReload((outcome) => {
    if (outcome.ok) void run();
  });
  return { run, stop: () => clearInterval(timer) };
}
