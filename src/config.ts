import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { LogFormat } from "./logger.js";
import { StartError, StartErrorCode } from "./start-error.js";

/**
 * The knowledge base that ships beside the code (src/ or dist/), as a path from where the app
 * was started: "knowledge" from the project folder, and found from anywhere else too.
 */
const shippedKnowledge = () =>
  relative(process.cwd(), fileURLToPath(new URL("../knowledge", import.meta.url))) || ".";

const emptyAsUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalText = (schema: z.ZodString | z.ZodURL) =>
  z.preprocess(emptyAsUndefined, schema.optional());

/** Plain decimals only: Number() would also take "0x1", "1e3", "Infinity" and padded text. */
const decimal = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A number with a default when unset or empty. Every way it can be wrong gets the same message,
 * so the operator reads what is expected rather than which check failed.
 */
const number = <F extends number | undefined>(
  fallback: F,
  expected: string,
  accept: (n: number) => boolean,
) =>
  z
    .preprocess(emptyAsUndefined, z.string({ message: expected }).optional())
    .transform((text, context) => {
      if (text === undefined) return fallback as number | F;
      const value = decimal.test(text) ? Number(text) : Number.NaN;
      if (Number.isFinite(value) && accept(value)) return value;
      context.addIssue({ code: "custom", message: expected });
      return z.NEVER;
    });

/** Slack's signing secrets are 32 hex characters; its 24-character Verification Token is not one. */
const signingSecretLength = 32;

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText(
    z.string().startsWith("xoxb-", "expected a bot token starting with xoxb-"),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((secret) => secret.length >= signingSecretLength, {
        error: (issue) =>
          `too short (${String(issue.input).length} characters) to be a signing secret, which has ${signingSecretLength}: copy the Signing Secret from Basic Information → App Credentials (not the Verification Token)`,
      })
      .optional(),
  ),
  SLACK_APP_TOKEN: optionalText(
    z.string().startsWith("xapp-", "expected an app-level token starting with xapp-"),
  ),
  SLACK_CLIENT_ID: optionalText(
    z
      .string()
      .regex(
        /^\d+\.\d+$/,
        "expected the Client ID from Basic Information → App Credentials, such as 1234567890.1234567890",
      ),
  ),
  SLACK_CLIENT_SECRET: optionalText(
    z
      .string()
      .min(
        16,
        "too short to be a client secret: copy the Client Secret from Basic Information → App Credentials",
      ),
  ),
  SLACK_STATE_SECRET: optionalText(
    z
      .string()
      .min(
        16,
        "expected a random secret of at least 16 characters (it signs the install link's state)",
      ),
  ),
  SLACK_API_URL: optionalText(
    z.url({ message: "expected a URL such as http://127.0.0.1:4000/api/" }),
  ),
  PORT: number(
    3000,
    "expected a whole number from 0 to 65535",
    (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
  ),
  HOST: optionalText(
    z
      .string()
      .regex(/^[^\s/]+$/, "expected a host name or IP address to listen on, such as 127.0.0.1"),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("data")),
  REDIS_URL: optionalText(
    z.url({
      protocol: /^rediss?$/,
      message:
        "expected a Redis URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380/0",
    }),
  ),
  REDIS_KEY_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, {
        message: "expected up to 64 letters, digits or _ . : - such as credit-desk:",
      })
      .default("credit-desk:"),
  ),
  WORK_RECLAIM_SECONDS: number(30, "expected a number of seconds above 0", (n) => n > 0),
  KNOWLEDGE_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z
      .enum(["debug", "info", "warn", "error"], { message: "expected debug, info, warn or error" })
      .default("info"),
  ),
  LOG_FORMAT: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["text", "json"], { message: "expected text or json" }).optional(),
  ),
  NODE_ENV: optionalText(z.string()),
  // Unset: the threshold fitted with the ranker (knowledge/ranker.json).
  MATCH_THRESHOLD: number(undefined, "expected a number from 0 to 1", (n) => n >= 0 && n <= 1),
  FOLLOWUP_WINDOW_MINUTES: number(30, "expected a number of minutes above 0", (n) => n > 0),
  CHECK_EXPIRY_HOURS: number(24, "expected a number of hours above 0", (n) => n > 0),
  STATE_RETENTION_DAYS: number(90, "expected a number of days above 0", (n) => n > 0),
  KB_STALE_DAYS: number(180, "expected a number of days above 0", (n) => n > 0),
  MISSES_LOG: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["on", "off"], { message: "expected on or off" }).default("on"),
  ),
  MISSES_RETENTION_DAYS: number(90, "expected a number of days above 0", (n) => n > 0),
  MISSES_ASKER_SECRET: optionalText(
    z.string().min(16, "expected a random secret of at least 16 characters"),
  ),
  CURATORS: z.preprocess(
    (value) => (typeof value === "string" ? value : ""),
    z
      .string()
      .transform((text) => text.split(/[\s,]+/).filter((id) => id !== ""))
      .pipe(
        z.array(
          z.string().regex(/^[UW][A-Z0-9]{2,}$/, {
            message: "expected Slack user ids (U… or W…) separated by commas",
          }),
        ),
      ),
  ),
});

