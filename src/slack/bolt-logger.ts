import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.js";

function describe(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if (part instanceof Error) return part.message;
      return "";
    })
    .filter((part) => part !== "")
    .join(" ")
    .slice(0, 300);
}

/**
 * Bolt's and the Web API client's log lines through the app's logger. Their debug lines carry request
 * and response bodies (message text), so they are dropped; objects are never passed on, only strings.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let name = "slack";
  return {
    debug: () => {},
    info: (...parts: unknown[]) => logger.info(`${name}: ${describe(parts)}`),
    warn: (...parts: unknown[]) => logger.warn(`${name}: ${describe(parts)}`),
    error: (...parts: unknown[]) => logger.error(`${name}: ${describe(parts)}`),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
