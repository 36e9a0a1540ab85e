import { dataDirProblem } from "../files/data-dir-error.js";
import type { Logger } from "../logger.js";
import {
  type CheckResult,
  checkFields,
  checkText,
  creditCheckUsage,
  maxInputLength,
  type Rules,
} from "../rules/index.js";
import { type CheckInput, type InputKey, programIds } from "../rules/types.js";
import { type PersonState, type StateStore, StateVersionError } from "../state/index.js";
import { type Answers, type OnScreen, onScreenAfter } from "./answers.js";
import { checkFollowUp, namesProgramInFull, verdictMeaning } from "./check-follow-up.js";
import { checkSuggestion, checkUnderAnswer, focusedOn } from "./check-suggestion.js";
import {
  addedDetail,
  changedLead,
  checkAskedWith,
  checkLineOfWords,
  continueGuidedCheck,
  explainQuestion,
  isExpired,
  lineOfFields,
  resumeGuidedCheck,
  startGuidedCheck,
  supposedDetails,
  unchangedNote,
  waitingNote,
} from "./guided-check.js";
import {
  checkTypedAsMessage,
  continues,
  detectIntent,
  restartsCheck,
  saysBye,
  saysThanks,
  withoutThanks,
} from "./intents.js";
import { asksOnlyProvenance } from "./provenance.js";
import { asksSomething, ordinalPicked } from "./question-shapes.js";
import type { TurnRecorder } from "./recorder.js";
import type { NoticeReply, Reply, Speaker, TurnContext } from "./reply.js";
import type { CheckAnswer, ConversationCore, Vote } from "./types.js";

/** "what if …", "ok so what if …": a supposition, even when it names a program in full. */
const supposesFirst = /^((ok|okay|so|and|but|hmm|wait|right)[,.!]*\s+)*what if\b/i;

export interface CoreSettings {
  followUpWindowMs: number;
  checkExpiryMs: number;
}

export interface CoreDeps {
  /** Read at every turn, so a reloaded knowledge base answers the next question. */
  readonly answers: Answers;
  /** Read at every turn, like `answers`. */
  readonly rules: Rules;
  store: StateStore;
  logger: Logger;
  settings: CoreSettings;
  recorder?: TurnRecorder;
}

const notice = (event: NoticeReply["event"], text: string): NoticeReply => ({
  kind: "notice",
  event,
  text,
});

const forgotten = notice(
  "forgotten",
  "Done: I have deleted everything I stored about you (our conversation, your feedback and any unfinished credit check).",
);

const channelCheckHint = notice(
  "check_help",
  "I can walk you through a credit check in a direct message with me, or run it right here with " +
    "`/credit-check advertiser=agency months=8 spend=40k payments=good` (type `/credit-check help` for every option).",
);

/** A check typed as a message, "credit-check advertiser=direct …": the command to send instead. */
const typedCheckHint = (details: string) =>
  notice(
    "check_help",
    "That looks like a credit check. Send it as the slash command and I'll run it: " +
      `\`/credit-check ${details}\` (type \`/credit-check help\` for every option).`,
  );

const newerState = notice(
  "error",
  "I can't read what I stored about you: it was written by a newer version of Credit Desk. " +
    "Nothing of it has been changed. Please ask whoever runs Credit Desk to upgrade it.",
);

const answerFlagged = notice(
  "flagged",
  "Thanks for telling me: I've flagged that answer for a curator to review. Ask again in other " +
    "words and I'll try again.",
);

/** A 👎 or 👍 for an answer, kept with the person's feedback (the button, or "that's wrong"). */
const withVote = (state: PersonState, entryId: string, vote: Vote, now: Date): PersonState => ({
  ...state,
  feedback: [...state.feedback, { entryId, vote, at: now.toISOString() }],
});

const checkEnded = notice(
  "no_check",
  "That credit check has ended, so the button no longer answers it. Say **credit check** to start a new one.",
);

/**
 * What a reply adds to the person's short history. An answer moves the follow-up context, a
 * "Did you mean" (or an unsure fallback) puts its choices on screen until the next reply.
 */
