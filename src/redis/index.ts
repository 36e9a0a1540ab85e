export {
  type ConnectOptions,
  connectRedis,
  type RedisClient,
  type RedisConnection,
  RedisStartError,
  redisErrorName,
} from "./connection.js";
export {
  acquireLock,
  type HeldLock,
  type LockOptions,
  LockTimeoutError,
  setIfAbsent,
} from "./lock.js";
