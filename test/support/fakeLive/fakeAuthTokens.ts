import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SetupRefusal } from './setupValidation'

/**
 * `POST {baseUrl}/v1alpha/auth_tokens`, single slash, a REST path rather than `/ws`
 * (live-protocol.md §7.1). A path prefix is kept the way the SDK keeps it (§1.1).
 */
const AUTH_TOKENS_PATH = /^(?:\/[^?]*?)?\/v1alpha\/auth_tokens(\?.*)?$/
const MAX_AHEAD_MS = 20 * 60 * 60_000
const MAX_BODY_BYTES = 64 * 1024

/** One token the fake issued, as the body asked for it (live-protocol.md §7.1–7.2 defaults filled in). */
export interface IssuedAuthToken {
  name: string
  expireTime: number
  newSessionExpireTime: number
  /** 0 means unlimited. */
  uses: number
  usesLeft: number
  bidiGenerateContentSetup: Record<string, unknown> | null
  /** Comma-separated setup paths; null locks every field the token's setup sets (§7.1). */
  fieldMask: string | null
  /** The request body as received, for tests that assert on what the backend asked for. */
  requestBody: Record<string, unknown>
}

const TOKEN_REFUSED: SetupRefusal = { code: 1008, reason: 'The auth token has expired or has no uses left.' }
const TOKEN_UNKNOWN: SetupRefusal = { code: 1007, reason: 'API key not valid. Please pass a valid API key.' }

/**
 * The fake server's ephemeral-token authority (live-protocol.md §7): issues tokens on
 * `POST /v1alpha/auth_tokens` for a request carrying an accepted `x-goog-api-key`, then admits
 * `BidiGenerateContentConstrained?access_token=auth_tokens/…` only for tokens it issued that are
 * unexpired and have uses left. A resume (a setup carrying a handle) does not count as a use and
 * is held only to `expireTime` (§7.2).
 */
export class FakeAuthTokens {
  readonly issued = new Map<string, IssuedAuthToken>()

  constructor(
    private readonly acceptKey: (key: string) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Answers the request when it is for this endpoint; false leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (!AUTH_TOKENS_PATH.test(req.url ?? '')) return false
    if (req.method !== 'POST') {
      answer(res, 405, { error: { code: 405, message: 'Method not allowed.', status: 'METHOD_NOT_ALLOWED' } })
      return true
    }
    const key = req.headers['x-goog-api-key']
    if (typeof key !== 'string' || !this.acceptKey(key)) {
      req.resume()
      answer(res, 400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } })
      return true
    }
    readBody(req).then(
      (text) => {
        let body: unknown
        try {
          body = text === '' ? {} : JSON.parse(text)
        } catch {
          return answer(res, 400, { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } })
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return answer(res, 400, { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } })
        }
        const result = this.mint(body as Record<string, unknown>)
        if ('error' in result) return answer(res, 400, { error: { code: 400, message: result.error, status: 'INVALID_ARGUMENT' } })
        answer(res, 200, result)
      },
      () => answer(res, 413, { error: { code: 413, message: 'Request payload too large.', status: 'INVALID_ARGUMENT' } }),
    )
    return true
  }

  /**
   * Issues a token for a create body (`expireTime`, `newSessionExpireTime`, `uses`,
   * `bidiGenerateContentSetup`, `fieldMask`); returns the `AuthToken` JSON or a refusal message.
   */
  mint(body: Record<string, unknown>): { name: string; expireTime: string; newSessionExpireTime: string; uses: number } | { error: string } {
    const now = this.now()
    const expireTime = body.expireTime === undefined ? now + 30 * 60_000 : Date.parse(String(body.expireTime))
    const newSessionExpireTime = body.newSessionExpireTime === undefined ? now + 60_000 : Date.parse(String(body.newSessionExpireTime))
    if (!Number.isFinite(expireTime) || !Number.isFinite(newSessionExpireTime)) return { error: 'Invalid value at expire_time (type.googleapis.com/google.protobuf.Timestamp).' }
    if (expireTime - now > MAX_AHEAD_MS || newSessionExpireTime - now > MAX_AHEAD_MS) return { error: 'expire_time must be less than 20 hours in the future.' }
    const uses = body.uses === undefined ? 1 : Number(body.uses)
    if (!Number.isInteger(uses) || uses < 0) return { error: 'Invalid value at uses (TYPE_INT32).' }
    const setup = body.bidiGenerateContentSetup
    const name = `auth_tokens/${randomBytes(24).toString('hex')}`
    this.issued.set(name, {
      name,
      expireTime,
      newSessionExpireTime,
      uses,
      usesLeft: uses,
      bidiGenerateContentSetup: typeof setup === 'object' && setup !== null ? (setup as Record<string, unknown>) : null,
      fieldMask: typeof body.fieldMask === 'string' ? body.fieldMask : null,
      requestBody: body,
    })
    return { name, expireTime: new Date(expireTime).toISOString(), newSessionExpireTime: new Date(newSessionExpireTime).toISOString(), uses }
  }

  /**
   * Admits a setup sent with token `name`: returns the effective setup (the token's locked fields
   * merged over the client's, §7.3) or the close to send before `setupComplete` (§7.4).
   * A new session spends one use.
   */
  admit(name: string, clientSetup: Record<string, unknown>): { setup: Record<string, unknown> } | { refusal: SetupRefusal } {
    const token = this.issued.get(name)
    if (!token) return { refusal: TOKEN_UNKNOWN }
    const now = this.now()
    const isResume = Boolean((clientSetup.sessionResumption as { handle?: string } | undefined)?.handle)
    if (now >= token.expireTime) return { refusal: TOKEN_REFUSED }
    if (!isResume) {
      if (now >= token.newSessionExpireTime || (token.uses !== 0 && token.usesLeft <= 0)) return { refusal: TOKEN_REFUSED }
      if (token.uses !== 0) token.usesLeft -= 1
    }
    return { setup: lockSetup(clientSetup, token.bidiGenerateContentSetup, token.fieldMask) }
  }
}

/**
 * The client's setup with the token's locked fields forced onto it. With a field mask, each
 * listed path (at most two levels, as the SDK builds them) takes the token's value, or is
 * removed when the token leaves it unset; without one, every field is the token's, except the
 * client's resumption handle (live-protocol.md §7.1, §7.3).
 */
export function lockSetup(clientSetup: Record<string, unknown>, locked: Record<string, unknown> | null, fieldMask: string | null): Record<string, unknown> {
  if (!locked) return clientSetup
  if (fieldMask === null) {
    return { ...locked, ...(clientSetup.sessionResumption !== undefined && locked.sessionResumption === undefined && { sessionResumption: clientSetup.sessionResumption }) }
  }
  const effective: Record<string, unknown> = structuredClone(clientSetup)
  for (const path of fieldMask.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [head, leaf] = path.split('.') as [string, string | undefined]
    if (leaf === undefined) {
      if (locked[head] === undefined) delete effective[head]
      else effective[head] = structuredClone(locked[head])
      continue
    }
    const source = locked[head] as Record<string, unknown> | undefined
    const target = { ...(effective[head] as Record<string, unknown> | undefined) }
    if (source?.[leaf] === undefined) delete target[leaf]
    else target[leaf] = structuredClone(source[leaf])
    if (Object.keys(target).length > 0) effective[head] = target
    else delete effective[head]
  }
  return effective
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body, null, 2))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new Error('too large')) : resolve(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}
