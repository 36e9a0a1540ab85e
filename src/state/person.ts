import { access, readdir, rename, unlink } from "node:fs/promises";
import { basename, join } from "node:path";
import { Low } from "lowdb";
import type PQueue from "p-queue";
import { syncDir, tempFileOf } from "../files/durable.js";
import { isMissing } from "../files/errors.js";
import type { Logger } from "../logger.js";
import { applyAll, type Change } from "./apply.js";
import { type CorruptReason, CorruptStateError } from "./errors.js";
import {
  keyOfFileName,
  type PersonPaths,
  personPaths,
  quarantinedAt,
  quarantineStamp,
} from "./paths.js";
import { PersonFile } from "./person-file.js";
import { freshState, type PersonState } from "./schema.js";

export type StateLogger = Pick<Logger, "info" | "warn" | "error">;

interface Settle<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
type StateOp = ({ kind: "read" } | { kind: "update"; change: Change }) & Settle<PersonState>;
type FileOp = ({ kind: "forget" } | { kind: "prune"; cutoff: Date; listed: string[] }) &
  Settle<boolean>;
type Op = StateOp | FileOp;

const isStateOp = (op: Op): op is StateOp => op.kind === "read" || op.kind === "update";

export interface PersonDeps {
  dataDir: string;
  io: PQueue;
  logger: StateLogger;
  now: () => Date;
  /** Bounds and stamps a changed state; throws when it does not fit the schema. */
  seal: Change;
  /** Called each time the queue empties, so the store can drop idle people from memory. */
  onIdle: () => void;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/**
 * One person's state and the queue of everything asked of it. Operations run one after another,
 * so two messages from one person never interleave, and reads and updates that queue up while a
 * write is under way are applied together and written once.
 */
export class Person {
  readonly paths: PersonPaths;
  readonly #deps: PersonDeps;
  #db: Low<PersonState> | undefined;
  readonly #queue: Op[] = [];
  #draining: Promise<void> | undefined;

  constructor(key: string, deps: PersonDeps) {
    this.paths = personPaths(deps.dataDir, key);
    this.#deps = deps;
  }

  get idle(): boolean {
    return this.#draining === undefined;
  }

  whenIdle(): Promise<void> {
    return this.#draining ?? Promise.resolve();
  }

  /** The state without a trip through the queue, when it is loaded and nothing is pending. */
  peek(): PersonState | undefined {
    return this.idle && this.#db ? structuredClone(this.#db.data) : undefined;
  }

  read(): Promise<PersonState> {
    return new Promise((resolve, reject) => this.#push({ kind: "read", resolve, reject }));
  }

  /** Resolves with the state after `change`, once it is on disk. */
  update(change: Change): Promise<PersonState> {
    return new Promise((resolve, reject) =>
      this.#push({ kind: "update", change, resolve, reject }),
    );
  }

  /** Deletes every file of this person; resolves with whether there was any. */
  forget(): Promise<boolean> {
    return new Promise((resolve, reject) => this.#push({ kind: "forget", resolve, reject }));
  }

  /**
   * Deletes this person when idle since before `cutoff`, else only their leftovers among
   * `listed` (their file names, as the caller found them); resolves with whether it deleted them.
   */
  prune(cutoff: Date, listed: string[]): Promise<boolean> {
    return new Promise((resolve, reject) =>
      this.#push({ kind: "prune", cutoff, listed, resolve, reject }),
    );
  }

  #push(op: Op): void {
    this.#queue.push(op);
    // #drain always awaits before it can finish, so this assignment comes before its end.
    this.#draining ??= this.#drain();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#takeBatch();
      try {
        await (Array.isArray(batch) ? this.#applyAll(batch) : this.#runFileOp(batch));
      } catch (error) {
        // Settling twice is a no-op, so only the ops not yet settled take the error.
        for (const op of Array.isArray(batch) ? batch : [batch]) op.reject(error);
      }
    }
    this.#draining = undefined;
    this.#deps.onIdle();
  }

  /** The reads and updates at the head of the queue, or the forget or prune that is there. */
  #takeBatch(): StateOp[] | FileOp {
    const [first] = this.#queue;
    if (first && !isStateOp(first)) {
      this.#queue.shift();
      return first;
    }
    const end = this.#queue.findIndex((op) => !isStateOp(op));
    return this.#queue.splice(0, end === -1 ? this.#queue.length : end).filter(isStateOp);
  }

  async #applyAll(ops: StateOp[]): Promise<void> {
    const db = await this.#load();
    const { state, changed, outcomes } = applyAll(
      db.data,
      ops.map((op) => (op.kind === "update" ? op.change : undefined)),
      this.#deps.seal,
    );
    if (changed) {
      db.data = state;
      try {
        await db.write();
      } catch (error) {
        this.#db = undefined;
        throw error;
      }
    }
    ops.forEach((op, index) => {
      const outcome = outcomes[index];
      if (outcome && "value" in outcome) op.resolve(structuredClone(outcome.value));
      else op.reject(outcome?.error);
    });
  }

  async #runFileOp(op: FileOp): Promise<void> {
    if (op.kind === "forget") {
      this.#db = undefined;
      op.resolve((await this.#removeFiles(await this.#listFiles())).length > 0);
      return;
    }
    const { updatedAt } = (await this.#load()).data;
    if (Date.parse(updatedAt) < op.cutoff.getTime()) {
      this.#db = undefined;
      const removed = await this.#removeFiles(await this.#listFiles());
      op.resolve(removed.includes(basename(this.paths.file)));
      return;
    }
    // Queued behind every write, a temp file here is one a crash cut short: never acknowledged.
    const leftover = basename(tempFileOf(this.paths.file));
    const cutoff = op.cutoff.getTime();
    await this.#removeFiles(
      op.listed.filter(
        (name) =>
          name === leftover ||
          (quarantinedAt(name)?.getTime() ?? Number.POSITIVE_INFINITY) < cutoff,
      ),
    );
    op.resolve(false);
  }

  async #load(): Promise<Low<PersonState>> {
    if (this.#db) return this.#db;
    const db = new Low(
      new PersonFile(this.paths.file, this.#deps.io),
      freshState(this.#deps.now()),
    );
    try {
      await db.read();
    } catch (error) {
      if (!(error instanceof CorruptStateError)) throw error;
      await this.#quarantine(error.reason);
    }
    this.#db = db;
    return db;
  }

  /** Moves an unreadable file aside, never over an earlier copy, and says so once. */
  async #quarantine(reason: CorruptReason): Promise<void> {
    const { file, dir, key } = this.paths;
    const stamp = quarantineStamp(this.#deps.now());
    let target = `${file}.corrupt-${stamp}`;
    for (let copy = 1; await exists(target); copy += 1) target = `${file}.corrupt-${stamp}-${copy}`;
    await rename(file, target);
    await syncDir(dir);
    this.#deps.logger.warn("state file unreadable: moved aside, person starts afresh", {
      person: key,
      reason,
      movedTo: basename(target),
    });
  }

  /** This person's files in their shard folder: main, temp and quarantined copies. */
  async #listFiles(): Promise<string[]> {
    try {
      return (await readdir(this.paths.dir)).filter(
        (name) => keyOfFileName(name) === this.paths.key,
      );
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  /** Deletes the named files of this person; returns the names that were there. */
  async #removeFiles(names: string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const name of names) {
      try {
        await unlink(join(this.paths.dir, name));
        removed.push(name);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    if (removed.length > 0) await syncDir(this.paths.dir);
    return removed;
  }
}
