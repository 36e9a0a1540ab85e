import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../config.js";
import type { Answers } from "../core/answers.js";
import { loadKnowledge } from "../core/assemble.js";
import type { Reply } from "../core/reply.js";
import { readActivity } from "../curation/activity.js";
import { type MissesPlace, readOpenMisses } from "../curation/misses.js";
import { formatReview, groupMisses, reviewJson } from "../curation/review.js";
import { formatStats, periodStats } from "../curation/stats.js";
import { errorCode } from "../files/errors.js";
import { checkKnowledgeBase } from "../knowledge/check.js";
import type { Source } from "../knowledge/schema.js";
import { createAnalyzer } from "../knowledge/text.js";
import { silentLogger } from "../logger.js";
import { connectRedis } from "../redis/index.js";
import { renderPlain } from "../render/plain.js";
import {
  type CheckResult,
  checkText,
  creditCheckUsage,
  formatResultText,
  loadRules,
  type Rules,
} from "../rules/index.js";
import { isStartError } from "../start-error.js";

const usage = `Usage:
  npm run --silent cli -- ask "<question>" [--json]
  npm run --silent cli -- ask --batch [--json]            one question per line on standard input
  npm run --silent cli -- credit-check "<key=value …>" [--json]
  npm run --silent cli -- credit-check --batch [--json]   one input per line on standard input
  npm run --silent cli -- credit-check help               every key and the values it takes
  npm run --silent cli -- kb check                        validate KNOWLEDGE_DIR (takes no flags)
  npm run --silent cli -- kb review [--json]              missed questions in DATA_DIR, grouped
  npm run --silent cli -- kb stats [--json]               the last 7 and 30 days in figures
  npm run --silent cli -- --help

--json prints one JSON object per line; --batch prints one result for every input line, blank
lines included, in order.
Exit status: 0 done; 1 kb check found errors, or the configuration or knowledge base is broken;
2 a usage error like this one.

Examples:
  npm run --silent cli -- ask "what is a JBP?" --json
  npm run --silent cli -- credit-check "advertiser=direct months=8 spend=25k payments=good"`;

class UsageError extends Error {}

/** Runs `task` on where the app keeps its misses: DATA_DIR, or the Redis REDIS_URL names. */
async function withMisses<T>(config: Config, task: (place: MissesPlace) => Promise<T>): Promise<T> {
  if (config.store.engine === "embedded") return task({ dataDir: config.dataDir });
  const redis = await connectRedis({ ...config.store, logger: silentLogger });
  try {
    return await task({ redis, retentionMs: config.misses.retentionMs });
  } finally {
    await redis.close();
  }
}

interface AskJson {
  question: string;
  status: "answered" | "fallback";
  answer: {
    id: string;
    question: string;
    text: string;
    sources: { url: string; publisher: string; kind: Source["kind"]; date: string | null }[];
    /** The sources' URLs alone, for consumers written when sources held only those. */
    urls: string[];
  } | null;
  confidence: number;
  suggestions: { id: string; question: string }[];
}

function toAskJson(question: string, reply: Reply): AskJson {
  if (reply.kind === "answer") {
    return {
      question,
      status: "answered",
      answer: {
        id: reply.entryId,
        question: reply.question,
        text: reply.text,
        sources: reply.sources.map(({ url, publisher, kind, date }) => ({
          url,
          publisher,
          kind,
          date: date ?? null,
        })),
        urls: reply.sources.map((source) => source.url),
      },
      confidence: reply.confidence,
      suggestions: reply.related,
    };
  }
  // The contract has two statuses: a "Did you mean" gives no answer, and its choices are the
  // suggestions (its confidence, at or above the threshold, tells it from a plain miss).
  if (reply.kind === "clarify") {
    const { confidence, choices } = reply;
    return { question, status: "fallback", answer: null, confidence, suggestions: choices };
  }
  const suggestions =
    reply.kind === "fallback" ? reply.suggestions : reply.kind === "intro" ? reply.examples : [];
  const confidence = reply.kind === "fallback" ? reply.confidence : 0;
  return { question, status: "fallback", answer: null, confidence, suggestions };
}

/** The check result as the CLI contract has it: each program's sources as their URLs. */
const checkJson = (result: CheckResult) => ({
  ...result,
  programs: result.programs.map((program) => ({
    ...program,
    sources: program.sources.map((source) => source.url),
  })),
});

async function* inputLines(): AsyncGenerator<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  // Every line gets its result, blank ones too, so output line N always answers input line N.
  yield* lines;
}

async function eachInput(
  positionals: string[],
  batch: boolean,
  handle: (text: string) => void,
): Promise<void> {
  if (batch) {
    if (positionals.length > 0) throw new UsageError("--batch reads standard input; give no text");
    for await (const line of inputLines()) handle(line);
    return;
  }
  if (positionals.length === 0) throw new UsageError("give the text to read after the command");
  // Unquoted, the shell splits the text into words: they are read as the one text they were.
  handle(positionals.join(" "));
}

