import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileDurably } from "../files/durable.js";
import { isMissing } from "../files/errors.js";
import type { Entry } from "../knowledge/schema.js";
import { parseJsonWith } from "../parse-json.js";

const fileSchema = z.object({ sent: z.record(z.string(), z.iso.datetime()) });

export interface ReminderLog {
  /**
   * Claims the one reminder for this entry as last checked; false when it was sent already.
   * The claim is on disk before it resolves, so a restart never sends it twice.
   */
  claim(entry: Entry, at: Date): Promise<boolean>;
  /** Gives the claim back after the DM could not be sent, so a later round tries again. */
  release(entry: Entry): Promise<void>;
}

/** `DATA_DIR/reminders.json`: the reminders sent, one per entry and `checked` date. */
export async function openReminderLog(dataDir: string): Promise<ReminderLog> {
  const file = join(dataDir, "reminders.json");
  let sent: Record<string, string> = {};
  try {
    sent = parseJsonWith(fileSchema, await readFile(file, "utf8"))?.sent ?? {};
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const keyOf = (entry: Entry) => `${entry.id}@${entry.checked}`;
  let queue: Promise<unknown> = Promise.resolve();
  const save = () => {
    const text = `${JSON.stringify({ sent }, null, 2)}\n`;
    const run = queue.then(() => writeFileDurably(file, text));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    async claim(entry, at) {
      const key = keyOf(entry);
      if (sent[key]) return false;
      sent = { ...sent, [key]: at.toISOString() };
      await save();
      return true;
    },
    async release(entry) {
      const { [keyOf(entry)]: _released, ...rest } = sent;
      sent = rest;
      await save();
    },
  };
}
