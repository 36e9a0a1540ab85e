import { type PersonState, personStateSchema, stateVersion } from "./schema.js";

export type Change = (state: PersonState) => PersonState;

/** What one read or update in a batch came to: the state just after it, or why it failed. */
export type Outcome = { value: PersonState } | { error: unknown };

export interface Limits {
  /** Turns kept per person; older ones are dropped when the state is written. */
  maxTurns: number;
  /** Feedback votes kept per person. */
  maxFeedback: number;
  now: () => Date;
}

/** A long pasted message stays readable in storage without making it large. */
const maxTurnText = 2000;

const last = <T>(items: T[], count: number) => items.slice(Math.max(0, items.length - count));

/** Bounds and stamps a changed state; throws when it does not fit the schema. */
export const sealWith =
  ({ maxTurns, maxFeedback, now }: Limits): Change =>
  (state) =>
    personStateSchema.parse({
      ...state,
      version: stateVersion,
      turns: last(state.turns, maxTurns).map((turn) =>
        turn.text.length > maxTurnText ? { ...turn, text: turn.text.slice(0, maxTurnText) } : turn,
      ),
      feedback: last(state.feedback, maxFeedback),
      updatedAt: now().toISOString(),
    });

/**
 * Runs a batch of reads (undefined) and changes on `state` in order, each on what the one before
 * left; a change that throws fails alone. `changed` says whether the result must be written.
 */
export function applyAll(
  state: PersonState,
  changes: (Change | undefined)[],
  seal: Change,
): { state: PersonState; changed: boolean; outcomes: Outcome[] } {
  let current = state;
  let changed = false;
  const outcomes = changes.map((change): Outcome => {
    if (!change) return { value: current };
    try {
      const next = change(structuredClone(current));
      // Compared by content, so a change that edits its copy in place still counts.
      if (JSON.stringify(next) === JSON.stringify(current)) return { value: current };
      current = seal(next);
      changed = true;
      return { value: current };
    } catch (error) {
      return { error };
    }
  });
  return { state: current, changed, outcomes };
}
