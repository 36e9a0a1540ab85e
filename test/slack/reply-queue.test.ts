import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createReplyLanes, createReplyQueue } from "../../src/slack/reply-queue.js";

/** A job that records when it starts and ends, and finishes when told to. */
function controlledJob(log: string[], name: string) {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    finish: () => finish(),
    job: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
  };
}

/** Lets the event loop go round a few times, so queued replies that can start do. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("the reply queue", () => {
  it("works on at most `concurrency` replies at once, in arrival order", async () => {
    const log: string[] = [];
    const queue = createReplyQueue({ concurrency: 2, slotMs: 60_000, maxUnderWay: 8 });
    const jobs = ["a", "b", "c", "d"].map((name) => controlledJob(log, name));
    const results = jobs.map(({ job }) => queue.run(job));
    await settle();
    expect(log).toEqual(["start a", "start b"]);

    jobs[1]?.finish();
    await results[1];
    await settle();
    expect(log).toEqual(["start a", "start b", "end b", "start c"]);

    for (const { finish } of jobs) finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
  });

  it("passes a failure to its own caller and goes on with the next reply", async () => {
    const queue = createReplyQueue({ concurrency: 1, slotMs: 60_000, maxUnderWay: 8 });
    const failing = queue.run(() => Promise.reject(new Error("chat.postMessage failed")));
    const next = queue.run(async () => "answered");
    await expect(failing).rejects.toThrow("chat.postMessage failed");
    expect(await next).toBe("answered");
  });

  it("turns a job that throws before it awaits anything into its caller's failure", async () => {
    const queue = createReplyQueue({ concurrency: 1, slotMs: 60_000, maxUnderWay: 8 });
    const failing = queue.run((): Promise<string> => {
      throw new Error("render failed");
    });
    const next = queue.run(async () => "answered");
    await expect(failing).rejects.toThrow("render failed");
    expect(await next).toBe("answered");
  });

  it("lets the next reply start when one is still waiting on Slack after its slot time", async () => {
    const log: string[] = [];
    const queue = createReplyQueue({ concurrency: 1, slotMs: 50, maxUnderWay: 8 });
    const stuck = controlledJob(log, "rate-limited");
    const stuckResult = queue.run(stuck.job);
    const next = queue.run(async () => {
      log.push("next reply");
      return "answered";
    });
    expect(await next).toBe("answered");
    expect(log).toEqual(["start rate-limited", "next reply"]);

    stuck.finish();
    expect(await stuckResult).toBe("rate-limited");
    // Its late end does not free a second place: one reply at a time still holds.
    const later = [controlledJob(log, "x"), controlledJob(log, "y")];
    const laterResults = later.map(({ job }) => queue.run(job));
    await settle();
    expect(log.slice(-1)).toEqual(["start x"]);
    for (const { finish } of later) finish();
    await Promise.all(laterResults);
  });

  it("keeps no more than maxUnderWay replies under way, slow ones included", async () => {
    const log: string[] = [];
    const queue = createReplyQueue({ concurrency: 1, slotMs: 20, maxUnderWay: 2 });
    const jobs = ["a", "b", "c"].map((name) => controlledJob(log, name));
    const results = jobs.map(({ job }) => queue.run(job));
    await new Promise((resolve) => setTimeout(resolve, 150));
    // a and b each gave up their place after 20 ms, but two are under way: c waits.
    expect(log).toEqual(["start a", "start b"]);
    jobs[0]?.finish();
    await results[0];
    await settle();
    expect(log).toEqual(["start a", "start b", "end a", "start c"]);
    for (const { finish } of jobs) finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
  });

  it("serves a request that arrived during one reply before it starts the next", async () => {
    const order: string[] = [];
    const server = createServer((_req, res) => {
      order.push("request served");
      res.end("ok");
    });
    servers.push(server);
    const accepted = new Promise((resolve) => server.once("connection", resolve));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("no port");
    const socket = connect(address.port, "127.0.0.1");
    await accepted;
    const answered = new Promise((resolve) => socket.once("data", resolve));

    const queue = createReplyQueue({ concurrency: 1, slotMs: 60_000, maxUnderWay: 8 });
    const first = queue.run(async () => {
      order.push("reply 1");
      // The request arrives while this reply keeps the event loop busy.
      socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      const until = Date.now() + 20;
      while (Date.now() < until);
    });
    const second = queue.run(async () => {
      order.push("reply 2");
    });
    await Promise.all([answered, first, second]);
    socket.destroy();
    expect(order).toEqual(["reply 1", "request served", "reply 2"]);
  });

  it("refuses a concurrency or a cap of 0 when it is made, not when nothing ever runs", () => {
    expect(() => createReplyQueue({ concurrency: 0, slotMs: 2_000, maxUnderWay: 8 })).toThrow(
      TypeError,
    );
    expect(() => createReplyLanes({ concurrency: 2, slotMs: 2_000, maxUnderWay: 0 })).toThrow(
      TypeError,
    );
  });
});

describe("the reply lanes", () => {
  it("keep a lane's replies waiting on Slack from holding up another lane's", async () => {
    const log: string[] = [];
    const lanes = createReplyLanes({ concurrency: 1, slotMs: 60_000, maxUnderWay: 1 });
    const stuck = controlledJob(log, "post");
    const stuckResult = lanes.run("chat.postMessage", stuck.job);
    const queuedPost = lanes.run("chat.postMessage", async () => log.push("second post"));
    const ephemeral = lanes.run("response_url", async () => {
      log.push("ephemeral result");
      return "shown";
    });
    expect(await ephemeral).toBe("shown");
    expect(log).toEqual(["start post", "ephemeral result"]);
    stuck.finish();
    await Promise.all([stuckResult, queuedPost]);
    expect(log).toEqual(["start post", "ephemeral result", "end post", "second post"]);
  });
});
