import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { botToken } from "../slack/support/harness.js";
import { commandFields, envelope, mention } from "../slack/support/payloads.js";
import { sign, signingSecret } from "../slack/support/requests.js";
import { startRedis } from "../support/redis.js";
import { evaluationSet, knowledgeDir } from "./paths.js";
import { count, ms, type Suite, type Table, verdict } from "./report.js";
import {
  type Deliveries,
  type FromChild,
  type FromParent,
  fromChild,
  type Health,
  type Role,
} from "./slack-protocol.js";
import { type Latency, round, summarize } from "./stats.js";

const childScript = fileURLToPath(new URL("./slack-child.ts", import.meta.url));

/** Requests in flight at any time, for both apps and both kinds of request. */
const connections = 10;
/**
 * The two apps take turns, round by round, so a slow moment of the machine falls on both rather
 * than on one app's whole run; each figure is over the samples of every round.
 */
const rounds = 3;
/**
 * Requests per app, kind and round. Flat out, p99 is set by garbage-collection pauses, each of
 * which delays the ten requests in flight: with 1,000 checks a round, p99 rested on the 30 slowest
 * of 3,000, that is on three or four pauses, and runs of the same code gave ratios from 1.05× to
 * 1.83×. 4,000 a round puts about fifteen pauses under it, for a few seconds more per run.
 *
 * The warm-up runs each app to its steady state before the rounds. V8 compiles a function to fast
 * code only after it has run many times, and a check runs far more of Credit Desk's code than the
 * bare app's ack does: after 200 checks, Credit Desk's p99 over the next 4,000 was 17.8 to
 * 20.3 ms against 9.6 to 10.6 ms after 3,000 (the server pinned to one core; the bare app's 13.4
 * to 13.8 against 12.6 to 13.0), so a round 1 measured that early timed the compiler as much as
 * the app. A server that runs for hours spends all but its first seconds warm; the warm-up's own
 * acks are reported as the cold start, beside the rounds.
 */
const load = {
  events: { warmUp: 1_000, measured: 1_700 },
  commands: { warmUp: 3_000, measured: 4_000 },
};
/**
 * The same requests again at a steady rate: well above what Slack sends one workspace (at most
 * 30,000 events an hour, about 8 a second), yet below what either app can take, so acks are
 * timed without a backlog of replies competing for the two cores. autocannon, asked for this
 * rate over 10 connections, sends somewhat more (about 220 a second here); the table shows it.
 */
const paced = { rate: 150, measured: 450 };
/** People the requests come from, so state is kept for many, as in a real workspace. */
const people = 500;
/** Credit Desk's p99 ack must stay within this multiple of the bare app's. */
const targetRatio = 1.25;
const checks = [
  "advertiser=agency months=8 spend=40k payments=good partner=yes",
  "advertiser=direct months=8 spend=25k payments=good",
  "advertiser=agency partner=yes months=3 spend=$4,000 payments=good growth=yes",
  "advertiser=direct months=14 spend=120k payments=late",
];

interface Child {
  ready: Extract<FromChild, { type: "ready" }>;
  ask(message: FromParent): Promise<FromChild>;
  stop(): Promise<void>;
  /** Warning and error lines the process logged. */
  problems: string[];
}

async function startChild(role: Role, env: Record<string, string>): Promise<Child> {
  const child: ChildProcess = fork(childScript, [role], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const problems: string[] = [];
  let stderrTail = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4_000);
    for (const line of chunk.split("\n")) {
      if (/ (WARN|ERROR) /.test(line) && problems.length < 20) problems.push(line);
    }
  });
  const waiting: { resolve: (message: FromChild) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | undefined;
  child.on("message", (raw: unknown) => waiting.shift()?.resolve(fromChild.parse(raw)));
  child.once("exit", (code) => {
    exited = new Error(`${role} process exited (${code}):\n${stderrTail}`);
    for (const pending of waiting.splice(0)) pending.reject(exited);
  });
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      if (exited) reject(exited);
      else waiting.push({ resolve, reject });
    });

  const ready = await next();
  if (ready.type !== "ready") throw new Error(`${role} process did not start`);
  return {
    ready,
    problems,
    ask(message) {
      const reply = next();
      child.send(message);
      return reply;
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      const stuck = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.send({ type: "stop" });
      await gone;
      clearTimeout(stuck);
    },
  };
}

