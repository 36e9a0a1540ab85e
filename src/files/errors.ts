/** The `code` of a Node.js system error (ENOENT, EACCES, …), if it has one. */
export function errorCode(error: unknown): unknown {
  return error instanceof Error && "code" in error ? error.code : undefined;
}

export const isMissing = (error: unknown) => errorCode(error) === "ENOENT";
