export type { Change } from "./apply.js";
export { StateLayoutError, StateStoreClosedError, StateVersionError } from "./errors.js";
export { DataDirLockedError, lockDataDir } from "./lock.js";
export type { Speaker } from "./paths.js";
export type { StateLogger } from "./person.js";
export { openRedisStateStore, type RedisStateStoreOptions } from "./redis-store.js";
export type { Feedback, PendingCheck, PersonState, Turn } from "./schema.js";
export { personStateSchema, stateVersion } from "./schema.js";
export { openStateStore, type StateStore, type StateStoreOptions } from "./store.js";