function remember(state: PersonState, text: string, reply: Reply, now: Date): PersonState {
  const at = now.toISOString();
  const shown = onScreenAfter(reply);
  const entryId = typeof shown === "string" ? shown : undefined;
  const related = reply.kind === "answer" ? reply.related.map(({ id }) => id) : [];
  return {
    ...state,
    lastAnswer: entryId
      ? { entryId, at, ...(related.length > 0 ? { related } : {}) }
      : state.lastAnswer,
    lastOffered: typeof shown === "object" ? { entryIds: [...shown], at } : null,
    // A "Did you mean" or a fallback leaves the check result on screen, so "what would make it
    // likely?" after one still asks about it; any other reply takes its place.
    lastCheck: reply.kind === "clarify" || reply.kind === "fallback" ? state.lastCheck : null,
    turns: [
      ...state.turns,
      { at, role: "user" as const, text },
      { at, role: "bot" as const, text: reply.kind, ...(entryId ? { entryId } : {}) },
    ],
  };
}

/**
 * A check's result is now on screen, in place of any answer: "why not the credit line?" asks
 * about it. Other replies leave the state as it is.
 */
function withResult(state: PersonState, reply: Reply, now: Date): PersonState {
  if (reply.kind !== "credit_check" || reply.result.status !== "ok") return state;
  const programs = reply.result.programs.map(({ id }) => id);
  return {
    ...state,
    lastAnswer: null,
    lastOffered: null,
    lastCheck: {
      fields: asFields(reply.result.input),
      at: now.toISOString(),
      ...(programs.length < programIds.length ? { programs } : {}),
    },
  };
}

/** The values already given, spelled the way a person would type them, to pre-fill the guided check. */
function asFields(input: CheckInput): Partial<Record<InputKey, string>> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      typeof value === "boolean" ? (value ? "yes" : "no") : String(value),
    ]),
  );
}

/** A turn's outcome: the reply to show and the person's state after it. */
interface Turn {
  reply: Reply;
  state: PersonState;
}

