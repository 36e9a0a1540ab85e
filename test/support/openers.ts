import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import type { Answers } from "../../src/core/answers.js";

/** Openers typed before a question (test/eval/openers-dev.yml, test/eval/sealed/openers-o2.yml). */
export function readOpeners(path: string): string[] {
  const file = new URL(`../eval/${path}`, import.meta.url);
  return z.array(z.string().min(1)).parse(YAML.parse(readFileSync(file, "utf8")));
}

/**
 * The same answers, each new question asked after the next opener in turn ("hi! I'm a media
 * buyer at …, <question>"); a follow-up (asked after an answer) is asked as written.
 */
export function afterOpeners(answers: Answers, openers: string[]): Answers {
  let asked = 0;
  return {
    ...answers,
    reply: (text, onScreen) =>
      onScreen === undefined
        ? answers.reply(`${openers[asked++ % openers.length]}${text}`)
        : answers.reply(text, onScreen),
  };
}
