import { spawn } from "node:child_process";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command with only PATH and `env` in its environment, feeding it standard input, from
 * `cwd` (the project folder unless given).
 */
export function run(
  command: string,
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { PATH: process.env.PATH ?? "", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Runs a TypeScript entry point of the project as its npm script would, feeding it standard input. */
export function runScript(
  entry: string,
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  return run(process.execPath, ["--import", "tsx", entry, ...args], options);
}
