import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { yamlProblem } from "../files/yaml-error.js";
import { type RankerModel, rankerSchema } from "./ranker.js";
import { type Entry, entrySchema, type Vocabulary, vocabularySchema } from "./schema.js";
import { normalize } from "./text.js";

export interface KnowledgeBase {
  entries: Entry[];
  byId: Map<string, Entry>;
  vocabulary: Vocabulary;
}

/** Every problem found, one line each, naming the file, the entry and the field. */
export class KnowledgeBaseError extends Error {
  override name = "KnowledgeBaseError";
  constructor(readonly problems: string[]) {
    super(knowledgeProblems(problems));
  }
}

/** "The knowledge base has 2 problems:" and one indented line each. */
export function knowledgeProblems(problems: string[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `The knowledge base has ${count}:\n  ${problems.join("\n  ")}`;
}

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function describeIssues(where: string, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path
      .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
      .join("")
      .replace(/^\./, "");
    // zod's own wording for an absent field is "Invalid input: expected string, received undefined".
    const absent = issue.code === "invalid_type" && /received undefined$/.test(issue.message);
    const name = String(issue.path.at(-1) ?? "");
    const message = absent && name ? `missing: add "${name}:"` : issue.message;
    return `${where}: ${field || "(file)"}: ${message}`;
  });
}

/** The entry, or failing that its id when one can be read, so other entries' links to it still resolve. */
type Parsed = { entry: Entry } | { id?: string };

function parseEntryFile(file: string, text: string, problems: string[]): Parsed {
  const parts = frontMatter.exec(text);
  if (!parts) {
    problems.push(`${file}: expected front matter between two '---' lines, then the answer`);
    return {};
  }
  let meta: unknown;
  try {
    meta = YAML.parse(parts[1] ?? "");
  } catch (error) {
    // The front matter starts on the file's second line, after the opening ---.
    problems.push(`${file}: ${yamlProblem(error, "front matter is not valid YAML", 2)}`);
    return {};
  }
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
    problems.push(`${file}: front matter must be a set of fields (id, question, alternates, …)`);
    return {};
  }
  const candidate = { ...meta, answer: parts[2] ?? "" };
  const parsed = entrySchema.safeParse(candidate);
  if (!parsed.success) {
    const id = "id" in meta && typeof meta.id === "string" ? meta.id : undefined;
    problems.push(...describeIssues(`${file}: entry "${id ?? "?"}"`, parsed.error.issues));
    return { id };
  }
  return { entry: parsed.data };
}

function crossCheck(
  entries: { file: string; entry: Entry }[],
  unreadableIds: Set<string>,
  problems: string[],
): void {
  const idFiles = new Map<string, string>();
  for (const { file, entry } of entries) {
    const seen = idFiles.get(entry.id);
    if (seen) problems.push(`${file}: entry "${entry.id}": id: duplicate id, also used in ${seen}`);
    else idFiles.set(entry.id, file);
  }
  const phrasingOwner = new Map<string, { id: string; file: string; field: string }>();
  for (const { file, entry } of entries) {
    for (const [index, phrase] of [entry.question, ...entry.alternates].entries()) {
      const key = normalize(phrase);
      const owner = phrasingOwner.get(key);
      const field = index === 0 ? "question" : `alternates[${index - 1}]`;
      if (owner && owner.id !== entry.id) {
        problems.push(
          `${file}: entry "${entry.id}": ${field}: "${phrase}" is also ${owner.field} of entry "${owner.id}" (${owner.file}); a phrasing can lead to one entry only`,
        );
      } else if (!owner) {
        phrasingOwner.set(key, { id: entry.id, file, field });
      }
    }
    entry.related.forEach((id, index) => {
      if (!idFiles.has(id) && !unreadableIds.has(id)) {
        problems.push(`${file}: entry "${entry.id}": related[${index}]: no entry has id "${id}"`);
      } else if (id === entry.id) {
        problems.push(
          `${file}: entry "${entry.id}": related[${index}]: an entry cannot relate to itself`,
        );
      }
    });
  }
}

