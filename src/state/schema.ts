import { z } from "zod";
import { inputKeys } from "../rules/types.js";

/** The shape every person's file has now; bump it and add a step in migrate.ts when it changes. */
export const stateVersion = 1;

const timestamp = z.iso.datetime();
const inputKey = z.enum(inputKeys);

export const turnSchema = z.object({
  at: timestamp,
  role: z.enum(["user", "bot"]),
  text: z.string(),
  entryId: z.string().optional(),
});

export const pendingCheckSchema = z.object({
  /** Answers as typed; "" marks a skipped key, which the rules' field parser reads as not given. */
  fields: z.partialRecord(inputKey, z.string()),
  awaiting: inputKey,
  startedAt: timestamp,
  updatedAt: timestamp,
});

export const feedbackSchema = z.object({
  entryId: z.string(),
  vote: z.enum(["up", "down"]),
  at: timestamp,
});

export const personStateSchema = z.object({
  version: z.literal(stateVersion),
  lastAnswer: z
    .object({
      entryId: z.string(),
      at: timestamp,
      /** The related questions shown under it, in order: "the first one" picks among them. */
      related: z.array(z.string()).optional(),
    })
    .nullable(),
  /**
   * The entries a "Did you mean" offered, when that was the last reply: a message typed instead
   * of a click follows up on them. Absent from files written before it was kept.
   */
  lastOffered: z
    .object({ entryIds: z.array(z.string()).min(1), at: timestamp })
    .nullable()
    .default(null),
  turns: z.array(turnSchema),
  pendingCheck: pendingCheckSchema.nullable(),
  /**
   * The check whose result was the last reply, its answers as typed: "why not the credit line?"
   * asks about it. Absent from files written before it was kept.
   */
  lastCheck: z
    .object({
      fields: pendingCheckSchema.shape.fields,
      at: timestamp,
      /** The programs it showed, when only some: its what-ifs show those. */
      programs: z.array(z.string()).optional(),
    })
    .nullable()
    .default(null),
  feedback: z.array(feedbackSchema),
  updatedAt: timestamp,
});

export type Turn = z.infer<typeof turnSchema>;
export type PendingCheck = z.infer<typeof pendingCheckSchema>;
export type Feedback = z.infer<typeof feedbackSchema>;
export type PersonState = z.infer<typeof personStateSchema>;

export function freshState(now: Date): PersonState {
  return {
    version: stateVersion,
    lastAnswer: null,
    lastOffered: null,
    turns: [],
    pendingCheck: null,
    lastCheck: null,
    feedback: [],
    updatedAt: now.toISOString(),
  };
}