export function createCore(deps: CoreDeps): ConversationCore {
  const { store, settings, logger, recorder } = deps;

  /**
   * Records what the turn teaches the curators; a failure there never costs the person a reply.
   * Not async: an awaiting frame would keep `task`, and the reply it holds, alive until the
   * write, which under load waits behind others.
   */
  const record = (what: string, task: (recorder: TurnRecorder) => Promise<void>) => {
    if (!recorder) return Promise.resolve();
    const failed = (error: unknown) => {
      logger.warn("curation record failed", {
        what,
        reason: error instanceof Error ? error.name : "unknown",
      });
    };
    try {
      return task(recorder).catch(failed);
    } catch (error) {
      failed(error);
      return Promise.resolve();
    }
  };

  /**
   * Decides the turn inside the store's update, so each person's turns run one at a time on
   * the state the previous turn left (a click and a typed answer at once cannot undo each
   * other), and the reply is given only once the state it leads to is on disk.
   */
  const takeTurn = async (
    speaker: Speaker,
    decide: (state: PersonState) => Turn,
    after?: (reply: Reply, before: PersonState) => Promise<void>,
  ): Promise<Reply> => {
    let reply: Reply | undefined;
    let before: PersonState | undefined;
    try {
      await store.update(speaker, (state) => {
        before = state;
        const turn = decide(state);
        reply = turn.reply;
        return turn.state;
      });
    } catch (error) {
      if (!(error instanceof StateVersionError)) throw error;
      logger.warn("person's state is from a newer version; left untouched", {
        team: speaker.teamId,
        user: speaker.userId,
        found: error.found,
      });
      return newerState;
    }
    if (!reply || !before) throw new Error("the state update finished without deciding the turn");
    await after?.(reply, before);
    return reply;
  };

  /** What a message now follows up on: the choices just offered, or the last answer (see below). */
  /** Whether something shown at `at` may still be followed up on at `now`. */
  const recent = (at: string, now: Date) => {
    const age = now.getTime() - Date.parse(at);
    return age >= 0 && age <= settings.followUpWindowMs;
  };

  const onScreen = (state: PersonState, now: Date, text: string): OnScreen | undefined => {
    const answered =
      state.lastAnswer && recent(state.lastAnswer.at, now) ? state.lastAnswer.entryId : undefined;
    // "is that official?" asks about a claim, and the last one shown is in the last answer, even
    // when a "Did you mean" came after it.
    if (answered && asksOnlyProvenance(text)) return answered;
    if (state.lastOffered && recent(state.lastOffered.at, now)) return state.lastOffered.entryIds;
    return answered;
  };

  /**
   * The message that got what is on screen (the answer, or the choices offered), as typed or as
   * the question clicked: "same for coupons?" asks it again. An answer given again to follow-ups
   * ("same for coupons?" answered from the same entry) was got by the message that first got it.
   */
  const askedFor = (state: PersonState, shown: OnScreen | undefined): string | undefined => {
    if (shown === undefined) return undefined;
    const { turns } = state;
    const shows = (at: number) => {
      const turn = turns[at];
      if (turn?.role !== "bot") return false;
      return typeof shown === "string" ? turn.entryId === shown : true;
    };
    let at = turns.length - 1;
    while (at > 0 && !shows(at)) at--;
    // Back over the run of turns that gave the same answer again.
    while (typeof shown === "string" && at >= 2 && shows(at - 2)) at -= 2;
    const before = turns[at - 1];
    return at > 0 && before?.role === "user" ? before.text : undefined;
  };

  /**
   * The result of the check last shown in a DM or the terminal, while a message there may still
   * follow up on it: a channel never sees one person's check explained.
   */
  const recentCheck = (state: PersonState, context: TurnContext) => {
    const shown = state.lastCheck;
    if (!shown || context.surface === "channel" || !recent(shown.at, context.now)) return undefined;
    const result = focusedOn(checkFields(shown.fields, deps.rules), shown.programs);
    return { fields: shown.fields, result, programs: shown.programs };
  };

  /** The person's guided check, unless it was abandoned long enough ago to have expired. */
  const liveCheck = (state: PersonState, now: Date) =>
    state.pendingCheck && !isExpired(state.pendingCheck, now, settings.checkExpiryMs)
      ? state.pendingCheck
      : null;

  const forget = async (speaker: Speaker): Promise<Reply> => {
    await store.forget(speaker);
    await record("forget", (recorder) => recorder.forget(speaker));
    return forgotten;
  };

  /** Starts (or restarts) the guided check with whatever the person already gave. */
  const startCheck = (
    state: PersonState,
    fields: Parameters<typeof startGuidedCheck>[0],
    now: Date,
  ): Turn => {
    const started = startGuidedCheck(fields, now, deps.rules);
    const next = { ...state, pendingCheck: started.pending, lastCheck: null };
    return { reply: started.reply, state: withResult(next, started.reply, now) };
  };

  const guidedTurn = (state: PersonState, text: string, context: TurnContext): Turn | undefined => {
    const pending = liveCheck(state, context.now);
    if (!pending || context.surface === "channel") return undefined;
    const intent = detectIntent(text);
    // "start over" mid-check: the check from its first question, what was given dropped.
    if (restartsCheck(text)) return startCheck(state, {}, context.now);
    if (intent === "start_check" || intent === "greeting" || intent === "help") {
      return { reply: resumeGuidedCheck(pending), state };
    }
    const answer = withoutThanks(text);
    const step = continueGuidedCheck(
      pending,
      answer === "" ? text : answer,
      context.now,
      deps.rules,
    );
    if ("rejected" in step) {
      const explained = explainQuestion(pending, text);
      if (explained) return { reply: explained, state };
      // "whats the difference between likely and possible": the verdicts the check will give.
      const meaning = verdictMeaning(text, deps.rules);
      if (meaning) {
        const lead = `${meaning.text}\n\nThe check is still open.`;
        return { reply: resumeGuidedCheck(pending, lead), state };
      }
      // "thanks!" or "talk later" with a question still open is no try at answering it.
      if (intent === "thanks" && (saysThanks(text) || saysBye(text))) {
        return {
          reply: resumeGuidedCheck(pending, "Glad to help. The check is still open."),
          state,
        };
      }
      // Not an answer to the question, but a question the knowledge base answers: answer it,
      // and the check waits for the person to come back to it.
      const shown = onScreen(state, context.now, text);
      const reply = deps.answers.reply(text, shown, askedFor(state, shown));
      const aside = waitingNote(pending);
      // What is on screen is the check's question: "good" read as a follow-up of the answer
      // given before the check started was a try at that question, not a question of its own.
      if (
        reply.kind === "answer" &&
        (asksSomething(text) || continues(text) || reply.followUpOf === undefined)
      ) {
        const shown = { ...reply, aside };
        return { reply: shown, state: remember(state, text, shown, context.now) };
      }
      // "our promo code isnt working, why?" is a question even when no entry is sure enough:
      // offer the close entries rather than call it a bad answer. Anything else that is not
      // sure ("2", "hmm") was more likely a try at the check's question: it is asked again.
      if ((reply.kind === "clarify" || reply.kind === "fallback") && asksSomething(text)) {
        return { reply: { ...reply, aside }, state };
      }
    }
    const next = { ...state, pendingCheck: step.pending };
    return { reply: step.reply, state: withResult(next, step.reply, context.now) };
  };

  /**
   * A `/credit-check` command's result. Details typed as words with no `key=value` ("agency 8
   * months 40k/mo good payments") are read as the guided check reads them, and the result says
   * how it read them.
   */
  const commandCheck = (text: string, now: Date): { result: CheckResult; lead?: string } => {
    const result = checkText(text, deps.rules);
    if (result.status === "ok" || text.includes("=") || text.length > maxInputLength) {
      return { result };
    }
    const line = checkLineOfWords(text, now);
    if (line === "") return { result };
    return { result: checkText(line, deps.rules), lead: `Read as \`${line}\`.` };
  };

  /**
   * The `/credit-check` reply the text alone decides (see ConversationCore.creditCheckAtOnce),
   * from the command's result when it is already read.
   */
  const checkAtOnce = (
    text: string,
    context: TurnContext,
    read = () => commandCheck(text, context.now),
  ): Reply | undefined => {
    const command = text.trim().toLowerCase();
    if (command === "help") return notice("check_help", creditCheckUsage);
    if (command === "forget" || (context.surface !== "channel" && command === "")) {
      return undefined;
    }
    const { result, lead } = read();
    if (context.surface !== "channel" && result.status === "ok") return undefined;
    return { kind: "credit_check", result, ...(lead ? { lead } : {}) };
  };

  const recordCheck = (reply: Reply, context: TurnContext): Promise<void> =>
    reply.kind === "credit_check" && reply.result.status === "ok"
      ? record("checked", (recorder) => recorder.checked(reply, context))
      : Promise.resolve();

  return {
    popular: () => deps.answers.popular(),

    async readiness() {
      const check = await store.checkWritable();
      if (check.writable) return { ready: true };
      const problem = dataDirProblem(check.code) ?? "cannot be written";
      return { ready: false, reason: `${store.place} ${problem} (${check.code})` };
    },

    async handle(speaker, text, context) {
      const intent = detectIntent(text);
      if (intent === "forget") return forget(speaker);
      // "that's wrong" right after an answer: a 👎 for it, as the button gives.
      let flagged: string | undefined;
      return takeTurn(
        speaker,
        (state) => {
          const guided = guidedTurn(state, text, context);
          if (guided) return guided;
          const current = { ...state, pendingCheck: liveCheck(state, context.now) };
          const shown = onScreen(current, context.now, text);
          if (intent === "complaint" && typeof shown === "string") {
            flagged = shown;
            return {
              reply: answerFlagged,
              state: withVote(current, shown, "down", context.now),
            };
          }
          const typedCheck = checkTypedAsMessage(text);
          if (typedCheck !== undefined)
            return { reply: typedCheckHint(typedCheck), state: current };
          // "credit check for our client - they buy thru us, 3 months old, 4k a month": the
          // guided check, started with what the message says; in a channel, the command to send.
          const asked = checkAskedWith(text, context.now);
          if (asked && context.surface === "channel") {
            return { reply: typedCheckHint(lineOfFields(asked)), state: current };
          }
          if (asked) return startCheck(current, asked, context.now);
          if (intent === "start_check") {
            return context.surface === "channel"
              ? { reply: channelCheckHint, state: current }
              : startCheck(current, {}, context.now);
          }
          const onCheck = recentCheck(current, context);
          // "what if they were an agency?" after a result: the check again, so changed.
          const whatIf = (): Turn | undefined => {
            const supposed = onCheck && supposedDetails(onCheck.fields, text, context.now);
            if (!onCheck || !supposed) return undefined;
            const changes = supposed.filter(({ unchanged }) => !unchanged);
            if (changes.length === 0) return { reply: unchangedNote(supposed), state: current };
            const fields = { ...onCheck.fields };
            for (const { key, value } of changes) fields[key] = value;
            const result = focusedOn(checkFields(fields, deps.rules), onCheck.programs);
            const lead = changedLead(onCheck.fields, changes, onCheck.result, result, deps.rules);
            const reply = { kind: "credit_check", result, lead } as const;
            return { reply, state: withResult(current, reply, context.now) };
          };
          // "and for an agency?" is the check as an agency; "and for agency credit?", naming a
          // program in full, asks about that program's verdict. "what if they had a partner
          // agreement?" supposes a detail first ("what if they had an account manager?" names
          // no detail the check takes, so that program's verdict).
          const programNamed =
            namesProgramInFull(text, deps.rules) && !supposesFirst.test(text.trim());
          const supposedFirst = programNamed ? undefined : whatIf();
          if (supposedFirst) return supposedFirst;
          const aboutCheck = onCheck && checkFollowUp(onCheck.result, text, deps.rules);
          if (aboutCheck) return { reply: aboutCheck, state: current };
          const supposed = programNamed ? whatIf() : undefined;
          if (supposed) return supposed;
          // "they always paid on time" after a result the check had no payments for: the
          // check again, with that detail.
          const detail =
            onCheck && intent === "question" && !asksSomething(text)
              ? addedDetail(onCheck.fields, text, context.now)
              : undefined;
          if (onCheck && detail) {
            const fields = { ...onCheck.fields, [detail.key]: detail.value };
            const reply = {
              kind: "credit_check",
              result: focusedOn(checkFields(fields, deps.rules), onCheck.programs),
            } as const;
            return { reply, state: withResult(current, reply, context.now) };
          }
          // "they've been running for 4 months, no failed payments" right after who is eligible
          // for the Credit Line: that program's verdict for what it says of the client.
          const answeredEntry =
            typeof shown === "string" && context.surface !== "channel" && intent === "question"
              ? deps.answers.entry(shown)
              : undefined;
          const underAnswer =
            answeredEntry &&
            checkUnderAnswer(answeredEntry.question, text, deps.rules, context.now);
          if (underAnswer) {
            return { reply: underAnswer, state: withResult(current, underAnswer, context.now) };
          }
          // "the first one" right after an answer: its first related question, as a click would.
          const related =
            typeof shown === "string" && shown === current.lastAnswer?.entryId
              ? (current.lastAnswer.related ?? [])
              : [];
          const picked = related[ordinalPicked(text, related.length) ?? -1];
          const pickedReply = picked === undefined ? undefined : deps.answers.entry(picked);
          if (pickedReply) {
            return { reply: pickedReply, state: remember(current, text, pickedReply, context.now) };
          }
          const answered = deps.answers.reply(text, shown, askedFor(current, shown));
          // "can our client get a jbp?": how to check that client, under the answer.
          // Not right after a check: that client has just been checked.
          const checkTip =
            answered.kind === "answer" && !onCheck
              ? checkSuggestion(text, deps.rules, context.now)
              : undefined;
          const reply = checkTip ? { ...answered, checkTip } : answered;
          return { reply, state: remember(current, text, reply, context.now) };
        },
        (reply, before) => {
          const entryId = flagged;
          return entryId
            ? record("voted", (recorder) =>
                recorder.voted(speaker, entryId, "down", before, context),
              )
            : record("asked", (recorder) => recorder.asked(speaker, text, reply, before, context));
        },
      );
    },

    async answerEntry(speaker, entryId, context) {
      const reply = deps.answers.entry(entryId);
      if (!reply) {
        return notice(
          "error",
          "That question is no longer in my knowledge base. Try asking it in your own words.",
        );
      }
      return takeTurn(
        speaker,
        (state) => ({ reply, state: remember(state, reply.question, reply, context.now) }),
        (_reply, before) =>
          record("clicked", (recorder) => recorder.clicked(speaker, entryId, before, context)),
      );
    },

    async answerCheck(speaker, answer: CheckAnswer, context) {
      let accepted = false;
      const reply = await takeTurn(
        speaker,
        (state) => {
          const pending = liveCheck(state, context.now);
          if (!pending || pending.startedAt !== answer.checkId) {
            return { reply: checkEnded, state };
          }
          if (pending.awaiting !== answer.key) {
            const lead = "That button belongs to a question you have already answered.";
            return { reply: resumeGuidedCheck(pending, lead), state };
          }
          const step = continueGuidedCheck(pending, answer.value, context.now, deps.rules);
          accepted = !("rejected" in step);
          const next = { ...state, pendingCheck: step.pending };
          return { reply: step.reply, state: withResult(next, step.reply, context.now) };
        },
        (reply) =>
          reply.kind === "credit_check"
            ? record("checked", (recorder) => recorder.checked(reply, context))
            : Promise.resolve(),
      );
      return { reply, accepted };
    },

    creditCheckAtOnce(text, context) {
      const reply = checkAtOnce(text, context);
      // Only counted: a reply given at once does not wait for it.
      if (reply) void recordCheck(reply, context);
      return reply;
    },

    creditCheckAgain: (text) => ({ kind: "credit_check", result: checkText(text, deps.rules) }),

    async creditCheck(speaker, text, context) {
      const checked = commandCheck(text, context.now);
      const atOnce = checkAtOnce(text, context, () => checked);
      if (atOnce) {
        await recordCheck(atOnce, context);
        return atOnce;
      }
      const command = text.trim().toLowerCase();
      if (command === "forget") return forget(speaker);
      const { result, lead } = checked;
      // A DM walks through what is missing; the terminal prints the result as typed, like the
      // CLI, and asks one question at a time only for a bare /credit-check.
      const guides =
        ((context.surface === "dm" || context.surface === "terminal") && command === "") ||
        (context.surface === "dm" && result.status === "ok" && result.missing.length > 0);
      if (guides) {
        return takeTurn(speaker, (state) =>
          startCheck(state, result.status === "ok" ? asFields(result.input) : {}, context.now),
        );
      }
      const reply = { kind: "credit_check", result, ...(lead ? { lead } : {}) } as const;
      await recordCheck(reply, context);
      if (context.surface === "channel" || result.status !== "ok") return reply;
      // A check run where a guided one could be waiting replaces it, and stays on screen with
      // any detail it misses: "they always paid on time", "what if they spent 6k?" go on from it.
      return takeTurn(speaker, (state) => ({
        reply,
        state: withResult({ ...state, pendingCheck: null }, reply, context.now),
      }));
    },

    creditCheckFromFields(_speaker, fields) {
      const reply = { kind: "credit_check", result: checkFields(fields, deps.rules) } as const;
      // Only counted: the form's reply does not wait for it.
      void record("checked", (recorder) =>
        recorder.checked(reply, { surface: "channel", now: new Date() }),
      );
      return reply;
    },

    async recordFeedback(speaker, entryId, vote: Vote, context: TurnContext) {
      let before: PersonState | undefined;
      await store.update(speaker, (state) => {
        before = state;
        return withVote(state, entryId, vote, context.now);
      });
      const was = before;
      if (was) {
        await record("voted", (recorder) => recorder.voted(speaker, entryId, vote, was, context));
      }
      return vote === "up"
        ? "Thanks, glad that helped."
        : "Thanks for telling me. A curator will review this answer.";
    },

    forget,

    async forgetTeam(teamId) {
      const people = await store.forgetTeam(teamId);
      await record("forget_team", (recorder) => recorder.forgetTeam(teamId));
      return people;
    },
  };
}
