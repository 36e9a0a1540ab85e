import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createLogger, type LogFormat } from "../src/logger.js";
import { boltLogger } from "../src/slack/bolt-logger.js";

const botToken = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

function capture(format: LogFormat, level: "debug" | "info" = "info") {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level, format, write: (line) => lines.push(line) }) };
}

describe.each(["text", "json"] as const)("%s logs", (format) => {
  it("never carry a person's text or a secret, even when a caller passes one", () => {
    const { lines, logger } = capture(format);
    logger.warn(`reply failed for token ${botToken}`, {
      event_id: "Ev0ABC",
      text: "my client Acme pays late",
      signing_secret: "8f742231b10e8888abcd99yyyzzz85a5",
      reason: `auth with ${botToken} refused`,
      message_text: "Acme again",
      context: "dm",
    });
    const [line = ""] = lines;
    expect(lines).toHaveLength(1);
    expect(line).toContain("Ev0ABC");
    expect(line).toContain("dm");
    expect(line).not.toMatch(/Acme|8f742231|xoxb-/);
    expect(line).toContain("[redacted]");
  });

  it("leave out what is below the level", () => {
    const { lines, logger } = capture(format);
    logger.debug("dropped");
    logger.info("kept", { count: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("kept");
  });

  it("carry Bolt's own lines through the same rules", () => {
    const { lines, logger } = capture(format);
    boltLogger(logger).warn("Failed to verify authenticity:", new Error(`token ${botToken}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("slack: Failed to verify authenticity:");
    expect(lines[0]).not.toContain("xoxb-");
  });
});

describe("json logs", () => {
  it("are one JSON object a line: time, level, message and the fields", () => {
    const { lines, logger } = capture("json", "debug");
    logger.info("duplicate event ignored", {
      event_id: "Ev0ABC",
      retry_num: 1,
      skipped: undefined,
    });
    logger.debug("request acked: nothing handles it");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: "info",
        msg: "duplicate event ignored",
        event_id: "Ev0ABC",
        retry_num: 1,
      },
      { time: expect.any(String), level: "debug", msg: "request acked: nothing handles it" },
    ]);
  });
});

describe("LOG_FORMAT", () => {
  it("is text by default, and json by default when NODE_ENV is production", () => {
    expect(loadConfig({}).logFormat).toBe("text");
    expect(loadConfig({ NODE_ENV: "production" }).logFormat).toBe("json");
    expect(loadConfig({ NODE_ENV: "production", LOG_FORMAT: "text" }).logFormat).toBe("text");
    expect(loadConfig({ LOG_FORMAT: "JSON" }).logFormat).toBe("json");
  });

  it("says what it takes", () => {
    expect(() => loadConfig({ LOG_FORMAT: "yaml" })).toThrow(
      'LOG_FORMAT: expected text or json (got "yaml")',
    );
  });
});

describe("logs to standard error", { timeout: 30_000 }, () => {
  /** Runs `script` (ES module) in a child process; its standard error and exit code. */
  function run(script: string): Promise<{ stderr: string; code: number | null }> {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "--eval", script],
      { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    return new Promise((resolve) => child.on("close", (code) => resolve({ stderr, code })));
  }

  it.each(["text", "json"] as const)(
    "(%s) are all written, in order, when the process exits right after them",
    async (format) => {
      const logger = new URL("../src/logger.ts", import.meta.url).href;
      const { stderr, code } = await run(`
        const { createLogger, toStderr } = await import(${JSON.stringify(logger)});
        const logger = createLogger({ format: ${JSON.stringify(format)} });
        for (let n = 1; n <= 2000; n += 1) logger.info("turn answered", { n });
        toStderr("last line");
        process.exit(3);
      `);
      const lines = stderr.trim().split("\n");
      expect(code).toBe(3);
      expect(lines).toHaveLength(2001);
      expect(lines[1999]).toContain("2000");
      expect(lines[2000]).toBe("last line");
    },
  );
});
