import type { Config } from "../config.js";
import type { TurnRecorder } from "../core/recorder.js";
import type { RedisConnection } from "../redis/index.js";
import { type ActivityLog, openActivityLog } from "./activity.js";
import type { LiveKnowledge } from "./live.js";
import { type MissesLog, openMissesLog } from "./misses.js";
import { createRecorder } from "./recorder.js";
import { openReminderLog, type ReminderLog } from "./reminders.js";

export interface Curation {
  misses: MissesLog;
  activity: ActivityLog;
  recorder: TurnRecorder;
  reminders: ReminderLog;
  /** Deletes misses and counts older than MISSES_RETENTION_DAYS; resolves with the misses gone. */
  prune(now: Date): Promise<number>;
}

/**
 * The misses log (under DATA_DIR, or in Redis when `redis` is given), the counts and reminders
 * under DATA_DIR, and what records into them from the core.
 */
export async function openCuration(
  config: Config,
  knowledge: LiveKnowledge,
  redis?: RedisConnection,
): Promise<Curation> {
  const [misses, activity, reminders] = await Promise.all([
    openMissesLog({
      ...(redis ? { redis, retentionMs: config.misses.retentionMs } : { dataDir: config.dataDir }),
      enabled: config.misses.enabled,
      secret: config.misses.askerSecret,
    }),
    openActivityLog(config.dataDir),
    openReminderLog(config.dataDir),
  ]);
  const recorder = createRecorder({
    misses,
    activity,
    answers: () => knowledge.engine.answers,
    analyzer: () => knowledge.analyzer(),
  });
  return {
    misses,
    activity,
    recorder,
    reminders,
    async prune(now) {
      const olderThan = new Date(now.getTime() - config.misses.retentionMs);
      const [gone] = await Promise.all([misses.prune(olderThan), activity.prune(olderThan)]);
      return gone;
    },
  };
}
