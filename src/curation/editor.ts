import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import YAML from "yaml";
import { type Engine, loadEngine } from "../core/engine.js";
import { writeFileDurably } from "../files/durable.js";
import { isMissing } from "../files/errors.js";
import { checkKnowledgeBase } from "../knowledge/check.js";
import { KnowledgeBaseError } from "../knowledge/loader.js";

export type EditOutcome = { ok: true; id: string; file: string } | { ok: false; reasons: string[] };

export interface NewEntry {
  question: string;
  answer: string;
  alternates: string[];
  sourceUrl?: string;
}

export interface EntryChange {
  question: string;
  alternates: string[];
  answer: string;
}

/**
 * Changes to the entry files that curators make from Slack: each is validated as `kb check`
 * validates the base (any error it would add refuses the change, with the reasons), then written
 * as a plain file change a team can commit. The front matter is edited as a YAML document, so
 * its comments, order, quoting and flow lists stay as the curator wrote them.
 */
export interface KnowledgeEditor {
  addPhrasing(entryId: string, phrasing: string): Promise<EditOutcome>;
  /** Sets `checked` to the day given (YYYY-MM-DD). */
  markChecked(entryId: string, day: string): Promise<EditOutcome>;
  update(entryId: string, change: EntryChange, day: string): Promise<EditOutcome>;
  /** A new entry file; without a source URL it is a draft, never answered until it cites one. */
  create(entry: NewEntry, day: string): Promise<EditOutcome>;
}

export interface EditorOptions {
  knowledgeDir: string;
  threshold?: number;
  staleDays: number;
}

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const format = { lineWidth: 0, flowCollectionPadding: false } as const;

/** "What is the Credit Line, really?" → "what-is-the-credit-line-really". */
function slug(question: string): string {
  const words = question
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9\s-]/g, " ")
    .split(/[\s-]+/)
    .filter((word) => word !== "");
  let id = "";
  for (const word of words) {
    if (id.length + word.length + 1 > 60) break;
    id = id ? `${id}-${word}` : word;
  }
  return id || "new-entry";
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

export function createEditor(options: EditorOptions): KnowledgeEditor {
  const entriesDir = join(options.knowledgeDir, "entries");
  const fileOf = (id: string) => join(entriesDir, `${id}.md`);

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const problemsOf = async (
    overrides?: ReadonlyMap<string, string>,
  ): Promise<{ engine?: Engine; problems: string[] }> => {
    try {
      const engine = await loadEngine(options.knowledgeDir, options.threshold, overrides);
      const report = await checkKnowledgeBase(engine.kb, engine.matcher, {
        now: new Date(),
        staleDays: options.staleDays,
        knowledgeDir: options.knowledgeDir,
      });
      return { engine, problems: report.errors };
    } catch (error) {
      if (error instanceof KnowledgeBaseError) return { problems: error.problems };
      throw error;
    }
  };

  /** Names, sizes and change times of the files the knowledge base is built from. */
  const filesNow = async (): Promise<string> => {
    const names = [
      ...(await readdir(entriesDir)).map((name) => join("entries", name)),
      ...(await readdir(options.knowledgeDir)),
    ].sort();
    const stamps = await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(options.knowledgeDir, name));
        return `${name}:${info.size}:${info.mtimeMs}`;
      }),
    );
    return stamps.join("\n");
  };

  // Checking the whole base runs every phrasing through the matcher (seconds on a loaded
  // machine): the problems it has as it stands are kept until one of its files changes.
  let standing: { files: string; problems: Promise<{ problems: string[] }> } | undefined;
  const problemsNow = async () => {
    const files = await filesNow();
    if (standing?.files !== files) {
      const problems = problemsOf();
      standing = { files, problems };
      // A check that failed is tried again next time rather than kept.
      problems.catch(() => {
        if (standing?.problems === problems) standing = undefined;
      });
    }
    return standing.problems;
  };

  /** Writes `text` as `id`'s file unless it adds a problem `kb check` would report. */
  const validateAndWrite = async (id: string, text: string): Promise<EditOutcome> => {
    const before = await problemsNow();
    const after = await problemsOf(new Map([[`${id}.md`, text]]));
    const added = after.problems.filter((problem) => !before.problems.includes(problem));
    if (added.length > 0) return { ok: false, reasons: added };
    const file = fileOf(id);
    await writeFileDurably(file, text);
    // What was just checked is now the base as it stands.
    standing = { files: await filesNow(), problems: Promise.resolve(after) };
    return { ok: true, id, file };
  };

  /** Edits an entry's front matter (and answer) as a YAML document and writes it if valid. */
  const editEntry = (
    id: string,
    change: (doc: YAML.Document, answer: string) => string,
  ): Promise<EditOutcome> =>
    serial(async () => {
      let text: string;
      try {
        text = await readFile(fileOf(id), "utf8");
      } catch (error) {
        if (isMissing(error)) return { ok: false, reasons: [`no entry has id "${id}"`] };
        throw error;
      }
      const parts = frontMatter.exec(text);
      const doc = parts ? YAML.parseDocument(parts[1] ?? "") : undefined;
      if (!parts || !doc || doc.errors.length > 0) {
        return {
          ok: false,
          reasons: [`${id}.md: its front matter cannot be read; fix it by hand`],
        };
      }
      const answer = change(doc, parts[2] ?? "");
      return validateAndWrite(id, `---\n${doc.toString(format)}---\n${answer}`);
    });

  return {
    addPhrasing: (id, phrasing) =>
      editEntry(id, (doc, answer) => {
        const alternates = doc.get("alternates");
        if (YAML.isSeq(alternates)) alternates.add(doc.createNode(phrasing.trim()));
        else doc.set("alternates", [phrasing.trim()]);
        return answer;
      }),
    markChecked: (id, day) =>
      editEntry(id, (doc, answer) => {
        doc.set("checked", day);
        return answer;
      }),
    update: (id, change, day) =>
      editEntry(id, (doc) => {
        doc.set("question", change.question.trim());
        doc.set(
          "alternates",
          doc.createNode(change.alternates.map((text) => text.trim()).filter(Boolean)),
        );
        doc.set("checked", day);
        return `${change.answer.trim()}\n`;
      }),
    create: (entry, day) =>
      serial(async () => {
        const base = slug(entry.question);
        let id = base;
        for (let n = 2; ; n += 1) {
          const taken = await readFile(fileOf(id)).then(
            () => true,
            () => false,
          );
          if (!taken) break;
          id = `${base}-${n}`;
        }
        const url = entry.sourceUrl?.trim();
        const fields = {
          id,
          question: entry.question.trim(),
          alternates: entry.alternates.map((text) => text.trim()).filter(Boolean),
          ...(url
            ? {
                sources: [
                  {
                    url,
                    publisher: hostOf(url),
                    kind: /(^|\.)tiktok\.com$/.test(hostOf(url)) ? "official" : "third_party",
                  },
                ],
              }
            : {}),
          checked: day,
        };
        const front = new YAML.Document(fields).toString(format);
        return validateAndWrite(id, `---\n${front}---\n${entry.answer.trim()}\n`);
      }),
  };
}
