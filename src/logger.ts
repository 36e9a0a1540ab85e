import { type DestinationStream, pino } from "pino";

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof levels;
export const logLevels = Object.keys(levels) as LogLevel[];

/** `text`: one readable `time LEVEL message key=value …` line; `json`: one JSON object a line. */
export type LogFormat = "text" | "json";

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where each line goes, without its newline; standard error unless given. */
  write?: (line: string) => void;
}

/** Field names that could only hold what a person wrote or a credential. */
const secretField = /(^|_)(text|body)$|token|secret|password|authorization|cookie/i;
/** Slack tokens (bot, user, app-level, …), wherever they turn up in a line. */
const slackToken = /\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+/g;
const redacted = "[redacted]";

const scrub = (text: string) => text.replace(slackToken, redacted);

/**
 * The rules every line follows in either format, for what a caller passes by mistake: a field
 * named like a text or a credential is replaced, and a Slack token is cut out of any message or
 * value. Callers pass ids, counts and codes only; this is the net under that rule.
 */
function redact(fields: LogFields): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    kept[key] = secretField.test(key) ? redacted : typeof value === "string" ? scrub(value) : value;
  }
  return kept;
}

/**
 * Standard error, written off the main thread: a line waits in memory only while the write
 * before it runs (lines logged meanwhile go out together), not for a synchronous write on every
 * request. pino flushes what is left when the process exits, process.exit included. If whatever
 * reads standard error stops reading, lines past 16 MB waiting are dropped: the app goes on
 * answering instead of stalling on the write or growing without bound.
 */
let stderrStream: DestinationStream | undefined;
const stderr = () => {
  stderrStream ??= pino.destination({ fd: 2, sync: false, maxLength: 16 * 1024 * 1024 });
  return stderrStream;
};
/** A line to standard error after whatever was logged before it. */
export const toStderr = (line: string) => stderr().write(`${line}\n`);

function textLogger(minimum: LogLevel, write: (line: string) => void): Logger {
  const log =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (levels[level] < levels[minimum]) return;
      const pairs = Object.entries(redact(fields)).map(
        ([key, value]) => `${key}=${JSON.stringify(value)}`,
      );
      write([new Date().toISOString(), level.toUpperCase(), scrub(message), ...pairs].join(" "));
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

function jsonLogger(minimum: LogLevel, write: ((line: string) => void) | undefined): Logger {
  const destination = write
    ? { write: (line: string) => write(line.replace(/\n$/, "")) }
    : stderr();
  const json = pino(
    {
      level: minimum,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const log =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) =>
      json[level](redact(fields), scrub(message));
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** The app's logger: readable lines for a person at a terminal, JSON lines for log shippers. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { level = "info", format = "text", write } = options;
  return format === "json" ? jsonLogger(level, write) : textLogger(level, write ?? toStderr);
}

export const silentLogger: Logger = createLogger({ level: "error", write: () => {} });
