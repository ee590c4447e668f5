import { readFileSync } from 'node:fs'
import { ACCESS_CODE_PATTERN } from '../../../shared/tokenServiceWire'

/** Everything the token service reads from its environment (see the README's "Run it for your team"). */
export interface TokenServiceConfig {
  apiKey: string
  accessCodes: string[]
  host: string
  /** 0 takes any free port. */
  port: number
  /** `GOOGLE_GEMINI_BASE_URL`; undefined leaves the SDK's own default (live-protocol.md §1.1). */
  baseUrl: string | undefined
  /** The model every token is locked to (bare id). */
  model: string
  /** LiveConnectConfig fields (SDK names) locked into every token, from `TOKEN_SERVICE_LIVE_CONFIG`. */
  liveConfig: Record<string, unknown>
  /** Lifetime of a token's `expireTime`, seconds; at most 1800. */
  tokenTtlSeconds: number
  /** Tokens one access code may mint per window. */
  rateLimit: number
  rateWindowSeconds: number
  /** Failed authorisations one client address may make per window before 429. */
  failedAuthLimit: number
  redisUrl: string | undefined
  /** The organisation's update policy, handed to the app with every token. */
  autoUpdate: boolean
  /** Behind a load balancer: failed-auth limits key on the last `X-Forwarded-For` hop. */
  trustProxy: boolean
}

/**
 * The model tokens are locked to when TOKEN_SERVICE_MODEL is unset: the app's default, Google's
 * recommended Live model (shared/modelCatalogue.ts DEFAULT_MODEL_ID, live-protocol.md §0.1; the
 * 09-2025 native-audio preview it named before was retired).
 */
export const DEFAULT_TOKEN_MODEL = 'gemini-3.8-live'

/**
 * Reads the configuration from `env`. Throws an Error naming the variable on anything missing
 * or malformed, so a misconfigured instance never starts.
 */
export function readTokenServiceConfig(env: NodeJS.ProcessEnv): TokenServiceConfig {
  const apiKey = env.GEMINI_API_KEY?.trim()
  if (!apiKey) throw new Error('GEMINI_API_KEY is not set: the token service needs the organisation\'s Gemini API key.')
  const accessCodes = (env.TOKEN_SERVICE_ACCESS_CODES ?? '').split(',').map((c) => c.trim()).filter(Boolean)
  if (accessCodes.length === 0) throw new Error('TOKEN_SERVICE_ACCESS_CODES is not set: give a comma-separated list of access codes.')
  const badCode = accessCodes.findIndex((c) => !ACCESS_CODE_PATTERN.test(c))
  if (badCode >= 0) throw new Error(`TOKEN_SERVICE_ACCESS_CODES: code ${badCode + 1} must be 8–256 printable ASCII characters without spaces.`)
  const model = (env.TOKEN_SERVICE_MODEL?.trim() || DEFAULT_TOKEN_MODEL).replace(/^models\//, '')
  return {
    apiKey,
    accessCodes,
    host: env.TOKEN_SERVICE_HOST?.trim() || '127.0.0.1',
    port: integer(env, 'TOKEN_SERVICE_PORT', 8787, 0, 65_535),
    baseUrl: env.GOOGLE_GEMINI_BASE_URL?.trim() || undefined,
    model,
    liveConfig: readLiveConfig(env.TOKEN_SERVICE_LIVE_CONFIG),
    tokenTtlSeconds: integer(env, 'TOKEN_SERVICE_TOKEN_TTL_SECONDS', 1800, 120, 1800),
    rateLimit: integer(env, 'TOKEN_SERVICE_RATE_LIMIT', 30, 1, 1_000_000),
    rateWindowSeconds: integer(env, 'TOKEN_SERVICE_RATE_WINDOW_SECONDS', 60, 1, 86_400),
    failedAuthLimit: integer(env, 'TOKEN_SERVICE_FAILED_AUTH_LIMIT', 20, 1, 1_000_000),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    autoUpdate: readSwitch(env, 'TOKEN_SERVICE_AUTO_UPDATE', true),
    trustProxy: readSwitch(env, 'TOKEN_SERVICE_TRUST_PROXY', false),
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`)
  return value
}

function readSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (raw === 'on' || raw === 'true' || raw === '1') return true
  if (raw === 'off' || raw === 'false' || raw === '0') return false
  throw new Error(`${name} must be "on" or "off"; got "${raw}".`)
}

/** `TOKEN_SERVICE_LIVE_CONFIG`: a path to a JSON file holding one LiveConnectConfig object. */
function readLiveConfig(path: string | undefined): Record<string, unknown> {
  if (!path?.trim()) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path.trim(), 'utf8'))
  } catch (error) {
    throw new Error(`TOKEN_SERVICE_LIVE_CONFIG: cannot read ${path} as JSON (${(error as Error).message}).`, { cause: error })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`TOKEN_SERVICE_LIVE_CONFIG: ${path} must hold one JSON object (a LiveConnectConfig).`)
  if ('model' in parsed) throw new Error('TOKEN_SERVICE_LIVE_CONFIG: set the model with TOKEN_SERVICE_MODEL, not in the config file.')
  return parsed as Record<string, unknown>
}