export type Env = z.infer<typeof envSchema>;

/** What Bolt's OAuth flow needs to install the app in any number of workspaces. */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export type Transport =
  | { kind: "terminal" }
  | { kind: "socket"; botToken: string; appToken: string; signingSecret?: string }
  | { kind: "http"; botToken: string; signingSecret: string; port: number; host?: string }
  /** HTTP mode for many workspaces: each one's token comes from its installation. */
  | { kind: "oauth"; oauth: OAuthSettings; signingSecret: string; port: number; host?: string };

/** Where the app keeps what it stores: `DATA_DIR` (embedded engine) or a Redis server. */
export type StoreConfig =
  | { engine: "embedded" }
  | { engine: "redis"; url: string; keyPrefix: string };

export interface Config {
  transport: Transport;
  slackApiUrl?: string;
  dataDir: string;
  store: StoreConfig;
  /** With Redis: how long a stopped instance's unfinished work waits before another takes it. */
  workReclaimMs: number;
  knowledgeDir: string;
  logLevel: Env["LOG_LEVEL"];
  /** JSON lines in production (NODE_ENV=production) unless LOG_FORMAT says otherwise; text elsewhere. */
  logFormat: LogFormat;
  /** Overrides the fitted answer threshold; undefined: the fitted one. */
  matchThreshold: number | undefined;
  followUpWindowMs: number;
  checkExpiryMs: number;
  stateRetentionMs: number;
  /** Also how often an entry's owner is asked to verify it, unless the entry says otherwise. */
  kbStaleDays: number;
  misses: { enabled: boolean; retentionMs: number; askerSecret?: string };
  /** Slack user ids who see the review on App Home and may change the knowledge base from Slack. */
  curators: string[];
}

/**
 * A configuration problem, worded for the operator: which variable, what is expected. Several
 * problems are one line each, each naming its variable, with no header line.
 */
export class ConfigError extends StartError {
  override name = "ConfigError";
  readonly code = StartErrorCode.Config;
}

const oauthVariables = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

const listed = (names: readonly string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");

/** All three OAuth variables, or none; several workspaces run over HTTP without a bot token. */
function pickOAuth(env: Env): Transport | undefined {
  const given = oauthVariables.filter((name) => env[name] !== undefined);
  if (given.length === 0) return undefined;
  const missing = oauthVariables.filter((name) => env[name] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `${listed(given)} ${given.length > 1 ? "are" : "is"} set but ${listed(missing)} ${missing.length > 1 ? "are" : "is"} missing: installing the app in many workspaces (OAuth) needs all three (Client ID and Client Secret from Basic Information → App Credentials, and a random state secret of your own), or unset them to run in one workspace with SLACK_BOT_TOKEN.`,
    );
  }
  if (env.SLACK_APP_TOKEN) {
    throw new ConfigError(
      "SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: installing in many workspaces (OAuth) runs in HTTP mode only (Socket Mode apps cannot be distributed); unset SLACK_APP_TOKEN, or the three OAuth variables.",
    );
  }
  if (env.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      "SLACK_BOT_TOKEN is set with SLACK_CLIENT_ID: with OAuth each workspace's token comes from its installation; unset SLACK_BOT_TOKEN, or the three OAuth variables to run in one workspace.",
    );
  }
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret } = env;
  const { SLACK_STATE_SECRET: stateSecret, SLACK_SIGNING_SECRET: signingSecret } = env;
  if (!clientId || !clientSecret || !stateSecret) return undefined;
  if (!signingSecret) {
    throw new ConfigError(
      "SLACK_CLIENT_ID is set but SLACK_SIGNING_SECRET is missing: HTTP mode needs the signing secret (Basic Information → App Credentials).",
    );
  }
  return {
    kind: "oauth",
    oauth: { clientId, clientSecret, stateSecret },
    signingSecret,
    port: env.PORT,
    ...(env.HOST ? { host: env.HOST } : {}),
  };
}

