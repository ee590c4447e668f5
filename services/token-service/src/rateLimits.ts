import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

/** The outcome of spending one request against a limit. */
export type LimitOutcome = { kind: 'allowed' } | { kind: 'limited'; retryAfterSeconds: number } | { kind: 'unavailable' }

/** Per-key request limits (rate-limiter-flexible: in memory, or in Redis shared by every instance). */
export interface RateLimits {
  /** Spends one token mint for an access code (keyed by the code's hash, never the code). */
  mint(codeId: string): Promise<LimitOutcome>
  /** Spends one failed authorisation for a client address. */
  failedAuth(address: string): Promise<LimitOutcome>
  /** Resolves once the store is reachable, or after `REDIS_READY_WAIT_MS` (then limits answer `unavailable` until it is). */
  ready(): Promise<void>
  close(): Promise<void>
}

export interface RateLimitOptions {
  mintsPerWindow: number
  failedAuthsPerWindow: number
  windowSeconds: number
  /** Set: limits live in this Redis, so every instance shares them. */
  redisUrl?: string
}

/** How long an instance waits for Redis before it starts answering anyway (with 503s until Redis is back). */
export const REDIS_READY_WAIT_MS = 2_000

/**
 * Builds the limits. With a Redis URL, a limiter error (Redis down) answers `unavailable` rather
 * than letting requests through unmetered; the ioredis client reconnects on its own.
 */
export function createRateLimits(options: RateLimitOptions): RateLimits {
  const redis = options.redisUrl ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false }) : null
  redis?.on('error', () => {})
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: options.windowSeconds, rejectIfRedisNotReady: true })
      : new RateLimiterMemory({ keyPrefix, points, duration: options.windowSeconds })
  const mints = limiter('sightline-token:mint', options.mintsPerWindow)
  const failures = limiter('sightline-token:auth-fail', options.failedAuthsPerWindow)
  return {
    mint: (codeId) => spend(mints, codeId),
    failedAuth: (address) => spend(failures, address),
    ready: async () => {
      if (!redis || redis.status === 'ready') return
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, REDIS_READY_WAIT_MS)
        redis.once('ready', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    },
    close: async () => {
      if (redis) await redis.quit().catch(() => redis.disconnect())
    },
  }
}

async function spend(limiter: RateLimiterAbstract, key: string): Promise<LimitOutcome> {
  try {
    await limiter.consume(key)
    return { kind: 'allowed' }
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) }
    return { kind: 'unavailable' }
  }
}
