import { silentLogger } from "../../../src/logger.js";
import { connectRedis } from "../../../src/redis/index.js";
import { openRedisStateStore } from "../../../src/state/index.js";

/*
 * An instance that takes a person's turn and never finishes it: on Redis at argv[2] under prefix
 * argv[3], with a turn lock expiring after argv[4] ms, it says "deciding" from inside the turn and
 * then spins until it is killed.
 */
const [url = "", keyPrefix = "", lockTtl = "1000"] = process.argv.slice(2);
const redis = await connectRedis({ url, keyPrefix, logger: silentLogger });
const store = openRedisStateStore({
  redis,
  logger: silentLogger,
  retentionMs: 60_000,
  lockTtlMs: Number(lockTtl),
});
await store.update({ teamId: "T1", userId: "U1" }, () => {
  process.stdout.write("deciding\n");
  for (;;) {}
});
