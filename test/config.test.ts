import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const bot = "xoxb-1111-2222-abcdef";
const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const app = "xapp-1-A0000-1111-abcdef";

describe("configuration from the environment", () => {
  it("runs in the terminal when no Slack token is set, with documented defaults", () => {
    const config = loadConfig({});
    expect(config.transport).toEqual({ kind: "terminal" });
    expect(config.dataDir).toBe("data");
    expect(config.knowledgeDir).toBe("knowledge");
    expect(config.followUpWindowMs).toBe(30 * 60_000);
    expect(config.checkExpiryMs).toBe(24 * 3_600_000);
  });

  it("picks HTTP mode with a bot token and signing secret, on PORT", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, PORT: "8080" });
    expect(config.transport).toEqual({
      kind: "http",
      botToken: bot,
      signingSecret: secret,
      port: 8080,
    });
  });

  it("listens on HOST when it is set, on every interface when it is not", () => {
    const http = { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret };
    expect(loadConfig({ ...http, HOST: "127.0.0.1" }).transport).toMatchObject({
      kind: "http",
      host: "127.0.0.1",
    });
    expect(loadConfig(http).transport).toEqual({
      kind: "http",
      botToken: bot,
      signingSecret: secret,
      port: 3000,
    });
    expect(() => loadConfig({ ...http, HOST: "local host" })).toThrow(
      'HOST: expected a host name or IP address to listen on, such as 127.0.0.1 (got "local host")',
    );
  });

  it("checks PORT and HOST only in HTTP mode, where the app listens", () => {
    expect(loadConfig({ PORT: "eighty", HOST: "local host" }).transport).toEqual({
      kind: "terminal",
    });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: app, PORT: "eighty" }).transport.kind,
    ).toBe("socket");
  });

  it("says why a signing secret that is too short is refused", () => {
    // The Verification Token (24 characters) is the value most often pasted by mistake.
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: "Jhj5dZrVaK7ZwHHjRyZWjbDl" }),
    ).toThrow(
      "SLACK_SIGNING_SECRET: too short (24 characters) to be a signing secret, which has 32: copy the Signing Secret from Basic Information → App Credentials (not the Verification Token)",
    );
  });

  it("picks Socket Mode when an app token is set", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: app });
    expect(config.transport.kind).toBe("socket");
  });

  it.each([
    [{ SLACK_BOT_TOKEN: bot }, /SLACK_SIGNING_SECRET is missing/],
    [{ SLACK_SIGNING_SECRET: secret }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_APP_TOKEN: app }, /SLACK_BOT_TOKEN is missing/],
  ])("stops a half-configured environment with what is missing (%o)", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("names the variable and what is expected, without echoing secrets", () => {
    const attempt = () =>
      loadConfig({
        PORT: "eighty",
        SLACK_BOT_TOKEN: "xoxp-user-token",
        SLACK_SIGNING_SECRET: secret,
      });
    expect(attempt).toThrow(/PORT: .*\(got "eighty"\)/);
    expect(attempt).toThrow(/SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
    expect(attempt).not.toThrow(/xoxp-user-token/);
  });

  it("rejects a malformed Web API URL and an out-of-range threshold", () => {
    expect(() => loadConfig({ SLACK_API_URL: "not a url" })).toThrow(/SLACK_API_URL/);
    expect(() => loadConfig({ MATCH_THRESHOLD: "1.5" })).toThrow(
      /MATCH_THRESHOLD: expected a number from 0 to 1/,
    );
  });
});

