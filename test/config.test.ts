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
      /MATCH_THRESHOLD: expected 0 to 1/,
    );
  });
});
