export { StateLayoutError, StateStoreClosedError, StateVersionError } from "./errors.js";
export { DataDirLockedError, lockDataDir } from "./lock.js";
export type { Speaker } from "./paths.js";
export type { Change, StateLogger } from "./person.js";
export type { Feedback, PendingCheck, PersonState, Turn } from "./schema.js";
export { personStateSchema, stateVersion } from "./schema.js";
export { openStateStore, type StateStore, type StateStoreOptions } from "./store.js";
