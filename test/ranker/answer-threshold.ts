/**
 * The answer threshold for questions read alone, chosen on the development writers (blind sets
 * written from the sources alone, as the sealed set is), not on the tuning sets: those count a
 * "Did you mean" that holds the right entry as four fifths of a right answer, and their
 * canonical-question wording makes the ranker surer than real phrasing does. The bar is
 * on one writer's set, so the rule holds each writer apart: the most right answers over all the
 * writers while no writer gets more than `maxWrongEach` confident wrong answers nor fewer than
 * `minFallbackEach` off-topic fallbacks; between thresholds that answer as many right, the
 * higher one (fewer answers given on less). A lower answer threshold also answers near-misses
 * asked right after an answer (they are read alone as well), so only thresholds in `allowed`
 * (where those still fall back, the follow-up bar) are tried.
 */
export interface WriterCounts {
  threshold: number;
  writer: string;
  questions: number;
  right: number;
  rightOrChoice: number;
  wrong: number;
  offTopic: number;
  fellBack: number;
}

export const answerBars = { maxWrongEach: 0.03, minFallbackEach: 0.95 };

/** The threshold the rule picks from `rows` (one row per threshold and writer); undefined: none holds. */
export function chooseAnswerThreshold(
  rows: readonly WriterCounts[],
  allowed?: ReadonlySet<number>,
  bars = answerBars,
): number | undefined {
  return bestWhereBarsHold(rows, allowed, bars, (row) => row.right, "higher");
}

/**
 * Among the thresholds in `allowed` (all, when none is given) at which every writer's bars hold,
 * the one whose rows score most in all; on a tie, the higher or the lower one as `prefer` says.
 */
function bestWhereBarsHold(
  rows: readonly WriterCounts[],
  allowed: ReadonlySet<number> | undefined,
  bars: typeof answerBars,
  score: (row: WriterCounts) => number,
  prefer: "higher" | "lower",
): number | undefined {
  let best: { threshold: number; total: number } | undefined;
  for (const threshold of [...new Set(rows.map((row) => row.threshold))]) {
    if (allowed && !allowed.has(threshold)) continue;
    const at = rows.filter((row) => row.threshold === threshold);
    const holds = at.every(
      (row) =>
        row.wrong <= bars.maxWrongEach * row.questions &&
        row.fellBack >= bars.minFallbackEach * row.offTopic,
    );
    if (!holds) continue;
    const total = at.reduce((sum, row) => sum + score(row), 0);
    const preferred =
      prefer === "higher" ? threshold > (best?.threshold ?? 0) : threshold < (best?.threshold ?? 1);
    if (!best || total > best.total || (total === best.total && preferred)) {
      best = { threshold, total };
    }
  }
  return best?.threshold;
}

/** Shares over some rows: right, right or choice, confidently wrong, off-topic fallbacks. */
export function pooled(rows: readonly WriterCounts[]) {
  const sum = (key: keyof Omit<WriterCounts, "writer">) =>
    rows.reduce((total, row) => total + row[key], 0);
  const share = (count: number, total: number) => Math.round((count / total) * 1000) / 1000;
  return {
    right: share(sum("right"), sum("questions")),
    rightOrChoice: share(sum("rightOrChoice"), sum("questions")),
    confidentlyWrong: share(sum("wrong"), sum("questions")),
    offTopicFallback: share(sum("fellBack"), sum("offTopic")),
  };
}

/**
 * How the rule does on a writer left out of the choice: each writer in turn is left out, the
 * threshold chosen on the others, and the left-out writer's figures at it pooled. (Only the
 * threshold is held out: the development writers' misses were read while the code was tuned.)
 */
export function leaveOneWriterOut(
  rows: readonly WriterCounts[],
  allowed?: ReadonlySet<number>,
  choose = chooseAnswerThreshold,
  what = "answer threshold",
) {
  return eachWriterLeftOut(
    rows,
    (others) => {
      const threshold = choose(others, allowed);
      return threshold === undefined ? undefined : { threshold };
    },
    what,
  );
}

/**
 * Each writer in turn left out, `choose` run on the others, and the left-out writer's figures
 * pooled at its pick (the rows whose fields equal the pick's).
 */
function eachWriterLeftOut<R extends WriterCounts, P extends Partial<R>>(
  rows: readonly R[],
  choose: (others: readonly R[]) => P | undefined,
  what: string,
) {
  const writers = [...new Set(rows.map((row) => row.writer))];
  const picks = writers.map((writer) => {
    const pick = choose(rows.filter((row) => row.writer !== writer));
    if (pick === undefined) throw new Error(`no ${what} holds without ${writer}`);
    return { writer, ...pick };
  });
  const heldOut = picks.flatMap(({ writer, ...pick }) =>
    rows.filter(
      (row) =>
        row.writer === writer &&
        Object.entries(pick).every(([key, value]) => row[key as keyof R] === value),
    ),
  );
  return { picks, figures: pooled(heldOut) };
}

