import { createHash, timingSafeEqual } from 'node:crypto'
import { ACCESS_CODE_PATTERN } from '../../../shared/tokenServiceWire'

/** What an `Authorization` header amounts to. */
export type AccessCheck = { kind: 'granted'; codeId: string } | { kind: 'malformed' } | { kind: 'missing' } | { kind: 'denied' }

/**
 * The access codes an instance accepts. Codes are compared as SHA-256 digests in constant time,
 * and callers get back only a short digest (`codeId`) to log and rate-limit by, never the code.
 */
export class AccessCodes {
  private readonly digests: Buffer[]

  constructor(codes: readonly string[]) {
    this.digests = codes.map(digest)
  }

  /** Checks `Authorization: Bearer <code>`; a code with control characters or spaces is `malformed`. */
  check(authorization: string | undefined): AccessCheck {
    if (authorization === undefined || authorization === '') return { kind: 'missing' }
    const match = /^Bearer ([^]*)$/i.exec(authorization)
    if (!match) return { kind: 'malformed' }
    const code = match[1]!
    if (!ACCESS_CODE_PATTERN.test(code)) return { kind: 'malformed' }
    const candidate = digest(code)
    let isKnown = false
    for (const known of this.digests) isKnown = timingSafeEqual(known, candidate) || isKnown
    return isKnown ? { kind: 'granted', codeId: candidate.toString('hex').slice(0, 16) } : { kind: 'denied' }
  }
}

function digest(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest()
}
