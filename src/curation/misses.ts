import { createHmac, randomBytes } from "node:crypto";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { makeDirDurably, writeFileDurably } from "../files/durable.js";
import { errorCode, isMissing } from "../files/errors.js";
import { readJsonLines } from "../files/json-lines.js";
import type { Speaker } from "../state/index.js";

export const missKinds = ["fallback", "clarify", "thumbs_down", "rephrased"] as const;
export type MissKind = (typeof missKinds)[number];

const considered = z.object({ id: z.string(), confidence: z.number() });
export type Considered = z.infer<typeof considered>;

/** One line of the log: a miss, a later click on one of a "Did you mean"'s choices, or a review. */
const lineSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("miss"),
    id: z.string(),
    at: z.iso.datetime(),
    kind: z.enum(missKinds),
    question: z.string(),
    considered: z.array(considered),
    surface: z.string(),
    /** A keyed hash of the person: counts distinct askers and finds their items on "forget me". */
    asker: z.string(),
    /** A keyed hash of the person's team, to find its items when the team removes the app. */
    team: z.string().optional(),
  }),
  z.object({
    type: z.literal("chosen"),
    at: z.iso.datetime(),
    asker: z.string(),
    team: z.string().optional(),
    entry: z.string(),
  }),
  z.object({ type: z.literal("resolved"), at: z.iso.datetime(), ids: z.array(z.string()) }),
]);
type Line = z.infer<typeof lineSchema>;

export interface Miss {
  id: string;
  at: string;
  kind: MissKind;
  question: string;
  considered: Considered[];
  surface: string;
  asker: string;
  /** For a "Did you mean": the choice the person clicked, if any. */
  chosen?: string;
}

export interface NewMiss {
  kind: MissKind;
  question: string;
  considered: Considered[];
  surface: string;
  at: Date;
}

export interface MissesLog {
  readonly enabled: boolean;
  record(speaker: Speaker, miss: NewMiss): Promise<void>;
  /** The person clicked `entryId` on the "Did you mean" they were last shown. */
  chosen(speaker: Speaker, entryId: string, at: Date): Promise<void>;
  /** Misses a curator dealt with (added as a phrasing, drafted, dismissed) leave the review. */
  resolve(ids: string[], at: Date): Promise<void>;
  /** Deletes every item of the person; resolves with how many misses went. */
  forget(speaker: Speaker): Promise<number>;
  /** Deletes every item of the team's people; resolves with how many misses went. */
  forgetTeam(teamId: string): Promise<number>;
  /** Deletes items older than `olderThan`; resolves with how many misses went. */
  prune(olderThan: Date): Promise<number>;
  /** The misses not yet resolved, oldest first, each with the choice clicked after it. */
  open(): Promise<Miss[]>;
}

export interface MissesLogOptions {
  dataDir: string;
  enabled: boolean;
  /** Keys the askers' hashes; without it one is generated once and kept in DATA_DIR. */
  secret?: string;
}

/** A "Did you mean" click counts for the question it was offered on when it comes this soon. */
const choiceWindowMs = 30 * 60_000;

async function readSecret(dir: string, given: string | undefined): Promise<string> {
  if (given) return given;
  const file = join(dir, "asker.key");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const secret = randomBytes(32).toString("hex");
  // "wx": of two processes creating it at once, one fails instead of overwriting the other.
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" }).catch((error: unknown) => {
    if (errorCode(error) !== "EEXIST") throw error;
  });
  return (await readFile(file, "utf8")).trim();
}

const fileIn = (dataDir: string) => join(dataDir, "misses", "misses.jsonl");

const readLinesOf = (file: string) => readJsonLines(file, lineSchema);

/** The misses not yet resolved, read without opening the log (the CLI, beside a running app). */
export async function readOpenMisses(dataDir: string): Promise<Miss[]> {
  return merge(await readLinesOf(fileIn(dataDir)));
}

function merge(lines: Line[]): Miss[] {
  const misses: Miss[] = [];
  const resolved = new Set<string>();
  for (const line of lines) {
    if (line.type === "miss") {
      const { type: _type, team: _team, ...miss } = line;
      misses.push(miss);
    } else if (line.type === "resolved") {
      for (const id of line.ids) resolved.add(id);
    } else {
      const at = Date.parse(line.at);
      const offered = [...misses]
        .reverse()
        .find(
          (miss) =>
            miss.kind === "clarify" &&
            miss.asker === line.asker &&
            at - Date.parse(miss.at) <= choiceWindowMs &&
            miss.considered.some((entry) => entry.id === line.entry),
        );
      if (offered && offered.chosen === undefined) offered.chosen = line.entry;
    }
  }
  return misses.filter((miss) => !resolved.has(miss.id));
}

/**
 * The misses log: `DATA_DIR/misses/misses.jsonl`, one JSON line per item, appended as they come
 * and rewritten whole to forget a person or prune old items. Calls run one at a time.
 */
export async function openMissesLog(options: MissesLogOptions): Promise<MissesLog> {
  const dir = join(options.dataDir, "misses");
  const file = fileIn(options.dataDir);
  await makeDirDurably(dir);
  const secret = await readSecret(dir, options.secret);
  const askerOf = (speaker: Speaker) =>
    createHmac("sha256", secret).update(`${speaker.teamId}:${speaker.userId}`).digest("hex");
  // "team:" keeps a team's hash from ever equalling a person's.
  const teamOf = (teamId: string) =>
    createHmac("sha256", secret).update(`team:${teamId}`).digest("hex");

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const readLines = () => readLinesOf(file);
  const append = (line: Line) => serial(() => appendFile(file, `${JSON.stringify(line)}\n`));
  /** Keeps the lines `keep` accepts; resolves with how many misses were dropped. */
  const rewrite = (keep: (line: Line) => boolean) =>
    serial(async () => {
      const lines = await readLines();
      const kept = lines.filter(keep);
      if (kept.length === lines.length) return 0;
      await writeFileDurably(file, kept.map((line) => `${JSON.stringify(line)}\n`).join(""));
      const misses = (of: Line[]) => of.filter((line) => line.type === "miss").length;
      return misses(lines) - misses(kept);
    });

  let counter = 0;
  return {
    enabled: options.enabled,
    async record(speaker, miss) {
      if (!options.enabled) return;
      counter += 1;
      await append({
        type: "miss",
        id: `${miss.at.getTime().toString(36)}-${counter.toString(36)}-${randomBytes(3).toString("hex")}`,
        at: miss.at.toISOString(),
        kind: miss.kind,
        question: miss.question,
        considered: miss.considered,
        surface: miss.surface,
        asker: askerOf(speaker),
        team: teamOf(speaker.teamId),
      });
    },
    async chosen(speaker, entryId, at) {
      if (!options.enabled) return;
      await append({
        type: "chosen",
        at: at.toISOString(),
        asker: askerOf(speaker),
        team: teamOf(speaker.teamId),
        entry: entryId,
      });
    },
    async resolve(ids, at) {
      if (ids.length > 0) await append({ type: "resolved", at: at.toISOString(), ids });
    },
    forget(speaker) {
      const asker = askerOf(speaker);
      return rewrite((line) => line.type === "resolved" || line.asker !== asker);
    },
    forgetTeam(teamId) {
      const team = teamOf(teamId);
      return rewrite((line) => line.type === "resolved" || line.team !== team);
    },
    prune(olderThan) {
      const limit = olderThan.getTime();
      return rewrite((line) => Date.parse(line.at) >= limit);
    },
    open: () => serial(async () => merge(await readLines())),
  };
}
