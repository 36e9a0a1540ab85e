/**
 * Why Credit Desk cannot start, as a code: an Error with a `code` that one handler can tell apart,
 * the way bolt-js's coded errors work. The message is written for the operator, one line per
 * problem, naming the setting or file to fix.
 */
export const StartErrorCode = {
  Config: "credit_desk_config",
  Knowledge: "credit_desk_knowledge",
  DataDir: "credit_desk_data_dir",
  StateLayout: "credit_desk_state_layout",
  StateVersion: "credit_desk_state_version",
  DataDirLocked: "credit_desk_data_dir_locked",
  Redis: "credit_desk_redis",
} as const;
export type StartErrorCode = (typeof StartErrorCode)[keyof typeof StartErrorCode];

const codes: ReadonlySet<string> = new Set(Object.values(StartErrorCode));

export abstract class StartError extends Error {
  abstract readonly code: StartErrorCode;
}

/** Whether `error` is one of the coded reasons the start stops on (by its code, as bolt-js does). */
export function isStartError(error: unknown): error is StartError {
  return error instanceof Error && "code" in error && codes.has(String(error.code));
}
