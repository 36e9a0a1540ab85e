import { createHmac, randomBytes } from "node:crypto";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { makeDirDurably, writeFileDurably } from "../files/durable.js";
import { errorCode, isMissing } from "../files/errors.js";
import { readJsonLines } from "../files/json-lines.js";
import { parseJsonWith } from "../parse-json.js";
import type { RedisConnection } from "../redis/index.js";
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
  /** For a "Did you mean" or a fallback: the question it offered that the person clicked, if any. */
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
  /** The person clicked `entryId` on the "Did you mean" or fallback they were last shown. */
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

/** Where the log is kept: `DATA_DIR/misses/`, or with REDIS_URL a Redis server every instance shares. */
export type MissesPlace =
  | { dataDir: string; redis?: undefined }
  | {
      redis: RedisConnection;
      /** The log's key expires this long after its last item (MISSES_RETENTION_DAYS). */
      retentionMs: number;
    };

export type MissesLogOptions = MissesPlace & {
  enabled: boolean;
  /** Keys the askers' hashes; without it one is generated once and kept in DATA_DIR (or Redis). */
  secret?: string;
};

/** A "Did you mean" click counts for the question it was offered on when it comes this soon. */
const choiceWindowMs = 30 * 60_000;

async function readSecretFile(dir: string): Promise<string> {
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

/** The generated key on Redis: set once by whichever instance comes first, read by the others. */
async function readSecretKey(redis: RedisConnection): Promise<string> {
  const key = redis.key("misses", "asker-key");
  await redis.client.set(key, randomBytes(32).toString("hex"), { condition: "NX" });
  const secret = await redis.client.get(key);
  if (!secret) throw new Error(`${key} vanished as it was set`);
  return secret;
}

/**
 * The log's lines, as they are kept. Removals resolve with the lines removed. Calls made on one
 * instance run one at a time.
 */
interface LineStore {
  append(line: Line): Promise<void>;
  read(): Promise<Line[]>;
  removeWhere(drop: (line: Line) => boolean): Promise<Line[]>;
}

const fileIn = (dataDir: string) => join(dataDir, "misses", "misses.jsonl");

const readLinesOf = (file: string) => readJsonLines(file, lineSchema);

const serialQueue = () => {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
};

/** `DATA_DIR/misses/misses.jsonl`: appended to, and rewritten whole to remove lines. */
function fileLines(file: string): LineStore {
  const serial = serialQueue();
  return {
    append: (line) => serial(() => appendFile(file, `${JSON.stringify(line)}\n`)),
    read: () => serial(() => readLinesOf(file)),
    removeWhere: (drop) =>
      serial(async () => {
        const lines = await readLinesOf(file);
        const kept = lines.filter((line) => !drop(line));
        if (kept.length === lines.length) return [];
        await writeFileDurably(file, kept.map((line) => `${JSON.stringify(line)}\n`).join(""));
        return lines.filter(drop);
      }),
  };
}

/**
 * `<prefix>misses:log` on Redis: a sorted set of the JSON lines scored by their time, so every
 * instance appends (ZADD) and removes (ZREM of the very lines) without rewriting the others'. The
 * key expires `retentionMs` after the last item, as the items themselves would be pruned.
 */
function redisLines(redis: RedisConnection, retentionMs: number): LineStore {
  const key = redis.key("misses", "log");
  const serial = serialQueue();
  const read = async () => {
    const members = await redis.client.zRange(key, 0, -1);
    return members.flatMap((member) => parseJsonWith(lineSchema, String(member)) ?? []);
  };
  return {
    append: (line) =>
      serial(async () => {
        await redis.client.zAdd(key, { score: Date.parse(line.at), value: JSON.stringify(line) });
        await redis.client.pExpire(key, retentionMs);
      }),
    read: () => serial(read),
    removeWhere: (drop) =>
      serial(async () => {
        const dropped = (await read()).filter(drop);
        if (dropped.length > 0)
          await redis.client.zRem(
            key,
            dropped.map((line) => JSON.stringify(line)),
          );
        return dropped;
      }),
  };
}

const linesAt = (place: MissesPlace): LineStore =>
  place.redis ? redisLines(place.redis, place.retentionMs) : fileLines(fileIn(place.dataDir));

/** The misses not yet resolved, read without opening the log (the CLI, beside a running app). */
export async function readOpenMisses(place: MissesPlace): Promise<Miss[]> {
  return merge(await linesAt(place).read());
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
            (miss.kind === "clarify" || miss.kind === "fallback") &&
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
 * The misses log: one JSON line per item, appended as they come, in `DATA_DIR/misses/misses.jsonl`
 * (rewritten whole to forget a person or prune old items) or with REDIS_URL in a sorted set on
 * Redis. Calls run one at a time.
 */
export async function openMissesLog(options: MissesLogOptions): Promise<MissesLog> {
  if (!options.redis) await makeDirDurably(join(options.dataDir, "misses"));
  const secret =
    options.secret ??
    (options.redis
      ? await readSecretKey(options.redis)
      : await readSecretFile(join(options.dataDir, "misses")));
  const lines = linesAt(options);
  const askerOf = (speaker: Speaker) =>
    createHmac("sha256", secret).update(`${speaker.teamId}:${speaker.userId}`).digest("hex");
  // "team:" keeps a team's hash from ever equalling a person's.
  const teamOf = (teamId: string) =>
    createHmac("sha256", secret).update(`team:${teamId}`).digest("hex");

  const append = (line: Line) => lines.append(line);
  /** Removes the lines `drop` picks; resolves with how many misses went. */
  const remove = async (drop: (line: Line) => boolean) =>
    (await lines.removeWhere(drop)).filter((line) => line.type === "miss").length;

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
      return remove((line) => line.type !== "resolved" && line.asker === asker);
    },
    forgetTeam(teamId) {
      const team = teamOf(teamId);
      return remove((line) => line.type !== "resolved" && line.team === team);
    },
    prune(olderThan) {
      const limit = olderThan.getTime();
      return remove((line) => Date.parse(line.at) < limit);
    },
    open: async () => merge(await lines.read()),
  };
}
