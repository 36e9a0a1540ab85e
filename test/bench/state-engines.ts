import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../src/logger.js";
import { connectRedis, type RedisConnection } from "../../src/redis/index.js";
import {
  openRedisStateStore,
  openStateStore,
  type PersonState,
  personStateSchema,
  type Speaker,
  type StateStore,
} from "../../src/state/index.js";
import { personKey, personPaths } from "../../src/state/paths.js";
import { startRedis } from "../support/redis.js";
import { count, ms, type Table } from "./report.js";
import { type Latency, round, summarize } from "./stats.js";

const people = 1_000;
/** Updates per engine and way of sending them, split over the rounds. */
const updates = 4_000;
const rounds = 4;
const warmUp = 200;
/** Updates in flight at once in the concurrent runs: a busy instance's reply lanes. */
const inFlight = 32;
const day = 24 * 60 * 60 * 1000;

export interface EngineFigures {
  engine: "embedded" | "redis" | "redis, fsync always";
  oneAtATime: Latency & { perSecond: number };
  concurrent: Latency & { perSecond: number };
}

interface Engine {
  name: EngineFigures["engine"];
  store: StateStore;
  sequential: { samples: number[]; seconds: number };
  concurrent: { samples: number[]; seconds: number };
}

/**
 * Embedded engine against Redis for the same updates: `people` people stored alike in each, then
 * updates to people picked at random, one at a time (latency) and `inFlight` at once (throughput),
 * the engines taking turns round after round so a slow moment of the machine falls on both.
 * Redis is a redis-server of its own on loopback, once without persistence (as the tests run it:
 * the engine's own cost) and once fsyncing every write (as durable as the embedded engine).
 */
export async function compareEngines(options: {
  random: () => number;
  make: () => PersonState;
  speakerOf: (index: number) => Speaker;
  change: (index: number) => (state: PersonState) => PersonState;
  progress: (message: string) => void;
}): Promise<{ figures: EngineFigures[]; table: Table }> {
  const { random, make, speakerOf, change, progress } = options;
  const dataDir = await mkdtemp(join(tmpdir(), "credit-desk-bench-engines-"));
  const servers = [
    await startRedis(),
    // Durable as the embedded engine is: every write in the append-only file, fsynced.
    await startRedis({ args: ["--appendonly", "yes", "--appendfsync", "always"] }),
  ];
  const [memory, durable] = await Promise.all(
    servers.map((server) =>
      connectRedis({ url: server.url, keyPrefix: "bench:", logger: silentLogger }),
    ),
  );
  const connections = [memory, durable].flatMap((redis) => (redis ? [redis] : []));
  try {
    if (!memory || !durable) throw new Error("two Redis connections expected");
    progress(`storing ${count(people)} people in each engine`);
    await (await openStateStore({ dataDir, logger: silentLogger })).close();
    for (let index = 0; index < people; index++) {
      const json = JSON.stringify(personStateSchema.parse(make()));
      const key = personKey(speakerOf(index));
      await writeFile(personPaths(dataDir, key).file, json);
      for (const redis of connections) await redis.client.set(redis.key("state", key), json);
    }
    const engine = (name: Engine["name"], store: StateStore): Engine => ({
      name,
      store,
      sequential: { samples: [], seconds: 0 },
      concurrent: { samples: [], seconds: 0 },
    });
    const onRedis = (redis: RedisConnection) =>
      openRedisStateStore({ redis, logger: silentLogger, retentionMs: 90 * day });
    const engines: Engine[] = [
      engine("embedded", await openStateStore({ dataDir, logger: silentLogger })),
      engine("redis", onRedis(memory)),
      engine("redis, fsync always", onRedis(durable)),
    ];
    const one = async (store: StateStore): Promise<number> => {
      const index = Math.floor(random() * people);
      const [speaker, update] = [speakerOf(index), change(index)];
      const started = performance.now();
      await store.update(speaker, update);
      return performance.now() - started;
    };
    for (const engine of engines) for (let i = 0; i < warmUp; i++) await one(engine.store);

    const perRound = updates / rounds;
    progress(
      `timing ${count(updates)} updates per engine one at a time and ${inFlight} at once, in ${rounds} rounds`,
    );
    for (let r = 0; r < rounds; r++) {
      // Each round starts with another engine.
      const order = [...engines.slice(r % engines.length), ...engines.slice(0, r % engines.length)];
      for (const engine of order) {
        let started = performance.now();
        for (let i = 0; i < perRound; i++) engine.sequential.samples.push(await one(engine.store));
        engine.sequential.seconds += (performance.now() - started) / 1000;

        started = performance.now();
        let next = 0;
        const lane = async () => {
          while (next < perRound) {
            next += 1;
            engine.concurrent.samples.push(await one(engine.store));
          }
        };
        await Promise.all(Array.from({ length: inFlight }, lane));
        engine.concurrent.seconds += (performance.now() - started) / 1000;
      }
    }
    await Promise.all(engines.map((engine) => engine.store.close()));

    const figures = engines.map(
      (engine): EngineFigures => ({
        engine: engine.name,
        oneAtATime: {
          ...summarize(engine.sequential.samples),
          perSecond: round(engine.sequential.samples.length / engine.sequential.seconds, 0),
        },
        concurrent: {
          ...summarize(engine.concurrent.samples),
          perSecond: round(engine.concurrent.samples.length / engine.concurrent.seconds, 0),
        },
      }),
    );
    const rows = figures.flatMap((figure) => [
      [
        figure.engine,
        "one at a time",
        count(figure.oneAtATime.perSecond),
        ms(figure.oneAtATime.p50),
        ms(figure.oneAtATime.p99),
        ms(figure.oneAtATime.max),
      ],
      [
        figure.engine,
        `${inFlight} at once`,
        count(figure.concurrent.perSecond),
        ms(figure.concurrent.p50),
        ms(figure.concurrent.p99),
        ms(figure.concurrent.max),
      ],
    ]);
    return {
      figures,
      table: {
        title: `state engines: ${count(updates)} updates each way to ${count(people)} people picked at random (ms)`,
        columns: ["engine", "sent", "updates/s", "p50", "p99", "max"],
        rows,
        notes: [
          `After ${warmUp} untimed updates each; the engines take turns over ${rounds} rounds.`,
          "Embedded: lowdb files, each write fsynced. Redis: a local redis-server, without persistence",
          "or with every write fsynced to its append-only file; an update takes the person's turn lock,",
          "reads, writes if the lock is still held, and releases it: four round trips.",
        ],
      },
    };
  } finally {
    await Promise.all(connections.map((redis) => redis.close()));
    await Promise.all(servers.map((server) => server.stop()));
    await rm(dataDir, { recursive: true, force: true });
  }
}