interface RequestBody {
  body: string;
  contentType: "application/json" | "application/x-www-form-urlencoded";
}

/** One burst of requests as the load generator saw it. */
interface Shot {
  latencies: number[];
  seconds: number;
  failed: number;
}

/** All the shots of one app, kind and load, taken together. */
interface Run {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  ack: Latency;
  /** Non-2xx answers, errors and timeouts. */
  failed: number;
}

/** What each kind of request is built from, and what is done with each answer's body. */
interface Requests {
  build: () => RequestBody;
  /** Every answer's body, also the bare app's, so both load generators do the same work. */
  answered: (body: string) => void;
}

/**
 * Fires `amount` requests at fixed concurrency, flat out or at `rate` a second, each signed as
 * Slack signs it when it is sent.
 */
async function fire(
  url: string,
  amount: number,
  { build, answered }: Requests,
  rate?: number,
  over = connections,
): Promise<Shot> {
  const latencies: number[] = [];
  const started = performance.now();
  let finished = started;
  const instance = autocannon({
    url: `${url}/slack/events`,
    connections: over,
    amount,
    ...(rate ? { overallRate: rate } : {}),
    timeout: 10,
    sampleInt: 10,
    requests: [
      {
        method: "POST",
        setupRequest(request) {
          const { body, contentType } = build();
          const timestamp = Math.floor(Date.now() / 1000);
          return {
            ...request,
            body,
            headers: {
              "content-type": contentType,
              "x-slack-request-timestamp": String(timestamp),
              "x-slack-signature": sign(signingSecret, timestamp, body),
            },
          };
        },
        onResponse(_status, body) {
          answered(body);
        },
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, responseTimeMs) => {
    latencies.push(responseTimeMs);
    finished = performance.now();
  });
  const result = await instance;
  return {
    latencies,
    seconds: (finished - started) / 1000,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** What was sent, so the stand-in's record can be checked against it. */
interface Sent {
  /** The ts of every mention: Credit Desk replies in its thread. */
  threads: Set<string>;
  /** The id in every command's response_url. */
  commands: Set<string>;
  /** Commands whose ack carried their result (a check run in a channel answers in its ack). */
  answeredInAck: number;
}

/** An ack holding a `/credit-check` result, as Credit Desk answers a check run in a channel. */
const isCheckResult = (body: string) =>
  body.includes('"response_type":"ephemeral"') && body.includes('"text":"Credit check: ');

function requestFactory(responseUrlBase: string, sent: Sent) {
  const set = evaluationSet();
  const questions = [...set.inScope, ...set.offTopic].map((item) => item.q);
  let n = 0;
  const person = () => `U0P${(n % people).toString().padStart(4, "0")}`;
  const ignore = () => {};
  return {
    events: { build: events, answered: ignore },
    commands: {
      build: commands,
      answered: (body: string) => {
        if (isCheckResult(body)) sent.answeredInAck++;
      },
    },
  };

  function events(): RequestBody {
    n++;
    const ts = `${1_770_000_000 + n}.000100`;
    sent.threads.add(ts);
    const event = { ...mention(questions[n % questions.length] ?? "", { ts }), user: person() };
    return { body: JSON.stringify(envelope(event, `EvB${n}`)), contentType: "application/json" };
  }

  function commands(): RequestBody {
    n++;
    const id = `cmd-${n}`;
    sent.commands.add(id);
    const fields = {
      ...commandFields(checks[n % checks.length] ?? "", {
        responseUrl: `${responseUrlBase}${id}`,
      }),
      user_id: person(),
    };
    return {
      body: new URLSearchParams(fields).toString(),
      contentType: "application/x-www-form-urlencoded",
    };
  }
}

interface ReplyCheck {
  expected: number;
  replied: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  failedApiCalls: number;
}

function checkReplies(sent: Sent, seen: Deliveries): ReplyCheck {
  const compare = (expected: Set<string>, counts: Record<string, number>) => {
    let lost = 0;
    let duplicated = 0;
    for (const key of expected) {
      const times = counts[key] ?? 0;
      if (times === 0) lost++;
      if (times > 1) duplicated++;
    }
    const unexpected = Object.keys(counts).filter((key) => !expected.has(key)).length;
    const replied = Object.values(counts).reduce((sum, times) => sum + times, 0);
    return { lost, duplicated, unexpected, replied };
  };
  const threads = compare(sent.threads, seen.threadReplies);
  const followed = compare(sent.commands, seen.responseUrlPosts);
  // A command answered in its ack has no post to its response_url: not lost.
  const commands = {
    ...followed,
    lost: Math.max(0, followed.lost - sent.answeredInAck),
    replied: followed.replied + sent.answeredInAck,
  };
  return {
    expected: sent.threads.size + sent.commands.size,
    replied: threads.replied + commands.replied,
    lost: threads.lost + commands.lost,
    duplicated: threads.duplicated + commands.duplicated,
    unexpected: threads.unexpected + commands.unexpected,
    failedApiCalls: seen.failedCalls,
  };
}

/** Waits until every request sent so far has its reply, or replies stop arriving for a while. */
async function drain(webApi: Child, sent: Sent): Promise<ReplyCheck> {
  const quietMs = 3_000;
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const seen = await webApi.ask({ type: "deliveries" });
    if (seen.type !== "deliveries") throw new Error("unexpected answer from the stand-in");
    const check = checkReplies(sent, seen);
    if (check.lost === 0) return check;
    if (check.replied !== last) {
      last = check.replied;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > quietMs) {
      return check;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Kind = "events" | "commands";
const kinds: Kind[] = ["events", "commands"];
const requestName = (kind: Kind) => (kind === "events" ? "app_mention" : "/credit-check");
type Pace = "flatOut" | "paced";
const paces: Pace[] = ["flatOut", "paced"];
const paceName = (pace: Pace) => (pace === "flatOut" ? "flat out" : "paced");

type ProcessFigures = Omit<Health, "type">;
type TakenShot = Shot & { process: ProcessFigures };
/** What one app did for one kind of request at one pace, over every round. */
type Phase = Run & { process: ProcessFigures };

interface AppFigures {
  app: string;
  phases: Record<Pace, Record<Kind, Phase>>;
  /** Each round's p99 ack on its own, in the order the rounds ran. */
  rounds: Record<Pace, Record<Kind, number[]>>;
  /** The p99 ack of the warm-up, the first requests after the app started. */
  coldP99: Record<Kind, number>;
  replies?: ReplyCheck;
  /** Warning and error lines the app logged under load (none expected). */
  problems: string[];
}

async function health(app: Child): Promise<ProcessFigures> {
  const answer = await app.ask({ type: "health" });
  if (answer.type !== "health") throw new Error("unexpected answer from the app process");
  const { type: _type, ...figures } = answer;
  return figures;
}

/** One app under test with its own Web API stand-in and data folder. */
interface Subject {
  /** Fires one burst and keeps it with the app process's figures, replies included. */
  shoot(kind: Kind, pace: Pace): Promise<void>;
  /** Every burst so far, per pace and kind, once the last replies are in. */
  finish(): Promise<AppFigures>;
  stop(): Promise<void>;
}

/** What an app under test is started with: HTTP mode, its stand-in, its own DATA_DIR. */
const appEnv = (webApiUrl: string, dataDir: string) => ({
  SLACK_BOT_TOKEN: botToken,
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: webApiUrl,
  PORT: "0",
  DATA_DIR: dataDir,
  KNOWLEDGE_DIR: knowledgeDir,
});

async function startSubject(role: "credit-desk" | "bare"): Promise<Subject> {
  const dataDir = await mkdtemp(join(tmpdir(), `credit-desk-bench-${role}-`));
  const webApi = await startChild("web-api", {});
  const app = await startChild(role, appEnv(webApi.ready.url, dataDir)).catch(
    async (error: unknown) => {
      await webApi.stop();
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
  const sent: Sent = { threads: new Set(), commands: new Set(), answeredInAck: 0 };
  const replies = role === "credit-desk";
  const make = requestFactory(webApi.ready.responseUrlBase ?? "", sent);
  // Each burst starts once the replies to the one before are all out, so it is measured alone.
  const settle = () => (replies ? drain(webApi, sent) : undefined);
  const shots: Record<Pace, Record<Kind, TakenShot[]>> = {
    flatOut: { events: [], commands: [] },
    paced: { events: [], commands: [] },
  };

  const stop = async () => {
    await app.stop();
    await webApi.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  let cold: Record<Kind, number>;
  try {
    const events = await fire(app.ready.url, load.events.warmUp, make.events);
    await settle();
    const commands = await fire(app.ready.url, load.commands.warmUp, make.commands);
    cold = { events: summarize(events.latencies).p99, commands: summarize(commands.latencies).p99 };
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    async shoot(kind, pace) {
      await settle();
      await health(app);
      const shot =
        pace === "flatOut"
          ? await fire(app.ready.url, load[kind].measured, make[kind])
          : await fire(app.ready.url, paced.measured, make[kind], paced.rate);
      // The app's figures include the replies it finishes after the last ack.
      await settle();
      shots[pace][kind].push({ ...shot, process: await health(app) });
    },
    async finish() {
      const check = await settle();
      const combined = (pace: Pace) => ({
        events: combine(shots[pace].events),
        commands: combine(shots[pace].commands),
      });
      const roundP99s = (pace: Pace) => ({
        events: shots[pace].events.map((shot) => summarize(shot.latencies).p99),
        commands: shots[pace].commands.map((shot) => summarize(shot.latencies).p99),
      });
      return {
        app: role === "bare" ? "bare Bolt app" : "Credit Desk",
        phases: { flatOut: combined("flatOut"), paced: combined("paced") },
        rounds: { flatOut: roundP99s("flatOut"), paced: roundP99s("paced") },
        coldP99: cold,
        ...(check ? { replies: check } : {}),
        problems: app.problems,
      };
    },
    stop,
  };
}

function combine(shots: TakenShot[]): Phase {
  const latencies = shots.flatMap((shot) => shot.latencies);
  const seconds = shots.reduce((sum, shot) => sum + shot.seconds, 0);
  const sum = (of: (figures: ProcessFigures) => number) =>
    round(shots.reduce((total, shot) => total + of(shot.process), 0));
  const max = (of: (figures: ProcessFigures) => number) =>
    Math.max(0, ...shots.map((shot) => of(shot.process)));
  return {
    requests: latencies.length,
    seconds: round(seconds, 2),
    requestsPerSecond: round(latencies.length / seconds, 0),
    ack: summarize(latencies),
    failed: shots.reduce((total, shot) => total + shot.failed, 0),
    process: {
      eventLoopDelayP99Ms: max((figures) => figures.eventLoopDelayP99Ms),
      eventLoopDelayMaxMs: max((figures) => figures.eventLoopDelayMaxMs),
      gcPauses: sum((figures) => figures.gcPauses),
      gcTotalMs: sum((figures) => figures.gcTotalMs),
      gcMaxMs: max((figures) => figures.gcMaxMs),
      cpuMs: sum((figures) => figures.cpuMs),
    },
  };
}

/** Both apps, their turns interleaved round by round (which goes first alternates). */
async function measureBoth(progress: (message: string) => void): Promise<AppFigures[]> {
  progress("starting and warming up both apps");
  const subjects: Subject[] = [];
  try {
    subjects.push(await startSubject("bare"));
    subjects.push(await startSubject("credit-desk"));
    for (let round = 1; round <= rounds; round++) {
      progress(`round ${round} of ${rounds}`);
      const turns = round % 2 === 1 ? subjects : [...subjects].reverse();
      for (const pace of paces) {
        for (const kind of kinds) {
          for (const subject of turns) await subject.shoot(kind, pace);
        }
      }
    }
    return await Promise.all(subjects.map((subject) => subject.finish()));
  } finally {
    for (const subject of subjects) await subject.stop();
  }
}

/** One instance against two on one Redis: mentions flat out, split evenly between the instances. */
const scaleOut = { warmUp: 300, measured: 2_000, rounds: 2, instances: [1, 2] };

interface ScaleOutFigures {
  instances: number;
  run: Run;
  replies: ReplyCheck;
}

/**
 * Credit Desk on Redis as one instance and as two (each its own process and DATA_DIR, one Redis
 * server, one Web API stand-in), taking turns: the load generator's connections are split
 * between the instances, as a load balancer would, and the figures are over every round.
 */
async function measureInstances(progress: (message: string) => void): Promise<ScaleOutFigures[]> {
  progress("one instance against two on Redis");
  const redis = await startRedis();
  const dataDirs: string[] = [];
  const started: Child[] = [];
  try {
    const webApi = await startChild("web-api", {});
    started.push(webApi);
    const sent: Sent = { threads: new Set(), commands: new Set(), answeredInAck: 0 };
    const make = requestFactory(webApi.ready.responseUrlBase ?? "", sent);
    const setups: { instances: number; urls: string[]; shots: Shot[] }[] = [];
    for (const instances of scaleOut.instances) {
      const urls: string[] = [];
      for (let index = 0; index < instances; index++) {
        const dataDir = await mkdtemp(join(tmpdir(), "credit-desk-bench-instance-"));
        dataDirs.push(dataDir);
        const app = await startChild("credit-desk", {
          ...appEnv(webApi.ready.url, dataDir),
          REDIS_URL: redis.url,
          REDIS_KEY_PREFIX: `bench-${instances}:`,
        });
        started.push(app);
        urls.push(app.ready.url);
      }
      setups.push({ instances, urls, shots: [] });
    }
    const shoot = async (urls: string[], amount: number) => {
      const begun = performance.now();
      const shots = await Promise.all(
        urls.map((url) =>
          fire(url, amount / urls.length, make.events, undefined, connections / urls.length),
        ),
      );
      return {
        latencies: shots.flatMap((shot) => shot.latencies),
        seconds: (performance.now() - begun) / 1000,
        failed: shots.reduce((sum, shot) => sum + shot.failed, 0),
      };
    };
    for (const setup of setups) await shoot(setup.urls, scaleOut.warmUp);
    for (let round = 1; round <= scaleOut.rounds; round++) {
      const turns = round % 2 === 1 ? setups : [...setups].reverse();
      for (const setup of turns) {
        await drain(webApi, sent);
        setup.shots.push(await shoot(setup.urls, scaleOut.measured));
      }
    }
    const replies = await drain(webApi, sent);
    return setups.map((setup) => {
      const latencies = setup.shots.flatMap((shot) => shot.latencies);
      const seconds = setup.shots.reduce((sum, shot) => sum + shot.seconds, 0);
      return {
        instances: setup.instances,
        run: {
          requests: latencies.length,
          seconds: round(seconds, 2),
          requestsPerSecond: round(latencies.length / seconds, 0),
          ack: summarize(latencies),
          failed: setup.shots.reduce((sum, shot) => sum + shot.failed, 0),
        },
        replies,
      };
    });
  } finally {
    for (const child of started.reverse()) await child.stop();
    await redis.stop();
    for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true });
  }
}

function instancesTable(figures: ScaleOutFigures[]): Table {
  const replies = figures[0]?.replies;
  return {
    title:
      `slack: one instance against two on one Redis, app_mention flat out over ${connections} ` +
      `connections split between the instances, ${scaleOut.rounds} interleaved rounds; ack latency (ms)`,
    columns: ["instances", "requests", "p50", "p99", "req/s", "failed"],
    rows: figures.map(({ instances, run }) => [
      String(instances),
      count(run.requests),
      ms(run.ack.p50),
      ms(run.ack.p99),
      count(run.requestsPerSecond),
      count(run.failed),
    ]),
    notes: [
      replies
        ? `replies in the stand-in: ${count(replies.replied)} for ${count(replies.expected)} requests ` +
          `(warm-up included); lost ${replies.lost}, duplicated ${replies.duplicated}: ` +
          `${replies.lost + replies.duplicated + replies.unexpected === 0 ? "pass" : "miss"}`
        : "replies: not checked",
      "Each request is recorded in the Redis stream before its ack. Every instance, the stand-in,",
      "the load generator and redis-server share the machine's cores: two instances add",
      "throughput only where the cores are not already busy.",
    ],
  };
}

export const slackSuite: Suite = {
  name: "slack",
  summary: "ack latency and throughput of the app in HTTP mode under load, against a bare Bolt app",
  async run(progress) {
    const [bare, creditDesk] = await measureBoth(progress);
    const instances = await measureInstances(progress);
    if (!bare || !creditDesk) throw new Error("an app was not measured");
    const ratio = (pace: Pace, kind: Kind) =>
      round(creditDesk.phases[pace][kind].ack.p99 / bare.phases[pace][kind].ack.p99, 2);
    const roundRatios = (kind: Kind) =>
      creditDesk.rounds.flatOut[kind].map((p99, index) =>
        round(p99 / (bare.rounds.flatOut[kind][index] ?? Number.NaN), 2),
      );
    const ratios = {
      flatOut: { events: ratio("flatOut", "events"), commands: ratio("flatOut", "commands") },
      paced: { events: ratio("paced", "events"), commands: ratio("paced", "commands") },
    };
    const replies = creditDesk.replies;
    const rows = (figures: AppFigures) =>
      paces.flatMap((pace) =>
        kinds.map((kind) => {
          const phase = figures.phases[pace][kind];
          return [
            figures.app,
            requestName(kind),
            paceName(pace),
            count(phase.requests),
            ms(phase.ack.p50),
            ms(phase.ack.p99),
            count(phase.requestsPerSecond),
            count(phase.failed),
            (phase.process.cpuMs / phase.requests).toFixed(2),
            phase.process.eventLoopDelayP99Ms.toFixed(1),
            `${phase.process.gcMaxMs.toFixed(1)}`,
            `${count(Math.round(phase.process.gcTotalMs))}`,
          ];
        }),
      );
    const table: Table = {
      title:
        `slack: HTTP mode, ${connections} concurrent connections, signed requests, ` +
        `${rounds} interleaved rounds; ack latency (ms)`,
      columns: [
        "app",
        "request",
        "load",
        "requests",
        "p50",
        "p99",
        "req/s",
        "failed",
        "CPU/request",
        "loop delay p99",
        "GC max",
        "GC total",
      ],
      rows: [...rows(bare), ...rows(creditDesk)],
      notes: [
        ...kinds.map(
          (kind) =>
            `p99 ratio Credit Desk / bare, ${requestName(kind)}, flat out: ` +
            `${ratios.flatOut[kind].toFixed(2)}× (target ≤ ${targetRatio}×: ` +
            `${verdict(ratios.flatOut[kind], targetRatio)}; rounds alone: ` +
            `${roundRatios(kind)
              .map((value) => `${value.toFixed(2)}×`)
              .join(", ")}); paced: ${ratios.paced[kind].toFixed(2)}×`,
        ),
        ...kinds.map(
          (kind) =>
            `cold start, ${requestName(kind)}, the first ${count(load[kind].warmUp)} after start ` +
            `(the warm-up, not in the rounds): p99 ${ms(creditDesk.coldP99[kind])} ms against ` +
            `${ms(bare.coldP99[kind])} ms, ${(creditDesk.coldP99[kind] / bare.coldP99[kind]).toFixed(2)}×`,
        ),
        replies
          ? `replies in the stand-in: ${count(replies.replied)} for ${count(replies.expected)} requests ` +
            `(warm-up included); lost ${replies.lost}, duplicated ${replies.duplicated}, ` +
            `unexpected ${replies.unexpected}: ${replies.lost + replies.duplicated + replies.unexpected === 0 ? "pass" : "miss"}`
          : "replies: not checked",
        "Flat out, each connection sends its next request as soon as the last is acked: p50 is about",
        "connections ÷ req/s, so every millisecond of reply work per request shows in the acks.",
        `Paced, the load generator is asked for ${paced.rate} requests a second (req/s shows what it sent):`,
        "far above what Slack sends one workspace (at most about 8 events a second), below saturation.",
        "Load generator, apps and Web API stand-ins each run in their own process. CPU per request,",
        "loop delay and GC pauses (ms) are the app process's, replies sent after each burst included.",
        ...creditDesk.problems.slice(0, 3).map((line) => `app logged: ${line}`),
      ],
    };
    return {
      figures: {
        connections,
        rounds,
        load,
        paced,
        people,
        targetRatio,
        ratios,
        bare,
        creditDesk,
        scaleOut: { ...scaleOut, figures: instances },
      },
      tables: [table, instancesTable(instances)],
    };
  },
};
