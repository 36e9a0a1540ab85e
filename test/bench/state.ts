import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../src/logger.js";
import type { Speaker } from "../../src/state/index.js";
import {
  openStateStore,
  type PersonState,
  personStateSchema,
  stateVersion,
} from "../../src/state/index.js";
import { personKey, personPaths } from "../../src/state/paths.js";
import { evaluationSet } from "./paths.js";
import { count, ms, type Suite, verdict } from "./report.js";
import { compareEngines } from "./state-engines.js";
import { type Latency, round, seededRandom, summarize, timed } from "./stats.js";

const sizes = [100, 10_000, 100_000];
/**
 * Updates per size, one after another, each to a stored person picked at random: with few people
 * most are already in the store's memory, with many most are read from disk first, as in real use.
 */
const updates = 3_000;
const warmUp = 200;
/** p99 at the largest size may be at most this multiple of p99 at the smallest. */
const targetRatio = 2;
const team = "T0BENCH";
const speakerOf = (index: number): Speaker => ({
  teamId: team,
  userId: `U0${index.toString(36).toUpperCase().padStart(7, "0")}`,
});

type Random = () => number;

/**
 * What the store holds for someone after a few conversations: up to the 20 turns it keeps, the
 * entry last answered, now and then a vote. Built from the evaluation questions.
 */
function stateMaker(random: Random) {
  const { inScope } = evaluationSet();
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  return (): PersonState => {
    const exchanges = 1 + Math.floor(random() * 10);
    const turns: PersonState["turns"] = [];
    let at = now - Math.floor(random() * 60 * day);
    let lastEntry = "";
    for (let i = 0; i < exchanges; i++) {
      const item = inScope[Math.floor(random() * inScope.length)];
      const when = new Date(at).toISOString();
      lastEntry = item?.expect ?? "";
      turns.push({ at: when, role: "user", text: item?.q ?? "" });
      turns.push({ at: when, role: "bot", text: "answer", entryId: lastEntry });
      at += Math.floor(random() * day);
    }
    const updatedAt = new Date(at).toISOString();
    return {
      version: stateVersion,
      lastAnswer: { entryId: lastEntry, at: updatedAt },
      lastOffered: null,
      turns,
      lastCheck: null,
      pendingCheck: null,
      feedback: random() < 0.2 ? [{ entryId: lastEntry, vote: "up", at: updatedAt }] : [],
      updatedAt,
    };
  };
}

/** Writes `people` people straight into the store's layout, many files at a time. */
async function storePeople(dataDir: string, people: number, make: () => PersonState) {
  const batch = 256;
  for (let start = 0; start < people; start += batch) {
    const writes: Promise<void>[] = [];
    for (let index = start; index < Math.min(start + batch, people); index++) {
      const { file } = personPaths(dataDir, personKey(speakerOf(index)));
      writes.push(writeFile(file, JSON.stringify(personStateSchema.parse(make()))));
    }
    await Promise.all(writes);
  }
}

interface SizeFigures {
  people: number;
  update: Latency;
  /** Bytes of every person's file together, as the store counts them. */
  totalBytes: number;
  bytesPerPerson: number;
}

/** A message answered: the exchange appended, the entry remembered, as the conversation core does. */
const answered =
  (question: string, entryId: string) =>
  (state: PersonState): PersonState => {
    const at = new Date().toISOString();
    return {
      ...state,
      lastAnswer: { entryId, at },
      turns: [
        ...state.turns,
        { at, role: "user", text: question },
        { at, role: "bot", text: "answer", entryId },
      ],
    };
  };

/**
 * Times updates at every size in turn, round after round, so that the disk's slow moments (fsync
 * times on a shared machine vary a lot) fall on all sizes alike instead of on whichever ran then.
 */
