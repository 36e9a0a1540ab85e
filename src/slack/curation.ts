import type { Config } from "../config.js";
import type { ActivityLog } from "../curation/activity.js";
import { createEditor, type KnowledgeEditor } from "../curation/editor.js";
import type { Curation } from "../curation/index.js";
import type { LiveKnowledge } from "../curation/live.js";
import type { MissesLog } from "../curation/misses.js";
import type { KnowledgeReloader } from "../curation/reload.js";
import type { ReminderLog } from "../curation/reminders.js";
import { groupMisses, type MissGroup } from "../curation/review.js";
import { formatStats, periodStats } from "../curation/stats.js";
import { isOverdue } from "../knowledge/verification.js";
import type { CuratorHome } from "./render/curator-home.js";

/** What the curators' side of the Slack app works with. */
export interface SlackCuration {
  /** Slack user ids (CURATORS). */
  curators: ReadonlySet<string>;
  knowledge: LiveKnowledge;
  reloader: KnowledgeReloader;
  misses: MissesLog;
  activity: ActivityLog;
  editor: KnowledgeEditor;
  /** The owners' reminders already sent. */
  reminders: ReminderLog;
  /** KB_STALE_DAYS: the verification interval of an entry that names none. */
  staleDays: number;
  /** Figures for App Home (no message text), from the counts. */
  stats(now: Date): Promise<string[]>;
}

export async function missGroups(curation: SlackCuration): Promise<MissGroup[]> {
  const { knowledge } = curation;
  return groupMisses(await curation.misses.open(), knowledge.analyzer(), knowledge.engine.kb);
}

export async function curatorHome(
  curation: SlackCuration,
  now: Date,
  notice?: string,
): Promise<CuratorHome> {
  const stale = curation.knowledge.engine.kb.entries
    .filter((entry) => isOverdue(entry, now, curation.staleDays))
    .sort((a, b) => a.checked.localeCompare(b.checked))
    .map((entry) => ({
      id: entry.id,
      question: entry.question,
      checked: entry.checked,
      owner: entry.owner,
    }));
  return {
    notice,
    problems: curation.reloader.problems(),
    groups: await missGroups(curation),
    stale,
    stats: await curation.stats(now),
  };
}

/** The curation side when this person is a curator; undefined for everyone else. */
export function asCurator(
  curation: SlackCuration | undefined,
  userId: string,
): SlackCuration | undefined {
  return curation?.curators.has(userId) ? curation : undefined;
}

/** The curators' side as `npm start` wires it: the config's curators, editor and figures. */
export function createSlackCuration(options: {
  config: Config;
  knowledge: LiveKnowledge;
  reloader: KnowledgeReloader;
  curation: Curation;
}): SlackCuration {
  const { config, knowledge, reloader, curation } = options;
  const slack: SlackCuration = {
    curators: new Set(config.curators),
    knowledge,
    reloader,
    misses: curation.misses,
    activity: curation.activity,
    editor: createEditor({
      knowledgeDir: config.knowledgeDir,
      threshold: config.matchThreshold,
      staleDays: config.kbStaleDays,
    }),
    reminders: curation.reminders,
    staleDays: config.kbStaleDays,
    async stats(now) {
      const [events, groups] = await Promise.all([
        curation.activity.since(new Date(now.getTime() - 30 * 24 * 3600_000)),
        missGroups(slack),
      ]);
      return [7, 30].flatMap((days) => formatStats(periodStats(events, groups, now, days)));
    },
  };
  return slack;
}