async function loadVocabulary(dir: string, problems: string[]): Promise<Vocabulary | undefined> {
  const file = join(dir, "vocabulary.yml");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    problems.push(`${file}: missing (synonyms, other_platforms and stopwords live here)`);
    return undefined;
  }
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (error) {
    problems.push(`${file}: ${yamlProblem(error, "not valid YAML")}`);
    return undefined;
  }
  const parsed = vocabularySchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...describeIssues(file, parsed.error.issues));
    return undefined;
  }
  return parsed.data;
}

/** A path as problems name it: from the working folder when it is inside it. */
function shownPath(path: string): string {
  const shortPath = relative(process.cwd(), path);
  return shortPath.startsWith("..") ? path : shortPath;
}

/** The file an entry is loaded from (the loader requires it to be named after the id). */
export const entryFile = (dir: string, id: string) => shownPath(join(dir, "entries", `${id}.md`));

/**
 * The entries that may be given as answers: every answer cites its source, so a draft without
 * one stays out until it does. Links to a draft are dropped with it.
 */
export function answerableOnly(kb: KnowledgeBase): KnowledgeBase {
  const entries = kb.entries.filter((entry) => entry.sources.length > 0);
  return { ...kb, entries, byId: new Map(entries.map((entry) => [entry.id, entry])) };
}

/**
 * Entry files to read as if they held this text (by file name in `entries/`), new ones included:
 * how an edit is validated before it is written.
 */
export type EntryOverrides = ReadonlyMap<string, string>;

/**
 * Loads `<dir>/entries/*.md` and `<dir>/vocabulary.yml`, validating everything.
 * Throws KnowledgeBaseError listing every problem, so a curator fixes them all in one pass.
 */
export async function loadKnowledgeBase(
  dir: string,
  overrides: EntryOverrides = new Map(),
): Promise<KnowledgeBase> {
  const problems: string[] = [];
  const entriesDir = join(dir, "entries");
  let names: string[];
  try {
    const onDisk = (await readdir(entriesDir)).filter((name) => name.endsWith(".md"));
    names = [...new Set([...onDisk, ...overrides.keys()])].sort();
  } catch {
    throw new KnowledgeBaseError([`${entriesDir}: folder not found (set KNOWLEDGE_DIR?)`]);
  }
  if (names.length === 0) problems.push(`${entriesDir}: no entries (*.md files) found`);

  const loaded: { file: string; entry: Entry }[] = [];
  const unreadableIds = new Set<string>();
  for (const name of names) {
    const path = join(entriesDir, name);
    const file = shownPath(path);
    const text = overrides.get(name) ?? (await readFile(path, "utf8"));
    const parsed = parseEntryFile(file, text, problems);
    if (!("entry" in parsed)) {
      // Its id, or else its file name (which must be the id): links to it are not reported as
      // broken on top of the problem that makes it unreadable.
      unreadableIds.add(parsed.id ?? name.replace(/\.md$/, ""));
      continue;
    }
    const { entry } = parsed;
    if (`${entry.id}.md` !== name) {
      problems.push(`${file}: entry "${entry.id}": id: file name should be ${entry.id}.md`);
    }
    loaded.push({ file, entry });
  }
  crossCheck(loaded, unreadableIds, problems);
  const vocabulary = await loadVocabulary(dir, problems);
  if (problems.length > 0 || !vocabulary) throw new KnowledgeBaseError(problems);

  const entries = loaded.map(({ entry }) => entry);
  return { entries, byId: new Map(entries.map((entry) => [entry.id, entry])), vocabulary };
}

/** `<dir>/ranker.json`: the weights and thresholds `npm run fit` fitted on the tuning sets. */
export async function loadRanker(dir: string): Promise<RankerModel> {
  const file = join(dir, "ranker.json");
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : "missing";
    throw new KnowledgeBaseError([`${file}: ${reason} (npm run fit writes it)`]);
  }
  const parsed = rankerSchema.safeParse(data);
  if (!parsed.success) throw new KnowledgeBaseError(describeIssues(file, parsed.error.issues));
  return parsed.data;
}
