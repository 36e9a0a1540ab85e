import { mkdir, readFile, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, totalmem } from "node:os";
import { dirname } from "node:path";
import { accuracySuite } from "./accuracy.js";
import { matchSuite } from "./match.js";
import { resultsFile } from "./paths.js";
import { renderTable, type Suite } from "./report.js";
import { slackSuite } from "./slack.js";
import { stateSuite } from "./state.js";

const suites: Suite[] = [matchSuite, slackSuite, stateSuite, accuracySuite];

const usage = `Usage: npm run bench [-- <suite>]

Runs every benchmark suite, or only the one named, prints a table per suite and writes the figures
to bench/results.json (suites not run keep their previous figures there).

Suites:
${suites.map((suite) => `  ${suite.name.padEnd(9)} ${suite.summary}`).join("\n")}`;

const machine = () => ({
  cpu: cpus()[0]?.model.trim() ?? "unknown",
  cores: availableParallelism(),
  memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
});

async function previousSuites(): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(resultsFile, "utf8"));
    if (typeof parsed === "object" && parsed !== null && "suites" in parsed) {
      const { suites: previous } = parsed;
      if (typeof previous === "object" && previous !== null) return { ...previous };
    }
  } catch {
    // No earlier results, or unreadable ones: start afresh.
  }
  return {};
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const chosen = args.length === 0 ? suites : suites.filter((suite) => suite.name === args[0]);
  if (args.length > 1 || chosen.length === 0) {
    process.stderr.write(
      `${args.length > 1 ? "Too many arguments" : `Unknown suite "${args[0]}"`}\n\n${usage}\n`,
    );
    return 2;
  }

  const started = performance.now();
  const stamp = { date: new Date().toISOString(), machine: machine() };
  const results = await previousSuites();
  process.stdout.write(
    `Credit Desk benchmarks, ${stamp.date}\n${stamp.machine.cpu}, ${stamp.machine.cores} cores, ` +
      `${stamp.machine.memoryGb} GB, Node ${stamp.machine.node} (${stamp.machine.platform})\n\n`,
  );
  for (const suite of chosen) {
    const suiteStarted = performance.now();
    const progress = (message: string) => process.stderr.write(`  [${suite.name}] ${message}\n`);
    const result = await suite.run(progress);
    const seconds = Math.round((performance.now() - suiteStarted) / 100) / 10;
    for (const table of result.tables) process.stdout.write(`${renderTable(table)}\n\n`);
    results[suite.name] = { ...stamp, seconds, ...result.figures };
  }

  await mkdir(dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify({ ...stamp, suites: results }, null, 2)}\n`);
  const total = Math.round((performance.now() - started) / 1000);
  process.stdout.write(`Done in ${total} s. Figures written to bench/results.json.\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