describe("many workspaces (OAuth)", () => {
  const clientId = "1760100000.4242424242";
  const clientSecret = "3f2b6c1d9e8a7f6b5c4d3e2f1a0b9c8d";
  const stateSecret = "my-own-random-state-secret-1234";
  const oauth = {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_STATE_SECRET: stateSecret,
  };

  it("runs over HTTP with Bolt's OAuth flow when all three are set, with no bot token", () => {
    expect(loadConfig({ ...oauth, SLACK_SIGNING_SECRET: secret, PORT: "8080" }).transport).toEqual({
      kind: "oauth",
      oauth: { clientId, clientSecret, stateSecret },
      signingSecret: secret,
      port: 8080,
    });
  });

  it.each([
    [
      { SLACK_CLIENT_ID: clientId },
      "SLACK_CLIENT_ID is set but SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing",
    ],
    [
      { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret },
      "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set but SLACK_STATE_SECRET is missing",
    ],
    [
      { SLACK_STATE_SECRET: stateSecret },
      "SLACK_STATE_SECRET is set but SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are missing",
    ],
  ])("takes all three or none, naming what is missing (%o)", (env, message) => {
    const attempt = () => loadConfig({ ...env, SLACK_SIGNING_SECRET: secret });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    expect(attempt).not.toThrow(clientSecret);
    expect(attempt).not.toThrow(stateSecret);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret }, /unset SLACK_BOT_TOKEN/],
    [{ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: app }, /HTTP mode only/],
    [{}, /SLACK_SIGNING_SECRET is missing/],
  ])(
    "refuses OAuth mixed with a single workspace's tokens, or without the signing secret (%o)",
    (env, message) => {
      const attempt = () => loadConfig({ ...oauth, ...env });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(message);
    },
  );

  it("says what a client id looks like, and never echoes the secrets", () => {
    const attempt = () =>
      loadConfig({
        SLACK_SIGNING_SECRET: secret,
        SLACK_CLIENT_ID: "my-app",
        SLACK_CLIENT_SECRET: "tiny",
        SLACK_STATE_SECRET: "tinier",
      });
    expect(attempt).toThrow(
      'SLACK_CLIENT_ID: expected the Client ID from Basic Information → App Credentials, such as 1234567890.1234567890 (got "my-app")',
    );
    expect(attempt).toThrow(/SLACK_CLIENT_SECRET: too short to be a client secret/);
    expect(attempt).toThrow(/SLACK_STATE_SECRET: expected a random secret of at least 16/);
    expect(attempt).not.toThrow(/tiny/);
  });
});

