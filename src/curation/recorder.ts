import type { Answers } from "../core/answers.js";
import type { TurnRecorder } from "../core/recorder.js";
import type { Considered, Reply } from "../core/reply.js";
import type { Analyzer } from "../knowledge/text.js";
import type { PersonState } from "../state/index.js";
import type { ActivityLog } from "./activity.js";
import type { MissesLog } from "./misses.js";

export interface RecorderDeps {
  misses: MissesLog;
  activity: ActivityLog;
  /** The knowledge base serving now (it may be reloaded between turns). */
  answers: () => Answers;
  analyzer: () => Analyzer;
}

/** A question asked again this soon after its answer, in words much like it, was a miss. */
const rephraseWindowMs = 2 * 60_000;
/** Share of folded terms two wordings must have in common to be the same question. */
const rephraseOverlap = 0.3;

/** The person's question that got `entryId` as its answer last, from their recent turns. */
function questionAnswered(state: PersonState, entryId: string): string | undefined {
  for (let index = state.turns.length - 1; index > 0; index -= 1) {
    const turn = state.turns[index];
    const asked = state.turns[index - 1];
    if (turn?.role === "bot" && turn.entryId === entryId && asked?.role === "user") {
      return asked.text;
    }
  }
  return undefined;
}

function consideredIn(reply: Reply): Considered[] {
  if (reply.kind === "answer") return [{ id: reply.entryId, confidence: reply.confidence }];
  if (reply.kind === "fallback" || reply.kind === "clarify") return reply.considered;
  return [];
}

/** Jaccard overlap of two texts' terms as the matcher reads them. */
function overlap(analyzer: Analyzer, a: string, b: string): number {
  const left = new Set(analyzer.terms(a));
  const right = new Set(analyzer.terms(b));
  let shared = 0;
  for (const term of left) if (right.has(term)) shared += 1;
  return shared / (left.size + right.size - shared || 1);
}

export function createRecorder(deps: RecorderDeps): TurnRecorder {
  const { misses, activity } = deps;

  /** The answer before this message, when the message asks it again in other words. */
  const rephrasedAnswer = (text: string, reply: Reply, before: PersonState, now: Date) => {
    const last = before.lastAnswer;
    if (!last || now.getTime() - Date.parse(last.at) > rephraseWindowMs) return undefined;
    if (reply.kind === "answer" && (reply.followUpOf || reply.entryId === last.entryId)) {
      return undefined;
    }
    if (reply.kind !== "answer" && reply.kind !== "fallback" && reply.kind !== "clarify") {
      return undefined;
    }
    const question = questionAnswered(before, last.entryId);
    if (!question || question === text) return undefined;
    if (overlap(deps.analyzer(), question, text) < rephraseOverlap) return undefined;
    return { question, entryId: last.entryId };
  };

  // Not async, so the reply is not kept while the write waits: only its verdicts are.
  const checked: TurnRecorder["checked"] = (reply, context) => {
    if (reply.result.status !== "ok") return Promise.resolve();
    const verdicts = reply.result.programs.map((program) => program.verdict);
    return activity.add({ event: "check", verdicts }, context.now);
  };

  return {
    checked,
    async asked(speaker, text, reply, before, context) {
      const at = context.now;
      const surface = context.surface;
      if (reply.kind === "answer") await activity.add({ event: "answered" }, at);
      if (reply.kind === "clarify") await activity.add({ event: "clarified" }, at);
      if (reply.kind === "fallback") await activity.add({ event: "fell_back" }, at);
      if (reply.kind === "credit_check") await checked(reply, context);
      if (reply.kind === "fallback" || reply.kind === "clarify") {
        const kind = reply.kind === "fallback" ? "fallback" : "clarify";
        await misses.record(speaker, {
          kind,
          question: text,
          considered: reply.considered,
          surface,
          at,
        });
      }
      const rephrased = rephrasedAnswer(text, reply, before, at);
      if (rephrased) {
        // The entry it got, then the ones its rewording reached: a curator may add it to either.
        const earlier = deps.answers().reply(rephrased.question);
        const gave =
          earlier.kind === "answer" && earlier.entryId === rephrased.entryId
            ? earlier.confidence
            : 0;
        const considered = [
          { id: rephrased.entryId, confidence: gave },
          ...consideredIn(reply).filter((entry) => entry.id !== rephrased.entryId),
        ];
        await misses.record(speaker, {
          kind: "rephrased",
          question: rephrased.question,
          considered,
          surface,
          at,
        });
      }
    },
    async clicked(speaker, entryId, before, context) {
      const last = before.turns.at(-1);
      // A click on what a "Did you mean" or a fallback offered says which entry was meant.
      if (last?.role === "bot" && (last.text === "clarify" || last.text === "fallback")) {
        await misses.chosen(speaker, entryId, context.now);
      }
    },
    async voted(speaker, entryId, vote, before, context) {
      await activity.add({ event: "vote", entry: entryId, vote }, context.now);
      if (vote !== "down") return;
      const question = questionAnswered(before, entryId);
      if (!question) return;
      const again = deps.answers().reply(question);
      await misses.record(speaker, {
        kind: "thumbs_down",
        question,
        considered: consideredIn(again),
        surface: context.surface,
        at: context.now,
      });
    },
    async forget(speaker) {
      await misses.forget(speaker);
    },
    async forgetTeam(teamId) {
      await misses.forgetTeam(teamId);
    },
  };
}
