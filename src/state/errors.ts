import { StartError, StartErrorCode } from "../start-error.js";

/** A file written by a newer Credit Desk: reading it could lose what that version stored. */
export class StateVersionError extends StartError {
  override name = "StateVersionError";
  readonly code = StartErrorCode.StateVersion;
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${file} has version ${found}, but this Credit Desk reads state up to version ${supported}. ` +
        "It was written by a newer release: upgrade Credit Desk, or point DATA_DIR (or REDIS_URL) at data this release wrote.",
    );
  }
}

/** The state folder's meta.json exists but cannot be trusted to say which layout the folder has. */
export class StateLayoutError extends StartError {
  override name = "StateLayoutError";
  readonly code = StartErrorCode.StateLayout;
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `${file} ${problem}. It records how the state folder is laid out; restore it from a backup, ` +
        'or, if this folder was made by this release, replace it with {"layout":1}.',
    );
  }
}

export class StateStoreClosedError extends Error {
  override name = "StateStoreClosedError";
  constructor() {
    super("The state store is closed: it takes no more reads or writes.");
  }
}

/** Why a person's file was moved aside; a code, so logs never carry the file's contents. */
export type CorruptReason = "unreadable" | "bad_json" | "bad_shape";

/** A person's file that cannot be read as state; the store moves it aside and starts fresh. */
export class CorruptStateError extends Error {
  override name = "CorruptStateError";
  constructor(
    readonly file: string,
    readonly reason: CorruptReason,
  ) {
    super(`${file} cannot be read as state (${reason})`);
  }
}