function pickTransport(env: Env): Transport {
  const oauth = pickOAuth(env);
  if (oauth) return oauth;
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret } = env;
  const appToken = env.SLACK_APP_TOKEN;
  if (appToken) {
    if (!botToken) {
      throw new ConfigError(
        "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing: Socket Mode needs both (xoxb-… and xapp-…).",
      );
    }
    return { kind: "socket", botToken, appToken, signingSecret };
  }
  if (botToken && !signingSecret) {
    throw new ConfigError(
      "SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing: HTTP mode needs the signing secret (Basic Information → App Credentials), or set SLACK_APP_TOKEN for Socket Mode.",
    );
  }
  if (!botToken && signingSecret) {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is missing: set the bot token (xoxb-…), or unset both to run in the terminal.",
    );
  }
  if (botToken && signingSecret) {
    return {
      kind: "http",
      botToken,
      signingSecret,
      port: env.PORT,
      ...(env.HOST ? { host: env.HOST } : {}),
    };
  }
  return { kind: "terminal" };
}

const minutes = 60_000;

/** A Redis URL fit for a message or a log line: as given, its password (or lone token) masked. */
export function redactRedisUrl(text: string): string {
  return text.replace(/\/\/([^@/]*)@/, (_match, userInfo: string) => {
    const colon = userInfo.indexOf(":");
    return colon === -1 ? "//***@" : `//${userInfo.slice(0, colon)}:***@`;
  });
}

/** How a given value is shown in a problem line: secrets never, a Redis URL without its password. */
function shownValue(name: string, given: string | undefined): string {
  if (given === undefined || name.includes("TOKEN") || name.includes("SECRET")) return "";
  const value = name === "REDIS_URL" ? redactRedisUrl(given) : given;
  return ` (got ${JSON.stringify(value)})`;
}

/** Reads and validates the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const given = (name: string) => emptyAsUndefined(source[name]) !== undefined;
  const http =
    (given("SLACK_BOT_TOKEN") || given("SLACK_CLIENT_ID")) &&
    given("SLACK_SIGNING_SECRET") &&
    !given("SLACK_APP_TOKEN");
  // Where the app listens matters only in HTTP mode: a stray PORT does not stop the terminal.
  const parsed = envSchema.safeParse(
    http ? source : { ...source, PORT: undefined, HOST: undefined },
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${name}: ${issue.message}${shownValue(name, source[name])}`;
    });
    throw new ConfigError(lines.join("\n"));
  }
  const env = parsed.data;
  return {
    transport: pickTransport(env),
    slackApiUrl: env.SLACK_API_URL,
    dataDir: env.DATA_DIR,
    store: env.REDIS_URL
      ? { engine: "redis", url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX }
      : { engine: "embedded" },
    workReclaimMs: env.WORK_RECLAIM_SECONDS * 1000,
    knowledgeDir: env.KNOWLEDGE_DIR ?? shippedKnowledge(),
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === "production" ? "json" : "text"),
    matchThreshold: env.MATCH_THRESHOLD,
    followUpWindowMs: env.FOLLOWUP_WINDOW_MINUTES * minutes,
    checkExpiryMs: env.CHECK_EXPIRY_HOURS * 60 * minutes,
    stateRetentionMs: env.STATE_RETENTION_DAYS * 24 * 60 * minutes,
    kbStaleDays: env.KB_STALE_DAYS,
    misses: {
      enabled: env.MISSES_LOG === "on",
      retentionMs: env.MISSES_RETENTION_DAYS * 24 * 60 * minutes,
      askerSecret: env.MISSES_ASKER_SECRET,
    },
    curators: env.CURATORS,
  };
}
