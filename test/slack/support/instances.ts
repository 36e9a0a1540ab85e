import { type ChildProcess, spawn } from "node:child_process";
import { botToken } from "./harness.js";
import { signingSecret } from "./requests.js";
import { waitFor } from "./web-api.js";

/** `npm start`'s entry point as a real process in HTTP mode, its log collected as it comes. */
export interface Instance {
  child: ChildProcess;
  /** http://127.0.0.1:<port>; empty in Socket Mode. */
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Ends the process now, as a crash or the OOM killer would. */
  kill(): Promise<void>;
  /** SIGTERM: stops taking requests, finishes the replies under way, exits. */
  stop(): Promise<number | null>;
}

const started: ChildProcess[] = [];

/** Starts src/main.ts against the Web API stand-in and waits until it serves. */
export async function startInstance(options: {
  webApiUrl: string;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: options.webApiUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: options.dataDir,
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  started.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const running = await waitFor(
    "the app to say it is running",
    () => {
      if (child.exitCode !== null) throw new Error(`the app exited at start:\n${stderr}`);
      return /credit desk is running .*/.exec(stderr)?.[0];
    },
    20_000,
  );
  const port = /port=(\d+)/.exec(running)?.[1];
  return {
    child,
    url: port ? `http://127.0.0.1:${port}` : "",
    stderr: () => stderr,
    exited,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Kills whatever a test file started and left running (a failed test), at its end. */
export function killInstances(): void {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
}
