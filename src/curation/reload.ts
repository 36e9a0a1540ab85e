import { type FSWatcher, watch } from "node:fs";
import type { Config } from "../config.js";
import { KnowledgeDirError, loadKnowledge } from "../core/assemble.js";
import type { Logger } from "../logger.js";
import type { LiveKnowledge } from "./live.js";

export type ReloadOutcome = { ok: true; entries: number } | { ok: false; problems: string[] };

export interface KnowledgeReloader {
  /**
   * Loads KNOWLEDGE_DIR and validates it as a start does; only a valid base replaces the one
   * serving. Reloads run one at a time.
   */
  reload(): Promise<ReloadOutcome>;
  /** What is wrong with KNOWLEDGE_DIR as it is on disk, while the previous base keeps serving. */
  problems(): string[];
  /** Called after every reload, valid or not (e.g. to refresh the curators' App Home). */
  onReload(listener: (outcome: ReloadOutcome) => void): void;
  /** Stops watching. */
  close(): void;
}

export interface ReloaderOptions {
  config: Config;
  knowledge: LiveKnowledge;
  logger: Logger;
  /** Watch KNOWLEDGE_DIR and reload after edits settle; off, only `reload()` reloads. */
  watch: boolean;
  /** How long the folder must stay quiet before an edit is read (an editor writes in steps). */
  debounceMs?: number;
}

export function createReloader(options: ReloaderOptions): KnowledgeReloader {
  const { config, knowledge, logger } = options;
  let problems: string[] = [];
  const listeners: ((outcome: ReloadOutcome) => void)[] = [];
  let running: Promise<ReloadOutcome> | undefined;
  let again = false;

  const loadOnce = async (): Promise<ReloadOutcome> => {
    try {
      const next = await loadKnowledge(config);
      knowledge.replace(next);
      problems = [];
      const entries = next.engine.answerable.entries.length;
      logger.info("knowledge base reloaded", { entries });
      return { ok: true, entries };
    } catch (error) {
      problems =
        error instanceof KnowledgeDirError
          ? error.problems
          : [error instanceof Error ? error.message : String(error)];
      logger.warn("knowledge base edit refused; the previous one keeps serving", {
        problems: problems.length,
      });
      for (const problem of problems) logger.warn("knowledge base problem", { problem });
      return { ok: false, problems };
    }
  };

  const reload = (): Promise<ReloadOutcome> => {
    if (running) {
      // An edit during a reload may have been read too late: read once more after it.
      again = true;
      return running;
    }
    running = (async () => {
      let outcome: ReloadOutcome;
      do {
        again = false;
        outcome = await loadOnce();
      } while (again);
      running = undefined;
      for (const listener of listeners) listener(outcome);
      return outcome;
    })();
    return running;
  };

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    watcher = watch(config.knowledgeDir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), options.debounceMs ?? 300);
    });
    watcher.on("error", (error) => {
      logger.warn("watching the knowledge base stopped", { reason: error.name });
    });
  }

  return {
    reload,
    problems: () => problems,
    onReload: (listener) => listeners.push(listener),
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
