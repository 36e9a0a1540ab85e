import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Installation } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataDirError } from "../../src/files/data-dir-error.js";
import { createLogger, silentLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import { openFileInstallations } from "../../src/slack/installations/file.js";
import { createInstallations } from "../../src/slack/installations/index.js";
import { redisInstallations } from "../../src/slack/installations/redis.js";
import { tempDir } from "../state/support/helpers.js";
import { startRedis, type TestRedis } from "../support/redis.js";

/** What Bolt's OAuth flow hands the store after oauth.v2.access and auth.test. */
const fromSlack: Installation<"v2", false> = {
  team: { id: "T0NORTH", name: "North Agency" },
  enterprise: undefined,
  user: { id: "U0NORA", token: undefined, scopes: undefined },
  tokenType: "bot",
  isEnterpriseInstall: false,
  appId: "A0CREDITDESK",
  authVersion: "v2",
  bot: {
    scopes: ["app_mentions:read", "chat:write"],
    token: "xoxb-2760100000-3760100001-NorthAgencyBotTokenAbc",
    userId: "U0NORTHBOT",
    id: "B0NORTHBOT",
  },
};
const query = { teamId: "T0NORTH", enterpriseId: undefined, isEnterpriseInstall: false as const };

async function open(dir: string) {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
  const file = join(dir, "installations.json");
  const installations = createInstallations({
    engine: await openFileInstallations(file),
    logger,
    now: () => new Date("2026-12-03T06:00:00.000Z"),
  });
  return { installations, lines, file };
}

describe("installations on the embedded engine", () => {
  it("gives Bolt back what it stored, after a reopen, with the bot's token and ids", async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.installations.bolt.storeInstallation(fromSlack);
    await first.installations.close();

    const second = await open(dir);
    const fetched = await second.installations.bolt.fetchInstallation(query);
    expect(fetched.team).toEqual({ id: "T0NORTH", name: "North Agency" });
    expect(fetched.bot).toEqual(fromSlack.bot);
    expect(fetched.user.id).toBe("U0NORA");
    expect(await second.installations.find(query)).toMatchObject({
      installedAt: "2026-12-03T06:00:00.000Z",
    });
  });

  it("treats a record that does not fit the schema as not installed, logging its key only", async () => {
    const dir = await tempDir();
    const { installations, file } = await open(dir);
    await installations.bolt.storeInstallation(fromSlack);
    await installations.close();
    const stored = JSON.parse(await readFile(file, "utf8"));
    stored.installations["team:T0NORTH"].bot.token = "xoxp-a-user-token-by-mistake";
    await writeFile(file, JSON.stringify(stored));

    const reopened = await open(dir);
    await expect(reopened.installations.bolt.fetchInstallation(query)).rejects.toThrow(
      "no installation for this workspace",
    );
    const logged = reopened.lines.join("\n");
    expect(logged).toContain(
      'installation unreadable: the workspace must install the app again installation="team:T0NORTH" field="bot.token"',
    );
    expect(logged).not.toContain("xoxp-a-user-token-by-mistake");
  });

  it("stops the start, naming the file, when it is not an installations file", async () => {
    const dir = await tempDir();
    const file = join(dir, "installations.json");
    await writeFile(file, '{"version": 1, "installations": ');
    const opening = openFileInstallations(file);
    await expect(opening).rejects.toThrow(DataDirError);
    await expect(openFileInstallations(file)).rejects.toThrow(
      `${file} is not an installations file Credit Desk wrote`,
    );
  });

  it("removes one workspace and keeps the others", async () => {
    const dir = await tempDir();
    const { installations } = await open(dir);
    await installations.bolt.storeInstallation(fromSlack);
    await installations.bolt.storeInstallation({
      ...fromSlack,
      team: { id: "T0SOUTH", name: "South Media" },
    });
    expect(await installations.remove(query)).toMatchObject({ teamId: "T0NORTH" });
    expect(await installations.remove(query)).toBeUndefined();
    expect(await installations.find({ teamId: "T0SOUTH" })).toMatchObject({ teamId: "T0SOUTH" });
  });
});

describe("installations on Redis", () => {
  let server: TestRedis;
  let redis: RedisConnection;
  beforeAll(async () => {
    server = await startRedis();
    redis = await connectRedis({
      url: server.url,
      keyPrefix: "credit-desk:",
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await redis?.close();
    await server?.stop();
  });

  it("keeps one key per installation, checked when read like the file's", async () => {
    const lines: string[] = [];
    const installations = createInstallations({
      engine: redisInstallations(redis),
      logger: createLogger({ level: "debug", write: (line) => lines.push(line) }),
    });
    await installations.bolt.storeInstallation(fromSlack);
    expect((await installations.bolt.fetchInstallation(query)).bot).toEqual(fromSlack.bot);
    expect(await redis.client.exists("credit-desk:installation:team:T0NORTH")).toBe(1);

    await redis.client.set("credit-desk:installation:team:T0NORTH", "{not json");
    expect(await installations.find(query)).toBeUndefined();
    expect(lines.join("\n")).toContain(
      'installation unreadable: the workspace must install the app again installation="team:T0NORTH"',
    );
    expect(await installations.remove(query)).toBeUndefined();
    expect(await redis.client.exists("credit-desk:installation:team:T0NORTH")).toBe(0);
  });
});
