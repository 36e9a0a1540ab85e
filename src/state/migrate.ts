import { z } from "zod";
import { CorruptStateError, StateVersionError } from "./errors.js";
import { type PersonState, personStateSchema, stateVersion, turnSchema } from "./schema.js";

/** Version 0, the prototype's files (no version field): only the last answer, flat, and the turns. */
const v0Schema = z.object({
  lastEntryId: z.string().nullable(),
  lastAnsweredAt: z.iso.datetime().nullable(),
  turns: z.array(turnSchema),
  updatedAt: z.iso.datetime(),
});

function fromV0(data: unknown, file: string): unknown {
  const parsed = v0Schema.safeParse(data);
  if (!parsed.success) throw new CorruptStateError(file, "bad_shape");
  const { lastEntryId, lastAnsweredAt, turns, updatedAt } = parsed.data;
  return {
    version: 1,
    lastAnswer:
      lastEntryId !== null && lastAnsweredAt !== null
        ? { entryId: lastEntryId, at: lastAnsweredAt }
        : null,
    turns,
    pendingCheck: null,
    feedback: [],
    updatedAt,
  };
}

/** Step n turns version n into version n + 1; the next version adds one step here. */
const upgrades: readonly ((data: unknown, file: string) => unknown)[] = [fromV0];

function versionOf(data: unknown, file: string): number {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new CorruptStateError(file, "bad_shape");
  }
  const version: unknown = "version" in data ? data.version : 0;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) {
    throw new CorruptStateError(file, "bad_shape");
  }
  return version;
}

/** Any stored version up to the current one, as current state; a newer version is refused. */
export function migrate(data: unknown, file: string): PersonState {
  const version = versionOf(data, file);
  if (version > stateVersion) throw new StateVersionError(file, version, stateVersion);
  let current = data;
  for (const upgrade of upgrades.slice(version, stateVersion)) current = upgrade(current, file);
  const parsed = personStateSchema.safeParse(current);
  if (!parsed.success) throw new CorruptStateError(file, "bad_shape");
  return parsed.data;
}

export function decodeState(text: string, file: string): PersonState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CorruptStateError(file, "bad_json");
  }
  return migrate(data, file);
}
