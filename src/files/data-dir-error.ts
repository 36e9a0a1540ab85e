import { dirname, resolve } from "node:path";
import { StartError, StartErrorCode } from "../start-error.js";
import { errorCode } from "./errors.js";

/** DATA_DIR cannot be used: it names the folder, what is wrong and what to do. */
export class DataDirError extends StartError {
  override name = "DataDirError";
  readonly code = StartErrorCode.DataDir;
}

/** What the file system's answer means for DATA_DIR, by error code. */
const dataDirProblems: Record<string, string> = {
  EEXIST: "has a file where a folder should be",
  ENOTDIR: "has a file where a folder should be",
  EACCES: "cannot be written by this user (permission denied)",
  EPERM: "cannot be written by this user (operation not permitted)",
  EROFS: "is on a read-only file system",
  ENOSPC: "is on a full disk",
};

/** What the code means for a folder that should take writes, or undefined for another code. */
export const dataDirProblem = (code: unknown): string | undefined => dataDirProblems[String(code)];

/** A file-system failure on DATA_DIR as one line naming it; any other error as it was. */
export function dataDirError(dataDir: string, error: unknown): unknown {
  const code = errorCode(error);
  const problem = dataDirProblem(code);
  if (!problem) return error;
  const folder = resolve(dataDir);
  const path = resolve(error instanceof Error && "path" in error ? String(error.path) : dataDir);
  const what = code === "EEXIST" && path === folder ? "is a file, not a folder" : problem;
  // A file right in DATA_DIR (the lock's temp file) says nothing the folder's name does not.
  const at = path === folder || dirname(path) === folder ? "" : ` (at ${path})`;
  const fix =
    code === "ENOSPC"
      ? "free some space on it, or set DATA_DIR to a folder on another disk"
      : "set DATA_DIR to a folder this user can create and write to";
  return new DataDirError(`DATA_DIR ${dataDir} ${what}${at}: ${fix}.`);
}
