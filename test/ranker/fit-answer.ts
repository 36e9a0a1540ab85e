// npm run fit:answer: chooses the answer threshold for questions read alone on the development
// writers (see answer-threshold.ts), reports how the rule does on a writer it never saw, and
// writes the threshold into knowledge/ranker.json. Run it after `npm run fit`, which sets its
// own. About a minute and a half.
import { readFileSync, writeFileSync } from "node:fs";
import { loadEngine } from "../../src/core/engine.js";
import { rankerSchema } from "../../src/knowledge/ranker.js";
import { devWriters, figures, sealedCases } from "../support/quality.js";
import {
  chooseAnswerThreshold,
  leaveOneWriterOut,
  pooled,
  type WriterCounts,
} from "./answer-threshold.js";

const grid: number[] = [];
for (let at = 0.55; at <= 0.9001; at += 0.025) grid.push(Math.round(at * 1000) / 1000);

const rows: WriterCounts[] = [];
for (const threshold of grid) {
  const { answers } = await loadEngine("knowledge", threshold);
  for (const writer of devWriters) {
    const cases = sealedCases(answers, [writer]);
    const f = figures(answers, { ...cases, followUps: [] });
    const count = (value: number, total: number) => Math.round(value * total);
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

const percent = (share: number) => (share * 100).toFixed(1);
const line = (f: ReturnType<typeof pooled>) =>
  `${percent(f.right)} / ${percent(f.rightOrChoice)} / ${percent(f.confidentlyWrong)} / ${percent(f.offTopicFallback)}`;
console.log("threshold  pooled right / right or choice / wrong / off-topic  worst writer's wrong");
for (const threshold of grid) {
  const at = rows.filter((row) => row.threshold === threshold);
  const worst = Math.max(...at.map((row) => row.wrong / row.questions));
  console.log(`${threshold.toFixed(3)}      ${line(pooled(at))}   ${percent(worst)}`);
}
const chosen = chooseAnswerThreshold(rows);
if (chosen === undefined) throw new Error("no answer threshold meets the bars on every writer");
const { picks, figures: heldOut } = leaveOneWriterOut(rows);
console.log(`chosen: ${chosen}`);
console.log(`each writer left out: ${picks.map((p) => `${p.writer} ${p.threshold}`).join(", ")}`);
console.log(`held-out figures: ${line(heldOut)}`);

const model = rankerSchema.parse(JSON.parse(readFileSync("knowledge/ranker.json", "utf8")));
model.thresholds.answer = chosen;
model.fitted.answerThreshold = {
  date: new Date().toISOString().slice(0, 10),
  writers: [...devWriters],
  heldOut,
};
writeFileSync("knowledge/ranker.json", `${JSON.stringify(model, null, 2)}\n`);
