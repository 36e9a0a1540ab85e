import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A redis-server of the test's own, on loopback, holding nothing on disk. */
export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its folder. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** More server options, such as ["--requirepass", "…"]. */
  args?: string[];
  /** The server program (default redis-server, found on PATH). */
  command?: string;
  /** The port to listen on (default: a free one), such as a stopped server's to start it again. */
  port?: number;
}

const missing =
  "not installed, and tests that need Redis start their own: install it " +
  "(Debian: apt-get install redis-server; .ci/run does this on a fresh machine).";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether the server answers PING with PONG on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString();
      // A server with a password answers too, refusing the PING until it is given.
      if (reply.includes("\r\n")) done(/^(\+PONG|-NOAUTH)/.test(reply));
    });
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await gone;
  clearTimeout(timer);
}

/** One try on a free port: the server, or undefined when the port was taken meanwhile. */
async function tryStart(
  dir: string,
  { args = [], command = "redis-server", port: given }: StartOptions,
): Promise<TestRedis | undefined> {
  const port = given ?? (await freePort());
  const child = spawn(
    command,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
      "--loglevel",
      "warning",
      ...args,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const failed = new Promise<Error>((resolve) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "ENOENT" ? new Error(`${command}: ${missing}`) : error),
    );
    child.once("exit", (code) =>
      resolve(new Error(`redis-server exited (${code}) at start: ${output.trim()}`)),
    );
  });
  let outcome: Error | undefined;
  void failed.then((error) => {
    outcome = error;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await answers(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => stopChild(child),
      };
    }
    if (outcome) {
      if (/Address already in use/i.test(output) && given === undefined) return undefined;
      throw outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChild(child);
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${output.trim()}`);
}

/**
 * Starts redis-server on loopback on a free port (no snapshots, no append-only file) and waits
 * until it answers. Throws, so the test fails rather than skips, when redis-server is missing.
 */
export async function startRedis(options: StartOptions = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), "credit-desk-redis-"));
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const server = await tryStart(dir, options);
      if (server) {
        return {
          ...server,
          stop: async () => {
            await server.stop();
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error("redis-server found no free port in 5 tries.");
}
