import { z } from "zod";

/** The processes the slack suite starts besides itself. */
export const roles = ["web-api", "credit-desk", "bare"] as const;
export type Role = (typeof roles)[number];

export const fromParent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stop") }),
  z.object({ type: z.literal("deliveries") }),
  /** How the app process fared since the last time it was asked. */
  z.object({ type: z.literal("health") }),
]);
export type FromParent = z.infer<typeof fromParent>;

export const deliveriesMessage = z.object({
  type: z.literal("deliveries"),
  /** chat.postMessage calls per thread_ts they replied in. */
  threadReplies: z.record(z.string(), z.number()),
  /** Posts to each response_url, by its id. */
  responseUrlPosts: z.record(z.string(), z.number()),
  /** Calls the stand-in answered with anything but 200. */
  failedCalls: z.number(),
});
export type Deliveries = z.infer<typeof deliveriesMessage>;

export const healthMessage = z.object({
  type: z.literal("health"),
  /** How late timers ran: time the event loop was blocked, acks included. */
  eventLoopDelayP99Ms: z.number(),
  eventLoopDelayMaxMs: z.number(),
  gcPauses: z.number(),
  gcTotalMs: z.number(),
  gcMaxMs: z.number(),
  /** CPU time the process used (user and system). */
  cpuMs: z.number(),
});
export type Health = z.infer<typeof healthMessage>;

export const fromChild = z.discriminatedUnion("type", [
  /** `responseUrlBase` + an id is a response_url the stand-in records (web-api only). */
  z.object({ type: z.literal("ready"), url: z.string(), responseUrlBase: z.string().optional() }),
  deliveriesMessage,
  healthMessage,
]);
export type FromChild = z.infer<typeof fromChild>;
