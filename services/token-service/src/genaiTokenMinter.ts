import { GoogleGenAI } from '@google/genai'

/** A freshly minted ephemeral token (live-protocol.md §7.1). */
export interface MintedToken {
  name: string
  expireTime: string
  newSessionExpireTime: string
}

/** What the HTTP layer needs from whoever talks to Google. */
export interface TokenMinter {
  /** Throws when Google refuses or cannot be reached; the error never holds the key. */
  mint(): Promise<MintedToken>
}

export interface GenaiTokenMinterOptions {
  apiKey: string
  baseUrl: string | undefined
  model: string
  liveConfig: Record<string, unknown>
  tokenTtlSeconds: number
  /** How long one `authTokens.create` may take before it fails; default {@link UPSTREAM_TIMEOUT_MS}. */
  upstreamTimeoutMs?: number
  now?: () => number
}

/**
 * The SDK sets no client-side timeout of its own (it disables Undici's), so without this a hung
 * Google would hold every waiting client's request open; 10 s is far above a normal mint (ms).
 * It is our own timer, cleared once the call settles: the SDK's `httpOptions.timeout` leaves its
 * timer armed after a success (so a body can still be read), 2,000 live timers at 200 req/s.
 */
export const UPSTREAM_TIMEOUT_MS = 10_000

/** How long a token may open a new session: about a minute, the API's own default (§7.2). */
const NEW_SESSION_WINDOW_MS = 60_000

/**
 * Mints single-use tokens through the SDK's `authTokens.create` on v1alpha (live-protocol.md
 * §7.1) with one SDK client for the instance's life, so Undici's pool keeps its connections to
 * Google alive between requests: `uses: 1`, `expireTime` `tokenTtlSeconds` away (≤ 30 min), `newSessionExpireTime`
 * one minute away, and `liveConnectConstraints` with `lockAdditionalFields: []`, which locks
 * exactly the model and the config fields the organisation set.
 */
export class GenaiTokenMinter implements TokenMinter {
  private readonly ai: GoogleGenAI
  private readonly now: () => number

  constructor(private readonly options: GenaiTokenMinterOptions) {
    this.now = options.now ?? Date.now
    this.ai = new GoogleGenAI({
      apiKey: options.apiKey,
      httpOptions: { apiVersion: 'v1alpha', ...(options.baseUrl && { baseUrl: options.baseUrl }) },
    })
  }

  async mint(): Promise<MintedToken> {
    const timeoutMs = this.options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS
    const now = this.now()
    const expireTime = new Date(now + this.options.tokenTtlSeconds * 1000).toISOString()
    const newSessionExpireTime = new Date(now + NEW_SESSION_WINDOW_MS).toISOString()
    let token: { name?: string; expireTime?: string; newSessionExpireTime?: string }
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    try {
      token = await this.ai.authTokens.create({
        config: {
          uses: 1,
          expireTime,
          newSessionExpireTime,
          liveConnectConstraints: { model: this.options.model, config: this.options.liveConfig },
          lockAdditionalFields: [],
          abortSignal: deadline.signal,
        },
      })
    } catch (error) {
      throw new Error(`authTokens.create failed: ${describe(deadline.signal.aborted ? deadline.signal.reason : error, this.options.apiKey)}`, { cause: error })
    } finally {
      clearTimeout(timer)
    }
    if (!token.name?.startsWith('auth_tokens/')) throw new Error('authTokens.create answered without a token name')
    return { name: token.name, expireTime: token.expireTime ?? expireTime, newSessionExpireTime: token.newSessionExpireTime ?? newSessionExpireTime }
  }
}

/** The error's status and first line, with the key cut out should the SDK ever echo it. */
function describe(error: unknown, apiKey: string): string {
  const status = (error as { status?: unknown })?.status
  const message = String((error as Error)?.message ?? error).split('\n')[0]!.split(apiKey).join('[key]').slice(0, 300)
  return typeof status === 'number' ? `HTTP ${status}: ${message}` : message
}
