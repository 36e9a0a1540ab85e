import {
  createClient,
  ErrorReply,
  ReconnectStrategyError,
  type RedisClientType,
} from "@redis/client";
import { redactRedisUrl } from "../config.js";
import { errorCode } from "../files/errors.js";
import type { Logger } from "../logger.js";
import { StartError, StartErrorCode } from "../start-error.js";

export type RedisClient = RedisClientType;

/** One connection to the Redis server REDIS_URL names, shared by everything the app keeps there. */
export interface RedisConnection {
  readonly client: RedisClient;
  /** The key for `parts` under the app's prefix (REDIS_KEY_PREFIX), so apps can share a server. */
  key(...parts: string[]): string;
  /** A SCAN pattern matching every key that starts with the key for `parts`. */
  pattern(...parts: string[]): string;
  /** Closes the connection once the commands sent have been answered. */
  close(): Promise<void>;
}

/** REDIS_URL names a server that cannot be reached or will not let this app in. */
export class RedisStartError extends StartError {
  override name = "RedisStartError";
  readonly code = StartErrorCode.Redis;
}

export interface ConnectOptions {
  url: string;
  keyPrefix: string;
  logger: Pick<Logger, "warn" | "info">;
  /** How long the start waits for the server before giving up (default 5 s). */
  connectTimeoutMs?: number;
}

/**
 * What went wrong, for a log line or a health check: the error's code (ECONNREFUSED…) or its
 * class (ClientClosedError…; the client's errors leave `name` as "Error"), never its message.
 */
export function redisErrorName(error: unknown): string {
  const code = errorCode(error);
  if (typeof code === "string") return code;
  if (!(error instanceof Error)) return "unknown";
  return error.name !== "Error" ? error.name : error.constructor.name;
}

/** Glob characters in a key prefix are matched literally by SCAN. */
const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, "\\$&");

/** Replies that mean the credentials in REDIS_URL are wrong or missing. */
const refusals = /^(WRONGPASS|NOAUTH|NOPERM)\b/;

function startError(url: string, error: unknown): RedisStartError {
  const cause = error instanceof ReconnectStrategyError ? error.originalError : error;
  const shown = redactRedisUrl(url);
  const message = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof ErrorReply && refusals.test(message)) {
    return new RedisStartError(
      `Redis at REDIS_URL ${shown} refused this app (${message.split(" ")[0]}): put the right user and password in REDIS_URL.`,
    );
  }
  return new RedisStartError(
    `Cannot reach Redis at REDIS_URL ${shown} (${redisErrorName(cause)}): start Redis there, correct REDIS_URL, or leave it empty to keep everything in DATA_DIR.`,
  );
}

/**
 * Connects to REDIS_URL, or throws RedisStartError within seconds when the server cannot be
 * reached. Once connected, a lost connection is retried for as long as the app runs (commands
 * wait for it, each for at most the client's command timeout) and logged once per outage.
 */
export async function connectRedis(options: ConnectOptions): Promise<RedisConnection> {
  const { url, keyPrefix, logger } = options;
  let connected = false;
  let outage = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      // At start, two quick tries: a server that is not there is named at once. Later, back off
      // up to two seconds between tries and never give up.
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(100 * 2 ** retries, 2_000) : retries >= 2 ? cause : 200,
    },
  });
  client.on("error", (error: unknown) => {
    if (!connected || outage) return;
    outage = true;
    logger.warn("redis connection lost, reconnecting", { reason: redisErrorName(error) });
  });
  client.on("ready", () => {
    if (outage) logger.info("redis connection back", {});
    outage = false;
  });
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw startError(url, error);
  }
  connected = true;
  const key = (...parts: string[]) => `${keyPrefix}${parts.join(":")}`;
  return {
    client,
    key,
    pattern: (...parts) => `${escapeGlob(key(...parts))}*`,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
