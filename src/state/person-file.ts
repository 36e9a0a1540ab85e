import { readFile } from "node:fs/promises";
import type { Adapter } from "lowdb";
import type PQueue from "p-queue";
import { writeFileDurably } from "../files/durable.js";
import { errorCode, isMissing } from "../files/errors.js";
import { CorruptStateError } from "./errors.js";
import { decodeState } from "./migrate.js";
import type { PersonState } from "./schema.js";

/** Errors that will not go away by trying again: the file is moved aside instead. */
const unreadable = new Set(["EACCES", "EPERM", "EISDIR"]);

/**
 * One person's lowdb file: read through migration and validation, written atomically and
 * durably. Every disk operation goes through `io`, which bounds the open files at any moment.
 */
export class PersonFile implements Adapter<PersonState> {
  readonly #file: string;
  readonly #io: PQueue;

  constructor(file: string, io: PQueue) {
    this.#file = file;
    this.#io = io;
  }

  async read(): Promise<PersonState | null> {
    const text = await this.#io.add(() => this.#readText());
    return text === null ? null : decodeState(text, this.#file);
  }

  write(state: PersonState): Promise<void> {
    return this.#io.add(() => writeFileDurably(this.#file, JSON.stringify(state)));
  }

  async #readText(): Promise<string | null> {
    try {
      return await readFile(this.#file, "utf8");
    } catch (error) {
      if (isMissing(error)) return null;
      const code = errorCode(error);
      if (typeof code === "string" && unreadable.has(code)) {
        throw new CorruptStateError(this.#file, "unreadable");
      }
      throw error;
    }
  }
}