async function measureUpdates(
  dataDirs: Map<number, string>,
  random: Random,
): Promise<SizeFigures[]> {
  // Stores opened afresh, as after a restart: people are read from disk the first time.
  const stores = await Promise.all(
    [...dataDirs].map(async ([people, dataDir]) => ({
      people,
      store: await openStateStore({ dataDir, logger: silentLogger }),
      samples: [] as number[],
    })),
  );
  try {
    const { inScope } = evaluationSet();
    const update = async ({ people, store }: (typeof stores)[number]) => {
      const index = Math.floor(random() * people);
      const item = inScope[index % inScope.length];
      const change = answered(item?.q ?? "", item?.expect ?? "");
      return (await timed(() => store.update(speakerOf(index), change))).ms;
    };
    for (let round = 0; round < warmUp + updates; round++) {
      for (let turn = 0; turn < stores.length; turn++) {
        const size = stores[(round + turn) % stores.length];
        if (!size) continue;
        const took = await update(size);
        if (round >= warmUp) size.samples.push(took);
      }
    }
    return await Promise.all(
      stores.map(async ({ store, samples }) => {
        const usage = await store.usage();
        return {
          people: usage.people,
          update: summarize(samples),
          totalBytes: usage.bytes,
          bytesPerPerson: Math.round(usage.bytes / usage.people),
        };
      }),
    );
  } finally {
    await Promise.all(stores.map(({ store }) => store.close()));
  }
}

export const stateSuite: Suite = {
  name: "state",
  summary:
    "per-person state update latency and file size with 100, 10,000 and 100,000 people; embedded engine vs Redis",
  async run(progress) {
    const random = seededRandom(3);
    const make = stateMaker(random);
    const dataDirs = new Map<number, string>();
    const prepareAndMeasure = async () => {
      for (const size of sizes) {
        const dataDir = await mkdtemp(join(tmpdir(), `credit-desk-bench-state-${size}-`));
        dataDirs.set(size, dataDir);
        // Opening once lays the folder out; the people are then written into it directly.
        await (await openStateStore({ dataDir, logger: silentLogger })).close();
        progress(`storing ${count(size)} people`);
        await storePeople(dataDir, size, make);
      }
      // The bulk writes reach the disk now, not during the fsyncs being timed.
      spawnSync("sync");
      progress(`timing ${count(updates)} updates at each size, interleaved`);
      return measureUpdates(dataDirs, random);
    };
    const results = await prepareAndMeasure().finally(() =>
      Promise.all([...dataDirs.values()].map((dir) => rm(dir, { recursive: true, force: true }))),
    );

    const { inScope } = evaluationSet();
    const engines = await compareEngines({
      random,
      make,
      speakerOf,
      change: (index) => {
        const item = inScope[index % inScope.length];
        return answered(item?.q ?? "", item?.expect ?? "");
      },
      progress,
    });

    const first = results[0];
    const last = results.at(-1);
    const ratio = first && last ? round(last.update.p99 / first.update.p99, 2) : Number.NaN;
    return {
      figures: {
        updatesPerSize: updates,
        warmUp,
        targetRatio,
        ratio,
        sizes: results,
        engines: engines.figures,
      },
      tables: [
        {
          title: `state: ${count(updates)} updates per size, one at a time, sizes interleaved, to people picked at random (ms)`,
          columns: ["people", "p50", "p99", "max", "bytes/person", "all files MB"],
          rows: results.map((size) => [
            count(size.people),
            ms(size.update.p50),
            ms(size.update.p99),
            ms(size.update.max),
            count(size.bytesPerPerson),
            (size.totalBytes / 2 ** 20).toFixed(1),
          ]),
          notes: [
            `p99 at ${count(last?.people ?? 0)} / p99 at ${count(first?.people ?? 0)}: ${ratio.toFixed(2)}× ` +
              `(target ≤ ${targetRatio}×: ${verdict(ratio, targetRatio)})`,
            `After ${warmUp} untimed updates. An update reads the person's file unless the store still`,
            "holds them in memory (it keeps recent people: nearly everyone at 100, few at 10,000 and",
            "up), then writes it durably (temp file, fsync, rename, fsync of the folder).",
          ],
        },
        engines.table,
      ],
    };
  },
};
