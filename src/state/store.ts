import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import PQueue from "p-queue";
import { writeFileDurably } from "../files/durable.js";
import { errorCode, isMissing } from "../files/errors.js";
import { type Change, sealWith } from "./apply.js";
import { StateStoreClosedError } from "./errors.js";
import { openLayout } from "./layout.js";
import {
  keyOfFileName,
  peopleRoot,
  personKey,
  type Speaker,
  shardNames,
  teamKeyPrefix,
} from "./paths.js";
import { Person, type StateLogger } from "./person.js";
import type { PersonState } from "./schema.js";

export interface StateStoreOptions {
  dataDir: string;
  logger: StateLogger;
  /** Turns kept per person (default 20); older ones are dropped when the state is written. */
  maxTurns?: number;
  /** Feedback votes kept per person (default 100). */
  maxFeedback?: number;
  now?: () => Date;
  /** How many people's state stays in memory between their messages (default 1,000). */
  cachedPeople?: number;
}

export interface StateStore {
  /** Where the state is kept, for messages: "DATA_DIR/state" or "Redis". */
  readonly place: string;
  /** The person's state; a fresh one for someone never seen. */
  get(speaker: Speaker): Promise<PersonState>;
  /**
   * Applies `change` to the state every earlier update left, in this process or (on Redis) any
   * other sharing the store; resolves once the result is stored (on disk, or in Redis). A change
   * that leaves the state as it was (by content) writes nothing. `change` should only decide: on
   * Redis it runs again if the person's turn lock expired under it.
   */
  update(speaker: Speaker, change: Change): Promise<PersonState>;
  /** Deletes everything kept about the person; resolves with whether there was anything. */
  forget(speaker: Speaker): Promise<boolean>;
  /**
   * Deletes everything kept about every person of a team (a workspace, or an Enterprise Grid org:
   * the `teamId` of their Speaker); resolves with how many people went.
   */
  forgetTeam(teamId: string): Promise<number>;
  /** Deletes everyone idle since before `olderThan`; resolves with how many people went. */
  prune(olderThan: Date): Promise<number>;
  /** People stored and the bytes their files take. */
  usage(): Promise<{ people: number; bytes: number }>;
  /**
   * Whether the state folder takes a write now: a small file written, fsynced and renamed as a
   * person's file is. Resolves with the file system's error code when it does not.
   */
  checkWritable(): Promise<{ writable: true } | { writable: false; code: string }>;
  /** Waits for pending writes; every later call rejects with StateStoreClosedError. */
  close(): Promise<void>;
}

/** Disk operations at once: enough to keep a disk busy, far below any open-file limit. */
const maxOpenFiles = 32;

async function listShard(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Opens the store under `<dataDir>/state`, refusing a layout written by a newer release. */
export async function openStateStore(options: StateStoreOptions): Promise<StateStore> {
  const { dataDir, logger } = options;
  const now = options.now ?? (() => new Date());
  const maxTurns = options.maxTurns ?? 20;
  const maxFeedback = options.maxFeedback ?? 100;
  const cachedPeople = options.cachedPeople ?? 1000;
  await openLayout(dataDir);

  const people = new Map<string, Person>();
  let closing: Promise<void> | undefined;
  let checking: ReturnType<StateStore["checkWritable"]> | undefined;
  const writeCheckFile = join(dataDir, "state", "write-check");

  const seal = sealWith({ maxTurns, maxFeedback, now });

  /** Drops the least recently used people with nothing pending until the cache fits. */
  const evictIdle = () => {
    for (const [key, person] of people) {
      if (people.size <= cachedPeople) return;
      if (person.idle) people.delete(key);
    }
  };

  const deps = {
    dataDir,
    io: new PQueue({ concurrency: maxOpenFiles }),
    logger,
    now,
    seal,
    onIdle: evictIdle,
  };

  /** The person's slot, moved to the most recently used end of the map. */
  const personFor = (key: string): Person => {
    const person = people.get(key) ?? new Person(key, deps);
    people.delete(key);
    people.set(key, person);
    return person;
  };

  const whileOpen = <T>(task: () => Promise<T>): Promise<T> =>
    closing ? Promise.reject(new StateStoreClosedError()) : task();

  const pruneShard = async (shard: string, olderThan: Date): Promise<number> => {
    const filesByKey = new Map<string, string[]>();
    for (const name of await listShard(join(peopleRoot(dataDir), shard))) {
      const key = keyOfFileName(name);
      if (key !== undefined) filesByKey.set(key, [...(filesByKey.get(key) ?? []), name]);
    }
    const keys = [...filesByKey.keys()];
    const outcomes = await Promise.allSettled(
      keys.map((key) => personFor(key).prune(olderThan, filesByKey.get(key) ?? [])),
    );
    let pruned = 0;
    outcomes.forEach((outcome, index) => {
      if (outcome.status === "fulfilled") pruned += outcome.value ? 1 : 0;
      else {
        const reason = outcome.reason instanceof Error ? outcome.reason.name : "unknown";
        logger.warn("could not check a person's state for pruning", {
          person: keys[index],
          reason,
        });
      }
    });
    return pruned;
  };

  return {
    place: "DATA_DIR/state",
    get: (speaker) =>
      whileOpen(() => {
        const person = personFor(personKey(speaker));
        const loaded = person.peek();
        return loaded ? Promise.resolve(loaded) : person.read();
      }),

    update: (speaker, change) => whileOpen(() => personFor(personKey(speaker)).update(change)),

    forget: (speaker) => whileOpen(() => personFor(personKey(speaker)).forget()),

    forgetTeam: (teamId) =>
      whileOpen(async () => {
        const prefix = teamKeyPrefix(teamId);
        const keys = new Set<string>();
        for (const shard of shardNames) {
          for (const name of await listShard(join(peopleRoot(dataDir), shard))) {
            const key = keyOfFileName(name);
            if (key?.startsWith(prefix)) keys.add(key);
          }
        }
        // People of the team held in memory without a file yet go too.
        for (const key of people.keys()) if (key.startsWith(prefix)) keys.add(key);
        const forgotten = await Promise.all([...keys].map((key) => personFor(key).forget()));
        return forgotten.filter(Boolean).length;
      }),

    prune: (olderThan) =>
      whileOpen(async () => {
        let pruned = 0;
        for (const shard of shardNames) {
          if (closing) throw new StateStoreClosedError();
          pruned += await pruneShard(shard, olderThan);
        }
        return pruned;
      }),

    usage: () =>
      whileOpen(async () => {
        let count = 0;
        let bytes = 0;
        for (const shard of shardNames) {
          const dir = join(peopleRoot(dataDir), shard);
          const files = (await listShard(dir)).filter((name) => name.endsWith(".json"));
          const sizes = await Promise.all(
            files.map(async (name) => (await stat(join(dir, name))).size),
          );
          count += files.length;
          bytes += sizes.reduce((sum, size) => sum + size, 0);
        }
        return { people: count, bytes };
      }),

    checkWritable: () => {
      // Checks asked for while one is under way share its answer.
      checking ??= writeFileDurably(writeCheckFile, `${now().toISOString()}\n`)
        .then(
          () => ({ writable: true as const }),
          (error: unknown) => ({
            writable: false as const,
            code: String(errorCode(error) ?? "unknown"),
          }),
        )
        .finally(() => {
          checking = undefined;
        });
      return checking;
    },

    close: () => {
      closing ??= Promise.all([...people.values()].map((person) => person.whenIdle())).then(() =>
        people.clear(),
      );
      return closing;
    },
  };
}
