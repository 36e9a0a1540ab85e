/**
 * Child process for the crash test: updates a few people as fast as it can and prints
 * "<person> <n>" to stdout only after update n was acknowledged, until it is killed.
 */
import { createLogger } from "../../../src/logger.js";
import { openStateStore } from "../../../src/state/index.js";

const [dataDir, peopleArg] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: write-loop.ts <dataDir> <people>");
const store = await openStateStore({ dataDir, logger: createLogger({ level: "warn" }) });

async function loop(person: number): Promise<never> {
  const speaker = { teamId: "T1", userId: `U${person}` };
  const start = (await store.get(speaker)).feedback.length;
  for (let n = start + 1; ; n += 1) {
    await store.update(speaker, (state) => ({
      ...state,
      lastAnswer: { entryId: `entry-${n}`, at: state.updatedAt },
      turns: [
        ...state.turns,
        { at: state.updatedAt, role: "user", text: `message ${n} `.repeat(40) },
      ],
      feedback: [...state.feedback, { entryId: `entry-${n}`, vote: "up", at: state.updatedAt }],
    }));
    process.stdout.write(`${person} ${n}\n`);
  }
}

await Promise.all(Array.from({ length: Number(peopleArg ?? "8") }, (_, person) => loop(person)));
