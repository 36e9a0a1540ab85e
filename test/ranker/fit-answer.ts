// npm run fit:answer: chooses the answer thresholds on the development writers (see
// answer-threshold.ts): for questions read alone, then for follow-ups; reports how each rule
// does on a writer left out of the choice, and writes both into knowledge/ranker.json. Run it
// after `npm run fit`, which sets its own. About four minutes.
import { readFileSync, writeFileSync } from "node:fs";
import { createAnswers } from "../../src/core/answers.js";
import { answerableOnly, loadKnowledgeBase, loadRanker } from "../../src/knowledge/loader.js";
import { createMatcher } from "../../src/knowledge/matcher.js";
import { type RankerModel, rankerSchema } from "../../src/knowledge/ranker.js";
import { readEvalSet, tuningSets } from "../support/eval-set.js";
import {
  devFollowUpWriters,
  devWriters,
  fallbackAfterClosest,
  figures,
  fittedWriters,
  sealedCases,
} from "../support/quality.js";
import { readSealedOffTopic } from "../support/sealed-set.js";
import {
  chooseAnswerThreshold,
  chooseFollowUpThreshold,
  type FollowUpCounts,
  followUpsLeftOut,
  leaveOneWriterOut,
  pooled,
  type WriterCounts,
} from "./answer-threshold.js";

const [kb, model] = await Promise.all([loadKnowledgeBase("knowledge"), loadRanker("knowledge")]);
const answerable = answerableOnly(kb);
const answersAt = (thresholds: Partial<RankerModel["thresholds"]>) =>
  createAnswers(
    answerable,
    createMatcher(answerable, {
      model: { ...model, thresholds: { ...model.thresholds, ...thresholds } },
    }),
  );
const gridOf = (from: number, to: number, step: number) => {
  const grid: number[] = [];
  for (let at = from; at <= to + 1e-9; at += step) grid.push(Math.round(at * 1000) / 1000);
  return grid;
};
const count = (share: number, total: number) => Math.round(share * total);
const percent = (share: number) => (share * 100).toFixed(1);

// Questions read alone: from just above the "Did you mean" bar, which an answer must clear.
const grid = gridOf(model.thresholds.choice + 0.025, 0.9, 0.025);
const rows: WriterCounts[] = [];
for (const threshold of grid) {
  const answers = answersAt({ answer: threshold });
  for (const writer of devWriters) {
    const f = figures(answers, { ...sealedCases(answers, [writer]), followUps: [] });
    rows.push({
      threshold,
      writer,
      questions: f.questions,
      right: count(f.right, f.questions),
      rightOrChoice: count(f.rightOrChoice, f.questions),
      wrong: count(f.confidentlyWrong, f.questions),
      offTopic: f.offTopicQuestions,
      fellBack: count(f.offTopicFallback, f.offTopicQuestions),
    });
  }
}
const line = (f: ReturnType<typeof pooled>) =>
  `${percent(f.right)} / ${percent(f.rightOrChoice)} / ${percent(f.confidentlyWrong)} / ${percent(f.offTopicFallback)}`;
console.log("answer     pooled right / right or choice / wrong / off-topic  worst writer's wrong");
for (const threshold of grid) {
  const at = rows.filter((row) => row.threshold === threshold);
  const worst = Math.max(...at.map((row) => row.wrong / row.questions));
  console.log(`${threshold.toFixed(3)}      ${line(pooled(at))}   ${percent(worst)}`);
}
const answer = chooseAnswerThreshold(rows);
if (answer === undefined) throw new Error("no answer threshold meets the bars on every writer");
const { picks, figures: heldOut } = leaveOneWriterOut(rows);
console.log(`chosen: ${answer}`);
console.log(`each writer left out: ${picks.map((p) => `${p.writer} ${p.threshold}`).join(", ")}`);
console.log(`held-out figures: ${line(heldOut)}`);

// Follow-ups, with the answer threshold for questions read alone set.
const followUpWriters = [...devWriters, ...devFollowUpWriters];
const nearMisses = [
  ...tuningSets.offTopic.flatMap((name) => readEvalSet(name)),
  ...readSealedOffTopic(fittedWriters),
].map((item) => item.q);
const followUpRows: FollowUpCounts[] = [];
const allowed = new Set<number>();
console.log("\nfollow-up  read as meant   near-misses after their closest answer: fallback");
for (const threshold of gridOf(0.4, 0.7, 0.05)) {
  const answers = answersAt({ answer, followUpAnswer: threshold });
  let read = 0;
  let cases = 0;
  for (const writer of followUpWriters) {
    const { followUps } = sealedCases(answers, [writer]);
    const f = figures(answers, { inScope: [], offTopic: [], followUps });
    followUpRows.push({
      threshold,
      writer,
      cases: f.followUpQuestions,
      readAsMeant: count(f.followUps, f.followUpQuestions),
    });
    read += count(f.followUps, f.followUpQuestions);
    cases += f.followUpQuestions;
  }
  const { tried, fellBack } = fallbackAfterClosest(answers, nearMisses);
  if (fellBack >= 0.95 * tried) allowed.add(threshold);
  console.log(
    `${threshold.toFixed(3)}      ${percent(read / cases)} (${read} of ${cases})   ${percent(fellBack / tried)}`,
  );
}
const followUpAnswer = chooseFollowUpThreshold(followUpRows, allowed);
if (followUpAnswer === undefined) throw new Error("no follow-up threshold keeps near-misses out");
const followUpsHeldOut = followUpsLeftOut(followUpRows, allowed);
console.log(`chosen: ${followUpAnswer}; each writer left out: ${percent(followUpsHeldOut)}`);

const written = rankerSchema.parse(JSON.parse(readFileSync("knowledge/ranker.json", "utf8")));
written.thresholds.answer = answer;
written.thresholds.followUpAnswer = followUpAnswer;
written.fitted.chosenOnDevelopment = {
  date: new Date().toISOString().slice(0, 10),
  writers: [...devWriters],
  heldOut,
  followUpWriters,
  followUpsHeldOut,
};
writeFileSync("knowledge/ranker.json", `${JSON.stringify(written, null, 2)}\n`);
