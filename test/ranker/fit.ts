// npm run fit: fits the ranker's weights and thresholds on the tuning data (never the sealed
// set), checks them by cross-validation, and writes knowledge/ranker.json.
import { writeFileSync } from "node:fs";
import { answerableOnly, loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { fitRanker, judge, offered, type RankerModel } from "../../src/knowledge/ranker.js";
import { type Labelled, type SampleKind, tuningSamples } from "./samples.js";

const folds = 5;
const kb = answerableOnly(await loadKnowledgeBase("knowledge"));
const samples = tuningSamples(kb);
const kinds: SampleKind[] = ["in-scope", "held-out phrasing", "off-topic", "follow-up"];

type Verdict = "right" | "choice" | "wrong" | "wrong choice" | "fallback";
type Thresholds = RankerModel["thresholds"];
type Judged = ReturnType<typeof judge>;

function verdict(sample: Labelled, judged: Judged, t: Thresholds): Verdict {
  if (judged.answer >= t.answer) return judged.order[0] === sample.right ? "right" : "wrong";
  const choices = offered(judged, t.choiceEach);
  if (choices.length >= 2 && judged.choice >= t.choice) {
    return choices.includes(sample.right) ? "choice" : "wrong choice";
  }
  return "fallback";
}

/** Each sample judged by weights fitted without its fold. */
function outOfFold(choiceEach: number): Judged[] {
  const foldOf = (index: number) => (index * 7919) % folds;
  const judged: Judged[] = new Array(samples.length);
  for (let fold = 0; fold < folds; fold++) {
    const model = fitRanker(
      samples.filter((sample, i) => foldOf(i) !== fold && sample.right !== -2),
      choiceEach,
    );
    samples.forEach((sample, i) => {
      if (foldOf(i) === fold) judged[i] = judge(model, sample.question, sample.candidates);
    });
  }
  return judged;
}

function figures(judged: Judged[], t: Thresholds): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of kinds) {
    const verdicts = samples.flatMap((sample, i) =>
      sample.kind === kind && judged[i] ? [verdict(sample, judged[i], t)] : [],
    );
    const share = (...vs: Verdict[]) =>
      Math.round((verdicts.filter((v) => vs.includes(v)).length / verdicts.length) * 1000) / 1000;
    if (kind === "off-topic") {
      out["off-topic fallback"] = share("fallback");
      continue;
    }
    const ranked = samples.flatMap((sample, i) =>
      sample.kind === kind && judged[i] ? [judged[i].order[0] === sample.right] : [],
    );
    out[`${kind} ranked first`] =
      Math.round((ranked.filter(Boolean).length / ranked.length) * 1000) / 1000;
    out[`${kind} right`] = share("right");
    out[`${kind} right or choice`] = share("right", "choice");
    out[`${kind} confidently wrong`] = share("wrong");
  }
  return out;
}

/**
 * The thresholds that answer the most tuning questions right out of fold (a "Did you mean" with
 * the right entry counting four fifths: one click away, where a fallback is a dead end; follow-ups half) while at most `maxWrong` of them
 * get a confident wrong answer and at least `minFallback` of the off-topic ones fall back.
 */
const maxWrong = 0.03;
const minFallback = 0.95;
let best: { t: Thresholds; value: number; judged: Judged[] } | undefined;
for (const choiceEach of [0.1]) {
  const judged = outOfFold(choiceEach);
  for (let answer = 0.3; answer <= 0.975; answer += 0.025) {
    for (let choice = 0.3; choice <= 0.975; choice += 0.025) {
      const t = { answer, choice, choiceEach };
      const f = figures(judged, t);
      const wrong = Math.max(
        f["in-scope confidently wrong"] ?? 1,
        f["follow-up confidently wrong"] ?? 1,
      );
      if (wrong > maxWrong || (f["off-topic fallback"] ?? 0) < minFallback) continue;
      const right = f["in-scope right"] ?? 0;
      const value =
        right +
        0.8 * ((f["in-scope right or choice"] ?? 0) - right) +
        0.5 * (f["follow-up right"] ?? 0);
      if (!best || value > best.value) best = { t, value, judged };
    }
  }
}
if (!best) throw new Error("no thresholds meet the bars on the tuning data");
const round = (value: number) => Math.round(value * 1000) / 1000;
const rounded = <K extends string>(w: Record<K, number>) =>
  Object.fromEntries(Object.entries<number>(w).map(([k, v]) => [k, round(v)])) as Record<K, number>;
const thresholds = {
  answer: round(best.t.answer),
  choice: round(best.t.choice),
  choiceEach: round(best.t.choiceEach),
};
const weights = fitRanker(
  samples.filter((sample) => sample.right !== -2),
  thresholds.choiceEach,
);
const model: RankerModel = {
  candidate: rounded(weights.candidate),
  followUpCandidate: rounded(weights.followUpCandidate),
  answer: rounded(weights.answer),
  choice: rounded(weights.choice),
  thresholds,
  fitted: {
    date: new Date().toISOString().slice(0, 10),
    samples: samples.length,
    folds,
    outOfFold: figures(best.judged, thresholds),
  },
};
writeFileSync("knowledge/ranker.json", `${JSON.stringify(model, null, 2)}\n`);
console.log(JSON.stringify(model.thresholds), JSON.stringify(model.fitted, null, 2));
const unreachable = samples.filter((sample) => sample.right === -2).length;
console.log(
  `${unreachable} of ${samples.length} samples had the right entry outside the candidates`,
);
if (process.env.MISSES) {
  samples.forEach((s, i) => {
    const j = best?.judged[i];
    if (s.kind !== process.env.MISSES || !j || j.order[0] === s.right) return;
    console.log(`${s.text} → ${s.ids[j.order[0] ?? 0]} (want ${s.ids[s.right] ?? "?"})`);
  });
}
