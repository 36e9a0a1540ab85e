import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOpenMisses } from "../../src/curation/misses.js";
import { createLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { makeCuratedCore } from "./support/core.js";
import {
  oauthClient,
  type RunningApp,
  startApp,
  tearDown,
  tempDir,
  waitForLog,
} from "./support/harness.js";
import { install } from "./support/install.js";
import { appUninstalled, workspaceDirectMessage, workspaceEnvelope } from "./support/payloads.js";
import { sendEvent } from "./support/requests.js";
import { startWebApi, type WebApiStandIn } from "./support/web-api.js";
import { dmFrom, north, personIn, south } from "./support/workspaces.js";

type Dir = Awaited<ReturnType<typeof tempDir>>;

let server: TestRedis;
let webApi: WebApiStandIn;

const dirs: Dir[] = [];
const connections: RedisConnection[] = [];
const apps: RunningApp[] = [];

/** One instance of the app: its own DATA_DIR and its own connection to the shared Redis. */
async function instance(): Promise<{ app: RunningApp; dir: Dir }> {
  const dir = await tempDir("credit-desk-instance-");
  dirs.push(dir);
  const redis = await connectRedis({
    url: server.url,
    keyPrefix: "credit-desk:",
    logger: createLogger({ level: "error", write: () => {} }),
  });
  connections.push(redis);
  // Each instance its own core, as in its own process; the people's state is on Redis too.
  const { core } = await makeCuratedCore(dir.path, {}, redis);
  const app = await startApp({ webApi, dataDir: dir.path, core, oauth: oauthClient, redis });
  apps.push(app);
  return { app, dir };
}

/** The people with state on Redis, as `<team>~<user>`. */
async function peopleOnRedis(): Promise<string[]> {
  const [redis] = connections;
  if (!redis) throw new Error("no instance yet");
  const keys: string[] = [];
  for await (const batch of redis.client.scanIterator({ MATCH: redis.pattern("state") })) {
    keys.push(...batch);
  }
  return keys.map((key) => key.slice(redis.key("state", "").length)).sort();
}

const missesOnRedis = () => {
  const [redis] = connections;
  if (!redis) throw new Error("no instance yet");
  return readOpenMisses({ redis, retentionMs: 24 * 3_600_000 });
};

beforeAll(async () => {
  server = await startRedis();
  webApi = await startWebApi();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  // The cores' stores finish their writes before the connections they write through close.
  await tearDown({ webApi });
  await Promise.all(connections.map((redis) => redis.close()));
  await Promise.all(dirs.map((dir) => dir.remove()));
  await server?.stop();
});

describe("many workspaces with installations and people's state on Redis", () => {
  it("serves a workspace installed through one instance from every instance, and a removal everywhere", async () => {
    const a = await instance();
    const b = await instance();
    for (const workspace of [north, south]) {
      expect((await install(a.app.url, webApi, workspace, oauthClient)).status).toBe(200);
    }
    // Kept on Redis, not in either instance's DATA_DIR.
    for (const { dir } of [a, b]) {
      expect(await readdir(dir.path)).not.toContain("installations.json");
    }

    expect((await dmFrom(b.app.url, webApi, north, "what is a JBP?")).token).toBe(north.botToken);
    expect((await dmFrom(a.app.url, webApi, south, "what is a JBP?")).token).toBe(south.botToken);
    expect(await peopleOnRedis()).toEqual(["T0NORTH~U0NORA", "T0SOUTH~U0SAM"]);
    // A question with no answer from each workspace, kept in the misses log every instance shares.
    await dmFrom(a.app.url, webApi, north, "what is the weather in Lisbon tomorrow?");
    await dmFrom(b.app.url, webApi, south, "what is the weather in Lisbon tomorrow?");
    expect(await missesOnRedis()).toHaveLength(2);

    await sendEvent(b.app.url, workspaceEnvelope(south, appUninstalled()));
    await waitForLog(
      b.app,
      "workspace removed the app: its installation and people's data deleted",
      {
        team_id: "T0SOUTH",
        people: 1,
      },
    );
    await sendEvent(
      a.app.url,
      workspaceEnvelope(south, workspaceDirectMessage("what is a JBP?", personIn(south))),
    );
    await waitForLog(a.app, "request ignored: the app is not installed in this workspace", {
      team_id: "T0SOUTH",
    });
    expect((await dmFrom(a.app.url, webApi, north, "what is a JBP?")).token).toBe(north.botToken);
    // South's person's state, written by instance A, went with the removal B received.
    expect(await peopleOnRedis()).toEqual(["T0NORTH~U0NORA"]);
    expect(await missesOnRedis()).toHaveLength(1);
  });

  it("keeps installations across a restart, in a fresh DATA_DIR", async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    const restarted = await instance();
    expect((await dmFrom(restarted.app.url, webApi, north, "what is a JBP?")).token).toBe(
      north.botToken,
    );
    await sendEvent(
      restarted.app.url,
      workspaceEnvelope(south, workspaceDirectMessage("what is a JBP?", personIn(south))),
    );
    await waitForLog(restarted.app, "request ignored: the app is not installed in this workspace", {
      team_id: "T0SOUTH",
    });
  });
});