/** The operator's view of a bad environment in HTTP mode, where every variable is read. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("numbers and levels in the environment", () => {
  it.each([
    ["PORT", "expected a whole number from 0 to 65535"],
    ["MATCH_THRESHOLD", "expected a number from 0 to 1"],
    ["FOLLOWUP_WINDOW_MINUTES", "expected a number of minutes above 0"],
    ["CHECK_EXPIRY_HOURS", "expected a number of hours above 0"],
    ["STATE_RETENTION_DAYS", "expected a number of days above 0"],
    ["KB_STALE_DAYS", "expected a number of days above 0"],
    ["MISSES_RETENTION_DAYS", "expected a number of days above 0"],
  ])("says in one line what %s takes when it is not a number", (name, expected) => {
    expect(problems({ [name]: "abc" })).toEqual([`${name}: ${expected} (got "abc")`]);
  });

  it.each(["0x1", "1e-1", "Infinity", " 0.5", "0.5 ", "0.5.1", "1/2", "0,5"])(
    "takes decimal numbers only, not %j",
    (value) => {
      expect(problems({ MATCH_THRESHOLD: value })).toEqual([
        `MATCH_THRESHOLD: expected a number from 0 to 1 (got ${JSON.stringify(value)})`,
      ]);
    },
  );

  it("takes plain decimals", () => {
    expect(loadConfig({ MATCH_THRESHOLD: ".65" }).matchThreshold).toBe(0.65);
    expect(loadConfig({ MATCH_THRESHOLD: "1" }).matchThreshold).toBe(1);
    expect(loadConfig({ FOLLOWUP_WINDOW_MINUTES: "2.5" }).followUpWindowMs).toBe(150_000);
  });

  it.each([
    ["PORT", "80.5"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["FOLLOWUP_WINDOW_MINUTES", "0"],
    ["CHECK_EXPIRY_HOURS", "-2"],
    ["STATE_RETENTION_DAYS", "0"],
    ["KB_STALE_DAYS", "-30"],
  ])("rejects %s=%s, saying what it takes", (name, value) => {
    const [line, ...more] = problems({ [name]: value });
    expect(line).toMatch(new RegExp(`^${name}: expected .*\\(got "${value}"\\)$`));
    expect(more).toEqual([]);
  });

  it("reads the curating settings: the misses switch, their retention, the curators' ids", () => {
    const config = loadConfig({
      MISSES_LOG: "OFF",
      MISSES_RETENTION_DAYS: "30",
      CURATORS: "U0ANNA, W0BEN",
    });
    expect(config.misses).toMatchObject({ enabled: false, retentionMs: 30 * 24 * 3600_000 });
    expect(config.curators).toEqual(["U0ANNA", "W0BEN"]);
    expect(loadConfig({}).misses.enabled).toBe(true);
    expect(problems({ MISSES_LOG: "maybe" })).toEqual([
      'MISSES_LOG: expected on or off (got "maybe")',
    ]);
    expect(problems({ CURATORS: "anna" })[0]).toMatch(/^CURATORS: expected Slack user ids/);
    expect(problems({ MISSES_ASKER_SECRET: "short" })).toEqual([
      "MISSES_ASKER_SECRET: expected a random secret of at least 16 characters",
    ]);
  });

  it("keeps everything in DATA_DIR unless REDIS_URL names a Redis server", () => {
    expect(loadConfig({}).store).toEqual({ engine: "embedded" });
    expect(loadConfig({ REDIS_URL: " " }).store).toEqual({ engine: "embedded" });
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).store).toEqual({
      engine: "redis",
      url: "redis://127.0.0.1:6379",
      keyPrefix: "credit-desk:",
    });
    expect(
      loadConfig({ REDIS_URL: "rediss://app:pw@cache.internal:6380/1", REDIS_KEY_PREFIX: "cd-eu:" })
        .store,
    ).toMatchObject({ engine: "redis", keyPrefix: "cd-eu:" });
  });

  it("gives a stopped instance's work to another after WORK_RECLAIM_SECONDS, 30 unless set", () => {
    expect(loadConfig({}).workReclaimMs).toBe(30_000);
    expect(loadConfig({ WORK_RECLAIM_SECONDS: "0.5" }).workReclaimMs).toBe(500);
    expect(problems({ WORK_RECLAIM_SECONDS: "0" })).toEqual([
      'WORK_RECLAIM_SECONDS: expected a number of seconds above 0 (got "0")',
    ]);
  });

  it("rejects a REDIS_URL that is not a Redis URL, never showing its password", () => {
    expect(problems({ REDIS_URL: "http://app:hunter22@cache:6379" })).toEqual([
      'REDIS_URL: expected a Redis URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380/0 (got "http://app:***@cache:6379")',
    ]);
    const [line] = problems({ REDIS_URL: "redis//:hunter22@cache" });
    expect(line).toMatch(/^REDIS_URL: expected a Redis URL/);
    expect(line).not.toMatch(/hunter22/);
    expect(problems({ REDIS_KEY_PREFIX: "my app*" })).toEqual([
      'REDIS_KEY_PREFIX: expected up to 64 letters, digits or _ . : - such as credit-desk: (got "my app*")',
    ]);
  });

  it("rejects an unknown log level, listing the levels", () => {
    expect(problems({ LOG_LEVEL: "verbose" })).toEqual([
      'LOG_LEVEL: expected debug, info, warn or error (got "verbose")',
    ]);
  });

  it("lists several bad variables one line each, with no header line", () => {
    expect(problems({ PORT: "eighty", MATCH_THRESHOLD: "abc", LOG_LEVEL: "loud" })).toEqual([
      'PORT: expected a whole number from 0 to 65535 (got "eighty")',
      'LOG_LEVEL: expected debug, info, warn or error (got "loud")',
      'MATCH_THRESHOLD: expected a number from 0 to 1 (got "abc")',
    ]);
  });

  it("keeps a value with a line break on its one line", () => {
    expect(problems({ PORT: "80\n80" })).toEqual([
      'PORT: expected a whole number from 0 to 65535 (got "80\\n80")',
    ]);
  });

  it("reads .env.example as it is, and every value left empty there as the default", () => {
    const example = readFileSync(".env.example", "utf8");
    expect(loadConfig(parse(example)).transport).toEqual({ kind: "terminal" });
    const blank = parse(example.replace(/^([A-Z_]+)=.*$/gm, "$1="));
    expect(Object.values(blank).every((value) => value === "")).toBe(true);
    const defaults = loadConfig({});
    expect(loadConfig(blank)).toEqual(defaults);
    expect(loadConfig({ ...blank, SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret })).toEqual({
      ...defaults,
      transport: { kind: "http", botToken: bot, signingSecret: secret, port: 3000 },
    });
  });
});