const print = (text: string) => process.stdout.write(`${text}\n`);

function formatCheckReply(rules: Rules) {
  return (reply: Reply & { kind: "credit_check" }) => formatResultText(reply.result, rules);
}

async function ask(answers: Answers, rules: Rules, args: string[], json: boolean, batch: boolean) {
  await eachInput(args, batch, (question) => {
    const reply = answers.reply(question);
    print(
      json
        ? JSON.stringify(toAskJson(question, reply))
        : renderPlain(reply, formatCheckReply(rules)),
    );
  });
}

async function creditCheck(rules: Rules, args: string[], json: boolean, batch: boolean) {
  await eachInput(args, batch, (text) => {
    const result = checkText(text, rules);
    print(json ? JSON.stringify(checkJson(result)) : formatResultText(result, rules));
  });
}

type Command = "ask" | "credit-check" | "credit-check help" | "kb check" | "kb review" | "kb stats";

/** The command the arguments ask for; a usage error before any configuration is read. */
function pickCommand(positionals: string[], json: boolean, batch: boolean): Command {
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError("no command given");
  if (command === "kb") {
    const [sub, ...extra] = rest;
    if (extra.length > 0 || (sub !== "check" && sub !== "review" && sub !== "stats")) {
      throw new UsageError(
        `unknown command "${positionals.join(" ")}": the kb commands are kb check, kb review and kb stats`,
      );
    }
    if (sub === "review" || sub === "stats") {
      if (batch) throw new UsageError(`--batch does not apply to kb ${sub}`);
      return `kb ${sub}`;
    }
    if (json || batch) {
      const flags = [json ? ["--json"] : [], batch ? ["--batch"] : []].flat();
      const verb = flags.length === 1 ? "does" : "do";
      throw new UsageError(
        `${flags.join(" and ")} ${verb} not apply to kb check; it takes no flags`,
      );
    }
    return "kb check";
  }
  if (command === "credit-check" && rest.length === 1 && rest[0] === "help" && !json && !batch) {
    return "credit-check help";
  }
  if (command === "ask" || command === "credit-check") return command;
  throw new UsageError(`unknown command "${command}"`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean" }, batch: { type: "boolean" }, help: { type: "boolean" } },
  });
  if (values.help) {
    print(usage);
    return 0;
  }
  const json = values.json ?? false;
  const batch = values.batch ?? false;
  const command = pickCommand(positionals, json, batch);
  const rest = positionals.slice(1);
  if (command === "credit-check help") {
    print(creditCheckUsage);
    print(
      '\nHere, give the key=value text after credit-check, in quotes when it holds a $: credit-check "months=8 spend=$25k"',
    );
    return 0;
  }
  const config = loadConfig();
  if (command === "kb check") {
    const { engine } = await loadKnowledge(config);
    const report = await checkKnowledgeBase(engine.kb, engine.matcher, {
      now: new Date(),
      staleDays: config.kbStaleDays,
      knowledgeDir: config.knowledgeDir,
    });
    for (const warning of report.warnings) print(`warning: ${warning}`);
    for (const error of report.errors) print(`error: ${error}`);
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
    print(
      `${engine.kb.entries.length} entries: ${count(report.errors.length, "error")}, ${count(report.warnings.length, "warning")}`,
    );
    return report.errors.length > 0 ? 1 : 0;
  }
  if (command === "kb review") {
    const [{ engine }, misses] = await Promise.all([
      loadKnowledge(config),
      withMisses(config, readOpenMisses),
    ]);
    const groups = groupMisses(misses, createAnalyzer(engine.kb.vocabulary), engine.kb);
    print(json ? JSON.stringify(reviewJson(groups)) : formatReview(groups));
    return 0;
  }
  if (command === "kb stats") {
    const now = new Date();
    const [{ engine }, misses, events] = await Promise.all([
      loadKnowledge(config),
      withMisses(config, readOpenMisses),
      readActivity(config.dataDir, new Date(now.getTime() - 30 * 24 * 3600_000)),
    ]);
    const groups = groupMisses(misses, createAnalyzer(engine.kb.vocabulary), engine.kb);
    const periods = [7, 30].map((days) => periodStats(events, groups, now, days));
    print(json ? JSON.stringify({ periods }) : periods.flatMap(formatStats).join("\n"));
    return 0;
  }
  if (command === "ask") {
    const { engine, rules } = await loadKnowledge(config);
    await ask(engine.answers, rules, rest, json, batch);
    return 0;
  }
  await creditCheck(await loadRules(config.knowledgeDir), rest, json, batch);
  return 0;
}

// A reader that stops early (`| head -1`) closes the pipe: the output it wanted is out, so stop
// quietly, reading no more input, as other command-line tools do.
process.stdout.on("error", (error) => {
  if (errorCode(error) === "EPIPE") process.exit(0);
  process.stderr.write(`Cannot write the output: ${error.message}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
      process.stderr.write(`${error.message}\n\n${usage}\n`);
      process.exitCode = 2;
    } else if (isStartError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
