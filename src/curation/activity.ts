import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { makeDirDurably, writeFileDurably } from "../files/durable.js";
import { readJsonLines } from "../files/json-lines.js";
import { verdicts } from "../rules/types.js";

/** One counted event: no text and no person, only what the stats add up. */
const eventSchema = z.discriminatedUnion("event", [
  z.object({ event: z.enum(["answered", "clarified", "fell_back"]), at: z.iso.datetime() }),
  z.object({
    event: z.literal("vote"),
    at: z.iso.datetime(),
    entry: z.string(),
    vote: z.enum(["up", "down"]),
  }),
  z.object({
    event: z.literal("check"),
    at: z.iso.datetime(),
    verdicts: z.array(z.enum(verdicts)),
  }),
]);
export type ActivityEvent = z.infer<typeof eventSchema>;

type Distribute<T> = T extends unknown ? Omit<T, "at"> : never;
export type NewActivity = Distribute<ActivityEvent>;

export interface ActivityLog {
  add(event: NewActivity, at: Date): Promise<void>;
  /** Events since `from`, oldest first. */
  since(from: Date): Promise<ActivityEvent[]>;
  prune(olderThan: Date): Promise<void>;
}

const fileIn = (dataDir: string) => join(dataDir, "stats", "activity.jsonl");

const readEvents = (file: string) => readJsonLines(file, eventSchema);

/** The events since `from`, read without opening the log (the CLI, beside a running app). */
export async function readActivity(dataDir: string, from: Date): Promise<ActivityEvent[]> {
  return (await readEvents(fileIn(dataDir))).filter(
    (event) => Date.parse(event.at) >= from.getTime(),
  );
}

/** `DATA_DIR/stats/activity.jsonl`: the counts behind `kb stats` and the curators' App Home. */
export async function openActivityLog(dataDir: string): Promise<ActivityLog> {
  const dir = join(dataDir, "stats");
  const file = fileIn(dataDir);
  await makeDirDurably(dir);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const read = () => readEvents(file);
  // Events that arrive while a write waits its turn join it: a burst of checks costs one append
  // (open, write, close) instead of one each, on the cores that also ack Slack's requests.
  let waiting = "";
  let nextWrite: Promise<void> | undefined;
  const add = (event: NewActivity, at: Date): Promise<void> => {
    waiting += `${JSON.stringify({ ...event, at: at.toISOString() })}\n`;
    nextWrite ??= serial(() => {
      const lines = waiting;
      waiting = "";
      nextWrite = undefined;
      return appendFile(file, lines);
    });
    return nextWrite;
  };
  return {
    add,
    since: (from) =>
      serial(async () => (await read()).filter((event) => Date.parse(event.at) >= from.getTime())),
    prune: (olderThan) =>
      serial(async () => {
        const events = await read();
        const kept = events.filter((event) => Date.parse(event.at) >= olderThan.getTime());
        if (kept.length === events.length) return;
        await writeFileDurably(file, kept.map((event) => `${JSON.stringify(event)}\n`).join(""));
      }),
  };
}
