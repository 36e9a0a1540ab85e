import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonWith } from "../../src/parse-json.js";
import {
  expectKilledMidWork,
  killMidBurst,
  resendAndExpectEachAnsweredOnce,
} from "./support/burst.js";
import { tempDir } from "./support/harness.js";
import { killInstances, startInstance } from "./support/instances.js";
import { startWebApi, type WebApiStandIn } from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  webApi = await startWebApi();
  dir = await tempDir("credit-desk-crash-");
});

afterAll(async () => {
  killInstances();
  await webApi.close();
  await dir.remove();
});

/** The ids of the work in the log without its done line, as the next start reads them. */
async function unfinished(file: string): Promise<Set<string>> {
  const left = new Set<string>();
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    const parsed = parseJsonWith(logLine, line);
    if (parsed?.done) left.delete(parsed.done);
    else if (parsed?.id && parsed.body) left.add(parsed.id);
  }
  return left;
}
const logLine = z.object({ id: z.string(), done: z.string(), body: z.unknown() }).partial();

describe("the embedded engine, killed mid-burst", () => {
  it("answers every acked event once after kill -9 and a restart on the same DATA_DIR", async () => {
    const first = await startInstance({ webApiUrl: webApi.url, dataDir: dir.path });
    const burst = await killMidBurst({
      webApi,
      target: () => first.url,
      ackedFirst: 100,
      held: 2,
      unfinished: () => unfinished(join(dir.path, "slack-events.jsonl")),
      kill: () => first.kill(),
    });
    expectKilledMidWork(burst);

    const second = await startInstance({ webApiUrl: webApi.url, dataDir: dir.path });
    await resendAndExpectEachAnsweredOnce(webApi, second, burst, 5);
    expect(second.stderr()).toMatch(/unfinished work found count=\d+/);
    expect(second.stderr()).toContain("duplicate event ignored");
    expect(second.stderr()).not.toContain("JBP");
  }, 120_000);
});