/**
 * One writer's counts with questions read as in scope answered from a lower threshold
 * (`threshold`) when the scope model reads them at least `scope` likely in scope.
 */
export type InScopeCounts = WriterCounts & { scope: number };

/**
 * The lower answer threshold for questions the scope model reads as in scope, and the scope bar
 * that counts as that: for each scope bar, the threshold the rule above picks (among those
 * `allowed` at it: where near-misses asked after their closest answer still fall back); then the
 * scope bar whose pick answers the most right, the higher bar on a tie. Undefined: none holds.
 */
export function chooseInScopeBar(
  rows: readonly InScopeCounts[],
  allowed: (scope: number) => ReadonlySet<number>,
): { scope: number; threshold: number } | undefined {
  let best: { scope: number; threshold: number; right: number } | undefined;
  for (const scope of [...new Set(rows.map((row) => row.scope))]) {
    const at = rows.filter((row) => row.scope === scope);
    const threshold = chooseAnswerThreshold(at, allowed(scope));
    if (threshold === undefined) continue;
    const right = at
      .filter((row) => row.threshold === threshold)
      .reduce((sum, row) => sum + row.right, 0);
    if (!best || right > best.right || (right === best.right && scope > best.scope)) {
      best = { scope, threshold, right };
    }
  }
  return best && { scope: best.scope, threshold: best.threshold };
}

/** `chooseInScopeBar` on each writer left out: the bars picked, and that writer's figures there. */
export function inScopeBarLeftOut(
  rows: readonly InScopeCounts[],
  allowed: (scope: number) => ReadonlySet<number>,
) {
  return eachWriterLeftOut(
    rows,
    (others) => chooseInScopeBar(others, allowed),
    "in-scope answer bar",
  );
}

/** One development writer's follow-ups at a follow-up answer threshold. */
export interface FollowUpCounts {
  threshold: number;
  writer: string;
  cases: number;
  readAsMeant: number;
}

/**
 * The follow-up answer threshold: the most follow-ups read as meant over the writers, among the
 * thresholds at which near-misses asked right after the answer closest to them still fall back
 * (`allowed`, the bar `npm test` holds); between thresholds that read as many, the higher one.
 */
export function chooseFollowUpThreshold(
  rows: readonly FollowUpCounts[],
  allowed: ReadonlySet<number>,
): number | undefined {
  let best: { threshold: number; read: number } | undefined;
  for (const threshold of [...new Set(rows.map((row) => row.threshold))]) {
    if (!allowed.has(threshold)) continue;
    const read = rows
      .filter((row) => row.threshold === threshold)
      .reduce((sum, row) => sum + row.readAsMeant, 0);
    if (!best || read > best.read || (read === best.read && threshold > best.threshold)) {
      best = { threshold, read };
    }
  }
  return best?.threshold;
}

/**
 * The share of follow-ups read as meant on each writer left out, at the threshold the others
 * chose (the answer threshold for questions read alone is the one chosen on all of them).
 */
export function followUpsLeftOut(rows: readonly FollowUpCounts[], allowed: ReadonlySet<number>) {
  const writers = [...new Set(rows.map((row) => row.writer))];
  const heldOut = writers.flatMap((writer) => {
    const threshold = chooseFollowUpThreshold(
      rows.filter((row) => row.writer !== writer),
      allowed,
    );
    if (threshold === undefined) throw new Error(`no follow-up threshold holds without ${writer}`);
    return rows.filter((row) => row.writer === writer && row.threshold === threshold);
  });
  const cases = heldOut.reduce((sum, row) => sum + row.cases, 0);
  const read = heldOut.reduce((sum, row) => sum + row.readAsMeant, 0);
  return Math.round((read / cases) * 1000) / 1000;
}

/**
 * The scope floor (`outOfScope`): questions read alone whose words the scope model reads as less
 * likely in scope than it fall back. A floor only takes answers away, so the rule above would
 * always keep none; this one weighs what it takes against what it stops: among the floors
 * `allowed` (near-misses after their closest answer still fall back) where every writer's bars
 * hold, the one with the most right answers and off-topic fallbacks less confident wrong
 * answers, over all the writers; between floors that do as well, the lower one.
 */
export function chooseScopeFloor(
  rows: readonly WriterCounts[],
  allowed?: ReadonlySet<number>,
  bars = answerBars,
): number | undefined {
  return bestWhereBarsHold(
    rows,
    allowed,
    bars,
    (row) => row.right + row.fellBack - row.wrong,
    "lower",
  );
}

/** `chooseScopeFloor` on each writer left out: the floors picked, and that writer's figures there. */
export const scopeFloorLeftOut = (rows: readonly WriterCounts[], allowed?: ReadonlySet<number>) =>
  leaveOneWriterOut(rows, allowed, chooseScopeFloor, "scope floor");
