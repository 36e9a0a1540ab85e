import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { z } from "zod";
import { botScopes } from "../../src/slack/app.js";

/** The parts of Slack's manifest schema the app depends on, with Slack's length limits. */
const manifestSchema = z.object({
  _metadata: z.object({ major_version: z.literal(1) }),
  display_information: z.object({
    name: z.string().min(1).max(35),
    description: z.string().max(140),
    long_description: z.string().min(174).max(4000),
    background_color: z.string().regex(/^#[0-9a-f]{6}$/i),
  }),
  features: z.object({
    app_home: z.object({
      home_tab_enabled: z.literal(true),
      messages_tab_enabled: z.literal(true),
      messages_tab_read_only_enabled: z.literal(false),
    }),
    bot_user: z.object({ display_name: z.string().min(1).max(80) }),
    shortcuts: z.array(
      z.object({
        name: z.string().max(80),
        type: z.enum(["message", "global"]),
        callback_id: z.string().max(255),
        description: z.string().max(150),
      }),
    ),
    slash_commands: z.array(
      z.object({
        command: z.string(),
        description: z.string().max(100),
        usage_hint: z.string().max(1000),
        url: z.string().optional(),
      }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({
      bot_events: z.array(z.string()),
      request_url: z.string().optional(),
    }),
    interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string().optional() }),
    org_deploy_enabled: z.literal(false),
    socket_mode_enabled: z.literal(true),
  }),
});

describe("manifest.yml", async () => {
  const manifest = manifestSchema.parse(YAML.parse(await readFile("manifest.yml", "utf8")));

  it("creates the bot with the slash command, the events, interactivity and Socket Mode", () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([
      "/credit-check",
    ]);
    expect(manifest.features.slash_commands[0]?.usage_hint).toContain("help");
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "app_uninstalled",
      "message.im",
      "tokens_revoked",
    ]);
  });

  it("offers curators the message shortcut the app listens for", () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: "message", callback_id: "save_answer_draft" }),
    ]);
  });

  it("asks for the minimal bot scopes and no more, the same the OAuth flow asks each workspace for", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...botScopes].sort());
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
      "im:history",
      "im:read",
      "im:write",
    ]);
  });

  it("needs no request URLs in Socket Mode", () => {
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
    expect(manifest.settings.interactivity.request_url).toBeUndefined();
    expect(manifest.features.slash_commands[0]?.url).toBeUndefined();
  });

  it("shows, in its comments, the settings that distribute the app through OAuth", async () => {
    const text = await readFile("manifest.yml", "utf8");
    // The indented YAML in the comment that starts with oauth_config.
    const lines = text.split("\n");
    const start = lines.indexOf("#   oauth_config:");
    const end = lines.findIndex((line, index) => index > start && !line.startsWith("#   "));
    const block = lines.slice(start, end);
    const distributed = z
      .object({
        oauth_config: z.object({ redirect_urls: z.array(z.url()) }),
        settings: z.object({
          org_deploy_enabled: z.literal(false),
          socket_mode_enabled: z.literal(false),
          token_rotation_enabled: z.literal(false),
        }),
      })
      .parse(YAML.parse(block.map((line) => line.slice(4)).join("\n")));
    expect(distributed.oauth_config.redirect_urls).toEqual([
      "https://credit-desk.example.com/slack/oauth_redirect",
    ]);
    // The install link to share, on the same host.
    expect(text).toContain("https://credit-desk.example.com/slack/install.");
  });
});
